/**
 * The PostgreSQL store, for teams: many workers on many machines write to one database. Unlike a SQLite
 * file it is not migrated behind the user's back: `armscope migrate` does that once, and every other
 * command refuses a database whose schema is not the current one.
 */
import { postgresBackend, type PostgresOptions } from './dialect.js';
import { SqlStore } from './sql-store.js';
import type { MigrationReport } from './migrations/runner.js';
import type { OnRebuild } from './store.js';

export class PostgresStore extends SqlStore {
  /**
   * @example const store = await PostgresStore.open('postgres://postgres@127.0.0.1:5432/armscope');
   */
  static async open(url: string, options: PostgresOptions & { migrate?: boolean; onRebuild?: OnRebuild } = {}): Promise<PostgresStore> {
    const backend = await postgresBackend(url, options);
    try {
      if (!options.migrate) await SqlStore.check(backend);
    } catch (error) {
      await backend.close();
      throw error;
    }
    let report: Promise<MigrationReport> | undefined;
    let self: PostgresStore | undefined;
    const ready = options.migrate ? Promise.resolve().then(() => (report = SqlStore.migrate(backend, self!, options.onRebuild))) : Promise.resolve();
    self = new PostgresStore(backend.label, backend, ready);
    await ready;
    self.migration = report && await report;
    return self;
  }

  /** What `open({ migrate: true })` applied. */
  migration?: MigrationReport;
}
