/**
 * The two backends as the store sees them: one Kysely instance each (better-sqlite3 or pg), and the few
 * things SQL cannot say the same way in both: how a write transaction starts, how concurrent writers are
 * kept apart, and how the full-text index is written and asked. Everything else is shared query code.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql, type RawBuilder } from 'kysely';
import pg from 'pg';
import { ArmscopeError, ConfigError, StoreError } from '../errors.js';
import type { Schema } from './schema.js';
import { monthStartKey, monthWord, publishedMonthWord, SEQ_SPAN, searchDay, searchKey, searchMonth } from './search.js';

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
  /**
   * Inside `write`: indexes a stored document's folded words (see `searchTerms`) under its key (`searchKey`);
   * indexing a document again replaces its words and keeps its key.
   */
  indexSearch(trx: Kysely<Schema>, doc: { id: string; published: string | null }, terms: string): Promise<void>;
  /**
   * Documents holding every one of the folded words, read from the index in descending key order (newest
   * first): at most `limit`, with keys below `before` and inside `min`..`below`. The index alone answers,
   * so the cost follows `limit`, not the number of documents that match.
   */
  searchHits(db: Kysely<Schema>, words: string[], page: SearchPage): Promise<SearchHit[]>;
  /** Columns a new document row takes from the backend: SQLite numbers documents in the order it stores them. */
  readonly newDocument: { seq?: RawBuilder<number> };
  close(): Promise<void>;
}

export interface SearchPage {
  limit: number;
  before?: number;
  min?: number;
  below?: number;
}

export interface SearchHit {
  id: string;
  key: number;
}

/** ` AND key < … AND key >= …` for a page of the index, with `column` as the key. */
function keyBounds(column: string, page: SearchPage) {
  const upper = Math.min(page.before ?? Infinity, page.below ?? Infinity);
  const parts = [];
  if (Number.isFinite(upper)) parts.push(sql`AND ${sql.raw(column)} < ${upper}`);
  if (page.min !== undefined) parts.push(sql`AND ${sql.raw(column)} >= ${page.min}`);
  return sql.join(parts, sql` `);
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
    // Set in the INSERT itself: an UPDATE afterwards would write the whole row, text and all, a second time.
    newDocument: { seq: sql<number>`(SELECT coalesce(max(seq), 0) + 1 FROM documents)` },
    indexSearch: async (trx, doc, terms) => {
      // The FTS rowid is the key; documents.seq (not the rowid, which VACUUM may renumber) leads back.
      const { rows } = await sql<{ seq: number | null }>`SELECT seq FROM documents WHERE id = ${doc.id}`.execute(trx);
      if (!rows.length) return;
      if (rows[0].seq == null) throw new StoreError(`document ${doc.id} has no storing number; run armscope migrate`, { id: doc.id });
      const key = searchKey(doc.published, rows[0].seq);
      await sql`DELETE FROM documents_fts WHERE rowid = ${key}`.execute(trx);
      await sql`INSERT INTO documents_fts (rowid, body) VALUES (${key}, ${terms})`.execute(trx);
    },
    // CROSS JOIN keeps the index as the outer loop, so FTS5 hands over its rows in key order and the LIMIT ends the walk.
    searchHits: async (conn, words, page) => {
      const { rows } = await sql<SearchHit>`SELECT documents.id AS id, documents_fts.rowid AS key
        FROM documents_fts CROSS JOIN documents ON documents.seq = documents_fts.rowid % ${SEQ_SPAN}
        WHERE documents_fts MATCH ${ftsQuery(words)} ${keyBounds('documents_fts.rowid', page)}
        ORDER BY documents_fts.rowid DESC LIMIT ${page.limit}`.execute(conn);
      return rows;
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

/** Above this share of documents a word counts as common: the key index then finds a page sooner than months of matches. */
const COMMON_SHARE = 0.03;
const STATS_TTL_MS = 5 * 60_000;

/**
 * Whether the rarest of some words is in under 3 % of documents, by the statistics ANALYZE keeps of the
 * index (its most common words, read at most every five minutes; one cache per store); a word not among
 * them is rarer than all of them. Without statistics yet (a new store), no.
 */
function wordRarity(): (conn: Kysely<Schema>, words: string[]) => Promise<boolean> {
  let stats: { at: number; share: Map<string, number>; known: boolean } | undefined;
  return async (conn, words) => {
    // Kept once known: a store without statistics yet (fewer rows than autovacuum waits for) asks each time.
    if (!stats?.known || Date.now() - stats.at > STATS_TTL_MS) {
      const { rows } = await sql<{ elems: string[] | null; freqs: number[] | null }>`SELECT most_common_elems::text::text[] AS elems,
        most_common_elem_freqs AS freqs FROM pg_stats WHERE tablename = 'document_search' AND attname = 'search' AND schemaname = current_schema()`.execute(conn);
      const { elems, freqs } = rows[0] ?? {};
      stats = { at: Date.now(), share: new Map((elems ?? []).map((e, i) => [e, freqs![i]])), known: Boolean(elems?.length) };
    }
    return stats.known && Math.min(...words.map((w) => stats!.share.get(w) ?? 0)) < COMMON_SHARE;
  };
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
  const rare = wordRarity();
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
    newDocument: {},
    indexSearch: async (trx, doc, terms) => {
      const month = publishedMonthWord(doc.published);
      await sql`INSERT INTO document_search (key, document_id, search)
        VALUES (${searchDay(doc.published)}::bigint * ${SEQ_SPAN} + nextval('document_search_seq'), ${doc.id}, to_tsvector('simple', ${month ? `${terms} ${month}` : terms}))
        ON CONFLICT (document_id) DO UPDATE SET search = EXCLUDED.search`.execute(trx);
    },
    searchHits: async (conn, words, page) => {
      const query = words.join(' ');
      const hits = (p: SearchPage, months?: string) => sql<{ id: string; key: string }>`SELECT document_id AS id, key FROM document_search
        WHERE search @@ ${months ? sql`(plainto_tsquery('simple', ${query}) && to_tsquery('simple', ${months}))` : sql`plainto_tsquery('simple', ${query})`}
        ${keyBounds('key', p)} ORDER BY key DESC LIMIT ${p.limit}`.execute(conn).then(({ rows }) => rows.map((r) => ({ id: r.id, key: Number(r.key) })));
      // A common word: the planner tests documents along the key index from the top and soon has a page. A
      // rarer one: it would fetch every match's row to sort them, so ask for the last month's matches, then
      // the three before, the eight before those, and only then the rest; the GIN index intersects the word
      // with the month words (about 0.1 ms a month), and only the rows of matches in the window are visited.
      // A word too sparse for the months to fill the page goes to the rest as soon as that shows.
      if (!(await rare(conn, words))) return hits(page);
      const found: SearchHit[] = [];
      let upper = Math.min(page.before ?? Infinity, page.below ?? Infinity);
      if (!Number.isFinite(upper)) {
        const { rows } = await sql<{ key: string | null }>`SELECT max(key) AS key FROM document_search`.execute(conn);
        if (rows[0]?.key == null) return [];
        upper = Number(rows[0].key) + 1;
      }
      let month = searchMonth(Math.floor((upper - 1) / SEQ_SPAN));
      const spans = [1, 3, 8];
      for (const [i, span] of spans.entries()) {
        if (month - span < 1 || (page.min !== undefined && upper <= page.min)) break;
        // Matches so sparse that the months left would not fill the page: the rest at once, which is then short.
        const covered = spans.slice(0, i).reduce((a, b) => a + b, 0);
        const ahead = spans.slice(i).reduce((a, b) => a + b, 0);
        if (covered && found.length + (found.length / covered) * ahead < page.limit) break;
        const start = monthStartKey(month - span + 1);
        const months = Array.from({ length: span }, (_, k) => monthWord(month - k)).join(' | ');
        found.push(...await hits({ before: upper, min: Math.max(start, page.min ?? 0), limit: page.limit - found.length }, months));
        if (found.length >= page.limit) return found;
        upper = start;
        month -= span;
      }
      return found.concat(await hits({ before: upper, min: page.min, limit: page.limit - found.length }));
    },
    close: () => db.destroy(),
  };
}
