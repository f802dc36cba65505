/**
 * The storage boundary. Every backend (the embedded SQLite file today) implements this interface and
 * passes the same conformance tests; nothing outside `src/store` writes SQL.
 */
import type { PreparedDocument } from '../ingest/prepare.js';
import type { CitedSource, RemovedSpan } from '../text/clean.js';
import type { Sentence } from '../text/sentences.js';
import type { StoredEvent, EventInput } from '../extract/types.js';

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
}

export interface Store {
  readonly location: string;
  /** Stores one document atomically: all of it (text, sentences, sources, events) or nothing. */
  addDocument(doc: PreparedDocument, events?: EventInput[]): Promise<AddResult>;
  /** True when a document with this id is stored (any source). */
  hasDocument(id: string): Promise<boolean>;
  listDocuments(options?: ListOptions): Promise<DocumentSummary[]>;
  countDocuments(): Promise<number>;
  /** By full id or a unique prefix of at least 4 characters. */
  getDocument(idOrPrefix: string): Promise<StoredDocument | undefined>;
  /** Replaces a document's extracted events (one transaction). */
  replaceEvents(documentId: string, events: EventInput[]): Promise<void>;
  listEvents(options?: { documentId?: string; kind?: string }): Promise<StoredEvent[]>;
  close(): Promise<void>;
}
