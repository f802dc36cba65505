/**
 * Matching a party against the loaded lists, in the request and response shapes of OpenSanctions' yente
 * `/match` (`queries` of schema and properties in; per query `results` with `score`, `match` and `features`
 * out), so clients written for yente read armscope's answers. Every result says why: the listed name it
 * matched, both names normalised, each query word with the listed word it was aligned with and how alike
 * they are, and each feature's value and effect on the score.
 */
import { ValidationError } from '../errors.js';
import { normaliseName, round, SUBSTITUTION_PENALTY } from './names.js';
import type { Candidate, IndexedEntity, MatchIndex } from './match-index.js';

/** The score at or above which a result is a match. Chosen on the name-pair set (`data/screen/name-pairs.tsv`). */
export const DEFAULT_THRESHOLD = 0.72;
/** Results below this are not returned at all (yente's `cutoff`). */
export const DEFAULT_CUTOFF = 0.5;
/** What a country mismatch costs: names alike, but the parties are said to be elsewhere. */
export const COUNTRY_PENALTY = 0.1;

export interface MatchQuery {
  schema: string;
  properties: Record<string, string[]>;
}

export interface MatchOptions {
  threshold?: number;
  cutoff?: number;
  limit?: number;
  /** Only parties of this list (yente's dataset); all lists without it. */
  list?: string;
}

export interface MatchResult {
  id: string;
  caption: string;
  schema: string;
  properties: { name: string[]; country: string[]; topics: string[] };
  datasets: string[];
  target: boolean;
  score: number;
  match: boolean;
  features: Record<string, number>;
  /** Why, in words and aligned words. */
  explanation: {
    query_name: string;
    query_normalised: string;
    matched_name: string;
    matched_normalised: string;
    words: { query: string; listed: string | null; similarity: number; weight: number }[];
    query_coverage: number;
    listed_coverage: number;
    notes: string[];
  };
  list: string;
  list_version: string;
}

export interface MatchResponse {
  status: 200;
  results: MatchResult[];
  total: { value: number; relation: 'eq' };
  query: MatchQuery & { normalised: { names: string[]; legal_forms: string[] } };
}

/** Which listed schemata a query of each schema may match (a query's LegalEntity may be a person or a company). */
const COMPATIBLE: Record<string, string[]> = {
  Person: ['Person', 'LegalEntity'],
  Company: ['Company', 'Organization', 'LegalEntity', 'PublicBody'],
  Organization: ['Company', 'Organization', 'LegalEntity', 'PublicBody'],
  PublicBody: ['Organization', 'PublicBody', 'LegalEntity'],
  LegalEntity: ['Person', 'Company', 'Organization', 'LegalEntity', 'PublicBody'],
  Vessel: ['Vessel'],
  Airplane: ['Airplane'],
};
export const QUERY_SCHEMATA = Object.keys(COMPATIBLE);

function checkScore(value: number, name: string): number {
  if (!(value >= 0 && value <= 1)) throw new ValidationError(`${name} must be a number from 0 to 1, got ${value}`, { field: name, value });
  return value;
}

function explain(c: Candidate, queryName: string, queryNormalised: string, queryForms: string[], queryCountries: string[],
  threshold: number): { score: number; features: Record<string, number>; explanation: MatchResult['explanation'] } {
  const cmp = c.comparison;
  const notes: string[] = [];
  const phonetic = cmp.pairs.filter((p) => p.candidate && p.query !== p.candidate && p.similarity === 0.9).length;
  const fuzzy = cmp.pairs.filter((p) => p.candidate && p.query !== p.candidate && p.similarity !== 0.9).length;
  const features: Record<string, number> = { name_match: cmp.score, name_literal_match: cmp.literal ? 1 : 0 };
  if (cmp.literal) notes.push('the same words, in any order, once legal forms are set aside');
  if (phonetic) { features.name_phonetic_words = phonetic; notes.push(`${phonetic} word(s) alike by their phonetic key (a transliteration variant)`); }
  if (fuzzy) { features.name_fuzzy_words = fuzzy; notes.push(`${fuzzy} word(s) alike by spelling (edit distance)`); }
  const missing = cmp.pairs.filter((p) => !p.candidate).map((p) => p.query);
  if (missing.length) notes.push(`not in the listed name: ${missing.join(', ')}`);
  if (cmp.substituted) { features.name_word_substituted = 1; notes.push(`each name has a word the other lacks: −${SUBSTITUTION_PENALTY}`); }
  let score = cmp.score;
  const listed = c.entity.countries.map((x) => x.toLowerCase());
  if (queryCountries.length && listed.length) {
    if (queryCountries.some((x) => listed.includes(x))) {
      features.country_match = 1;
      notes.push(`same country (${queryCountries.filter((x) => listed.includes(x)).join(', ')})`);
    } else {
      features.country_disjoint = 1;
      score -= COUNTRY_PENALTY;
      notes.push(`countries differ (query ${queryCountries.join(', ')}, listed ${listed.join(', ')}): −${COUNTRY_PENALTY}`);
    }
  }
  if (queryForms.length && c.forms.length && !queryForms.some((f) => c.forms.includes(f))) {
    features.legal_form_mismatch = 1;
    notes.push(`legal forms differ (${queryForms.join(', ')} / ${c.forms.join(', ')}); not counted against the match`);
  }
  score = round(Math.max(0, score));
  notes.push(`score ${score} ${score >= threshold ? '≥' : '<'} threshold ${threshold}`);
  return {
    score, features,
    explanation: {
      query_name: queryName, query_normalised: queryNormalised, matched_name: c.name, matched_normalised: c.normalised,
      words: cmp.pairs.map((p) => ({ query: p.query, listed: p.candidate, similarity: p.similarity, weight: p.weight })),
      query_coverage: cmp.queryCoverage, listed_coverage: cmp.candidateCoverage, notes,
    },
  };
}

function propertyValues(query: MatchQuery, key: string): string[] {
  const v = query.properties[key];
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new ValidationError(`properties.${key} must be a list of strings`, { field: key });
  return v.map((x) => x.trim()).filter(Boolean);
}

/**
 * Matches one query against the index: every name of the query (`name`, `alias`, `previousName`; for people
 * also `firstName` + `lastName`) is searched, and each listed party keeps its best-scoring name.
 * @example matchQuery(index, { schema: 'Company', properties: { name: ['Zala Aero LLC'] } }).results[0].id // 'NK-abdzbEBkqyT29GyREbiURZ'
 */
export function matchQuery(index: MatchIndex, query: MatchQuery, options: MatchOptions = {}): MatchResponse {
  const threshold = checkScore(options.threshold ?? DEFAULT_THRESHOLD, 'threshold');
  const cutoff = checkScore(options.cutoff ?? Math.min(DEFAULT_CUTOFF, threshold), 'cutoff');
  const limit = options.limit ?? 5;
  const allowed = COMPATIBLE[query.schema];
  if (!allowed) throw new ValidationError(`schema "${query.schema}" cannot be matched; one of ${QUERY_SCHEMATA.join(', ')}`, { field: 'schema', value: query.schema });
  const names = [...propertyValues(query, 'name'), ...propertyValues(query, 'alias'), ...propertyValues(query, 'previousName')];
  const first = propertyValues(query, 'firstName');
  const last = propertyValues(query, 'lastName');
  if (first.length && last.length) names.push(`${first[0]} ${last[0]}`);
  if (!names.length) throw new ValidationError('a query needs properties.name (or firstName and lastName)', { field: 'properties.name' });
  const countries = [...propertyValues(query, 'country'), ...propertyValues(query, 'jurisdiction'), ...propertyValues(query, 'nationality')]
    .map((c) => c.toLowerCase());
  const accept = (e: IndexedEntity) => allowed.includes(e.schema) && (options.list === undefined || e.list === options.list);
  const best = new Map<string, MatchResult>();
  const normalisedNames: string[] = [];
  const forms = new Set<string>();
  for (const name of names) {
    const n = normaliseName(name);
    normalisedNames.push(n.text);
    n.forms.forEach((f) => forms.add(f));
    for (const c of index.search(name, cutoff, accept)) {
      const { score, features, explanation } = explain(c, name, n.text, n.forms, countries, threshold);
      if (score < cutoff) continue;
      const key = `${c.entity.list}\u0000${c.entity.id}`;
      const previous = best.get(key);
      if (previous && previous.score >= score) continue;
      best.set(key, {
        id: c.entity.id, caption: c.entity.caption, schema: c.entity.schema,
        properties: { name: c.entity.names, country: c.entity.countries, topics: c.entity.topics },
        datasets: c.entity.datasets, target: c.entity.target, score, match: score >= threshold, features, explanation,
        list: c.entity.list, list_version: c.entity.version,
      });
    }
  }
  const results = [...best.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  return {
    status: 200,
    results: results.slice(0, limit),
    total: { value: results.length, relation: 'eq' },
    query: { ...query, normalised: { names: normalisedNames, legal_forms: [...forms] } },
  };
}
