/**
 * `armscope import sipri FILE`: a trade-register export into the store as reference records. The whole
 * import replaces the previous import of the same source in one transaction, and every row's id comes from
 * its content, so importing one file twice leaves the same rows, and a newer export replaces the older.
 */
import type { KnowledgeBase } from '../kb/recognise.js';
import type { Store } from '../store/store.js';
import { readSipri, type SipriFile } from './sipri.js';
import { emptyTally, rowId, SipriMapper, SIPRI_SOURCE, type MappingTally, type PartyKind } from './sipri-map.js';
import type { ReferenceImport, ReferenceRecord } from './types.js';

export interface ImportProgress {
  phase: 'map' | 'store';
  done: number;
  total: number;
}

export interface ImportSummary {
  source: string;
  file: string;
  generated: string | null;
  rows: number;
  /** Rows whose supplier and recipient both have an ISO code. */
  partiesMapped: number;
  /** Rows whose designation names a catalog system. */
  systemsMapped: number;
  /** Rows whose designation is generic goods ("aircraft engine"), which no system can match. */
  genericRows: number;
  /** Unmapped names, most rows first: countries and other parties, and designations. */
  unmappedParties: { name: string; kind: PartyKind; rows: number }[];
  unmappedDesignations: { designation: string; rows: number }[];
  /** The import this one replaced, if any. */
  replaced: ReferenceImport | null;
  milliseconds: { read: number; map: number; store: number };
}

function sorted<T extends { rows: number }>(list: T[], key: (t: T) => string): T[] {
  return list.sort((a, b) => b.rows - a.rows || key(a).localeCompare(key(b)));
}

function summaryOf(tally: MappingTally) {
  return {
    unmappedParties: sorted([...tally.parties].map(([name, t]) => ({ name, kind: t.kind, rows: t.rows })), (p) => p.name),
    unmappedDesignations: sorted([...tally.designations].map(([designation, rows]) => ({ designation, rows })), (d) => d.designation),
  };
}

/**
 * Reads, maps and stores a SIPRI trade-register export file (`armscope import sipri FILE`).
 * @example const s = await importSipri(store, 'trade-register.csv', kb); s.rows // 29916
 */
export async function importSipri(store: Store, path: string, kb: KnowledgeBase, onProgress?: (p: ImportProgress) => void): Promise<ImportSummary> {
  const t0 = performance.now();
  const file = readSipri(path);
  return importSipriFile(store, file, kb, onProgress, performance.now() - t0);
}

/**
 * Maps and stores an export already parsed (`sipriFromBytes` for one received in a request, as
 * `POST /api/reference/import` does); `file.path` is kept as the import's file name.
 */
export async function importSipriFile(store: Store, file: SipriFile, kb: KnowledgeBase, onProgress?: (p: ImportProgress) => void, readMs = 0): Promise<ImportSummary> {
  const path = file.path;
  const t1 = performance.now();
  const t0 = t1 - readMs;
  const mapper = new SipriMapper(kb);
  const tally = emptyTally();
  const seen = new Map<string, number>();
  const records: ReferenceRecord[] = [];
  let partiesMapped = 0;
  let systemsMapped = 0;
  onProgress?.({ phase: 'map', done: 0, total: file.rows.length });
  for (const row of file.rows) {
    const base = rowId(row, 0);
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    const record = mapper.record(row, occurrence);
    mapper.count(tally, row);
    if (record.supplier && record.recipient) partiesMapped++;
    if (record.systemId) systemsMapped++;
    records.push(record);
    if (records.length % 1000 === 0) onProgress?.({ phase: 'map', done: records.length, total: file.rows.length });
  }
  const t2 = performance.now();
  const meta: ReferenceImport = {
    source: SIPRI_SOURCE, file: path, generated: file.generated, sha256: file.sha256, rowCount: records.length, importedAt: new Date().toISOString(),
  };
  onProgress?.({ phase: 'store', done: 0, total: records.length });
  const replaced = await store.replaceReferenceRecords(meta, records, (done, total) => onProgress?.({ phase: 'store', done, total }));
  const t3 = performance.now();
  return {
    source: SIPRI_SOURCE, file: path, generated: file.generated, rows: records.length, partiesMapped, systemsMapped, genericRows: tally.genericRows,
    ...summaryOf(tally), replaced: replaced ?? null,
    milliseconds: { read: Math.round(t1 - t0), map: Math.round(t2 - t1), store: Math.round(t3 - t2) },
  };
}
