import type { PreparedDocument } from '../ingest/prepare.js';
import type { Store } from '../store/store.js';
import { defaultKnowledgeBase, extractEvents } from '../extract/index.js';

/** The step that runs after a document is stored: extract its events and store them with it. */
export async function createExtractionHook(store: Store): Promise<(doc: PreparedDocument) => Promise<void>> {
  const kb = defaultKnowledgeBase();
  return async (doc) => {
    const events = extractEvents({ text: doc.text, language: doc.language, published: doc.published, sentences: doc.sentences, cited: doc.cited }, kb);
    await store.replaceEvents(doc.id, events);
  };
}
