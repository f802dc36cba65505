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
import { publisherOf, type TransferRecord } from '../resolve/transfers.js';
import { systemLinks } from '../resolve/goods.js';
import { classifyRecords } from '../reference/compare.js';
import { SIPRI_SOURCE } from '../reference/sipri-map.js';
import type { DocumentSummary, Store } from '../store/store.js';
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
  if (scope.rule) {
    // A record is the rule's when one of its mentions in the window matches the rule.
    const rule = scope.rule;
    const mentions = new Map((await store.findEvents({ kind: 'transfer', from: since, to: until })).map((e) => [e.id, e]));
    records = records.filter((r) => r.mentionIds.some((id) => {
      const e = mentions.get(id);
      return e && eventMatches(rule, e, e.document, r);
    }));
  }
  const documents = new Map<string, DocumentSummary>();
  for (const r of records) for (const s of r.sources) documents.set(s.documentId, { id: s.documentId, source: s.source, url: s.url, title: s.title, published: s.published } as DocumentSummary);
  const citations = new Citations();
  const ctx: Writer = {
    kb, nameOf, citations, since, until,
    cite: (r, only) => [...new Set(r.history.filter((h) => (only ? only(h) : true)).map((h) => citations.document(documents.get(h.documentId)!, h.evidence)))],
  };
  const ranked = [...records].sort((a, b) => b.corroboration - a.corroboration || (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '') || a.id.localeCompare(b.id));
  // The sections in this order: citations are numbered as they are first used.
  const summary = summaryOf(ctx, ranked, subject);
  const partners = partnersOf(ctx, ranked, subject);
  const changes = changesOf(ctx, records);
  const actors = new Map<string, Actor>();
  for (const r of ranked) for (const h of r.history) noteActors(ctx, actors, documents.get(h.documentId)!, h.evidence);
  const cooperation = subject && !scope.rule && !systemId ? await cooperationOf(ctx, store, subject, actors) : [];
  const reference = await referenceOf(ctx, store, ranked);
  const openQuestions = openQuestionsOf(ctx, ranked);
  return {
    title, scope: { country: scope.country, supplier: scope.supplier, system: systemId, ruleId: scope.rule?.id }, since, until,
    summary, partners, changes,
    actors: [...actors.values()].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name)),
    cooperation, reference, openQuestions, citations: citations.list, byYear: byYearOf(records),
    records: records.length, documents: documents.size, publishers: new Set(records.flatMap((r) => r.sources.map((s) => s.publisher))).size,
  };
}

/** What every section of a brief writes with: names, the citations, the window. */
interface Writer {
  kb: KnowledgeBase;
  nameOf: (code: string) => string;
  citations: Citations;
  since: string;
  until: string;
  /** The citations of a record: each source's sentence for it (only the steps `only` keeps). */
  cite: (r: TransferRecord, only?: (h: TransferRecord['history'][number]) => boolean) => number[];
}

/** A record an analyst reviewed says so: which fields were set, by whom and when. */
const reviewedNote = (r: TransferRecord) => (r.review
  ? ` [reviewed${r.review.fields.length ? `: ${r.review.fields.join(', ')} set` : ', confirmed'} by ${r.review.latest.author} on ${r.review.latest.decidedAt.slice(0, 10)}]` : '');
const describe = (w: Writer, r: TransferRecord) => `${w.nameOf(r.supplier)} → ${w.nameOf(r.recipient)}: ${goodsOf(r)}, ${r.status}${r.hedged ? ' (reported only with hedging)' : ''}${reviewedNote(r)}`;
const pair = (w: Writer, r: TransferRecord) => `${w.nameOf(r.supplier)} → ${w.nameOf(r.recipient)} ${goodsOf(r)}`;

/**
 * Who trades with whom, then the best-corroborated records. The counts are the brief's scope line, not
 * claims: they describe the brief, not the world.
 */
function summaryOf(w: Writer, ranked: TransferRecord[], subject: string | undefined): Claim[] {
  const summary: Claim[] = [];
  if (subject && ranked.length) {
    const names = (list: TransferRecord[], side: 'supplier' | 'recipient') => [...new Set(list.map((r) => w.nameOf(r[side])))].sort().join(', ');
    const latest = (list: TransferRecord[]) => [...new Set(list.map((r) => w.cite(r, (h) => h === r.history[r.history.length - 1])[0]))];
    const asRecipient = ranked.filter((r) => r.recipient === subject);
    const asSupplier = ranked.filter((r) => r.supplier === subject);
    if (asRecipient.length) summary.push({ text: `${w.nameOf(subject)} is reported receiving arms from ${names(asRecipient, 'supplier')}.`, cites: latest(asRecipient) });
    if (asSupplier.length) summary.push({ text: `${w.nameOf(subject)} is reported supplying ${names(asSupplier, 'recipient')}.`, cites: latest(asSupplier) });
  }
  for (const r of ranked.slice(0, 3)) summary.push({ text: `${describe(w, r)}; ${r.corroboration} publisher(s).`, cites: w.cite(r) });
  return summary;
}

function partnersOf(w: Writer, ranked: TransferRecord[], subject: string | undefined): PartnerRow[] {
  return ranked.map((r) => {
    const role = subject && r.supplier !== subject ? 'receives' as const : 'supplies' as const;
    const partner = role === 'supplies' ? r.recipient : r.supplier;
    return {
      partner, partnerName: w.nameOf(partner), role, goods: goodsOf(r), category: r.category, status: r.status, hedged: r.hedged,
      publishers: r.corroboration, firstSeen: r.firstSeen, lastSeen: r.lastSeen, cites: w.cite(r),
    };
  });
}

/** Records first reported in the window, and status moves dated in it, in date order. */
function changesOf(w: Writer, records: TransferRecord[]): Claim[] {
  const dated: (Claim & { date: string; order: number })[] = [];
  for (const r of [...records].sort((a, b) => (a.firstSeen ?? '').localeCompare(b.firstSeen ?? '') || a.id.localeCompare(b.id))) {
    if (inWindow(r.firstSeen, w.since, w.until)) {
      dated.push({ date: r.firstSeen!, order: dated.length, text: `${r.firstSeen}: first report of ${pair(w, r)} (${r.history[0].status}).`, cites: w.cite(r, (h) => h === r.history[0]) });
    }
    r.history.forEach((h, i) => {
      const before = r.history.slice(0, i).reverse().find((s) => s.status !== h.status);
      if (i > 0 && before && r.history[i - 1].status !== h.status && movesOn(before.status, h.status) && inWindow(h.date, w.since, w.until)) {
        dated.push({ date: h.date!, order: dated.length, text: `${h.date}: ${pair(w, r)} moved from ${before.status} to ${h.status} (${h.publisher}).`, cites: w.cite(r, (s) => s === before || s === h) });
      }
    });
  }
  return dated.sort((a, b) => a.date.localeCompare(b.date) || a.order - b.order).map(({ text, cites }) => ({ text, cites }));
}

/** Counts the people and organisations of the catalog that a cited sentence names. */
function noteActors(w: Writer, actors: Map<string, Actor>, doc: Pick<DocumentSummary, 'id' | 'source' | 'url' | 'title' | 'published'>, sentence: string) {
  for (const m of w.kb.recognise(sentence)) {
    if (m.type !== 'person' && m.type !== 'organisation') continue;
    const entity = w.kb.catalog.entities.get(m.entity);
    if (!entity) continue;
    const a = actors.get(m.entity) ?? { id: m.entity, name: entity.name, type: m.type, mentions: 0, cites: [] };
    a.mentions++;
    const n = w.citations.document(doc, sentence);
    if (!a.cites.includes(n)) a.cites.push(n);
    actors.set(m.entity, a);
  }
}

/** The subject's military cooperation reported in the window, one claim per document, parties and kind. */
async function cooperationOf(w: Writer, store: Store, subject: string, actors: Map<string, Actor>): Promise<Claim[]> {
  const events = await store.findEvents({ kind: 'cooperation', country: subject, from: w.since, to: w.until });
  const claims: Claim[] = [];
  const seen = new Set<string>();
  for (const e of [...events].sort((a, b) => (a.document.published ?? '').localeCompare(b.document.published ?? '') || a.id.localeCompare(b.id))) {
    const key = `${e.documentId}|${(e.parties ?? []).join(',')}|${e.type}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const doc = { id: e.documentId, source: e.document.source, url: e.document.url, title: e.document.title, published: e.document.published };
    const parties = (e.parties ?? []).map(w.nameOf).join(', ');
    claims.push({ text: `${e.document.published ?? 'undated'}: ${parties}: ${e.type ?? 'cooperation'}${e.hedged ? ' (hedged)' : ''}${e.location ? ` at ${e.location}` : ''}.`, cites: [w.citations.document(doc, e.evidence.text)] });
    noteActors(w, actors, doc, e.evidence.text);
  }
  return claims;
}

/** Each record against the imported register, citing the register's line where it has the deal. */
async function referenceOf(w: Writer, store: Store, ranked: TransferRecord[]): Promise<Brief['reference']> {
  const imported = await store.getReferenceImport(SIPRI_SOURCE);
  if (!imported) return { available: false, claims: [], counts: null };
  const claims: Claim[] = [];
  const counts: Record<string, number> = { matched: 0, 'status-differs': 0, 'reported-not-in-reference': 0 };
  for (const c of await classifyRecords(store, systemLinks(w.kb.catalog), ranked)) {
    counts[c.class]++;
    const cites = w.cite(c.record);
    if (c.reference) {
      const ref = c.reference;
      cites.push(w.citations.reference(imported.source, imported.file, imported.generated, ref.line, `${ref.supplierName} → ${ref.recipientName}: ${ref.designation}, ordered ${ref.orderYear.value ?? '?'}, ${ref.status}`));
    }
    const verdict = c.class === 'matched' ? 'the register has this deal' : c.class === 'status-differs' ? 'the register shows another stage' : 'not in the register';
    claims.push({ text: `${describe(w, c.record)}: ${verdict} (${c.reason}).`, cites });
  }
  return { available: true, claims, counts };
}

/** What rests on conflicting sources, on hedged reports only, or on a single publisher. */
function openQuestionsOf(w: Writer, ranked: TransferRecord[]): Claim[] {
  return [
    ...ranked.filter((r) => r.conflicts.length).map((r) => ({ text: `Conflicting reports on ${pair(w, r)}: ${r.conflicts.join('; ')}.`, cites: w.cite(r) })),
    ...ranked.filter((r) => r.hedged).map((r) => ({ text: `Unconfirmed: ${pair(w, r)} is reported only with hedging.`, cites: w.cite(r) })),
    ...ranked.filter((r) => !r.hedged && !r.conflicts.length && r.corroboration === 1)
      .map((r) => ({ text: `Single source: ${pair(w, r)} (${r.status}) rests on ${r.sources[0].publisher} alone.`, cites: w.cite(r) })),
  ];
}

/** Records by the year they were first reported, counted by status (the chart). */
function byYearOf(records: TransferRecord[]): Brief['byYear'] {
  const years = new Map<string, Record<string, number>>();
  for (const r of records) {
    const year = r.firstSeen?.slice(0, 4) ?? 'undated';
    const by = years.get(year) ?? {};
    by[r.status] = (by[r.status] ?? 0) + 1;
    years.set(year, by);
  }
  return [...years].sort((a, b) => a[0].localeCompare(b[0])).map(([year, byStatus]) => ({ year, byStatus }));
}
