/**
 * Multi-pattern matching of every catalog alias over a text in one left-to-right pass. Aliases are compiled
 * into a trie over normalised tokens (`src/text/normalise.ts`); at each token the trie is walked as far as
 * the text allows and the longest match wins. Besides exact tokens, a node can end an alias by a prefix
 * (`иранск*`) or by an inflected form of a proper name (`Srbija` → `Srbiji`, `Россия` → `России`).
 */
import { tokenize, Gap, type Token } from '../text/normalise.js';
import type { Alias, AliasKind } from './catalog.js';

/** How the first word of the text must be written for the alias to count. */
export const enum CaseRule {
  Any = 0,
  /** A proper name: capitalised in the text (`Turkey`, not `turkey`). */
  Capitalised = 1,
  /** A short acronym: all capitals in the text (`US`, not `us` or `Us`). */
  Acronym = 2,
}

export interface Payload {
  entity: string;
  kind: AliasKind;
  caseRule: CaseRule;
  /** Set for language-bound aliases (adjectives, demonyms, category terms): they only count in that language
   *  group (Serbian, Croatian and Bosnian share one). */
  lang?: string;
  /** For names listed under one language ("BAE", Turkish for the Emirates): that language's group. The name
   *  still counts everywhere, but loses to a rival reading that is not foreign to the article. */
  from?: string;
  /** Letters of the alias as listed, without a closing `*`: of two readings of one word ("Росси*" the
   *  name, "российск*" the adjective), the longer form is the more specific. */
  span?: number;
  /** Whatever the matcher's owner attached to the alias (`MatcherOptions.data`). */
  data?: unknown;
  /** Set by the knowledge base: a disambiguation rule speaks of this alias's key, so exact matches of it need
   *  the rule checks (the others skip them without a lookup). */
  ruled: boolean;
}

export type MatchMode = 'exact' | 'prefix' | 'inflected';

export interface Match {
  /** Token indexes, inclusive start and exclusive end. */
  first: number;
  last: number;
  start: number;
  end: number;
  mode: MatchMode;
  payloads: Payload[];
  /** Set when the match is its first word's own candidate (`Single`), which the owner may annotate. */
  single: Single | undefined;
}

/** Receives one match of `Matcher.scan`: the fields of a `Match`. */
export type Visit = (first: number, last: number, start: number, end: number, mode: MatchMode, payloads: Payload[], single: Single | undefined) => void;

/**
 * The candidate a word makes on its own, in one language group, remembered on the word's root entry: it
 * depends on nothing else (case rules read the word's own spelling).
 */
export interface Single {
  lang: string | undefined;
  mode: MatchMode;
  /** Undefined when the word alone matches nothing. */
  payloads: Payload[] | undefined;
  /** A slot for the matcher's owner: the knowledge base keeps the mention it resolves to here. */
  resolved: unknown;
}

export interface Node {
  next: Map<string, Node> | undefined;
  terminals: Payload[] | undefined;
  /**
   * By the code of their first four characters (`headCode`): last-token prefixes ending an alias here
   * (`иранск*`), and last tokens of proper names that may appear inflected. One map, so a token costs one
   * lookup per node; entries are checked in full, so codes that collide only cost that check.
   */
  heads: Map<number, Head> | undefined;
}

interface Head {
  prefixes: { prefix: string; payloads: Payload[] }[];
  /** `cyrillic`: the alias was written in Cyrillic; names inflect within their own script only. */
  inflectable: { word: string; payloads: Payload[]; cyrillic: boolean }[];
}

const isCyrillic = (code: number) => code >= 0x400 && code < 0x530;

/** The first four characters of a key as one number (collisions only cost a check). */
function headCode(key: string): number {
  return Math.imul(Math.imul(Math.imul(key.charCodeAt(0), 65599) + key.charCodeAt(1), 65599) + key.charCodeAt(2), 65599) + key.charCodeAt(3) | 0;
}

const newNode = (): Node => ({ next: undefined, terminals: undefined, heads: undefined });

/** The head entry of `node` for the first four characters of `key`, made when missing. */
function headOf(node: Node, key: string): Head {
  node.heads ??= new Map();
  const code = headCode(key);
  let head = node.heads.get(code);
  if (!head) { head = { prefixes: [], inflectable: [] }; node.heads.set(code, head); }
  return head;
}

// Endings that inflect a proper name in the languages read (after normalisation: ą→a, я→ja, ю→ju).
const ENDINGS = new Set(['', 'a', 'e', 'i', 'o', 'u', 'y', 'ja', 'je', 'ji', 'ju', 'jom', 'joj', 'om', 'em', 'ov', 'ova',
  'ove', 'ovi', 'ih', 'im', 'ima', 'ama', 'ami', 'ah', 'ach', 'ej', 'ei', 'ii', 'iu', 'ie', 'oj', 'om', 's', 'es', 'n',
  'en', 'ns', 'ens', 'iji', 'iju', 'ije', 'ijom', 'ija', 'ien', 'ya', 'yi', 'ow']);
const MIN_STEM = 4;
// Names of these types inflect in running text; organisation and system names are matched as written.
const INFLECTED_TYPES = /^(country|place|person):/;
// Languages close enough to share adjectives and generic terms.
export const LANGUAGE_GROUP: Record<string, string> = { sr: 'sh', hr: 'sh', bs: 'sh' };
const group = (lang: string) => LANGUAGE_GROUP[lang] ?? lang;

/**
 * A system name of one plain word of five letters or more ("Rafale", "Gripen", "Mistral") inflects in case
 * languages like a name: "12 polovnih Rafala", "prvih šest Rafalea". Shorter names and names with digits
 * are too easily another word's stem.
 */
/** Languages (or groups) whose nouns take case endings, so a system name may appear inflected. */
const CASE_LANGUAGES = new Set(['sh', 'pl', 'ru', 'uk', 'bg', 'mk', 'sq']);

function inflectedSystem(entity: string, words: number, last: string): boolean {
  return entity.startsWith('system:') && words === 1 && last.length >= 5 && /^\p{L}+$/u.test(last);
}

/** True when `word` is an inflected form of the name `base` (`srbija`/`srbiji`, `iran`/`irana`). */
export function isInflection(base: string, word: string): boolean {
  if (base === word) return false;
  let p = 0;
  const n = Math.min(base.length, word.length);
  while (p < n && base.charCodeAt(p) === word.charCodeAt(p)) p++;
  if (p < MIN_STEM || p < base.length - 3) return false;
  // `niger` must not read `nigeria`, nor `oman` `omani`: the base may lose an ending, not grow a new stem.
  return ENDINGS.has(base.slice(p)) && ENDINGS.has(word.slice(p)) && word.length - p <= 4;
}

/**
 * Adds a payload unless an equivalent one is there: "Iran" is the name of one country in a dozen languages,
 * and one payload says all of that.
 */
function withPayload(list: Payload[] | undefined, p: Payload): Payload[] {
  if (list === undefined) return [p];
  const same = list.find((q) => q.entity === p.entity && q.kind === p.kind && q.caseRule === p.caseRule && q.lang === p.lang);
  if (!same) list.push(p);
  // The same name in several languages belongs to none of them.
  else if (same.from !== p.from) same.from = undefined;
  return list;
}

function caseRuleOf(text: string, kind: AliasKind): CaseRule {
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (!letters || /\d/.test(text)) return CaseRule.Any; // designations: "Su-35", "f-16" alike
  if (kind === 'adjective' || kind === 'term' || kind === 'demonym') {
    return letters[0] !== letters[0].toLowerCase() && letters.length > 1 && letters === letters.toUpperCase() ? CaseRule.Acronym
      : letters[0] !== letters[0].toLowerCase() ? CaseRule.Capitalised : CaseRule.Any;
  }
  if (letters.length <= 3 && letters === letters.toUpperCase()) return CaseRule.Acronym;
  return letters[0] !== letters[0].toLowerCase() ? CaseRule.Capitalised : CaseRule.Any;
}

/** A prefix or inflected-name candidate for one word. */
interface Hit {
  payloads: Payload[];
  mode: MatchMode;
}
const NO_HITS: Hit[] = [];

/** The prefix and inflected-name candidates a head entry holds for a word (`cyrillic`: the word's script). */
function headHits(head: Head, key: string, cyrillic: boolean): Hit[] {
  let hits = NO_HITS;
  // A word equal to the prefix itself ("Kremlj" for "Kremlj*") is the base form: an exact match.
  for (const p of head.prefixes) if (key.startsWith(p.prefix)) (hits = hits === NO_HITS ? [] : hits).push({ payloads: p.payloads, mode: key.length === p.prefix.length ? 'exact' : 'prefix' });
  // "Перші" (first) is not an inflection of "Persia": a name inflects within its own script.
  for (const e of head.inflectable) if (e.cyrillic === cyrillic && isInflection(e.word, key)) (hits = hits === NO_HITS ? [] : hits).push({ payloads: e.payloads, mode: 'inflected' });
  return hits;
}

/** What the trie's root holds for one word: the node it leads to, and its prefix and inflection candidates. */
interface RootEntry {
  owner: Matcher;
  child: Node | undefined;
  hits: Hit[];
  single: Single | undefined;
  /** No candidate of the word alone is bound to a language: its `single` holds in every language. */
  anyLanguage: boolean;
}

export interface MatcherOptions {
  /** Compare words without the digraph collapse (cue words: "shells" must not read "sells"). */
  plain?: boolean;
  /** Something to carry with each alias's payload (the knowledge base attaches the entity itself). */
  data?: (alias: Alias) => unknown;
}

/** A compiled matcher's data, as the catalog cache keeps it. */
export interface MatcherState {
  root: Node;
  size: number;
}

export class Matcher {
  private readonly root: Node;
  readonly size: number;
  private readonly plain: boolean;
  private readonly data: ((alias: Alias) => unknown) | undefined;

  /** Compiles `aliases`, or takes over a state compiled before (`state()`). */
  constructor(aliases: Alias[] | MatcherState, options: MatcherOptions = {}) {
    this.plain = options.plain ?? false;
    this.data = options.data;
    if (!Array.isArray(aliases)) {
      this.root = aliases.root;
      this.size = aliases.size;
      return;
    }
    this.root = newNode();
    let n = 0;
    for (const alias of aliases) if (this.add(alias)) n++;
    this.size = n;
  }

  /**
   * The payloads of the aliases whose key is exactly `key` (words joined by spaces), as an exact match of
   * that key would carry them.
   */
  exactly(key: string): Payload[][] {
    const words = key.split(' ');
    let node: Node | undefined = this.root;
    for (let k = 0; k < words.length - 1 && node; k++) node = node.next?.get(words[k]);
    if (!node) return [];
    const last = words[words.length - 1];
    const out: Payload[][] = [];
    const end = node.next?.get(last);
    if (end?.terminals) out.push(end.terminals);
    if (last.length >= MIN_STEM) for (const p of node.heads?.get(headCode(last))?.prefixes ?? []) if (p.prefix === last) out.push(p.payloads);
    return out;
  }

  state(): MatcherState {
    return { root: this.root, size: this.size };
  }

  private add(alias: Alias): boolean {
    const raw = alias.text.trim();
    const isPrefix = raw.endsWith('*');
    const tokens = tokenize(isPrefix ? raw.slice(0, -1) : raw);
    if (!tokens.length) return false;
    const keys = tokens.map((t) => (this.plain ? t.plain : t.key));
    const bound = alias.kind === 'adjective' || alias.kind === 'demonym' || alias.kind === 'term';
    const payload: Payload = {
      entity: alias.entity, kind: alias.kind, caseRule: caseRuleOf(raw, alias.kind),
      lang: bound && alias.lang ? group(alias.lang) : undefined, data: this.data?.(alias), ruled: false,
    };
    if (!bound && alias.lang) payload.from = group(alias.lang);
    payload.span = keys.join(' ').length;
    let node = this.root;
    for (let i = 0; i < tokens.length - 1; i++) {
      node.next ??= new Map();
      let child = node.next.get(keys[i]);
      if (!child) { child = newNode(); node.next.set(keys[i], child); }
      node = child;
    }
    const last = keys[keys.length - 1];
    if (isPrefix && last.length >= MIN_STEM) {
      const bucket = headOf(node, last).prefixes;
      const entry = bucket.find((e) => e.prefix === last);
      if (entry) entry.payloads = withPayload(entry.payloads, payload); else bucket.push({ prefix: last, payloads: [payload] });
      return true;
    }
    node.next ??= new Map();
    let end = node.next.get(last);
    if (!end) { end = newNode(); node.next.set(last, end); }
    end.terminals = withPayload(end.terminals, payload);
    if (payload.caseRule === CaseRule.Capitalised && last.length >= MIN_STEM && !/\d/.test(last)
      && (alias.kind === 'name' || alias.kind === 'alias') && (INFLECTED_TYPES.test(alias.entity) || inflectedSystem(alias.entity, tokens.length, last))) {
      const bucket = headOf(node, last).inflectable;
      const cyrillic = isCyrillic(raw.charCodeAt(tokens[tokens.length - 1].start));
      const entry = bucket.find((e) => e.word === last && e.cyrillic === cyrillic);
      if (entry) entry.payloads = withPayload(entry.payloads, payload); else bucket.push({ word: last, payloads: [payload], cyrillic });
    }
    return true;
  }

  /**
   * All longest, non-overlapping alias matches in `text`, left to right, whose case rules hold.
   * @example new Matcher(kb.aliases).match(tokenize(text), text)
   */
  match(tokens: Token[], text: string, language?: string, from = 0, to = tokens.length): Match[] {
    const out: Match[] = [];
    this.scan(tokens, text, language, (first, last, start, end, mode, payloads, single) => {
      out.push({ first, last, start, end, mode, payloads, single });
    }, from, to);
    return out;
  }

  /**
   * The matches of `match`, handed to `visit` as they are found, in parts: no object per match, for callers
   * that turn most matches into something else at once (recognition).
   */
  scan(tokens: Token[], text: string, language: string | undefined, visit: Visit, from = 0, to = tokens.length): void {
    const plain = this.plain;
    const lang = language && language !== 'und' ? group(language) : undefined;
    let i = from;
    while (i < to) {
      // Most words start no alias. What the root holds for a word is asked once per distinct spelling and
      // remembered on the word itself.
      const t = tokens[i];
      const word = t.word;
      let entry = (plain ? word.plainMemo : word.memo) as RootEntry | undefined;
      if (entry === this.none) { i++; continue; } // the common case, told without reading the entry
      if (entry === undefined || entry.owner !== this) {
        entry = this.rootEntry(t, plain ? t.plain : t.key, text);
        if (plain) word.plainMemo = entry; else word.memo = entry;
        if (entry === this.none) { i++; continue; }
      }
      const child = entry.child;
      // "the", "a", "de" start some multi-word alias but are rarely followed by its next word: look ahead
      // one word before walking.
      if (entry.hits.length === 0 && child !== undefined && child.terminals === undefined) {
        const next = i + 1 < to ? tokens[i + 1] : undefined;
        if (next === undefined || next.gap === Gap.Apart) { i++; continue; }
        const nextKey = plain ? next.plain : next.key;
        if (!child.next?.has(nextKey) && (child.heads === undefined || nextKey.length < MIN_STEM || !child.heads.has(headCode(nextKey)))) {
          i++;
          continue;
        }
      }
      const last = this.longestAt(tokens, text, i, lang, to, entry);
      if (last < 0) { i++; continue; }
      // Read before `visit`, which may match again (and so overwrite the walk's fields).
      const mode = this.bestMode;
      const payloads = this.bestPayloads;
      visit(i, last, t.start, tokens[last - 1].end, mode, payloads, last === i + 1 ? entry.single : undefined);
      i = last;
    }
  }

  private readonly none: RootEntry = { owner: this, child: undefined, hits: NO_HITS, single: undefined, anyLanguage: true };

  private rootEntry(token: Token, key: string, text: string): RootEntry {
    const child = this.root.next?.get(key);
    const head = key.length >= MIN_STEM && !token.digit ? this.root.heads?.get(headCode(key)) : undefined;
    const hits = head === undefined ? NO_HITS : headHits(head, key, isCyrillic(text.charCodeAt(token.start)));
    if (child === undefined && hits.length === 0) return this.none;
    const bound = (ps: Payload[] | undefined) => ps !== undefined && ps.some((p) => p.lang !== undefined);
    const anyLanguage = !bound(child?.terminals) && !hits.some((h) => bound(h.payloads));
    return { owner: this, child, hits, single: undefined, anyLanguage };
  }

  // The best candidate of the current walk, kept in fields rather than objects: most words are tried as
  // several candidates (exact, prefix, inflected) and only one becomes a match.
  private bestLast = -1;
  private bestMode: MatchMode = 'exact';
  private bestPayloads: Payload[] = [];

  /**
   * The end (exclusive token index) of the longest match starting at token `i`, given what the root holds
   * for that token's word, or -1; its mode and payloads are left in `bestMode` and `bestPayloads`.
   */
  private longestAt(tokens: Token[], text: string, i: number, lang: string | undefined, to: number, entry: RootEntry): number {
    const first = tokens[i];
    // Cue words compare the uncollapsed form ("shells" is not "sells").
    const plain = this.plain;
    let node = entry.child;
    let single = entry.single;
    // A mixed-language stream asks for the same word in turn in several languages: most words' candidates
    // do not depend on it, and keep one memory for all.
    if (single === undefined || (single.lang !== lang && !entry.anyLanguage)) {
      this.bestLast = -1;
      for (const hit of entry.hits) this.consider(hit.payloads, tokens, i, i, hit.mode, lang, first);
      if (node?.terminals !== undefined) this.consider(node.terminals, tokens, i, i, 'exact', lang, first);
      single = { lang, mode: this.bestMode, payloads: this.bestLast < 0 ? undefined : this.bestPayloads, resolved: undefined };
      entry.single = single;
    } else if (single.payloads === undefined) this.bestLast = -1;
    else {
      this.bestLast = i + 1;
      this.bestMode = single.mode;
      this.bestPayloads = single.payloads;
    }
    for (let j = i + 1; node !== undefined && j < to; j++) {
      if (node.next === undefined && node.heads === undefined) break; // a one-word alias: nothing follows
      const t = tokens[j];
      if (t.gap === Gap.Apart) break;
      // "Su 30" is a designation, Spanish "su 30" is not: a short letter part spaced from its number must be
      // capitalised ("Su-30", "su30" and "SU 30" pass).
      const prev = tokens[j - 1];
      if (t.digit && !prev.digit && !prev.upper && prev.end - prev.start <= 3 && t.gap === Gap.Spaced) break;
      // Likewise a variant letter after the number: "F-16A" and "F-16 A" are variants, Spanish "F-16 a" is not.
      if (!t.digit && prev.digit && !t.upper && t.end - t.start <= 2 && t.gap === Gap.Spaced) break;
      const key = plain ? t.plain : t.key;
      if (node.heads !== undefined && key.length >= MIN_STEM && !t.digit) {
        const head = node.heads.get(headCode(key));
        if (head !== undefined) for (const hit of headHits(head, key, isCyrillic(text.charCodeAt(t.start)))) this.consider(hit.payloads, tokens, i, j, hit.mode, lang, first);
      }
      node = node.next?.get(key);
      if (node === undefined) break;
      if (node.terminals !== undefined) this.consider(node.terminals, tokens, i, j, 'exact', lang, first);
    }
    return this.bestLast;
  }

  /** Keeps the better of the current best candidate and the payloads ending at token `j`. */
  private consider(payloads: Payload[], tokens: Token[], i: number, j: number, mode: MatchMode, lang: string | undefined, first: Token): void {
    // Inflected system names only where nouns take case endings.
    if (mode === 'inflected' && !(lang !== undefined && CASE_LANGUAGES.has(lang))) {
      payloads = payloads.filter((p) => !p.entity.startsWith('system:'));
      if (payloads.length === 0) return;
    }
    let ok: Payload[] = payloads;
    for (let k = 0; k < payloads.length; k++) {
      const p = payloads[k];
      if ((lang !== undefined && p.lang !== undefined && p.lang !== lang) || (p.caseRule !== CaseRule.Any && !caseHolds(p.caseRule, first, tokens, i, j))) {
        ok = payloads.filter((q) => (lang === undefined || q.lang === undefined || q.lang === lang) && caseHolds(q.caseRule, first, tokens, i, j));
        break;
      }
    }
    if (ok.length === 0) return;
    const last = j + 1;
    // Longer wins; at equal length an exact match beats a prefix or inflected one.
    if (this.bestLast < 0 || last > this.bestLast || (last === this.bestLast && mode === 'exact' && this.bestMode !== 'exact')) {
      this.bestLast = last;
      this.bestMode = mode;
      this.bestPayloads = ok;
    } else if (last === this.bestLast && mode === this.bestMode) {
      this.bestPayloads = this.bestPayloads.concat(ok);
    }
  }
}

function caseHolds(rule: CaseRule, first: Token, tokens: Token[], i: number, last: number): boolean {
  if (rule === CaseRule.Any) return true;
  if (rule === CaseRule.Capitalised) return first.upper || first.digit;
  // Acronyms: every letter token of the match in capitals ("U.S." → U, S).
  for (let k = i; k <= last; k++) {
    const t = tokens[k];
    if (!t.digit && !(t.allUpper || (t.upper && t.end - t.start === 1))) return false;
  }
  return true;
}
