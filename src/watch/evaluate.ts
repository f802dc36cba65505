/**
 * Rules against what a new document reported. Each stated (not hypothetical) transfer of the document is
 * held against every rule; a rule with `status_change` looks at the transfer record the event joined and
 * fires when the document moved its status (an `agreed` step, then this document's `delivered`). An alert
 * names its rule, the event and its record, the sentence that states it and the document's link; its id is
 * a hash of the rule and the subject (the document's transfer, or the record's change), so it is raised
 * once ever, however often the document is seen or the watcher restarted.
 */
import { createHash } from 'node:crypto';
import type { StoredEvent } from '../extract/types.js';
import { publisherOf, type TransferRecord } from '../resolve/transfers.js';
import type { DocumentSummary, Store } from '../store/store.js';
import type { StoredAlert } from '../store/watch.js';
import { searchWords } from '../store/search.js';
import { STATUS_ORDER } from '../extract/lexicon.js';
import type { TransferStatus } from '../kb/schema.js';
import type { PartySet, Rule } from './rules.js';

export interface Alert {
  id: string;
  rule: { id: string; description: string | null; source: string };
  /** `event`: the event matched; `status-change`: its record's status moved with this document. */
  kind: 'event' | 'status-change';
  event: {
    id: string; kind: string; supplier: string | null; recipient: string | null; system: string | null; systemId: string | null;
    category: string | null; status: string | null; hedged: boolean; confidence: number; date: string | null;
  };
  record: { id: string; status: string; corroboration: number; firstSeen: string | null; lastSeen: string | null } | null;
  change: { from: string; to: string; date: string | null } | null;
  /** The sentence that states the event. */
  evidence: string;
  source: { documentId: string; title: string | null; url: string | null; publisher: string; published: string | null; language: string };
  /** When the alert was raised (ISO). */
  raisedAt: string;
}

/** Whether a country is in a party set at a date: a bloc counts its members of that day (today's when undated). */
export function inParties(code: string | null | undefined, set: PartySet, date: string | null): boolean {
  if (!code) return false;
  if (set.countries.has(code)) return true;
  const day = date ?? new Date().toISOString().slice(0, 10);
  return set.blocs.some((b) => b.members.some((m) => m.country === code && (!m.from || m.from <= day) && (!m.to || m.to >= day.slice(0, m.to.length))));
}

function systemMatches(e: StoredEvent, wanted: string[]): boolean {
  const id = e.systemId?.toLowerCase();
  const name = e.system?.toLowerCase();
  return wanted.some((w) => {
    const v = w.toLowerCase();
    return (id && (id === v || id === `system:${v}`)) || (name && name === v);
  });
}

function keywordsMatch(words: Set<string>, keywords: string[]): boolean {
  return keywords.some((k) => {
    const need = searchWords(k);
    return need.length > 0 && need.every((w) => words.has(w));
  });
}

/** Everything a rule asks of one event, except what needs the store (new supplier, record status). */
export function eventMatches(rule: Rule, e: StoredEvent, doc: Pick<DocumentSummary, 'title' | 'published'>, record: TransferRecord | null): boolean {
  if (e.kind !== 'transfer' || e.hypothetical) return false;
  const date = e.date && e.date.length === 10 ? e.date : doc.published;
  if (rule.supplier && !inParties(e.supplier, rule.supplier, date)) return false;
  if (rule.supplier_not && (!e.supplier || inParties(e.supplier, rule.supplier_not, date))) return false;
  if (rule.recipient && !inParties(e.recipient, rule.recipient, date)) return false;
  if (rule.recipient_not && (!e.recipient || inParties(e.recipient, rule.recipient_not, date))) return false;
  if (rule.country && !inParties(e.supplier, rule.country, date) && !inParties(e.recipient, rule.country, date)) return false;
  if (rule.category && !(e.category && (rule.category as string[]).includes(e.category))) return false;
  if (rule.system && !systemMatches(e, rule.system)) return false;
  if (rule.status && !(e.status && (rule.status as string[]).includes(e.status))) return false;
  if (rule.reporting === 'hedged' && !e.hedged) return false;
  if (rule.reporting === 'confirmed' && e.hedged) return false;
  if (rule.min_confidence !== undefined && e.confidence < rule.min_confidence) return false;
  if (rule.min_corroboration !== undefined && (record?.corroboration ?? 0) < rule.min_corroboration) return false;
  if (rule.keywords && !keywordsMatch(new Set(searchWords(`${doc.title ?? ''}\n${e.evidence.text}`)), rule.keywords)) return false;
  return true;
}


/**
 * Whether a step moves a deal on: to a later stage, or to a cancellation or denial. A later report of an
 * earlier stage ("Serbia bought" after a delivery) restates the deal; it is no change (`statusOf` in
 * `src/resolve/transfers.ts` reads histories the same way).
 */
export function movesOn(from: string, to: string): boolean {
  if (to === 'cancelled' || to === 'denied') return true;
  if (from === 'cancelled' || from === 'denied') return true;
  return (STATUS_ORDER[to as TransferStatus] ?? -1) > (STATUS_ORDER[from as TransferStatus] ?? -1);
}

/** The step of `record` this document moved it with, when its status changed as the rule asks. */
function statusChange(rule: Rule, record: TransferRecord, documentId: string): { from: string; to: string; date: string | null } | null {
  const change = rule.status_change!;
  for (let i = 1; i < record.history.length; i++) {
    const step = record.history[i];
    if (step.documentId !== documentId || !(change.to as string[]).includes(step.status)) continue;
    const before = record.history.slice(0, i).reverse().find((s) => s.status !== step.status);
    if (before && movesOn(before.status, step.status) && (!change.from || (change.from as string[]).includes(before.status))) return { from: before.status, to: step.status, date: step.date };
  }
  return null;
}

export interface EvaluationContext {
  store: Store;
  /** Documents brought in by the watcher and not yet evaluated (they are not earlier knowledge). */
  pending: Set<string>;
  now: () => Date;
}

function alertId(rule: string, subject: string): string {
  return createHash('sha256').update(`${rule}|${subject}`).digest('hex').slice(0, 16);
}

/**
 * A supplier is new for a recipient when no record of the pair has a source other than this document and
 * the documents still waiting to be evaluated, and the reference data has no deal of the pair.
 */
async function isNewSupplier(ctx: EvaluationContext, e: StoredEvent, pairRecords: TransferRecord[]): Promise<boolean> {
  const others = [...new Set(pairRecords.flatMap((r) => r.sources.map((s) => s.documentId)))].filter((id) => id !== e.documentId);
  const known = others.filter((id) => !ctx.pending.has(id));
  if (known.length) return false;
  return (await ctx.store.countReferenceRecords({ supplier: e.supplier!, recipient: e.recipient! })) === 0;
}

/**
 * The alerts one stored document raises under the rules, as they are stored (body: the alert's JSON).
 * @example await evaluateDocument(ctx, rules, doc) // [{ id: '3f…', rule: 'armenia-new-supplier', subject: 'event:…', … }]
 */
export async function evaluateDocument(ctx: EvaluationContext, rules: Rule[], doc: DocumentSummary): Promise<StoredAlert[]> {
  if (doc.duplicateOf) return [];
  const events = (await ctx.store.listEvents({ documentId: doc.id, kind: 'transfer' })).filter((e) => !e.hypothetical);
  const out: StoredAlert[] = [];
  const pairs = new Map<string, TransferRecord[]>();
  for (const e of events) {
    let pairRecords: TransferRecord[] = [];
    if (e.supplier && e.recipient) {
      const key = `${e.supplier}|${e.recipient}`;
      if (!pairs.has(key)) pairs.set(key, await ctx.store.listTransferRecords({ supplier: e.supplier, recipient: e.recipient }));
      pairRecords = pairs.get(key)!;
    }
    const record = pairRecords.find((r) => r.mentionIds.includes(e.id)) ?? null;
    for (const rule of rules) {
      if (!eventMatches(rule, e, doc, record)) continue;
      if (rule.new_supplier && !(e.supplier && e.recipient && await isNewSupplier(ctx, e, pairRecords))) continue;
      let change: Alert['change'] = null;
      if (rule.status_change) {
        change = record && statusChange(rule, record, doc.id);
        if (!change) continue;
      }
      // Mentions of one transfer in one document (a sentence and a later reference back) are one event.
      const subject = change ? `record:${record!.id}:${change.from}>${change.to}`
        : `document:${doc.id}:${e.supplier}>${e.recipient}:${e.systemId ?? e.system ?? e.category}:${e.status}`;
      const raisedAt = ctx.now().toISOString();
      const alert: Alert = {
        id: alertId(rule.id, subject),
        rule: { id: rule.id, description: rule.description ?? null, source: rule.source },
        kind: change ? 'status-change' : 'event',
        event: {
          id: e.id, kind: e.kind, supplier: e.supplier ?? null, recipient: e.recipient ?? null, system: e.system ?? null, systemId: e.systemId ?? null,
          category: e.category ?? null, status: e.status, hedged: e.hedged, confidence: e.confidence, date: e.date ?? null,
        },
        record: record && { id: record.id, status: record.status, corroboration: record.corroboration, firstSeen: record.firstSeen, lastSeen: record.lastSeen },
        change,
        evidence: e.evidence.text,
        source: { documentId: doc.id, title: doc.title, url: doc.url, publisher: publisherOf(doc), published: doc.published, language: doc.language },
        raisedAt,
      };
      if (!out.some((a) => a.id === alert.id)) out.push({ id: alert.id, rule: rule.id, subject, createdAt: raisedAt, body: JSON.stringify(alert) });
    }
  }
  return out;
}
