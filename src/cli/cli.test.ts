import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ROOT, SEEDS, tempDir } from '../../test/helpers.js';
import { SQLITE_MIGRATIONS } from '../store/migrations/sqlite.js';

const BIN = join(ROOT, 'bin', 'armscope.mjs');

function cli(args: string[], options: { input?: string; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8', input: options.input, env: { ...process.env, CI: 'true', ...options.env }, cwd: ROOT,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('ingest, docs and show through the command line, with JSON output', (t) => {
  const db = join(tempDir(t), 'cli.db');
  const ingest = cli(['ingest', SEEDS, '--db', db, '--no-extract']);
  assert.equal(ingest.code, 0, ingest.stderr);
  assert.match(ingest.stderr, /ingested 4 input\(s\), 0\.03 MB: 4 new, 0 near-duplicate, 0 unchanged, 0 failed/);
  const docs = JSON.parse(cli(['docs', '--db', db, '--json']).stdout) as { id: string; language: string; source: string }[];
  assert.deepEqual(docs.map((d) => d.language).sort(), ['en', 'en', 'nl', 'nl']);
  const nl = docs.find((d) => d.source.endsWith('002_a1f3bd7e1af7a897.txt'))!;
  const shown = cli(['show', nl.id.slice(0, 6), '--db', db]);
  assert.equal(shown.code, 0);
  assert.match(shown.stdout, /^\[1\] Terwijl de wapenvoorraad van Moskou/m);
  assert.match(shown.stdout, /Removed:\n {2}- caption: De Shahed-129, een Iraanse drone/);
  assert.match(shown.stdout, / {2}- author-box: Over de auteur/);
  const json = JSON.parse(cli(['show', nl.id, '--db', db, '--json']).stdout);
  assert.equal(json.id, nl.id);
  assert.equal(json.removed.length, 3);
  const again = cli(['ingest', SEEDS, '--db', db, '--no-extract', '--json']);
  assert.deepEqual(again.stdout.trim().split('\n').map((l) => JSON.parse(l).status), ['unchanged', 'unchanged', 'unchanged', 'unchanged']);
});

test('exit status is non-zero when any input failed, and the good ones are stored', (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'ok.txt'), 'Armenia signed a contract with France for CAESAR howitzers in June 2024. The guns will be delivered over two years.');
  writeFileSync(join(dir, 'bad.txt'), Buffer.from([0, 1, 2, 3, 0, 0]));
  const db = join(dir, 'x.db');
  const r = cli(['ingest', dir, '--db', db, '--no-extract']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, new RegExp(`error: ${dir}/bad.txt: binary content`));
  assert.match(r.stderr, /1 new, 0 near-duplicate, 0 unchanged, 1 failed/);
  const unknown = cli(['show', 'ffffffff', '--db', db]);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /^armscope: no document ffffffff in /);
  assert.equal(cli(['ingest', '-', '--db', db, '--no-extract'], { input: 'Kosovo bought Javelin missiles from the United States in 2024, officials in Pristina said.' }).code, 0);
  assert.equal(cli(['nonsense']).code, 2);
});

test('a kill in the middle of an ingest leaves only whole documents', async (t) => {
  const dir = tempDir(t);
  const corpus = join(dir, 'corpus');
  mkdirSync(corpus);
  for (let i = 0; i < 4000; i++) {
    writeFileSync(join(corpus, `a${String(i).padStart(5, '0')}.txt`), `Report ${i}: Serbia received batch ${i} of air defence missiles from China, officials said. `
      + `The delivery number ${i} arrived at Batajnica. ${'Analysts expect more shipments next year. '.repeat(5 + (i % 7))}`);
  }
  const db = join(dir, 'kill.db');
  const child = spawn(process.execPath, [BIN, 'ingest', corpus, '--db', db, '--no-extract', '--quiet'], { stdio: 'ignore', env: { ...process.env, CI: 'true' } });
  // Kill it once it has written something but long before it could finish.
  const started = Date.now();
  let stored = 0;
  while (Date.now() - started < 20_000) {
    await new Promise((r) => setTimeout(r, 100));
    try {
      const probe = new Database(db, { readonly: true, fileMustExist: true });
      stored = (probe.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
      probe.close();
    } catch { stored = 0; }
    if (stored >= 200) break;
  }
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));
  assert.ok(stored >= 200 && stored < 4000, `killed mid-way (${stored} stored)`);
  const check = new Database(db);
  assert.equal((check.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok');
  const partial = check.prepare(`SELECT d.id FROM documents d LEFT JOIN (SELECT document_id, count(*) AS n FROM sentences GROUP BY document_id) s
    ON s.document_id = d.id WHERE coalesce(s.n, 0) <> d.sentence_count`).all();
  assert.deepEqual(partial, [], 'every stored document has all its sentences');
  const orphans = check.prepare('SELECT count(*) AS n FROM sentences WHERE document_id NOT IN (SELECT id FROM documents)').get() as { n: number };
  assert.equal(orphans.n, 0);
  const before = (check.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
  check.close();
  // Running the same ingest again completes the corpus without duplicating what survived.
  const resumed = cli(['ingest', corpus, '--db', db, '--no-extract', '--quiet']);
  assert.equal(resumed.code, 0, resumed.stderr);
  // The synthetic reports differ only in their numbers, so most are stored as near-duplicates of the first.
  assert.match(resumed.stderr, new RegExp(`, ${before} unchanged, 0 failed`));
  const after = new Database(db, { readonly: true });
  assert.equal((after.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n, 4000);
  after.close();
});

test('migrate, search and reextract through the command line', (t) => {
  const db = join(tempDir(t), 'cmds.db');
  const migrated = cli(['migrate', '--db', db]);
  assert.equal(migrated.code, 0, migrated.stderr);
  // Every known version, read from the migration list itself (versions are added side by side).
  const latest = SQLITE_MIGRATIONS[SQLITE_MIGRATIONS.length - 1].version;
  assert.equal(migrated.stdout, `${SQLITE_MIGRATIONS.map((m) => `  applied ${m.version}: ${m.name}\n`).join('')}${db}: schema 0 → ${latest}\n`);
  assert.match(migrated.stdout, /^ {2}applied 1: documents, sources, sentences, events\n {2}applied 2: materialised transfer records, full-text search, extraction state, settings\n/);
  assert.equal(cli(['migrate', '--db', db]).stdout, `${db}: schema ${latest}, up to date\n`);
  assert.equal(cli(['ingest', SEEDS, '--db', db, '--no-extract', '--quiet']).code, 0);
  const docs = JSON.parse(cli(['docs', '--db', db, '--json']).stdout) as { id: string; source: string }[];
  const found = JSON.parse(cli(['search', 'Shahed', '--db', db, '--json']).stdout) as { id: string }[];
  assert.deepEqual(found.map((d) => d.id), docs.filter((d) => d.source.endsWith('002_a1f3bd7e1af7a897.txt')).map((d) => d.id), 'the Dutch seed');
  assert.deepEqual(JSON.parse(cli(['search', 'Шахед', '--db', db, '--json']).stdout), found, 'the Cyrillic spelling finds the same');
  const before = JSON.parse(cli(['transfers', '--db', db, '--json']).stdout);
  assert.deepEqual(before, [], 'stored without extraction: no records');
  const re = cli(['reextract', '--db', db, '--json']);
  assert.equal(re.code, 0, re.stderr);
  assert.deepEqual((({ resumed, done, total, finished }) => ({ resumed, done, total, finished }))(JSON.parse(re.stdout)), { resumed: false, done: 4, total: 4, finished: true });
  const records = JSON.parse(cli(['transfers', '--db', db, '--json']).stdout) as { supplier: string; recipient: string }[];
  assert.ok(records.some((r) => r.supplier === 'IR' && r.recipient === 'RS'), 'Iran → Serbia from the seeds');
});

test('migrate rebuilds the search index of a store from before the newest-first index, saying so on stderr', (t) => {
  const db = join(tempDir(t), 'older.db');
  assert.equal(cli(['ingest', SEEDS, '--db', db, '--no-extract', '--quiet']).code, 0);
  // As the previous version left a store: no storing numbers, and version 11 not applied.
  const raw = new Database(db);
  raw.exec('DROP INDEX documents_seq; ALTER TABLE documents DROP COLUMN seq; DELETE FROM armscope_migrations WHERE version = 11');
  raw.close();
  const migrated = cli(['migrate', '--db', db]);
  assert.equal(migrated.code, 0, migrated.stderr);
  assert.equal(migrated.stdout, `  applied 11: full-text index keyed newest first\n${db}: schema 10 → 11\n`);
  assert.match(migrated.stderr, /^search index rebuilt: 4 documents$/m);
  const found = JSON.parse(cli(['search', 'Shahed', '--db', db, '--json']).stdout) as { source: string }[];
  assert.deepEqual(found.map((d) => d.source.split('/').pop()), ['002_a1f3bd7e1af7a897.txt']);
});

test('worker flags that make no sense are refused by name before any connection is made', () => {
  for (const [flag, value, message] of [
    ['--refresh-every', 'abc', 'armscope: --refresh-every must be a number of seconds, 0 or more, got "abc"\n'],
    ['--refresh-every', '-5', 'armscope: --refresh-every must be a number of seconds, 0 or more, got "-5"\n'],
    ['--concurrency', '0', 'armscope: --concurrency must be a whole number of at least 1, got "0"\n'],
  ]) {
    const run = cli(['worker', flag, value, '--db', 'postgres://postgres@127.0.0.1:1/never']);
    assert.deepEqual([run.code, run.stderr], [1, message], `${flag} ${value}`);
  }
});
