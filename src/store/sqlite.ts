/**
 * The embedded store: one SQLite file (WAL mode), migrated to the current schema when opened, so an
 * analyst's file from an older armscope upgrades in place. Each document is written in a single
 * transaction, so a crash or a kill mid-ingest leaves either the whole document or none of it.
 */
import { sqliteBackend, type SqliteOptions } from './dialect.js';
import { SqlStore } from './sql-store.js';
import type { OnRebuild } from './store.js';

export class SqliteStore extends SqlStore {
  /** @example const store = new SqliteStore('./armscope.db'); await store.countDocuments(); */
  constructor(location: string, options: SqliteOptions & { onRebuild?: OnRebuild } = {}) {
    const backend = sqliteBackend(location, options);
    let self: SqliteStore | undefined;
    // Migrations run as soon as the constructor returns; every method waits for them.
    super(location, backend, Promise.resolve().then(() => SqlStore.migrate(backend, self!, options.onRebuild)));
    self = this;
  }
}
