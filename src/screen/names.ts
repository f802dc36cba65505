/**
 * Names as the matcher compares them. A party name is cut into words, transliterated and folded the way the
 * catalog folds words (`foldWord`: case, accents, Cyrillic and Greek, the digraphs sh/ch/zh/kh/ts), legal forms
 * are taken off and kept aside (ООО, OOO and LLC are one form), and each word gets a phonetic key that lets
 * the spellings of one Cyrillic name in several Latin systems meet (Захаров, Zakharov, Zacharov, Zaharov).
 *
 * Trap: the index keys are derived from these functions. A change here changes what a stored list matches,
 * without any change in the store; the index is built in memory at each start, so nothing goes stale.
 */
import { distance } from 'fastest-levenshtein';
import { foldWord } from '../text/normalise.js';

/**
 * Legal forms as written, each with the class it stands for (ООО, OOO, LLC and GmbH are one class). They are
 * folded at load with the same function as names, so the list is written in the spelling people use.
 */
const LEGAL_FORMS: [string, string][] = [
  ['общество с ограниченной ответственностью', 'llc'], ['товариство з обмеженою відповідальністю', 'llc'],
  ['tovarystvo z obmezhenoiu vidpovidalnistiu', 'llc'], ['obshchestvo s ogranichennoy otvetstvennostyu', 'llc'],
  ['публичное акционерное общество', 'jsc'], ['закрытое акционерное общество', 'jsc'], ['открытое акционерное общество', 'jsc'],
  ['акционерное общество', 'jsc'], ['акціонерне товариство', 'jsc'], ['aktsionerne tovarystvo', 'jsc'], ['aktsionernoye obshchestvo', 'jsc'],
  ['некоммерческое партнерство', 'np'], ['друштво са ограниченом одговорношћу', 'llc'], ['društvo sa ograničenom odgovornošću', 'llc'],
  ['limited liability company', 'llc'], ['limited liability partnership', 'llp'], ['joint stock company', 'jsc'], ['joint-stock company', 'jsc'],
  ['open joint stock company', 'jsc'], ['closed joint stock company', 'jsc'], ['public joint stock company', 'jsc'],
  ['sociedad de responsabilidad limitada', 'llc'], ['société à responsabilité limitée', 'llc'], ['società a responsabilità limitata', 'llc'],
  ['sociedade de responsabilidade limitada', 'llc'], ['korlátolt felelősségű társaság', 'llc'], ['spółka z ograniczoną odpowiedzialnością', 'llc'],
  ['sp z o o', 'llc'], ['d o o', 'llc'], ['s r l', 'llc'], ['s a', 'jsc'], ['a s', 'jsc'], ['b v', 'bv'], ['n v', 'jsc'],
  ['company limited', 'ltd'], ['co ltd', 'ltd'], ['pte ltd', 'ltd'], ['pvt ltd', 'ltd'], ['private limited', 'ltd'], ['ltd sti', 'llc'],
  ['llc', 'llc'], ['ooo', 'llc'], ['ооо', 'llc'], ['тов', 'llc'], ['tov', 'llc'], ['gmbh', 'llc'], ['sarl', 'llc'], ['srl', 'llc'],
  ['kft', 'llc'], ['doo', 'llc'], ['доо', 'llc'], ['ltda', 'llc'], ['llp', 'llp'], ['spzoo', 'llc'], ['sti', 'llc'],
  ['fze', 'llc'], ['fzco', 'llc'], ['fzc', 'llc'], ['fzllc', 'llc'], ['dmcc', 'llc'],
  ['ao', 'jsc'], ['ао', 'jsc'], ['zao', 'jsc'], ['зао', 'jsc'], ['oao', 'jsc'], ['оао', 'jsc'], ['pao', 'jsc'], ['пао', 'jsc'],
  ['jsc', 'jsc'], ['ojsc', 'jsc'], ['cjsc', 'jsc'], ['pjsc', 'jsc'], ['ag', 'jsc'], ['sa', 'jsc'], ['spa', 'jsc'], ['nv', 'jsc'],
  ['as', 'jsc'], ['ab', 'jsc'], ['oy', 'jsc'], ['plc', 'jsc'], ['ад', 'jsc'], ['ат', 'jsc'],
  ['ltd', 'ltd'], ['limited', 'ltd'], ['inc', 'inc'], ['incorporated', 'inc'], ['corp', 'inc'], ['corporation', 'inc'],
  ['co', 'co'], ['company', 'co'], ['bv', 'bv'], ['np', 'np'],
];

interface FormNode { next: Map<string, FormNode>; form?: string }
const FORM_TRIE: FormNode = { next: new Map() };
for (const [words, form] of LEGAL_FORMS) {
  let node = FORM_TRIE;
  for (const w of words.split(/[\s-]+/).map(foldWord)) {
    let child = node.next.get(w);
    if (!child) { child = { next: new Map() }; node.next.set(w, child); }
    node = child;
  }
  node.form ??= form;
}

/**
 * Evens out what transliteration systems write differently once `foldWord` has run: j, y or i before a vowel
 * is j (Yelena, Jelena, Ielena), a closing -iy, -ij, -ii or -y is i (Dmitriy, Dmitrij, Dmitrii, Dmitry), w is v
 * and x is ks (German and English renderings), and a doubled letter is one (Gennadij, Genadij).
 * @example canonical('yuliya') === canonical('iuliia') // 'julija'
 */
export function canonical(word: string): string {
  if (/^\d+$/.test(word)) return word;
  let w = word;
  if (w.includes('w')) w = w.replace(/w/g, 'v');
  if (w.includes('x')) w = w.replace(/x/g, 'ks');
  if (/[yij][aeou]/.test(w)) w = w.replace(/[yij](?=[aeou])/g, 'j');
  if (/[yij]$/.test(w)) w = w.replace(/(iy|ij|ii|yj|yi|y)$/, 'i');
  if (/(.)\1/.test(w)) w = w.replace(/(.)\1+/g, '$1');
  return w;
}

// Letters with their marks, and digits: `ZALA-421` is zala, 421.
const WORD = /[\p{L}\p{M}]+|\p{N}+/gu;

export interface NormalisedName {
  /** The name as given. */
  original: string;
  /** Folded words with the legal forms taken off, in their order. */
  tokens: string[];
  /** The legal forms found (`llc`, `jsc`, ...), by class. */
  forms: string[];
  /** `tokens` joined: the normalised name a response echoes back. */
  text: string;
}

/**
 * Cuts, folds and strips a name. A legal form is only taken off when something else is left: a company
 * called "Limited" keeps its name.
 * @example normaliseName('ООО «Аэроскан»') // { tokens: ['aeroskan'], forms: ['llc'], text: 'aeroskan' }
 */
export function normaliseName(name: string): NormalisedName {
  const words: string[] = [];
  // Apostrophes inside words are transliterated soft signs (Il'ič, Koval'čuk): dropped, not word breaks.
  for (const m of name.normalize('NFKC').replace(/(?<=\p{L})['’ʹʼ`´](?=\p{L})/gu, '').matchAll(WORD)) {
    const w = foldWord(m[0]);
    if (w) words.push(w);
  }
  const tokens: string[] = [];
  const forms: string[] = [];
  for (let i = 0; i < words.length;) {
    let node: FormNode | undefined = FORM_TRIE;
    let end = -1;
    let form: string | undefined;
    for (let j = i; j < words.length && node; j++) {
      node = node.next.get(words[j]);
      if (node?.form) { end = j + 1; form = node.form; }
    }
    if (form && end > 0) { forms.push(form); i = end; } else { tokens.push(words[i]); i++; }
  }
  const kept = (tokens.length ? tokens : words).map(canonical);
  return { original: name, tokens: kept, forms: tokens.length ? forms : [], text: kept.join(' ') };
}

const VOWEL = new Set(['a', 'e', 'i', 'o', 'u', 'y', 'j']);
const CONSONANT_CLASS: Record<string, string> = { c: 'k', g: 'k', h: 'k', q: 'k', k: 'k', w: 'v', z: 's', x: 'ks' };

/**
 * A transliteration-tolerant phonetic key of one folded word: every run of vowels (j and y among them) is one
 * `a`, the consonants transliteration systems swap (c, g, h, k, q for х, г, ц; z and s; w and v) are one letter
 * each, a doubled consonant counts once, and a closing vowel is dropped. Digits are kept as they are.
 * @example phoneticKey('zaharov') === phoneticKey('zacarov') // 'sakarav'
 */
export function phoneticKey(word: string): string {
  if (/^\d+$/.test(word)) return word;
  let out = '';
  for (let i = 0; i < word.length; i++) {
    let ch = word[i];
    if (ch === 'p' && word[i + 1] === 'h') { ch = 'f'; i++; }
    const code = VOWEL.has(ch) ? 'a' : CONSONANT_CLASS[ch] ?? ch;
    if (out.endsWith(code)) continue;
    out += code;
  }
  // A closing vowel is what transliterations most often add or drop (Giroline / Girolajn, Trade / Trejd).
  return out.length > 2 && out.endsWith('a') ? out.slice(0, -1) : out;
}

/** Two letters swapped side by side: one slip of the hand, one edit (Shcherbkaova / Shcherbakova). */
function transposed(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** Levenshtein distance, with a swap of two neighbouring letters counted as one edit. */
export function editDistance(a: string, b: string): number {
  const d = distance(a, b);
  return d === 2 && transposed(a, b) ? 1 : d;
}

/**
 * How alike two folded words are, 0–1: 1 when equal; one minus the edit distance over the longer length;
 * at least 0.9 when their phonetic keys agree and no more than 60 % of the letters differ.
 * Short words (up to 3 letters) must be equal: an edit there changes the word.
 */
export function wordSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const longer = Math.max(a.length, b.length);
  if (Math.min(a.length, b.length) <= 3) return 0;
  const edit = 1 - editDistance(a, b) / longer;
  // The key only vouches for spellings of one word: two words half rewritten are two words, keys or not
  // (Haiglei and Kutselo share the key kkl).
  const phonetic = edit >= 0.4 && phoneticKey(a) === phoneticKey(b) ? 0.9 : 0;
  const best = Math.max(edit, phonetic);
  // Below this, two words are different words, not spellings of one.
  return best >= 0.7 ? best : 0;
}

export interface WordPair {
  query: string;
  candidate: string | null;
  similarity: number;
  weight: number;
}

export interface NameComparison {
  score: number;
  /** Weighted share of the query's words found in the candidate (0–1). */
  queryCoverage: number;
  /** Weighted share of the candidate's words the query accounts for (0–1). */
  candidateCoverage: number;
  /** Each query word and the candidate word it was aligned with. */
  pairs: WordPair[];
  /** Same words, any order (after legal forms are taken off). */
  literal: boolean;
  /** Both names have a word the other lacks (not a patronymic): one word put in place of another. */
  substituted: boolean;
}

/** What a substituted word costs: "Ural Precision Instruments" is not "Volga Precision Instruments". */
export const SUBSTITUTION_PENALTY = 0.1;

/** The weight of a word: longer words say more, and words many listed names share say less. */
export type WordWeight = (word: string) => number;
export const LENGTH_WEIGHT: WordWeight = (w) => Math.min(w.length, 10);

/**
 * A patronymic (Sergeyevich, Sergejevič, Andreevna, Ihorovych, Stanislawowitsch), folded. People's names on
 * lists carry it far more often than their names in customer records: a patronymic only one side has counts
 * for a fifth of its weight.
 */
const PATRONYMIC = /(ovic|evic|ovna|evna|ovyc|ivna|ijevic|jevna|owicc|ewicc|ovitc|evitc)$/;
export const isPatronymic = (word: string) => word.length >= 7 && PATRONYMIC.test(word);
const ABSENT_PATRONYMIC = 0.2;

/** The F-measure of the two coverages: both sides must be accounted for; a name contained in a longer one scores less. */
export const combine = (queryCoverage: number, candidateCoverage: number) =>
  (queryCoverage + candidateCoverage > 0 ? (2 * queryCoverage * candidateCoverage) / (queryCoverage + candidateCoverage) : 0);

/** Joins two adjacent words where the other name writes them as one (`Aero Parts` / `Aeroparts`). */
function joinCompounds(words: string[], other: string[]): string[] {
  const set = new Set(other);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (i + 1 < words.length && !set.has(words[i]) && set.has(words[i] + words[i + 1])) { out.push(words[i] + words[i + 1]); i++; } else out.push(words[i]);
  }
  return out;
}

/**
 * Compares two normalised names, word order ignored: each query word is aligned with the candidate word most
 * like it (each candidate word used once, best pairs first); the score is the F-measure of the weighted share
 * of the query found and the weighted share of the candidate accounted for. A missing surname costs a lot, a
 * missing patronymic little, and a short name inside a longer one ("Aero Parts" in "Almaty Aero Parts") is not enough.
 * @example compareNames(normaliseName('Nikita Zakharov').tokens, normaliseName('ZAKHAROV, Nikita Aleksandrovich').tokens).score // 0.929
 */
export function compareNames(queryWords: string[], candidateWords: string[], weight: WordWeight = LENGTH_WEIGHT): NameComparison {
  const query = joinCompounds(queryWords, candidateWords);
  const candidate = joinCompounds(candidateWords, query);
  const options: { q: number; c: number; s: number }[] = [];
  for (let q = 0; q < query.length; q++) {
    for (let c = 0; c < candidate.length; c++) {
      const s = wordSimilarity(query[q], candidate[c]);
      if (s > 0) options.push({ q, c, s });
    }
  }
  options.sort((x, y) => y.s - x.s || x.q - y.q || x.c - y.c);
  const queryUsed = new Array<number>(query.length).fill(-1);
  const querySim = new Array<number>(query.length).fill(0);
  const candidateUsed = new Array<boolean>(candidate.length).fill(false);
  for (const o of options) {
    if (queryUsed[o.q] >= 0 || candidateUsed[o.c]) continue;
    queryUsed[o.q] = o.c;
    querySim[o.q] = o.s;
    candidateUsed[o.c] = true;
  }
  let qTotal = 0, qFound = 0, cTotal = 0, cFound = 0;
  const pairs: WordPair[] = [];
  for (let q = 0; q < query.length; q++) {
    const w = weight(query[q]) * (queryUsed[q] < 0 && isPatronymic(query[q]) ? ABSENT_PATRONYMIC : 1);
    qTotal += w;
    qFound += w * querySim[q];
    pairs.push({ query: query[q], candidate: queryUsed[q] >= 0 ? candidate[queryUsed[q]] : null, similarity: round(querySim[q]), weight: round(w) });
  }
  for (let c = 0; c < candidate.length; c++) {
    const w = weight(candidate[c]) * (!candidateUsed[c] && isPatronymic(candidate[c]) ? ABSENT_PATRONYMIC : 1);
    cTotal += w;
    const q = queryUsed.indexOf(c);
    if (q >= 0) cFound += w * querySim[q];
  }
  const queryCoverage = qTotal ? qFound / qTotal : 0;
  const candidateCoverage = cTotal ? cFound / cTotal : 0;
  const literal = query.length === candidate.length && querySim.every((s) => s === 1);
  const substituted = query.some((w, q) => queryUsed[q] < 0 && !isPatronymic(w)) && candidate.some((w, c) => !candidateUsed[c] && !isPatronymic(w));
  const score = literal ? 1 : Math.max(0, combine(queryCoverage, candidateCoverage) - (substituted ? SUBSTITUTION_PENALTY : 0));
  return { score: round(score), queryCoverage: round(queryCoverage), candidateCoverage: round(candidateCoverage), pairs, literal, substituted };
}

export const round = (n: number) => Math.round(n * 1000) / 1000;
