import { ConfigError } from '../errors.js';
import type { OnRebuild, Store } from './store.js';
import type { MigrationReport } from './migrations/runner.js';

// The query builder and the drivers load when a store is opened, not with every command (`kb`, `--help`).
const sqlite = () => import('./sqlite.js');
const postgres = () => import('./postgres.js');

export const isPostgresUrl = (location: string) => /^postgres(ql)?:\/\//i.test(location);

export interface OpenOptions {
  migrate?: boolean;
  poolSize?: number;
  /** Progress of a rebuild that a migration asks for (a store from an older armscope): minutes on a large store. */
  onRebuild?: OnRebuild;
}

/**
 * Opens the store a location names: a file path (SQLite, migrated on open) or a postgres:// URL
 * (PostgreSQL, which must have been migrated with `armscope migrate`).
 * @example const store = await openStore(process.env.ARMSCOPE_DB ?? './armscope.db');
 */
export async function openStore(location: string, options: OpenOptions = {}): Promise<Store> {
  if (!location) throw new ConfigError('no database given: set ARMSCOPE_DB or pass --db', {});
  if (isPostgresUrl(location)) return (await postgres()).PostgresStore.open(location, options);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new ConfigError(`${location} is neither a file path nor a postgres:// URL`, { location });
  }
  const store = new (await sqlite()).SqliteStore(location, { onRebuild: options.onRebuild });
  // Surfaces a file that cannot be opened or migrated here, naming it, rather than at the first query.
  try {
    await store.countDocuments();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/**
 * Brings a store's schema to the current version: `armscope migrate`.
 * @example const { from, to } = await migrateStore('postgres://postgres@127.0.0.1/armscope');
 */
export async function migrateStore(location: string, options: Pick<OpenOptions, 'onRebuild'> = {}): Promise<MigrationReport & { location: string }> {
  if (isPostgresUrl(location)) {
    const store = await (await postgres()).PostgresStore.open(location, { migrate: true, onRebuild: options.onRebuild });
    await store.close();
    return { ...store.migration!, location: store.location };
  }
  const { sqliteBackend } = await import('./dialect.js');
  const { runMigrations } = await import('./migrations/runner.js');
  const { SQLITE_MIGRATIONS } = await import('./migrations/sqlite.js');
  // Opening a SQLite store migrates it; the report comes from running the (then empty) list once more
  // would say nothing, so run it here first.
  const backend = sqliteBackend(location);
  let report: MigrationReport;
  try {
    report = await runMigrations(backend, SQLITE_MIGRATIONS);
  } finally {
    await backend.close();
  }
  const store = new (await sqlite()).SqliteStore(location, { onRebuild: options.onRebuild });
  await store.countDocuments();
  await store.close();
  return { ...report, location };
}
