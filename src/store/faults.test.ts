/**
 * Faults of the embedded store, each compared with an uninterrupted run on the same input: a SIGKILL in
 * the middle of an ingest with extraction, and a full disk (the file capped with SQLite's max_page_count).
 * Corpus: generated reports about three deals (test/corpus.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { mergedRecords } from '../../test/stores.js';
import { ROOT, tempDir } from '../../test/helpers.js';
import { writeDealCorpus } from '../../test/corpus.js';
import { StoreError } from '../errors.js';
import { ingest } from '../ingest/pipeline.js';
import { createExtractor } from '../jobs/extractor.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './store.js';

const BIN = join(ROOT, 'bin', 'armscope.mjs');

/** Everything a run leaves that a user can see: documents, events (none twice), records. */
async function contents(store: Store) {
  const docs = await store.listDocuments({ includeDuplicates: true });
  return {
    documents: docs.map((d) => `${d.id} ${d.source} ${d.duplicateOf}`).sort(),
    events: (await store.listEvents()).map((e) => `${e.documentId} ${e.kind} ${e.supplier}>${e.recipient} ${e.status} ${e.evidence.start}`),
    records: await store.listTransferRecords(),
  };
}

function checkFile(path: string) {
  const db = new Database(path, { readonly: true });
  try {
    const integrity = (db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check;
    const partial = db.prepare(`SELECT d.id FROM documents d LEFT JOIN (SELECT document_id, count(*) AS n FROM sentences GROUP BY document_id) s
      ON s.document_id = d.id WHERE coalesce(s.n, 0) <> d.sentence_count`).all();
    const documents = (db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
    const indexed = (db.prepare('SELECT count(*) AS n FROM documents_fts').get() as { n: number }).n;
    return { integrity, partial, documents, indexed };
  } finally {
    db.close();
  }
}

async function reference(t: Parameters<typeof tempDir>[0], corpus: string) {
  const store = new SqliteStore(join(tempDir(t), 'reference.db'));
  await ingest([corpus], store, { extract: createExtractor() });
  const result = await contents(store);
  await store.close();
  return result;
}

test('SIGKILL during a SQLite ingest with extraction, then the same command again: the store equals an uninterrupted run', async (t) => {
  const dir = tempDir(t);
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  writeDealCorpus(corpus, 400);
  const db = join(dir, 'killed.db');
  const child = spawn(process.execPath, [BIN, 'ingest', corpus, '--db', db, '--quiet'], { stdio: 'ignore', env: { ...process.env, CI: 'true' } });
  t.after(() => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); });
  let stored = 0;
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    await new Promise((r) => setTimeout(r, 50));
    try {
      const probe = new Database(db, { readonly: true, fileMustExist: true });
      stored = (probe.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
      probe.close();
    } catch { stored = 0; }
    if (stored >= 40) break;
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));
  const after = checkFile(db);
  assert.ok(after.documents >= 40 && after.documents < 400, `killed mid-way (${after.documents} stored)`);
  assert.deepEqual([after.integrity, after.partial, after.indexed], ['ok', [], after.documents], 'whole documents only, each indexed');
  const killed = new SqliteStore(db);
  assert.deepEqual(await killed.listTransferRecords(), await mergedRecords(killed), 'records match what was stored');
  await killed.close();
  const resumed = spawnSync(process.execPath, [BIN, 'ingest', corpus, '--db', db, '--quiet'], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(resumed.stderr, new RegExp(`, ${after.documents} unchanged, 0 failed`));
  const store = new SqliteStore(db);
  t.after(() => store.close());
  assert.deepEqual(await contents(store), await reference(t, corpus));
});

test('a full disk stops the ingest with a clear error naming the file; the store stays intact and a later run completes it', async (t) => {
  const dir = tempDir(t);
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  writeDealCorpus(corpus, 150);
  const path = join(dir, 'full.db');
  const empty = new SqliteStore(path);
  await empty.countDocuments();
  await empty.close();
  const raw = new Database(path);
  const pages = raw.pragma('page_count', { simple: true }) as number;
  raw.close();
  // Room for a few dozen documents, not for all of them.
  const capped = new SqliteStore(path, { maxPageCount: pages + 60 });
  const extract = createExtractor();
  await assert.rejects(ingest([corpus], capped, { extract }), (error: Error) => error instanceof StoreError
    && error.message === `${path}: the disk (or the file's size cap) is full; the document being written was not stored and the store is intact: free space and run the command again`);
  await capped.close();
  const after = checkFile(path);
  assert.ok(after.documents > 5 && after.documents < 150, `filled part-way (${after.documents} stored)`);
  assert.deepEqual([after.integrity, after.partial, after.indexed], ['ok', [], after.documents]);
  // More room: the same ingest again finishes the corpus, and the store is what an uninterrupted run makes.
  const roomy = new SqliteStore(path);
  t.after(() => roomy.close());
  const summary = await ingest([corpus], roomy, { extract });
  assert.equal(summary.unchanged, after.documents);
  assert.deepEqual(await contents(roomy), await reference(t, corpus));
});
