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
export interface Token {
  /** Normalised form the catalog matcher compares (digraphs collapsed: `shahed` = `шахед`). */
  key: string;
  /** Set when the digraph collapse changed the word: the form without it, which cue words compare, so
   *  that "shells" is not "sells". */
  plain?: string;
  start: number;
  end: number;
  /** The first character is an uppercase letter. */
  upper: boolean;
  /** Every letter is uppercase (acronyms, shouted headlines). */
  allUpper: boolean;
  digit: boolean;
  /** Joined to the previous token without a space ("CH-92A": `92` and `a` are joined). */
  joined: boolean;
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
const KIND = new Uint8Array(TABLE_SIZE); // 0 other, 1 letter, 2 digit
const UPPER = new Uint8Array(TABLE_SIZE); // 1 for uppercase letters
for (let cp = 0; cp < TABLE_SIZE; cp++) {
  const ch = String.fromCharCode(cp);
  if (cp >= 48 && cp <= 57) { KIND[cp] = 2; FOLD[cp] = ch; continue; }
  const lower = ch.toLowerCase();
  if (lower === ch.toUpperCase()) { KIND[cp] = 0; FOLD[cp] = ''; continue; }
  KIND[cp] = 1;
  if (ch !== lower) UPPER[cp] = 1;
  const special = SPECIAL[lower];
  FOLD[cp] = special ?? lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

const DIGRAPHS = /sh|ch|zh|kh|ts/g;
const DIGRAPH_MAP: Record<string, string> = { sh: 's', ch: 'c', zh: 'z', kh: 'h', ts: 'c' };

// Code points above the table (curly quotes, dashes, bullets, other scripts): classified once, then cached.
const HIGH_KIND = new Map<number, boolean>();
function isLetterCode(cp: number): boolean {
  if (cp < TABLE_SIZE) return KIND[cp] === 1;
  if (cp >= 0x2000 && cp <= 0x2bff) return false; // punctuation, symbols, arrows, box drawing
  let letter = HIGH_KIND.get(cp);
  if (letter === undefined) {
    const ch = String.fromCodePoint(cp);
    letter = ch.toLowerCase() !== ch.toUpperCase();
    HIGH_KIND.set(cp, letter);
  }
  return letter;
}

const keyCache = new Map<string, string>();
const plainCache = new Map<string, string>();

/** Lowercase, accent-free, transliterated; no digraph collapse. */
export function foldPlain(word: string): string {
  let out = plainCache.get(word);
  if (out !== undefined) return out;
  out = '';
  for (let i = 0; i < word.length; i++) {
    const cp = word.charCodeAt(i);
    if (cp < TABLE_SIZE) out += FOLD[cp];
    else out += word[i].toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }
  if (plainCache.size > 200_000) plainCache.clear();
  plainCache.set(word, out);
  return out;
}

const bothCache = new Map<string, { key: string; plain: string | undefined }>();
/** Both forms of a word in one cached lookup: the key, and the plain form when it differs. */
function foldBoth(word: string): { key: string; plain: string | undefined } {
  let both = bothCache.get(word);
  if (both === undefined) {
    const key = foldWord(word);
    const plain = foldPlain(word);
    both = { key, plain: plain === key ? undefined : plain };
    if (bothCache.size > 200_000) bothCache.clear();
    bothCache.set(word, both);
  }
  return both;
}

/** Normalised key of one letter run. Cached: article vocabulary repeats, and this is the hot path. */
export function foldWord(word: string): string {
  let key = keyCache.get(word);
  if (key !== undefined) return key;
  const out = foldPlain(word);
  key = out.includes('h') || out.includes('ts') ? out.replace(DIGRAPHS, (d) => DIGRAPH_MAP[d]) : out;
  if (keyCache.size > 200_000) keyCache.clear();
  keyCache.set(word, key);
  return key;
}

/**
 * Splits text into letter and digit tokens. A lowercase `s` glued to a number is an English plural
 * ("Su-35s", "F-16s") and is dropped, so it does not read as the variant letter of `Su-35S`.
 * @example tokenize('CH-92A').map((t) => t.key) // ['ch', '92', 'a']
 */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  let prevEnd = -1;
  while (i < to) {
    const cp = text.charCodeAt(i);
    const kind = cp < TABLE_SIZE ? KIND[cp] : isLetterCode(cp) ? 1 : 0;
    if (kind === 0) { i++; continue; }
    const start = i;
    if (kind === 2) {
      while (i < to && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
      tokens.push({ key: text.slice(start, i), start, end: i, upper: false, allUpper: false, digit: true, joined: start === prevEnd });
      prevEnd = i;
      continue;
    }
    let upperCount = 0;
    let letters = 0;
    // Plain lowercase ASCII without a collapsing digraph (sh ch zh kh ts) needs no folding: its key is itself.
    let plain = true;
    let prev = 0;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c < TABLE_SIZE) {
        if (KIND[c] !== 1) break;
        upperCount += UPPER[c];
        // ASCII letters only (capitals folded below); collapsing digraphs take the slow path.
        const lower = c >= 65 && c <= 90 ? c + 32 : c;
        if (lower > 122 || lower < 97 || (lower === 104 && (prev === 115 || prev === 99 || prev === 122 || prev === 107)) || (lower === 115 && prev === 116)) plain = false;
        prev = lower;
      } else if (isLetterCode(c)) {
        plain = false;
        if (text[i] !== text[i].toLowerCase()) upperCount++;
      } else if (c >= 0x300 && c <= 0x36f) {
        // Letters joined by a combining mark (decomposed input) stay one word.
        plain = false;
        i++;
        continue;
      } else break;
      letters++;
      i++;
    }
    const joined = start === prevEnd;
    prevEnd = i;
    if (i - start === 1 && text.charCodeAt(start) === 115 && joined && tokens.length && tokens[tokens.length - 1].digit) continue;
    const raw = text.slice(start, i);
    const c0 = text.charCodeAt(start);
    let key = plain && upperCount > 0 ? raw.toLowerCase() : raw;
    let unfolded: string | undefined;
    if (!plain) {
      const folded = foldBoth(raw);
      key = folded.key;
      unfolded = folded.plain;
    }
    tokens.push({
      key, plain: unfolded, start, end: i, upper: upperCount > 0 && (c0 < TABLE_SIZE ? UPPER[c0] === 1 : raw[0] !== raw[0].toLowerCase()),
      allUpper: upperCount === letters && letters > 1, digit: false, joined,
    });
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
