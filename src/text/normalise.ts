/**
 * Text normalisation shared by the catalog matcher and the cue lexicons: both sides of every comparison go
 * through `tokenize`, so a catalog alias and an article's words meet in the same form.
 *
 * A token's `key` is lowercase, without diacritics, Cyrillic transliterated the Serbian way (ч→c, ш→s, ж→z,
 * х→h, ц→c, ј→j) and Latin digraphs collapsed the same way (sh→s, ch→c, zh→z, kh→h, ts→c), so that
 * `Vučić` = `Вучић`, `Shahed` = `Шахед` and `Pantsir` = `Панцирь` all meet. Letters and digits are split
 * into separate tokens (`CH92-A` = `CH-92A` = `ch 92 a`), which makes dash and space variants of
 * designations equal without listing them.
 */

/** One word or number of a text, with its place in the original string. */
export class Token {
  constructor(
    /** The distinct spelling this token is an instance of, shared by every occurrence. */
    readonly word: Word,
    readonly start: number,
    readonly end: number,
    /** How the token meets the previous one: see `Gap`. */
    readonly gap: Gap,
  ) {}

  /** Normalised form the catalog matcher compares (digraphs collapsed: `shahed` = `шахед`). */
  get key(): string { return this.word.key; }
  /** The form without the digraph collapse, which cue words compare, so that "shells" is not "sells"
   *  (the same string as `key` when the collapse changed nothing). */
  get plain(): string { return this.word.plain; }
  /** The first character is an uppercase letter. */
  get upper(): boolean { return this.word.upper; }
  /** Every letter is uppercase (acronyms, shouted headlines). */
  get allUpper(): boolean { return this.word.allUpper; }
  get digit(): boolean { return this.word.digit; }
}

/**
 * What separates a token from the one before it. A name may run across a `Joined`, `Hyphen` or `Spaced` gap:
 * at most two characters, each a space, hyphen, dash, dot, apostrophe or slash. Anything else (a comma, a
 * line break, a longer gap) keeps two tokens `Apart`.
 */
export const enum Gap {
  Joined = 0,
  /** A short joinable gap that starts with a hyphen: "F-16", "Su-35". */
  Hyphen = 1,
  /** Any other short joinable gap: "Bosnia and", "U.S.", "F 16". */
  Spaced = 2,
  Apart = 3,
}

const isJoiner = (c: number) => c === 32 || c === 45 || c === 0x2010 || c === 0x2013 || c === 46 || c === 39 || c === 0x2019 || c === 47 || c === 0xa0;

function gapBetween(u: Uint16Array, from: number, to: number): Gap {
  if (from === to) return Gap.Joined;
  if (to - from > 2 || !isJoiner(u[from]) || (to - from === 2 && !isJoiner(u[from + 1]))) return Gap.Apart;
  return u[from] === 45 ? Gap.Hyphen : Gap.Spaced;
}

// Characters that need more than lowercasing and accent stripping.
const SPECIAL: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'dj', ð: 'd', þ: 'th', ł: 'l', ı: 'i', ħ: 'h',
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'z', з: 'z', и: 'i', й: 'j', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'c', ш: 's',
  щ: 'sc', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'ju', я: 'ja',
  ђ: 'dj', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', џ: 'dz', ѓ: 'g', ќ: 'k', ѕ: 'dz',
  і: 'i', ї: 'ji', є: 'je', ґ: 'g', ў: 'u',
};

/** Character class table for the code points most text uses (Latin, Latin-1, Latin Extended, Cyrillic). */
const TABLE_SIZE = 0x530;
const FOLD: string[] = new Array(TABLE_SIZE);
// 0 other, 1 letter, 2 digit, 3 combining mark (continues a word, never starts one).
const OTHER = 0;
const LETTER = 1;
const DIGIT = 2;
const MARK = 3;
const KIND = new Uint8Array(TABLE_SIZE);
const UPPER = new Uint8Array(TABLE_SIZE); // 1 for uppercase letters
for (let cp = 0; cp < TABLE_SIZE; cp++) {
  const ch = String.fromCharCode(cp);
  if (cp >= 48 && cp <= 57) { KIND[cp] = DIGIT; FOLD[cp] = ch; continue; }
  if (cp >= 0x300 && cp <= 0x36f) { KIND[cp] = MARK; FOLD[cp] = ''; continue; }
  const lower = ch.toLowerCase();
  if (lower === ch.toUpperCase()) { KIND[cp] = OTHER; FOLD[cp] = ''; continue; }
  KIND[cp] = LETTER;
  if (ch !== lower) UPPER[cp] = 1;
  const special = SPECIAL[lower];
  FOLD[cp] = special ?? lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

const DIGRAPHS = /sh|ch|zh|kh|ts/g;
const DIGRAPH_MAP: Record<string, string> = { sh: 's', ch: 'c', zh: 'z', kh: 'h', ts: 'c' };

// Code points above the table (curly quotes, dashes, bullets, other scripts): classified once, then cached.
const HIGH_KIND = new Map<number, boolean>();
function isLetterCode(cp: number): boolean {
  if (cp < TABLE_SIZE) return KIND[cp] === LETTER;
  if (cp >= 0x2000 && cp <= 0x2bff) return false; // punctuation, symbols, arrows, box drawing
  let letter = HIGH_KIND.get(cp);
  if (letter === undefined) {
    const ch = String.fromCodePoint(cp);
    letter = ch.toLowerCase() !== ch.toUpperCase();
    HIGH_KIND.set(cp, letter);
  }
  return letter;
}

/** Lowercase, accent-free, transliterated; no digraph collapse. */
export function foldPlain(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const cp = word.charCodeAt(i);
    if (cp < TABLE_SIZE) out += FOLD[cp];
    else out += word[i].toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }
  return out;
}

const collapse = (plain: string) => plain.includes('h') || plain.includes('ts') ? plain.replace(DIGRAPHS, (d) => DIGRAPH_MAP[d]) : plain;

/** Normalised key of one letter run (`Шахед` → `sahed`). */
export function foldWord(word: string): string {
  return collapse(foldPlain(word));
}

/**
 * A distinct spelling of a word, folded once. Articles repeat their vocabulary, so the tokenizer looks each
 * letter run up by a hash of its characters and reuses the folded forms (the same key strings, whose hashes
 * V8 then keeps for every later map lookup) instead of cutting, lowercasing and folding the word again.
 */
export interface Word {
  /** The spelling itself, as in the text. */
  readonly raw: string;
  readonly key: string;
  readonly plain: string;
  readonly upper: boolean;
  readonly allUpper: boolean;
  readonly digit: boolean;
  /**
   * What a matcher found for this spelling (its own entry, tagged with the matcher), so that it asks its maps
   * once per distinct word rather than once per occurrence. One slot for matchers comparing `key`, one for
   * those comparing `plain`; a word table reset starts them afresh.
   */
  memo: unknown;
  plainMemo: unknown;
}

function makeWord(raw: string): Word {
  const c0 = raw.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57) { const digits = flat(raw); return { raw: digits, key: digits, plain: digits, upper: false, allUpper: false, digit: true, memo: undefined, plainMemo: undefined }; }
  let upperCount = 0;
  let letters = 0;
  let ascii = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 128) ascii = false;
    if (c < TABLE_SIZE) {
      if (KIND[c] !== LETTER) continue;
      upperCount += UPPER[c];
    } else if (raw[i] !== raw[i].toLowerCase()) upperCount++;
    letters++;
  }
  // ASCII letters fold by lowercasing alone. Every string kept is a copy: a slice of the text would keep the
  // whole article alive as long as the word.
  const plain = flat(ascii ? raw.toLowerCase() : foldPlain(raw));
  const key = plain.includes('h') || plain.includes('ts') ? flat(collapse(plain)) : plain;
  return {
    raw: flat(raw), key, plain: plain === key ? key : plain, // one string when equal: its hash is computed once
    upper: c0 < TABLE_SIZE ? UPPER[c0] === 1 : raw[0] !== raw[0].toLowerCase(),
    allUpper: upperCount === letters && letters > 1, digit: false, memo: undefined, plainMemo: undefined,
  };
}

/**
 * A flat, independent copy of a string: V8 shares the characters of slices and concatenations of 13 or more
 * characters with their source, which a kept word must not hold on to (nor flatten at every lookup).
 */
const flat = (s: string) => (s.length > 12 ? Buffer.from(s, 'utf16le').toString('utf16le') : s);

// Open addressing over hashes of the raw characters, which are kept in one pool to compare against; cleared
// when half full, so memory stays bounded whatever the input. A slot's hash, pool offset and length sit side
// by side (a probe touches one cache line); length 0 marks an empty slot.
const WORD_SLOTS = 1 << 16;
const WORD_MASK = WORD_SLOTS - 1;
const slots = new Int32Array(WORD_SLOTS * 4);
const slotWord: (Word | undefined)[] = new Array(WORD_SLOTS).fill(undefined);
let wordCount = 0;
const pool = new Uint16Array(1 << 19);
let poolUsed = 0;

/** The word with these code units, if the table has it. Small, so that the tokenizer's loop inlines it. */
function findWord(units: Uint16Array, start: number, end: number, hash: number): Word | undefined {
  const length = end - start;
  for (let slot = hash & WORD_MASK; ; slot = (slot + 1) & WORD_MASK) {
    const at = slot << 2;
    const slotLength = slots[at + 2];
    if (slotLength === 0) return undefined;
    if (slotLength === length && slots[at] === hash) {
      const offset = slots[at + 1];
      let k = 0;
      while (k < length && pool[offset + k] === units[start + k]) k++;
      if (k === length) return slotWord[slot];
    }
  }
}

/** Folds a word seen for the first time and keeps it. */
function addWord(units: Uint16Array, start: number, end: number, hash: number, text: string, from: number): Word {
  const length = end - start;
  const word = makeWord(text.slice(from + start, from + end));
  if (wordCount >= WORD_SLOTS >> 1 || poolUsed + length > pool.length) {
    if (length > pool.length >> 4) return word; // a freak "word" (a base64 blob, say) is not kept
    slots.fill(0);
    slotWord.fill(undefined);
    wordCount = 0;
    poolUsed = 0;
  }
  let slot = hash & WORD_MASK;
  while (slots[(slot << 2) + 2] !== 0) slot = (slot + 1) & WORD_MASK;
  pool.set(units.subarray(start, end), poolUsed);
  const at = slot << 2;
  slots[at] = hash;
  slots[at + 1] = poolUsed;
  slots[at + 2] = length;
  slotWord[slot] = word;
  poolUsed += length;
  wordCount++;
  return word;
}

// The text's UTF-16 code units, copied natively into a reused buffer: the scan then reads one typed array,
// whatever V8's inner representation of the string (flat, sliced, concatenated).
let scratch = new Uint16Array(1 << 16);
let scratchBytes = Buffer.from(scratch.buffer);
function codeUnits(text: string, from: number, to: number): Uint16Array {
  const n = to - from;
  if (n > scratch.length) {
    const units = new Uint16Array(1 << Math.ceil(Math.log2(n)));
    const bytes = Buffer.from(units.buffer);
    if (units.length > 1 << 22) { // over 8 MB: used once, not kept for the next text
      bytes.write(text.slice(from, to), 'utf16le');
      return units;
    }
    scratch = units;
    scratchBytes = bytes;
  }
  scratchBytes.write(from === 0 && to === text.length ? text : text.slice(from, to), 'utf16le');
  return scratch;
}

/**
 * Splits text into letter and digit tokens. A lowercase `s` glued to a number is an English plural
 * ("Su-35s", "F-16s") and is dropped, so it does not read as the variant letter of `Su-35S`.
 * @example tokenize('CH-92A').map((t) => t.key) // ['c', '92', 'a'] ("ch" collapses like "ч")
 */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  const n = to - from;
  const u = codeUnits(text, from, to);
  let i = 0;
  let prevEnd = -1;
  let lastEnd = -1; // end of the last token kept
  while (i < n) {
    const cp = u[i];
    const kind = cp < TABLE_SIZE ? KIND[cp] : isLetterCode(cp) ? LETTER : OTHER;
    if (kind !== LETTER && kind !== DIGIT) { i++; continue; }
    const start = i;
    let h = 0x811c9dc5 | 0;
    if (kind === DIGIT) {
      for (let c = cp; c >= 48 && c <= 57; c = u[i]) {
        h = Math.imul(h ^ c, 0x01000193);
        if (++i === n) break;
      }
    } else {
      // Letters, and combining marks inside a word (decomposed input): one word. LETTER and MARK are the odd kinds.
      for (let c = cp; c < TABLE_SIZE ? (KIND[c] & 1) === 1 : isLetterCode(c); c = u[i]) {
        h = Math.imul(h ^ c, 0x01000193);
        if (++i === n) break;
      }
    }
    const joined = start === prevEnd;
    prevEnd = i;
    if (i - start === 1 && cp === 115 && joined && tokens.length && tokens[tokens.length - 1].digit) continue;
    const w = findWord(u, start, i, h) ?? addWord(u, start, i, h, text, from);
    const gap = lastEnd < 0 ? Gap.Apart : gapBetween(u, lastEnd, start);
    lastEnd = i;
    tokens.push(new Token(w, from + start, from + i, gap));
  }
  return tokens;
}

/** The keys of a phrase, as the matchers store it. */
export function phraseKeys(phrase: string): string[] {
  return tokenize(phrase).map((t) => t.key);
}

/** Lowercase, accent-free, Cyrillic-transliterated single string: for search boxes and fuzzy ids. */
export function normaliseText(text: string): string {
  return phraseKeys(text).join(' ');
}
