/**
 * The map as GeoJSON (RFC 7946, longitude before latitude): one feature per country that supplies or
 * receives, at its capital (the catalog's place of kind `capital`), with its volumes as properties keyed by
 * ISO code, so a client may instead colour its own country shapes; production sites at the catalog places
 * production events name; routes as LineStrings through the catalog places they pass, from the origin's
 * capital to the destination's. A country or waypoint the catalog has no coordinates for gets a null
 * geometry (countries) or is skipped (waypoints): nothing is placed where the catalog does not say.
 */
import type { Catalog, Entity } from '../kb/catalog.js';
import type { EventHit, PairSummary } from '../store/store.js';

type Position = [number, number];

export interface Feature<P> {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: Position } | { type: 'LineString'; coordinates: Position[] } | null;
  properties: P;
}

export interface CountryProperties { kind: 'country'; iso: string; name: string; imports: number; exports: number; suppliers: string[]; recipients: string[] }
export interface SiteProperties { kind: 'production-site'; placeId: string; name: string; country: string | null; producers: string[]; systems: string[]; events: number; documentIds: string[] }
export interface RouteProperties { kind: 'route'; eventId: string; origin: string | null; destination: string | null; via: string[]; viaIds: string[]; system: string | null; category: string | null; documentId: string }

export interface MapCollection {
  type: 'FeatureCollection';
  features: Feature<CountryProperties | SiteProperties | RouteProperties>[];
}

const at = (e: Entity | undefined): Position | undefined => (e?.lat !== undefined && e.lon !== undefined ? [e.lon, e.lat] : undefined);

/** Each country's capital, from the catalog. */
export function capitals(catalog: Catalog): Map<string, Entity> {
  const out = new Map<string, Entity>();
  for (const e of catalog.entities.values()) if (e.type === 'place' && e.kind === 'capital' && e.country && !out.has(e.country)) out.set(e.country, e);
  return out;
}

/**
 * @example transferMap({ pairs, productions, routes, catalog }).features.find((f) => f.id === 'place:alabuga-sez')
 */
export function transferMap(input: { pairs: PairSummary[]; productions: EventHit[]; routes: EventHit[]; catalog: Catalog }): MapCollection {
  const { pairs, productions, routes, catalog } = input;
  const capital = capitals(catalog);
  const nameOf = (code: string) => catalog.entities.get(`country:${code}`)?.name ?? code;
  const countries = new Map<string, CountryProperties>();
  const country = (iso: string) => {
    let c = countries.get(iso);
    if (!c) countries.set(iso, c = { kind: 'country', iso, name: nameOf(iso), imports: 0, exports: 0, suppliers: [], recipients: [] });
    return c;
  };
  for (const p of pairs) {
    const s = country(p.supplier);
    const r = country(p.recipient);
    s.exports += p.records;
    s.recipients.push(p.recipient);
    r.imports += p.records;
    r.suppliers.push(p.supplier);
  }
  const features: MapCollection['features'] = [...countries.values()].sort((a, b) => a.iso.localeCompare(b.iso)).map((c) => {
    const point = at(capital.get(c.iso));
    c.suppliers.sort();
    c.recipients.sort();
    return { type: 'Feature', id: `country:${c.iso}`, geometry: point ? { type: 'Point', coordinates: point } : null, properties: c };
  });

  const sites = new Map<string, SiteProperties>();
  for (const e of productions) {
    const place = e.locationId ? catalog.entities.get(e.locationId) : undefined;
    if (!place || !at(place)) continue;
    const s = sites.get(place.id) ?? { kind: 'production-site', placeId: place.id, name: place.name, country: place.country, producers: [], systems: [], events: 0, documentIds: [] };
    s.events++;
    if (e.producer && !s.producers.includes(e.producer)) s.producers.push(e.producer);
    if (e.system && !s.systems.includes(e.system)) s.systems.push(e.system);
    if (!s.documentIds.includes(e.documentId)) s.documentIds.push(e.documentId);
    sites.set(place.id, s);
  }
  for (const s of [...sites.values()].sort((a, b) => a.placeId.localeCompare(b.placeId))) {
    features.push({ type: 'Feature', id: s.placeId, geometry: { type: 'Point', coordinates: at(catalog.entities.get(s.placeId))! }, properties: s });
  }

  for (const e of routes) {
    const ends = (code: string | null | undefined) => (code ? at(capital.get(code)) : undefined);
    const path = [ends(e.origin), ...(e.viaIds ?? []).map((id) => at(catalog.entities.get(id))), ends(e.destination)].filter((p): p is Position => !!p);
    if (path.length < 2) continue;
    features.push({
      type: 'Feature', id: `event:${e.id}`, geometry: { type: 'LineString', coordinates: path },
      properties: { kind: 'route', eventId: e.id, origin: e.origin ?? null, destination: e.destination ?? null, via: e.via ?? [], viaIds: e.viaIds ?? [], system: e.system ?? null, category: e.category ?? null, documentId: e.documentId },
    });
  }
  return { type: 'FeatureCollection', features };
}
