/**
 * Cross-document merge: every stated transfer mention, from every document, folded into one record per
 * (supplier, recipient, goods), where a variant and its parent, or a category restating one named system,
 * are the same goods (`goods.ts`). A record is a view assembled from its mentions, never a row
 * that forgot them: it lists every source, a dated status history, how many distinct publishers
 * corroborate it, and the conflicts between them (one says delivered, another denied).
 */
import { createHash } from 'node:crypto';
import { basename, dirname } from 'node:path';
import type { DocumentSummary } from '../store/store.js';
import type { StoredEvent } from '../extract/types.js';
import { STATUS_ORDER } from '../extract/lexicon.js';
import type { TransferStatus } from '../kb/schema.js';
import { goodsKey, planGoods, type FoldRule, type SystemLinks } from './goods.js';

export interface StatusStep {
  status: string;
  /** When the status held: see `stepDate`. */
  date: string | null;
  hedged: boolean;
  documentId: string;
  source: string;
  publisher: string;
  evidence: string;
}

export interface TransferRecord {
  id: string;
  supplier: string;
  recipient: string;
  system: string | null;
  systemId: string | null;
  category: string | null;
  /**
   * Where the deal stands: the furthest stage stated since the latest cancellation or denial, or that
   * cancellation or denial when nothing came after it (`statusOf`).
   */
  status: string;
  history: StatusStep[];
  sources: { documentId: string; source: string; url: string | null; publisher: string; published: string | null; title: string | null }[];
  /** Distinct publishers stating the transfer. */
  corroboration: number;
  conflicts: string[];
  hedged: boolean;
  quantity: number | null;
  value: number | null;
  currency: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
  /** Ids of every stored event the record was assembled from (after near-duplicate documents are left out). */
  mentionIds: string[];
  /** Every system or category its mentions named, and the rule that folded each in (`goods.ts`). */
  goods: RecordGoods[];
  /** Present when analysts decided on some of its mentions: which fields they set, and the latest decision. */
  review?: RecordReview;
}

export interface RecordReview {
  /** Mentions confirmed or corrected by an analyst, of `mentions` in all. */
  reviewed: number;
  mentions: number;
  /** Fields some correction set (`status`, `system`...). */
  fields: string[];
  latest: { verdict: string; author: string; decidedAt: string; decision: string };
}

/** What analysts decided on a record's mentions, or nothing when no mention was reviewed. */
function reviewOf(list: StoredEvent[]): { review?: RecordReview } {
  const marked = list.filter((e) => e.review);
  if (!marked.length) return {};
  const latest = marked.map((e) => e.review!).sort((a, b) => (a.decision < b.decision ? 1 : -1))[0];
  return {
    review: {
      reviewed: marked.length, mentions: list.length, fields: [...new Set(marked.flatMap((e) => e.review!.fields))].sort(),
      latest: { verdict: latest.verdict, author: latest.author, decidedAt: latest.decidedAt, decision: latest.decision },
    },
  };
}

/** Who published a document: the URL's host, else the folder (or file) it came from. */
export function publisherOf(doc: Pick<DocumentSummary, 'source' | 'url'>): string {
  const url = doc.url ?? (/^https?:\/\//.test(doc.source) ? doc.source : null);
  if (url) { try { return new URL(url).hostname.replace(/^www\./, ''); } catch { /* not a URL after all */ } }
  const path = doc.source.replace(/[#:]\d+$/, '');
  return basename(dirname(path)) && basename(dirname(path)) !== '.' ? `${basename(dirname(path))}/${basename(path)}` : basename(path);
}

const CONTRADICTS: [string, string][] = [['delivered', 'denied'], ['agreed', 'denied'], ['delivered', 'cancelled']];

/**
 * When a status held: the event's own date when it lies before the report ("in 2021 Serbia bought"),
 * otherwise the report's date ("this year", "next year" and same-day news date to publication).
 */
function stepDate(eventDate: string | null, published: string | null): string | null {
  if (!eventDate) return published;
  if (!published) return eventDate;
  return !published.startsWith(eventDate) && eventDate < published ? eventDate : published;
}

function rank(step: StatusStep): number {
  return step.status === 'cancelled' || step.status === 'denied' ? 100 : STATUS_ORDER[step.status as TransferStatus] ?? 0;
}

/**
 * A record's status from its steps in date order. A deal only moves forward until it is cancelled or
 * denied: a later report that Serbia "bought" drones it received two years before restates the purchase,
 * it does not take the delivery back; a report after a denial ("delivered after all") takes it up again.
 * @example statusOf([agreed 2019, delivered 2020, agreed 2022]) // 'delivered'
 */
function statusOf(steps: StatusStep[]): string {
  const lastNegative = steps.findLastIndex((s) => rank(s) === 100);
  const after = steps.slice(lastNegative + 1);
  if (!after.length) return steps[lastNegative].status;
  return after.reduce((a, b) => (rank(b) > rank(a) ? b : a)).status;
}

/** A supplier→recipient pair: the unit records are computed in (see `recordsForPairs`). */
export interface TransferPair {
  supplier: string;
  recipient: string;
}

/** The goods a record's mentions named, and how each joined the record (`goods.ts`). */
export interface RecordGoods {
  system: string | null;
  systemId: string | null;
  category: string | null;
  rule: FoldRule;
  mentions: number;
}

/** The mentions that can make a record: stated (not hypothetical) transfers with both parties. */
function isRecordMention(e: StoredEvent): boolean {
  return e.kind === 'transfer' && !e.hypothetical && !!e.supplier && !!e.recipient;
}

function pairKey(p: { supplier?: string | null; recipient?: string | null }): string {
  return `${p.supplier}|${p.recipient}`;
}

/** The records of one pair, from every mention of that pair. */
function pairRecords(mentions: StoredEvent[], docs: Map<string, DocumentSummary>, systems: SystemLinks): TransferRecord[] {
  const plan = planGoods(mentions, systems);
  const groups = new Map<string, StoredEvent[]>();
  for (const e of mentions) {
    const into = plan(e)!.into;
    if (into !== null) groups.set(into, [...(groups.get(into) ?? []), e]);
  }
  const records: TransferRecord[] = [];
  for (const [goods, list] of groups) {
    const key = `${pairKey(list[0])}|${goods}`;
    const history: StatusStep[] = list.map((e) => {
      const doc = docs.get(e.documentId)!;
      return {
        status: e.status ?? 'agreed', date: stepDate(e.date ?? null, doc.published), hedged: e.hedged, documentId: e.documentId,
        source: doc.source, publisher: publisherOf(doc), evidence: e.evidence.text,
      };
    }).sort((a, b) => (a.date ?? '9999').localeCompare(b.date ?? '9999') || rank(a) - rank(b));
    // One step per document and status: an article repeating itself is not a new development.
    const seen = new Set<string>();
    const steps = history.filter((s) => { const k = `${s.documentId}|${s.status}`; if (seen.has(k)) return false; seen.add(k); return true; });
    const dated = steps.filter((s) => s.date);
    const statuses = new Set(steps.map((s) => s.status));
    const conflicts = CONTRADICTS.filter(([a, b]) => statuses.has(a) && statuses.has(b)).map(([a, b]) => {
      const pa = [...new Set(steps.filter((s) => s.status === a).map((s) => s.publisher))].join(', ');
      const pb = [...new Set(steps.filter((s) => s.status === b).map((s) => s.publisher))].join(', ');
      return `${a} (${pa}) vs ${b} (${pb})`;
    });
    // Sources in the order they were published: the store's event order is no order a reader knows.
    const sourceDocs = [...new Set(list.map((e) => e.documentId))].map((id) => docs.get(id)!)
      .sort((a, b) => (a.published ?? '9999').localeCompare(b.published ?? '9999') || a.source.localeCompare(b.source));
    // The record is named by the goods it folded into: the most specific system, else the category.
    const head = list.find((e) => goodsKey(e) === goods)!;
    const named = new Map<string, RecordGoods>();
    for (const e of list) {
      const k = goodsKey(e);
      const g = named.get(k) ?? { system: e.system ?? null, systemId: e.systemId ?? null, category: e.category ?? null, rule: plan(e)!.rule, mentions: 0 };
      g.mentions++;
      named.set(k, g);
    }
    records.push({
      id: createHash('sha256').update(key).digest('hex').slice(0, 12),
      supplier: head.supplier!, recipient: head.recipient!, system: head.system ?? null, systemId: head.systemId ?? null,
      category: head.category ?? null, status: statusOf(dated.length ? dated : steps), history: steps,
      sources: sourceDocs.map((d) => ({ documentId: d.id, source: d.source, url: d.url, publisher: publisherOf(d), published: d.published, title: d.title })),
      corroboration: new Set(sourceDocs.map(publisherOf)).size, conflicts, hedged: list.every((e) => e.hedged),
      quantity: list.find((e) => e.quantity)?.quantity ?? null, value: list.find((e) => e.value)?.value ?? null,
      currency: list.find((e) => e.value)?.currency ?? null,
      firstSeen: dated[0]?.date ?? null, lastSeen: dated[dated.length - 1]?.date ?? null,
      mentionIds: list.map((e) => e.id), goods: [...named.values()].sort((a, b) => FOLD_ORDER[a.rule] - FOLD_ORDER[b.rule]),
      ...reviewOf(list),
    });
  }
  return records.sort(byRelevance);
}

/** A record's own goods first, then what folded into it, most like it first. */
const FOLD_ORDER: Record<FoldRule, number> = { self: 0, variant: 1, category: 2, weapons: 3 };

function byRelevance(a: TransferRecord, b: TransferRecord): number {
  return b.corroboration - a.corroboration || (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '') || a.id.localeCompare(b.id);
}

/**
 * Recomputes the records of the given pairs from their mentions: what a store that keeps records materialised
 * calls after a document's events change, for the pairs those events name (old and new). A pair's records
 * depend only on that pair's mentions, the documents they come from and the catalog's system links, so
 * replacing every stored record of each pair with the result keeps the store equal to `mergeTransfers` over
 * everything; when the catalog changes, recompute every pair.
 *
 * `events`: at least every stored transfer event of those pairs (others are ignored). `documents`: the
 * documents those events come from, near-duplicates left out (their mentions then count under the first
 * document only, as in `mergeTransfers`). Every asked pair is in the result, with no records when none is
 * left (the store deletes the pair's rows).
 * @example recordsForPairs([{ supplier: 'CN', recipient: 'RS' }], await store.listEvents({ kind: 'transfer' }), docs, links)
 *   // [{ supplier: 'CN', recipient: 'RS', records: [FK-3 record, ...] }]
 */
export function recordsForPairs(pairs: TransferPair[], events: StoredEvent[], documents: DocumentSummary[], systems: SystemLinks): (TransferPair & { records: TransferRecord[] })[] {
  const docs = new Map(documents.map((d) => [d.id, d]));
  const wanted = new Map(pairs.map((p) => [pairKey(p), [] as StoredEvent[]]));
  for (const e of events) {
    // Near-duplicate documents repeat a story: their mentions count once, under the first document.
    if (!isRecordMention(e) || !docs.has(e.documentId)) continue;
    wanted.get(pairKey(e))?.push(e);
  }
  return [...wanted].map(([key, mentions]) => {
    const [supplier, recipient] = key.split('|');
    return { supplier, recipient, records: mentions.length ? pairRecords(mentions, docs, systems) : [] };
  });
}

/**
 * Merges stored transfer events of many documents into records, every pair at once.
 * @example mergeTransfers(await store.listEvents({ kind: 'transfer' }), await store.listDocuments(), systemLinks(kb.catalog))
 */
export function mergeTransfers(events: StoredEvent[], documents: DocumentSummary[], systems: SystemLinks): TransferRecord[] {
  return recordsForPairs(pairsOf(events), events, documents, systems).flatMap((p) => p.records).sort(byRelevance);
}

/**
 * The pairs whose records some events can change: for a store, those of a document's old and new events.
 * @example recordsForPairs(pairsOf([...before, ...after]), await eventsOfPairs(...), docs, links)
 */
export function pairsOf(events: StoredEvent[]): TransferPair[] {
  const pairs = new Map<string, TransferPair>();
  for (const e of events) if (isRecordMention(e)) pairs.set(pairKey(e), { supplier: e.supplier!, recipient: e.recipient! });
  return [...pairs.values()];
}
