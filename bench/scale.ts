/**
 * npm run bench:scale [-- options]: the store at team scale, on PostgreSQL and SQLite.
 *
 *   --ingest N       ingest N generated reports through the queue with 1 and then 2 workers, each run in a
 *                    fresh PostgreSQL database; reports documents/s per worker count and the ratio (default 200000;
 *                    0 skips)
 *   --documents N    generate a store directly with N documents and 3 transfer events each, on each backend,
 *                    then time record listings, a country's records and full-text search (default 1000000; 0 skips)
 *   --workers LIST   worker counts for --ingest, each run in a fresh database (default 1,2)
 *   --backends LIST  sqlite,postgres (default both)
 *   --repeat N       timed queries per kind (default 200)
 *   --skip-records   do not build records (times search alone)
 *   --db LOCATION    time the queries on this existing store (a SQLite path or a postgres:// URL; with --ingest 0)
 *
 * PostgreSQL: ARMSCOPE_TEST_PG (default postgres://postgres@127.0.0.1:5432/postgres) names a server on which
 * the bench may create and drop databases `armscope_bench_<pid>_*`.
 *
 * The generated store is written with plain bulk inserts (this file writes SQL for that alone, bypassing the
 * per-document path, which the --ingest part measures); records are then built by the store's own
 * `rebuild`, and every timed query goes through the Store interface.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { arg, BIN, COUNTRIES, createDatabase, fillPostgres, fillSqlite, word } from './generate.js';
import { migrateStore, openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';

const INGEST = Number(arg('ingest', '200000'));
const DOCUMENTS = Number(arg('documents', '1000000'));
const BACKENDS = arg('backends', 'sqlite,postgres').split(',');
const WORKERS = arg('workers', '1,2').split(',').map(Number);
const REPEAT = Number(arg('repeat', '200'));
const EXISTING = arg('db', '');

/** Rows in transfer_records (the Store interface lists records; it has no need to count them). */
async function countRecords(backend: string, location: string): Promise<number> {
  if (backend === 'sqlite') {
    const db = new Database(location, { readonly: true });
    try { return (db.prepare('SELECT count(*) AS n FROM transfer_records').get() as { n: number }).n; } finally { db.close(); }
  }
  const client = new pg.Client({ connectionString: location });
  await client.connect();
  try { return (await client.query('SELECT count(*)::int AS n FROM transfer_records')).rows[0].n; } finally { await client.end(); }
}

async function timeQueries(store: Store, label: string) {
  // Pairs that have records, spread over the listing.
  const sample = (await store.listTransferRecords({ limit: 5000 })).filter((_, i) => i % 50 === 0);
  const kinds: [string, (i: number) => Promise<unknown[]>][] = [
    ['records by supplier and recipient', (i) => store.listTransferRecords({ supplier: sample[i % sample.length].supplier, recipient: sample[i % sample.length].recipient, limit: 50 })],
    ['records by supplier, with conflicts', (i) => store.listTransferRecords({ supplier: COUNTRIES[i % 40], conflicts: true, limit: 50 })],
    ["a country's records (supplier or recipient)", (i) => store.listTransferRecords({ country: COUNTRIES[i % 40], limit: 50 })],
    ['full-text search, a rare word (~0.1 %)', (i) => store.searchDocuments(word((i * 37) % 10_000), { limit: 20 })],
    ['full-text search, two words', (i) => store.searchDocuments(`${word((i * 37) % 10_000)} convoy`, { limit: 20 })],
    ['full-text search, a common word (10 %)', () => store.searchDocuments('convoy', { limit: 20 })],
  ];
  for (const [name, run] of kinds) {
    if (!sample.length && name.startsWith('records') || !sample.length && name.startsWith('a country')) continue;
    await run(0);
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < REPEAT; i++) {
      const started = process.hrtime.bigint();
      rows += (await run(i + 1)).length;
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(1);
    console.log(`  ${label.padEnd(8)} ${name.padEnd(44)} p50 ${p(0.5).padStart(6)} ms  p95 ${p(0.95).padStart(6)} ms  (${(rows / REPEAT).toFixed(1)} rows)`);
  }
}

async function queryBench() {
  if (EXISTING) {
    const backend = /^postgres/.test(EXISTING) ? 'postgres' : 'sqlite';
    const store = await openStore(EXISTING);
    console.log(`bench:scale ${EXISTING}: ${(await store.countDocuments()).toLocaleString('en')} documents, ${(await countRecords(backend, EXISTING)).toLocaleString('en')} transfer records, ${REPEAT} queries per kind`);
    await timeQueries(store, backend);
    await store.close();
    return;
  }
  console.log(`bench:scale store of ${DOCUMENTS.toLocaleString('en')} documents, ${(DOCUMENTS * 3).toLocaleString('en')} events, ${REPEAT} queries per kind`);
  for (const backend of BACKENDS) {
    let location: string;
    let cleanup: () => Promise<void>;
    if (backend === 'sqlite') {
      const dir = join(tmpdir(), `armscope-bench-scale-${process.pid}`);
      mkdirSync(dir, { recursive: true });
      location = join(dir, 'scale.db');
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const created = await createDatabase('query');
      location = created.url;
      cleanup = created.drop;
    }
    try {
      await migrateStore(location);
      let started = Date.now();
      if (backend === 'sqlite') await fillSqlite(location, DOCUMENTS); else await fillPostgres(location, DOCUMENTS);
      console.log(`  ${backend}: generated in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      const store = await openStore(location);
      started = Date.now();
      if (!process.argv.includes('--skip-records')) await store.rebuild({ records: true });
      const records = await countRecords(backend, location);
      console.log(`  ${backend}: ${records.toLocaleString('en')} transfer records built by the store's rebuild in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      await timeQueries(store, backend);
      await store.close();
    } finally {
      await cleanup();
    }
  }
}

/** The --ingest part: JSONL files of 100 generated reports each, queued, then taken by W worker processes. */
async function ingestBench() {
  const dir = join(tmpdir(), `armscope-bench-queue-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const OUTLETS = ['north-post', 'daily-wire', 'east-times', 'the-ledger', 'harbor-news'];
  const RECIPIENTS = ['Egypt', 'Serbia', 'Poland', 'India', 'Brazil', 'Indonesia', 'Vietnam', 'Greece', 'Qatar', 'Morocco'];
  const SUPPLIERS = ['Russia', 'China', 'France', 'the United States', 'Germany', 'Israel', 'South Korea', 'Italy'];
  const GOODS = ['Su-35 fighter jets', 'K2 tanks', 'Rafale jets', 'HIMARS launchers', 'Leopard 2 tanks', 'Barak-8 missiles'];
  // 80 supplier–recipient pairs: a store recomputes a pair's records from all its events at each new mention.
  const deal = (i: number) => [`${RECIPIENTS[i % 10]} ordered ${GOODS[(i >> 3) % 6]} from ${SUPPLIERS[Math.floor(i / 10) % 8]}, officials said.`,
    `The order ${i} was confirmed by the ministry in a statement on day ${i % 365}.`, `${word(i % 10_000)} ${word((i * 13) % 10_000)} analysts expect more talks.`].join(' ');
  for (let f = 0; f * 100 < INGEST; f++) {
    const lines = [];
    for (let i = f * 100; i < Math.min(INGEST, (f + 1) * 100); i++) {
      lines.push(JSON.stringify({ url: `https://${OUTLETS[i % 5]}.example/${i}`, title: `Report ${i}`, published: '2024-05-01', language: 'en', text: deal(i) }));
    }
    writeFileSync(join(dir, `part-${String(f).padStart(5, '0')}.jsonl`), `${lines.join('\n')}\n`);
  }
  const rates: Record<number, number> = {};
  try {
    for (const workers of WORKERS) {
      const db = await createDatabase(`ingest${workers}`);
      try {
        await migrateStore(db.url);
        const env = { ...process.env, CI: 'true' };
        const queued = spawnSync(process.execPath, [BIN, 'ingest', '--enqueue', dir, '--db', db.url], { encoding: 'utf8', env });
        if (queued.status !== 0) throw new Error(queued.stderr);
        const started = Date.now();
        await Promise.all(Array.from({ length: workers }, () => new Promise<void>((resolve, reject) => {
          const child = spawn(process.execPath, [BIN, 'worker', '--db', db.url, '--concurrency', '1', '--exit-when-empty'], { env, stdio: 'inherit' });
          child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}`))));
        })));
        const seconds = (Date.now() - started) / 1000;
        const store = await openStore(db.url);
        const stored = await store.countDocuments();
        await store.close();
        rates[workers] = stored / seconds;
        console.log(`bench:scale ingest ${INGEST.toLocaleString('en')} reports through PostgreSQL with ${workers} worker(s): ${stored} documents in ${seconds.toFixed(1)} s, ${rates[workers].toFixed(1)} documents/s`);
      } finally {
        await db.drop();
      }
    }
    if (rates[1] && rates[2]) console.log(`bench:scale scaling 1 → 2 workers: ${(rates[2] / rates[1]).toFixed(2)}×`);
    console.log(`bench:scale load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (INGEST > 0) await ingestBench();
if (DOCUMENTS > 0) await queryBench();
