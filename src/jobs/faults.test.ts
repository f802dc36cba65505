/**
 * The database goes away under running workers: a PostgreSQL cluster of the test's own (test/pgcluster.ts)
 * is stopped and started again while two workers ingest forty reports (test/corpus.ts). The workers must
 * reconnect and finish on their own, and the store must equal a single-process run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { ROOT, tempDir } from '../../test/helpers.js';
import { writeDealCorpus } from '../../test/corpus.js';
import { clusterUnavailable, startCluster } from '../../test/pgcluster.js';
import { SqliteStore } from '../store/sqlite.js';
import { migrateStore, openStore } from '../store/open.js';
import { ingest } from '../ingest/pipeline.js';
import { createExtractor } from './extractor.js';

const BIN = join(ROOT, 'bin', 'armscope.mjs');

async function completed(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE state = 'completed'`)).rows[0].n;
  } finally {
    await client.end();
  }
}

test('PostgreSQL stopped and started under two running workers: they reconnect, finish, and the records equal a single-process run', { skip: clusterUnavailable() }, async (t) => {
  const dir = tempDir(t);
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  writeDealCorpus(corpus, 40);
  const reference = new SqliteStore(join(dir, 'reference.db'));
  t.after(() => reference.close());
  await ingest([corpus], reference, { extract: createExtractor() });

  const cluster = await startCluster(t);
  const admin = new pg.Client({ connectionString: cluster.url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE armscope');
  await admin.end();
  const db = cluster.url('armscope');
  await migrateStore(db);
  const env = { ...process.env, CI: 'true', ARMSCOPE_JOB_TIMEOUT: '4' };
  const queued = spawnSync(process.execPath, [BIN, 'ingest', '--enqueue', corpus, '--db', db], { encoding: 'utf8', env });
  assert.equal(queued.status, 0, queued.stderr);

  const workers = [1, 2].map(() => {
    const child = spawn(process.execPath, [BIN, 'worker', '--db', db, '--concurrency', '2', '--exit-when-empty'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    t.after(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
    let stderr = '';
    child.stderr!.on('data', (d) => { stderr += d; });
    return new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  });
  let before = 0;
  const started = Date.now();
  while (Date.now() - started < 60_000 && before < 6) {
    await new Promise((r) => setTimeout(r, 50));
    before = await completed(db);
  }
  cluster.stop();
  assert.ok(before >= 6 && before < 40, `stopped part-way (${before} jobs done)`);
  await new Promise((r) => setTimeout(r, 2000));
  cluster.start();
  const ends = await Promise.all(workers);
  for (const end of ends) assert.equal(end.code, 0, end.stderr);
  assert.equal(await completed(db), 40);

  const store = await openStore(db);
  t.after(() => store.close());
  assert.deepEqual((await store.listDocuments()).map((d) => d.id).sort(), (await reference.listDocuments()).map((d) => d.id).sort());
  const eventKey = (e: { documentId: string; kind: string; supplier?: string | null; recipient?: string | null; status: string | null }) => `${e.documentId} ${e.kind} ${e.supplier}>${e.recipient} ${e.status}`;
  assert.deepEqual((await store.listEvents()).map(eventKey), (await reference.listEvents()).map(eventKey));
  assert.deepEqual(await store.listTransferRecords(), await reference.listTransferRecords());
});
