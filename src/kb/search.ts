/**
 * Finding catalog entries by any of their names, in any script: `kb search` and the API's entity search.
 * Aliases are compared after the matcher's normalisation (case, accents, Cyrillic and Greek transliterated),
 * so `Панцирь`, `Pantsir` and `pantsir` find the same system.
 */
import type { Catalog, Entity, EntityType } from './catalog.js';
import { normaliseText } from '../text/normalise.js';

export interface CatalogHit {
  id: string;
  type: EntityType;
  name: string;
  country: string | null;
  category: string | null;
  /** The alias, as written in the catalog, that matched best. */
  matched: string;
  source: string;
}

// Normalising 30,000 aliases takes longer than a request should: done once per catalog.
const normalised = new WeakMap<Catalog, string[]>();

function normalisedAliases(catalog: Catalog): string[] {
  let list = normalised.get(catalog);
  if (!list) {
    list = catalog.aliases.map((a) => normaliseText(a.text.replace(/\*$/, '')));
    normalised.set(catalog, list);
  }
  return list;
}

/**
 * Entries any of whose aliases contains the query (case, accents and script ignored): an exact alias first,
 * then one that starts with the query, then the rest, each in id order.
 * @example searchCatalog(kb.catalog, 'Панцирь')[0].id // 'system:pantsir-s1'
 */
export function searchCatalog(catalog: Catalog, query: string, options: number | { limit?: number; offset?: number; types?: EntityType[] } = {}): CatalogHit[] {
  const { limit = 20, offset = 0, types } = typeof options === 'number' ? { limit: options } : options;
  const q = normaliseText(query);
  if (!q) return [];
  const aliases = normalisedAliases(catalog);
  const hits = new Map<string, { score: number; alias: string }>();
  catalog.aliases.forEach((a, i) => {
    const n = aliases[i];
    if (!n.includes(q)) return;
    const score = n === q ? 3 : n.startsWith(q) ? 2 : 1;
    const prev = hits.get(a.entity);
    if (!prev || score > prev.score) hits.set(a.entity, { score, alias: a.text });
  });
  return [...hits]
    .filter(([id]) => !types || types.includes(catalog.entities.get(id)!.type))
    .sort((a, b) => b[1].score - a[1].score || a[0].localeCompare(b[0]))
    .slice(offset, offset + limit)
    .map(([id, h]) => ({ ...hitOf(catalog.entities.get(id)!), matched: h.alias }));
}

function hitOf(e: Entity): Omit<CatalogHit, 'matched'> {
  return { id: e.id, type: e.type, name: e.name, country: e.country, category: e.category ?? null, source: e.source };
}

/** Entries of the given types in id order, for browsing. */
export function browseCatalog(catalog: Catalog, options: { limit?: number; offset?: number; types?: EntityType[] } = {}): CatalogHit[] {
  const { limit = 20, offset = 0, types } = options;
  return [...catalog.entities.values()].filter((e) => !types || types.includes(e.type))
    .sort((a, b) => a.id.localeCompare(b.id)).slice(offset, offset + limit).map((e) => ({ ...hitOf(e), matched: e.name }));
}

/** An entry's aliases by language (`*` for those of no language), each list as declared. */
export function aliasesOf(catalog: Catalog, id: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const a of catalog.aliases) if (a.entity === id) (out[a.lang ?? '*'] ??= []).includes(a.text) || out[a.lang ?? '*'].push(a.text);
  return out;
}
