/**
 * The tables, as the query builder sees them. Both backends hold the same columns with the same meaning;
 * only full-text search differs in shape (an FTS5 table in SQLite, a tsvector column in PostgreSQL), and
 * that is written per dialect in `dialect.ts`. Timestamps are ISO-8601 text and flags are 0/1 integers in
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
  screen_lists: ScreenListsTable;
  screen_entities: ScreenEntitiesTable;
  screen_runs: ScreenRunsTable;
}
