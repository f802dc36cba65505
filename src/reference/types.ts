/**
 * Reference data: deals as an outside register (SIPRI's trade register, for now) records them, kept beside
 * what the news says so the two can be compared. A reference record is the register's row, cleaned: its
 * parties as ISO alpha-2 codes where the catalog has one (the register's own name is always kept), its
 * designation as a catalog system where the catalog knows it, its weapon description as an armscope
 * category, and every number with the register's own uncertainty flag.
 */
import type { Category } from '../kb/schema.js';

/**
 * Where a deal stands by the register's numbers: nothing delivered yet, some of it, or all of it (the
 * register counts deliveries up to the date it was generated).
 */
export const REFERENCE_STATUSES = ['ordered', 'delivering', 'delivered'] as const;
export type ReferenceStatus = (typeof REFERENCE_STATUSES)[number];

/** Whether the goods were new, second-hand, or second-hand and modernised before delivery. */
export const SUPPLIED_AS = ['new', 'second-hand', 'second-hand-modernised'] as const;
export type SuppliedAs = (typeof SUPPLIED_AS)[number];

/** A value and the register's `?` beside it. */
export interface Uncertain<T> {
  value: T | null;
  uncertain: boolean;
}

export interface ReferenceRecord {
  /** Deterministic: a hash of the source and the row's content (and its place among identical rows). */
  id: string;
  source: string;
  /** Line of the file the row was read from (1-based), for citing it. */
  line: number;
  supplier: string | null;
  supplierName: string;
  recipient: string | null;
  recipientName: string;
  designation: string;
  description: string;
  /** The catalog system the designation names (`system:su-35`); null when the catalog does not know it. */
  systemId: string | null;
  category: Category;
  orderYear: Uncertain<number>;
  numberOrdered: Uncertain<number>;
  numberDelivered: Uncertain<number>;
  deliveryYears: number[];
  status: ReferenceStatus;
  suppliedAs: SuppliedAs;
  comments: string;
  /** SIPRI trend-indicator values, in millions: per unit, of the whole order, of what was delivered. */
  tivUnit: number | null;
  tivTotal: number | null;
  tivDelivered: number | null;
}

export interface ReferenceImport {
  source: string;
  /** The file as it was named on import. */
  file: string;
  generated: string | null;
  sha256: string;
  rowCount: number;
  importedAt: string;
}

export interface ReferenceFilter {
  source?: string;
  /** ISO alpha-2 codes. */
  supplier?: string;
  recipient?: string;
  /** A catalog system id (`system:su-35`): deals mapped to exactly this system (its variants are ids of their own). */
  systemId?: string;
  category?: string;
  /** Order years, inclusive. */
  fromYear?: number;
  toYear?: number;
  limit?: number;
  offset?: number;
}

/** TIV of a recipient's deals from one supplier in one year (see `tivBySupplierYear`). */
export interface TivAggregate {
  supplier: string | null;
  supplierName: string;
  year: number;
  deals: number;
  /** TIV of the orders placed that year; null by delivery year, where orders are not what is summed. */
  tivOrdered: number | null;
  /** TIV delivered, of the deals ordered that year (by order year), or in that year (by delivery year). */
  tivDelivered: number;
}

/** Year, then supplier name in code-unit order: the same on every backend, whatever its collation. */
export function byYearAndSupplier(a: TivAggregate, b: TivAggregate): number {
  return a.year - b.year || (a.supplierName < b.supplierName ? -1 : a.supplierName > b.supplierName ? 1 : 0);
}
