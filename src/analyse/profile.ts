/**
 * A country's profile: what it imports and exports, from and to whom, by year; the systems involved; its
 * military cooperation; the latest reports about it; and what changed lately (suppliers first reported in
 * the window, records whose status moved). Built from the sums the store keeps per pair and per system
 * (so its cost does not grow with the number of records), the records reported inside the window, and the
 * newest documents: `loadCountryProfile` reads them, `countryProfile` is the pure part, so the API and any
 * other shell give the same answer for the same store.
 */
import type { TransferRecord } from '../resolve/transfers.js';
import type { DocumentSummary, EventHit, PairDetail, PairGoods, Store } from '../store/store.js';

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
  /** The systems (else categories) of the partner's records, most records first: the first ten. */
  systems: string[];
  /** How many distinct systems and categories in all. */
  systemCount: number;
}

export interface ProfileSystem {
  systemId: string | null;
  system: string | null;
  category: string | null;
  direction: 'import' | 'export';
  partner: string;
  /** The status of the most corroborated of these records, and its id. */
  status: string;
  recordId: string;
  /** Records of this system between the country and the partner. */
  records: number;
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
  /** A page of the systems traded, most records first (`systems_limit`, `systems_offset`). */
  systems: ProfileSystem[];
  /** How many system–partner rows there are in all. */
  systemsTotal: number;
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

function trade(pairs: PairDetail[], partnerOf: (p: PairDetail) => string): PartnerTrade[] {
  return pairs.map((p) => ({ partner: partnerOf(p), records: p.records, byYear: p.byYear, systems: p.goods, systemCount: p.goodsCount }))
    .sort((a, b) => b.records - a.records || collate(a.partner, b.partner));
}

/** `until` minus `days` days, as YYYY-MM-DD. */
function daysBefore(until: string, days: number): string {
  return new Date(Date.parse(`${until}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** What a profile is made of, as `loadCountryProfile` reads it from a store. */
export interface ProfileParts {
  code: string;
  name: string;
  /** The pairs in which the country supplies or receives, with their sums. */
  pairs: PairDetail[];
  /** A page of the goods of those pairs that name a system. */
  systems: PairGoods[];
  /** Every record of the country last reported after the window's start (`changes.since`). */
  recent: TransferRecord[];
  /** The ids of every record of each supplier first reported inside the window. */
  newSupplierRecords: Map<string, string[]>;
  /** The country's cooperation events. */
  cooperation: EventHit[];
  /** The newest documents reporting a transfer of the country. */
  reports: DocumentSummary[];
  /** The day the window ends (YYYY-MM-DD). */
  asOf: string;
  days?: number;
  latest?: number;
}

/** The window of a profile's "what changed": `days` days up to and including `asOf`. */
export function changeWindow(asOf: string, days = 30): { since: string; until: string } {
  return { since: daysBefore(asOf, days), until: asOf };
}

/**
 * Reads what a profile needs from the store and builds it.
 * @example await loadCountryProfile(store, { code: 'RS', name: 'Serbia', asOf: '2024-05-31' })
 */
export async function loadCountryProfile(store: Store, input: { code: string; name: string; asOf: string; days?: number; latest?: number; systemsLimit?: number; systemsOffset?: number }): Promise<CountryProfile> {
  const { code, asOf, days = 30, latest = 10 } = input;
  const { since } = changeWindow(asOf, days);
  const [pairs, systems, recent, cooperation] = await Promise.all([
    store.pairDetails({ country: code }),
    store.countryGoods(code, { systemsOnly: true, limit: input.systemsLimit ?? 100, offset: input.systemsOffset ?? 0 }),
    store.listTransferRecords({ country: code, seenAfter: since }),
    store.findEvents({ kind: 'cooperation', country: code }),
  ]);
  const expected = pairs.reduce((n, p) => n + p.records, 0);
  const reports = expected ? await store.latestReports(code, { limit: latest, expected }) : [];
  const newSupplierRecords = new Map<string, string[]>();
  for (const s of newSuppliersOf(code, pairs, since, asOf)) {
    newSupplierRecords.set(s.supplier, (await store.listTransferRecords({ supplier: s.supplier, recipient: code })).map((r) => r.id));
  }
  return countryProfile({ code, name: input.name, pairs, systems, recent, newSupplierRecords, cooperation, reports, asOf, days, latest });
}

const within = (date: string | null, since: string, until: string) => !!date && date.length === 10 && date > since && date <= until;

/** Suppliers whose first record to the country was first reported inside the window. */
function newSuppliersOf(code: string, pairs: PairDetail[], since: string, until: string) {
  return pairs.filter((p) => p.recipient === code && within(p.firstSeen, since, until))
    .map((p) => ({ supplier: p.supplier, firstSeen: p.firstSeen! }))
    .sort((a, b) => collate(a.firstSeen, b.firstSeen) || collate(a.supplier, b.supplier));
}

/**
 * @example countryProfile({ code: 'RS', name: 'Serbia', pairs, ..., asOf: '2022-04-30' }).changes.newSuppliers
 *   // [{ supplier: 'CN', firstSeen: '2022-04-11', ... }] when China was first reported supplying in April 2022
 */
export function countryProfile(input: ProfileParts): CountryProfile {
  const { code, pairs, recent, cooperation, asOf, days = 30, latest = 10 } = input;
  const systems: ProfileSystem[] = input.systems.map((g) => ({
    systemId: g.systemId, system: g.system, category: g.category, direction: g.recipient === code ? 'import' as const : 'export' as const,
    partner: g.recipient === code ? g.supplier : g.recipient, status: g.topStatus, recordId: g.topRecord, records: g.records,
  }));

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
  for (const d of input.reports) reports.set(d.id, { documentId: d.id, title: d.title, published: d.published, source: d.source, url: d.url });
  for (const e of cooperation) reports.set(e.documentId, { documentId: e.documentId, title: e.document.title, published: e.document.published, source: e.document.source, url: e.document.url });

  const { since } = changeWindow(asOf, days);
  const newSuppliers = newSuppliersOf(code, pairs, since, asOf)
    .map((s) => ({ ...s, recordIds: [...(input.newSupplierRecords.get(s.supplier) ?? [])].sort() }));
  // A status change: a step inside the window that states another status than the step before it.
  const statusChanges: StatusChange[] = [];
  for (const r of recent) {
    r.history.forEach((h, i) => {
      const before = r.history[i - 1];
      if (before && within(h.date, since, asOf) && before.status !== h.status) {
        statusChanges.push({ recordId: r.id, supplier: r.supplier, recipient: r.recipient, system: r.system, category: r.category, from: before.status, to: h.status, date: h.date!, publisher: h.publisher });
      }
    });
  }
  statusChanges.sort((a, b) => collate(a.date, b.date) || collate(a.recordId, b.recordId));

  return {
    code, name: input.name,
    imports: trade(pairs.filter((p) => p.recipient === code), (p) => p.supplier),
    exports: trade(pairs.filter((p) => p.supplier === code), (p) => p.recipient),
    systems,
    systemsTotal: pairs.reduce((n, p) => n + p.systemRows, 0),
    cooperation: [...partners.values()].sort((a, b) => b.events - a.events || collate(a.partner, b.partner)),
    latestReports: [...reports.values()]
      .sort((a, b) => collate(b.published ?? '', a.published ?? '') || collate(a.documentId, b.documentId)).slice(0, latest),
    changes: { since, until: asOf, newSuppliers, statusChanges },
  };
}
