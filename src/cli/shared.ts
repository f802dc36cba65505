/** Options and helpers every command module shares (kept out of `main.ts`, which imports the modules). */
import { Option } from 'commander';
import { NotFoundError } from '../errors.js';
import { loadConfig, parseProbability, parseSize } from '../config.js';
import { openStore, type OpenOptions } from '../store/open.js';
import { rebuildProgress } from './progress.js';
import type { Store } from '../store/store.js';

export interface GlobalOptions {
  db: string;
}

export function dbOption(): Option {
  return new Option('--db <location>', 'SQLite file or postgres:// URL (env ARMSCOPE_DB)').default(loadConfig().db);
}

/** A stored document by id or unique prefix, or a NotFoundError naming the store. */
export async function documentOrFail(store: Store, id: string, location: string) {
  const doc = await store.getDocument(id);
  if (!doc) throw new NotFoundError(`no document ${id} in ${location}`, { id });
  return doc;
}

/** `openStore` for a command: a rebuild that opening asks for (a store from an older armscope) shows its progress. */
export function openCliStore(location: string, options: OpenOptions = {}): Promise<Store> {
  return openStore(location, { onRebuild: rebuildProgress(), ...options });
}

/** Opens the store a command names, runs `fn`, and always closes it. */

export async function withStore<T>(location: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openCliStore(location);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** `--min-confidence`; without it a command takes ARMSCOPE_MIN_CONFIDENCE, else the fitted model's threshold
 *  (read in the action, so a bad setting is reported like any other error). */
export function minConfidenceOption(): Option {
  return new Option('--min-confidence <p>', "leave out events less likely to be right than p, 0-1 (env ARMSCOPE_MIN_CONFIDENCE; default: the model's threshold, data/confidence.json)")
    .argParser((v) => parseProbability(v, '--min-confidence'));
}

export function sizeOption(): Option {
  return new Option('--max-bytes <size>', 'size cap per input, e.g. 20MB (env ARMSCOPE_MAX_BYTES)')
    .default(loadConfig().maxBytes).argParser((v) => parseSize(v));
}

