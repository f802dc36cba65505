/**
 * Extraction for one document: recognition once over the whole text, then the rules sentence by sentence,
 * carrying a short memory of what earlier sentences said and the scope of scenario sections ("Scenario 2:
 * ..."), whose content is hypothetical however it is phrased.
 */
import type { KnowledgeBase, Mention } from '../kb/recognise.js';
import { tokenize, type Token } from '../text/normalise.js';
import type { Sentence } from '../text/sentences.js';
import { lexiconFor } from './lexicon.js';
import { moneyIn } from './quantity.js';
import { analyseSentence, type SentenceAnalysis } from './sentence.js';
import { resolveTime } from './time.js';
import { isMonthKey } from '../text/dates.js';
import { transfersIn, type Memory } from './transfers.js';
import { cooperationIn } from './cooperation.js';
import { productionIn } from './production.js';
import type { RuleContext } from './context.js';
import { routesIn, sanctionsIn } from './sanctions.js';
import type { EventInput } from './types.js';
import { STATUS_ORDER } from './lexicon.js';
import type { TransferStatus } from '../kb/schema.js';
// Which goods are one transfer is decided once, in resolve, so exports and records agree.
import { goodsKey, planGoods, type SystemLinks } from '../resolve/goods.js';
import { confidenceOf, defaultConfidenceModel, type ConfidenceModel } from './confidence.js';

export interface ExtractableDocument {
  text: string;
  language: string;
  published: string | null;
  sentences: Sentence[];
  /** Spans of cited sources: names inside them are outlets, not actors. */
  cited?: { start: number; end: number }[];
  /** The text's tokens when the caller already has them. */
  tokens?: Token[];
}

export interface SentenceTrace {
  analysis: SentenceAnalysis;
  events: EventInput[];
  hypotheticalScope: boolean;
  rejected: string[];
}

const LABEL = /^[\p{L}][\p{L} -]{0,30}:\s*\S/u;
const BULLET = /^[•\-*–·▪●◦]\s|^\d+\.\s/u;

type LineKind = 'heading' | 'label' | 'bullet' | 'paragraph';
function lineKind(line: string): LineKind {
  const t = line.trim();
  if (BULLET.test(t)) return 'bullet';
  if (LABEL.test(t)) return 'label';
  if (t.endsWith(':') || (!/[.!?"”»)]$/.test(t) && t.split(/\s+/).length <= 14)) return 'heading';
  return 'paragraph';
}

/**
 * Extracts every event of a document, sentence by sentence, with a trace of how (for `armscope explain`).
 * @example extractDocument(kb, { text, language: 'en', published: '2023-01-10', sentences }).events
 */
export function extractDocument(kb: KnowledgeBase, doc: ExtractableDocument, model: ConfidenceModel = defaultConfidenceModel()): { events: EventInput[]; trace: SentenceTrace[] } {
  const { text } = doc;
  const lex = lexiconFor(doc.language);
  const tokens = doc.tokens ?? tokenize(text);
  const sentenceStarts = new Set(doc.sentences.map((s) => s.start));
  const mentions = kb.recognise(text, { language: doc.language, exclude: doc.cited, sentenceStarts }, tokens);
  const memory: Memory = { transfers: [], previousCountries: [], systems: [] };
  let lastCountry: string | undefined;
  const documentCountries = new Set(mentions.filter((x) => x.country && x.role !== 'system' && x.role !== 'citation').map((x) => x.country!));
  const events: EventInput[] = [];
  const trace: SentenceTrace[] = [];
  let t = 0;
  let m = 0;
  let scope = false;
  for (const s of doc.sentences) {
    while (t < tokens.length && tokens[t].start < s.start) t++;
    const from = t;
    while (t < tokens.length && tokens[t].start < s.end) t++;
    while (m < mentions.length && mentions[m].start < s.start) m++;
    const mine: typeof mentions = [];
    for (let k = m; k < mentions.length && mentions[k].start < s.end; k++) mine.push(mentions[k]);
    const analysis = analyseSentence(kb, lex, text, tokens, mine, s.index, s.start, s.end, from, t);
    if (lastCountry) referToCountry(analysis, lastCountry, tokens, lex);
    // Scenario scope: opened by a heading that speaks of scenarios or possibilities, closed by a plain paragraph.
    const lineStart = text.lastIndexOf('\n', s.start - 1) + 1;
    if (lineStart === s.start || !text.slice(lineStart, s.start).trim()) {
      const lineEnd = text.indexOf('\n', s.start);
      const kind = lineKind(text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd));
      if (kind === 'heading' && analysis.has('hypothetical').length) scope = true;
      else if (kind === 'paragraph') scope = false;
    }
    // Dates and money are worked out only for sentences that yield an event: most yield none.
    let time: ReturnType<typeof resolveTime> | undefined;
    let money: ReturnType<typeof moneyIn> | undefined;
    const sentenceFrom = from;
    const sentenceTo = t;
    const ctx: RuleContext = {
      text, sentence: analysis, memory, hypotheticalScope: scope, lexicon: lex, documentCountries,
      membersOf: (id: string) => (kb.entity(id)?.members ?? []).filter((x) => !x.to).map((x) => x.country),
      placeKind: (id: string) => kb.entity(id)?.kind ?? null,
      organisationKind: (id: string) => kb.entity(id)?.kind ?? null,
      get time() {
        if (time === undefined) {
          // A calendar date is a month name with a number (a day or a year): chrono reads only such sentences.
          let monthWord = false;
          let digit = false;
          for (let k = sentenceFrom; k < sentenceTo && !(monthWord && digit); k++) {
            if (tokens[k].digit) digit = true;
            else if (!monthWord) monthWord = isMonthKey(tokens[k].key);
          }
          monthWord &&= digit;
          time = resolveTime(text.slice(s.start, s.end), doc.language, doc.published, { monthWord });
        }
        return time;
      },
      get money() { return money === undefined ? (money = moneyIn(lex, tokens, text, sentenceFrom, sentenceTo)) : money; },
      rejected: [] as string[],
      nameOf: (id: string) => kb.entity(id)?.name ?? id,
      tokens,
    };
    ctx.transfers = transfersIn(ctx);
    const found = [...ctx.transfers, ...productionIn(ctx), ...cooperationIn(ctx), ...sanctionsIn(ctx), ...routesIn(ctx)];
    events.push(...found);
    trace.push({ analysis, events: found, hypotheticalScope: scope, rejected: ctx.rejected });
    // Memory: recent stated transfers, and the last group of countries named together.
    const stated = found.filter((e) => e.kind === 'transfer' && !e.hypothetical);
    memory.transfers.push(...stated);
    // The country the article is speaking of: the last sentence's subject, for "the country" later on.
    const subject = analysis.parties.find((p) => !p.weak && !p.marker && !p.place && !p.locative && p.mention.role !== 'person');
    if (subject) lastCountry = subject.country;
    for (const item of analysis.items) if (item.systemId) memory.systems.push({ item, sentence: s.index });
    if (memory.systems.length > 12) memory.systems.splice(0, memory.systems.length - 12);
    if (memory.transfers.length > 8) memory.transfers.splice(0, memory.transfers.length - 8);
    const groups = new Map<number, string[]>();
    for (const p of analysis.parties) if (!p.weak) groups.set(p.group, [...(groups.get(p.group) ?? []), p.country]);
    const plural = [...groups.values()].filter((g) => new Set(g).size >= 2).pop();
    memory.previousCountries = plural ? [...new Set(plural)] : [];
  }
  // Last, once the rules have decided what each event is: how likely it is to be right. Events without
  // features (production, cooperation, sanctions, routes) keep the fixed value their rule gave.
  for (const e of events) if (e.features) e.confidence = confidenceOf(model, e.features);
  return { events, trace };
}

/**
 * "The country", "het land", "страната": the one country the article was speaking of, as a party where the
 * words stand (with the marker before them, "to the country").
 */
function referToCountry(analysis: SentenceAnalysis, country: string, tokens: Token[], lex: ReturnType<typeof lexiconFor>): void {
  const cue = analysis.has('country-anaphora')[0];
  if (!cue || analysis.parties.some((p) => p.first < cue.last && p.last > cue.first)) return;
  const before = cue.first - 1 >= analysis.from ? tokens[cue.first - 1] : undefined;
  const marker = before ? lex?.markers.get(before.key)?.[0] : undefined;
  const mention: Mention = {
    start: cue.start, end: cue.end, text: cue.text, entity: `country:${country}`, type: 'country', kind: 'name', role: 'country',
    country, confidence: 0.6, inflected: false, exact: true, firstToken: cue.first, lastToken: cue.last, note: 'refers back to the country spoken of',
  };
  analysis.parties.push({ country, first: cue.first, last: cue.last, mention, marker, weak: false, group: analysis.parties.length + 2000 });
  analysis.parties.sort((a, b) => a.first - b.first);
}

/** One row per event per document: mentions of the same transfer, production or cooperation folded together. */
export interface DocumentEvent extends EventInput {
  mentions: number;
  evidences: EventInput['evidence'][];
}

function keyOf(e: EventInput): string {
  switch (e.kind) {
    case 'transfer': return `t|${e.supplier}|${e.recipient}|${goodsKey(e)}`;
    case 'production': return `p|${e.producer}|${e.origin}|${e.systemId ?? e.category}`;
    case 'cooperation': return `c|${(e.parties ?? []).join(',')}|${e.type}`;
    case 'sanction': return `s|${e.imposer}|${e.target}`;
    default: return `r|${e.origin}|${e.destination}|${(e.via ?? []).join(',')}`;
  }
}

/**
 * The goods each transfer mention is folded under, per supplier→recipient pair (`src/resolve/goods.ts`: the
 * same plan the cross-document records use). The plan is made from the factual mentions, so a scenario
 * ("Serbia could also buy drones") never lends its goods to a stated deal; a hypothetical mention joins
 * a factual transfer it restates, and hypothetical mentions fold among themselves otherwise.
 */
function transferGoods(events: EventInput[], systems: SystemLinks): Map<EventInput, string | null> {
  const byPair = new Map<string, EventInput[]>();
  for (const e of events) if (e.kind === 'transfer') byPair.set(`${e.supplier}|${e.recipient}`, [...(byPair.get(`${e.supplier}|${e.recipient}`) ?? []), e]);
  const into = new Map<EventInput, string | null>();
  for (const list of byPair.values()) {
    const factual = planGoods(list.filter((e) => !e.hypothetical), systems);
    const scenario = planGoods(list.filter((e) => e.hypothetical && !factual(e)), systems);
    for (const e of list) into.set(e, (factual(e) ?? scenario(e))!.into);
  }
  return into;
}

const PRODUCTION_RANK: Record<string, number> = { hypothetical: 0, planned: 1, operating: 2 };
// Without tense analysis "held" is the default reading of a cooperation sentence; a stated plan ("will
// participate in drills in 2025") is the more specific statement, so it wins within one article.
const COOPERATION_RANK: Record<string, number> = { hypothetical: 0, offered: 1, held: 2, planned: 3 };

/**
 * Folds a document's events into one per (kind, parties, goods). The status is the most definite one a
 * factual mention states (a cancellation or denial wins); the event is hedged only when every factual
 * mention is. Transfer goods fold along the catalog's variant links and category restatements into the
 * most specific designation named (`src/resolve/goods.ts`); unnamed "weapons" beside any other goods of
 * the pair are dropped.
 * @example foldDocumentEvents(extractDocument(kb, doc).events, systemLinks(kb.catalog))
 */
export function foldDocumentEvents(events: EventInput[], systems: SystemLinks, options: { includeHypothetical?: boolean } = {}): DocumentEvent[] {
  const goods = transferGoods(events, systems);
  const groups = new Map<string, EventInput[]>();
  for (const e of events) {
    const into = e.kind === 'transfer' ? goods.get(e)! : undefined;
    if (into === null) continue;
    const key = into === undefined ? keyOf(e) : `t|${e.supplier}|${e.recipient}|${into}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const out: DocumentEvent[] = [];
  for (const [key, list] of groups) {
    const factual = list.filter((e) => !e.hypothetical);
    const basis = factual.length ? factual : list;
    // Production and cooperation state a scenario in their status; the other kinds have no such status, so
    // what only a scenario says stays out unless asked for.
    const statesScenario = list[0].kind === 'production' || list[0].kind === 'cooperation';
    if (!factual.length && !statesScenario && !options.includeHypothetical) continue;
    let best = basis[0];
    for (const e of basis) {
      if (e.kind === 'transfer') {
        const rank = (x: EventInput) => (x.status === 'cancelled' || x.status === 'denied' ? 100 : STATUS_ORDER[x.status as TransferStatus] ?? 0);
        if (rank(e) > rank(best)) best = e;
      } else if (e.kind === 'production') {
        if ((PRODUCTION_RANK[e.status ?? ''] ?? 0) > (PRODUCTION_RANK[best.status ?? ''] ?? 0)) best = e;
      } else if ((COOPERATION_RANK[e.status ?? ''] ?? 0) > (COOPERATION_RANK[best.status ?? ''] ?? 0)) best = e;
    }
    // A folded transfer is named by the goods it folded into, whichever mention gave the status.
    const head = list[0].kind === 'transfer' ? list.find((e) => keyOf(e) === key)! : undefined;
    const quantity = basis.find((e) => e.quantity)?.quantity ?? null;
    // The date of the mention that gave the status: once goods fold, another mention may date another step.
    const date = best.date ?? basis.find((e) => e.date)?.date ?? null;
    // A site named in any mention belongs to the event: the plan may be stated before the place is.
    const sited = best.location ? best : basis.find((e) => e.location);
    out.push({
      ...best, ...(head && { system: head.system, systemId: head.systemId, category: head.category }), quantity, date,
      location: sited?.location ?? best.location, locationId: sited?.locationId ?? best.locationId,
      hedged: basis.every((e) => e.hedged), hypothetical: !factual.length,
      confidence: Math.max(...basis.map((e) => e.confidence)), mentions: list.length, evidences: list.map((e) => e.evidence),
    });
  }
  return out;
}
