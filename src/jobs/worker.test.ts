/**
 * Distributed ingest on the real PostgreSQL server, through the real command line: `ingest --enqueue`,
 * `worker` processes and `queue`. Each test has a database of its own (test/pg.ts).
 *
 * Fixture: thirty-nine short reports about three deals from eight outlets (test/corpus.ts) and one report
 * served over HTTP on loopback; no two are near-duplicates, so the records cannot depend on which worker
 * stored what first.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { mergedPairs, mergedRecords } from '../../test/stores.js';
import { ROOT, serve, tempDir } from '../../test/helpers.js';
import { createTestDatabase, postgresUnavailable } from '../../test/pg.js';
import { SqliteStore } from '../store/sqlite.js';
import { migrateStore, openStore } from '../store/open.js';
import { ingest } from '../ingest/pipeline.js';
import { createExtractor } from './extractor.js';
import { writeDealCorpus } from '../../test/corpus.js';

const BIN = join(ROOT, 'bin', 'armscope.mjs');
function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true', ...env }, cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function worker(t: { after(fn: () => void): void }, db: string, concurrency: number, env: Record<string, string>, extra: string[] = []): { child: ChildProcess; exited: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, 'worker', '--db', db, '--concurrency', String(concurrency), ...extra], { env: { ...process.env, CI: 'true', ...env }, cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  // A failing test must not leave workers behind.
  t.after(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr += d; });
  return { child, exited: new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr }))) };
}

async function jobStates(db: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT state, count(*)::int AS n FROM pgboss.job WHERE name = 'armscope-ingest' GROUP BY state`);
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  } finally {
    await client.end();
  }
}

async function sql<T>(db: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  try { return (await client.query(text)).rows as T[]; } finally { await client.end(); }
}

describe('distributed ingest', { skip: await postgresUnavailable() }, () => {
  test('four workers on forty articles, one of them killed mid-job: every document once, records equal a single-process run', async (t) => {
    const dir = tempDir(t);
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    writeDealCorpus(corpus, 39);
    // The fortieth article is a URL whose first fetch by a worker hangs: the worker holding it is certainly
    // mid-job when it is killed. Every other fetch answers.
    let armed = false;
    let hung = false;
    const server = await serve(t, (req, res) => {
      if (armed && !hung) { hung = true; return; }
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Kosovo received Bayraktar TB2 drones from Türkiye, the ministry in Pristina announced after a ceremony at the airport.');
    });
    const slow = `${server}/tb2-ceremony`;
    // The reference: one process, one SQLite file.
    const reference = new SqliteStore(join(dir, 'reference.db'));
    t.after(() => reference.close());
    const single = await ingest([corpus, slow], reference, { extract: createExtractor(), allowPrivate: true });
    assert.deepEqual([single.added, single.duplicates, single.failed], [40, 0, 0]);
    armed = true;
    const expected = await reference.listTransferRecords();
    assert.deepEqual([...new Set(expected.map((r) => `${r.supplier}>${r.recipient}`))].sort(), ['FR>AM', 'RU>EG', 'TR>XK'], 'the three deals are found');

    const db = await createTestDatabase(t);
    await migrateStore(db);
    // A job's timeout is set when it is queued.
    const env = { ARMSCOPE_JOB_TIMEOUT: '3', ARMSCOPE_ALLOW_PRIVATE: '1' };
    const queued = cli(['ingest', '--enqueue', slow, corpus, '--db', db], env);
    assert.equal(queued.code, 0, queued.stderr);
    assert.match(queued.stderr, /queued 40 input\(s\) on postgres:\/\/.*, 0 failed/);

    // One worker alone, killed while it holds jobs: they stay active until their timeout, then others take them.
    const first = worker(t, db, 4, env);
    let states: Record<string, number> = {};
    const started = Date.now();
    while (Date.now() - started < 60_000) {
      states = await jobStates(db);
      if ((states.completed ?? 0) >= 3 && hung) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    first.child.kill('SIGKILL');
    await first.exited;
    const orphaned = (await sql<{ id: string }>(db, `SELECT id FROM pgboss.job WHERE state = 'active' ORDER BY id`)).map((r) => r.id);
    assert.ok(orphaned.length >= 1, `the killed worker left jobs active (${JSON.stringify(states)})`);

    // Records rebuilt after every job: rebuilds run while other workers store documents of the same pairs.
    const workers = [1, 2, 3, 4].map(() => worker(t, db, 2, env, ['--exit-when-empty', '--refresh-every', '0']));
    const ends = await Promise.all(workers.map((w) => w.exited));
    for (const end of ends) assert.equal(end.code, 0, end.stderr);
    assert.deepEqual(await jobStates(db), { completed: 40 });
    // (A job may also be retried because it outlived the short timeout on a busy machine: harmless, and not asserted.)
    const rerun = await sql<{ id: string; state: string; retry_count: number }>(db, `SELECT id, state, retry_count FROM pgboss.job WHERE id = ANY('{${orphaned.join(',')}}'::uuid[]) ORDER BY id`);
    assert.deepEqual(rerun.map((r) => [r.id, r.state, r.retry_count >= 1]), orphaned.map((id) => [id, 'completed', true]), 'the orphaned jobs ran again elsewhere');
    const perWorker = ends.map((e) => Number(/worker done: (\d+) job/.exec(e.stderr)?.[1] ?? 0));
    // Sharing needs jobs to share: on a fast machine the first worker may have done nearly all of them before
    // it was killed (seen in CI: 39 done, the orphaned one left for the four).
    const left = 40 - (states.completed ?? 0);
    if (left >= 8) assert.ok(perWorker.filter((n) => n > 0).length >= 2, `jobs were shared between workers (${perWorker}; ${left} left after the kill)`);
    else assert.equal(perWorker.reduce((a, b) => a + b, 0) >= left, true, `the ${left} jobs left were done (${perWorker})`);

    const store = await openStore(db);
    t.after(() => store.close());
    assert.equal(await store.countDocuments(), 40);
    assert.deepEqual((await store.listDocuments()).map((d) => d.id).sort(), (await reference.listDocuments()).map((d) => d.id).sort());
    const eventKey = (e: { documentId: string; kind: string; supplier?: string | null; recipient?: string | null; status: string | null }) => `${e.documentId} ${e.kind} ${e.supplier}>${e.recipient} ${e.status}`;
    assert.deepEqual((await store.listEvents()).map(eventKey), (await reference.listEvents()).map(eventKey), 'the same events, none twice');
    const partial = await sql(db, `SELECT d.id FROM documents d LEFT JOIN (SELECT document_id, count(*) AS n FROM sentences GROUP BY document_id) s
      ON s.document_id = d.id WHERE coalesce(s.n, 0) <> d.sentence_count`);
    assert.deepEqual(partial, [], 'no partial document');
    // As the workers left them, before a read refreshes anything: no mark was lost to a concurrent write.
    assert.deepEqual(await sql(db, 'SELECT pair FROM stale_pairs'), [], 'the workers rebuilt every pair they changed');
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    const stored = (await sql<{ body: string }>(db, 'SELECT body FROM transfer_records')).map((r) => JSON.parse(r.body)).sort(byId);
    assert.deepEqual(stored, [...expected].sort(byId).map((r) => JSON.parse(JSON.stringify(r))));
    const records = await store.listTransferRecords();
    assert.deepEqual(records, expected);
    assert.deepEqual(records, await mergedRecords(store));
    assert.deepEqual(await store.pairDetails(), await mergedPairs(store), 'the sums kept per pair are those of the records');
  });

  test('a failed job keeps its error, is listed by armscope queue, and runs again after --retry', async (t) => {
    let up = false;
    const url = await serve(t, (req, res) => {
      if (!up) { res.writeHead(503); res.end(); return; }
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Kosovo received Bayraktar TB2 drones from Türkiye, the ministry in Pristina announced at a ceremony on Monday.');
    });
    const db = await createTestDatabase(t);
    await migrateStore(db);
    const env = { ARMSCOPE_JOB_RETRIES: '0', ARMSCOPE_ALLOW_PRIVATE: '1' };
    assert.equal(cli(['ingest', '--enqueue', `${url}/tb2`, '--db', db], env).code, 0);
    const run = worker(t, db, 1, env, ['--exit-when-empty']);
    assert.equal((await run.exited).code, 0);
    const listed = JSON.parse(cli(['queue', '--db', db, '--json'], env).stdout);
    assert.deepEqual(listed.counts, { created: 0, retry: 0, active: 0, completed: 0, cancelled: 0, failed: 1 });
    assert.equal(listed.jobs[0].input, `${url}/tb2`);
    assert.match(listed.jobs[0].output.message, new RegExp(`${url}/tb2: HTTP 503 Service Unavailable`));
    const shown = cli(['queue', '--db', db], env);
    assert.match(shown.stdout, /^created 0 · retry 0 · active 0 · completed 0 · cancelled 0 · failed 1\n\nfailed jobs:\n {2}\S+ {2}http:\/\/127\.0\.0\.1:\d+\/tb2 {2}retries 0 {2}.*HTTP 503/);
    up = true;
    assert.match(cli(['queue', '--db', db, '--retry'], env).stdout, /^1 failed job\(s\) put back on the queue/);
    const again = worker(t, db, 1, env, ['--exit-when-empty']);
    assert.equal((await again.exited).code, 0);
    assert.deepEqual(JSON.parse(cli(['queue', '--db', db, '--json'], env).stdout).counts, { created: 0, retry: 0, active: 0, completed: 1, cancelled: 0, failed: 0 });
    const store = await openStore(db);
    t.after(() => store.close());
    assert.deepEqual((await store.listTransferRecords()).map((r) => `${r.supplier}>${r.recipient} ${r.system} ${r.status}`), ['TR>XK Bayraktar TB2 delivered']);
  });

  test('the queue needs PostgreSQL and says so', () => {
    const r = cli(['worker', '--db', '/tmp/some.db']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'armscope: the ingest queue needs PostgreSQL, and /tmp/some.db is not a postgres:// URL: set ARMSCOPE_DB or --db to the team\'s database\n');
  });
});

test('a lost connection is told from a real failure', async () => {
  const { isConnectionLoss } = await import('./worker.js');
  assert.equal(isConnectionLoss({ code: '57P01', message: 'terminating connection due to administrator command' }), true);
  assert.equal(isConnectionLoss({ code: 'ECONNREFUSED' }), true);
  assert.equal(isConnectionLoss(new Error('Connection terminated unexpectedly')), true);
  assert.equal(isConnectionLoss(new Error('duplicate key value violates unique constraint')), false);
  assert.equal(isConnectionLoss({ code: '23505' }), false);
  assert.equal(isConnectionLoss(undefined), false);
});
