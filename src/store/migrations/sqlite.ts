/**
 * SQLite schema versions. Never edit a released version: add the next one. Version 1 is the schema of
 * armscope before migrations were versioned (its files hold a `schema_version` table), written with
 * IF NOT EXISTS so that such files take it as already applied and upgrade from there without data loss.
 */
import type { Migration } from './runner.js';

export const SQLITE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'documents, sources, sentences, events',
    statements: [
      `CREATE TABLE IF NOT EXISTS documents (
         id TEXT PRIMARY KEY, source TEXT NOT NULL, url TEXT, title TEXT, published TEXT, published_from TEXT NOT NULL,
         language TEXT NOT NULL, language_confidence REAL NOT NULL, format TEXT NOT NULL, text TEXT NOT NULL,
         removed TEXT NOT NULL, cited TEXT NOT NULL, simhash TEXT NOT NULL,
         band0 TEXT NOT NULL, band1 TEXT NOT NULL, band2 TEXT NOT NULL, band3 TEXT NOT NULL,
         duplicate_of TEXT REFERENCES documents(id), sentence_count INTEGER NOT NULL, ingested_at TEXT NOT NULL)`,
      'CREATE INDEX IF NOT EXISTS documents_band0 ON documents(band0)',
      'CREATE INDEX IF NOT EXISTS documents_band1 ON documents(band1)',
      'CREATE INDEX IF NOT EXISTS documents_band2 ON documents(band2)',
      'CREATE INDEX IF NOT EXISTS documents_band3 ON documents(band3)',
      'CREATE INDEX IF NOT EXISTS documents_published ON documents(published)',
      `CREATE TABLE IF NOT EXISTS document_sources (
         document_id TEXT NOT NULL REFERENCES documents(id), source TEXT NOT NULL, url TEXT, first_seen TEXT NOT NULL,
         PRIMARY KEY (document_id, source))`,
      `CREATE TABLE IF NOT EXISTS sentences (
         document_id TEXT NOT NULL REFERENCES documents(id), idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
         PRIMARY KEY (document_id, idx)) WITHOUT ROWID`,
      `CREATE TABLE IF NOT EXISTS events (
         id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id), kind TEXT NOT NULL,
         supplier TEXT, recipient TEXT, system TEXT, category TEXT, status TEXT,
         hedged INTEGER NOT NULL, hypothetical INTEGER NOT NULL, sentence INTEGER NOT NULL, seq INTEGER NOT NULL,
         body TEXT NOT NULL, extractor TEXT NOT NULL, extracted_at TEXT NOT NULL)`,
      'CREATE INDEX IF NOT EXISTS events_document ON events(document_id)',
      'CREATE INDEX IF NOT EXISTS events_parties ON events(kind, supplier, recipient)',
    ],
  },
  {
    version: 2,
    name: 'materialised transfer records, full-text search, extraction state, settings',
    statements: [
      'DROP TABLE IF EXISTS schema_version',
      'ALTER TABLE documents ADD COLUMN extractor TEXT',
      'ALTER TABLE documents ADD COLUMN extracted_at TEXT',
      // Documents stored before this version: their events tell which extractor made them.
      `UPDATE documents SET (extractor, extracted_at) =
         (SELECT max(e.extractor), max(e.extracted_at) FROM events e WHERE e.document_id = documents.id)`,
      'CREATE INDEX documents_extracted ON documents(extracted_at)',
      // Newest first (undated last: NULL is smallest in SQLite): listings and search walk it and stop at the limit.
      'CREATE INDEX documents_newest ON documents(published DESC, id)',
      `CREATE TABLE transfer_records (
         id TEXT PRIMARY KEY, supplier TEXT NOT NULL, recipient TEXT NOT NULL, system TEXT, system_id TEXT, category TEXT,
         status TEXT NOT NULL, hedged INTEGER NOT NULL, corroboration INTEGER NOT NULL, conflicted INTEGER NOT NULL,
         first_seen TEXT, last_seen TEXT NOT NULL, body TEXT NOT NULL)`,
      // Listings are ordered by (corroboration, last_seen, id): an index per filter column ends in that order.
      'CREATE INDEX transfer_records_order ON transfer_records(corroboration DESC, last_seen DESC, id)',
      'CREATE INDEX transfer_records_supplier ON transfer_records(supplier, corroboration DESC, last_seen DESC, id)',
      'CREATE INDEX transfer_records_recipient ON transfer_records(recipient, corroboration DESC, last_seen DESC, id)',
      'CREATE INDEX transfer_records_pair ON transfer_records(supplier, recipient, corroboration DESC, last_seen DESC, id)',
      'CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
      // The index holds the folded words of title and text (see `searchTerms`); the text itself stays in
      // `documents` only. rowid = documents.rowid.
      `CREATE VIRTUAL TABLE documents_fts USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`,
      // Derived data for documents already stored is rebuilt by the store right after migrating.
      `INSERT INTO settings (key, value) SELECT 'rebuild', 'records,search' WHERE EXISTS (SELECT 1 FROM documents)`,
    ],
  },
  {
    version: 3,
    name: 'records brought up to date per batch: stale pairs',
    statements: [
      // A document marks the pairs its events name in its own transaction; their records are rebuilt once
      // per batch, and before any read of records, instead of once per document.
      'CREATE TABLE stale_pairs (pair TEXT PRIMARY KEY)',
    ],
  },
  {
    version: 4,
    name: 'stale pairs carry a version: writers no longer wait for a rebuild of their pairs',
    statements: [
      // A writer bumps the version of each pair it touches; a rebuild removes a mark only at the version it
      // read, so a document stored while its pair was being rebuilt leaves the pair marked.
      'ALTER TABLE stale_pairs ADD COLUMN version INTEGER NOT NULL DEFAULT 0',
    ],
  },
  {
    version: 5,
    name: 'reference data: trade-register imports and their deals',
    statements: [
      // One row per import source ('sipri'): a newer file of the same source replaces the older one whole.
      `CREATE TABLE reference_imports (
         source TEXT PRIMARY KEY, file TEXT NOT NULL, generated TEXT, sha256 TEXT NOT NULL, row_count INTEGER NOT NULL, imported_at TEXT NOT NULL)`,
      // One deal of a reference source. Country codes are null where the source names a state or actor
      // the catalog has no code for (the Soviet Union, a rebel group); its own name is always kept.
      `CREATE TABLE reference_records (
         id TEXT PRIMARY KEY, source TEXT NOT NULL, line INTEGER NOT NULL,
         supplier TEXT, supplier_name TEXT NOT NULL, recipient TEXT, recipient_name TEXT NOT NULL,
         designation TEXT NOT NULL, description TEXT NOT NULL, system_id TEXT, category TEXT NOT NULL,
         order_year INTEGER, order_year_uncertain INTEGER NOT NULL,
         number_ordered INTEGER, number_ordered_uncertain INTEGER NOT NULL,
         number_delivered INTEGER, number_delivered_uncertain INTEGER NOT NULL,
         delivery_years TEXT NOT NULL, first_delivery_year INTEGER, last_delivery_year INTEGER,
         status TEXT NOT NULL, supplied_as TEXT NOT NULL, comments TEXT NOT NULL,
         tiv_unit REAL, tiv_total REAL, tiv_delivered REAL)`,
      'CREATE INDEX reference_records_pair ON reference_records(supplier, recipient, order_year)',
      'CREATE INDEX reference_records_recipient ON reference_records(recipient, order_year)',
      'CREATE INDEX reference_records_system ON reference_records(system_id)',
      'CREATE INDEX reference_records_source ON reference_records(source, line)',
    ],
  },
  {
    version: 6,
    name: 'the transfer network reads pairs from an index',
    statements: [
      // Every column the network's per-pair sums read (recordPairs), so they come from the index alone,
      // not from each record's row with its JSON body: four times faster on 55,000 records.
      'CREATE INDEX transfer_records_pair_sums ON transfer_records(supplier, recipient, corroboration, first_seen, last_seen)',
    ],
  },
  {
    version: 7,
    name: 'per-pair sums and goods kept beside the records: the network and country profiles read them',
    statements: [
      // One row per supplier→recipient pair, written with the pair's records: counts, first and last report,
      // records by the year first reported (JSON), the pair's most frequent goods (JSON), how many it has, and
      // how many of its rows in pair_goods name a system.
      `CREATE TABLE pair_summaries (
         supplier TEXT NOT NULL, recipient TEXT NOT NULL, records INTEGER NOT NULL, corroboration INTEGER NOT NULL,
         first_seen TEXT, last_seen TEXT NOT NULL, by_year TEXT NOT NULL, goods TEXT NOT NULL, goods_count INTEGER NOT NULL, system_rows INTEGER NOT NULL,
         PRIMARY KEY (supplier, recipient))`,
      'CREATE INDEX pair_summaries_recipient ON pair_summaries(recipient)',
      // One row per pair and goods (a system, else a category): how many records, and the most corroborated one.
      `CREATE TABLE pair_goods (
         supplier TEXT NOT NULL, recipient TEXT NOT NULL, goods TEXT NOT NULL, system_id TEXT, system TEXT, category TEXT,
         records INTEGER NOT NULL, corroboration INTEGER NOT NULL, top_record TEXT NOT NULL, top_status TEXT NOT NULL,
         PRIMARY KEY (supplier, recipient, goods))`,
      'CREATE INDEX pair_goods_supplier ON pair_goods(supplier, records DESC, goods)',
      'CREATE INDEX pair_goods_recipient ON pair_goods(recipient, records DESC, goods)',
      // A country's records latest first: one ordered range per side, merged (see listTransferRecords).
      'CREATE INDEX transfer_records_supplier_recent ON transfer_records(supplier, last_seen DESC, corroboration DESC, id)',
      'CREATE INDEX transfer_records_recipient_recent ON transfer_records(recipient, last_seen DESC, corroboration DESC, id)',
      // Stores with records fill the new tables by rebuilding their records right after migrating.
      `INSERT INTO settings (key, value) SELECT 'rebuild', 'records' WHERE EXISTS (SELECT 1 FROM transfer_records)
         ON CONFLICT (key) DO UPDATE SET value = settings.value || ',records'`,
    ],
  },
  {
    // The runner applies every version it has not recorded, in order: numbers need not be consecutive.
    version: 8,
    name: 'supply-chain screening: sanctions lists, their parties, screening runs',
    statements: [
      // One row per list: a load replaces the list's parties and this row in one transaction.
      `CREATE TABLE screen_lists (
         list TEXT PRIMARY KEY, version TEXT NOT NULL, file TEXT NOT NULL, format TEXT NOT NULL, sha256 TEXT NOT NULL,
         entities INTEGER NOT NULL, loaded_at TEXT NOT NULL)`,
      `CREATE TABLE screen_entities (
         list TEXT NOT NULL, id TEXT NOT NULL, schema TEXT NOT NULL, caption TEXT NOT NULL, names TEXT NOT NULL,
         countries TEXT NOT NULL, topics TEXT NOT NULL, datasets TEXT NOT NULL, target INTEGER NOT NULL, PRIMARY KEY (list, id))`,
      // The audit trail: each run keeps the list versions (and their file hashes) that screened its file.
      `CREATE TABLE screen_runs (
         id TEXT PRIMARY KEY, file TEXT NOT NULL, sha256 TEXT NOT NULL, started_at TEXT NOT NULL, lines INTEGER NOT NULL,
         levels TEXT NOT NULL, lists TEXT NOT NULL, chpl TEXT NOT NULL, threshold REAL NOT NULL)`,
      'CREATE INDEX screen_runs_started ON screen_runs(started_at)',
    ],
  },
  {
    version: 9,
    name: 'watch: feed poll state, items seen and alerts sent',
    statements: [
      // One row per watched feed: the validators its last answer carried (a conditional GET sends them
      // back) and, after failures, when it may be asked again.
      `CREATE TABLE watch_feeds (
         url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, checked_at TEXT, status TEXT, failures INTEGER NOT NULL, next_at TEXT, error TEXT)`,
      // Documents a feed brought in, by content id: rules are run on each once (evaluated_at set in the
      // transaction that stores its alerts), so a restart picks up exactly the ones not yet evaluated.
      `CREATE TABLE watch_items (
         document_id TEXT PRIMARY KEY, feed TEXT NOT NULL, url TEXT, seen_at TEXT NOT NULL, evaluated_at TEXT)`,
      'CREATE INDEX watch_items_pending ON watch_items(evaluated_at, seen_at)',
      // An alert's id is a hash of its rule and what it is about: the same event never alerts twice.
      `CREATE TABLE watch_alerts (
         id TEXT PRIMARY KEY, rule TEXT NOT NULL, subject TEXT NOT NULL, created_at TEXT NOT NULL, body TEXT NOT NULL)`,
      'CREATE INDEX watch_alerts_created ON watch_alerts(created_at, id)',
      // One row per alert and sink configured when it was raised (`stdout`, `jsonl:PATH`, `webhook:URL`),
      // delivered_at set when that sink took it: a restart sends what is still owed, and only that.
      `CREATE TABLE watch_deliveries (
         alert_id TEXT NOT NULL REFERENCES watch_alerts(id), sink TEXT NOT NULL, delivered_at TEXT, PRIMARY KEY (alert_id, sink))`,
      'CREATE INDEX watch_deliveries_owed ON watch_deliveries(delivered_at, sink)',
    ],
  },
  {
    version: 10,
    name: 'analysts\' decisions on claims, and publishers\' reliability grades',
    statements: [
      // Append-only: a decision is never updated or deleted, so two analysts deciding at once both keep theirs;
      // the latest (by id, which sorts by time) is the one applied. claim = document|sentence|kind|parties|goods.
      `CREATE TABLE decisions (
         id TEXT PRIMARY KEY, claim TEXT NOT NULL, event_id TEXT NOT NULL, document_id TEXT NOT NULL,
         pair_from TEXT NOT NULL, pair_to TEXT NOT NULL, verdict TEXT NOT NULL, fields TEXT NOT NULL, note TEXT,
         author TEXT NOT NULL, decided_at TEXT NOT NULL, via TEXT)`,
      'CREATE INDEX decisions_claim ON decisions(claim, id)',
      'CREATE INDEX decisions_document ON decisions(document_id)',
      'CREATE INDEX decisions_pair_from ON decisions(pair_from)',
      'CREATE INDEX decisions_pair_to ON decisions(pair_to)',
      'CREATE INDEX decisions_author ON decisions(author, id)',
      // A publisher (a host, or a feed or folder name) graded on the Admiralty scale; absent means F.
      `CREATE TABLE publisher_grades (
         publisher TEXT PRIMARY KEY, grade TEXT NOT NULL, note TEXT, author TEXT NOT NULL, graded_at TEXT NOT NULL)`,
    ],
  },
  {
    version: 11,
    name: 'full-text index keyed newest first',
    statements: [
      // The order the store took each document in; unlike the rowid, VACUUM keeps it.
      'ALTER TABLE documents ADD COLUMN seq INTEGER',
      'UPDATE documents SET seq = rowid',
      'CREATE UNIQUE INDEX documents_seq ON documents(seq)',
      // Rowid = searchKey(published, seq): FTS5 returns a word's matches newest first and stops at the page's end.
      'DROP TABLE documents_fts',
      `CREATE VIRTUAL TABLE documents_fts USING fts5(body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0')`,
      `INSERT INTO settings (key, value) SELECT 'rebuild', 'search' WHERE EXISTS (SELECT 1 FROM documents)
         ON CONFLICT (key) DO UPDATE SET value = settings.value || ',search'`,
    ],
  },
];
