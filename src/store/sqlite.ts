/**
 * The embedded store: one SQLite file (WAL mode). Each document is written in a single transaction, so a
 * crash or a kill mid-ingest leaves either the whole document or none of it.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PreparedDocument } from '../ingest/prepare.js';
import { bands, hammingDistance, NEAR_DUPLICATE_BITS } from '../text/simhash.js';
import type { EventInput, StoredEvent } from '../extract/types.js';
import { EXTRACTOR_VERSION } from '../extract/version.js';
import type { AddResult, DocumentSummary, ListOptions, Store, StoredDocument } from './store.js';

const MIGRATIONS = [
  `CREATE TABLE documents (
     id TEXT PRIMARY KEY,
     source TEXT NOT NULL,
     url TEXT,
     title TEXT,
     published TEXT,
     published_from TEXT NOT NULL,
     language TEXT NOT NULL,
     language_confidence REAL NOT NULL,
     format TEXT NOT NULL,
     text TEXT NOT NULL,
     removed TEXT NOT NULL,
     cited TEXT NOT NULL,
     simhash TEXT NOT NULL,
     band0 TEXT NOT NULL, band1 TEXT NOT NULL, band2 TEXT NOT NULL, band3 TEXT NOT NULL,
     duplicate_of TEXT REFERENCES documents(id),
     sentence_count INTEGER NOT NULL,
     ingested_at TEXT NOT NULL
   );
   CREATE INDEX documents_band0 ON documents(band0);
   CREATE INDEX documents_band1 ON documents(band1);
   CREATE INDEX documents_band2 ON documents(band2);
   CREATE INDEX documents_band3 ON documents(band3);
   CREATE INDEX documents_published ON documents(published);
   CREATE TABLE document_sources (
     document_id TEXT NOT NULL REFERENCES documents(id),
     source TEXT NOT NULL,
     url TEXT,
     first_seen TEXT NOT NULL,
     PRIMARY KEY (document_id, source)
   );
   CREATE TABLE sentences (
     document_id TEXT NOT NULL REFERENCES documents(id),
     idx INTEGER NOT NULL,
     start INTEGER NOT NULL,
     "end" INTEGER NOT NULL,
     PRIMARY KEY (document_id, idx)
   ) WITHOUT ROWID;
   CREATE TABLE events (
     id TEXT PRIMARY KEY,
     document_id TEXT NOT NULL REFERENCES documents(id),
     kind TEXT NOT NULL,
     supplier TEXT, recipient TEXT, system TEXT, category TEXT, status TEXT,
     hedged INTEGER NOT NULL, hypothetical INTEGER NOT NULL,
     sentence INTEGER NOT NULL,
     seq INTEGER NOT NULL,
     body TEXT NOT NULL,
     extractor TEXT NOT NULL,
     extracted_at TEXT NOT NULL
   );
   CREATE INDEX events_document ON events(document_id);
   CREATE INDEX events_parties ON events(kind, supplier, recipient);`,
];

interface DocumentRow {
  id: string; source: string; url: string | null; title: string | null; published: string | null;
  published_from: string; language: string; language_confidence: number; format: string; text: string;
  removed: string; cited: string; simhash: string; duplicate_of: string | null; sentence_count: number;
  ingested_at: string;
}

function summary(row: DocumentRow): DocumentSummary {
  return {
    id: row.id, source: row.source, url: row.url, title: row.title, published: row.published, language: row.language,
    duplicateOf: row.duplicate_of, ingestedAt: row.ingested_at, sentenceCount: row.sentence_count,
  };
}

export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly insertDocument: Database.Statement;
  private readonly insertSource: Database.Statement;
  private readonly insertSentence: Database.Statement;
  private readonly findById: Database.Statement;
  private readonly findSource: Database.Statement;
  private readonly findByBand: Database.Statement;
  private readonly write: (doc: PreparedDocument, duplicateOf: string | null, events: EventInput[]) => void;

  constructor(readonly location: string) {
    if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
    this.db = new Database(location);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    this.insertDocument = this.db.prepare(`INSERT INTO documents (id, source, url, title, published, published_from,
      language, language_confidence, format, text, removed, cited, simhash, band0, band1, band2, band3, duplicate_of,
      sentence_count, ingested_at) VALUES (@id, @source, @url, @title, @published, @publishedFrom, @language,
      @languageConfidence, @format, @text, @removed, @cited, @simhash, @band0, @band1, @band2, @band3, @duplicateOf,
      @sentenceCount, @ingestedAt)`);
    this.insertSource = this.db.prepare('INSERT OR IGNORE INTO document_sources (document_id, source, url, first_seen) VALUES (?, ?, ?, ?)');
    this.insertSentence = this.db.prepare('INSERT INTO sentences (document_id, idx, start, "end") VALUES (?, ?, ?, ?)');
    this.findById = this.db.prepare('SELECT id FROM documents WHERE id = ?');
    this.findSource = this.db.prepare('SELECT 1 FROM document_sources WHERE document_id = ? AND source = ?');
    this.findByBand = this.db.prepare(`SELECT id, simhash, duplicate_of FROM documents
      WHERE band0 = ? OR band1 = ? OR band2 = ? OR band3 = ? LIMIT 50`);
    this.write = this.db.transaction((doc: PreparedDocument, duplicateOf: string | null, events: EventInput[]) => {
      const now = new Date().toISOString();
      const [band0, band1, band2, band3] = bands(doc.simhash);
      this.insertDocument.run({
        id: doc.id, source: doc.source, url: doc.url, title: doc.title, published: doc.published,
        publishedFrom: doc.publishedFrom, language: doc.language, languageConfidence: doc.languageConfidence,
        format: doc.format, text: doc.text, removed: JSON.stringify(doc.removed), cited: JSON.stringify(doc.cited),
        simhash: doc.simhash, band0, band1, band2, band3, duplicateOf, sentenceCount: doc.sentences.length, ingestedAt: now,
      });
      this.insertSource.run(doc.id, doc.source, doc.url, now);
      for (const s of doc.sentences) this.insertSentence.run(doc.id, s.index, s.start, s.end);
      this.writeEvents(doc.id, events, now);
    });
  }

  private migrate() {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const row = this.db.prepare('SELECT version FROM schema_version').get() as { version: number } | undefined;
    const current = row?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(`${this.location} was written by a newer armscope (schema ${current}); upgrade armscope to read it`);
    }
    this.db.transaction(() => {
      for (let v = current; v < MIGRATIONS.length; v++) this.db.exec(MIGRATIONS[v]);
      if (!row) this.db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(MIGRATIONS.length);
      else this.db.prepare('UPDATE schema_version SET version = ?').run(MIGRATIONS.length);
    })();
  }

  async hasDocument(id: string): Promise<boolean> {
    return Boolean(this.findById.get(id));
  }

  async addDocument(doc: PreparedDocument, events: EventInput[] = []): Promise<AddResult> {
    if (this.findById.get(doc.id)) {
      // Same text again. From a new place it is one more source of the same document; otherwise nothing.
      if (!this.findSource.get(doc.id, doc.source)) this.insertSource.run(doc.id, doc.source, doc.url, new Date().toISOString());
      return { status: 'unchanged', id: doc.id };
    }
    const [b0, b1, b2, b3] = bands(doc.simhash);
    let duplicateOf: string | null = null;
    for (const c of this.findByBand.all(b0, b1, b2, b3) as { id: string; simhash: string; duplicate_of: string | null }[]) {
      if (hammingDistance(c.simhash, doc.simhash) <= NEAR_DUPLICATE_BITS) { duplicateOf = c.duplicate_of ?? c.id; break; }
    }
    this.write(doc, duplicateOf, events);
    return duplicateOf ? { status: 'duplicate', id: doc.id, duplicateOf } : { status: 'added', id: doc.id };
  }

  async listDocuments(options: ListOptions = {}): Promise<DocumentSummary[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.language) { where.push('language = ?'); params.push(options.language); }
    if (!options.includeDuplicates) where.push('duplicate_of IS NULL');
    const sql = `SELECT id, source, url, title, published, language, duplicate_of, ingested_at, sentence_count FROM documents
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY published IS NULL, published DESC, ingested_at, id
      LIMIT ? OFFSET ?`;
    params.push(options.limit ?? -1, options.offset ?? 0);
    return (this.db.prepare(sql).all(...params) as DocumentRow[]).map(summary);
  }

  async countDocuments(): Promise<number> {
    return (this.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
  }

  async getDocument(idOrPrefix: string): Promise<StoredDocument | undefined> {
    const rows = this.db.prepare('SELECT * FROM documents WHERE id = ? OR (length(?) >= 4 AND id LIKE ? || \'%\') LIMIT 2')
      .all(idOrPrefix, idOrPrefix, idOrPrefix.replace(/[%_]/g, '')) as DocumentRow[];
    const row = rows.find((r) => r.id === idOrPrefix) ?? (rows.length === 1 ? rows[0] : undefined);
    if (!row) return undefined;
    const sentences = (this.db.prepare('SELECT idx, start, "end" FROM sentences WHERE document_id = ? ORDER BY idx').all(row.id) as
      { idx: number; start: number; end: number }[]).map((s) => ({ index: s.idx, start: s.start, end: s.end }));
    return {
      ...summary(row), publishedFrom: row.published_from, languageConfidence: row.language_confidence, format: row.format,
      text: row.text, removed: JSON.parse(row.removed), cited: JSON.parse(row.cited), sentences, simhash: row.simhash,
    };
  }

  private insertEvent?: Database.Statement;
  private deleteEvents?: Database.Statement;

  /** Inside a transaction: replaces a document's events. */
  private writeEvents(documentId: string, events: EventInput[], now: string) {
    const insert = this.insertEvent ??= this.db.prepare(`INSERT INTO events (id, document_id, kind, supplier, recipient, system, category, status,
      hedged, hypothetical, sentence, seq, body, extractor, extracted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const remove = this.deleteEvents ??= this.db.prepare('DELETE FROM events WHERE document_id = ?');
    remove.run(documentId);
    events.forEach((e, i) => {
        const id = createHash('sha256').update(`${documentId}/${i}/${JSON.stringify(e)}`).digest('hex').slice(0, 16);
        insert.run(id, documentId, e.kind, e.supplier ?? null, e.recipient ?? null, e.system ?? null, e.category ?? null,
          e.status, e.hedged ? 1 : 0, e.hypothetical ? 1 : 0, e.evidence.sentence, i, JSON.stringify(e), EXTRACTOR_VERSION, now);
    });
  }

  async replaceEvents(documentId: string, events: EventInput[]): Promise<void> {
    this.db.transaction(() => this.writeEvents(documentId, events, new Date().toISOString()))();
  }

  async listEvents(options: { documentId?: string; kind?: string } = {}): Promise<StoredEvent[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (options.documentId) { where.push('document_id = ?'); params.push(options.documentId); }
    if (options.kind) { where.push('kind = ?'); params.push(options.kind); }
    const rows = this.db.prepare(`SELECT id, document_id, body, extractor, extracted_at FROM events
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY document_id, seq`).all(...params) as
      { id: string; document_id: string; body: string; extractor: string; extracted_at: string }[];
    return rows.map((r) => ({ ...JSON.parse(r.body), id: r.id, documentId: r.document_id, extractor: r.extractor, extractedAt: r.extracted_at }));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
