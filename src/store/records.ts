/**
 * Materialised transfer records. A record is still a view over its mentions (`src/resolve/transfers.ts`
 * builds it); the store only keeps the result, so a request reads rows instead of merging every event.
 *
 * Invariant this relies on: the records of a (supplier, recipient) pair depend only on that pair's
 * transfer events and their documents. So a change to one document recomputes just the pairs its old and
 * new events name, with `mergeTransfers` itself, inside the transaction that changes the document; and a
 * test (`src/jobs/reextract.test.ts`) checks that records kept this way equal a full merge.
 *
 * Records are built from the mentions at or above ARMSCOPE_MIN_CONFIDENCE as configured where they are written,
 * with the catalog's system links: after changing either, `armscope reextract --records` rebuilds them.
 */
import type { Kysely } from 'kysely';
import type { StoredEvent } from '../extract/types.js';
import { recordsForPairs, type TransferRecord } from '../resolve/transfers.js';
import { systemLinks, type SystemLinks } from '../resolve/goods.js';
import { loadConfig } from '../config.js';
import type { Schema, DocumentsTable } from './schema.js';
import type { DocumentSummary } from './store.js';

/** `SUPPLIER|RECIPIENT` of every transfer event that names both. */
export function pairsOf(events: { kind: string; supplier?: string | null; recipient?: string | null }[]): string[] {
  const pairs = new Set<string>();
  for (const e of events) if (e.kind === 'transfer' && e.supplier && e.recipient) pairs.add(`${e.supplier}|${e.recipient}`);
  return [...pairs].sort();
}

export const SUMMARY_COLUMNS = ['id', 'source', 'url', 'title', 'published', 'language', 'duplicate_of', 'ingested_at', 'sentence_count'] as const;

export function toSummary(row: Pick<DocumentsTable, typeof SUMMARY_COLUMNS[number]>): DocumentSummary {
  return {
    id: row.id, source: row.source, url: row.url, title: row.title, published: row.published, language: row.language,
    duplicateOf: row.duplicate_of, ingestedAt: row.ingested_at, sentenceCount: Number(row.sentence_count),
  };
}

export function toStoredEvent(r: { id: string; document_id: string; body: string; extractor: string; extracted_at: string }): StoredEvent {
  return { ...JSON.parse(r.body), id: r.id, documentId: r.document_id, extractor: r.extractor, extractedAt: r.extracted_at };
}

const CHUNK = 100;

/** What a record depends on besides its mentions: the catalog's system links, and the confidence threshold. */
export interface RecordContext {
  systems: SystemLinks;
  minConfidence: number;
}

let context: Promise<RecordContext> | undefined;

/** Loaded on the first record change of the process (the catalog is not needed to store documents alone). */
export function recordContext(): Promise<RecordContext> {
  context ??= (async () => {
    const { minConfidence } = loadConfig();
    const { defaultKnowledgeBase } = await import('../extract/index.js');
    return { systems: systemLinks(defaultKnowledgeBase().catalog), minConfidence };
  })();
  return context;
}

/**
 * Inside a write transaction (holding the pairs' locks): replaces the stored records of `pairs` with what
 * `mergeTransfers` makes of their events now. Events are read in the order `listEvents` gives them, so
 * the result is the one a full merge over all events gives.
 */
export async function recomputePairs(trx: Kysely<Schema>, pairs: string[]): Promise<number> {
  let written = 0;
  for (let i = 0; i < pairs.length; i += CHUNK) {
    const chunk = pairs.slice(i, i + CHUNK).map((p) => p.split('|') as [string, string]);
    const byPair = (eb: any, table: string) => eb.or(chunk.map(([s, r]) => eb.and([eb(`${table}.supplier`, '=', s), eb(`${table}.recipient`, '=', r)])));
    const rows = await trx.selectFrom('events')
      .innerJoin('documents', 'documents.id', 'events.document_id')
      .select(['events.id', 'events.document_id', 'events.body', 'events.extractor', 'events.extracted_at'])
      .where('events.kind', '=', 'transfer')
      .where('documents.duplicate_of', 'is', null)
      .where((eb) => byPair(eb, 'events'))
      .orderBy('events.document_id').orderBy('events.seq')
      .execute();
    const ids = [...new Set(rows.map((r) => r.document_id))];
    const docs: DocumentSummary[] = [];
    for (let j = 0; j < ids.length; j += 500) {
      const part = await trx.selectFrom('documents').select([...SUMMARY_COLUMNS]).where('id', 'in', ids.slice(j, j + 500)).execute();
      docs.push(...part.map(toSummary));
    }
    const { systems, minConfidence } = await recordContext();
    const mentions = rows.map(toStoredEvent).filter((e) => e.confidence >= minConfidence);
    const records = recordsForPairs(chunk.map(([supplier, recipient]) => ({ supplier, recipient })), mentions, docs, systems).flatMap((p) => p.records);
    await trx.deleteFrom('transfer_records').where((eb) => byPair(eb, 'transfer_records')).execute();
    for (let j = 0; j < records.length; j += 200) await trx.insertInto('transfer_records').values(records.slice(j, j + 200).map(recordRow)).execute();
    written += records.length;
  }
  return written;
}

function recordRow(r: TransferRecord): Schema['transfer_records'] {
  return {
    id: r.id, supplier: r.supplier, recipient: r.recipient, system: r.system, system_id: r.systemId, category: r.category,
    status: r.status, hedged: r.hedged ? 1 : 0, corroboration: r.corroboration, conflicted: r.conflicts.length ? 1 : 0,
    // '' for an undated record: sorts last in a descending listing on both backends, and an index can give that order.
    first_seen: r.firstSeen, last_seen: r.lastSeen ?? '', body: JSON.stringify(r),
  };
}
