/**
 * The events armscope extracts. Every event knows the sentence, the character span and the cue words it
 * came from, and the rule that produced it (statements with provenance): a merged record is assembled from
 * these, never stored without them.
 */
import type { ReviewMark } from '../review/decisions.js';
import type { Category } from '../kb/schema.js';

export type EventKind = 'transfer' | 'production' | 'cooperation' | 'sanction' | 'route';

export interface Evidence {
  sentence: number;
  start: number;
  end: number;
  text: string;
  /** The cue words, as written, that triggered the event. */
  cues: string[];
  /** The rule that produced it, e.g. `transfer/agent-supplier`. */
  rule: string;
}

export interface EventInput {
  kind: EventKind;
  status: string | null;
  hedged: boolean;
  /** Stated as a scenario, a condition or a possibility, not as fact. */
  hypothetical: boolean;
  /** The estimated probability that the event is right (src/extract/confidence.ts). */
  confidence: number;
  /** What the rule saw, as named values (0–1) the confidence model weighs: where each role came from
   *  (`supplier:marker`, `recipient:memory`), the cue's role, hedges, distance. Not stored. */
  features?: Record<string, number>;
  evidence: Evidence;
  /** Transfer parties and goods (ISO alpha-2 codes, catalog ids, categories). */
  supplier?: string | null;
  recipient?: string | null;
  system?: string | null;
  systemId?: string | null;
  category?: Category | null;
  quantity?: number | null;
  value?: number | null;
  currency?: string | null;
  /** Resolved time: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with the words it came from. */
  date?: string | null;
  dateText?: string | null;
  /** Production. */
  producer?: string | null;
  origin?: string | null;
  location?: string | null;
  /** The catalog place the location names (`place:alabuga-sez`), so a map can draw it. */
  locationId?: string | null;
  /** Cooperation. */
  parties?: string[];
  type?: string | null;
  /** Sanction. */
  imposer?: string | null;
  target?: string | null;
  reason?: string | null;
  /** Route. */
  via?: string[];
  /** Catalog ids of the waypoints in `via`, in the same order. */
  viaIds?: string[];
  destination?: string | null;
}

export interface StoredEvent extends EventInput {
  id: string;
  documentId: string;
  extractor: string;
  extractedAt: string;
  /** Present when an analyst decided on the event's claim: the values above are then the reviewed ones. */
  review?: ReviewMark;
}
