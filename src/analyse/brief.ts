/**
 * An analyst's brief on a country, a supplier, a system or a saved watch rule, since a date: a summary,
 * the partners and systems, what changed in the window, the people and organisations the reporting names,
 * military cooperation, the comparison with the reference register, and the open questions (reports that
 * only hedge, sources that contradict each other, a deal resting on one publisher).
 *
 * Every claim is a sentence built from the store's records and events, and carries numbered citations
 * that resolve to a stored document (outlet, date, link, and the sentence quoted word for word) or to a
 * line of the imported reference register. Nothing goes into a brief that the store does not back:
 * claims are made only from records and events, numbers only from counting them. Citations are numbered
 * in order of first use, so the same store and the same question give the same brief.
 */
import type { Catalog } from '../kb/catalog.js';
import type { KnowledgeBase } from '../kb/recognise.js';
import type { StoredEvent } from '../extract/types.js';
import { publisherOf, type TransferRecord } from '../resolve/transfers.js';
import { systemLinks } from '../resolve/goods.js';
import { classifyRecords } from '../reference/compare.js';
import { SIPRI_SOURCE } from '../reference/sipri-map.js';
import type { DocumentSummary, EventHit, Store } from '../store/store.js';
import { ValidationError } from '../errors.js';
import { eventMatches, movesOn } from '../watch/evaluate.js';
import type { Rule } from '../watch/rules.js';

export type Citation =
  | { n: number; kind: 'document'; documentId: string; outlet: string; title: string | null; published: string | null; url: string | null; quote: string }
  | { n: number; kind: 'reference'; source: string; file: string; generated: string | null; line: number; quote: string };

/** A statement of the brief and the citations that back it. */
export interface Claim {
  text: string;
  cites: number[];
}

export interface PartnerRow {
  partner: string;
  partnerName: string;
  /** What the subject of the brief does in the record: `supplies` or `receives`. */
  role: 'supplies' | 'receives';
  goods: string;
  category: string | null;
  status: string;
  hedged: boolean;
  publishers: number;
  firstSeen: string | null;
  lastSeen: string | null;
  cites: number[];
}

export interface Actor {
  id: string;
  name: string;
  type: 'person' | 'organisation';
  mentions: number;
  cites: number[];
}

export interface BriefScope {
  country?: string;
  supplier?: string;
  system?: string;
  rule?: Rule;
}

export interface Brief {
  title: string;
  scope: BriefScope & { rule?: never; ruleId?: string };
  since: string;
  until: string;
  summary: Claim[];
  partners: PartnerRow[];
  changes: Claim[];
  actors: Actor[];
  cooperation: Claim[];
  reference: { available: boolean; claims: Claim[]; counts: Record<string, number> | null };
  openQuestions: Claim[];
  citations: Citation[];
  /** Records by year first reported and status (for the chart). */
  byYear: { year: string; byStatus: Record<string, number> }[];
  records: number;
  documents: number;
  publishers: number;
}

/** Citations numbered in order of first use; the same source and quote is one citation. */
class Citations {
  readonly list: Citation[] = [];
  private readonly index = new Map<string, number>();
  document(doc: Pick<DocumentSummary, 'id' | 'source' | 'url' | 'title' | 'published'>, quote: string): number {
    return this.add(`d|${doc.id}|${quote}`, (n) => ({ n, kind: 'document', documentId: doc.id, outlet: publisherOf(doc), title: doc.title, published: doc.published, url: doc.url, quote }));
  }
  reference(source: string, file: string, generated: string | null, line: number, quote: string): number {
    return this.add(`r|${source}|${line}`, (n) => ({ n, kind: 'reference', source, file, generated, line, quote }));
  }
  private add(key: string, make: (n: number) => Citation): number {
    let n = this.index.get(key);
    if (n === undefined) {
      n = this.list.length + 1;
      this.index.set(key, n);
      this.list.push(make(n));
    }
    return n;
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseDay(value: string, flag: string): string {
  if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new ValidationError(`${flag} must be a date YYYY-MM-DD, got "${value}"`, { [flag]: value });
  return value;
}

function goodsOf(r: Pick<TransferRecord, 'system' | 'category'>): string {
  return r.system ?? (r.category ? `${r.category} (type unnamed)` : 'unnamed goods');
}

const inWindow = (date: string | null, since: string, until: string) => !!date && date >= since.slice(0, date.length) && date.slice(0, 10) <= until;

export interface BriefInput {
  store: Store;
  kb: KnowledgeBase;
  scope: BriefScope;
  since: string;
  /** The last day of the window (default: today). */
  until: string;
}

/**
 * @example const brief = await buildBrief({ store, kb, scope: { country: 'RS' }, since: '2023-01-01', until: '2026-12-06' });
 *   brief.summary[0].text // 'Serbia is reported receiving arms from China, Russia.'
 */
export async function buildBrief(input: BriefInput): Promise<Brief> {
  const { store, kb, scope, since, until } = input;
  const catalog: Catalog = kb.catalog;
  const nameOf = (code: string) => catalog.entities.get(`country:${code}`)?.name ?? code;
  const systemId = scope.system && (scope.system.startsWith('system:') ? scope.system : `system:${scope.system.toLowerCase()}`);
  if (systemId && !catalog.entities.has(systemId)) throw new ValidationError(`no system ${scope.system} in the catalog (try armscope kb search ${scope.system})`, { system: scope.system });
  for (const code of [scope.country, scope.supplier]) {
    if (code && !catalog.entities.has(`country:${code}`)) throw new ValidationError(`no country ${code} in the catalog`, { country: code });
  }
  const subject = scope.country ?? scope.supplier;
  const title = scope.rule ? `Watch rule ${scope.rule.id}${scope.rule.description ? `: ${scope.rule.description}` : ''}`
    : systemId ? `${catalog.entities.get(systemId)!.name}` : scope.supplier ? `${nameOf(scope.supplier)} as supplier` : `${nameOf(scope.country!)}`;

  // The records of the scope reported in the window: a record counts when one of its steps is dated in it.
  let records = await store.listTransferRecords({ country: scope.country, supplier: scope.supplier, system: systemId });
  records = records.filter((r) => r.history.some((h) => inWindow(h.date, since, until)));
  let mentions: Map<string, StoredEvent> | undefined;
  if (scope.rule) {
    const events = await store.findEvents({ kind: 'transfer', from: since, to: until });
    mentions = new Map(events.map((e) => [e.id, e]));
    const rule = scope.rule;
    records = records.filter((r) => r.mentionIds.some((id) => {
      const e = mentions!.get(id) as EventHit | undefined;
      return e && eventMatches({ ...rule, min_corroboration: undefined }, e, e.document, r) && (rule.min_corroboration === undefined || r.corroboration >= rule.min_corroboration);
    }));
  }
  const documents = new Map<string, DocumentSummary>();
  for (const r of records) for (const s of r.sources) documents.set(s.documentId, { id: s.documentId, source: s.source, url: s.url, title: s.title, published: s.published } as DocumentSummary);
  const citations = new Citations();
  /** The citations of a record: each source's sentence for it, in publication order. */
  const cite = (r: TransferRecord, only?: (h: TransferRecord['history'][number]) => boolean) => {
    const steps = r.history.filter((h) => (only ? only(h) : true));
    return [...new Set(steps.map((h) => citations.document(documents.get(h.documentId)!, h.evidence)))];
  };

  const roleOf = (r: TransferRecord): 'supplies' | 'receives' => (subject ? (r.supplier === subject ? 'supplies' : 'receives') : 'supplies');
  const describe = (r: TransferRecord) => `${nameOf(r.supplier)} → ${nameOf(r.recipient)}: ${goodsOf(r)}, ${r.status}${r.hedged ? ' (reported only with hedging)' : ''}`;
  const ranked = [...records].sort((a, b) => b.corroboration - a.corroboration || (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '') || a.id.localeCompare(b.id));
  const publishers = new Set(records.flatMap((r) => r.sources.map((s) => s.publisher)));

  // Summary: who trades with whom, then the best-corroborated records. (The counts are the brief's scope
  // line, not claims: they describe the brief, not the world.)
  const summary: Claim[] = [];
  if (subject && records.length) {
    const asRecipient = ranked.filter((r) => r.recipient === subject);
    const asSupplier = ranked.filter((r) => r.supplier === subject);
    const names = (list: TransferRecord[], side: 'supplier' | 'recipient') => [...new Set(list.map((r) => nameOf(r[side])))].sort().join(', ');
    const latest = (list: TransferRecord[]) => [...new Set(list.map((r) => cite(r, (h) => h === r.history[r.history.length - 1])[0]))];
    if (asRecipient.length) summary.push({ text: `${nameOf(subject)} is reported receiving arms from ${names(asRecipient, 'supplier')}.`, cites: latest(asRecipient) });
    if (asSupplier.length) summary.push({ text: `${nameOf(subject)} is reported supplying ${names(asSupplier, 'recipient')}.`, cites: latest(asSupplier) });
  }
  for (const r of ranked.slice(0, 3)) summary.push({ text: `${describe(r)}; ${r.corroboration} publisher(s).`, cites: cite(r) });

  const partners: PartnerRow[] = ranked.map((r) => ({
    partner: roleOf(r) === 'supplies' ? r.recipient : r.supplier, partnerName: nameOf(roleOf(r) === 'supplies' ? r.recipient : r.supplier), role: roleOf(r),
    goods: goodsOf(r), category: r.category, status: r.status, hedged: r.hedged, publishers: r.corroboration, firstSeen: r.firstSeen, lastSeen: r.lastSeen, cites: cite(r),
  }));

  // What changed: records first reported in the window, and status moves dated in it.
  const dated: (Claim & { date: string; order: number })[] = [];
  for (const r of [...records].sort((a, b) => (a.firstSeen ?? '').localeCompare(b.firstSeen ?? '') || a.id.localeCompare(b.id))) {
    if (inWindow(r.firstSeen, since, until)) {
      dated.push({ date: r.firstSeen!, order: dated.length, text: `${r.firstSeen}: first report of ${nameOf(r.supplier)} → ${nameOf(r.recipient)} ${goodsOf(r)} (${r.history[0].status}).`, cites: cite(r, (h) => h === r.history[0]) });
    }
    r.history.forEach((h, i) => {
      const before = r.history.slice(0, i).reverse().find((s) => s.status !== h.status);
      if (i > 0 && before && r.history[i - 1].status !== h.status && movesOn(before.status, h.status) && inWindow(h.date, since, until)) {
        dated.push({ date: h.date!, order: dated.length, text: `${h.date}: ${nameOf(r.supplier)} → ${nameOf(r.recipient)} ${goodsOf(r)} moved from ${before.status} to ${h.status} (${h.publisher}).`, cites: cite(r, (s) => s === before || s === h) });
      }
    });
  }

  const changes: Claim[] = dated.sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order).map(({ text, cites }) => ({ text, cites }));

  // People and organisations the evidence sentences name.
  const actors = new Map<string, Actor>();
  for (const r of ranked) {
    for (const h of r.history) {
      for (const m of kb.recognise(h.evidence)) {
        if (m.type !== 'person' && m.type !== 'organisation') continue;
        const entity = catalog.entities.get(m.entity);
        if (!entity) continue;
        const a = actors.get(m.entity) ?? { id: m.entity, name: entity.name, type: m.type, mentions: 0, cites: [] };
        a.mentions++;
        const n = citations.document(documents.get(h.documentId)!, h.evidence);
        if (!a.cites.includes(n)) a.cites.push(n);
        actors.set(m.entity, a);
      }
    }
  }

  // Cooperation of the country (or the supplier) in the window.
  const cooperation: Claim[] = [];
  if (subject && !scope.rule && !systemId) {
    const events = await store.findEvents({ kind: 'cooperation', country: subject, from: since, to: until });
    const seen = new Set<string>();
    for (const e of [...events].sort((a, b) => (a.document.published ?? '').localeCompare(b.document.published ?? '') || a.id.localeCompare(b.id))) {
      const parties = (e.parties ?? []).map(nameOf).join(', ');
      const key = `${e.documentId}|${(e.parties ?? []).join(',')}|${e.type}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const doc = { id: e.documentId, source: e.document.source, url: e.document.url, title: e.document.title, published: e.document.published };
      cooperation.push({ text: `${e.document.published ?? 'undated'}: ${parties}: ${e.type ?? 'cooperation'}${e.hedged ? ' (hedged)' : ''}${e.location ? ` at ${e.location}` : ''}.`, cites: [citations.document(doc, e.evidence.text)] });
      for (const m of kb.recognise(e.evidence.text)) {
        if (m.type !== 'person' && m.type !== 'organisation') continue;
        const entity = catalog.entities.get(m.entity);
        if (!entity) continue;
        const a = actors.get(m.entity) ?? { id: m.entity, name: entity.name, type: m.type, mentions: 0, cites: [] };
        a.mentions++;
        const n = citations.document(doc, e.evidence.text);
        if (!a.cites.includes(n)) a.cites.push(n);
        actors.set(m.entity, a);
      }
    }
  }

  // The reference register.
  const imported = await store.getReferenceImport(SIPRI_SOURCE);
  const reference: Brief['reference'] = { available: !!imported, claims: [], counts: null };
  if (imported) {
    const compared = await classifyRecords(store, systemLinks(catalog), ranked);
    const counts: Record<string, number> = { matched: 0, 'status-differs': 0, 'reported-not-in-reference': 0 };
    for (const c of compared) {
      counts[c.class]++;
      const cites = cite(c.record);
      if (c.reference) cites.push(citations.reference(imported.source, imported.file, imported.generated, c.reference.line, `${c.reference.supplierName} → ${c.reference.recipientName}: ${c.reference.designation}, ordered ${c.reference.orderYear.value ?? '?'}, ${c.reference.status}`));
      const verdict = c.class === 'matched' ? 'the register has this deal' : c.class === 'status-differs' ? 'the register shows another stage' : 'not in the register';
      reference.claims.push({ text: `${describe(c.record)}: ${verdict} (${c.reason}).`, cites });
    }
    reference.counts = counts;
  }

  // Open questions: what rests on hedged reports, conflicting sources, or a single publisher.
  const openQuestions: Claim[] = [];
  for (const r of ranked) {
    if (r.conflicts.length) openQuestions.push({ text: `Conflicting reports on ${nameOf(r.supplier)} → ${nameOf(r.recipient)} ${goodsOf(r)}: ${r.conflicts.join('; ')}.`, cites: cite(r) });
  }
  for (const r of ranked) {
    if (r.hedged) openQuestions.push({ text: `Unconfirmed: ${nameOf(r.supplier)} → ${nameOf(r.recipient)} ${goodsOf(r)} is reported only with hedging.`, cites: cite(r) });
  }
  for (const r of ranked) {
    if (!r.hedged && !r.conflicts.length && r.corroboration === 1) openQuestions.push({ text: `Single source: ${nameOf(r.supplier)} → ${nameOf(r.recipient)} ${goodsOf(r)} (${r.status}) rests on ${r.sources[0].publisher} alone.`, cites: cite(r) });
  }

  const years = new Map<string, Record<string, number>>();
  for (const r of records) {
    const year = r.firstSeen?.slice(0, 4) ?? 'undated';
    const by = years.get(year) ?? {};
    by[r.status] = (by[r.status] ?? 0) + 1;
    years.set(year, by);
  }

  return {
    title, scope: { country: scope.country, supplier: scope.supplier, system: systemId, ruleId: scope.rule?.id }, since, until,
    summary, partners, changes,
    actors: [...actors.values()].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name)),
    cooperation, reference, openQuestions, citations: citations.list,
    byYear: [...years].sort((a, b) => a[0].localeCompare(b[0])).map(([year, byStatus]) => ({ year, byStatus })),
    records: records.length, documents: documents.size, publishers: publishers.size,
  };
}
