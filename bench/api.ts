/**
 * npm run bench:api [-- options]: the HTTP API under load, on SQLite and PostgreSQL.
 *
 *   --documents N    documents in the generated store, 3 transfer events each (default 100000)
 *   --backends LIST  sqlite,postgres (default both)
 *   --seconds N      how long each endpoint is loaded (default 10)
 *   --connections N  concurrent connections (default 8)
 *   --db LOCATION    measure this existing store instead (a SQLite path or a postgres:// URL; --documents and
 *                    --backends are then ignored)
 *   --processes N    server processes (armscope serve --processes; default 1)
 *   --keep           keep the generated stores and print where they are, to measure them again with --db
 *
 * For each backend: a store is generated directly (`bench/generate.ts`; PostgreSQL in a fresh database
 * `armscope_bench_api_<pid>`, dropped afterwards), its records built by the store's own rebuild, then the
 * real server (`armscope serve`, its own process) is started on a free loopback port and each endpoint is
 * loaded with autocannon; latency p50/p95/p99 and requests/s are printed per endpoint. The target is a p95
 * under 50 ms. The server runs in a process of its own so that autocannon's work does not count in its
 * latency (on a 2-core machine both still share the cores).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { arg, COUNTRIES, createDatabase, fillPostgres, fillSqlite, serveStore, word } from './generate.js';
import { migrateStore, openStore } from '../src/store/open.js';

const DOCUMENTS = Number(arg('documents', '100000'));
const BACKENDS = arg('backends', 'sqlite,postgres').split(',');
const SECONDS = Number(arg('seconds', '10'));
const CONNECTIONS = Number(arg('connections', '8'));
const TARGET_P95 = 50;
const EXISTING = arg('db', '');
const KEEP = process.argv.includes('--keep');
const PROCESSES = arg('processes', '1');

/**
 * The endpoints measured. Each request of a run takes the next path of its list, so the server cannot
 * answer from one warm row: parties, countries and words rotate.
 */
function endpoints(): { name: string; paths: string[] }[] {
  const pairs = COUNTRIES.slice(0, 20).map((s, i) => [s, COUNTRIES[(i + 7) % 40]]);
  return [
    { name: 'records: supplier + recipient + status', paths: pairs.map(([s, r]) => `/api/records?supplier=${s}&recipient=${r}&status=delivered&limit=50`) },
    { name: 'records: country + year range, recent', paths: COUNTRIES.map((c) => `/api/records?country=${c}&year_from=2016&year_to=2020&sort=recent&limit=50`) },
    { name: 'country profile', paths: COUNTRIES.map((c) => `/api/countries/${c}`) },
    { name: 'search: a rare word', paths: Array.from({ length: 50 }, (_, i) => `/api/search?q=${word((i * 37) % 10_000)}&limit=20`) },
    { name: 'search: a common word', paths: ['/api/search?q=convoy&limit=20'] },
    { name: 'network', paths: ['/api/network', ...COUNTRIES.slice(0, 10).map((c) => `/api/network?country=${c}`)] },
  ];
}

/** Loads the server with the paths in turn; latencies are kept per request, for exact percentiles. */
async function load(url: string, paths: string[]) {
  let next = 0;
  const times: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url, connections: CONNECTIONS, duration: SECONDS,
      requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
    }, (error, r) => (error ? reject(error) : resolve(r)));
    instance.on('response', (_client, _status, _bytes, ms) => { times.push(ms); });
  });
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), rps: times.length / SECONDS, non2xx: result.non2xx, errors: result.errors };
}

async function bench(backend: string) {
  let location: string;
  let cleanup: () => Promise<void>;
  if (backend === 'sqlite') {
    const dir = join(tmpdir(), `armscope-bench-api-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    location = join(dir, 'api.db');
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const created = await createDatabase('pg', `armscope_bench_api_${process.pid}`);
    location = created.url;
    cleanup = created.drop;
  }
  if (KEEP) cleanup = async () => console.log(`  ${backend}: kept at ${location}`);
  try {
    await migrateStore(location);
    let started = Date.now();
    if (backend === 'sqlite') await fillSqlite(location, DOCUMENTS); else await fillPostgres(location, DOCUMENTS);
    const store = await openStore(location);
    const generatedIn = (Date.now() - started) / 1000;
    started = Date.now();
    await store.rebuild({ records: true });
    await store.close();
    // Rebuilding rewrites every record row: until (auto)vacuum has run, PostgreSQL's statistics and
    // visibility map describe the table before, and it sums the network with a sequential scan (290 ms
    // against 32 ms from the index on 55,000 records). A live server has been vacuumed; measure that.
    if (backend === 'postgres') await vacuum(location);
    console.log(`  ${backend}: generated in ${generatedIn.toFixed(0)} s, records built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    await measure(backend, location);
  } finally {
    await cleanup();
  }
}

/** Loads each endpoint of the server over the store at `location`. */
async function measure(backend: string, location: string) {
  const { url, child } = await serveStore(location, ['--no-web', '--processes', PROCESSES]);
  try {
    for (const e of endpoints()) {
      // A short warm-up: the catalog loads on the first request, and caches fill.
      for (const path of e.paths.slice(0, 3)) {
        const res = await fetch(url + path);
        if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
        await res.arrayBuffer();
      }
      const r = await load(url, e.paths);
      const flag = r.p95 < TARGET_P95 ? '' : `  over the ${TARGET_P95} ms target`;
      console.log(`  ${backend.padEnd(8)} ${e.name.padEnd(40)} p50 ${fmt(r.p50)}  p95 ${fmt(r.p95)}  p99 ${fmt(r.p99)}  ${r.rps.toFixed(0).padStart(5)} req/s`
        + `${r.non2xx ? `  ${r.non2xx} non-2xx` : ''}${r.errors ? `  ${r.errors} errors` : ''}${flag}`);
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function vacuum(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try { await client.query('VACUUM ANALYZE'); } finally { await client.end(); }
}

const fmt = (ms: number) => `${ms.toFixed(1).padStart(6)} ms`;

console.log(`bench:api ${EXISTING ? 'an existing store' : `${DOCUMENTS.toLocaleString('en')} documents, ${(DOCUMENTS * 3).toLocaleString('en')} events`}; autocannon, ${CONNECTIONS} connections, ${SECONDS} s per endpoint, ${PROCESSES} server process(es); `
  + `load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
if (EXISTING) {
  const store = await openStore(EXISTING);
  console.log(`  measuring ${EXISTING}: ${(await store.countDocuments()).toLocaleString('en')} documents`);
  await store.close();
  await measure(EXISTING.startsWith('postgres') ? 'postgres' : 'sqlite', EXISTING);
} else {
  for (const backend of BACKENDS) await bench(backend);
}
console.log(`bench:api done; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
