/**
 * What the news says against what a reference register says. Every transfer record in the store falls in
 * one class:
 *
 * - `matched`: the register has a deal of the same supplier, recipient and goods, at a stage the news
 *   does not contradict;
 * - `status-differs`: it has such deals, but each is at another stage: the register shows nothing
 *   delivered where the news reports a delivery, or the order delivered in full where the news reports it
 *   only agreed;
 * - `reported-not-in-reference`: no deal of that supplier, recipient and goods in the register.
 *
 * Deals of the register that no record was matched to are `reference-only`.
 *
 * Goods are the same when the systems are (`system`), when one is a variant of the other along the
 * catalog's parent links (`variant`), or by category (`category`) where one side names no catalog system.
 * Of several deals of the same goods (orders in different years), the record is matched to one that
 * agrees on the stage, the closest goods, then the most recent deal.
 */
import type { SystemLinks } from '../resolve/goods.js';
import type { TransferRecord } from '../resolve/transfers.js';
import type { Store } from '../store/store.js';
import { SIPRI_SOURCE } from './sipri-map.js';
import { byYearAndSupplier, type ReferenceFilter, type ReferenceRecord, type TivAggregate } from './types.js';

export const COMPARISON_CLASSES = ['matched', 'status-differs', 'reported-not-in-reference'] as const;
export type ComparisonClass = (typeof COMPARISON_CLASSES)[number];
export type GoodsMatch = 'system' | 'variant' | 'category';

export interface RecordComparison {
  class: ComparisonClass;
  record: TransferRecord;
  /** The register's deal the record was matched to (for `matched` and `status-differs`). */
  reference: ReferenceRecord | null;
  goods: GoodsMatch | null;
  /** How many of the register's deals of the pair name the same goods. */
  candidates: number;
  /** Why, in a sentence. */
  reason: string;
}

export interface ComparisonOptions {
  supplier?: string;
  recipient?: string;
  source?: string;
  /** Order years of the reference-only deals to list, inclusive. */
  fromYear?: number;
  toYear?: number;
}

export interface Comparison {
  records: RecordComparison[];
  /** The register's deals of the compared parties that no record was matched to, in file order. */
  referenceOnly: ReferenceRecord[];
  counts: Record<ComparisonClass | 'reference-only', number>;
}

const GOODS_RANK: Record<GoodsMatch, number> = { system: 0, variant: 1, category: 2 };

function lineage(id: string, links: SystemLinks): string[] {
  const out = [id];
  for (let p = links.parentOf(id); p && !out.includes(p); p = links.parentOf(p)) out.push(p);
  return out;
}

/** How a record's goods and a register deal's goods are the same, or null when they are not. */
export function goodsMatch(record: Pick<TransferRecord, 'systemId' | 'category'>, ref: Pick<ReferenceRecord, 'systemId' | 'category'>, links: SystemLinks): GoodsMatch | null {
  if (record.systemId && ref.systemId) {
    if (record.systemId === ref.systemId) return 'system';
    return lineage(record.systemId, links).includes(ref.systemId) || lineage(ref.systemId, links).includes(record.systemId) ? 'variant' : null;
  }
  const category = record.category ?? (record.systemId ? links.categoryOf(record.systemId) : null);
  return category !== null && category === ref.category ? 'category' : null;
}

/** The stage a news status states, where it states one the register can confirm. */
function newsStage(status: string): 'ordered' | 'delivered' | null {
  return status === 'delivered' ? 'delivered' : status === 'agreed' ? 'ordered' : null;
}

/** The news stage contradicts the register's: delivered against nothing delivered, or agreed against delivered in full. */
export function stageDiffers(newsStatus: string, ref: Pick<ReferenceRecord, 'status'>): boolean {
  const stage = newsStage(newsStatus);
  return (stage === 'delivered' && ref.status === 'ordered') || (stage === 'ordered' && ref.status === 'delivered');
}

function recency(r: ReferenceRecord): number {
  return Math.max(r.orderYear.value ?? 0, r.deliveryYears[r.deliveryYears.length - 1] ?? 0);
}

function describe(r: ReferenceRecord): string {
  const n = (v: { value: number | null; uncertain: boolean }) => (v.value === null ? '?' : `${v.value}${v.uncertain ? '?' : ''}`);
  return `${r.designation} ordered ${r.orderYear.value ?? '?'}${r.orderYear.uncertain ? '?' : ''} (${n(r.numberDelivered)} of ${n(r.numberOrdered)} delivered, line ${r.line})`;
}

/** One record against the register's deals of its pair. */
export function compareRecord(record: TransferRecord, pairDeals: ReferenceRecord[], links: SystemLinks): RecordComparison {
  const candidates = pairDeals.map((ref) => ({ ref, goods: goodsMatch(record, ref, links) })).filter((c): c is { ref: ReferenceRecord; goods: GoodsMatch } => c.goods !== null);
  if (!candidates.length) {
    const goods = record.system ?? record.category ?? 'these goods';
    return { class: 'reported-not-in-reference', record, reference: null, goods: null, candidates: 0,
      reason: `the register has ${pairDeals.length ? `${pairDeals.length} deal(s) of ${record.supplier}→${record.recipient}, none of ${goods}` : `no deal of ${record.supplier}→${record.recipient}`}` };
  }
  candidates.sort((a, b) => Number(stageDiffers(record.status, a.ref)) - Number(stageDiffers(record.status, b.ref))
    || GOODS_RANK[a.goods] - GOODS_RANK[b.goods] || recency(b.ref) - recency(a.ref) || a.ref.line - b.ref.line);
  const best = candidates[0];
  if (stageDiffers(record.status, best.ref)) {
    return { class: 'status-differs', record, reference: best.ref, goods: best.goods, candidates: candidates.length,
      reason: `news: ${record.status}; register: ${best.ref.status}, ${describe(best.ref)}` };
  }
  return { class: 'matched', record, reference: best.ref, goods: best.goods, candidates: candidates.length,
    reason: `register: ${best.ref.status}, ${describe(best.ref)}` };
}

/**
 * Classes the given records against the register's deals of their pairs, one store query per pair: what
 * `compareWithReference` does for every record, and the API for a page of records.
 * @example (await classifyRecords(store, links, records)).map((c) => c.class) // ['matched', 'reported-not-in-reference']
 */
export async function classifyRecords(store: Store, links: SystemLinks, records: TransferRecord[], source = SIPRI_SOURCE): Promise<RecordComparison[]> {
  const byPair = new Map<string, TransferRecord[]>();
  for (const r of records) {
    const key = `${r.supplier}|${r.recipient}`;
    byPair.set(key, [...byPair.get(key) ?? [], r]);
  }
  const out = new Map<TransferRecord, RecordComparison>();
  for (const [key, pairRecords] of [...byPair].sort((a, b) => a[0].localeCompare(b[0]))) {
    const [supplier, recipient] = key.split('|');
    const deals = await store.listReferenceRecords({ source, supplier, recipient });
    for (const record of pairRecords) out.set(record, compareRecord(record, deals, links));
  }
  return records.map((r) => out.get(r)!);
}

/**
 * Compares every transfer record of the store (of the parties asked) with the reference source: the one
 * comparison `armscope reference` and `GET /api/comparison` both give. Records come in pair order
 * (supplier, then recipient), each pair's in the store's order.
 * @example const { counts } = await compareWithReference(store, links, { recipient: 'RS' });
 *   counts // { matched: 3, 'status-differs': 1, 'reported-not-in-reference': 2, 'reference-only': 40 }
 */
export async function compareWithReference(store: Store, links: SystemLinks, options: ComparisonOptions = {}): Promise<Comparison> {
  const source = options.source ?? SIPRI_SOURCE;
  const records = await store.listTransferRecords({ supplier: options.supplier, recipient: options.recipient });
  const pairOrder = (r: TransferRecord) => `${r.supplier}|${r.recipient}`;
  // Stable: a pair's records keep the store's order.
  const ordered = records.map((r, i) => ({ r, i })).sort((a, b) => pairOrder(a.r).localeCompare(pairOrder(b.r)) || a.i - b.i).map((x) => x.r);
  const results = await classifyRecords(store, links, ordered, source);
  const used = new Set(results.flatMap((c) => (c.reference ? [c.reference.id] : [])));
  const filter: ReferenceFilter = { source, supplier: options.supplier, recipient: options.recipient, fromYear: options.fromYear, toYear: options.toYear };
  const referenceOnly = (await store.listReferenceRecords(filter)).filter((r) => !used.has(r.id));
  const counts = { matched: 0, 'status-differs': 0, 'reported-not-in-reference': 0, 'reference-only': referenceOnly.length };
  for (const r of results) counts[r.class]++;
  return { records: results, referenceOnly, counts };
}

/**
 * TIV of a country's imports by supplier and year, for its profile. By order year (the default) the sums
 * are the register's own figures: the TIV of the orders placed that year and what of them has been
 * delivered. By delivery year, a deal's delivered TIV is spread evenly over its years of delivery: the
 * trade register does not say how much came in which year, so those figures are an estimate.
 * @example await tivBySupplierYear(store, 'RS') // [{ supplier: 'RU', supplierName: 'Russia', year: 2019, deals: 2, tivOrdered: 120.5, tivDelivered: 120.5 }, ...]
 */
export async function tivBySupplierYear(store: Store, country: string, options: { by?: 'order' | 'delivery'; source?: string } = {}): Promise<TivAggregate[]> {
  const source = options.source ?? SIPRI_SOURCE;
  if ((options.by ?? 'order') === 'order') return store.referenceTivByOrderYear(country, source);
  const sums = new Map<string, TivAggregate>();
  for (const r of await store.listReferenceRecords({ source, recipient: country })) {
    if (!r.deliveryYears.length) continue;
    const share = (r.tivDelivered ?? 0) / r.deliveryYears.length;
    for (const year of r.deliveryYears) {
      const key = `${year}|${r.supplierName}`;
      const a = sums.get(key) ?? { supplier: r.supplier, supplierName: r.supplierName, year, deals: 0, tivOrdered: null, tivDelivered: 0 };
      a.deals++;
      a.tivDelivered += share;
      sums.set(key, a);
    }
  }
  return [...sums.values()].map((a) => ({ ...a, tivDelivered: Math.round(a.tivDelivered * 1000) / 1000 }))
    .sort(byYearAndSupplier);
}
