/**
 * Quantities ("24 fighter jets", "twelve Rafale") and money ("$3 billion", "2,7 milliards d’euros",
 * "miljarden dollars") near an item, using the number words, scales and currencies of the language's lexicon.
 */
import type { Token } from '../text/normalise.js';
import type { CompiledLexicon } from './lexicon.js';
import { CONJUNCTIONS } from './sentence.js';

/** A number written with digits, tolerating thousands separators and decimal commas: "1,200", "2,7". */
function numberAt(tokens: Token[], text: string, i: number): { value: number; first: number } | undefined {
  const t = tokens[i];
  if (!t?.digit) return undefined;
  let first = i;
  let raw = t.key;
  // Join "1,200" / "1.200" / "2,7" written as several digit tokens.
  while (first > 0 && tokens[first - 1].digit && /^[.,  ]$/.test(text.slice(tokens[first - 1].end, tokens[first].start))) {
    const sep = text.slice(tokens[first - 1].end, tokens[first].start);
    raw = `${tokens[first - 1].key}${sep === ',' && tokens[first].key.length !== 3 ? '.' : sep === '.' && tokens[first].key.length !== 3 ? '.' : ''}${raw}`;
    first--;
  }
  const value = Number(raw);
  return Number.isFinite(value) ? { value, first } : undefined;
}

/**
 * The quantity written just before token `itemFirst` (skipping up to two words such as "new", "more").
 * Years are not quantities.
 */
export function quantityBefore(lex: CompiledLexicon | undefined, tokens: Token[], text: string, itemFirst: number): number | null {
  for (let k = itemFirst - 1; k >= Math.max(0, itemFirst - 3); k--) {
    const t = tokens[k];
    if (t.digit) {
      // The number of a designation ("Су-35 и Су-57") is not a quantity of what follows.
      if (k > 0 && !tokens[k - 1].digit && /^[-‐]?$/.test(text.slice(tokens[k - 1].end, t.start))) return null;
      // "4++ generation", "40%" are not counts.
      if (/^[+%‰]/.test(text.slice(t.end, t.end + 1))) return null;
      const n = numberAt(tokens, text, k);
      if (n && n.value > 0 && n.value < 10000 && !(n.value >= 1900 && n.value <= 2100 && t.key.length === 4)) return n.value;
      return null;
    }
    const word = lex?.numbers.get(t.key);
    if (word !== undefined) return word;
    if (CONJUNCTIONS.has(t.key)) return null;
    if (/[,.;:()]/.test(text.slice(t.end, tokens[k + 1]?.start ?? t.end))) return null;
  }
  return null;
}

export interface Money {
  value: number | null;
  currency: string;
}

/** The first amount of money in a token range. */
export function moneyIn(lex: CompiledLexicon | undefined, tokens: Token[], text: string, from: number, to: number): Money | null {
  if (!lex) return null;
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    const raw = text.slice(t.start, t.end);
    const before = text.slice(tokens[k - 1]?.end ?? t.start, t.start);
    const currency = lex.currencies.find((c) => (c.keys.length === 1 && (c.prefix ? t.key.startsWith(c.keys[0]) : t.key === c.keys[0]))
      || (c.symbol && before.includes(c.keys[0])));
    if (!currency) continue;
    // Symbol before the number ("$3 billion"): value follows. Word after it ("3 billion dollars"): value precedes.
    const symbolFirst = currency.symbol && t.digit;
    let value: number | null = null;
    if (symbolFirst) {
      let end = k;
      while (tokens[end + 1]?.digit && /^[.,]$/.test(text.slice(tokens[end].end, tokens[end + 1].start))) end++;
      const n = numberAt(tokens, text, end);
      value = n?.value ?? null;
      const scale = tokens[end + 1] && lex.scales.get(tokens[end + 1].key);
      if (value !== null && scale) value *= scale;
    } else {
      let j = k - 1;
      let scale = 1;
      while (j >= Math.max(from, k - 4)) {
        const s = lex.scales.get(tokens[j].key);
        if (s) { scale = s; j--; continue; }
        if (tokens[j].digit) { const n = numberAt(tokens, text, j); value = n ? n.value * scale : null; break; }
        j--;
      }
      if (value === null && scale > 1) value = null;
    }
    if (raw) return { value, currency: currency.code };
  }
  return null;
}
