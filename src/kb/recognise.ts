/**
 * Entity recognition: catalog matches become mentions with a span, an entity id, a type, the country they
 * stand for and a confidence; ambiguous names are settled by the rules in `data/lexicon/disambiguation.json`
 * (given names, US states, food, common words of the article's language, capitals as places).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tokenize, foldWord, Gap, type Token } from '../text/normalise.js';
import { cacheDir, cacheKey, readCompiled, writeCompiled } from './cache.js';
import { DATA_DIR, catalogInputs, loadCatalog, type AliasKind, type Catalog, type Entity, type EntityType, type LoadOptions } from './catalog.js';
import { LANGUAGE_GROUP, Matcher, type Match, type Payload } from './matcher.js';
import type { Category, Language } from './schema.js';

export type MentionRole = 'country' | 'adjective' | 'metonym' | 'place' | 'organisation' | 'person' | 'system' | 'category' | 'bloc' | 'citation';

export interface Mention {
  start: number;
  end: number;
  text: string;
  entity: string;
  type: EntityType;
  kind: AliasKind;
  role: MentionRole;
  /** The country the mention stands for or belongs to (a system's origin, an organisation's seat). */
  country: string | null;
  category?: Category;
  confidence: number;
  /** Matched in an inflected form ("Србији", "Ирану"): in case languages, rarely the subject. */
  inflected: boolean;
  /** The text is one of the entity's aliases as listed (up to case, accents and spacing). */
  exact: boolean;
  /** Token span inside the tokens recognition ran on. */
  firstToken: number;
  lastToken: number;
  /** Why a choice was made among alternatives, when one was. */
  note?: string;
}

// Maps rather than objects throughout: they are asked with words of the text, which may be any string
// ("constructor" included) and which V8 looks up faster in a Map than as property names.
interface Rules {
  personNames: Set<string>;
  rejectNear: Map<string, Map<string, Set<string>>>;
  prefer: { alias: string; entity: string; near: Set<string> }[];
  locatives: Map<string, Set<string>>;
  locativeSuffixes: Map<string, Set<string>>;
  falseFriends: Map<string, Map<string, string[]>>;
}

function loadRules(dataDir: string): Rules {
  const raw = JSON.parse(readFileSync(join(dataDir, 'lexicon', 'disambiguation.json'), 'utf8'));
  const keys = (list: string[]) => new Set(list.map((w) => foldWord(w.toLowerCase().replace(/\./g, ''))));
  return {
    personNames: keys(raw.personNames),
    rejectNear: new Map(Object.entries(raw.rejectNear as Record<string, Record<string, string[]>>)
      .map(([lang, m]) => [lang, new Map(Object.entries(m).map(([w, near]) => [foldWord(w), keys(near)]))])),
    prefer: (raw.prefer as { alias: string; entity: string; near: string[] }[]).map((p) => ({ alias: foldWord(p.alias), entity: p.entity, near: keys(p.near) })),
    locatives: new Map(Object.entries(raw.locatives as Record<string, string[]>).map(([l, w]) => [l, keys(w)])),
    locativeSuffixes: new Map(Object.entries((raw.locativeSuffixes ?? {}) as Record<string, string[]>).map(([l, w]) => [l, keys(w)])),
    falseFriends: new Map(Object.entries((raw.falseFriends ?? {}) as Record<string, Record<string, string[]>>)
      .map(([l, m]) => [l, new Map(Object.entries(m).map(([e, ws]) => [e, ws.map((w) => foldWord(w))]))])),
  };
}

/** The part of a mention that follows from what matched, not from where. */
type Resolved = Pick<Mention, 'entity' | 'type' | 'kind' | 'role' | 'country' | 'category' | 'confidence' | 'inflected' | 'exact'>;

function mentionOf(first: number, last: number, start: number, end: number, tokens: Token[], text: string, r: Resolved, note: string | undefined): Mention {
  return {
    // A one-word mention's text is its word's spelling, kept once for every occurrence.
    start, end, text: last - first === 1 ? tokens[first].word.raw : text.slice(start, end), entity: r.entity, type: r.type, kind: r.kind,
    role: r.role, country: r.country, category: r.category, confidence: r.confidence, inflected: r.inflected, exact: r.exact,
    firstToken: first, lastToken: last, note,
  };
}

/** What a catalog alias's payload carries: its entity, and whether an entity rule applies to it. */
interface Target {
  entity: Entity;
  ruled: boolean;
}

function oneEntity(payloads: Payload[]): boolean {
  for (let k = 1; k < payloads.length; k++) if (payloads[k].entity !== payloads[0].entity) return false;
  return true;
}

function keyOf(tokens: Token[], first: number, last: number): string {
  let key = tokens[first].key;
  for (let k = first + 1; k < last; k++) key += ' ' + tokens[k].key;
  return key;
}

const TYPE_PRIORITY: Record<EntityType, number> = { country: 6, bloc: 5, place: 4, organisation: 3, system: 3, person: 2, category: 1 };
const BASE_CONFIDENCE: Record<AliasKind, number> = { name: 0.95, designation: 0.95, alias: 0.9, adjective: 0.9, demonym: 0.9, term: 0.85 };

export interface RecogniseOptions {
  language?: string;
  /** Spans (e.g. cited sources) whose mentions are kept with role `citation`, not as actors. */
  exclude?: { start: number; end: number }[];
  /** Sentence starts: the first word of a sentence is capitalised for grammar, not because it is a name. */
  sentenceStarts?: Set<number>;
}

export class KnowledgeBase {
  readonly matcher: Matcher;
  private readonly rules: Rules;

  /** Some rule is keyed by several words ("new mexico"), so matches of several words need their key. */
  private readonly phraseRules: boolean;
  /** Every key some rule speaks of: most mentions need no rule, and one lookup tells. */
  private readonly ruleKeys: Set<string>;
  /** Entities that are only ever an alternative reading (`prefer` rules). */
  private readonly preferred: Set<string>;

  /**
   * `matcher`: one compiled before for this catalog and these rules (the cache), whose payloads carry their
   * `Target`s; otherwise the catalog's aliases are compiled here.
   */
  constructor(readonly catalog: Catalog, dataDir = DATA_DIR, matcher?: Matcher) {
    this.rules = loadRules(dataDir);
    this.preferred = new Set(this.rules.prefer.map((r) => r.entity));
    const keys = [...this.rules.prefer.map((r) => r.alias), ...[...this.rules.rejectNear.values()].flatMap((m) => [...m.keys()]),
      ...Object.values(catalog.homonyms).flatMap((set) => [...set ?? []])];
    this.phraseRules = keys.some((k) => k.includes(' '));
    this.ruleKeys = new Set([...keys, ...this.rules.personNames]);
    if (matcher) this.matcher = matcher;
    else {
      const ruleEntities = new Set([...this.preferred, ...[...this.rules.falseFriends.values()].flatMap((m) => [...m.keys()])]);
      const targets = new Map([...catalog.entities.values()].map((e) => [e.id, { entity: e, ruled: ruleEntities.has(e.id) } satisfies Target]));
      this.matcher = new Matcher(catalog.aliases, { data: (alias) => targets.get(alias.entity) });
    }
    for (const key of this.ruleKeys) for (const payloads of this.matcher.exactly(key)) for (const p of payloads) p.ruled = true;
  }

  /**
   * Loads the bundled catalog (plus user folders) and compiles the matcher, or takes both from the cache
   * when the catalog files are byte for byte those it was compiled from (`src/kb/cache.ts`).
   */
  static load(options: LoadOptions & { cache?: boolean } = {}): KnowledgeBase {
    const key = options.cache === false || !cacheDir() ? undefined : cacheKey(catalogInputs(options));
    const cached = key ? readCompiled(key) : undefined;
    if (cached) return new KnowledgeBase(cached.catalog, options.dataDir, new Matcher(cached.matcher));
    const kb = new KnowledgeBase(loadCatalog({ strict: true, ...options }), options.dataDir);
    if (key) writeCompiled(key, { catalog: kb.catalog, matcher: kb.matcher.state() });
    return kb;
  }

  entity(id: string) {
    return this.catalog.entities.get(id);
  }

  /**
   * Recognises catalog entities in `text`.
   * @example kb.recognise('Iran sent Shahed-136 drones to Russia.').map((m) => m.entity)
   *   // ['country:IR', 'system:shahed-136', 'category:uav', 'country:RU']
   */
  recognise(text: string, options: RecogniseOptions = {}, tokens: Token[] = tokenize(text)): Mention[] {
    const mentions: Mention[] = [];
    const starts = options.sentenceStarts;
    const exclude = options.exclude;
    const language = options.language;
    this.matcher.scan(tokens, text, language, (first, last, start, end, mode, payloads, single) => {
      // A word already resolved on its own needs no Match object, nor any rule.
      const known = single?.resolved as Resolved | undefined;
      const mention = known !== undefined ? mentionOf(first, last, start, end, tokens, text, known, undefined)
        : this.resolve({ first, last, start, end, mode, payloads, single }, tokens, text, language, starts);
      if (!mention) return;
      if (exclude?.some((s) => mention.start >= s.start && mention.end <= s.end)) mention.role = 'citation';
      mentions.push(mention);
    });
    return mentions;
  }


  /** Words within `window` tokens of a match, not crossing a sentence end. */
  private near(tokens: Token[], text: string, match: Match, window: number): Set<string> {
    const words = new Set<string>();
    const boundary = (a: Token, b: Token) => /[.!?\n]/.test(text.slice(a.end, b.start));
    for (let k = match.first - 1; k >= Math.max(0, match.first - window) && !boundary(tokens[k], tokens[k + 1]); k--) words.add(tokens[k].key);
    for (let k = match.last; k < Math.min(tokens.length, match.last + window) && !boundary(tokens[k - 1], tokens[k]); k++) words.add(tokens[k].key);
    return words;
  }

  private resolve(match: Match, tokens: Token[], text: string, language: string | undefined, starts?: Set<number>): Mention | undefined {
    // The rules are keyed by words; a several-word key is only built when some rule has one.
    const single = match.last - match.first === 1;
    const key = single ? tokens[match.first].key : this.phraseRules ? keyOf(tokens, match.first, match.last) : undefined;
    let payloads = match.payloads;
    let note: string | undefined;
    const lang = language ?? 'en';
    const ruled = key !== undefined && (match.mode === 'exact' ? payloads[0].ruled === true : this.ruleKeys.has(key));
    if (ruled) {
      // Common words of the article's language that are also names, at a sentence start: not a name.
      const sentenceInitial = starts?.has(match.start) ?? (match.first === 0);
      if (sentenceInitial && lang !== 'en' && this.catalog.homonyms[lang as Language]?.has(key)) {
        payloads = payloads.filter((p) => p.caseRule === 0);
        if (!payloads.length) return undefined;
      }
      const reject = this.rules.rejectNear.get(lang)?.get(key);
      if (reject?.size) {
        const around = this.near(tokens, text, match, 4);
        if ([...reject].some((w) => around.has(w))) return undefined;
      }
      if (single && this.rules.personNames.has(key)) {
        const before = tokens[match.first - 1];
        const after = tokens[match.last];
        const nameLike = (t: Token | undefined, gapOk: boolean) => t && t.upper && !t.allUpper && gapOk && !starts?.has(t.start)
          && !this.matcher.match([t], text, language).length;
        const gapBefore = before && /^\s$/.test(text.slice(before.end, match.start));
        const gapAfter = after && /^\s$/.test(text.slice(match.end, after.start));
        if (nameLike(before, Boolean(gapBefore)) || nameLike(after, Boolean(gapAfter))) return undefined;
      }
    }
    // Settle alternatives: a preferred reading when its cue words are near, else the most likely type.
    const entities = oneEntity(payloads) ? undefined : [...new Set(payloads.map((p) => p.entity))];
    let entity = payloads[0].entity;
    if (entities !== undefined) {
      const rule = this.rules.prefer.find((r) => r.alias === key && entities.includes(r.entity));
      const around = rule ? this.near(tokens, text, match, 6) : undefined;
      if (rule && [...rule.near].some((w) => around!.has(w))) {
        entity = rule.entity;
        note = `${rule.entity} chosen: a cue word for it is near`;
      } else {
        // A reading whose every alias here is a name in another language ranks last.
        const group = LANGUAGE_GROUP[lang] ?? lang;
        const foreign = (id: string) => payloads.filter((p) => p.entity === id).every((p) => p.from !== undefined && p.from !== group);
        const ranked = entities.filter((e) => !rule || e !== rule.entity)
          .map((e) => this.catalog.entities.get(e)!)
          .sort((a, b) => Number(foreign(a.id)) - Number(foreign(b.id)) || TYPE_PRIORITY[b.type] - TYPE_PRIORITY[a.type]);
        entity = ranked[0].id;
      }
    }
    let payload = entities === undefined ? payloads[0] : payloads.find((p) => p.entity === entity)!;
    // One word read as a country's name and as its adjective ("Российские": "Росси*" and "российск*"):
    // the longer listed form wins; with forms of one length ("Hrvatsk*", "hrvatsk*") a lowercase word is
    // the adjective.
    if (match.mode !== 'exact' && payloads.length > 1) {
      const adjective = payloads.find((p) => p.entity === payload.entity && (p.kind === 'adjective' || p.kind === 'demonym'));
      const name = payloads.find((p) => p.entity === payload.entity && p.kind === 'name');
      if (adjective && name) {
        const a = adjective.span ?? 0;
        const n = name.span ?? 0;
        payload = a > n || (a === n && !tokens[match.first].upper) ? adjective : name;
      }
    }
    const target = payload.data as Target;
    if (target.ruled) {
      // An alternative reading alone, without the main one: never chosen unprompted.
      if (entities === undefined && this.preferred.has(entity)) return undefined;
      // Words, so a match of several words starts with one as its first word does.
      const friends = this.rules.falseFriends.get(lang)?.get(entity);
      if (friends?.some((w) => tokens[match.first].key.startsWith(w))) return undefined;
    }
    const e = target.entity;
    let confidence = BASE_CONFIDENCE[payload.kind] * (match.mode === 'exact' ? 1 : match.mode === 'prefix' ? 0.92 : 0.85);
    if (e.ambiguous) confidence *= 0.7;
    if (entities !== undefined && !note) confidence *= 0.85;
    let role: MentionRole;
    let country = e.country;
    switch (e.type) {
      case 'country': role = payload.kind === 'adjective' || payload.kind === 'demonym' ? 'adjective' : 'country'; break;
      case 'place': {
        role = 'place';
        if (e.metonymFor) {
          const before = tokens[match.first - 1];
          const after = tokens[match.last];
          const locative = (before && this.rules.locatives.get(lang)?.has(before.key))
            || (after && after.gap !== Gap.Joined && this.rules.locativeSuffixes.get(lang)?.has(after.key) && /^['’]$/.test(text.slice(match.end, after.start)));
          if (!locative) { role = 'metonym'; country = e.metonymFor; }
        }
        break;
      }
      case 'organisation': role = 'organisation'; break;
      case 'person': role = 'person'; break;
      case 'system': role = 'system'; break;
      case 'bloc': role = 'bloc'; break;
      default: role = 'category';
    }
    const resolved: Resolved = {
      entity, type: e.type, kind: payload.kind, role, country, category: e.category, confidence: Math.round(confidence * 100) / 100,
      inflected: match.mode !== 'exact' && (payload.kind === 'name' || payload.kind === 'alias'), exact: match.mode === 'exact',
    };
    // A word on its own that no rule, rival reading or metonymy touches always resolves the same way: the
    // matcher's per-word candidate keeps the result for the word's next occurrence.
    if (match.single !== undefined && !ruled && entities === undefined && !target.ruled && !(e.type === 'place' && e.metonymFor)) {
      match.single.resolved = resolved;
    }
    return mentionOf(match.first, match.last, match.start, match.end, tokens, text, resolved, note);
  }
}
