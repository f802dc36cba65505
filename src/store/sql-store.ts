/**
 * The one Store implementation, over Kysely: the same queries run on SQLite and PostgreSQL, and the few
 * differences live in `dialect.ts`. Every write is one transaction that also keeps derived data current
 * (the search index, the transfer records of the pairs it touches), so a reader never sees a document
 * without them, and a kill mid-write leaves the store as it was.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { PreparedDocument } from '../ingest/prepare.js';
import { bands, hammingDistance, NEAR_DUPLICATE_BITS } from '../text/simhash.js';
import type { EventInput, StoredEvent } from '../extract/types.js';
import { EXTRACTOR_VERSION } from '../extract/version.js';
import type { TransferRecord } from '../resolve/transfers.js';
import type { Backend } from './dialect.js';
import { appliedVersions, runMigrations, schemaVersion, type MigrationReport } from './migrations/runner.js';
import { SQLITE_MIGRATIONS } from './migrations/sqlite.js';
import { POSTGRES_MIGRATIONS } from './migrations/postgres.js';
import { decisionRow, pairsOf, recomputePairs, SUMMARY_COLUMNS, toDecision, toPairDetail, toPairGoods, toStoredEvent, toSummary } from './records.js';
import type { Decision } from '../review/decisions.js';
import { searchKeyRange, searchTerms, searchWords } from './search.js';
import { countReference, listReference, referenceImport, replaceReference, tivByOrderYear } from './reference.js';
import { insertRun, listEntities, listRuns, listVersions, replaceList } from './screen.js';
import type { ListEntity, ListVersion, ScreenRun } from '../screen/types.js';
import type { ReferenceFilter, ReferenceImport, ReferenceRecord, TivAggregate } from '../reference/types.js';
import type { Schema } from './schema.js';
import { watchState, type WatchState } from './watch.js';
import type {
  AddResult, DecisionFilter, DocumentSummary, EventFilter, PublisherGrade, EventHit, ListOptions, PairDetail, PairGoods, PairSummary, OnRebuild, RecordFilter, SearchOptions, Store, StoredDocument,
} from './store.js';
import type { ExpressionBuilder, Kysely } from 'kysely';
import { ConfigError, NotFoundError } from '../errors.js';
import { countriesOf, dateAfter, dateValue, documentConditions, likeText, recordConditions, systemId } from './filters.js';

/** The listing's order: most publishers, latest report (undated last), id; or with `recent`, latest report first. */
function recordOrder<Q extends { orderBy: (...args: any[]) => Q }>(q: Q, order: RecordFilter['order']): Q {
  return order === 'recent'
    ? q.orderBy('last_seen', 'desc').orderBy('corroboration', 'desc').orderBy('id')
    : q.orderBy('corroboration', 'desc').orderBy('last_seen', 'desc').orderBy('id');
}

/** Pairs with most records first, then by supplier and recipient code. */
const heaviestFirst = (a: PairSummary, b: PairSummary) => b.records - a.records || (a.supplier < b.supplier ? -1 : a.supplier > b.supplier ? 1 : a.recipient < b.recipient ? -1 : a.recipient > b.recipient ? 1 : 0);

export function migrationsFor(backend: Backend) {
  return backend.kind === 'sqlite' ? SQLITE_MIGRATIONS : POSTGRES_MIGRATIONS;
}

/** Settings key of derived data a migration asked to rebuild (`records,search`). */
const REBUILD_KEY = 'rebuild';
/** The most index keys a search reads in one batch. */
const SEARCH_BATCH = 5000;

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export class SqlStore implements Store {
  readonly kind: 'sqlite' | 'postgres';
  private readonly db: Kysely<Schema>;

  /**
   * @param ready resolves once the schema is current (migrations run or checked); every method waits for it,
   *   so a store can be made synchronously (`new SqliteStore(path)`) and used at once.
   */
  constructor(readonly location: string, protected readonly backend: Backend, private readonly ready: Promise<unknown>) {
    this.kind = backend.kind;
    this.db = backend.db;
    ready.catch(() => {});
  }

  /** Applies pending migrations, then rebuilds what they asked for (reporting to `onRebuild`: it can take minutes). */
  static async migrate(backend: Backend, store: SqlStore, onRebuild?: OnRebuild): Promise<MigrationReport> {
    const report = await runMigrations(backend, migrationsFor(backend));
    const pending = await backend.db.selectFrom('settings').select('value').where('key', '=', REBUILD_KEY).executeTakeFirst();
    if (pending) {
      const what = pending.value.split(',');
      await store.rebuildNow({ records: what.includes('records'), search: what.includes('search') }, onRebuild);
      await backend.db.deleteFrom('settings').where('key', '=', REBUILD_KEY).execute();
    }
    return report;
  }

  /** Refuses a store whose schema is not the one this armscope writes (PostgreSQL is migrated on request only). */
  static async check(backend: Backend): Promise<void> {
    const migrations = migrationsFor(backend);
    const latest = migrations[migrations.length - 1].version;
    const version = await schemaVersion(backend);
    const applied = await appliedVersions(backend);
    if (version === latest && migrations.every((m) => applied.has(m.version))) return;
    if (version > latest) throw new ConfigError(`${backend.label} has schema version ${version}, newer than this armscope knows (${latest}); upgrade armscope`, { location: backend.label });
    const missing = migrations.filter((m) => !applied.has(m.version)).map((m) => m.version);
    if (version === latest) {
      throw new ConfigError(`${backend.label} lacks schema version${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: run armscope migrate --db ${backend.label}`,
        { location: backend.label, version, latest, missing });
    }
    throw new ConfigError(`${backend.label} is at schema version ${version}, this armscope needs ${latest}: run armscope migrate --db ${backend.label}`, { location: backend.label, version, latest });
  }

  async hasDocument(id: string): Promise<boolean> {
    await this.ready;
    return Boolean(await this.db.selectFrom('documents').select('id').where('id', '=', id).executeTakeFirst());
  }

  async addDocument(doc: PreparedDocument, events?: EventInput[]): Promise<AddResult> {
    await this.ready;
    const [b0, b1, b2, b3] = bands(doc.simhash);
    const pairs = events ? pairsOf(events) : [];
    const terms = searchTerms(doc.title, doc.text);
    return this.backend.write(async (trx) => {
      // Writers of the same text and of texts that may be near-copies (a shared band) wait for each other;
      // everything else runs side by side. Record pairs need no lock: see `refreshRecords`.
      await this.backend.lock(trx, [`doc:${doc.id}`, `band0:${b0}`, `band1:${b1}`, `band2:${b2}`, `band3:${b3}`]);
      const now = new Date().toISOString();
      const source = { document_id: doc.id, source: doc.source, url: doc.url, first_seen: now };
      if (await trx.selectFrom('documents').select('id').where('id', '=', doc.id).executeTakeFirst()) {
        // Same text again. From a new place it is one more source of the same document; otherwise nothing.
        await trx.insertInto('document_sources').values(source).onConflict((oc) => oc.columns(['document_id', 'source']).doNothing()).execute();
        return { status: 'unchanged', id: doc.id } as AddResult;
      }
      const candidates = await trx.selectFrom('documents').select(['id', 'simhash', 'duplicate_of'])
        .where((eb) => eb.or([eb('band0', '=', b0), eb('band1', '=', b1), eb('band2', '=', b2), eb('band3', '=', b3)]))
        .limit(50).execute();
      const near = candidates.find((c) => hammingDistance(c.simhash, doc.simhash) <= NEAR_DUPLICATE_BITS);
      const duplicateOf = near ? near.duplicate_of ?? near.id : null;
      await trx.insertInto('documents').values({
        id: doc.id, source: doc.source, url: doc.url, title: doc.title, published: doc.published, published_from: doc.publishedFrom,
        language: doc.language, language_confidence: doc.languageConfidence, format: doc.format, text: doc.text,
        removed: JSON.stringify(doc.removed), cited: JSON.stringify(doc.cited), simhash: doc.simhash, band0: b0, band1: b1, band2: b2, band3: b3,
        duplicate_of: duplicateOf, sentence_count: doc.sentences.length, ingested_at: now,
        extractor: events ? EXTRACTOR_VERSION : null, extracted_at: events ? now : null, ...this.backend.newDocument,
      }).execute();
      await trx.insertInto('document_sources').values(source).execute();
      for (const part of chunks(doc.sentences, 1000)) {
        await trx.insertInto('sentences').values(part.map((s) => ({ document_id: doc.id, idx: s.index, start: s.start, end: s.end }))).execute();
      }
      await this.insertEvents(trx, doc.id, events ?? [], now);
      await this.backend.indexSearch(trx, { id: doc.id, published: doc.published }, terms);
      // A near-duplicate's mentions count under the first document: no record changes.
      if (!duplicateOf && pairs.length) await this.markStale(trx, pairs);
      return (duplicateOf ? { status: 'duplicate', id: doc.id, duplicateOf } : { status: 'added', id: doc.id }) as AddResult;
    });
  }

  private async insertEvents(trx: Kysely<Schema>, documentId: string, events: EventInput[], now: string) {
    const rows = events.map((e, i) => {
      // The features the confidence model weighed are not kept: `explain` works them out again.
      const { features: _features, ...kept } = e;
      const body = JSON.stringify(kept);
      return {
        id: createHash('sha256').update(`${documentId}/${i}/${body}`).digest('hex').slice(0, 16),
        document_id: documentId, kind: e.kind, supplier: e.supplier ?? null, recipient: e.recipient ?? null, system: e.system ?? null,
        category: e.category ?? null, status: e.status, hedged: e.hedged ? 1 : 0, hypothetical: e.hypothetical ? 1 : 0,
        sentence: e.evidence.sentence, seq: i, body, extractor: EXTRACTOR_VERSION, extracted_at: now,
      };
    });
    for (const part of chunks(rows, 500)) await trx.insertInto('events').values(part).execute();
  }

  async replaceEvents(documentId: string, events: EventInput[]): Promise<void> {
    await this.ready;
    await this.backend.write(async (trx) => {
      await this.backend.lock(trx, [`doc:${documentId}`]);
      const doc = await trx.selectFrom('documents').select(['id', 'duplicate_of']).where('id', '=', documentId).executeTakeFirst();
      if (!doc) throw new NotFoundError(`no document ${documentId} in ${this.backend.label}`, { id: documentId });
      const old = await trx.selectFrom('events').select(['kind', 'supplier', 'recipient']).where('document_id', '=', documentId).execute();
      // Pairs analysts moved this document's claims to change with it too.
      const moved = await trx.selectFrom('decisions').select('pair_to').distinct().where('document_id', '=', documentId).where('pair_to', '<>', '').execute();
      const pairs = [...new Set([...pairsOf(old), ...pairsOf(events), ...moved.map((m) => m.pair_to)])].sort();
      const now = new Date().toISOString();
      await trx.deleteFrom('events').where('document_id', '=', documentId).execute();
      await this.insertEvents(trx, documentId, events, now);
      await trx.updateTable('documents').set({ extractor: EXTRACTOR_VERSION, extracted_at: now }).where('id', '=', documentId).execute();
      if (!doc.duplicate_of && pairs.length) await this.markStale(trx, pairs);
    });
  }

  /**
   * Records change with the document, but are rebuilt per batch: the document's transaction marks the pairs
   * its events name, and `refreshRecords` rebuilds each marked pair once. Rebuilding a pair reads all its
   * mentions, so doing it per document would cost a hot pair (a thousand reports of one supplier and
   * recipient) time in proportion to its size on every write. Reads of records refresh first, so they
   * never see a stale pair.
   */
  private async markStale(trx: Kysely<Schema>, pairs: string[]) {
    // Sorted, so two writers touching the same pairs take their row locks in the same order.
    await trx.insertInto('stale_pairs').values([...pairs].sort().map((pair) => ({ pair })))
      .onConflict((oc) => oc.column('pair').doUpdateSet((eb) => ({ version: eb(eb.ref('stale_pairs.version'), '+', 1) }))).execute();
  }

  /**
   * Rebuilds the records of every pair marked stale; returns how many pairs were rebuilt. Marked pairs are
   * taken 200 at a time. Only rebuilders lock a pair (so two never write the same
   * pair's records); writers just bump the pair's mark. A rebuild reads the marks' versions before it reads
   * the events, and removes a mark only if its version is unchanged: a document stored meanwhile either is
   * among the events read or leaves its pair marked for the next refresh. Each pair is rebuilt at most once
   * per call, so a refresh ends even while ingest goes on.
   */
  async refreshRecords(): Promise<number> {
    await this.ready;
    let done = 0;
    let after = '';
    for (;;) {
      const marked = (await this.db.selectFrom('stale_pairs').select('pair').where('pair', '>', after).orderBy('pair').limit(200).execute()).map((r) => r.pair);
      if (!marked.length) return done;
      after = marked[marked.length - 1];
      for (const batch of await this.boundedGroups(marked)) done += await this.refreshPairs(batch);
    }
  }

  /** The pairs in groups of bounded size (see `groupBySize`). */
  private async boundedGroups(pairs: string[]): Promise<string[][]> {
    const split = pairs.map((p) => p.split('|'));
    const rows = await this.db.selectFrom('events').select(['supplier', 'recipient', (eb) => eb.fn.countAll().as('n')])
      .where('kind', '=', 'transfer').where((eb) => eb.or(split.map(([s, r]) => eb.and([eb('supplier', '=', s), eb('recipient', '=', r)]))))
      .groupBy(['supplier', 'recipient']).execute();
    const size = new Map(rows.map((r) => [`${r.supplier}|${r.recipient}`, Number(r.n)]));
    return groupBySize(pairs.map((pair) => ({ pair, n: size.get(pair) ?? 0 })));
  }

  private async refreshPairs(batch: string[]): Promise<number> {
    let done = 0;
    await this.backend.write(async (trx) => {
      await this.backend.lock(trx, batch.map((p) => `pair:${p}`));
      // Another process may have rebuilt some meanwhile: take what is still marked, at its version now.
      const still = await trx.selectFrom('stale_pairs').select(['pair', 'version']).where('pair', 'in', batch).execute();
      if (!still.length) return;
      await recomputePairs(trx, still.map((r) => r.pair));
      for (const version of new Set(still.map((r) => r.version))) {
        const pairs = still.filter((r) => r.version === version).map((r) => r.pair);
        await trx.deleteFrom('stale_pairs').where('pair', 'in', pairs).where('version', '=', version).execute();
      }
      done += still.length;
    });
    return done;
  }

  async listDocuments(options: ListOptions = {}): Promise<DocumentSummary[]> {
    await this.ready;
    let q = this.db.selectFrom('documents').select([...SUMMARY_COLUMNS]).where((eb) => documentConditions(eb, options));
    // Oldest first with undated last: `published IS NULL` is false (0) before true (1) on both backends.
    q = options.order === 'oldest' ? q.orderBy(sql`published is null`).orderBy('published') : this.newestFirst(q);
    q = q.orderBy('ingested_at').orderBy('id');
    if (options.limit !== undefined || options.offset) q = q.limit(options.limit ?? Number.MAX_SAFE_INTEGER);
    if (options.offset) q = q.offset(options.offset);
    return (await q.execute()).map(toSummary);
  }

  /**
   * Newest published first, undated last, in the form the `documents_newest` index has on each backend
   * (SQLite sorts NULL lowest, PostgreSQL highest), so a listing or a search of a common word reads the
   * index up to its limit instead of sorting every match.
   */
  private newestFirst<Q extends { orderBy: (...args: any[]) => Q }>(q: Q): Q {
    return this.kind === 'postgres' ? q.orderBy('published', (ob: any) => ob.desc().nullsLast()) : q.orderBy('published', 'desc');
  }

  async countDocuments(): Promise<number> {
    await this.ready;
    const row = await this.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async getDocument(idOrPrefix: string): Promise<StoredDocument | undefined> {
    await this.ready;
    // The whole id first, by the primary key: a LIKE on the id scans the table on both backends (SQLite's
    // LIKE is case-insensitive, PostgreSQL's collation is not C), which the search page paid per hit.
    let row = await this.db.selectFrom('documents').selectAll().where('id', '=', idOrPrefix).executeTakeFirst();
    if (!row && idOrPrefix.length >= 4) {
      const rows = await this.db.selectFrom('documents').selectAll().where('id', 'like', `${idOrPrefix.replace(/[%_\\]/g, '')}%`).limit(2).execute();
      row = rows.length === 1 ? rows[0] : undefined;
    }
    if (!row) return undefined;
    const sentences = await this.db.selectFrom('sentences').select(['idx', 'start', 'end']).where('document_id', '=', row.id).orderBy('idx').execute();
    return {
      ...toSummary(row), publishedFrom: row.published_from, languageConfidence: Number(row.language_confidence), format: row.format,
      text: row.text, removed: JSON.parse(row.removed), cited: JSON.parse(row.cited),
      sentences: sentences.map((s) => ({ index: s.idx, start: s.start, end: s.end })), simhash: row.simhash,
    };
  }

  async documentTexts(ids: string[]): Promise<Map<string, string>> {
    await this.ready;
    if (!ids.length) return new Map();
    const rows = await this.db.selectFrom('documents').select(['id', 'text']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.text]));
  }

  async listEvents(options: { documentId?: string; documentIds?: string[]; ids?: string[]; kind?: string } = {}): Promise<StoredEvent[]> {
    await this.ready;
    let q = this.db.selectFrom('events').select(['id', 'document_id', 'body', 'extractor', 'extracted_at']);
    if (options.documentId) q = q.where('document_id', '=', options.documentId);
    if (options.documentIds) q = q.where('document_id', 'in', options.documentIds.length ? options.documentIds : ['']);
    if (options.ids) q = q.where('id', 'in', options.ids.length ? options.ids : ['']);
    if (options.kind) q = q.where('kind', '=', options.kind);
    return (await q.orderBy('document_id').orderBy('seq').execute()).map(toStoredEvent);
  }

  async findEvents(filter: EventFilter = {}): Promise<EventHit[]> {
    await this.ready;
    let q = this.db.selectFrom('events').innerJoin('documents', 'documents.id', 'events.document_id')
      .select(['events.id', 'events.document_id', 'events.body', 'events.extractor', 'events.extracted_at',
        'documents.source', 'documents.url', 'documents.title', 'documents.published', 'documents.language'])
      // The conditions name only `documents.*` columns, which the join holds; Kysely cannot see that a
      // builder over two tables also serves as one over `documents`.
      .where((eb) => documentConditions(eb as unknown as ExpressionBuilder<Schema, 'documents'>, filter));
    if (filter.documentId) q = q.where('events.document_id', '=', filter.documentId);
    if (filter.kind) q = q.where('events.kind', '=', filter.kind);
    if (filter.supplier) q = q.where('events.supplier', '=', filter.supplier.toUpperCase());
    if (filter.recipient) q = q.where('events.recipient', '=', filter.recipient.toUpperCase());
    if (filter.category) q = q.where('events.category', '=', filter.category);
    if (filter.status) q = q.where('events.status', '=', filter.status);
    if (filter.hedged !== undefined) q = q.where('events.hedged', '=', filter.hedged ? 1 : 0);
    if (!filter.includeHypothetical) q = q.where('events.hypothetical', '=', 0);
    if (filter.system) {
      // The system column holds the designation as written ("TB2", "Bayraktar TB2"); the catalog id is in the
      // body only. The body is JSON.stringify output, so `"systemId":"system:x"` occurs exactly as written
      // here on both backends; catalog ids are slugs, free of LIKE wildcards.
      const text = likeText(filter.system);
      q = q.where((eb) => eb.or([eb('events.system', '=', text), eb('events.body', 'like', `%"systemId":"${systemId(text).replace(/"/g, '')}"%`)]));
    }
    const country = filter.country?.toUpperCase();
    // Roles other than supplier and recipient live in the body: the LIKE narrows, the check below decides.
    if (country) q = q.where((eb) => eb.or([eb('events.supplier', '=', country), eb('events.recipient', '=', country), eb('events.body', 'like', `%"${likeText(country).replace(/"/g, '')}"%`)]));
    q = this.newestFirst(q).orderBy('events.document_id').orderBy('events.seq');
    const hit = (r: Awaited<ReturnType<typeof q.execute>>[number]): EventHit => ({
      ...toStoredEvent(r), document: { source: r.source, url: r.url, title: r.title, published: r.published, language: r.language },
    });
    const keep = (e: EventHit) => (filter.minConfidence === undefined || e.confidence >= filter.minConfidence)
      && (!country || countriesOf(e).includes(country));
    const offset = filter.offset ?? 0;
    const limit = filter.limit ?? Number.MAX_SAFE_INTEGER;
    if (filter.minConfidence === undefined && !country) {
      if (filter.limit !== undefined || offset) q = q.limit(limit).offset(offset);
      return (await q.execute()).map(hit);
    }
    // Confidence is in the body only: read pages and filter until the requested page is full.
    const out: EventHit[] = [];
    for (let at = 0; out.length < offset + limit; at += 500) {
      const page = await q.limit(500).offset(at).execute();
      out.push(...page.map(hit).filter(keep));
      if (page.length < 500) break;
    }
    return out.slice(offset, offset + limit);
  }

  async searchDocuments(query: string, options: SearchOptions = {}): Promise<DocumentSummary[]> {
    await this.ready;
    const words = searchWords(query);
    if (!words.length) return [];
    // The index gives matches newest first; the documents' own filters (language, duplicates, source, exact
    // dates) are tested on each batch, and the batches grow until the page is full or the index runs out.
    const offset = options.offset ?? 0;
    const wanted = offset + (options.limit ?? 100);
    const range = searchKeyRange(options.from && dateValue('from', options.from), options.to && dateAfter('to', options.to));
    const found: DocumentSummary[] = [];
    let before: number | undefined;
    // A first batch a quarter larger than the page covers the usual share of near-duplicates left out. No batch
    // is over SEARCH_BATCH keys: its ids become query parameters (SQLite takes 32,766 at most), and a deep page
    // is reached batch by batch.
    for (let size = Math.min(wanted + Math.max(5, Math.ceil(wanted / 4)), SEARCH_BATCH); ; size = Math.min(4 * size, SEARCH_BATCH)) {
      const hits = await this.backend.searchHits(this.db, words, { ...range, before, limit: size });
      if (!hits.length) break;
      const rows = await this.db.selectFrom('documents').select([...SUMMARY_COLUMNS])
        .where('id', 'in', hits.map((h) => h.id)).where((eb) => documentConditions(eb, options)).execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const h of hits) {
        const row = byId.get(h.id);
        if (row) found.push(toSummary(row));
      }
      if (found.length >= wanted || hits.length < size) break;
      before = hits[hits.length - 1].key;
    }
    return found.slice(offset, wanted);
  }

  async listTransferRecords(filter: RecordFilter = {}): Promise<TransferRecord[]> {
    await this.ready;
    await this.refreshRecords();
    if (filter.country && filter.limit !== undefined) return this.countryRecordsPage(filter);
    let q = this.db.selectFrom('transfer_records').select('body').where((eb) => recordConditions(eb, filter));
    q = recordOrder(q, filter.order);
    if (filter.limit !== undefined || filter.offset) q = q.limit(filter.limit ?? Number.MAX_SAFE_INTEGER);
    if (filter.offset) q = q.offset(filter.offset);
    return (await q.execute()).map((r) => JSON.parse(r.body) as TransferRecord);
  }

  /**
   * A page of a country's records. "Supplier or recipient" is an OR of two indexed columns, which both
   * backends answer by reading every match and sorting them; instead each side is read in the listing's
   * order from its own index, up to the end of the page, and the two short lists are merged.
   */
  private async countryRecordsPage(filter: RecordFilter): Promise<TransferRecord[]> {
    const c = filter.country!.toUpperCase();
    const rest: RecordFilter = { ...filter, country: undefined };
    const end = (filter.offset ?? 0) + filter.limit!;
    const side = (column: 'supplier' | 'recipient') => {
      let q = this.db.selectFrom('transfer_records').select(['body', 'corroboration', 'last_seen', 'id'])
        .where(column, '=', c).where((eb) => recordConditions(eb, rest));
      // A record never has one country on both sides; should it, the supplier's side has it.
      if (column === 'recipient') q = q.where('supplier', '<>', c);
      return recordOrder(q, filter.order).limit(end);
    };
    const merged = this.db.selectFrom(side('supplier').as('s')).selectAll()
      .unionAll(this.db.selectFrom(side('recipient').as('r')).selectAll());
    let q = this.db.selectFrom(merged.as('u')).select('body');
    q = recordOrder(q as any, filter.order) as typeof q;
    const rows = await q.limit(filter.limit!).offset(filter.offset ?? 0).execute();
    return rows.map((r) => JSON.parse(r.body) as TransferRecord);
  }

  async getTransferRecord(id: string): Promise<TransferRecord | undefined> {
    await this.ready;
    await this.refreshRecords();
    const row = await this.db.selectFrom('transfer_records').select('body').where('id', '=', id).executeTakeFirst();
    return row ? JSON.parse(row.body) as TransferRecord : undefined;
  }

  async recordPairs(filter: RecordFilter = {}): Promise<PairSummary[]> {
    await this.ready;
    await this.refreshRecords();
    // Filters by party only: the sums kept per pair answer without reading a record.
    const set = Object.entries(filter).filter(([, v]) => v !== undefined).map(([k]) => k);
    if (set.every((k) => k === 'supplier' || k === 'recipient' || k === 'country')) {
      const rows = await this.pairQuery(filter).select(['supplier', 'recipient', 'records', 'corroboration', 'first_seen', 'last_seen']).execute();
      return rows.map((r) => ({
        supplier: r.supplier, recipient: r.recipient, records: Number(r.records), corroboration: Number(r.corroboration), firstSeen: r.first_seen ?? null, lastSeen: r.last_seen || null,
      })).sort(heaviestFirst);
    }
    const rows = await this.db.selectFrom('transfer_records')
      .select((eb) => ['supplier', 'recipient', eb.fn.countAll().as('records'), eb.fn.sum('corroboration').as('corroboration'),
        eb.fn.min('first_seen').as('first_seen'), eb.fn.max('last_seen').as('last_seen')])
      .where((eb) => recordConditions(eb, filter))
      .groupBy(['supplier', 'recipient']).execute();
    return rows.map((r) => ({
      supplier: r.supplier, recipient: r.recipient, records: Number(r.records), corroboration: Number(r.corroboration),
      firstSeen: r.first_seen ?? null, lastSeen: r.last_seen || null,
    })).sort(heaviestFirst);
  }

  async pairDetails(filter: Pick<RecordFilter, 'supplier' | 'recipient' | 'country'> = {}): Promise<PairDetail[]> {
    await this.ready;
    await this.refreshRecords();
    return (await this.pairQuery(filter).selectAll().execute()).map(toPairDetail).sort(heaviestFirst);
  }

  /** `pair_summaries` narrowed to a party. */
  private pairQuery(filter: Pick<RecordFilter, 'supplier' | 'recipient' | 'country'>) {
    let q = this.db.selectFrom('pair_summaries');
    if (filter.supplier) q = q.where('supplier', '=', filter.supplier.toUpperCase());
    if (filter.recipient) q = q.where('recipient', '=', filter.recipient.toUpperCase());
    if (filter.country) {
      const c = filter.country.toUpperCase();
      q = q.where((eb) => eb.or([eb('supplier', '=', c), eb('recipient', '=', c)]));
    }
    return q;
  }

  async countryGoods(country: string, page: { systemsOnly?: boolean; limit?: number; offset?: number } = {}): Promise<PairGoods[]> {
    await this.ready;
    await this.refreshRecords();
    const c = country.toUpperCase();
    const end = (page.offset ?? 0) + (page.limit ?? 100);
    // Each side in the page's order from its own index, up to the page's end; then the two merged.
    const side = (column: 'supplier' | 'recipient') => {
      let q = this.db.selectFrom('pair_goods').selectAll().where(column, '=', c);
      if (column === 'recipient') q = q.where('supplier', '<>', c);
      if (page.systemsOnly) q = q.where((eb) => eb.or([eb('system_id', 'is not', null), eb('system', 'is not', null)]));
      return q.orderBy('records', 'desc').orderBy('goods').limit(end);
    };
    const merged = this.db.selectFrom(side('supplier').as('s')).selectAll()
      .unionAll(this.db.selectFrom(side('recipient').as('r')).selectAll());
    const rows = await this.db.selectFrom(merged.as('u')).selectAll()
      .orderBy('records', 'desc').orderBy('goods').orderBy('supplier').orderBy('recipient')
      .limit(page.limit ?? 100).offset(page.offset ?? 0).execute();
    return rows.map(toPairGoods);
  }

  async latestReports(country: string, options: { limit: number; expected?: number }): Promise<DocumentSummary[]> {
    await this.ready;
    const c = country.toUpperCase();
    const names = (eb: ExpressionBuilder<Schema, 'events'>) => eb.and([
      eb('events.kind', '=', 'transfer'), eb.or([eb('events.supplier', '=', c), eb('events.recipient', '=', c)]),
    ]);
    let q = this.db.selectFrom('documents').select([...SUMMARY_COLUMNS]).where('documents.duplicate_of', 'is', null);
    // A country named in many documents: walk the newest-first index and stop at the limit. A country
    // named in few: take its documents from the events' index and sort those.
    q = (options.expected ?? Infinity) > 2000
      ? q.where((eb) => eb.exists(eb.selectFrom('events').select('events.id').whereRef('events.document_id', '=', 'documents.id').where((e) => names(e as any))))
      : q.where('documents.id', 'in', (eb) => eb.selectFrom('events').select('events.document_id').where((e) => names(e as any)));
    const rows = await this.newestFirst(q).orderBy('id').limit(options.limit).execute();
    return rows.map(toSummary);
  }

  async rebuild(what: { records?: boolean; search?: boolean }, onProgress?: OnRebuild): Promise<void> {
    await this.ready;
    await this.rebuildNow(what, onProgress);
  }

  /** `rebuild` without waiting for `ready`: migrations call it while the store is being made ready. */
  private async rebuildNow(what: { records?: boolean; search?: boolean }, onProgress?: OnRebuild): Promise<void> {
    if (what.search) {
      const total = Number((await this.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      let after = '';
      let done = 0;
      for (;;) {
        const page = await this.db.selectFrom('documents').select(['id', 'title', 'text', 'published']).where('id', '>', after).orderBy('id').limit(200).execute();
        if (!page.length) break;
        await this.backend.write(async (trx) => {
          for (const d of page) await this.backend.indexSearch(trx, d, searchTerms(d.title, d.text));
        });
        after = page[page.length - 1].id;
        done += page.length;
        onProgress?.({ what: 'search', done, total });
      }
    }
    if (what.records) {
      const rows = await this.db.selectFrom('events').select(['supplier', 'recipient', (eb) => eb.fn.countAll().as('n')])
        .where('kind', '=', 'transfer').where('supplier', 'is not', null).where('recipient', 'is not', null)
        .groupBy(['supplier', 'recipient']).orderBy('supplier').orderBy('recipient').execute();
      const groups = groupBySize(rows.map((r) => ({ pair: `${r.supplier}|${r.recipient}`, n: Number(r.n) })));
      const pairs = groups.flat();
      let done = 0;
      for (const part of groups) {
        await this.backend.write(async (trx) => {
          await this.backend.lock(trx, part.map((p) => `pair:${p}`));
          await recomputePairs(trx, part);
        });
        done += part.length;
        onProgress?.({ what: 'records', done, total: pairs.length });
      }
      // Records of pairs no event names any more.
      await this.backend.write(async (trx) => {
        for (const table of ['transfer_records', 'pair_summaries', 'pair_goods'] as const) {
          await trx.deleteFrom(table).where((eb: any) => eb.not(eb.exists(
            eb.selectFrom('events').select('events.id').where('events.kind', '=', 'transfer')
              .whereRef('events.supplier', '=', `${table}.supplier`).whereRef('events.recipient', '=', `${table}.recipient`),
          ))).execute();
        }
      });
    }
  }

  async listStaleDocuments(options: { before: string; afterId?: string; limit: number }): Promise<string[]> {
    await this.ready;
    const rows = await this.db.selectFrom('documents').select('id')
      .where((eb) => eb.or([eb('extracted_at', 'is', null), eb('extracted_at', '<', options.before)]))
      .where('id', '>', options.afterId ?? '').orderBy('id').limit(options.limit).execute();
    return rows.map((r) => r.id);
  }

  async countStaleDocuments(before: string): Promise<number> {
    await this.ready;
    const row = await this.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n'))
      .where((eb) => eb.or([eb('extracted_at', 'is', null), eb('extracted_at', '<', before)])).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async replaceReferenceRecords(meta: ReferenceImport, records: ReferenceRecord[], onProgress?: (done: number, total: number) => void): Promise<ReferenceImport | undefined> {
    await this.ready;
    return this.backend.write(async (trx) => {
      // Two imports of one source at once would interleave their deletes and inserts: one waits.
      await this.backend.lock(trx, [`reference:${meta.source}`]);
      return replaceReference(trx, meta, records, onProgress);
    });
  }

  async getReferenceImport(source: string): Promise<ReferenceImport | undefined> {
    await this.ready;
    return referenceImport(this.db, source);
  }

  async listReferenceRecords(filter: ReferenceFilter = {}): Promise<ReferenceRecord[]> {
    await this.ready;
    return listReference(this.db, filter);
  }

  async countReferenceRecords(filter: ReferenceFilter = {}): Promise<number> {
    await this.ready;
    return countReference(this.db, filter);
  }

  async referenceTivByOrderYear(recipient: string, source: string): Promise<TivAggregate[]> {
    await this.ready;
    return tivByOrderYear(this.db, recipient, source);
  }

  watchState(): WatchState {
    return watchState(this.backend, this.ready);
  }

  async replaceScreenList(list: string, entities: AsyncIterable<ListEntity>, describe: (count: number) => ListVersion,
    onProgress?: (done: number) => void): Promise<{ previous?: ListVersion; version: ListVersion }> {
    await this.ready;
    return this.backend.write(async (trx) => {
      await this.backend.lock(trx, [`screen-list:${list}`]);
      return replaceList(trx, list, entities, describe, onProgress);
    });
  }

  async listScreenLists(): Promise<ListVersion[]> {
    await this.ready;
    return listVersions(this.db);
  }

  async *screenEntities(lists?: string[]): AsyncIterable<ListEntity & { list: string }> {
    await this.ready;
    yield* listEntities(this.db, lists);
  }

  async addScreenRun(run: ScreenRun): Promise<void> {
    await this.ready;
    await insertRun(this.db, run);
  }

  async listScreenRuns(limit = 50): Promise<ScreenRun[]> {
    await this.ready;
    return listRuns(this.db, limit);
  }

  async getSetting(key: string): Promise<string | undefined> {
    await this.ready;
    return (await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
  }

  async addDecisions(decisions: Decision[]): Promise<void> {
    await this.ready;
    if (!decisions.length) return;
    await this.backend.write(async (trx) => {
      // The pairs whose records change: where each claim was, where it goes now, and where earlier decisions had put it.
      const claims = [...new Set(decisions.map((d) => d.claim))];
      const earlier: string[] = [];
      for (const part of chunks(claims, 500)) {
        earlier.push(...(await trx.selectFrom('decisions').select('pair_to').distinct().where('claim', 'in', part).execute()).map((r) => r.pair_to));
      }
      for (const part of chunks(decisions, 200)) await trx.insertInto('decisions').values(part.map(decisionRow)).execute();
      const pairs = [...new Set([...decisions.flatMap((d) => [d.pairFrom, d.pairTo]), ...earlier])].filter(Boolean);
      if (pairs.length) await this.markStale(trx, pairs);
    });
  }

  async listDecisions(filter: DecisionFilter = {}): Promise<Decision[]> {
    await this.ready;
    let q = this.db.selectFrom('decisions').selectAll();
    if (filter.claims) q = q.where('claim', 'in', filter.claims.length ? filter.claims : ['']);
    if (filter.documentId) q = q.where('document_id', '=', filter.documentId);
    if (filter.author) q = q.where('author', '=', filter.author);
    if (filter.via) q = q.where('via', '=', filter.via);
    if (filter.since) q = q.where('decided_at', '>=', filter.since);
    q = q.orderBy('id', filter.newestFirst ? 'desc' : 'asc');
    if (filter.limit !== undefined || filter.offset) q = q.limit(filter.limit ?? Number.MAX_SAFE_INTEGER);
    if (filter.offset) q = q.offset(filter.offset);
    return (await q.execute()).map(toDecision);
  }

  async countDecisions(): Promise<number> {
    await this.ready;
    return Number((await this.db.selectFrom('decisions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  }

  async setPublisherGrade(grade: PublisherGrade): Promise<void> {
    await this.ready;
    const row = { publisher: grade.publisher, grade: grade.grade, note: grade.note, author: grade.author, graded_at: grade.gradedAt };
    await this.db.insertInto('publisher_grades').values(row)
      .onConflict((oc) => oc.column('publisher').doUpdateSet({ grade: row.grade, note: row.note, author: row.author, graded_at: row.graded_at })).execute();
  }

  async publisherGrades(): Promise<PublisherGrade[]> {
    await this.ready;
    const rows = await this.db.selectFrom('publisher_grades').selectAll().orderBy('publisher').execute();
    return rows.map((r) => ({ publisher: r.publisher, grade: r.grade as PublisherGrade['grade'], note: r.note, author: r.author, gradedAt: r.graded_at }));
  }

  async setSetting(key: string, value: string | null): Promise<void> {
    await this.ready;
    if (value === null) await this.db.deleteFrom('settings').where('key', '=', key).execute();
    else await this.db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  }

  async close(): Promise<void> {
    await this.ready.catch(() => {});
    await this.backend.close();
  }
}

/**
 * Pairs in groups of at most ~20,000 events (a larger pair alone), in their order: a rebuild reads one
 * group's mentions at a time, so memory stays bounded by the largest pair, not by the store.
 */
function groupBySize(pairs: { pair: string; n: number }[]): string[][] {
  const groups: string[][] = [];
  let size = Infinity;
  for (const { pair, n } of pairs) {
    if (size + n > 20_000) { groups.push([]); size = 0; }
    groups[groups.length - 1].push(pair);
    size += n;
  }
  return groups;
}
