import { ConfigError } from '../errors.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './store.js';

/**
 * Opens the store a location names: a file path (SQLite) or a postgres:// URL.
 * @example const store = await openStore('./armscope.db');
 */
export async function openStore(location: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//i.test(location)) {
    throw new ConfigError(`PostgreSQL stores are not available in this version of armscope; use a file path for ARMSCOPE_DB`, { location });
  }
  return new SqliteStore(location);
}
