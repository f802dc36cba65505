/**
 * Re-extraction: when the rules change, every stored document is extracted again and its events replaced,
 * each document in one transaction with the transfer records it changes, so the records are right at every
 * step and equal to a full rebuild at the end.
 *
 * Resumable: the run's start time is kept in the store (`settings.reextract`); a document is done once its
 * events are newer than that. A run that is killed and started again goes on with the documents not yet
 * done; `restart` begins a new run over all of them.
 */
import type { Store } from '../store/store.js';
import type { Extractor } from './extractor.js';

const RUN_KEY = 'reextract';

export interface ReextractOptions {
  extract: Extractor;
  /** Begin a new run even if one was interrupted. */
  restart?: boolean;
  onProgress?: (p: { done: number; total: number }) => void;
  /** Checked between documents: stop early, leaving the run to resume. */
  signal?: AbortSignal;
}

export interface ReextractSummary {
  /** When the run began (an interrupted run's own start when resumed). */
  started: string;
  resumed: boolean;
  /** Documents re-extracted by this call, and all that the run had left when the call began. */
  done: number;
  total: number;
  events: number;
  finished: boolean;
}

/**
 * @example await reextract(store, { extract: createExtractor(), onProgress: ({ done, total }) => … })
 */
export async function reextract(store: Store, options: ReextractOptions): Promise<ReextractSummary> {
  const previous = options.restart ? undefined : await store.getSetting(RUN_KEY);
  const started = previous ?? new Date().toISOString();
  if (!previous) await store.setSetting(RUN_KEY, started);
  const total = await store.countStaleDocuments(started);
  const summary: ReextractSummary = { started, resumed: Boolean(previous), done: 0, total, events: 0, finished: false };
  let after: string | undefined;
  for (;;) {
    const ids = await store.listStaleDocuments({ before: started, afterId: after, limit: 100 });
    if (!ids.length) break;
    for (const id of ids) {
      if (options.signal?.aborted) return summary;
      const doc = await store.getDocument(id);
      if (doc) {
        const events = options.extract(doc);
        await store.replaceEvents(id, events);
        summary.events += events.length;
      }
      summary.done++;
      options.onProgress?.({ done: summary.done, total });
    }
    after = ids[ids.length - 1];
    // Records of the pairs this hundred changed, so an interrupted run leaves little to rebuild.
    await store.refreshRecords();
  }
  await store.refreshRecords();
  await store.setSetting(RUN_KEY, null);
  summary.finished = true;
  return summary;
}
