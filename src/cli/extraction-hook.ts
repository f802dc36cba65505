import type { PreparedDocument } from '../ingest/prepare.js';
import type { Store } from '../store/store.js';

/** The step that runs after a document is stored; extraction plugs in here. */
export async function createExtractionHook(_store: Store): Promise<((doc: PreparedDocument) => Promise<void>) | undefined> {
  return undefined;
}
