/**
 * The tables, as the query builder sees them. Both backends hold the same columns with the same meaning;
 * only full-text search differs in shape (an FTS5 table in SQLite, a table of tsvectors in PostgreSQL, both
 * keyed newest first: see `searchKey`), and that is written per dialect in `dialect.ts`. Timestamps are ISO-8601 text and flags are 0/1 integers in
 * both, so a row reads the same whichever backend it came from.
 */
import type { Generated } from 'kysely';

export interface DocumentsTable {
  id: string;
  source: string;
  url: string | null;
  title: string | null;
  published: string | null;
  published_from: string;
  language: string;
  language_confidence: number;
  format: string;
  text: string;
  /** JSON: removed debris with reasons. */
  removed: string;
  /** JSON: sources the article cites. */
  cited: string;
  simhash: string;
  band0: string;
  band1: string;
  band2: string;
  band3: string;
  duplicate_of: string | null;
  sentence_count: number;
  ingested_at: string;
  /** The extractor whose events the document holds, and when they were written (null: never extracted). */
  extractor: string | null;
  extracted_at: string | null;
  /** SQLite only: the order the store took documents in, which the search index's keys carry (`searchKey`). */
  seq?: number | null;
}

export interface DocumentSourcesTable {
  document_id: string;
  source: string;
  url: string | null;
  first_seen: string;
}

export interface SentencesTable {
  document_id: string;
  idx: number;
  start: number;
  end: number;
}

export interface EventsTable {
  id: string;
  document_id: string;
  kind: string;
  supplier: string | null;
  recipient: string | null;
  system: string | null;
  category: string | null;
  status: string | null;
  hedged: number;
  hypothetical: number;
  sentence: number;
  seq: number;
  /** JSON: the whole event as extracted. */
  body: string;
  extractor: string;
  extracted_at: string;
}

/**
 * One materialised transfer record: the filterable fields as columns, the whole record (history, sources,
 * conflicts) as JSON. Rows of a (supplier, recipient) pair are always replaced together, in the transaction
 * that changed the pair's events.
 */
export interface TransferRecordsTable {
  id: string;
  supplier: string;
  recipient: string;
  system: string | null;
  system_id: string | null;
  category: string | null;
  status: string;
  hedged: number;
  corroboration: number;
  conflicted: number;
  first_seen: string | null;
  /** '' when undated (the record in `body` says null), so that descending order puts it last everywhere. */
  last_seen: string;
  body: string;
}

/** Small named values: the checkpoint of a running `reextract`, for one. */
/** Supplier–recipient pairs whose stored records wait to be brought up to date (`SUPPLIER|RECIPIENT`). */
export interface StalePairsTable {
  pair: string;
  /** Bumped by every write that touches the pair; see `refreshRecords`. */
  version: Generated<number>;
}

export interface SettingsTable {
  key: string;
  value: string;
}

/** The import a reference source's rows came from (one per source: a newer file replaces the older). */
export interface ReferenceImportsTable {
  source: string;
  file: string;
  /** The date the source says it generated the file (YYYY-MM-DD), when it says. */
  generated: string | null;
  sha256: string;
  row_count: number;
  imported_at: string;
}

/** One deal of a reference source (`src/reference/types.ts` says what each field means). */
export interface ReferenceRecordsTable {
  id: string;
  source: string;
  line: number;
  supplier: string | null;
  supplier_name: string;
  recipient: string | null;
  recipient_name: string;
  designation: string;
  description: string;
  system_id: string | null;
  category: string;
  order_year: number | null;
  order_year_uncertain: number;
  number_ordered: number | null;
  number_ordered_uncertain: number;
  number_delivered: number | null;
  number_delivered_uncertain: number;
  /** Years of delivery joined by ';' ('' for none). */
  delivery_years: string;
  first_delivery_year: number | null;
  last_delivery_year: number | null;
  status: string;
  supplied_as: string;
  comments: string;
  tiv_unit: number | null;
  tiv_total: number | null;
  tiv_delivered: number | null;
}

/** A supplier→recipient pair's records summed, written with them (`records.ts`). */
export interface PairSummariesTable {
  supplier: string;
  recipient: string;
  records: number;
  corroboration: number;
  first_seen: string | null;
  /** '' when no record of the pair is dated. */
  last_seen: string;
  /** JSON: records by the year first reported (`undated` for the rest). */
  by_year: string;
  /** JSON: the pair's goods labels, most records first (at most `PAIR_GOODS_KEPT`). */
  goods: string;
  goods_count: number;
  /** How many of the pair's `pair_goods` rows name a system. */
  system_rows: number;
}

/** A pair's records of one system (or, when no system is named, one category), counted. */
export interface PairGoodsTable {
  supplier: string;
  recipient: string;
  /** The system id, else `name:` and the system as written, else `category:` and the category. */
  goods: string;
  system_id: string | null;
  system: string | null;
  category: string | null;
  records: number;
  corroboration: number;
  /** The most corroborated of these records, and its status. */
  top_record: string;
  top_status: string;
}

/** An analyst's decision on a claim (`src/review/decisions.ts`). */
export interface DecisionsTable {
  id: string;
  claim: string;
  event_id: string;
  document_id: string;
  pair_from: string;
  pair_to: string;
  verdict: string;
  /** JSON: the fields a correction sets. */
  fields: string;
  note: string | null;
  author: string;
  decided_at: string;
  via: string | null;
}

export interface PublisherGradesTable {
  publisher: string;
  /** A–F on the Admiralty scale. */
  grade: string;
  note: string | null;
  author: string;
  graded_at: string;
}

/** A watched feed's poll state (`src/watch/poll.ts`). */
export interface WatchFeedsTable {
  url: string;
  etag: string | null;
  last_modified: string | null;
  checked_at: string | null;
  /** `ok`, `not-modified` or `error`. */
  status: string | null;
  /** Failures in a row; the wait before the next poll doubles with each. */
  failures: number;
  next_at: string | null;
  error: string | null;
}

/** A document a watched feed brought in; `evaluated_at` is set once the rules ran on it. */
export interface WatchItemsTable {
  document_id: string;
  feed: string;
  url: string | null;
  seen_at: string;
  evaluated_at: string | null;
}

/** An alert, kept so that it is never raised twice. */
export interface WatchAlertsTable {
  id: string;
  rule: string;
  subject: string;
  created_at: string;
  /** JSON: the alert as sent. */
  body: string;
}

/** An alert owed to a sink (`stdout`, `jsonl:PATH`, `webhook:URL`); `delivered_at` once the sink took it. */
export interface WatchDeliveriesTable {
  alert_id: string;
  sink: string;
  delivered_at: string | null;
}

/** The loaded version of a sanctions list (`src/screen/lists.ts`): one row per list, replaced by each load. */
export interface ScreenListsTable {
  list: string;
  version: string;
  file: string;
  format: string;
  sha256: string;
  entities: number;
  loaded_at: string;
}

/** A party of a loaded list. Names, countries, topics and datasets are JSON arrays. */
export interface ScreenEntitiesTable {
  list: string;
  id: string;
  schema: string;
  caption: string;
  names: string;
  countries: string;
  topics: string;
  datasets: string;
  target: number;
}

/** A screening run: which file, which list versions, what came out (the audit trail). */
export interface ScreenRunsTable {
  id: string;
  file: string;
  sha256: string;
  started_at: string;
  lines: number;
  levels: string;
  lists: string;
  chpl: string;
  threshold: number;
}

export interface Schema {
  documents: DocumentsTable;
  document_sources: DocumentSourcesTable;
  sentences: SentencesTable;
  events: EventsTable;
  transfer_records: TransferRecordsTable;
  settings: SettingsTable;
  stale_pairs: StalePairsTable;
  reference_imports: ReferenceImportsTable;
  reference_records: ReferenceRecordsTable;
  pair_summaries: PairSummariesTable;
  pair_goods: PairGoodsTable;
  decisions: DecisionsTable;
  publisher_grades: PublisherGradesTable;
  watch_feeds: WatchFeedsTable;
  watch_items: WatchItemsTable;
  watch_alerts: WatchAlertsTable;
  watch_deliveries: WatchDeliveriesTable;
  screen_lists: ScreenListsTable;
  screen_entities: ScreenEntitiesTable;
  screen_runs: ScreenRunsTable;
}
