/**
 * A comparison (`compare.ts`) as rows of one table: a compared record, or a register deal no record was
 * matched to, each with the deal's numbers and the reason. `armscope reference` prints them (table, CSV,
 * JSON) and `GET /api/comparison` pages them, so both show the same rows.
 */
import type { Comparison } from './compare.js';
import type { ReferenceRecord } from './types.js';

/** What a listing of the comparison can be narrowed to: a class of records, or the register's deals without reporting. */
export const ONLY = ['matched', 'status-differs', 'reported-not-in-reference', 'reference-only'] as const;
export type Only = (typeof ONLY)[number];

/** One row per compared record or reference-only deal. */
export interface ComparisonRow {
  class: Only;
  supplier: string | null;
  recipient: string | null;
  goods: string | null;
  news_status: string | null;
  first_seen: string | null;
  last_seen: string | null;
  record_id: string | null;
  goods_match: string | null;
  reference_id: string | null;
  line: number | null;
  designation: string | null;
  order_year: number | null;
  number_ordered: string | null;
  number_delivered: string | null;
  reference_status: string | null;
  reason: string;
}

export const COMPARISON_COLUMNS = ['class', 'supplier', 'recipient', 'goods', 'news_status', 'first_seen', 'last_seen', 'record_id', 'goods_match', 'reference_id',
  'line', 'designation', 'order_year', 'number_ordered', 'number_delivered', 'reference_status', 'reason'] as const;

const uncertain = (v: { value: number | null; uncertain: boolean }) => (v.value === null ? null : `${v.value}${v.uncertain ? '?' : ''}`);

function referenceFields(r: ReferenceRecord | null) {
  return {
    reference_id: r?.id ?? null, line: r?.line ?? null, designation: r?.designation ?? null, order_year: r?.orderYear.value ?? null,
    number_ordered: r ? uncertain(r.numberOrdered) : null, number_delivered: r ? uncertain(r.numberDelivered) : null, reference_status: r?.status ?? null,
  };
}

/**
 * The comparison's rows: its records (of one class when `only` names one), or with `only: 'reference-only'`
 * the register's deals no record was matched to.
 * @example comparisonRows(comparison, 'status-differs').map((r) => r.record_id) // ['5d0c…']
 */
export function comparisonRows(c: Comparison, only: Only | undefined): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  if (only !== 'reference-only') {
    for (const r of c.records) {
      if (only && r.class !== only) continue;
      rows.push({
        class: r.class, supplier: r.record.supplier, recipient: r.record.recipient, goods: r.record.system ?? r.record.category,
        news_status: r.record.status, first_seen: r.record.firstSeen, last_seen: r.record.lastSeen, record_id: r.record.id, goods_match: r.goods,
        ...referenceFields(r.reference), reason: r.reason,
      });
    }
  }
  if (only === 'reference-only') {
    for (const d of c.referenceOnly) {
      rows.push({
        class: 'reference-only', supplier: d.supplier ?? d.supplierName, recipient: d.recipient ?? d.recipientName, goods: d.designation,
        news_status: null, first_seen: null, last_seen: null, record_id: null, goods_match: null, ...referenceFields(d),
        reason: `no transfer record of these goods names ${d.supplier ?? d.supplierName}→${d.recipient ?? d.recipientName}`,
      });
    }
  }
  return rows;
}

