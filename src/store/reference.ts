/**
 * Queries of reference data (`src/reference`), shared by both backends: an import replaces every row of its
 * source in one transaction, so a reader sees the old import or the new one, never a mix; rows are listed
 * in file order; TIV sums are grouped in SQL and rounded here, so both backends report the same figures.
 */
import type { Kysely } from 'kysely';
import { byYearAndSupplier, type ReferenceFilter, type ReferenceImport, type ReferenceRecord, type ReferenceStatus, type SuppliedAs, type TivAggregate } from '../reference/types.js';
import type { Category } from '../kb/schema.js';
import type { ReferenceRecordsTable, Schema } from './schema.js';

/** Rows per INSERT: 26 columns each stays far below both backends' limit on bound parameters. */
const INSERT_BATCH = 500;

function toRow(r: ReferenceRecord): ReferenceRecordsTable {
  return {
    id: r.id, source: r.source, line: r.line, supplier: r.supplier, supplier_name: r.supplierName, recipient: r.recipient,
    recipient_name: r.recipientName, designation: r.designation, description: r.description, system_id: r.systemId, category: r.category,
    order_year: r.orderYear.value, order_year_uncertain: r.orderYear.uncertain ? 1 : 0,
    number_ordered: r.numberOrdered.value, number_ordered_uncertain: r.numberOrdered.uncertain ? 1 : 0,
    number_delivered: r.numberDelivered.value, number_delivered_uncertain: r.numberDelivered.uncertain ? 1 : 0,
    delivery_years: r.deliveryYears.join(';'), first_delivery_year: r.deliveryYears[0] ?? null,
    last_delivery_year: r.deliveryYears[r.deliveryYears.length - 1] ?? null, status: r.status, supplied_as: r.suppliedAs,
    comments: r.comments, tiv_unit: r.tivUnit, tiv_total: r.tivTotal, tiv_delivered: r.tivDelivered,
  };
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function fromRow(r: ReferenceRecordsTable): ReferenceRecord {
  return {
    id: r.id, source: r.source, line: Number(r.line), supplier: r.supplier, supplierName: r.supplier_name, recipient: r.recipient,
    recipientName: r.recipient_name, designation: r.designation, description: r.description, systemId: r.system_id,
    category: r.category as Category,
    orderYear: { value: num(r.order_year), uncertain: Number(r.order_year_uncertain) === 1 },
    numberOrdered: { value: num(r.number_ordered), uncertain: Number(r.number_ordered_uncertain) === 1 },
    numberDelivered: { value: num(r.number_delivered), uncertain: Number(r.number_delivered_uncertain) === 1 },
    deliveryYears: r.delivery_years ? r.delivery_years.split(';').map(Number) : [],
    status: r.status as ReferenceStatus, suppliedAs: r.supplied_as as SuppliedAs, comments: r.comments,
    tivUnit: num(r.tiv_unit), tivTotal: num(r.tiv_total), tivDelivered: num(r.tiv_delivered),
  };
}

function toImport(r: Schema['reference_imports']): ReferenceImport {
  return { source: r.source, file: r.file, generated: r.generated, sha256: r.sha256, rowCount: Number(r.row_count), importedAt: r.imported_at };
}

/**
 * Replaces the source's import and all its rows (inside the caller's write transaction). Returns the
 * import replaced, if any.
 */
export async function replaceReference(trx: Kysely<Schema>, meta: ReferenceImport, records: ReferenceRecord[],
  onProgress?: (done: number, total: number) => void): Promise<ReferenceImport | undefined> {
  const previous = await trx.selectFrom('reference_imports').selectAll().where('source', '=', meta.source).executeTakeFirst();
  await trx.deleteFrom('reference_records').where('source', '=', meta.source).execute();
  await trx.deleteFrom('reference_imports').where('source', '=', meta.source).execute();
  await trx.insertInto('reference_imports').values({
    source: meta.source, file: meta.file, generated: meta.generated, sha256: meta.sha256, row_count: meta.rowCount, imported_at: meta.importedAt,
  }).execute();
  for (let i = 0; i < records.length; i += INSERT_BATCH) {
    await trx.insertInto('reference_records').values(records.slice(i, i + INSERT_BATCH).map(toRow)).execute();
    onProgress?.(Math.min(records.length, i + INSERT_BATCH), records.length);
  }
  return previous ? toImport(previous) : undefined;
}

export async function referenceImport(db: Kysely<Schema>, source: string): Promise<ReferenceImport | undefined> {
  const row = await db.selectFrom('reference_imports').selectAll().where('source', '=', source).executeTakeFirst();
  return row ? toImport(row) : undefined;
}

function filtered(db: Kysely<Schema>, filter: ReferenceFilter) {
  let q = db.selectFrom('reference_records');
  if (filter.source) q = q.where('source', '=', filter.source);
  if (filter.supplier) q = q.where('supplier', '=', filter.supplier.toUpperCase());
  if (filter.recipient) q = q.where('recipient', '=', filter.recipient.toUpperCase());
  if (filter.systemId) q = q.where('system_id', '=', filter.systemId);
  if (filter.category) q = q.where('category', '=', filter.category);
  if (filter.fromYear !== undefined) q = q.where('order_year', '>=', filter.fromYear);
  if (filter.toYear !== undefined) q = q.where('order_year', '<=', filter.toYear);
  return q;
}

export async function listReference(db: Kysely<Schema>, filter: ReferenceFilter): Promise<ReferenceRecord[]> {
  let q = filtered(db, filter).selectAll().orderBy('source').orderBy('line');
  if (filter.limit !== undefined || filter.offset) q = q.limit(filter.limit ?? Number.MAX_SAFE_INTEGER);
  if (filter.offset) q = q.offset(filter.offset);
  return (await q.execute()).map(fromRow);
}

export async function countReference(db: Kysely<Schema>, filter: ReferenceFilter): Promise<number> {
  const row = await filtered(db, filter).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** TIV sums rounded to thousandths: the register gives two decimals, and summation order must not show. */
const tiv = (v: unknown): number => Math.round(Number(v ?? 0) * 1000) / 1000;

/** A recipient's deals summed by supplier and order year, oldest year first, then supplier name. */
export async function tivByOrderYear(db: Kysely<Schema>, recipient: string, source: string): Promise<TivAggregate[]> {
  const rows = await db.selectFrom('reference_records')
    .select((eb) => ['supplier', 'supplier_name', 'order_year', eb.fn.countAll().as('deals'),
      eb.fn.sum<number>('tiv_total').as('ordered'), eb.fn.sum<number>('tiv_delivered').as('delivered')])
    .where('source', '=', source).where('recipient', '=', recipient.toUpperCase()).where('order_year', 'is not', null)
    .groupBy(['supplier', 'supplier_name', 'order_year']).execute();
  // Sorted here: PostgreSQL's collation may order names unlike SQLite's byte order.
  return rows.map((r) => ({
    supplier: r.supplier, supplierName: r.supplier_name, year: Number(r.order_year), deals: Number(r.deals),
    tivOrdered: tiv(r.ordered), tivDelivered: tiv(r.delivered),
  })).sort(byYearAndSupplier);
}
