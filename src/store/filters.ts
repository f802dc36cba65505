/**
 * The filters of listings as query conditions, written once for both backends: documents by language,
 * publication range and source; records by party, goods, status, years and corroboration. Dates are ISO
 * text in the store, so ranges are string comparisons (see `dateAfter`).
 */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { ValidationError } from '../errors.js';
import type { StoredEvent } from '../extract/types.js';
import type { Schema } from './schema.js';
import type { ListOptions, RecordFilter } from './store.js';

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** A date filter's value, checked: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export function dateValue(field: string, value: string): string {
  if (!DATE.test(value)) throw new ValidationError(`${field} must be YYYY, YYYY-MM or YYYY-MM-DD, got "${value}"`, { field, value });
  return value;
}

/**
 * The first date after the period a value names, in the same form: `2024` → `2025`, `2024-12` → `2025-01`,
 * `2024-02-29` → `2024-03-01`. Dates are text in the store, so "published in 2024" is `>= '2024' AND < '2025'`,
 * which also takes `2024-05-01` (a longer string sorts after its prefix).
 */
export function dateAfter(field: string, value: string): string {
  const [y, m, d] = dateValue(field, value).split('-').map(Number);
  if (m === undefined) return String(y + 1);
  if (d === undefined) return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** Text for a LIKE pattern: wildcards and the escape character removed, so user input matches as written. */
export const likeText = (s: string) => s.replace(/[%_\\]/g, '');

type DocumentConditions = Pick<ListOptions, 'language' | 'includeDuplicates' | 'from' | 'to' | 'source'>;

export function documentConditions(eb: ExpressionBuilder<Schema, 'documents'>, o: DocumentConditions): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [];
  if (o.language) all.push(eb('documents.language', '=', o.language));
  if (!o.includeDuplicates) all.push(eb('documents.duplicate_of', 'is', null));
  if (o.from) all.push(eb('documents.published', '>=', dateValue('from', o.from)));
  if (o.to) all.push(eb('documents.published', '<', dateAfter('to', o.to)));
  if (o.source) {
    const pattern = `%${likeText(o.source.toLowerCase())}%`;
    all.push(eb.or([eb(eb.fn('lower', ['documents.source']), 'like', pattern), eb(eb.fn('lower', ['documents.url']), 'like', pattern)]));
  }
  return eb.and(all);
}

/** `system:su-35` or `su-35` as the catalog id records keep. */
export const systemId = (s: string) => (s.startsWith('system:') ? s : `system:${s}`);

export function recordConditions(eb: ExpressionBuilder<Schema, 'transfer_records'>, f: RecordFilter): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [];
  if (f.supplier) all.push(eb('supplier', '=', f.supplier.toUpperCase()));
  if (f.recipient) all.push(eb('recipient', '=', f.recipient.toUpperCase()));
  if (f.country) {
    const c = f.country.toUpperCase();
    all.push(eb.or([eb('supplier', '=', c), eb('recipient', '=', c)]));
  }
  if (f.conflicts) all.push(eb('conflicted', '=', 1));
  if (f.category) all.push(eb('category', '=', f.category));
  if (f.system) all.push(eb('system_id', '=', systemId(f.system)));
  if (f.status) all.push(eb('status', '=', f.status));
  // last_seen is '' when undated, and sorts before every year.
  if (f.yearFrom !== undefined) all.push(eb('last_seen', '>=', String(f.yearFrom)));
  if (f.yearTo !== undefined) all.push(eb('first_seen', '<', String(f.yearTo + 1)));
  if (f.seenAfter !== undefined) all.push(eb('last_seen', '>', dateValue('seenAfter', f.seenAfter)));
  if (f.minCorroboration !== undefined) all.push(eb('corroboration', '>=', f.minCorroboration));
  return eb.and(all);
}

/** Every country an event names, whatever its role. */
export function countriesOf(e: StoredEvent): (string | null | undefined)[] {
  return [e.supplier, e.recipient, e.producer, e.origin, e.imposer, e.target, e.destination, ...(e.parties ?? [])];
}
