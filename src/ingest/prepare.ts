/**
 * One raw article to one storable document: cleaned text, removed debris, cited sources, language,
 * publication date, sentences with offsets, a content-hash id and a near-duplicate fingerprint.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../errors.js';
import { cleanText, type CitedSource, type RemovedSpan } from '../text/clean.js';
import { findPublishedLine } from '../text/dates.js';
import { detectLanguage } from '../text/language.js';
import { splitSentences, type Sentence } from '../text/sentences.js';
import { simhash } from '../text/simhash.js';
import { tokenize, type Token } from '../text/normalise.js';
import type { RawArticle } from './types.js';

export interface PreparedDocument {
  id: string;
  source: string;
  url: string | null;
  title: string | null;
  /** YYYY-MM-DD, or null when the article states none (never the ingest time). */
  published: string | null;
  publishedFrom: 'metadata' | 'line' | 'unknown';
  language: string;
  languageConfidence: number;
  format: RawArticle['format'];
  text: string;
  removed: RemovedSpan[];
  cited: CitedSource[];
  sentences: Sentence[];
  simhash: string;
  /** The cleaned text's tokens, computed once for the fingerprint and reused by extraction (not stored). */
  tokens: Token[];
}

/** Content id: the same text under any name gets the same id. */
export function contentId(text: string): string {
  return createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 16);
}

function titleFrom(text: string): string | null {
  const first = text.split('\n').find((l) => l.trim())?.trim();
  if (!first || first.length > 200 || /[.!?]$/.test(first) && first.split(' ').length > 20) return null;
  return first;
}

/**
 * @example const doc = await prepareDocument({ source: 'a.txt', body: 'Iran sent drones.', format: 'text' });
 */
export async function prepareDocument(raw: RawArticle): Promise<PreparedDocument> {
  const cleaned = cleanText(raw.body);
  if (!cleaned.text.trim()) throw new InputError(raw.source, 'no article text left after removing page debris');
  const guess = await detectLanguage(cleaned.text);
  const lineDate = raw.published ? null : findPublishedLine(cleaned.text);
  const tokens = tokenize(cleaned.text);
  return {
    id: contentId(cleaned.text),
    source: raw.source,
    url: raw.url ?? (/^https?:\/\//.test(raw.source) ? raw.source : null),
    title: raw.title?.trim() || titleFrom(cleaned.text),
    published: raw.published ?? lineDate,
    publishedFrom: raw.published ? 'metadata' : lineDate ? 'line' : 'unknown',
    language: guess.confidence >= 0.25 || !raw.language ? guess.language : raw.language,
    languageConfidence: guess.confidence,
    format: raw.format,
    text: cleaned.text,
    removed: cleaned.removed,
    cited: cleaned.cited,
    sentences: splitSentences(cleaned.text),
    simhash: simhash(cleaned.text, tokens),
    tokens,
  };
}
