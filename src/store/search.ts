/**
 * What the full-text index holds. Both backends index the same words, folded here once: lowercase,
 * accents removed, Cyrillic and Greek transliterated and Latin digraphs collapsed exactly as the catalog
 * matcher folds them (`foldWord`), so `Vučić` finds `Вучић`, `Shahed` finds `Шахед` and an answer does not
 * depend on the backend or on the database's locale. The price of the digraph collapse: spellings that
 * differ only by one meet (`shells` finds `sells`).
 *
 * Trap: the index is derived data. A change to `foldWord` needs `armscope reextract --search` to reindex.
 */
import { foldWord } from '../text/normalise.js';

// Letters (with their combining marks) and digits are separate words, as in the tokenizer: `CH-92A` is ch, 92, a.
const WORD = /[\p{L}\p{M}]+|\p{N}+/gu;
/** PostgreSQL refuses lexemes over 2 KB; no real word comes near. */
const MAX_WORD = 100;

/** The distinct folded words of a text, in order of first appearance. */
export function searchWords(text: string): string[] {
  const seen = new Set<string>();
  for (const m of text.matchAll(WORD)) {
    const word = foldWord(m[0]);
    if (word && word.length <= MAX_WORD) seen.add(word);
  }
  return [...seen];
}

/**
 * The index entry of a document: its title's and text's distinct folded words. Distinct, because a
 * tsvector has a size cap and the search asks only whether a word occurs.
 * @example searchTerms('Панцирь для Сербии', 'Serbia received…') // 'pancir dla serbii serbia received …'
 */
export function searchTerms(title: string | null, text: string): string {
  return searchWords(`${title ?? ''}\n${text}`).join(' ');
}

/**
 * Index keys order documents newest first without reading them: `day × 2³² + seq`, where `day` counts days
 * from 1900-01-01 plus one (0 for undated, so undated come last) and `seq` is the order in which the store
 * took the document (documents.seq in SQLite, a sequence in PostgreSQL). Both backends read a word's matches from the
 * index in descending key order and stop when a page is full, so a search costs the same whether a word is in
 * ten documents or in a hundred thousand. Keys stay below 2⁵³, exact as JavaScript numbers.
 */
export const SEQ_SPAN = 2 ** 32;
const DAY_MS = 86_400_000;
const DAY_ONE = Date.UTC(1900, 0, 1);
const LAST_DAY = Math.round((Date.UTC(2200, 0, 1) - DAY_ONE) / DAY_MS);

/**
 * The day number of a stored date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as `published` holds them; a period
 * counts from its first day), or 0 for none or any other shape.
 * @example searchDay('1900-01-01') // 1
 */
export function searchDay(date: string | null | undefined): number {
  const m = date ? /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(date) : null;
  if (!m) return 0;
  const t = Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1));
  const day = Math.round((t - DAY_ONE) / DAY_MS) + 1;
  return Math.min(Math.max(day, 1), LAST_DAY);
}

/** The index key of the `seq`-th document stored, published on `published`. */
export function searchKey(published: string | null | undefined, seq: number): number {
  if (!Number.isInteger(seq) || seq < 0 || seq >= SEQ_SPAN) throw new RangeError(`search index: document number ${seq} is outside 0..2^32`);
  return searchDay(published) * SEQ_SPAN + seq;
}

/**
 * Key bounds for documents published from `from` and before `before` (both in `published`'s forms): every
 * such document's key lies inside them; the exact date test stays with the query.
 */
export function searchKeyRange(from?: string, before?: string): { min?: number; below?: number } {
  return {
    min: from ? searchDay(from) * SEQ_SPAN : undefined,
    // A period stored as `2024` sorts before `2024-01-01` as text but shares its day: one day of slack.
    below: before ? (searchDay(before) + 1) * SEQ_SPAN : undefined,
  };
}

/** The month a day number falls in, as months since January 1900 (0 for undated). */
export function searchMonth(day: number): number {
  if (day <= 0) return 0;
  const d = new Date(DAY_ONE + (day - 1) * DAY_MS);
  return (d.getUTCFullYear() - 1900) * 12 + d.getUTCMonth() + 1;
}

/** The key of the first day of month `month` (as `searchMonth` counts them). */
export function monthStartKey(month: number): number {
  const year = 1900 + Math.floor((month - 1) / 12);
  return searchDay(`${year}-${String(((month - 1) % 12) + 1).padStart(2, '0')}-01`) * SEQ_SPAN;
}

/**
 * A word for the month a document was published in (`p202405`), added to its PostgreSQL index entry so that
 * a search can ask the GIN index for a word's matches of the last months only. Letters and digits never
 * share a word in `searchWords`, so no text and no query yields it. Undated: none.
 */
export function monthWord(month: number): string | null {
  if (month <= 0) return null;
  return `p${1900 + Math.floor((month - 1) / 12)}${String(((month - 1) % 12) + 1).padStart(2, '0')}`;
}

/** The month word of a document published on `published` (`2024-05-06` → `p202405`), or null when undated. */
export const publishedMonthWord = (published: string | null | undefined) => monthWord(searchMonth(searchDay(published)));
