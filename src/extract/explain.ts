/**
 * Why a document gave the events it gave, sentence by sentence: what was recognised, which cue words
 * fired, each event with its rule and the share each feature has in its confidence, and every candidate
 * the rules turned down, grouped by the class that turned it down. One structure for every shell: the CLI
 * prints it as text or JSON, and an API can return it as it is.
 */
import type { KnowledgeBase } from '../kb/recognise.js';
import { contributions, defaultConfidenceModel, type ConfidenceModel, type Contribution } from './confidence.js';
import { extractDocument, type ExtractableDocument } from './document.js';
import type { EventInput } from './types.js';

export interface ExplainedEvent extends Omit<EventInput, 'features'> {
  /** The log-odds the model starts from, and each feature's weight × value, largest effect first. Absent
   *  for events whose rule gives a fixed confidence (production, cooperation, sanctions, routes). */
  bias?: number;
  contributions?: Contribution[];
}

export interface Rejection {
  /** What turned the candidate down: `attribution`, `inventory`, `negated`, `no-goods`, `no-party`, ... */
  class: string;
  reason: string;
}

export interface ExplainedSentence {
  /** 1-based, as `armscope show` numbers sentences. */
  number: number;
  text: string;
  entities: { text: string; entity: string; country: string | null; role: string }[];
  cues: { text: string; types: string[] }[];
  hypotheticalScope: boolean;
  events: ExplainedEvent[];
  /** Classes in order of first appearance, each with its candidates in the order the rules saw them. */
  rejected: { class: string; reasons: string[] }[];
}

const CLASSED = /^([a-z][a-z-]*): ([\s\S]*)$/;

/** Splits a rejection string ("no-party: ...") into its class and reason; unclassed text is `other`. */
export function classify(rejection: string): Rejection {
  const m = CLASSED.exec(rejection);
  return m ? { class: m[1], reason: m[2] } : { class: 'other', reason: rejection };
}

function grouped(rejections: Rejection[]): ExplainedSentence['rejected'] {
  const out: ExplainedSentence['rejected'] = [];
  for (const r of rejections) {
    const group = out.find((g) => g.class === r.class);
    if (group) group.reasons.push(r.reason);
    else out.push({ class: r.class, reasons: [r.reason] });
  }
  return out;
}

/**
 * Explains every sentence of a document (only those where something was found, tried or turned down,
 * unless `all`).
 * @example explainDocument(kb, doc).filter((s) => s.events.length).map((s) => s.events[0].contributions)
 */
export function explainDocument(kb: KnowledgeBase, doc: ExtractableDocument, options: { all?: boolean; model?: ConfidenceModel } = {}): ExplainedSentence[] {
  const model = options.model ?? defaultConfidenceModel();
  const { trace } = extractDocument(kb, doc, model);
  const out: ExplainedSentence[] = [];
  for (const t of trace) {
    const a = t.analysis;
    // Names in an attribution ("according to the German broadcaster") were candidates for a party too.
    const rejections = [
      ...a.attributed.map((m) => ({ class: 'attribution', reason: `"${m.text}" (${m.country}): named as the source of the report, not a party` })),
      ...t.rejected.map(classify),
    ];
    if (!(t.events.length || rejections.length || a.chains.length || options.all)) continue;
    out.push({
      number: a.index + 1,
      text: doc.text.slice(a.start, a.end),
      entities: a.mentions.map((m) => ({ text: m.text, entity: m.entity, country: m.country, role: m.role })),
      cues: a.cues.map((c) => ({ text: c.text, types: [...new Set(c.cues.map((q) => q.type))] })),
      hypotheticalScope: t.hypotheticalScope,
      events: t.events.map(({ features, ...e }) => (features ? { ...e, bias: model.bias, contributions: contributions(model, features) } : e)),
      rejected: grouped(rejections),
    });
  }
  return out;
}
