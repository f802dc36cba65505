/**
 * Materialised transfer records. A record is still a view over its mentions (`src/resolve/transfers.ts`
 * builds it); the store only keeps the result, so a request reads rows instead of merging every event.
 *
 * Invariant this relies on: the records of a (supplier, recipient) pair depend only on that pair's
 * transfer events and their documents. So a change to one document recomputes just the pairs its old and
 * new events name, with `mergeTransfers` itself, inside the transaction that changes the document; and a
 * test (`src/jobs/reextract.test.ts`) checks that records kept this way equal a full merge.
 *
 * Records are built from the mentions at or above ARMSCOPE_MIN_CONFIDENCE as configured where they are written,
 * with the catalog's system links: after changing either, `armscope reextract --records` rebuilds them.
 */
import type { Kysely } from 'kysely';
import type { StoredEvent } from '../extract/types.js';
import { recordsForPairs, type TransferRecord } from '../resolve/transfers.js';
import { systemLinks, type SystemLinks } from '../resolve/goods.js';
import { loadConfig } from '../config.js';
import { applyDecisions, type Decision, type Verdict } from '../review/decisions.js';
import type { Schema, DocumentsTable } from './schema.js';
import type { DocumentSummary, PairDetail, PairGoods } from './store.js';

/** `SUPPLIER|RECIPIENT` of every transfer event that names both. */
export function pairsOf(events: { kind: string; supplier?: string | null; recipient?: string | null }[]): string[] {
  const pairs = new Set<string>();
  for (const e of events) if (e.kind === 'transfer' && e.supplier && e.recipient) pairs.add(`${e.supplier}|${e.recipient}`);
  return [...pairs].sort();
}

export const SUMMARY_COLUMNS = ['id', 'source', 'url', 'title', 'published', 'language', 'duplicate_of', 'ingested_at', 'sentence_count'] as const;

export function toSummary(row: Pick<DocumentsTable, typeof SUMMARY_COLUMNS[number]>): DocumentSummary {
  return {
    id: row.id, source: row.source, url: row.url, title: row.title, published: row.published, language: row.language,
    duplicateOf: row.duplicate_of, ingestedAt: row.ingested_at, sentenceCount: Number(row.sentence_count),
  };
}

export function toStoredEvent(r: { id: string; document_id: string; body: string; extractor: string; extracted_at: string }): StoredEvent {
  return { ...JSON.parse(r.body), id: r.id, documentId: r.document_id, extractor: r.extractor, extractedAt: r.extracted_at };
}

const CHUNK = 100;

/** What a record depends on besides its mentions: the catalog's system links, and the confidence threshold. */
export interface RecordContext {
  systems: SystemLinks;
  minConfidence: number;
}

let context: Promise<RecordContext> | undefined;

/** Loaded on the first record change of the process (the catalog is not needed to store documents alone). */
export function recordContext(): Promise<RecordContext> {
  context ??= (async () => {
    const { minConfidence } = loadConfig();
    const { defaultKnowledgeBase } = await import('../extract/index.js');
    return { systems: systemLinks(defaultKnowledgeBase().catalog), minConfidence };
  })();
  return context;
}

/**
 * Inside a write transaction (holding the pairs' locks): replaces the stored records of `pairs` with what
 * `mergeTransfers` makes of their events now. Events are read in the order `listEvents` gives them, so
 * the result is the one a full merge over all events gives.
 */
export async function recomputePairs(trx: Kysely<Schema>, pairs: string[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < pairs.length; i += CHUNK) {
    const chunk = pairs.slice(i, i + CHUNK).map((p) => p.split('|') as [string, string]);
    const byPair = (eb: any, table: string) => eb.or(chunk.map(([s, r]) => eb.and([eb(`${table}.supplier`, '=', s), eb(`${table}.recipient`, '=', r)])));
    const keys = chunk.map(([s, r]) => `${s}|${r}`);
    // Analysts' decisions on the claims of these pairs, and on claims they moved into them from elsewhere.
    const decided = await trx.selectFrom('decisions').selectAll()
      .where((eb) => eb.or([eb('pair_from', 'in', keys), eb('pair_to', 'in', keys)])).execute();
    const inChunk = new Set(keys);
    const movedIn = [...new Set(decided.filter((d) => !inChunk.has(d.pair_from)).map((d) => d.claim))];
    // Every decision on a moved-in claim counts (a later one may have moved it on again).
    for (let j = 0; j < movedIn.length; j += 500) {
      decided.push(...await trx.selectFrom('decisions').selectAll().where('claim', 'in', movedIn.slice(j, j + 500)).where('pair_to', 'not in', keys).execute());
    }
    const movedDocs = [...new Set(decided.filter((d) => !inChunk.has(d.pair_from)).map((d) => d.document_id))];
    const rows = await trx.selectFrom('events')
      .innerJoin('documents', 'documents.id', 'events.document_id')
      .select(['events.id', 'events.document_id', 'events.body', 'events.extractor', 'events.extracted_at'])
      .where('events.kind', '=', 'transfer')
      .where('documents.duplicate_of', 'is', null)
      .where((eb) => eb.or([byPair(eb, 'events'), ...(movedDocs.length ? [eb('events.document_id', 'in', movedDocs)] : [])]))
      .orderBy('events.document_id').orderBy('events.seq')
      .execute();
    const ids = [...new Set(rows.map((r) => r.document_id))];
    const docs: DocumentSummary[] = [];
    for (let j = 0; j < ids.length; j += 500) {
      const part = await trx.selectFrom('documents').select([...SUMMARY_COLUMNS]).where('id', 'in', ids.slice(j, j + 500)).execute();
      docs.push(...part.map(toSummary));
    }
    const { systems, minConfidence } = await recordContext();
    const mentions = applyDecisions(rows.map(toStoredEvent), decided.map(toDecision)).filter((e) => e.confidence >= minConfidence);
    const perPair = recordsForPairs(chunk.map(([supplier, recipient]) => ({ supplier, recipient })), mentions, docs, systems);
    const records = perPair.flatMap((p) => p.records);
    const sums = perPair.filter((p) => p.records.length).map((p) => pairSums(p.supplier, p.recipient, p.records));
    for (const table of ['transfer_records', 'pair_summaries', 'pair_goods'] as const) {
      await trx.deleteFrom(table).where((eb: any) => byPair(eb, table)).execute();
    }
    for (let j = 0; j < records.length; j += 200) await trx.insertInto('transfer_records').values(records.slice(j, j + 200).map(recordRow)).execute();
    const summaries = sums.map((s) => s.summary);
    for (let j = 0; j < summaries.length; j += 200) await trx.insertInto('pair_summaries').values(summaries.slice(j, j + 200)).execute();
    const goods = sums.flatMap((s) => s.goods);
    for (let j = 0; j < goods.length; j += 200) await trx.insertInto('pair_goods').values(goods.slice(j, j + 200)).execute();
    written += records.length;
  }
  return written;
}

/** How many goods labels a pair's summary lists (the rest are counted in `goods_count` and paged from `pair_goods`). */
export const PAIR_GOODS_KEPT = 10;

/** What a record is about, as a label: its system, else its category. */
const goodsLabel = (r: TransferRecord) => r.system ?? r.category ?? null;

/**
 * The rows summing one pair's records: the pair's totals, and one row per system (else category) with the
 * most corroborated record of it. `records` are in the order `recordsForPairs` gives (most corroborated first).
 * @example pairSums('RU', 'IR', records).summary.by_year // '{"2023":2,"undated":1}'
 */
export function pairSums(supplier: string, recipient: string, records: TransferRecord[]): { summary: Schema['pair_summaries']; goods: Schema['pair_goods'][] } {
  const byYear: Record<string, number> = {};
  const goods = new Map<string, Schema['pair_goods'] & { label: string | null }>();
  let corroboration = 0;
  let firstSeen: string | null = null;
  let lastSeen = '';
  for (const r of records) {
    corroboration += r.corroboration;
    if (r.firstSeen && (!firstSeen || r.firstSeen < firstSeen)) firstSeen = r.firstSeen;
    if ((r.lastSeen ?? '') > lastSeen) lastSeen = r.lastSeen!;
    const year = r.firstSeen?.slice(0, 4) ?? 'undated';
    byYear[year] = (byYear[year] ?? 0) + 1;
    const key = r.systemId ?? (r.system ? `name:${r.system}` : `category:${r.category ?? ''}`);
    const g = goods.get(key);
    if (g) { g.records++; g.corroboration += r.corroboration; continue; }
    goods.set(key, {
      supplier, recipient, goods: key, system_id: r.systemId, system: r.system, category: r.category,
      records: 1, corroboration: r.corroboration, top_record: r.id, top_status: r.status, label: goodsLabel(r),
    });
  }
  // Most records first; at equal counts, named systems before bare categories, then by name.
  const bare = (g: { goods: string }) => (g.goods.startsWith('category:') ? 1 : 0);
  const ranked = [...goods.values()].sort((a, b) => b.records - a.records || bare(a) - bare(b)
    || (a.label ?? '').localeCompare(b.label ?? '') || a.goods.localeCompare(b.goods));
  const labels = [...new Set(ranked.map((g) => g.label).filter((l): l is string => !!l))];
  return {
    summary: {
      supplier, recipient, records: records.length, corroboration, first_seen: firstSeen, last_seen: lastSeen,
      by_year: JSON.stringify(byYear), goods: JSON.stringify(labels.slice(0, PAIR_GOODS_KEPT)), goods_count: labels.length,
      system_rows: ranked.filter((g) => g.system_id || g.system).length,
    },
    goods: ranked.map(({ label: _label, ...row }) => row),
  };
}

export function decisionRow(d: Decision): Schema['decisions'] {
  return {
    id: d.id, claim: d.claim, event_id: d.eventId, document_id: d.documentId, pair_from: d.pairFrom, pair_to: d.pairTo,
    verdict: d.verdict, fields: JSON.stringify(d.fields), note: d.note, author: d.author, decided_at: d.decidedAt, via: d.via,
  };
}

export function toDecision(r: Schema['decisions']): Decision {
  return {
    id: r.id, claim: r.claim, eventId: r.event_id, documentId: r.document_id, pairFrom: r.pair_from, pairTo: r.pair_to,
    verdict: r.verdict as Verdict, fields: JSON.parse(r.fields), note: r.note, author: r.author, decidedAt: r.decided_at, via: r.via,
  };
}

/** A `pair_summaries` row as the store hands it out. */
export function toPairDetail(r: Schema['pair_summaries']): PairDetail {
  return {
    supplier: r.supplier, recipient: r.recipient, records: Number(r.records), corroboration: Number(r.corroboration),
    firstSeen: r.first_seen ?? null, lastSeen: r.last_seen || null,
    byYear: JSON.parse(r.by_year), goods: JSON.parse(r.goods), goodsCount: Number(r.goods_count), systemRows: Number(r.system_rows),
  };
}

/** A `pair_goods` row as the store hands it out. */
export function toPairGoods(r: Schema['pair_goods']): PairGoods {
  return {
    supplier: r.supplier, recipient: r.recipient, goods: r.goods, systemId: r.system_id, system: r.system, category: r.category,
    records: Number(r.records), corroboration: Number(r.corroboration), topRecord: r.top_record, topStatus: r.top_status,
  };
}

function recordRow(r: TransferRecord): Schema['transfer_records'] {
  return {
    id: r.id, supplier: r.supplier, recipient: r.recipient, system: r.system, system_id: r.systemId, category: r.category,
    status: r.status, hedged: r.hedged ? 1 : 0, corroboration: r.corroboration, conflicted: r.conflicts.length ? 1 : 0,
    // '' for an undated record: sorts last in a descending listing on both backends, and an index can give that order.
    first_seen: r.firstSeen, last_seen: r.lastSeen ?? '', body: JSON.stringify(r),
  };
}
