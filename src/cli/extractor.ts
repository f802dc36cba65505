import type { PreparedDocument } from '../ingest/prepare.js';
import type { EventInput } from '../extract/types.js';
import { defaultKnowledgeBase, extractEvents } from '../extract/index.js';

/** The extraction step of an ingest: a document's events, stored with it in one transaction. */
export function createExtractor(): (doc: PreparedDocument) => EventInput[] {
  const kb = defaultKnowledgeBase();
  return (doc) => extractEvents({ text: doc.text, language: doc.language, published: doc.published, sentences: doc.sentences, cited: doc.cited, tokens: doc.tokens }, kb);
}
