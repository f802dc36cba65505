/**
 * Review as the CLI and the API offer it: deciding on an event or a whole transfer record, the log of
 * decisions with what became of each (applied, overridden by a later one, orphaned by re-extraction), the
 * queue of what most deserves a look, and decisions carried between stores.
 */
import { NotFoundError, ValidationError } from '../errors.js';
import type { StoredEvent } from '../extract/types.js';
import type { Catalog } from '../kb/catalog.js';
import type { DecisionFilter, EventFilter, Store } from '../store/store.js';
import { byClaim, claimOf, decide, decisionTime, newBatch, parseCorrection, VERDICTS, type Correction, type Decision, type Verdict } from './decisions.js';

export interface DecisionRequest {
  verdict: Verdict;
  fields?: Record<string, unknown>;
  note?: string | null;
  author: string;
}

/** A system named by an analyst, with the catalog id when the catalog knows the name. */
function withSystemId(fields: Correction, catalog?: Catalog): Correction {
  if (fields.system === undefined || fields.systemId !== undefined || !catalog) return fields;
  if (fields.system === null) return { ...fields, systemId: null };
  const wanted = fields.system.toLowerCase().replace(/[\s-]/g, '');
  const alias = catalog.aliases.find((a) => a.entity.startsWith('system:') && a.text.toLowerCase().replace(/[\s-*]/g, '') === wanted);
  return { ...fields, systemId: alias?.entity ?? null };
}

function verdictOf(value: string): Verdict {
  if (!(VERDICTS as readonly string[]).includes(value)) throw new ValidationError(`verdict must be one of ${VERDICTS.join(', ')}, got "${value}"`, { field: 'verdict', value });
  return value as Verdict;
}

/** The latest decision on each claim of these events, to build on. */
async function latestDecisions(store: Store, events: StoredEvent[]): Promise<Map<string, Decision>> {
  const claims = [...new Set(events.map(claimOf))];
  const out = new Map<string, Decision>();
  for (const [claim, list] of byClaim(await store.listDecisions({ claims }))) out.set(claim, list[list.length - 1]);
  return out;
}

/**
 * Decides on one event (by its id). Returns the stored decision.
 * @example await decideEvent(store, 'a1b2c3d4e5f60718', { verdict: 'correct', fields: { status: 'delivered' }, author: 'ana' })
 */
export async function decideEvent(store: Store, eventId: string, request: DecisionRequest, catalog?: Catalog): Promise<Decision> {
  const [event] = await store.listEvents({ ids: [eventId] });
  if (!event) throw new NotFoundError(`no event ${eventId}`, { id: eventId });
  const previous = (await latestDecisions(store, [event])).get(claimOf(event));
  const decision = decide(event, { ...request, verdict: verdictOf(request.verdict), fields: withSystemId(parseCorrection(request.fields ?? {}), catalog) }, previous);
  await store.addDecisions([decision]);
  return decision;
}

/**
 * Decides on a whole transfer record: the same decision on each of its mentions, all marked `via` the record.
 */
export async function decideRecord(store: Store, recordId: string, request: DecisionRequest, catalog?: Catalog): Promise<Decision[]> {
  const record = await store.getTransferRecord(recordId);
  if (!record) throw new NotFoundError(`no transfer record ${recordId}`, { id: recordId });
  const events = await store.listEvents({ ids: record.mentionIds });
  const previous = await latestDecisions(store, events);
  const fields = withSystemId(parseCorrection(request.fields ?? {}), catalog);
  const at = decisionTime(previous.values());
  const batch = newBatch();
  const decisions = events.map((e, index) => decide(e, { ...request, verdict: verdictOf(request.verdict), fields, at, batch, index, via: `record:${recordId}` }, previous.get(claimOf(e))));
  await store.addDecisions(decisions);
  return decisions;
}

export type DecisionState = 'applied' | 'overridden' | 'orphaned';

/**
 * Decisions with what became of each: `applied` (the latest on a claim some event still makes),
 * `overridden` (a later decision on the same claim stands), `orphaned` (no event makes the claim any more:
 * re-extraction no longer reads it so; kept, and applied again should the claim return).
 */
export async function decisionLog(store: Store, filter: DecisionFilter = {}): Promise<(Decision & { state: DecisionState })[]> {
  const decisions = await store.listDecisions(filter);
  const claims = byClaim(await store.listDecisions({ claims: [...new Set(decisions.map((d) => d.claim))] }));
  const documents = [...new Set(decisions.map((d) => d.documentId))];
  const live = new Set<string>();
  for (let i = 0; i < documents.length; i += 500) {
    for (const e of await store.listEvents({ documentIds: documents.slice(i, i + 500) })) live.add(claimOf(e));
  }
  return decisions.map((d) => {
    const list = claims.get(d.claim)!;
    const state: DecisionState = !live.has(d.claim) ? 'orphaned' : list[list.length - 1].id === d.id ? 'applied' : 'overridden';
    return { ...d, state };
  });
}

export interface QueueItem {
  event: StoredEvent & { document: { source: string; url: string | null; title: string | null; published: string | null } };
  /** Higher first. */
  priority: number;
  /** Why it is in the queue, in words. */
  reasons: string[];
}

/** How many of the newest matching events the queue ranks. */
export const QUEUE_SCAN = 5000;

/**
 * Events that most deserve a look, not yet decided on: weak readings (low confidence), claims whose sources
 * disagree, the only report yet of a supplier to a recipient (one record, one publisher), and large deals (a stated value of $100 million or
 * more, or ten units or more). Ranks the newest `QUEUE_SCAN` matching events.
 */
export async function reviewQueue(store: Store, filter: Omit<EventFilter, 'limit' | 'offset'> = {}, page: { limit?: number; offset?: number } = {}): Promise<{ items: QueueItem[]; decided: number; open: number }> {
  const events = await store.findEvents({ kind: 'transfer', ...filter, limit: QUEUE_SCAN });
  const decided = new Set((await store.listDecisions({ claims: [...new Set(events.map(claimOf))] })).map((d) => d.claim));
  const open = events.filter((e) => !decided.has(claimOf(e)));
  const pairs = new Map((await store.pairDetails()).map((p) => [`${p.supplier}|${p.recipient}`, p]));
  const conflicted = new Set<string>();
  for (const pair of new Set(open.map((e) => `${e.supplier}|${e.recipient}`))) {
    const [supplier, recipient] = pair.split('|');
    if (!supplier || !recipient || !pairs.has(pair)) continue;
    for (const r of await store.listTransferRecords({ supplier, recipient, conflicts: true })) for (const id of r.mentionIds) conflicted.add(id);
  }
  const items = open.map((e) => {
    const reasons: string[] = [];
    let priority = 2 * (1 - e.confidence);
    if (e.confidence < 0.6) reasons.push(`low confidence (${e.confidence.toFixed(2)})`);
    if (conflicted.has(e.id)) { priority += 1.5; reasons.push('its sources disagree'); }
    const pair = pairs.get(`${e.supplier}|${e.recipient}`);
    if (e.supplier && e.recipient && (!pair || (pair.records <= 1 && pair.corroboration <= 1))) { priority += 1; reasons.push(`first report of ${e.supplier} supplying ${e.recipient}`); }
    if ((e.value ?? 0) >= 100_000_000 || (e.quantity ?? 0) >= 10) { priority += 1; reasons.push('a large deal'); }
    return { event: e, priority: Math.round(priority * 1000) / 1000, reasons };
  }).sort((a, b) => b.priority - a.priority || (a.event.id < b.event.id ? -1 : 1));
  const offset = page.offset ?? 0;
  return { items: items.slice(offset, offset + (page.limit ?? 50)), decided: events.length - open.length, open: open.length };
}

/** Decisions as JSON lines, oldest first: what `importDecisions` reads in another store. */
export async function exportDecisions(store: Store, filter: DecisionFilter = {}): Promise<string> {
  return (await store.listDecisions(filter)).map((d) => JSON.stringify(d)).join('\n') + '\n';
}

/**
 * Reads decisions exported from another store; those already present (same id) are skipped. Every line is
 * checked before any is stored, so a bad file stores nothing.
 */
export async function importDecisions(store: Store, text: string, source = 'input'): Promise<{ added: number; skipped: number }> {
  const decisions: Decision[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let d: Decision;
    try { d = JSON.parse(line); } catch { throw new ValidationError(`${source}:${i + 1}: not JSON`, { line: i + 1 }); }
    for (const key of ['id', 'claim', 'eventId', 'documentId', 'pairFrom', 'pairTo', 'author', 'decidedAt'] as const) {
      if (typeof d[key] !== 'string') throw new ValidationError(`${source}:${i + 1}: ${key} missing`, { line: i + 1, field: key });
    }
    verdictOf(d.verdict);
    parseCorrection(d.fields ?? {});
    decisions.push({ ...d, fields: d.fields ?? {}, note: d.note ?? null, via: d.via ?? null });
  });
  const known = new Set((await store.listDecisions({ claims: [...new Set(decisions.map((d) => d.claim))] })).map((d) => d.id));
  const fresh = decisions.filter((d) => !known.has(d.id));
  await store.addDecisions(fresh);
  return { added: fresh.length, skipped: decisions.length - fresh.length };
}
