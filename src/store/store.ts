/**
 * The storage boundary. Both backends (an embedded SQLite file, a PostgreSQL database) implement this
 * interface through the same query code (`sql-store.ts`) and pass the same conformance tests
 * (`store.test.ts`); nothing outside `src/store` writes SQL.
 */
import type { Decision } from '../review/decisions.js';
import type { PreparedDocument } from '../ingest/prepare.js';
import type { CitedSource, RemovedSpan } from '../text/clean.js';
import type { Sentence } from '../text/sentences.js';
import type { StoredEvent, EventInput } from '../extract/types.js';
import type { TransferRecord } from '../resolve/transfers.js';
import type { WatchState } from './watch.js';
import type { ListEntity, ListVersion, ScreenRun } from '../screen/types.js';
import type { ReferenceFilter, ReferenceImport, ReferenceRecord, TivAggregate } from '../reference/types.js';

export type AddStatus = 'added' | 'unchanged' | 'duplicate';

export interface AddResult {
  status: AddStatus;
  id: string;
  /** For near-duplicates: the first document of the story. */
  duplicateOf?: string;
}

export interface DocumentSummary {
  id: string;
  source: string;
  url: string | null;
  title: string | null;
  published: string | null;
  language: string;
  duplicateOf: string | null;
  ingestedAt: string;
  sentenceCount: number;
}

export interface StoredDocument extends DocumentSummary {
  publishedFrom: string;
  languageConfidence: number;
  format: string;
  text: string;
  removed: RemovedSpan[];
  cited: CitedSource[];
  sentences: Sentence[];
  simhash: string;
}

export interface ListOptions {
  limit?: number;
  offset?: number;
  language?: string;
  includeDuplicates?: boolean;
  /** Published in this range, each end inclusive and given as `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (`to: '2024'`
   *  takes the whole year). Undated documents are left out when either end is given. */
  from?: string;
  to?: string;
  /** Documents whose source or URL contains this text, case ignored: a publisher's host, a folder. */
  source?: string;
  /** `oldest`: earliest published first (undated last); the default is newest first. */
  order?: 'newest' | 'oldest';
}

export interface SearchOptions extends Omit<ListOptions, 'order'> {}

/**
 * Which stored events to list. Party, goods and status filters read the events' own columns; `country`
 * is any role (supplier, recipient, producer, origin, a cooperation party, a sanction's sides, a route's
 * ends); dates are the documents' publication dates.
 */
export interface EventFilter {
  documentId?: string;
  kind?: string;
  /** ISO alpha-2 codes. */
  supplier?: string;
  recipient?: string;
  country?: string;
  /** A catalog system id (`system:su-35`) or the designation as written in the text (`Su-35`). */
  system?: string;
  category?: string;
  status?: string;
  hedged?: boolean;
  /** Scenario events are listed only when asked for. */
  includeHypothetical?: boolean;
  /** Events at least this likely to be right (0–1). */
  minConfidence?: number;
  from?: string;
  to?: string;
  includeDuplicates?: boolean;
  limit?: number;
  offset?: number;
}

/** A stored event with the document facts a listing of events shows beside it. */
export interface EventHit extends StoredEvent {
  document: { source: string; url: string | null; title: string | null; published: string | null; language: string };
}

export interface RecordFilter {
  /** ISO alpha-2 codes. */
  supplier?: string;
  recipient?: string;
  /** Records in which this country is supplier or recipient. */
  country?: string;
  /** Only records whose sources disagree. */
  conflicts?: boolean;
  category?: string;
  /** A catalog system id (`system:su-35`). */
  system?: string;
  status?: string;
  /** Records reported in these years, each inclusive: last seen in or after `yearFrom`, first seen in or
   *  before `yearTo` (undated records are left out when either is given). */
  yearFrom?: number;
  yearTo?: number;
  /** Records last reported after this date (YYYY, YYYY-MM or YYYY-MM-DD). */
  seenAfter?: string;
  /** At least this many distinct publishers. */
  minCorroboration?: number;
  /** `recent`: latest report first; the default is most corroborated first. */
  order?: 'corroboration' | 'recent';
  limit?: number;
  offset?: number;
}

/** The records of one supplier→recipient pair, counted: an edge of the transfer network. */
export interface PairSummary {
  supplier: string;
  recipient: string;
  records: number;
  /** The sum of the records' publisher counts. */
  corroboration: number;
  firstSeen: string | null;
  lastSeen: string | null;
}

/** A pair's sums as kept with its records: the network's edge, with records by year and the goods named. */
export interface PairDetail extends PairSummary {
  /** Records by the year first reported (`undated` for the rest). */
  byYear: Record<string, number>;
  /** Systems (else categories) of the pair's records, most records first; at most ten. */
  goods: string[];
  /** How many distinct goods the pair's records name. */
  goodsCount: number;
  /** How many of those name a system (rows of `countryGoods` with `systemsOnly`). */
  systemRows: number;
}

/** A pair's records of one system (or, without a system, one category). */
export interface PairGoods {
  supplier: string;
  recipient: string;
  /** The system id, else `name:` and the system as written, else `category:` and the category. */
  goods: string;
  systemId: string | null;
  system: string | null;
  category: string | null;
  records: number;
  corroboration: number;
  /** The most corroborated of these records, and its status. */
  topRecord: string;
  topStatus: string;
}

/** Which decisions to list (`Store.listDecisions`); oldest first unless `newestFirst`. */
export interface DecisionFilter {
  claims?: string[];
  documentId?: string;
  author?: string;
  /** `record:<id>`: the decisions made on that record as a whole. */
  via?: string;
  /** Decided at or after this time (ISO). */
  since?: string;
  newestFirst?: boolean;
  limit?: number;
  offset?: number;
}

/** A publisher's reliability on the Admiralty scale, as an analyst set it (`src/review/reliability.ts`). */
export interface PublisherGrade {
  publisher: string;
  grade: 'A' | 'B' | 'C' | 'D' | 'E' | 'F';
  note: string | null;
  author: string;
  gradedAt: string;
}

export interface RebuildProgress {
  what: 'records' | 'search';
  done: number;
  total: number;
}

/** Told how a rebuild is going (a migration's can take minutes on a large store). */
export type OnRebuild = (p: RebuildProgress) => void;

export interface Store {
  readonly location: string;
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Stores one document atomically: all of it (text, sentences, sources, events, search index, and the
   * transfer records its events change) or nothing. `events` undefined: stored without extraction.
   */
  addDocument(doc: PreparedDocument, events?: EventInput[]): Promise<AddResult>;
  /** True when a document with this id is stored (any source). */
  hasDocument(id: string): Promise<boolean>;
  listDocuments(options?: ListOptions): Promise<DocumentSummary[]>;
  countDocuments(): Promise<number>;
  /** By full id or a unique prefix of at least 4 characters. */
  getDocument(idOrPrefix: string): Promise<StoredDocument | undefined>;
  /** The texts of the given documents (by full id) in one query, as a search page needs for its snippets; unknown ids are left out. */
  documentTexts(ids: string[]): Promise<Map<string, string>>;
  /** Replaces a document's extracted events and the transfer records they change (one transaction). */
  replaceEvents(documentId: string, events: EventInput[]): Promise<void>;
  /** Events as extracted (no decision applied), in document and sentence order. */
  listEvents(options?: { documentId?: string; documentIds?: string[]; ids?: string[]; kind?: string }): Promise<StoredEvent[]>;
  /** Events that pass a filter, newest document first, then in document order; with their documents' facts. */
  findEvents(filter?: EventFilter): Promise<EventHit[]>;
  /**
   * Documents holding every word of `query` in title or text, in any script or accent (see `search.ts`),
   * newest first. Near-duplicates are left out unless asked for.
   */
  searchDocuments(query: string, options?: SearchOptions): Promise<DocumentSummary[]>;
  /** The materialised transfer records, most corroborated and most recent first. */
  listTransferRecords(filter?: RecordFilter): Promise<TransferRecord[]>;
  /** One record by its id (a hash of its pair and goods, stable while its goods are). */
  getTransferRecord(id: string): Promise<TransferRecord | undefined>;
  /** The records that pass a filter (paging ignored), counted per supplier→recipient pair, most records first. */
  recordPairs(filter?: RecordFilter): Promise<PairSummary[]>;
  /** Pairs with their kept sums, heaviest first; by party only. */
  pairDetails(filter?: Pick<RecordFilter, 'supplier' | 'recipient' | 'country'>): Promise<PairDetail[]>;
  /** A page of the goods of the pairs a country is in, most records first (count them with `pairDetails`). */
  countryGoods(country: string, page?: { systemsOnly?: boolean; limit?: number; offset?: number }): Promise<PairGoods[]>;
  /**
   * The newest documents (not near-duplicates) with a transfer event naming the country as supplier or
   * recipient. `expected`: about how many such events there are, which decides how they are found.
   */
  latestReports(country: string, options: { limit: number; expected?: number }): Promise<DocumentSummary[]>;
  /** Brings the records of pairs changed since the last refresh up to date (listing records does it first). */
  refreshRecords(): Promise<number>;
  /** Recomputes derived data from the stored documents and events: records, the search index, or both. */
  rebuild(what: { records?: boolean; search?: boolean }, onProgress?: (p: RebuildProgress) => void): Promise<void>;
  /** Ids of documents not extracted since `before` (or never), in id order after `afterId`: for `reextract`. */
  listStaleDocuments(options: { before: string; afterId?: string; limit: number }): Promise<string[]>;
  countStaleDocuments(before: string): Promise<number>;
  /**
   * Stores an import of reference data (`src/reference`): every earlier row of `meta.source` is replaced by
   * `records` in one transaction. Returns the import it replaced.
   */
  replaceReferenceRecords(meta: ReferenceImport, records: ReferenceRecord[], onProgress?: (done: number, total: number) => void): Promise<ReferenceImport | undefined>;
  /** The stored import of a reference source, if any. */
  getReferenceImport(source: string): Promise<ReferenceImport | undefined>;
  /** Reference records in file order, filtered by party, system, category and order years. */
  listReferenceRecords(filter?: ReferenceFilter): Promise<ReferenceRecord[]>;
  countReferenceRecords(filter?: ReferenceFilter): Promise<number>;
  /** TIV of a recipient's reference deals by supplier and order year (see `tivBySupplierYear`). */
  referenceTivByOrderYear(recipient: string, source: string): Promise<TivAggregate[]>;
  /** Stores decisions in one transaction, and marks the records they change for rebuilding. */
  addDecisions(decisions: Decision[]): Promise<void>;
  listDecisions(filter?: DecisionFilter): Promise<Decision[]>;
  countDecisions(): Promise<number>;
  setPublisherGrade(grade: PublisherGrade): Promise<void>;
  publisherGrades(): Promise<PublisherGrade[]>;
  /** What `armscope watch` keeps between runs: feed state, items seen, alerts raised (`watch.ts`). */
  watchState(): WatchState;
  /**
   * Loads a sanctions list (`src/screen/lists.ts`), replacing its earlier version in one transaction: readers
   * see the old parties or the new ones. `entities` is read as it is written (a large file never sits in
   * memory); `describe` names the new version once all are in. A failure part-way leaves the old version.
   */
  replaceScreenList(list: string, entities: AsyncIterable<ListEntity>, describe: (count: number) => ListVersion,
    onProgress?: (done: number) => void): Promise<{ previous?: ListVersion; version: ListVersion }>;
  /** The loaded lists, by name. */
  listScreenLists(): Promise<ListVersion[]>;
  /** The parties of the named lists (all without names), read in pages. */
  screenEntities(lists?: string[]): AsyncIterable<ListEntity & { list: string }>;
  /** Records a screening run (the audit trail). */
  addScreenRun(run: ScreenRun): Promise<void>;
  /** Screening runs, newest first. */
  listScreenRuns(limit?: number): Promise<ScreenRun[]>;
  getSetting(key: string): Promise<string | undefined>;
  /** `null` removes the setting. */
  setSetting(key: string, value: string | null): Promise<void>;
  close(): Promise<void>;
}
