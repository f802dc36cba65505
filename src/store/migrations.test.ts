/**
 * Migrations and opening: a SQLite file written by armscope before versioned migrations upgrades in
 * place without losing anything; a store from a newer armscope, an unmigrated PostgreSQL database, a wrong
 * URL, a missing database and an unreachable server each give one clear error naming the location.
 *
 * The legacy fixture is the schema armscope wrote up to commit ece5c07 (src/store/sqlite.ts then), with
 * rows written as that code wrote them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { mergedRecords } from '../../test/stores.js';
import { tempDir } from '../../test/helpers.js';
import { createTestDatabase, postgresUnavailable, PG_ADMIN_URL } from '../../test/pg.js';
import { ConfigError } from '../errors.js';
import { SqliteStore } from './sqlite.js';
import { migrateStore, openStore } from './open.js';
import { POSTGRES_MIGRATIONS } from './migrations/postgres.js';
import { SQLITE_MIGRATIONS } from './migrations/sqlite.js';
import { searchTerms } from './search.js';

// Every version this armscope knows, from the migration lists themselves: versions are added side by side,
// not always consecutively numbered, and both backends must know the same ones.
const VERSIONS = SQLITE_MIGRATIONS.map((m) => m.version);
const LATEST = VERSIONS[VERSIONS.length - 1];

test('both backends know the same migration versions, in ascending order', () => {
  assert.deepEqual(POSTGRES_MIGRATIONS.map((m) => m.version), VERSIONS);
  assert.deepEqual([...VERSIONS].sort((a, b) => a - b), VERSIONS);
  assert.ok(VERSIONS.includes(8), 'version 8: supply-chain screening tables');
});

const LEGACY_SCHEMA = `CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version (version) VALUES (1);
CREATE TABLE documents (id TEXT PRIMARY KEY, source TEXT NOT NULL, url TEXT, title TEXT, published TEXT, published_from TEXT NOT NULL,
  language TEXT NOT NULL, language_confidence REAL NOT NULL, format TEXT NOT NULL, text TEXT NOT NULL, removed TEXT NOT NULL, cited TEXT NOT NULL,
  simhash TEXT NOT NULL, band0 TEXT NOT NULL, band1 TEXT NOT NULL, band2 TEXT NOT NULL, band3 TEXT NOT NULL,
  duplicate_of TEXT REFERENCES documents(id), sentence_count INTEGER NOT NULL, ingested_at TEXT NOT NULL);
CREATE INDEX documents_band0 ON documents(band0);
CREATE INDEX documents_band1 ON documents(band1);
CREATE INDEX documents_band2 ON documents(band2);
CREATE INDEX documents_band3 ON documents(band3);
CREATE INDEX documents_published ON documents(published);
CREATE TABLE document_sources (document_id TEXT NOT NULL REFERENCES documents(id), source TEXT NOT NULL, url TEXT, first_seen TEXT NOT NULL,
  PRIMARY KEY (document_id, source));
CREATE TABLE sentences (document_id TEXT NOT NULL REFERENCES documents(id), idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
  PRIMARY KEY (document_id, idx)) WITHOUT ROWID;
CREATE TABLE events (id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id), kind TEXT NOT NULL,
  supplier TEXT, recipient TEXT, system TEXT, category TEXT, status TEXT, hedged INTEGER NOT NULL, hypothetical INTEGER NOT NULL,
  sentence INTEGER NOT NULL, seq INTEGER NOT NULL, body TEXT NOT NULL, extractor TEXT NOT NULL, extracted_at TEXT NOT NULL);
CREATE INDEX events_document ON events(document_id);
CREATE INDEX events_parties ON events(kind, supplier, recipient);`;

const TEXT_A = 'Serbia received Chinese FK-3 air defence systems in April 2022. Six Y-20 aircraft landed in Belgrade.';
const TEXT_B = 'Россия поставила Сербии зенитные комплексы Панцирь-С1 в 2020 году.';

function legacyFile(path: string) {
  const db = new Database(path);
  db.exec(LEGACY_SCHEMA);
  const doc = db.prepare(`INSERT INTO documents VALUES (?, ?, NULL, ?, ?, 'metadata', ?, 0.9, 'text', ?, '[]', '[]', ?, 'a', 'b', 'c', 'd', NULL, 1, ?)`);
  doc.run('aaaa000000000001', 'old/a.txt', 'FK-3 for Serbia', '2022-04-10', 'en', TEXT_A, '0123456789abcdef', '2024-01-01T00:00:00.000Z');
  doc.run('bbbb000000000002', 'old/b.txt', null, '2020-02-22', 'ru', TEXT_B, 'fedcba9876543210', '2024-01-02T00:00:00.000Z');
  db.prepare(`INSERT INTO document_sources VALUES ('aaaa000000000001', 'old/a.txt', NULL, '2024-01-01T00:00:00.000Z')`).run();
  db.prepare(`INSERT INTO sentences VALUES ('aaaa000000000001', 0, 0, 63)`).run();
  const event = (supplier: string, system: string, status: string) => JSON.stringify({ kind: 'transfer', status, hedged: false, hypothetical: false, confidence: 0.9,
    evidence: { sentence: 0, start: 0, end: 63, text: TEXT_A.slice(0, 63), cues: ['received'], rule: 'transfer/recipient-subject' },
    supplier, recipient: 'RS', system, systemId: system.toLowerCase(), category: 'air-defence' });
  db.prepare(`INSERT INTO events VALUES ('e1', 'aaaa000000000001', 'transfer', 'CN', 'RS', 'FK-3', 'air-defence', 'delivered', 0, 0, 0, 0, ?, 'armscope-rules/0.1', '2024-01-01T00:00:00.000Z')`)
    .run(event('CN', 'FK-3', 'delivered'));
  db.prepare(`INSERT INTO events VALUES ('e2', 'bbbb000000000002', 'transfer', 'RU', 'RS', 'Pantsir-S1', 'air-defence', 'delivered', 0, 0, 0, 0, ?, 'armscope-rules/0.1', '2024-01-02T00:00:00.000Z')`)
    .run(event('RU', 'Pantsir-S1', 'delivered'));
  db.close();
}

test('a SQLite file from before versioned migrations upgrades in place: nothing lost, records and search built', async (t) => {
  const path = join(tempDir(t), 'legacy.db');
  legacyFile(path);
  const progress: string[] = [];
  const report = await migrateStore(path, { onRebuild: (p) => progress.push(`${p.what} ${p.done}/${p.total}`) });
  assert.deepEqual(progress, ['search 2/2', 'records 2/2'], 'what migrating rebuilt, as the progress reported it');
  assert.deepEqual([report.from, report.to, report.applied.map((a) => a.version)], [1, LATEST, VERSIONS]);
  const store = new SqliteStore(path);
  t.after(() => store.close());
  assert.equal(await store.countDocuments(), 2);
  const a = (await store.getDocument('aaaa'))!;
  assert.deepEqual([a.title, a.text, a.published, a.sentences], ['FK-3 for Serbia', TEXT_A, '2022-04-10', [{ index: 0, start: 0, end: 63 }]]);
  assert.deepEqual((await store.listEvents()).map((e) => [e.id, e.documentId, e.system, e.extractedAt]),
    [['e1', 'aaaa000000000001', 'FK-3', '2024-01-01T00:00:00.000Z'], ['e2', 'bbbb000000000002', 'Pantsir-S1', '2024-01-02T00:00:00.000Z']]);
  const records = await store.listTransferRecords();
  assert.deepEqual(records.map((r) => `${r.supplier}>${r.recipient} ${r.system} ${r.status}`), ['CN>RS FK-3 delivered', 'RU>RS Pantsir-S1 delivered']);
  assert.deepEqual(records, await mergedRecords(store));
  assert.deepEqual((await store.searchDocuments('Панцирь')).map((d) => d.id), ['bbbb000000000002']);
  assert.deepEqual((await store.searchDocuments('belgrade')).map((d) => d.id), ['aaaa000000000001']);
  assert.deepEqual(await store.listStaleDocuments({ before: '2024-01-01T12:00:00.000Z', limit: 5 }), ['aaaa000000000001'], 'extraction time taken from the events');
  const raw = new Database(path, { readonly: true });
  t.after(() => raw.close());
  assert.deepEqual(raw.prepare("SELECT name FROM sqlite_master WHERE name = 'schema_version'").all(), []);
  assert.deepEqual(raw.prepare('SELECT version FROM armscope_migrations ORDER BY version').all(), VERSIONS.map((version) => ({ version })));
  assert.equal((raw.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check, 'ok');
});

test('migrating twice applies nothing the second time; a file from a newer armscope is refused by name', async (t) => {
  const path = join(tempDir(t), 'fresh.db');
  assert.deepEqual((await migrateStore(path)).applied.map((a) => a.version), VERSIONS);
  assert.deepEqual(await migrateStore(path), { from: LATEST, to: LATEST, applied: [], location: path });
  const raw = new Database(path);
  raw.prepare("INSERT INTO armscope_migrations VALUES (99, 'from the future', '2030-01-01')").run();
  raw.close();
  await assert.rejects(openStore(path), (e: Error) => e instanceof ConfigError
    && e.message === `${path} has schema version 99, newer than this armscope knows (${LATEST}); upgrade armscope to use it`);
});

test('wrong locations are named with the reason', async () => {
  await assert.rejects(openStore('mysql://db.example/x'), { message: 'mysql://db.example/x is neither a file path nor a postgres:// URL' });
  await assert.rejects(openStore('postgres://user:secret@[bad/x'), { message: 'not a valid PostgreSQL URL: postgres://user:***@[bad/x (expected postgres://user@host:5432/database)' });
  await assert.rejects(openStore('postgres://postgres@127.0.0.1:1/armscope'), {
    message: 'cannot reach PostgreSQL at 127.0.0.1:1 (ECONNREFUSED); is the server running, and is ARMSCOPE_DB right?',
  });
});

describe('PostgreSQL migrations', { skip: await postgresUnavailable() }, () => {
  test('a missing database and an unmigrated one each say what to do; concurrent migrations apply once', async (t) => {
    const missing = new URL(PG_ADMIN_URL);
    missing.pathname = '/armscope_no_such_database';
    await assert.rejects(openStore(missing.toString()), {
      message: `database "armscope_no_such_database" does not exist on ${missing.hostname}:${missing.port || 5432}; create it (createdb armscope_no_such_database), then run armscope migrate`,
    });
    const url = await createTestDatabase(t);
    await assert.rejects(openStore(url), (e: Error) => e instanceof ConfigError && e.message.includes(`is at schema version 0, this armscope needs ${LATEST}: run armscope migrate --db `));
    const reports = await Promise.all([migrateStore(url), migrateStore(url), migrateStore(url)]);
    assert.deepEqual(reports.map((r) => r.applied.length).sort(), [0, 0, VERSIONS.length], 'one process applies every version, the others find them applied');
    const store = await openStore(url);
    assert.equal(await store.countDocuments(), 0);
    await store.close();
  });
});

describe('PostgreSQL: a store of version 10 with documents', { skip: await postgresUnavailable() }, () => {
  test('version 11 moves the words to the newest-first index, rebuilt with progress; search answers as before, newest first', async (t) => {
    const url = await createTestDatabase(t);
    const { postgresBackend } = await import('./dialect.js');
    const { runMigrations } = await import('./migrations/runner.js');
    const backend = await postgresBackend(url);
    await runMigrations(backend, POSTGRES_MIGRATIONS.filter((m) => m.version <= 10));
    // As version 10 wrote documents: the folded words in documents.search.
    const insert = (id: string, title: string, published: string | null, text: string) => sql`INSERT INTO documents
      (id, source, title, published, published_from, language, language_confidence, format, text, removed, cited, simhash, band0, band1, band2, band3, sentence_count, ingested_at, search)
      VALUES (${id}, ${`old/${id}.txt`}, ${title}, ${published}, 'metadata', 'en', 0.9, 'text', ${text}, '[]', '[]', ${id}, ${id.slice(0, 4)}, 'b', 'c', 'd', 1, '2024-01-01T00:00:00.000Z',
        to_tsvector('simple', ${searchTerms(title, text)}))`.execute(backend.db);
    await insert('aaaa000000000001', 'FK-3 for Serbia', '2022-04-10', 'Serbia received FK-3 air defence batteries from China.');
    await insert('bbbb000000000002', 'Панцирь для Сербии', '2020-02-22', 'Россия поставила Сербии Панцирь-С1, Belgrade confirmed.');
    await insert('cccc000000000003', 'Undated note on Serbia', null, 'Serbia and Belgrade again.');
    await backend.close();
    const progress: string[] = [];
    const report = await migrateStore(url, { onRebuild: (p) => progress.push(`${p.what} ${p.done}/${p.total}`) });
    assert.deepEqual(report.applied.map((a) => a.version), [11]);
    assert.deepEqual(progress, ['search 3/3']);
    const store = await openStore(url);
    t.after(() => store.close());
    assert.deepEqual((await store.searchDocuments('Serbia')).map((d) => d.id), ['aaaa000000000001', 'cccc000000000003']);
    assert.deepEqual((await store.searchDocuments('belgrade')).map((d) => d.id), ['bbbb000000000002', 'cccc000000000003']);
    assert.deepEqual((await store.searchDocuments('Pantsir')).map((d) => d.id), ['bbbb000000000002']);
  });
});

describe('PostgreSQL: a version missing below the highest', { skip: await postgresUnavailable() }, () => {
  test('a database at the latest number that lacks a lower version is refused by name, and migrate adds it', async (t) => {
    const url = await createTestDatabase(t);
    await migrateStore(url);
    const pg = await import('pg');
    const client = new pg.default.Client({ connectionString: url });
    await client.connect();
    // As a database migrated by a build that had the later versions but not version 4 would be.
    await client.query('ALTER TABLE stale_pairs DROP COLUMN version; DELETE FROM armscope_migrations WHERE version = 4');
    await client.end();
    await assert.rejects(openStore(url), (e: Error) => e instanceof ConfigError && e.message.includes('lacks schema version 4: run armscope migrate --db '));
    assert.deepEqual((await migrateStore(url)).applied.map((a) => a.version), [4]);
    const store = await openStore(url);
    assert.equal(await store.countDocuments(), 0);
    await store.close();
  });
});
