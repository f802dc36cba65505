/**
 * Analysts' decisions on what the extractor said: confirm, reject or correct. A decision is a statement kept
 * beside the extraction (who, when, why), never an edit of it, and it is tied to the *claim* an event makes,
 * not to the event's id: re-extraction gives events new ids, and a decision applies again to whatever event
 * makes the same claim (same document, sentence, kind, parties and goods). A claim no event makes any more
 * leaves its decisions orphaned: kept, listed, applied to nothing.
 *
 * A decision on a transfer record is stored as one decision per mention of the record (`via` names the
 * record), so records, re-extraction and the merge only ever deal with decisions on mentions, and a record
 * reviewed as a whole shows the reviewed values because every mention of it carries them.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CATEGORIES, TRANSFER_STATUSES } from '../kb/schema.js';
import { ValidationError } from '../errors.js';
import type { StoredEvent } from '../extract/types.js';

export const VERDICTS = ['confirm', 'reject', 'correct'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** The fields a correction may set, as the extractor's events name them. */
export const Correction = z.object({
  supplier: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in capitals').nullable(),
  recipient: z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code in capitals').nullable(),
  system: z.string().min(1).max(200).nullable(),
  systemId: z.string().regex(/^system:[a-z0-9][a-z0-9-]*$/).nullable(),
  category: z.enum(CATEGORIES).nullable(),
  status: z.enum(TRANSFER_STATUSES),
  date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD').nullable(),
  quantity: z.number().int().min(0).nullable(),
  hedged: z.boolean(),
}).partial().strict();
export type Correction = z.infer<typeof Correction>;

/** A correction checked, with the offending field named. */
export function parseCorrection(fields: unknown): Correction {
  const parsed = Correction.safeParse(fields);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? (issue as any).keys?.join(', ') : 'fields');
  throw new ValidationError(`correction field ${field}: ${issue.message}`, { field });
}

/** The fields an analyst names when correcting (the catalog id travels with the system). */
export const REVIEW_FIELDS = ['supplier', 'recipient', 'system', 'category', 'status', 'date', 'quantity', 'hedged'] as const;

export interface Decision {
  /** Sortable by time: the decision time in milliseconds, then random (two decisions at one instant still order). */
  id: string;
  /** The claim decided on (`claimOf`). */
  claim: string;
  /** The event's id when decided (ids change with re-extraction; the claim does not). */
  eventId: string;
  documentId: string;
  /** `SUPPLIER|RECIPIENT` of the event as extracted, and as it stands after this decision ('' without both). */
  pairFrom: string;
  pairTo: string;
  verdict: Verdict;
  fields: Correction;
  note: string | null;
  author: string;
  decidedAt: string;
  /** `record:<id>` when the decision was made on a whole transfer record. */
  via: string | null;
}

/** What the latest decision on a claim did to its event, as events and records show it. */
export interface ReviewMark {
  verdict: Verdict;
  /** The fields a correction set. */
  fields: string[];
  author: string;
  decidedAt: string;
  decision: string;
  note: string | null;
  /** Earlier decisions on the same claim that this one overrides (shown, never dropped). */
  earlier: number;
}

type ClaimFields = Pick<StoredEvent, 'documentId' | 'kind' | 'evidence' | 'supplier' | 'recipient' | 'systemId' | 'system' | 'category'>;

/**
 * The claim an event makes, stable across re-extraction: its document, sentence, kind, parties and goods.
 * @example claimOf(event) // 'd265c25fb716deda|4|transfer|RU|IR|system:su-35'
 */
export function claimOf(e: ClaimFields): string {
  return [e.documentId, e.evidence.sentence, e.kind, e.supplier ?? '', e.recipient ?? '', e.systemId ?? e.system ?? e.category ?? ''].join('|');
}

export const pairOf = (e: { supplier?: string | null; recipient?: string | null }) => (e.supplier && e.recipient ? `${e.supplier}|${e.recipient}` : '');

/**
 * A new decision id: the time in milliseconds (base 36, fixed width), 8 random hex digits, and the decision's
 * place in its batch, so ids sort by time, and two batches made in the same millisecond (two analysts on one
 * record) order the same way on every mention.
 */
export function decisionId(at: Date = new Date(), batch = randomBytes(4).toString('hex'), index = 0): string {
  return `${at.getTime().toString(36).padStart(9, '0')}-${batch}-${String(index).padStart(4, '0')}`;
}

/** A token shared by the decisions of one request (see `decisionId`). */
export const newBatch = () => randomBytes(4).toString('hex');

/**
 * The time for a new decision: now, or a millisecond after the latest of `previous` when that is not yet
 * past, so a decision always sorts after the ones it follows (two made in one millisecond would otherwise
 * order by their random batch tokens).
 */
export function decisionTime(previous: Iterable<Decision>, now = new Date()): Date {
  let latest = -Infinity;
  for (const d of previous) latest = Math.max(latest, parseInt(d.id.slice(0, 9), 36));
  return latest < now.getTime() ? now : new Date(latest + 1);
}

/**
 * A decision on one event, checked: a correction must set at least one field, and a confirmation or a
 * rejection sets none.
 * @example decide(event, { verdict: 'correct', fields: { status: 'delivered' }, author: 'ana' })
 */
export function decide(e: StoredEvent, input: { verdict: Verdict; fields?: Correction; note?: string | null; author: string; at?: Date; via?: string | null; batch?: string; index?: number }, previous?: Decision): Decision {
  const given = parseCorrection(input.fields ?? {});
  if (input.verdict === 'correct' && !Object.keys(given).length) throw new ValidationError('a correction must set at least one field', { field: 'fields' });
  if (input.verdict !== 'correct' && Object.keys(given).length) throw new ValidationError(`a ${input.verdict} sets no fields; use correct`, { field: 'fields' });
  // A decision states the claim whole: corrections made before it stand unless it rejects the claim or changes them.
  const fields = input.verdict === 'reject' ? {} : { ...(previous && previous.verdict !== 'reject' ? previous.fields : {}), ...given };
  if (!input.author.trim()) throw new ValidationError('a decision needs an author', { field: 'author' });
  const at = input.at ?? decisionTime(previous ? [previous] : []);
  const after = input.verdict === 'reject' ? null : { ...e, ...fields };
  return {
    id: decisionId(at, input.batch, input.index), claim: claimOf(e), eventId: e.id, documentId: e.documentId, pairFrom: pairOf(e),
    pairTo: after ? pairOf(after) : '', verdict: input.verdict, fields, note: input.note?.trim() || null,
    author: input.author.trim(), decidedAt: at.toISOString(), via: input.via ?? null,
  };
}

/** Decisions grouped by claim, each list oldest first (ids sort by time). */
export function byClaim(decisions: Decision[]): Map<string, Decision[]> {
  const out = new Map<string, Decision[]>();
  for (const d of [...decisions].sort((a, b) => (a.id < b.id ? -1 : 1))) out.set(d.claim, [...(out.get(d.claim) ?? []), d]);
  return out;
}

/**
 * Events as reviewed: the latest decision on each event's claim applied. A rejected event is left out; a
 * confirmed or corrected one counts as certain (confidence 1) and carries its `review` mark.
 */
export function applyDecisions<E extends StoredEvent>(events: E[], decisions: Decision[]): (E & { review?: ReviewMark })[] {
  if (!decisions.length) return events;
  const claims = byClaim(decisions);
  const out: (E & { review?: ReviewMark })[] = [];
  for (const e of events) {
    const list = claims.get(claimOf(e));
    if (!list) { out.push(e); continue; }
    const d = list[list.length - 1];
    if (d.verdict === 'reject') continue;
    const review: ReviewMark = {
      verdict: d.verdict, fields: Object.keys(d.fields).filter((f) => f !== 'systemId'), author: d.author, decidedAt: d.decidedAt,
      decision: d.id, note: d.note, earlier: list.length - 1,
    };
    out.push({ ...e, ...d.fields, confidence: 1, review });
  }
  return out;
}

/** The review mark of a claim's latest decision, also for a rejection (what a listing of decisions shows). */
export function latestOf(list: Decision[]): Decision {
  return list[list.length - 1];
}
