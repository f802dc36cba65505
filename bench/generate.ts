/**
 * A store generated directly, for the benches that query one at scale (`bench/scale.ts`, `bench/api.ts`):
 * documents and transfer events written with plain bulk inserts on either backend, bypassing the
 * per-document path. Every value follows from the document's number, so two runs build the same store.
 *
 * PostgreSQL: ARMSCOPE_TEST_PG (default postgres://postgres@127.0.0.1:5432/postgres) names a server on which
 * a bench may create and drop databases.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import pg from 'pg';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishedMonthWord, searchKey, searchTerms } from '../src/store/search.js';

/** The command line the benches start as their own processes. */
export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'armscope.mjs');

/** A bench's `--name value` option, or `fallback`. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

/**
 * `armscope serve --read-only` over `location` on a free loopback port, in a process of its own (so the load
 * generator's work does not count in its latency); resolves with its URL once it says where it listens.
 * @param serveArgs more flags of `serve` (`--processes 2`); @param nodeArgs flags for Node itself
 */
export function serveStore(location: string, serveArgs: string[] = [], nodeArgs: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'serve', '--db', location, '--host', '127.0.0.1', '--port', '0', '--read-only', ...serveArgs], {
    env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const m = /at (http:\/\/127\.0\.0\.1:\d+)\/api/.exec(err);
      if (m) resolve({ url: m[1], child });
    });
    child.once('exit', (code) => reject(new Error(`armscope serve exited ${code}: ${err}`)));
  });
}

export const ADMIN = process.env.ARMSCOPE_TEST_PG || 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(query: string) {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  try { await c.query(query); } finally { await c.end(); }
}
/** A fresh database `<prefix>_<tag>` on the server, and how to drop it. */
export async function createDatabase(tag: string, prefix = `armscope_bench_${process.pid}`): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${tag}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export const COUNTRIES = ['RU', 'US', 'CN', 'FR', 'DE', 'GB', 'TR', 'IL', 'IN', 'EG', 'RS', 'PL', 'UA', 'KR', 'JP', 'IR', 'SA', 'AE', 'QA', 'BR',
  'AR', 'ZA', 'NG', 'DZ', 'MA', 'PK', 'BD', 'ID', 'MY', 'VN', 'TH', 'PH', 'AU', 'CA', 'MX', 'CL', 'PE', 'CO', 'GR', 'IT'];
const STATUSES = ['agreed', 'delivered', 'denied', 'ordered', 'cancelled'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ran', 'sto', 'vel', 'dor', 'ni', 'pa', 'tre'];
/** 10,000 made-up words: a random one occurs in about 0.1 % of the generated documents. */
export const word = (k: number) => [0, 1, 2, 3].map((d) => SYLLABLES[Math.floor(k / 10 ** d) % 10]).join('');

/** Document i of the generated store: short, dated, in one of five languages, with 12 words and one in ten saying "convoy". */
export function generated(i: number) {
  const words = Array.from({ length: 12 }, (_, j) => word((i * 7919 + j * 104729) % 10_000));
  if (i % 10 === 0) words.push('convoy');
  const text = `${words.join(' ')}.`;
  const title = `Report ${i}`;
  const day = new Date(Date.UTC(2015, 0, 1) + (i % 3650) * 86_400_000).toISOString().slice(0, 10);
  const id = i.toString(16).padStart(16, '0');
  const band = (i % 65_536).toString(16).padStart(4, '0');
  return {
    id, source: `bench/${i}.txt`, url: `https://outlet-${i % 500}.example/${i}`, title, published: day, published_from: 'metadata',
    language: ['en', 'fr', 'de', 'ru', 'sr'][i % 5], language_confidence: 0.9, format: 'text', text, removed: '[]', cited: '[]',
    simhash: `${band}${band}${band}${band}`, band0: band, band1: band, band2: band, band3: band, duplicate_of: null, sentence_count: 1,
    ingested_at: '2026-01-01T00:00:00.000Z', extractor: 'bench', extracted_at: '2026-01-01T00:00:00.000Z', terms: searchTerms(title, text),
  };
}

export function generatedEvents(i: number) {
  const id = i.toString(16).padStart(16, '0');
  return [0, 1, 2].map((k) => {
    // Independent hashes: all 1,560 ordered pairs of the 40 countries occur, each in about 1,900 events per million documents.
    const h = (seed: number) => (Math.imul(i * 3 + k, seed) ^ (Math.imul(i * 3 + k, seed) >>> 15)) >>> 0;
    const supplier = COUNTRIES[h(2654435761) % 40];
    const other = COUNTRIES[h(2246822519) % 40];
    const recipient = other === supplier ? COUNTRIES[(COUNTRIES.indexOf(supplier) + 1) % 40] : other;
    const system = `System-${(i * 31 + k) % 300}`;
    const status = STATUSES[(Math.imul(i, 2654435761) + k * 7 >>> 0) % STATUSES.length];
    const body = JSON.stringify({ kind: 'transfer', status, hedged: false, hypothetical: false, confidence: 0.8, supplier, recipient, system, systemId: system.toLowerCase(), category: 'missile',
      evidence: { sentence: 0, start: 0, end: 10, text: `${supplier} ${status} ${system} to ${recipient}`, cues: [status], rule: 'bench' } });
    return { id: `${id}${k}`, document_id: id, kind: 'transfer', supplier, recipient, system, category: 'missile', status, hedged: 0, hypothetical: 0, sentence: 0, seq: k, body, extractor: 'bench', extracted_at: '2026-01-01T00:00:00.000Z' };
  });
}

const DOC_COLUMNS = ['id', 'source', 'url', 'title', 'published', 'published_from', 'language', 'language_confidence', 'format', 'text', 'removed', 'cited',
  'simhash', 'band0', 'band1', 'band2', 'band3', 'duplicate_of', 'sentence_count', 'ingested_at', 'extractor', 'extracted_at'] as const;
const EVENT_COLUMNS = ['id', 'document_id', 'kind', 'supplier', 'recipient', 'system', 'category', 'status', 'hedged', 'hypothetical', 'sentence', 'seq', 'body', 'extractor', 'extracted_at'] as const;

export async function fillSqlite(path: string, n: number) {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const doc = db.prepare(`INSERT INTO documents (${DOC_COLUMNS.join(', ')}, seq) VALUES (${DOC_COLUMNS.map(() => '?').join(', ')}, ?)`);
  const fts = db.prepare('INSERT INTO documents_fts (rowid, body) VALUES (?, ?)');
  const event = db.prepare(`INSERT INTO events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`);
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const d = generated(i);
      doc.run(...DOC_COLUMNS.map((c) => d[c]), i + 1);
      fts.run(searchKey(d.published, i + 1), d.terms);
      for (const e of generatedEvents(i)) event.run(...EVENT_COLUMNS.map((c) => e[c]));
    }
  });
  for (let i = 0; i < n; i += 10_000) batch(i, Math.min(n, i + 10_000));
  db.exec('ANALYZE');
  db.close();
}

export async function fillPostgres(url: string, n: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let from = 0; from < n; from += 5000) {
      const docs = Array.from({ length: Math.min(5000, n - from) }, (_, k) => generated(from + k));
      const types: Record<string, string> = { language_confidence: 'float8', sentence_count: 'int4' };
      await client.query(`INSERT INTO documents (${DOC_COLUMNS.join(', ')}) SELECT * FROM unnest(${DOC_COLUMNS.map((c, i) => `$${i + 1}::${types[c] ?? 'text'}[]`).join(', ')})`,
        DOC_COLUMNS.map((c) => docs.map((d) => d[c])));
      await client.query(`INSERT INTO document_search (key, document_id, search) SELECT key, id, to_tsvector('simple', terms) FROM unnest($1::bigint[], $2::text[], $3::text[]) AS t(key, id, terms)`,
        [docs.map((d, k) => searchKey(d.published, from + k + 1)), docs.map((d) => d.id), docs.map((d) => `${d.terms} ${publishedMonthWord(d.published)}`)]);
      const events = docs.flatMap((_, k) => generatedEvents(from + k));
      const etypes: Record<string, string> = { hedged: 'int4', hypothetical: 'int4', sentence: 'int4', seq: 'int4' };
      await client.query(`INSERT INTO events (${EVENT_COLUMNS.join(', ')}) SELECT * FROM unnest(${EVENT_COLUMNS.map((c, i) => `$${i + 1}::${etypes[c] ?? 'text'}[]`).join(', ')})`,
        EVENT_COLUMNS.map((c) => events.map((e) => e[c])));
    }
    await client.query(`SELECT setval('document_search_seq', $1)`, [n + 1]);
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}

