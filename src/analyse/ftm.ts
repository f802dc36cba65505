/**
 * Transfer records as FollowTheMoney entities (one JSON object per line), for Aleph and the OpenSanctions
 * tooling (`ftm`, nomenklatura, yente):
 *
 * - each country that supplies or receives is a `PublicBody` (the state as a party), its `country` and
 *   `jurisdiction` the lowercase ISO code FtM uses;
 * - each source document is an `Article` (title, publication date, URL, publisher);
 * - each record is an `Event`: supplier and recipient `involved`, the supplier as `organizer`, the first and
 *   last reported dates, the status and goods as keywords, every evidence sentence in `notes`, and the
 *   articles as `proof`.
 *
 * Ids are stable keys (`armscope-country-rs`, `armscope-doc-<id>`, `armscope-record-<id>`), so a second
 * export updates the same entities in Aleph instead of adding copies.
 */
import type { TransferRecord } from '../resolve/transfers.js';

export interface FtmEntity {
  id: string;
  schema: string;
  properties: Record<string, string[]>;
}

const countryId = (code: string) => `armscope-country-${code.toLowerCase()}`;
const documentId = (id: string) => `armscope-doc-${id}`;

/**
 * @example toFtm(records, (c) => names[c]).find((e) => e.schema === 'Event')?.properties.involved // ['armscope-country-cn', 'armscope-country-rs']
 */
export function toFtm(records: TransferRecord[], nameOf: (code: string) => string): FtmEntity[] {
  const out: FtmEntity[] = [];
  for (const code of [...new Set(records.flatMap((r) => [r.supplier, r.recipient]))].sort()) {
    out.push({ id: countryId(code), schema: 'PublicBody', properties: { name: [nameOf(code)], country: [code.toLowerCase()], jurisdiction: [code.toLowerCase()] } });
  }
  const docs = new Map<string, TransferRecord['sources'][number]>();
  for (const r of records) for (const s of r.sources) docs.set(s.documentId, s);
  for (const [id, s] of [...docs].sort((a, b) => a[0].localeCompare(b[0]))) {
    const properties: Record<string, string[]> = { title: [s.title ?? `${s.publisher} report ${id}`], publisher: [s.publisher], fileName: [s.source] };
    if (s.published) properties.publishedAt = [s.published];
    if (s.url) properties.sourceUrl = [s.url];
    out.push({ id: documentId(id), schema: 'Article', properties });
  }
  for (const r of [...records].sort((a, b) => a.id.localeCompare(b.id))) {
    const goods = r.system ?? r.category ?? 'unspecified goods';
    const properties: Record<string, string[]> = {
      name: [`${nameOf(r.supplier)} → ${nameOf(r.recipient)}: ${goods} (${r.status})`],
      summary: [`${goods}${r.system && r.category ? ` (${r.category})` : ''} from ${nameOf(r.supplier)} to ${nameOf(r.recipient)}, ${r.status}${r.hedged ? ', reported only with hedging' : ''}; ${r.corroboration} publisher(s)`],
      involved: [countryId(r.supplier), countryId(r.recipient)],
      organizer: [countryId(r.supplier)],
      country: [r.supplier.toLowerCase(), r.recipient.toLowerCase()],
      keywords: [r.status, ...(r.category ? [r.category] : []), ...(r.system ? [r.system] : [])],
      notes: r.history.map((h) => `${h.date ?? 'undated'} ${h.status}${h.hedged ? ' (hedged)' : ''}, ${h.publisher}: “${h.evidence}”`),
      proof: r.sources.map((s) => documentId(s.documentId)),
      publisher: [...new Set(r.sources.map((s) => s.publisher))],
      recordId: [r.id],
    };
    if (r.firstSeen) { properties.startDate = [r.firstSeen]; properties.date = [r.firstSeen]; }
    if (r.lastSeen) properties.endDate = [r.lastSeen];
    const urls = r.sources.flatMap((s) => (s.url ? [s.url] : []));
    if (urls.length) properties.sourceUrl = urls;
    if (r.conflicts.length) properties.description = [`Conflicting reports: ${r.conflicts.join('; ')}`];
    out.push({ id: `armscope-record-${r.id}`, schema: 'Event', properties });
  }
  return out;
}
