/**
 * PostgreSQL schema versions, numbered as the SQLite ones: the same version holds the same tables and
 * columns on both backends. Never edit a released version: add the next one.
 */
import type { Migration } from './runner.js';

export const POSTGRES_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'documents, sources, sentences, events',
    statements: [
      `CREATE TABLE documents (
         id text PRIMARY KEY, source text NOT NULL, url text, title text, published text, published_from text NOT NULL,
         language text NOT NULL, language_confidence double precision NOT NULL, format text NOT NULL, text text NOT NULL,
         removed text NOT NULL, cited text NOT NULL, simhash text NOT NULL,
         band0 text NOT NULL, band1 text NOT NULL, band2 text NOT NULL, band3 text NOT NULL,
         duplicate_of text REFERENCES documents(id), sentence_count integer NOT NULL, ingested_at text NOT NULL)`,
      'CREATE INDEX documents_band0 ON documents(band0)',
      'CREATE INDEX documents_band1 ON documents(band1)',
      'CREATE INDEX documents_band2 ON documents(band2)',
      'CREATE INDEX documents_band3 ON documents(band3)',
      'CREATE INDEX documents_published ON documents(published)',
      `CREATE TABLE document_sources (
         document_id text NOT NULL REFERENCES documents(id), source text NOT NULL, url text, first_seen text NOT NULL,
         PRIMARY KEY (document_id, source))`,
      `CREATE TABLE sentences (
         document_id text NOT NULL REFERENCES documents(id), idx integer NOT NULL, start integer NOT NULL, "end" integer NOT NULL,
         PRIMARY KEY (document_id, idx))`,
      `CREATE TABLE events (
         id text PRIMARY KEY, document_id text NOT NULL REFERENCES documents(id), kind text NOT NULL,
         supplier text, recipient text, system text, category text, status text,
         hedged integer NOT NULL, hypothetical integer NOT NULL, sentence integer NOT NULL, seq integer NOT NULL,
         body text NOT NULL, extractor text NOT NULL, extracted_at text NOT NULL)`,
      'CREATE INDEX events_document ON events(document_id)',
      'CREATE INDEX events_parties ON events(kind, supplier, recipient)',
    ],
  },
  {
    version: 2,
    name: 'materialised transfer records, full-text search, extraction state, settings',
    statements: [
      'ALTER TABLE documents ADD COLUMN extractor text',
      'ALTER TABLE documents ADD COLUMN extracted_at text',
      'CREATE INDEX documents_extracted ON documents(extracted_at)',
      // Newest first, undated last: listings and search of common words walk it and stop at the limit.
      'CREATE INDEX documents_newest ON documents(published DESC NULLS LAST, id)',
      // The folded words of title and text (see `searchTerms`), as a 'simple' tsvector: no stemming, no stop
      // words, so a name in any language is found as written.
      'ALTER TABLE documents ADD COLUMN search tsvector',
      'CREATE INDEX documents_search ON documents USING gin(search)',
      `CREATE TABLE transfer_records (
         id text PRIMARY KEY, supplier text NOT NULL, recipient text NOT NULL, system text, system_id text, category text,
         status text NOT NULL, hedged integer NOT NULL, corroboration integer NOT NULL, conflicted integer NOT NULL,
         first_seen text, last_seen text NOT NULL, body text NOT NULL)`,
      // Listings are ordered by (corroboration, last_seen, id): an index per filter column ends in that order.
      'CREATE INDEX transfer_records_order ON transfer_records(corroboration DESC, last_seen DESC, id)',
      'CREATE INDEX transfer_records_supplier ON transfer_records(supplier, corroboration DESC, last_seen DESC, id)',
      'CREATE INDEX transfer_records_recipient ON transfer_records(recipient, corroboration DESC, last_seen DESC, id)',
      'CREATE INDEX transfer_records_pair ON transfer_records(supplier, recipient, corroboration DESC, last_seen DESC, id)',
      'CREATE TABLE settings (key text PRIMARY KEY, value text NOT NULL)',
    ],
  },
  {
    version: 3,
    name: 'records brought up to date per batch: stale pairs',
    statements: [
      // A document marks the pairs its events name in its own transaction; their records are rebuilt once
      // per batch, and before any read of records, instead of once per document.
      'CREATE TABLE stale_pairs (pair text PRIMARY KEY)',
    ],
  },
  {
    version: 4,
    name: 'stale pairs carry a version: writers no longer wait for a rebuild of their pairs',
    statements: [
      // A writer bumps the version of each pair it touches; a rebuild removes a mark only at the version it
      // read, so a document stored while its pair was being rebuilt leaves the pair marked.
      'ALTER TABLE stale_pairs ADD COLUMN version integer NOT NULL DEFAULT 0',
    ],
  },
  {
    version: 5,
    name: 'reference data: trade-register imports and their deals',
    statements: [
      // One row per import source ('sipri'): a newer file of the same source replaces the older one whole.
      `CREATE TABLE reference_imports (
         source text PRIMARY KEY, file text NOT NULL, generated text, sha256 text NOT NULL, row_count integer NOT NULL, imported_at text NOT NULL)`,
      // One deal of a reference source. Country codes are null where the source names a state or actor
      // the catalog has no code for (the Soviet Union, a rebel group); its own name is always kept.
      `CREATE TABLE reference_records (
         id text PRIMARY KEY, source text NOT NULL, line integer NOT NULL,
         supplier text, supplier_name text NOT NULL, recipient text, recipient_name text NOT NULL,
         designation text NOT NULL, description text NOT NULL, system_id text, category text NOT NULL,
         order_year integer, order_year_uncertain integer NOT NULL,
         number_ordered integer, number_ordered_uncertain integer NOT NULL,
         number_delivered integer, number_delivered_uncertain integer NOT NULL,
         delivery_years text NOT NULL, first_delivery_year integer, last_delivery_year integer,
         status text NOT NULL, supplied_as text NOT NULL, comments text NOT NULL,
         tiv_unit double precision, tiv_total double precision, tiv_delivered double precision)`,
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
         list text PRIMARY KEY, version text NOT NULL, file text NOT NULL, format text NOT NULL, sha256 text NOT NULL,
         entities integer NOT NULL, loaded_at text NOT NULL)`,
      `CREATE TABLE screen_entities (
         list text NOT NULL, id text NOT NULL, schema text NOT NULL, caption text NOT NULL, names text NOT NULL,
         countries text NOT NULL, topics text NOT NULL, datasets text NOT NULL, target integer NOT NULL, PRIMARY KEY (list, id))`,
      // The audit trail: each run keeps the list versions (and their file hashes) that screened its file.
      `CREATE TABLE screen_runs (
         id text PRIMARY KEY, file text NOT NULL, sha256 text NOT NULL, started_at text NOT NULL, lines integer NOT NULL,
         levels text NOT NULL, lists text NOT NULL, chpl text NOT NULL, threshold double precision NOT NULL)`,
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
         url text PRIMARY KEY, etag text, last_modified text, checked_at text, status text, failures integer NOT NULL, next_at text, error text)`,
      // Documents a feed brought in, by content id: rules are run on each once (evaluated_at set in the
      // transaction that stores its alerts), so a restart picks up exactly the ones not yet evaluated.
      `CREATE TABLE watch_items (
         document_id text PRIMARY KEY, feed text NOT NULL, url text, seen_at text NOT NULL, evaluated_at text)`,
      'CREATE INDEX watch_items_pending ON watch_items(evaluated_at, seen_at)',
      // An alert's id is a hash of its rule and what it is about: the same event never alerts twice.
      `CREATE TABLE watch_alerts (
         id text PRIMARY KEY, rule text NOT NULL, subject text NOT NULL, created_at text NOT NULL, body text NOT NULL)`,
      'CREATE INDEX watch_alerts_created ON watch_alerts(created_at, id)',
      // One row per alert and sink configured when it was raised (`stdout`, `jsonl:PATH`, `webhook:URL`),
      // delivered_at set when that sink took it: a restart sends what is still owed, and only that.
      `CREATE TABLE watch_deliveries (
         alert_id text NOT NULL REFERENCES watch_alerts(id), sink text NOT NULL, delivered_at text, PRIMARY KEY (alert_id, sink))`,
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
      // key = searchKey(published, seq). A typical article's words (over PostgreSQL's 2 KB TOAST threshold)
      // go out of line, uncompressed (EXTERNAL), so the rows a search visits hold little but key and id; a
      // short text's words stay in the row (toast_tuple_target does not move values under the threshold).
      'CREATE SEQUENCE document_search_seq',
      `CREATE TABLE document_search (
         key bigint PRIMARY KEY, document_id text NOT NULL UNIQUE, search tsvector NOT NULL)`,
      'ALTER TABLE document_search ALTER COLUMN search SET STORAGE EXTERNAL',
      'CREATE INDEX document_search_words ON document_search USING gin(search)',
      'DROP INDEX documents_search',
      'ALTER TABLE documents DROP COLUMN search',
      `INSERT INTO settings (key, value) SELECT 'rebuild', 'search' WHERE EXISTS (SELECT 1 FROM documents)
         ON CONFLICT (key) DO UPDATE SET value = settings.value || ',search'`,
    ],
  },
];
