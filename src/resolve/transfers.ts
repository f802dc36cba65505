/**
 * Cross-document merge: every stated transfer mention, from every document, folded into one record per
 * (supplier, recipient, system or category). A record is a view assembled from its mentions, never a row
 * that forgot them: it lists every source, a dated status history, how many distinct publishers
 * corroborate it, and the conflicts between them (one says delivered, another denied).
 */
import { createHash } from 'node:crypto';
import { basename, dirname } from 'node:path';
import type { DocumentSummary } from '../store/store.js';
import type { StoredEvent } from '../extract/types.js';
import { STATUS_ORDER } from '../extract/lexicon.js';
import type { TransferStatus } from '../kb/schema.js';

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
  /** The latest stated status (by date, then by how definite it is). */
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
 * Merges stored transfer events of many documents into records.
 * @example mergeTransfers(await store.listEvents({ kind: 'transfer' }), await store.listDocuments())
 */
export function mergeTransfers(events: StoredEvent[], documents: DocumentSummary[]): TransferRecord[] {
  const docs = new Map(documents.map((d) => [d.id, d]));
  const groups = new Map<string, StoredEvent[]>();
  for (const e of events) {
    if (e.kind !== 'transfer' || e.hypothetical || !e.supplier || !e.recipient) continue;
    // Near-duplicate documents repeat a story: their mentions count once, under the first document.
    if (!docs.has(e.documentId)) continue;
    const key = `${e.supplier}|${e.recipient}|${e.systemId ?? e.category}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const records: TransferRecord[] = [];
  for (const [key, list] of groups) {
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
    const latest = (dated.length ? dated : steps).reduce((a, b) => ((b.date ?? '') > (a.date ?? '') || ((b.date ?? '') === (a.date ?? '') && rank(b) > rank(a)) ? b : a));
    const statuses = new Set(steps.map((s) => s.status));
    const conflicts = CONTRADICTS.filter(([a, b]) => statuses.has(a) && statuses.has(b)).map(([a, b]) => {
      const pa = [...new Set(steps.filter((s) => s.status === a).map((s) => s.publisher))].join(', ');
      const pb = [...new Set(steps.filter((s) => s.status === b).map((s) => s.publisher))].join(', ');
      return `${a} (${pa}) vs ${b} (${pb})`;
    });
    const sourceDocs = [...new Set(list.map((e) => e.documentId))].map((id) => docs.get(id)!);
    const first = list[0];
    records.push({
      id: createHash('sha256').update(key).digest('hex').slice(0, 12),
      supplier: first.supplier!, recipient: first.recipient!, system: first.system ?? null, systemId: first.systemId ?? null,
      category: first.category ?? null, status: latest.status, history: steps,
      sources: sourceDocs.map((d) => ({ documentId: d.id, source: d.source, url: d.url, publisher: publisherOf(d), published: d.published, title: d.title })),
      corroboration: new Set(sourceDocs.map(publisherOf)).size, conflicts, hedged: list.every((e) => e.hedged),
      quantity: list.find((e) => e.quantity)?.quantity ?? null, value: list.find((e) => e.value)?.value ?? null,
      currency: list.find((e) => e.value)?.currency ?? null,
      firstSeen: dated[0]?.date ?? null, lastSeen: dated[dated.length - 1]?.date ?? null,
    });
  }
  // A record of unnamed "weapons" says nothing more when the same pair has records of named goods.
  const specific = new Set(records.filter((r) => r.category !== 'other').map((r) => `${r.supplier}|${r.recipient}`));
  return records.filter((r) => r.category !== 'other' || !specific.has(`${r.supplier}|${r.recipient}`)).sort((a, b) => b.corroboration - a.corroboration || (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '') || a.id.localeCompare(b.id));
}
