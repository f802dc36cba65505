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
