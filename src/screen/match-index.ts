/**
 * An in-memory index of listed parties' names for matching at the scale of whole sanctions lists (a million
 * parties). Names are never compared one by one with the whole list: each query word finds the listed names
 * holding the same word, a word with the same phonetic key, or a word one edit away (a deletion
 * neighbourhood over the vocabulary, for words of 5 letters or more), and only those candidates are scored.
 *
 * Invariant: every name that could reach `cutoff` is a candidate. The rarest query words are looked up first,
 * and lookup stops only when the words left could not lift a name that holds none of the looked-up ones
 * to the cutoff (see `minQueryCoverage`), so skipping common words never loses a match.
 */
import { combine, compareNames, normaliseName, phoneticKey, wordSimilarity, type NameComparison, type WordWeight } from './names.js';
import type { ListEntity } from './types.js';

export interface IndexedEntity extends ListEntity {
  /** The list and version it came from. */
  list: string;
  version: string;
}

export interface Candidate {
  entity: IndexedEntity;
  /** The listed name that matched best, and its normalised form. */
  name: string;
  normalised: string;
  forms: string[];
  comparison: NameComparison;
}

/** Words of at least this length get a deletion neighbourhood (shorter words must match exactly or phonetically). */
const FUZZY_MIN = 5;
/** At most this many candidate names are scored per query name: the ones the looked-up words promise most. */
const MAX_SCORED = 400;

/** The lowest share of the query's weight a name must match to reach `cutoff` (candidate coverage counts at most 1). */
export function minQueryCoverage(cutoff: number): number {
  return cutoff / (2 - cutoff);
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * A 31-bit FNV-1a hash of `word` with the letter at `skip` left out (-1: none), computed without building the
 * string. The deletion neighbourhood is keyed by these numbers: millions of keys cost no strings, and a
 * collision only adds a candidate word that `wordSimilarity` then turns away.
 */
function hashWithout(word: string, skip: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    if (i === skip) continue;
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h & 0x3fffffff;
}

/** Everything a finished index holds, as plain data: what `snapshot` gives and `restore` takes (for the disk cache). */
export interface IndexState {
  entities: IndexedEntity[];
  vocab: string[];
  phonetic: Map<string, number[]>;
  deletes: Map<number, number | number[]>;
  nameEntity: Int32Array;
  nameText: string[];
  nameForms: string[][];
  tokenStart: Int32Array;
  tokens: Int32Array;
  /** Postings of every word, end to end; word i's are postingData[postingStart[i] .. postingStart[i+1]). */
  postingData: Int32Array;
  postingStart: Int32Array;
}

export class MatchIndex {
  entities: IndexedEntity[] = [];
  private vocab: string[] = [];
  private readonly vocabId = new Map<string, number>();
  private phonetic = new Map<string, number[]>();
  // A deletion key is held by one word far more often than by several: a number until a second comes.
  private deletes = new Map<number, number | number[]>();
  /** Expansions of query words already asked for: names in a parts file repeat their words. */
  private readonly expansions = new Map<string, number[]>();
  // Names, flat: name i is entity nameEntity[i], words tokens[tokenStart[i] .. tokenStart[i+1]).
  private nameEntity: number[] | Int32Array = [];
  private nameText: string[] = [];
  private nameForms: string[][] = [];
  /** One array per distinct set of legal forms: most names share one of a handful. */
  private readonly formSets = new Map<string, string[]>();
  private tokenStart: number[] | Int32Array = [0];
  private tokens: number[] | Int32Array = [];
  // Per vocabulary word: the names holding it (filled by `finish`).
  private postings: Int32Array[] = [];
  private finished = false;
  // Scratch space of `candidates`, reused across queries.
  private stamp = new Int32Array(0);
  private hit = new Float64Array(0);
  private generation = 0;

  get size(): number { return this.entities.length; }
  get names(): number { return this.nameText.length; }

  private wordId(word: string): number {
    let id = this.vocabId.get(word);
    if (id !== undefined) return id;
    id = this.vocab.length;
    this.vocab.push(word);
    this.vocabId.set(word, id);
    const key = phoneticKey(word);
    if (key.length >= 3 && word.length >= 4) {
      const list = this.phonetic.get(key);
      if (list) list.push(id); else this.phonetic.set(key, [id]);
    }
    if (word.length >= FUZZY_MIN) {
      for (let i = 0; i < word.length; i++) {
        const d = hashWithout(word, i);
        const held = this.deletes.get(d);
        if (held === undefined) this.deletes.set(d, id);
        else if (typeof held === 'number') { if (held !== id) this.deletes.set(d, [held, id]); }
        else if (held[held.length - 1] !== id) held.push(id);
      }
    }
    return id;
  }

  /** Adds a party: each of its distinct normalised names becomes an indexed name. */
  add(entity: IndexedEntity): void {
    if (this.finished) throw new Error('MatchIndex.add after finish');
    const index = this.entities.length;
    this.entities.push(entity);
    const seen = new Set<string>();
    for (const name of entity.names) {
      const n = normaliseName(name);
      if (!n.tokens.length || seen.has(n.text)) continue;
      seen.add(n.text);
      (this.nameEntity as number[]).push(index);
      this.nameText.push(name);
      const formKey = n.forms.join(' ');
      let forms = this.formSets.get(formKey);
      if (!forms) { forms = n.forms; this.formSets.set(formKey, forms); }
      this.nameForms.push(forms);
      for (const t of n.tokens) (this.tokens as number[]).push(this.wordId(t));
      (this.tokenStart as number[]).push(this.tokens.length);
    }
  }

  /** Freezes the index: postings are built and arrays packed. Call once after the last `add`. */
  finish(): this {
    const counts = new Int32Array(this.vocab.length);
    for (const t of this.tokens) counts[t]++;
    this.postings = Array.from(counts, (n) => new Int32Array(n));
    const fill = new Int32Array(this.vocab.length);
    const starts = this.tokenStart;
    for (let name = 0; name + 1 < starts.length; name++) {
      for (let k = starts[name]; k < starts[name + 1]; k++) {
        const t = this.tokens[k];
        const list = this.postings[t];
        // A word twice in one name is posted once.
        if (fill[t] > 0 && list[fill[t] - 1] === name) continue;
        list[fill[t]++] = name;
      }
    }
    this.postings = this.postings.map((list, t) => (fill[t] === list.length ? list : list.slice(0, fill[t])));
    this.nameEntity = Int32Array.from(this.nameEntity);
    this.tokenStart = Int32Array.from(this.tokenStart);
    this.tokens = Int32Array.from(this.tokens);
    this.stamp = new Int32Array(this.nameText.length);
    this.hit = new Float64Array(this.nameText.length);
    this.finished = true;
    return this;
  }

  /** The finished index as plain data. */
  snapshot(): IndexState {
    if (!this.finished) throw new Error('MatchIndex.snapshot before finish');
    const postingStart = new Int32Array(this.postings.length + 1);
    this.postings.forEach((p, i) => { postingStart[i + 1] = postingStart[i] + p.length; });
    const postingData = new Int32Array(postingStart[this.postings.length]);
    this.postings.forEach((p, i) => postingData.set(p, postingStart[i]));
    return {
      entities: this.entities, vocab: this.vocab, phonetic: this.phonetic, deletes: this.deletes, nameEntity: this.nameEntity as Int32Array,
      nameText: this.nameText, nameForms: this.nameForms, tokenStart: this.tokenStart as Int32Array, tokens: this.tokens as Int32Array, postingData, postingStart,
    };
  }

  /** A finished index from `snapshot`'s data. */
  static restore(state: IndexState): MatchIndex {
    const index = new MatchIndex();
    index.entities = state.entities;
    index.vocab = state.vocab;
    state.vocab.forEach((w, i) => index.vocabId.set(w, i));
    index.phonetic = state.phonetic;
    index.deletes = state.deletes;
    index.nameEntity = state.nameEntity;
    index.nameText = state.nameText;
    index.nameForms = state.nameForms;
    index.tokenStart = state.tokenStart;
    index.tokens = state.tokens;
    index.postings = Array.from({ length: state.vocab.length }, (_, i) => state.postingData.subarray(state.postingStart[i], state.postingStart[i + 1]));
    index.stamp = new Int32Array(state.nameText.length);
    index.hit = new Float64Array(state.nameText.length);
    index.finished = true;
    return index;
  }

  /** How many listed names hold a word (0 for words not in any). */
  frequency(word: string): number {
    const id = this.vocabId.get(word);
    return id === undefined ? 0 : this.postings[id].length;
  }

  /**
   * A word's weight: its length (up to 10), less for words many listed names share, so "Zala" outweighs
   * "Group" and "Aero" in "Zala Aero Group".
   */
  readonly weight: WordWeight = (word) => Math.min(word.length, 10) / (1 + Math.log10(Math.max(1, this.frequency(word))));

  /** The vocabulary words a query word may stand for: itself, same phonetic key, one edit away. */
  expand(word: string): number[] {
    let known = this.expansions.get(word);
    if (known) return known;
    known = this.expandNow(word);
    if (this.expansions.size >= 200_000) this.expansions.clear();
    this.expansions.set(word, known);
    return known;
  }

  private expandNow(word: string): number[] {
    const out = new Set<number>();
    const exact = this.vocabId.get(word);
    if (exact !== undefined) out.add(exact);
    if (word.length >= 4) for (const id of this.phonetic.get(phoneticKey(word)) ?? []) out.add(id);
    if (word.length >= FUZZY_MIN - 1) {
      const keys = [hashWithout(word, -1)];
      if (word.length >= FUZZY_MIN) for (let i = 0; i < word.length; i++) keys.push(hashWithout(word, i));
      for (const key of keys) {
        const held = this.deletes.get(key);
        if (typeof held === 'number') out.add(held);
        else if (held) for (const id of held) out.add(id);
      }
      // The query word with a letter left out, as a listed word: `Kalashnikov` typed `Kalashnikovv`.
      if (word.length > FUZZY_MIN) for (const d of deletions(word)) { const id = this.vocabId.get(d); if (id !== undefined) out.add(id); }
    }
    return [...out].filter((id) => id === exact || wordSimilarity(word, this.vocab[id]) > 0);
  }

  /**
   * The listed names that could score at least `cutoff` against a query name, scored, best first, at most
   * one per party.
   */
  search(query: string, cutoff: number, accept: (e: IndexedEntity) => boolean = () => true): Candidate[] {
    if (!this.finished) throw new Error('MatchIndex.search before finish');
    const q = normaliseName(query);
    if (!q.tokens.length) return [];
    const words = q.tokens.map((t) => ({ t, w: this.weight(t), ids: this.expand(t) }));
    const total = words.reduce((a, x) => a + x.w, 0);
    const need = minQueryCoverage(cutoff) * total;
    // Rarest lists first: the cheapest way to find every name that can reach the cutoff.
    const order = [...words].sort((a, b) => b.w - a.w || a.ids.length - b.ids.length);
    const gen = ++this.generation;
    const touched: number[] = [];
    let remaining = total;
    for (const word of order) {
      if (remaining < need || remaining <= 0) break;
      remaining -= word.w;
      for (const id of word.ids) {
        for (const name of this.postings[id]) {
          if (this.stamp[name] !== gen) { this.stamp[name] = gen; this.hit[name] = 0; touched.push(name); }
          this.hit[name] += word.w;
        }
      }
    }
    // An upper bound: each word found counts fully, and words never looked up might all be found.
    const bound = (name: number) => combine(Math.min(1, (this.hit[name] + remaining) / total), 1);
    let pool = touched.filter((name) => bound(name) >= cutoff);
    if (pool.length > MAX_SCORED) pool = pool.sort((a, b) => this.hit[b] - this.hit[a]).slice(0, MAX_SCORED);
    const best = new Map<number, Candidate>();
    for (const name of pool) {
      const entityIndex = this.nameEntity[name];
      const entity = this.entities[entityIndex];
      if (!accept(entity)) continue;
      const candidateWords: string[] = [];
      for (let k = this.tokenStart[name]; k < this.tokenStart[name + 1]; k++) candidateWords.push(this.vocab[this.tokens[k]]);
      const comparison = compareNames(q.tokens, candidateWords, this.weight);
      if (comparison.score < cutoff) continue;
      const previous = best.get(entityIndex);
      if (!previous || comparison.score > previous.comparison.score) {
        best.set(entityIndex, { entity, name: this.nameText[name], normalised: candidateWords.join(' '), forms: this.nameForms[name], comparison });
      }
    }
    return [...best.values()].sort((a, b) => b.comparison.score - a.comparison.score || a.entity.id.localeCompare(b.entity.id));
  }
}

