/**
 * The match index kept on disk between runs. Building it means reading every listed party from the store
 * and normalising each name (a minute for a million parties on a busy machine); what it holds depends only
 * on the loaded list versions and on the code that normalises and indexes names. So a finished index is
 * written under `ARMSCOPE_CACHE_DIR` (as the compiled catalog is; `off` disables it), keyed by a hash of the
 * list versions (each names its load time and file hash), of that code's source and of the V8 version, and
 * read back instead of rebuilt. A reload of a list gives a new key; a cache that cannot be read or written is
 * skipped, never an error. The two most recent indexes are kept.
 *
 * Trap: the key hashes `names.ts`, `match-index.ts` and the folding in `text/normalise.ts`; code elsewhere that
 * changes what the index holds must be added to SOURCES.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { cacheDir } from '../kb/cache.js';
import { MatchIndex, type IndexState } from './match-index.js';
import type { ListVersion } from './types.js';

const SOURCES = ['./names.ts', './match-index.ts', '../text/normalise.ts', '../store/screen.ts'];
const KEEP = 2;
const PREFIX = 'screen-index-';

export function indexKey(versions: ListVersion[]): string {
  const hash = createHash('sha256');
  hash.update(`v8 ${process.versions.v8}\n${versions.map((v) => `${v.version} ${v.sha256}`).join('\n')}\n`);
  for (const source of SOURCES) {
    try { hash.update(readFileSync(fileURLToPath(new URL(source, import.meta.url)))); } catch { hash.update(`missing ${source}`); }
  }
  return hash.digest('hex').slice(0, 24);
}

export function readIndex(key: string, dir = cacheDir()): MatchIndex | undefined {
  if (!dir) return undefined;
  try {
    return MatchIndex.restore(deserialize(readFileSync(join(dir, `${PREFIX}${key}.bin`))) as IndexState);
  } catch {
    return undefined;
  }
}

/** Writes an index (to a temporary name, then renamed: a reader never sees half a file) and keeps the newest two. */
export function writeIndex(key: string, index: MatchIndex, dir = cacheDir()): void {
  if (!dir) return;
  try {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${PREFIX}${key}.bin`);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, serialize(index.snapshot()));
    renameSync(temporary, file);
    const kept = readdirSync(dir).filter((f) => f.startsWith(PREFIX) && f.endsWith('.bin'))
      .map((f) => ({ f, t: statSync(join(dir, f)).mtimeMs })).sort((a, b) => b.t - a.t);
    for (const old of kept.slice(KEEP)) rmSync(join(dir, old.f), { force: true });
  } catch {
    // A cache is an optimisation: a full disk or a read-only home costs a rebuild next time, nothing more.
  }
}
