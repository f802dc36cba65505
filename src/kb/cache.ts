/**
 * Compiled-catalog cache. Reading, validating and compiling the catalog is the bulk of every command's start;
 * its result depends only on the catalog files, so it is kept, keyed by a hash of their bytes (and of the
 * code and V8 versions that wrote it), under `ARMSCOPE_CACHE_DIR` (default `~/.cache/armscope`; `off`
 * disables it). A file that changes by one byte gets a new key and is validated again; only catalogs that
 * validated without an issue are kept, the three most recent. A cache that cannot be read or written is
 * skipped, never an error.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Catalog } from './catalog.js';
import type { MatcherState } from './matcher.js';

/** Bumped whenever the cached shapes (catalog, trie) change. */
const FORMAT = 7;
/** Compilations kept side by side. */
const KEEP = 3;

export interface CompiledCatalog {
  catalog: Catalog;
  matcher: MatcherState;
}

export function cacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.ARMSCOPE_CACHE_DIR;
  if (configured === 'off' || configured === '0') return undefined;
  if (configured) return configured;
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'armscope');
}

/** The cache key of a catalog made of these files. */
export function cacheKey(files: string[]): string {
  const require = createRequire(import.meta.url);
  const hash = createHash('sha256');
  const own = require('../../package.json') as { version: string };
  const countries = require('i18n-iso-countries/package.json') as { version: string };
  hash.update(`armscope ${own.version} format ${FORMAT} v8 ${process.versions.v8} countries ${countries.version}\n`);
  for (const file of files) {
    hash.update(`${file}\n`);
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 24);
}

// File layout: a 4-byte length, the core (catalog without its alias list, and the trie), then the alias list,
// which only `kb search` reads: it is deserialized on first use, so a start pays for what recognition needs.
export function readCompiled(key: string, dir = cacheDir()): CompiledCatalog | undefined {
  if (!dir) return undefined;
  try {
    const bytes = readFileSync(join(dir, `catalog-${key}.bin`));
    const coreLength = bytes.readUInt32LE(0);
    const compiled = deserialize(bytes.subarray(4, 4 + coreLength)) as CompiledCatalog;
    const rest = bytes.subarray(4 + coreLength);
    if (!rest.length) return undefined;
    let aliases: Catalog['aliases'] | undefined;
    Object.defineProperty(compiled.catalog, 'aliases', {
      enumerable: true,
      get: () => (aliases ??= deserialize(rest) as Catalog['aliases']),
      set: (value: Catalog['aliases']) => { aliases = value; },
    });
    return compiled;
  } catch {
    return undefined; // absent, truncated or from another build: compile afresh
  }
}

export function writeCompiled(key: string, compiled: CompiledCatalog, dir = cacheDir()): void {
  if (!dir || compiled.catalog.issues.length) return;
  try {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `catalog-${key}.bin`);
    const partial = `${file}.${process.pid}.tmp`;
    const core = serialize({ catalog: { ...compiled.catalog, aliases: [] }, matcher: compiled.matcher });
    const length = Buffer.alloc(4);
    length.writeUInt32LE(core.length);
    writeFileSync(partial, Buffer.concat([length, core, serialize(compiled.catalog.aliases)]));
    renameSync(partial, file); // readers see the whole file or none
    // A few compilations are kept (users switch between catalog folders); older ones are of no use.
    const others = readdirSync(dir).filter((n) => /^catalog-[0-9a-f]+\.bin$/.test(n) && n !== `catalog-${key}.bin`)
      .map((n) => ({ n, t: statSync(join(dir, n)).mtimeMs })).sort((a, b) => b.t - a.t);
    for (const { n } of others.slice(KEEP - 1)) rmSync(join(dir, n), { force: true });
  } catch {
    // A read-only home or a full disk costs the next start its speed, nothing else.
  }
}
