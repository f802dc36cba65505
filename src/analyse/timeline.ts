/**
 * The timeline of transfer records: every dated step of their status histories (an offer, a contract, a
 * delivery, a denial, each as one publisher reported it), in date order and counted per year or month.
 * A step dated only to the year stays in that year's bucket under `month` too (`2021`), since nothing says
 * which month it was.
 */
import type { TransferRecord } from '../resolve/transfers.js';

export interface TimelineStep {
  date: string;
  status: string;
  hedged: boolean;
  recordId: string;
  supplier: string;
  recipient: string;
  system: string | null;
  category: string | null;
  documentId: string;
  publisher: string;
}

export interface TimelineBucket {
  period: string;
  steps: number;
  byStatus: Record<string, number>;
}

export interface Timeline {
  interval: 'year' | 'month';
  buckets: TimelineBucket[];
  steps: TimelineStep[];
  /** Steps with no date at all: left out of the buckets. */
  undated: number;
}

/**
 * @example timeline(records, 'year').buckets[0] // { period: '2019', steps: 2, byStatus: { delivered: 2 } }
 */
export function timeline(records: TransferRecord[], interval: 'year' | 'month' = 'year'): Timeline {
  const steps: TimelineStep[] = [];
  let undated = 0;
  for (const r of records) {
    for (const h of r.history) {
      if (!h.date) { undated++; continue; }
      steps.push({
        date: h.date, status: h.status, hedged: h.hedged, recordId: r.id, supplier: r.supplier, recipient: r.recipient,
        system: r.system, category: r.category, documentId: h.documentId, publisher: h.publisher,
      });
    }
  }
  steps.sort((a, b) => a.date.localeCompare(b.date) || a.recordId.localeCompare(b.recordId) || a.status.localeCompare(b.status));
  const buckets = new Map<string, TimelineBucket>();
  for (const s of steps) {
    const period = s.date.slice(0, interval === 'year' ? 4 : 7);
    const b = buckets.get(period) ?? { period, steps: 0, byStatus: {} };
    b.steps++;
    b.byStatus[s.status] = (b.byStatus[s.status] ?? 0) + 1;
    buckets.set(period, b);
  }
  return { interval, buckets: [...buckets.values()], steps, undated };
}
