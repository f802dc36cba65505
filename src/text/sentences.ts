/**
 * Sentence splitting with character offsets into the stored text. Scraped articles put headings, bullets
 * and captions on lines of their own, so every line break ends a sentence; inside a line, a full stop,
 * question or exclamation mark ends one unless it closes a known abbreviation or an initial.
 */

export interface Sentence {
  index: number;
  start: number;
  end: number;
}

// Lowercased, without the final dot. Covers the languages armscope reads; an initial ("J.") is handled apart.
const ABBREVIATIONS = new Set([
  'u.s', 'u.k', 'u.n', 'e.g', 'i.e', 'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'sgt', 'capt',
  'adm', 'st', 'no', 'nos', 'vs', 'etc', 'inc', 'ltd', 'co', 'corp', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul',
  'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'approx', 'est', 'fig', 'vol', 'ca', 'cf', 'al', 'jr', 'sr',
  'dhr', 'mevr', 'mr', 'drs', 'ir', 'o.a', 'm.b.t', 'bzw', 'z.b', 'd.h', 'u.a', 'nr', 'bspw', 'ggf', 'vgl',
  'm', 'mme', 'mlle', 'cie', 'sra', 'sr', 'dña', 'sig', 'dott', 'ing', 'gen', 'płk', 'gen', 'tj', 'npr', 'itd',
  'itsl', 'br', 'str', 'т.е', 'т.д', 'т.п', 'г', 'гг', 'др', 'им', 'ул', 'тыс', 'млн', 'млрд', 'св', 'бр',
  'gn', 'z', 'sh', 'nga',
]);

const CLOSERS = '"\'”’»)]';

function isSentenceStart(ch: string | undefined): boolean {
  if (!ch) return false;
  if (/[0-9"'“‘«(\[¿¡–—-]/.test(ch)) return true;
  return ch !== ch.toLowerCase();
}

function splitLine(text: string, lineStart: number, lineEnd: number, out: Omit<Sentence, 'index'>[]) {
  let start = lineStart;
  for (let i = lineStart; i < lineEnd; i++) {
    const ch = text[i];
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    let j = i + 1;
    while (j < lineEnd && (text[j] === '.' || text[j] === '!' || text[j] === '?')) j++;
    while (j < lineEnd && CLOSERS.includes(text[j])) j++;
    if (j >= lineEnd) break;
    if (text[j] !== ' ' && text[j] !== '\t' && text[j] !== '\u00a0') continue;
    let k = j;
    while (k < lineEnd && (text[k] === ' ' || text[k] === '\t' || text[k] === '\u00a0')) k++;
    if (!isSentenceStart(text[k])) continue;
    if (ch === '.') {
      // The word before the dot: an abbreviation or a single-letter initial does not end a sentence.
      let w = i;
      while (w > start && /[\p{L}.]/u.test(text[w - 1])) w--;
      const word = text.slice(w, i).toLowerCase();
      if (ABBREVIATIONS.has(word) || /^\p{Lu}$/u.test(text.slice(w, i))) continue;
    }
    out.push({ start, end: j });
    start = k;
    i = k - 1;
  }
  out.push({ start, end: lineEnd });
}

/**
 * Splits `text` into sentences; `text.slice(s.start, s.end)` is the sentence without surrounding blanks.
 * @example splitSentences('Iran sent drones. Russia used them.').length // 2
 */
export function splitSentences(text: string): Sentence[] {
  const spans: Omit<Sentence, 'index'>[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let s = lineStart;
    let e = lineEnd;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) splitLine(text, s, e, spans);
    lineStart = lineEnd + 1;
  }
  const sentences: Sentence[] = [];
  for (const span of spans) {
    let { start, end } = span;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end > start) sentences.push({ index: sentences.length, start, end });
  }
  return sentences;
}
