/**
 * Transfer records as a STIX 2.1 bundle, for threat-intelligence platforms (OpenCTI, MISP through its
 * importer) that read STIX:
 *
 * - each country that supplies or receives is an `identity` (identity_class `organization`, sector
 *   `government-national`: the state as a party) `located-at` a `location` holding its ISO code;
 * - each record is a `relationship` `supplies-arms-to` from supplier to recipient, with the goods, the
 *   status and the dates in its description, start and stop times, and a `note` holding each source's
 *   evidence sentence;
 * - each source document is a `report` (report type `threat-report`, the vocabulary's term for reporting
 *   about actors) whose `object_refs` are the relationships it states;
 * - every object carries `external_references` to its sources (outlet, URL, quoted sentence) and is
 *   created by the `identity` of armscope itself.
 *
 * Ids are UUIDv5 of stable keys (`country:RS`, `record:<id>`, `document:<id>`), and timestamps come from
 * the data (the dates of the reports), so the same store gives the same bundle, byte for byte.
 */
import { v5 as uuidv5 } from 'uuid';
import type { TransferRecord } from '../resolve/transfers.js';

/** armscope's own UUIDv5 namespace: a v5 of its name under the URL namespace. */
export const STIX_NAMESPACE = uuidv5('https://armscope.invalid/stix', uuidv5.URL);

export interface StixObject {
  type: string;
  spec_version: '2.1';
  id: string;
  created: string;
  modified: string;
  [key: string]: unknown;
}

export interface StixBundle {
  type: 'bundle';
  id: string;
  objects: StixObject[];
}

export const stixId = (type: string, key: string) => `${type}--${uuidv5(key, STIX_NAMESPACE)}`;

/** A report date (YYYY, YYYY-MM or YYYY-MM-DD) as a STIX timestamp at midnight UTC. */
export function stixTime(date: string): string {
  const [y, m = '01', d = '01'] = date.split('-');
  return `${y}-${m}-${d}T00:00:00.000Z`;
}

type Source = TransferRecord['sources'][number];

function reference(s: Source, evidence?: string) {
  return { source_name: s.publisher, ...(s.url ? { url: s.url } : {}), external_id: s.documentId, ...(evidence ? { description: evidence } : {}) };
}

/**
 * @param nameOf a country's name from its ISO code
 * @example toStix(records, (c) => names[c]).objects.filter((o) => o.type === 'relationship').length // records.length
 */
export function toStix(records: TransferRecord[], nameOf: (code: string) => string): StixBundle {
  const dates = records.flatMap((r) => [r.firstSeen, r.lastSeen, ...r.sources.map((s) => s.published)]).filter((d): d is string => !!d).sort();
  // Objects with no date of their own (countries, armscope itself) take the earliest date of the data.
  const epoch = stixTime(dates[0] ?? '1970-01-01');
  const creator = stixId('identity', 'armscope');
  const objects: StixObject[] = [{
    type: 'identity', spec_version: '2.1', id: creator, created: epoch, modified: epoch, name: 'armscope', identity_class: 'system',
    description: 'Transfer records extracted from open-source reporting by armscope; every relationship cites its sources.',
  }];
  const countries = [...new Set(records.flatMap((r) => [r.supplier, r.recipient]))].sort();
  for (const code of countries) {
    const identity = stixId('identity', `country:${code}`);
    const location = stixId('location', `country:${code}`);
    objects.push(
      { type: 'identity', spec_version: '2.1', id: identity, created: epoch, modified: epoch, created_by_ref: creator, name: nameOf(code), identity_class: 'organization', sectors: ['government-national'] },
      { type: 'location', spec_version: '2.1', id: location, created: epoch, modified: epoch, created_by_ref: creator, name: nameOf(code), country: code },
      { type: 'relationship', spec_version: '2.1', id: stixId('relationship', `located:${code}`), created: epoch, modified: epoch, created_by_ref: creator, relationship_type: 'located-at', source_ref: identity, target_ref: location },
    );
  }
  const byDocument = new Map<string, { source: Source; refs: string[] }>();
  for (const r of [...records].sort((a, b) => a.id.localeCompare(b.id))) {
    const rel = stixId('relationship', `record:${r.id}`);
    const created = r.firstSeen ? stixTime(r.firstSeen) : epoch;
    const modified = r.lastSeen && stixTime(r.lastSeen) > created ? stixTime(r.lastSeen) : created;
    const evidence = new Map(r.history.map((h) => [h.documentId, h.evidence]));
    const goods = r.system ?? r.category ?? 'unspecified goods';
    objects.push({
      type: 'relationship', spec_version: '2.1', id: rel, created, modified, created_by_ref: creator, relationship_type: 'supplies-arms-to',
      source_ref: stixId('identity', `country:${r.supplier}`), target_ref: stixId('identity', `country:${r.recipient}`),
      description: `${nameOf(r.supplier)} → ${nameOf(r.recipient)}: ${goods}${r.category && r.system ? ` (${r.category})` : ''}, ${r.status}${r.hedged ? ' (hedged reports only)' : ''}; `
        + `${r.corroboration} publisher(s)${r.conflicts.length ? `; conflicting: ${r.conflicts.join('; ')}` : ''}`,
      ...(r.firstSeen ? { start_time: stixTime(r.firstSeen) } : {}),
      ...(r.lastSeen && r.firstSeen && stixTime(r.lastSeen) > stixTime(r.firstSeen) ? { stop_time: stixTime(r.lastSeen) } : {}),
      confidence: Math.min(100, 40 + 20 * r.corroboration),
      external_references: r.sources.map((s) => reference(s, evidence.get(s.documentId))),
    });
    objects.push({
      type: 'note', spec_version: '2.1', id: stixId('note', `record:${r.id}`), created, modified, created_by_ref: creator,
      abstract: `Status history of ${goods} (${r.supplier} → ${r.recipient})`,
      content: r.history.map((h) => `${h.date ?? 'undated'} ${h.status}${h.hedged ? ' (hedged)' : ''}, ${h.publisher}: “${h.evidence}”`).join('\n'),
      object_refs: [rel],
      external_references: r.sources.map((s) => reference(s, evidence.get(s.documentId))),
    });
    for (const s of r.sources) {
      const entry = byDocument.get(s.documentId) ?? { source: s, refs: [] };
      entry.refs.push(rel);
      byDocument.set(s.documentId, entry);
    }
  }
  for (const [documentId, { source, refs }] of [...byDocument].sort((a, b) => a[0].localeCompare(b[0]))) {
    const published = source.published ? stixTime(source.published) : epoch;
    objects.push({
      type: 'report', spec_version: '2.1', id: stixId('report', `document:${documentId}`), created: published, modified: published, created_by_ref: creator,
      name: source.title ?? `${source.publisher} report ${documentId}`, published, report_types: ['threat-report'], object_refs: refs,
      external_references: [reference(source)],
    });
  }
  return { type: 'bundle', id: stixId('bundle', `records:${records.map((r) => r.id).sort().join(',')}`), objects };
}
