import type { ExtractableDocument } from '../extract/document.js';
import type { EventInput } from '../extract/types.js';
import { defaultKnowledgeBase, extractEvents } from '../extract/index.js';

export type Extractor = (doc: ExtractableDocument) => EventInput[];

/**
 * The extraction step of an ingest, a worker or a re-extraction: a document's events, stored with it in
 * one transaction. A prepared document brings its tokens; a stored one is tokenized again.
 */
export function createExtractor(): Extractor {
  const kb = defaultKnowledgeBase();
  return (doc) => extractEvents({ text: doc.text, language: doc.language, published: doc.published, sentences: doc.sentences, cited: doc.cited, tokens: doc.tokens }, kb);
}
