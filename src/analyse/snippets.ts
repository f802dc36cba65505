/**
 * Search snippets as plain text with the offsets of the matched words, never markup: a client highlights
 * them however it draws text, and article text can never inject anything. Words match the way the search
 * index folds them (`src/store/search.ts`), so a snippet marks `Вучић` for the query `Vucic`.
 * Offsets are in UTF-16 code units, as JavaScript strings count.
 */
import { foldWord } from '../text/normalise.js';
import { searchWords } from '../store/search.js';

const WORD = /[\p{L}\p{M}]+|\p{N}+/gu;

export interface Snippet {
  /** Where the snippet starts in the whole text. */
  start: number;
  text: string;
  /** Matched words, as offsets into `text`. */
  matches: { start: number; end: number }[];
}

/** Every word of `text` the query's words match, as offsets into `text`. */
export function matchOffsets(text: string, query: string): { start: number; end: number }[] {
  const wanted = new Set(searchWords(query));
  const out: { start: number; end: number }[] = [];
  for (const m of text.matchAll(WORD)) if (wanted.has(foldWord(m[0]))) out.push({ start: m.index!, end: m.index! + m[0].length });
  return out;
}

/**
 * A window of about `width` characters around the first match (the text's start when nothing matches),
 * cut at spaces.
 * @example snippet('Russia delivered Pantsir systems to Serbia.', 'Панцирь', 20) // { start: 17, text: 'Pantsir systems to', matches: [{ start: 0, end: 7 }] }
 */
export function snippet(text: string, query: string, width = 200): Snippet {
  const all = matchOffsets(text, query);
  const anchor = all[0]?.start ?? 0;
  let start = Math.max(0, anchor - Math.floor(width / 3));
  if (start > 0) { const space = text.indexOf(' ', start); start = space >= 0 && space < anchor ? space + 1 : start; }
  let end = Math.min(text.length, start + width);
  if (end < text.length) { const space = text.lastIndexOf(' ', end); end = space > Math.max(start, all[0]?.end ?? start) ? space : end; }
  const matches = all.filter((m) => m.start >= start && m.end <= end).map((m) => ({ start: m.start - start, end: m.end - start }));
  return { start, text: text.slice(start, end), matches };
}
