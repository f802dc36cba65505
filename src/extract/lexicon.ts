/**
 * The cue lexicons (`data/cues/<lang>.json`) compiled for matching. Cue forms go through the same trie
 * matcher as catalog aliases, so they share normalisation, prefix forms and multi-word handling.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, type Alias } from '../kb/catalog.js';
import { Matcher } from '../kb/matcher.js';
import { CueLexiconSchema, TRANSFER_STATUSES, type CueLexicon, type TransferStatus } from '../kb/schema.js';
import { CatalogError } from '../errors.js';
import { phraseKeys, type Token } from '../text/normalise.js';
import { CONJUNCTIONS } from './sentence.js';

/** What one cue word says. A form may say several things ("order": a noun and a verb). */
export type Cue =
  | { type: 'transfer'; role: 'supplier' | 'recipient' | 'none'; status: TransferStatus; use?: 'event' | 'operate' }
  | { type: 'marker'; marks: 'recipient' | 'supplier' | 'partner' | 'agent' }
  | { type: 'hedge' | 'negation' | 'denial' | 'cancel' | 'hypothetical' | 'future' | 'report' | 'attribution' | 'attribution-post' | 'replace' | 'conflict' | 'unit' | 'aircraft' | 'attached' }
  | { type: 'production'; status: 'planned' | 'operating' | 'hypothetical' | null }
  | { type: 'licence' | 'operating' | 'planned' }
  | { type: 'cooperation'; cooperation: string }
  | { type: 'sanction' | 'sanction-reason' }
  | { type: 'route' | 'route-via' | 'route-from' | 'route-to' }
  | { type: 'anaphora' | 'group-anaphora' | 'country-anaphora' };

export interface CueMatch {
  first: number;
  last: number;
  start: number;
  end: number;
  text: string;
  cues: Cue[];
}

export interface CompiledLexicon {
  language: string;
  raw: CueLexicon;
  cues: Cue[];
  /** Cue ids that count only when the text has the form's accents, with the form (lower case, NFC). */
  strict: Map<number, string>;
  matcher: Matcher;
  /** Definite articles and demonstratives, by key ("the", "estos", "ці"). */
  definite: Set<string>;
  /** Markers are single words compared directly (they are too short for the matcher's prefix rules). */
  markers: Map<string, ('recipient' | 'supplier' | 'partner' | 'agent')[]>;
  numbers: Map<string, number>;
  scales: Map<string, number>;
  /** `symbol`: written as a sign ("$", "€") rather than a word. */
  currencies: { keys: string[]; code: string; prefix: boolean; symbol: boolean }[];
  /** Separable verbs with their keys: stems, the closing particle, and the transfer cue they make. */
  separable: { stems: Set<string>; particle: string; label: string; cue: Cue }[];
  /** The separable verbs by stem key. */
  separableByStem: Map<string, CompiledLexicon['separable']>;
  /** "From" words (supplier markers), by key: Italian "da" is both a passive's "by" and "from". */
  sources: Set<string>;
  /** Locative prepositions ("in", "w", "в") that are not role markers too ("à" is also "to"), by key. */
  locatives: Set<string>;
}

const cache = new Map<string, CompiledLexicon | null>();

let agentTable: Record<string, string[]> | undefined;
function agentMarkers(language: string, dataDir = DATA_DIR): string[] {
  agentTable ??= (JSON.parse(readFileSync(join(dataDir, 'lexicon', 'agent-markers.json'), 'utf8')) as { markers: Record<string, string[]> }).markers;
  return agentTable[language] ?? [];
}

function compile(lex: CueLexicon): CompiledLexicon {
  const cues: Cue[] = [];
  const aliases: Alias[] = [];
  const add = (forms: string[], cue: Cue) => {
    const id = cues.push(cue) - 1;
    for (const text of forms) {
      // Short function words whose accent is all that tells them apart ("würden" would, "wurden" were) only
      // count as written with it: folding accents would read every "wurden" as a conditional.
      if (STRICT_TYPES.has(cue.type) && text.normalize('NFD') !== text.normalize('NFD').replace(/\p{M}/gu, '')) {
        const own = cues.push({ ...cue }) - 1;
        strict.set(own, text.replace(/\*$/, '').toLowerCase().normalize('NFC'));
        aliases.push({ entity: String(own), text, kind: 'term' });
        continue;
      }
      aliases.push({ entity: String(id), text, kind: 'term' });
    }
  };
  const strict = new Map<number, string>();
  for (const t of lex.transfer) add(t.forms, { type: 'transfer', role: t.role, status: t.status, use: t.use });
  const m = lex.modifiers;
  add(m.hedge, { type: 'hedge' });
  add(m.negation, { type: 'negation' });
  add(m.denial, { type: 'denial' });
  add(m.cancel, { type: 'cancel' });
  add(m.hypothetical, { type: 'hypothetical' });
  add(m.future, { type: 'future' });
  add(m.report, { type: 'report' });
  add(m.attribution, { type: 'attribution' });
  add(m.attributionPostposed, { type: 'attribution-post' });
  add(m.replace, { type: 'replace' });
  add(m.conflict, { type: 'conflict' });
  add(m.units, { type: 'unit' });
  add(m.aircraft, { type: 'aircraft' });
  add(m.attached, { type: 'attached' });
  for (const p of lex.production.cues) add(p.forms, { type: 'production', status: p.status });
  add(lex.production.licence, { type: 'licence' });
  add(lex.production.operating, { type: 'operating' });
  add(lex.production.planned, { type: 'planned' });
  for (const c of lex.cooperation) add(c.forms, { type: 'cooperation', cooperation: c.type });
  add(lex.sanction.cues, { type: 'sanction' });
  add(lex.sanction.reason, { type: 'sanction-reason' });
  add(lex.route.cues, { type: 'route' });
  add(lex.route.via, { type: 'route-via' });
  add(lex.route.from, { type: 'route-from' });
  add(lex.route.to, { type: 'route-to' });
  add(lex.anaphora, { type: 'anaphora' });
  add(lex.groupAnaphora, { type: 'group-anaphora' });
  add(lex.countryAnaphora, { type: 'country-anaphora' });
  const markers = new Map<string, ('recipient' | 'supplier' | 'partner' | 'agent')[]>();
  // Passive agents first: "by" marks who acted, whatever the verb, and wins over a supplier reading.
  for (const form of agentMarkers(lex.language)) markers.set(phraseKeys(form).join(' '), ['agent']);
  for (const [marks, list] of Object.entries(lex.markers) as ['recipient' | 'supplier' | 'partner', string[]][]) {
    for (const form of list) {
      const key = phraseKeys(form).join(' ');
      // A conjunction joins names; it never marks a role ("Serbia and Armenia" are one group).
      // A conjunction joins names; it never marks a partner ("Serbia and Armenia" are one group). As a
      // recipient or supplier marker it is a preposition of that language (Spanish "a").
      if (!key || (marks === 'partner' && CONJUNCTIONS.has(key)) || markers.get(key)?.[0] === 'agent') continue;
      markers.set(key, [...(markers.get(key) ?? []), marks]);
    }
  }
  // Articles and demonstratives are looked up by key before a category word, not matched as cues: they are
  // among the most frequent words of every text.
  const definite = new Set(m.definite.map((f) => phraseKeys(f).join(' ')));
  const numbers = new Map(Object.entries(lex.quantity.numbers).map(([w, n]) => [phraseKeys(w).join(' '), n]));
  const scales = new Map(Object.entries(lex.quantity.scale).map(([w, n]) => [phraseKeys(w).join(' '), n]));
  const currencies = Object.entries(lex.currency).map(([form, code]) => ({
    keys: form.replace(/\*$/, '').match(/[\p{L}\p{N}]/u) ? phraseKeys(form.replace(/\*$/, '')) : [form],
    code, prefix: form.endsWith('*'), symbol: !/[\p{L}\p{N}]/u.test(form),
  }));
  // Cue ids ride in the alias `entity` field; the matcher treats them as opaque strings.
  const separable = lex.separable.map((sep) => ({
    stems: new Set(sep.stems.map((f) => phraseKeys(f).join(' '))), particle: phraseKeys(sep.particle).join(' '), label: sep.particle,
    cue: { type: 'transfer' as const, role: sep.role, status: sep.status },
  }));
  const separableByStem = new Map<string, typeof separable>();
  for (const sep of separable) for (const stem of sep.stems) separableByStem.set(stem, [...(separableByStem.get(stem) ?? []), sep]);
  const sources = new Set(lex.markers.supplier.map((f) => phraseKeys(f).join(' ')));
  const locatives = new Set(lex.production.locative.filter((f) => !f.startsWith('-')).map((f) => phraseKeys(f).join(' ')).filter((k) => k && !markers.has(k)));
  return {
    language: lex.language, raw: lex, cues, strict, matcher: new Matcher(aliases, { plain: true }), markers, definite, numbers, scales,
    currencies, separable, separableByStem, sources, locatives,
  };
}

/** The compiled lexicon of a language, or undefined when armscope has none for it. */
export function lexiconFor(language: string, dataDir = DATA_DIR): CompiledLexicon | undefined {
  const key = `${dataDir}|${language}`;
  if (cache.has(key)) return cache.get(key) ?? undefined;
  const file = join(dataDir, 'cues', `${language}.json`);
  if (!existsSync(file)) { cache.set(key, null); return undefined; }
  const parsed = CueLexiconSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new CatalogError(`${file}: ${i.path.join('.')}: ${i.message}`, { file, issues: parsed.error.issues });
  }
  const compiled = compile(parsed.data);
  cache.set(key, compiled);
  return compiled;
}

/** Cue matches in a token range, longest first, non-overlapping. */
export function matchCues(lex: CompiledLexicon, tokens: Token[], text: string, from = 0, to = tokens.length): CueMatch[] {
  const out: CueMatch[] = [];
  for (const m of lex.matcher.match(tokens, text, undefined, from, to)) {
    const said = text.slice(m.start, m.end);
    const kept = m.payloads.filter((p) => {
      const form = lex.strict.get(Number(p.entity));
      return form === undefined || said.toLowerCase().normalize('NFC').startsWith(form);
    });
    if (kept.length) out.push({ first: m.first, last: m.last, start: m.start, end: m.end, text: said, cues: kept.map((p) => lex.cues[Number(p.entity)]) });
  }
  return out;
}

/** Cue types made of short function words, where an accent can be the only difference between two words. */
const STRICT_TYPES = new Set<Cue['type']>(['hypothetical', 'hedge', 'future', 'negation']);

export const STATUS_ORDER: Record<TransferStatus, number> = Object.fromEntries(TRANSFER_STATUSES.map((s, i) => [s, i])) as Record<TransferStatus, number>;

