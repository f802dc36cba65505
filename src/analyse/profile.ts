/**
 * A country's profile: what it imports and exports, from and to whom, by year; the systems involved; its
 * military cooperation; the latest reports about it; and what changed lately (suppliers first reported in
 * the window, records whose status moved). A pure function over the country's transfer records and its
 * cooperation events, so the API and any other shell give the same answer for the same store.
 */
import type { TransferRecord } from '../resolve/transfers.js';
import type { EventHit } from '../store/store.js';

/**
 * The order `localeCompare` gives, from one collator: a profile sorts every record and report of a country
 * (tens of thousands in a large store), and `localeCompare` per comparison cost most of its time.
 */
const collate = new Intl.Collator().compare;

export interface PartnerTrade {
  partner: string;
  records: number;
  /** Records by the year they were first reported (`undated` when never dated). */
  byYear: Record<string, number>;
  systems: string[];
}

export interface ProfileSystem {
  systemId: string | null;
  system: string | null;
  category: string | null;
  direction: 'import' | 'export';
  partner: string;
  status: string;
  recordId: string;
}

export interface ProfileCooperation {
  partner: string;
  types: string[];
  events: number;
  /** The latest publication date among the reports of it. */
  lastReported: string | null;
}

export interface ProfileReport {
  documentId: string;
  title: string | null;
  published: string | null;
  source: string;
  url: string | null;
}

export interface StatusChange {
  recordId: string;
  supplier: string;
  recipient: string;
  system: string | null;
  category: string | null;
  from: string;
  to: string;
  date: string;
  publisher: string;
}

export interface CountryProfile {
  code: string;
  name: string;
  imports: PartnerTrade[];
  exports: PartnerTrade[];
  systems: ProfileSystem[];
  cooperation: ProfileCooperation[];
  latestReports: ProfileReport[];
  changes: {
    /** The window: after `since`, up to and including `until` (YYYY-MM-DD). */
    since: string;
    until: string;
    newSuppliers: { supplier: string; firstSeen: string; recordIds: string[] }[];
    statusChanges: StatusChange[];
  };
}

function trade(records: TransferRecord[], partnerOf: (r: TransferRecord) => string): PartnerTrade[] {
  const by = new Map<string, PartnerTrade>();
  for (const r of records) {
    const partner = partnerOf(r);
    const t = by.get(partner) ?? { partner, records: 0, byYear: {}, systems: [] };
    t.records++;
    const year = r.firstSeen?.slice(0, 4) ?? 'undated';
    t.byYear[year] = (t.byYear[year] ?? 0) + 1;
    const goods = r.system ?? r.category;
    if (goods && !t.systems.includes(goods)) t.systems.push(goods);
    by.set(partner, t);
  }
  return [...by.values()].sort((a, b) => b.records - a.records || collate(a.partner, b.partner));
}

/** `until` minus `days` days, as YYYY-MM-DD. */
function daysBefore(until: string, days: number): string {
  return new Date(Date.parse(`${until}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * @param records every transfer record in which the country supplies or receives
 * @param cooperation the country's cooperation events
 * @param asOf the day the "last 30 days" end (YYYY-MM-DD)
 * @example countryProfile({ code: 'RS', name: 'Serbia', records, cooperation, asOf: '2022-04-30' }).changes.newSuppliers
 *   // [{ supplier: 'CN', firstSeen: '2022-04-11', ... }] when China was first reported supplying in April 2022
 */
export function countryProfile(input: { code: string; name: string; records: TransferRecord[]; cooperation: EventHit[]; asOf: string; days?: number; latest?: number }): CountryProfile {
  const { code, records, cooperation, asOf, days = 30, latest = 10 } = input;
  const imports = records.filter((r) => r.recipient === code);
  const exports = records.filter((r) => r.supplier === code);
  const systems: ProfileSystem[] = records.filter((r) => r.system || r.systemId).map((r) => ({
    systemId: r.systemId, system: r.system, category: r.category, direction: r.recipient === code ? 'import' as const : 'export' as const,
    partner: r.recipient === code ? r.supplier : r.recipient, status: r.status, recordId: r.id,
  })).sort((a, b) => collate(a.systemId ?? '', b.systemId ?? '') || collate(a.partner, b.partner));

  const partners = new Map<string, ProfileCooperation>();
  for (const e of cooperation) {
    for (const partner of (e.parties ?? []).filter((p) => p !== code)) {
      const c = partners.get(partner) ?? { partner, types: [], events: 0, lastReported: null };
      c.events++;
      if (e.type && !c.types.includes(e.type)) c.types.push(e.type);
      const published = e.document.published;
      if (published && (!c.lastReported || published > c.lastReported)) c.lastReported = published;
      partners.set(partner, c);
    }
  }

  const reports = new Map<string, ProfileReport>();
  for (const r of records) for (const s of r.sources) reports.set(s.documentId, { documentId: s.documentId, title: s.title, published: s.published, source: s.source, url: s.url });
  for (const e of cooperation) reports.set(e.documentId, { documentId: e.documentId, title: e.document.title, published: e.document.published, source: e.document.source, url: e.document.url });

  const since = daysBefore(asOf, days);
  const within = (date: string | null) => !!date && date.length === 10 && date > since && date <= asOf;
  // A new supplier: its first record to this country was first reported inside the window.
  const firstBySupplier = new Map<string, { firstSeen: string | null; recordIds: string[] }>();
  for (const r of imports) {
    const f = firstBySupplier.get(r.supplier) ?? { firstSeen: null, recordIds: [] };
    if (r.firstSeen && (!f.firstSeen || r.firstSeen < f.firstSeen)) f.firstSeen = r.firstSeen;
    f.recordIds.push(r.id);
    firstBySupplier.set(r.supplier, f);
  }
  const newSuppliers = [...firstBySupplier].filter(([, f]) => within(f.firstSeen))
    .map(([supplier, f]) => ({ supplier, firstSeen: f.firstSeen!, recordIds: f.recordIds.sort() }))
    .sort((a, b) => collate(a.firstSeen, b.firstSeen) || collate(a.supplier, b.supplier));
  // A status change: a step inside the window that states another status than the step before it.
  const statusChanges: StatusChange[] = [];
  for (const r of records) {
    r.history.forEach((h, i) => {
      const before = r.history[i - 1];
      if (before && within(h.date) && before.status !== h.status) {
        statusChanges.push({ recordId: r.id, supplier: r.supplier, recipient: r.recipient, system: r.system, category: r.category, from: before.status, to: h.status, date: h.date!, publisher: h.publisher });
      }
    });
  }
  statusChanges.sort((a, b) => collate(a.date, b.date) || collate(a.recordId, b.recordId));

  return {
    code, name: input.name,
    imports: trade(imports, (r) => r.supplier),
    exports: trade(exports, (r) => r.recipient),
    systems,
    cooperation: [...partners.values()].sort((a, b) => b.events - a.events || collate(a.partner, b.partner)),
    latestReports: [...reports.values()]
      .sort((a, b) => collate(b.published ?? '', a.published ?? '') || collate(a.documentId, b.documentId)).slice(0, latest),
    changes: { since, until: asOf, newSuppliers, statusChanges },
  };
}
