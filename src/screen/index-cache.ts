/**
 * The match index a long-running process (the API server) keeps per store: built on first use, and built
 * again when the store's list versions change (a `lists load` from another process), checked per request
 * with one small query. Concurrent requests share one build.
 */
import type { Store } from '../store/store.js';
import type { MatchIndex } from './match-index.js';
import { buildIndex } from './screen.js';
import type { ListVersion } from './types.js';

interface Entry { signature: string; built: Promise<{ index: MatchIndex; versions: ListVersion[] }> }
const cache = new WeakMap<Store, Entry>();

const signatureOf = (versions: ListVersion[]) => versions.map((v) => v.version).join(' ');

export async function currentIndex(store: Store): Promise<{ index: MatchIndex; versions: ListVersion[] }> {
  const signature = signatureOf(await store.listScreenLists());
  let entry = cache.get(store);
  if (!entry || entry.signature !== signature) {
    entry = { signature, built: buildIndex(store) };
    cache.set(store, entry);
    entry.built.catch(() => cache.delete(store));
  }
  return entry.built;
}
