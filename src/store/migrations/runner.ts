/**
 * Versioned migrations: the pending versions run in one transaction with the rows that record them, so a
 * kill mid-migration leaves the store at the version it had. On PostgreSQL a lock held for the transaction lets
 * any number of processes call `migrate` at once; only the first applies anything.
 */
import { sql, type Kysely } from 'kysely';
import { ConfigError } from '../../errors.js';
import type { Backend } from '../dialect.js';

export interface Migration {
  version: number;
  name: string;
  /** One SQL statement each (drivers differ on several per call). */
  statements: string[];
}

export interface MigrationReport {
  from: number;
  to: number;
  applied: { version: number; name: string }[];
}

const MIGRATION_LOCK = 'armscope:migrations';

async function hasTable(db: Kysely<any>, backend: Backend, name: string): Promise<boolean> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  return tables.some((t) => t.name === name && (backend.kind === 'sqlite' || t.schema === 'public' || t.schema === undefined));
}

/** The schema version a store is at: 0 for an empty database. */
export async function schemaVersion(backend: Backend): Promise<number> {
  const db = backend.db as unknown as Kysely<any>;
  if (await hasTable(db, backend, 'armscope_migrations')) {
    const row = await db.selectFrom('armscope_migrations').select(sql<number>`max(version)`.as('v')).executeTakeFirst();
    return Number(row?.v ?? 0);
  }
  // Files of armscope before versioned migrations: schema_version holds 1.
  if (await hasTable(db, backend, 'schema_version')) {
    const row = await db.selectFrom('schema_version').select('version').executeTakeFirst();
    return Number(row?.version ?? 0);
  }
  return 0;
}

/**
 * The versions recorded as applied (empty for an empty database or a file from before versioned migrations).
 * Versions are added side by side and not always in order of number, so a store can be at a high version
 * and still lack a lower one: callers compare sets, not just the highest number.
 */
export async function appliedVersions(backend: Backend): Promise<Set<number>> {
  const db = backend.db as unknown as Kysely<any>;
  if (!(await hasTable(db, backend, 'armscope_migrations'))) return new Set();
  return new Set((await db.selectFrom('armscope_migrations').select('version').execute()).map((r) => Number(r.version)));
}

/** Applies every pending migration; refuses a store written by a newer armscope. */
export async function runMigrations(backend: Backend, migrations: Migration[]): Promise<MigrationReport> {
  const latest = migrations[migrations.length - 1].version;
  const from = await schemaVersion(backend);
  if (from > latest) {
    throw new ConfigError(`${backend.label} has schema version ${from}, newer than this armscope knows (${latest}); upgrade armscope to use it`,
      { location: backend.label, version: from, known: latest });
  }
  // Every pending version in one transaction under one lock: a process that finds the lock taken waits and
  // then finds everything applied, instead of taking turns with the first version by version.
  const applied = await backend.write(async (trx) => {
    const done: MigrationReport['applied'] = [];
    await backend.lock(trx, [MIGRATION_LOCK]);
    await sql`CREATE TABLE IF NOT EXISTS armscope_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)`.execute(trx);
    const db = trx as unknown as Kysely<any>;
    const have = new Set((await db.selectFrom('armscope_migrations').select('version').execute()).map((r) => Number(r.version)));
    for (const migration of migrations) {
      // A legacy file at version 1 has version 1's tables already: its statements are all IF NOT EXISTS.
      if (have.has(migration.version)) continue;
      for (const statement of migration.statements) await sql.raw(statement).execute(trx);
      await db.insertInto('armscope_migrations').values({ version: migration.version, name: migration.name, applied_at: new Date().toISOString() }).execute();
      done.push({ version: migration.version, name: migration.name });
    }
    return done;
  });
  return { from, to: latest, applied };
}
