/**
 * Reviewed documents as gold in the evaluation format (`armscope-gold/1`, as `../shared/eval/score.mjs`
 * reads it): every transfer an analyst confirmed or corrected is required, with the reviewed values; one
 * rejected is left out (so predicting it counts as an error); one nobody looked at is `optional`, neither
 * required nor penalised. Scoring the extractor against it measures it on the analysts' own material.
 */
import type { Store } from '../store/store.js';
import { applyDecisions } from './decisions.js';

export interface GoldTransfer {
  supplier: string | null;
  recipient: string | null;
  system?: string;
  category: string | null;
  status: string[];
  hedged: boolean;
  quantity?: number;
  evidence: string;
  optional?: true;
}

export interface GoldDocument {
  file: string;
  language: string;
  published_about: string | null;
  transfers: GoldTransfer[];
}

/** Gold for every document with a decision on one of its transfer claims, in document id order. */
export async function reviewedGold(store: Store): Promise<{ schema: 'armscope-gold/1'; note: string; documents: GoldDocument[] }> {
  const decisions = await store.listDecisions();
  const documents: GoldDocument[] = [];
  for (const id of [...new Set(decisions.map((d) => d.documentId))].sort()) {
    const doc = await store.getDocument(id);
    if (!doc) continue;
    const events = (await store.listEvents({ documentId: id, kind: 'transfer' }));
    const reviewed = applyDecisions(events, decisions.filter((d) => d.documentId === id));
    documents.push({
      file: doc.url ?? doc.source, language: doc.language, published_about: doc.published,
      transfers: reviewed.map((e) => ({
        supplier: e.supplier ?? null, recipient: e.recipient ?? null, ...(e.system ? { system: e.system } : {}), category: e.category ?? null,
        status: e.status ? [e.status] : [], hedged: e.hedged, ...(e.quantity ? { quantity: e.quantity } : {}), evidence: e.evidence.text,
        ...(e.review ? {} : { optional: true as const }),
      })),
    });
  }
  return {
    schema: 'armscope-gold/1',
    note: 'Transfers analysts confirmed or corrected are required, with the reviewed values; rejected ones are left out; the rest are optional.',
    documents,
  };
}
