/**
 * The two backends as the store sees them: one Kysely instance each (better-sqlite3 or pg), and the few
 * things SQL cannot say the same way in both: how a write transaction starts, how concurrent writers are
 * kept apart, and how the full-text index is written and asked. Everything else is shared query code.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Expression, type SqlBool } from 'kysely';
import pg from 'pg';
import { ArmscopeError, ConfigError, StoreError } from '../errors.js';
import type { Schema } from './schema.js';

export interface Backend {
  readonly kind: 'sqlite' | 'postgres';
  /** The location as it may be shown: a path, or the URL without its password. */
  readonly label: string;
  readonly db: Kysely<Schema>;
  /** Runs `fn` in a write transaction: all of it or none of it. */
  write<T>(fn: (trx: Kysely<Schema>) => Promise<T>): Promise<T>;
  /**
   * Inside `write`: waits until no other transaction holds any of `keys`, and holds them until commit.
   * SQLite has one writer at a time already, so only PostgreSQL needs it.
   */
  lock(trx: Kysely<Schema>, keys: string[]): Promise<void>;
  /** Inside `write`: indexes a stored document's folded words (see `searchTerms`). */
  indexSearch(trx: Kysely<Schema>, documentId: string, terms: string): Promise<void>;
  /**
   * A condition on `documents` rows: the document holds every one of the folded words. `many`: the words
   * are common, so the query should walk the newest-first index and test each row, not fetch every match.
   */
  matches(words: string[], many?: boolean): Expression<SqlBool>;
  /** Whether at least `atLeast` documents hold every word (SQLite's search picks its plan by it). */
  manyMatches(db: Kysely<Schema>, words: string[], atLeast: number): Promise<boolean>;
  close(): Promise<void>;
}

export interface SqliteOptions {
  /** Caps the file at this many pages (SQLite's max_page_count): a quota, and how tests fill a "disk". */
  maxPageCount?: number;
}

/** A write refused for want of space, as a message that names the file and says nothing was lost. */
function sqliteWriteError(location: string, error: unknown): unknown {
  const code = (error as { code?: string }).code;
  if (code === 'SQLITE_FULL') {
    return new StoreError(`${location}: the disk (or the file's size cap) is full; the document being written was not stored and the store is intact: free space and run the command again`,
      { location, code }, { cause: error });
  }
  return error;
}

/** Each word quoted: FTS5 then reads it as a plain term, never as query syntax. */
function ftsQuery(words: string[]): string {
  return words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' ');
}

/** The SQLite file store. Each write is one `BEGIN IMMEDIATE` transaction, so a second process waits instead of failing. */
export function sqliteBackend(location: string, options: SqliteOptions = {}): Backend {
  if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
  let database: Database.Database;
  try {
    database = new Database(location);
    database.pragma('journal_mode = WAL');
  } catch (error) {
    throw new ConfigError(`cannot open SQLite database ${location}: ${(error as Error).message}`, { location }, { cause: error });
  }
  database.pragma('synchronous = NORMAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  if (options.maxPageCount) database.pragma(`max_page_count = ${Math.floor(options.maxPageCount)}`);
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database }) });
  return {
    kind: 'sqlite',
    label: location,
    db,
    write: (fn) => db.connection().execute(async (conn) => {
      await sql`BEGIN IMMEDIATE`.execute(conn);
      try {
        const result = await fn(conn);
        await sql`COMMIT`.execute(conn);
        return result;
      } catch (error) {
        if (database.inTransaction) await sql`ROLLBACK`.execute(conn);
        throw sqliteWriteError(location, error);
      }
    }),
    lock: async () => {},
    indexSearch: async (trx, documentId, terms) => {
      // Replaces: a reindex writes the same rowid again.
      await sql`DELETE FROM documents_fts WHERE rowid = (SELECT rowid FROM documents WHERE id = ${documentId})`.execute(trx);
      await sql`INSERT INTO documents_fts (rowid, body) SELECT rowid, ${terms} FROM documents WHERE id = ${documentId}`.execute(trx);
    },
    // The unary + keeps SQLite from driving the query by rowid lookups, so it walks the ORDER BY index.
    matches: (words, many) => (many
      ? sql<SqlBool>`+documents.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ${ftsQuery(words)})`
      : sql<SqlBool>`documents.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ${ftsQuery(words)})`),
    manyMatches: async (conn, words, atLeast) => {
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ${ftsQuery(words)} LIMIT ${atLeast})`.execute(conn);
      return Number(rows[0]?.n ?? 0) >= atLeast;
    },
    close: () => db.destroy(),
  };
}

/** `postgres://user:***@host:5432/db`: a URL fit for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

/** A PostgreSQL failure to connect, as a message that names the server and what to do. */
export function connectionError(url: string, error: unknown): ArmscopeError {
  const e = error as { code?: string; message?: string };
  let where = redactUrl(url);
  let database = '';
  try { const u = new URL(url); where = `${u.hostname}:${u.port || 5432}`; database = decodeURIComponent(u.pathname.slice(1)); } catch { /* shown as given */ }
  const details = { location: redactUrl(url), code: e.code };
  switch (e.code) {
    case 'ECONNREFUSED': case 'ENOTFOUND': case 'EHOSTUNREACH': case 'ETIMEDOUT': case 'EAI_AGAIN':
      return new ConfigError(`cannot reach PostgreSQL at ${where} (${e.code}); is the server running, and is ARMSCOPE_DB right?`, details, { cause: error });
    case '3D000':
      return new ConfigError(`database "${database}" does not exist on ${where}; create it (createdb ${database}), then run armscope migrate`, details, { cause: error });
    case '28P01': case '28000':
      return new ConfigError(`PostgreSQL at ${where} refused the login: ${e.message}`, details, { cause: error });
    default:
      return new ConfigError(`PostgreSQL at ${where}: ${e.message ?? String(error)}`, details, { cause: error });
  }
}

/** Advisory-lock keys are 64-bit numbers: taken in numeric order, so two writers never wait on each other in a circle. */
function lockKey(key: string): bigint {
  return createHash('sha256').update(key).digest().readBigInt64BE(0);
}

const RETRYABLE = new Set(['40P01', '40001']);

export interface PostgresOptions {
  /** Connections in the pool (default 4). */
  poolSize?: number;
}

/** The PostgreSQL store: a pool of connections; writers of the same document, band or record pair wait on advisory locks. */
export async function postgresBackend(url: string, options: PostgresOptions = {}): Promise<Backend> {
  try { new URL(url); } catch (error) {
    throw new ConfigError(`not a valid PostgreSQL URL: ${redactUrl(url)} (expected postgres://user@host:5432/database)`, { location: redactUrl(url) }, { cause: error });
  }
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 4, connectionTimeoutMillis: 10_000 });
  // An idle connection that the server drops (restart, admin shutdown) must not bring the process down;
  // the next query opens a new one.
  pool.on('error', () => {});
  // The same for a connection that is checked out but between queries (inside a transaction while the
  // records are merged) when the server goes: its next query fails, and the transaction with it.
  pool.on('connect', (client) => { client.on('error', () => {}); });
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    throw connectionError(url, error);
  }
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    label: redactUrl(url),
    db,
    async write(fn) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction().execute(fn);
        } catch (error) {
          if (attempt >= 5 || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
        }
      }
    },
    async lock(trx, keys) {
      const ordered = [...new Set(keys.map(lockKey))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const key of ordered) await sql`SELECT pg_advisory_xact_lock(${key.toString()}::bigint)`.execute(trx);
    },
    indexSearch: async (trx, documentId, terms) => {
      await sql`UPDATE documents SET search = to_tsvector('simple', ${terms}) WHERE id = ${documentId}`.execute(trx);
    },
    matches: (words) => sql<SqlBool>`documents.search @@ plainto_tsquery('simple', ${words.join(' ')})`,
    manyMatches: async () => true,
    close: () => db.destroy(),
  };
}
