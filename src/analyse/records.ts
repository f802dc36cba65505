/**
 * Transfer records as a reader asks for them: the records kept in the store when the confidence threshold is
 * the configured one, or merged now from the mentions that pass another threshold. The command line's
 * `transfers` and the API's `/api/records` both call this.
 */
import { loadConfig } from '../config.js';
import { mergeTransfers, type TransferRecord } from '../resolve/transfers.js';
import { systemLinks } from '../resolve/goods.js';
import type { RecordFilter, Store } from '../store/store.js';

/**
 * Whether a record passes a filter: the same conditions the store applies to its rows, for records merged
 * in memory.
 */
export function recordMatches(r: TransferRecord, f: RecordFilter): boolean {
  const country = f.country?.toUpperCase();
  const system = f.system && (f.system.startsWith('system:') ? f.system : `system:${f.system}`);
  return (!f.supplier || r.supplier === f.supplier.toUpperCase())
    && (!f.recipient || r.recipient === f.recipient.toUpperCase())
    && (!country || r.supplier === country || r.recipient === country)
    && (!f.conflicts || r.conflicts.length > 0)
    && (!f.category || r.category === f.category)
    && (!system || r.systemId === system)
    && (!f.status || r.status === f.status)
    && (f.yearFrom === undefined || (r.lastSeen ?? '') >= String(f.yearFrom))
    && (f.yearTo === undefined || (r.firstSeen !== null && r.firstSeen < String(f.yearTo + 1)))
    && (f.seenAfter === undefined || (r.lastSeen ?? '') > f.seenAfter)
    && (f.minCorroboration === undefined || r.corroboration >= f.minCorroboration);
}

/**
 * Records that pass `filter`, built from the mentions at or above `minConfidence` (default: the configured
 * threshold, which the stored records were built with).
 * @example await transferRecords(store, { supplier: 'RU', conflicts: true })
 */
export async function transferRecords(store: Store, filter: RecordFilter = {}, minConfidence?: number): Promise<TransferRecord[]> {
  if (minConfidence === undefined || minConfidence === loadConfig().minConfidence) return store.listTransferRecords(filter);
  // Another threshold: merged now from the mentions that pass it.
  const { defaultKnowledgeBase } = await import('../extract/index.js');
  const mentions = (await store.listEvents({ kind: 'transfer' })).filter((e) => e.confidence >= minConfidence);
  let records = mergeTransfers(mentions, await store.listDocuments(), systemLinks(defaultKnowledgeBase().catalog)).filter((r) => recordMatches(r, filter));
  if (filter.order === 'recent') {
    records = records.sort((a, b) => (b.lastSeen ?? '').localeCompare(a.lastSeen ?? '') || b.corroboration - a.corroboration || a.id.localeCompare(b.id));
  }
  const offset = filter.offset ?? 0;
  return records.slice(offset, filter.limit === undefined ? undefined : offset + filter.limit);
}
