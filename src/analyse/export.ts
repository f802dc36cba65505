/**
 * Export formats of events and records, shared by `armscope export`, `armscope transfers` and the HTTP API:
 * one row shape per table, one CSV writer. An exported event row is the evaluation format's fields first,
 * then armscope's own; a record row flattens a transfer record to one line (its history and sources stay
 * in the JSON form).
 */
import type { DocumentEvent } from '../extract/document.js';
import type { StoredEvent } from '../extract/types.js';
import type { TransferRecord } from '../resolve/transfers.js';
import { systemLinks } from '../resolve/goods.js';
import { ValidationError } from '../errors.js';
import type { EventHit, RecordFilter, Store } from '../store/store.js';

/** The export row: the evaluation format's fields first, then armscope's own. */
export interface ExportRow {
  /** The stored event's id, for rows that are single stored events (the API's event listing). */
  id?: string;
  document: string;
  document_id: string;
  kind: string;
  supplier?: string | null;
  recipient?: string | null;
  system?: string | null;
  category?: string | null;
  status: string | null;
  hedged: boolean;
  hypothetical: boolean;
  producer?: string | null;
  origin?: string | null;
  parties?: string[];
  type?: string | null;
  imposer?: string | null;
  target?: string | null;
  destination?: string | null;
  via?: string[];
  quantity?: number | null;
  value?: number | null;
  currency?: string | null;
  date?: string | null;
  location?: string | null;
  /** The catalog place of `location` (`place:alabuga-sez`): its coordinates are in the catalog. */
  location_id?: string | null;
  /** Catalog ids of the route's waypoints, in the order of `via`. */
  via_ids?: string[];
  system_id?: string | null;
  confidence: number;
  mentions: number;
  evidence: string;
  cues: string[];
  rule: string;
  published: string | null;
  language: string;
}

type RowDocument = { id: string; source: string; published: string | null; language: string };

/**
 * One event as an export row.
 * @example eventRow(doc, foldDocumentEvents(events, links)[0]).supplier // 'RU'
 */
export function eventRow(doc: RowDocument, e: DocumentEvent | (StoredEvent & { mentions?: number })): ExportRow {
  const base = {
    document: doc.source, document_id: doc.id, kind: e.kind, status: e.status, hedged: e.hedged, hypothetical: e.hypothetical,
    confidence: e.confidence, mentions: e.mentions ?? 1, evidence: e.evidence.text, cues: e.evidence.cues, rule: e.evidence.rule,
    date: e.date ?? null, published: doc.published, language: doc.language,
  };
  switch (e.kind) {
    case 'transfer': return { ...base, supplier: e.supplier, recipient: e.recipient, system: e.system, category: e.category, quantity: e.quantity, value: e.value, currency: e.currency, system_id: e.systemId };
    case 'production': return { ...base, producer: e.producer, origin: e.origin, system: e.system, category: e.category, location: e.location, location_id: e.locationId ?? null, system_id: e.systemId };
    case 'cooperation': return { ...base, parties: e.parties, type: e.type, location: e.location, location_id: e.locationId ?? null };
    case 'sanction': return { ...base, imposer: e.imposer, target: e.target };
    default: return { ...base, origin: e.origin, destination: e.destination, via: e.via, via_ids: e.viaIds ?? [], system: e.system, category: e.category };
  }
}

/** A stored event as the API lists it: its own id first, one mention. */
export function eventHitRow(e: EventHit): ExportRow {
  return { id: e.id, ...eventRow({ id: e.documentId, ...e.document }, e) };
}

/**
 * One row per event per document, mentions of one event folded. `minConfidence` (default 0: everything)
 * leaves out rows whose best mention is less likely to be right than that.
 */
export async function exportRows(store: Store, options: { kind?: string; includeHypothetical?: boolean; includeDuplicates?: boolean; minConfidence?: number } = {}): Promise<ExportRow[]> {
  const rows: ExportRow[] = [];
  const { defaultKnowledgeBase, foldDocumentEvents } = await import('../extract/index.js');
  const systems = systemLinks(defaultKnowledgeBase().catalog);
  for (const doc of await store.listDocuments({ includeDuplicates: options.includeDuplicates })) {
    const events = await store.listEvents({ documentId: doc.id, kind: options.kind });
    for (const e of foldDocumentEvents(events, systems, { includeHypothetical: options.includeHypothetical })) {
      if (e.confidence >= (options.minConfidence ?? 0)) rows.push(eventRow(doc, e));
    }
  }
  return rows;
}

export const EVENT_COLUMNS: (keyof ExportRow)[] = ['document', 'document_id', 'kind', 'supplier', 'recipient', 'system', 'category', 'status', 'hedged',
  'hypothetical', 'producer', 'origin', 'parties', 'type', 'imposer', 'target', 'destination', 'via', 'quantity', 'value', 'currency', 'date',
  'location', 'location_id', 'via_ids', 'confidence', 'mentions', 'rule', 'cues', 'evidence', 'published', 'language'];

/** A transfer record on one line. */
export interface RecordRow {
  id: string;
  supplier: string;
  recipient: string;
  system: string | null;
  system_id: string | null;
  category: string | null;
  status: string;
  hedged: boolean;
  corroboration: number;
  conflicts: string[];
  quantity: number | null;
  value: number | null;
  currency: string | null;
  first_seen: string | null;
  last_seen: string | null;
  sources: string[];
  mentions: number;
  /** The fields analysts set on the record's mentions (`status;quantity`), `confirmed` when they only confirmed, empty when unreviewed. */
  reviewed: string;
  reviewed_by: string | null;
}

export function recordRow(r: TransferRecord): RecordRow {
  return {
    id: r.id, supplier: r.supplier, recipient: r.recipient, system: r.system, system_id: r.systemId, category: r.category, status: r.status,
    hedged: r.hedged, corroboration: r.corroboration, conflicts: r.conflicts, quantity: r.quantity, value: r.value, currency: r.currency,
    first_seen: r.firstSeen, last_seen: r.lastSeen, sources: r.sources.map((s) => s.url ?? s.source), mentions: r.mentionIds.length,
    reviewed: r.review ? (r.review.fields.length ? r.review.fields.join(';') : 'confirmed') : '', reviewed_by: r.review?.latest.author ?? null,
  };
}

export const RECORD_COLUMNS: (keyof RecordRow)[] = ['id', 'supplier', 'recipient', 'system', 'system_id', 'category', 'status', 'hedged',
  'corroboration', 'conflicts', 'quantity', 'value', 'currency', 'first_seen', 'last_seen', 'mentions', 'sources', 'reviewed', 'reviewed_by'];

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = Array.isArray(v) ? v.join(';') : String(v);
  // Leading = + - @ would run as formulas in spreadsheets: article text is untrusted.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * Rows as CSV with a header line; lists are joined with `;`.
 * @example toCsv(rows) // 'document,document_id,kind,…\n…'
 */
export function toCsv<R>(rows: R[], columns: (keyof R)[] = EVENT_COLUMNS as (keyof R)[]): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
}

export const FORMATS = ['jsonl', 'json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export function parseFormat(value: string): Format {
  if (!(FORMATS as readonly string[]).includes(value)) throw new ValidationError(`unknown format "${value}" (jsonl, json, csv)`, { format: value });
  return value as Format;
}

/** Rows in one of the export formats. */
export function formatRows<R>(rows: R[], format: Format, columns: (keyof R)[]): string {
  if (format === 'csv') return toCsv(rows, columns);
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  return rows.map((r) => `${JSON.stringify(r)}\n`).join('');
}

/** What `armscope export` writes besides events: records as rows, the map, and the standard exchange formats. */
export const EXPORTS = ['events', 'records', 'geojson', 'stix', 'ftm'] as const;
export type ExportKind = (typeof EXPORTS)[number];

export interface ExportOptions {
  format?: Format;
  filter?: RecordFilter;
  minConfidence?: number;
  kind?: string;
  includeHypothetical?: boolean;
  includeDuplicates?: boolean;
}

/**
 * One export as text: `events` and `records` as JSONL, JSON or CSV; `geojson` the map (countries, production
 * sites, routes: RFC 7946); `stix` a STIX 2.1 bundle; `ftm` FollowTheMoney entities, one per line.
 * @example await exportText(store, 'stix', { filter: { country: 'RS' } })
 */
export async function exportText(store: Store, what: ExportKind, options: ExportOptions = {}): Promise<string> {
  const { transferRecords } = await import('./records.js');
  const { defaultKnowledgeBase } = await import('../extract/index.js');
  const catalog = defaultKnowledgeBase().catalog;
  const nameOf = (code: string) => catalog.entities.get(`country:${code}`)?.name ?? code;
  const filter = options.filter ?? {};
  switch (what) {
    case 'events': {
      const rows = await exportRows(store, options);
      return formatRows(rows, options.format ?? 'jsonl', EVENT_COLUMNS);
    }
    case 'records':
      return formatRows((await transferRecords(store, filter, options.minConfidence)).map(recordRow), options.format ?? 'jsonl', RECORD_COLUMNS);
    case 'geojson': {
      const { transferMap } = await import('./map.js');
      const from = filter.yearFrom === undefined ? undefined : String(filter.yearFrom);
      const to = filter.yearTo === undefined ? undefined : String(filter.yearTo);
      const events = { category: filter.category, country: filter.country, from, to };
      const [pairs, productions, routes] = await Promise.all([
        store.recordPairs(filter), store.findEvents({ kind: 'production', ...events }), store.findEvents({ kind: 'route', ...events }),
      ]);
      return `${JSON.stringify(transferMap({ pairs, productions, routes, catalog }), null, 2)}\n`;
    }
    case 'stix': {
      const { toStix } = await import('./stix.js');
      return `${JSON.stringify(toStix(await transferRecords(store, filter, options.minConfidence), nameOf), null, 2)}\n`;
    }
    case 'ftm': {
      const { toFtm } = await import('./ftm.js');
      return toFtm(await transferRecords(store, filter, options.minConfidence), nameOf).map((e) => `${JSON.stringify(e)}\n`).join('');
    }
  }
}

export function parseExportKind(value: string): ExportKind {
  if (!(EXPORTS as readonly string[]).includes(value)) throw new ValidationError(`cannot export "${value}" (${EXPORTS.join(', ')})`, { what: value });
  return value as ExportKind;
}
