/**
 * Military cooperation between countries: drills, agreements, training, technology transfer, visits and
 * military-technical ties. Who cooperates is read in three widening steps, each only when the one before
 * found fewer than two countries: the grammatical sides (a subject and its "with" partners, "between A and
 * B", adjectives on the cue), then every country the cue's clause names in any role (the visitor and the
 * host, the trainees and their instructors' country, a bloc's members), then the countries a reference back
 * ("the two countries", "they") points to.
 */
import type { Mention } from '../kb/recognise.js';
import type { CueMatch } from './lexicon.js';
import type { Party } from './sentence.js';
import type { EventInput } from './types.js';
import { sentenceEvidence, type Memory, type SentenceContext } from './transfers.js';
import { clauseEnd, clauseStart, type RuleContext } from './context.js';

// Blocs of a handful of members stand for them in an agreement ("the AUKUS pact"); larger ones (NATO, the
// EU) are organisations in their own right, and listing thirty members would say nothing the text says.
const MAX_BLOC_MEMBERS = 4;
// The countries of the last cooperation read in a document, for "they" and "the two countries" later on.
const lastCooperation = new WeakMap<Memory, string[]>();

type CooperationCue = Extract<CueMatch['cues'][number], { type: 'cooperation' }>;
const cooperationCues = (c: CueMatch) => c.cues.filter((q): q is CooperationCue => q.type === 'cooperation');

/** Step one: the subject with its "with" partners, "between A and B", adjectives on the cue. */
function grammaticalSides(ctx: SentenceContext, cue: CueMatch): string[] {
  const s = ctx.sentence;
  const start = clauseStart(ctx, cue.first);
  const end = clauseEnd(ctx, cue.last - 1);
  const candidates = s.parties;
  const partners = candidates.filter((p) => p.marker === 'partner');
  const before = candidates.filter((p) => p.last <= cue.first && !p.marker && !p.weak).sort((a, b) => b.last - a.last)[0]
    ?? candidates.filter((p) => p.last <= cue.first && !p.marker).sort((a, b) => b.last - a.last)[0];
  const subject = before ? candidates.filter((p) => p.group === before.group && !p.marker) : [];
  // "Australian personnel will embed with the US Navy ... to accelerate the training": the clause's
  // subject comes first, before its partners, however far the cue is.
  const opening = candidates.find((p) => p.first >= start && !p.marker && !p.weak);
  if (opening && partners.length && partners.every((p) => p.first > opening.last) && !subject.includes(opening)) subject.push(opening);
  const onCue = s.mentions.filter((m) => m.role === 'adjective' && m.country && cue.first - m.lastToken >= 0 && cue.first - m.lastToken <= 3);
  const partnerGroups = partners.flatMap((p) => candidates.filter((q) => q.group === p.group));
  // "between Iran and Russia" names both sides; otherwise the subject cooperates with the partners.
  const between = [...new Set(partnerGroups.map((p) => p.country))];
  let parties = between.length >= 2 ? between : [...new Set([...subject, ...partnerGroups].map((p) => p.country))];
  if (parties.length < 2) parties = [...new Set([...parties, ...onCue.map((m) => m.country!)])];
  // "Serbian forces will join drills on Chinese territory": nationalities anywhere in the clause. After
  // it, only a country that takes part: a subject ("..., when Russia brought its S-400") or units "with"
  // or "from" it; not an object ("..., which threatens neighbours, Ukraine among them").
  if (parties.length < 2 && cooperationCues(cue).some((q) => q.cooperation === 'exercise')) {
    const inClause = s.mentions.filter((m) => (m.role === 'adjective' || m.role === 'country' || m.role === 'metonym') && m.country
      && m.firstToken >= start && m.firstToken < end).map((m) => m.country!);
    const later = candidates.filter((p) => p.first >= end && !p.weak
      && (p.marker === 'partner' || p.marker === 'supplier' || (!p.marker && !p.mention.inflected))).map((p) => p.country);
    parties = [...new Set([...parties, ...inClause, ...later])];
  }
  return parties;
}

/**
 * Step two: every country the cue's clause names, whatever its role: "Croatian pilots trained in France"
 * (trainees and a place), "a technology transfer from Sweden to Colombia" (marked sides), "the AUKUS
 * pact" (a bloc's members). The clause runs from the sentence's start (or its last semicolon) to the
 * first comma after the cue: a country named after that belongs to another statement. Agreements are
 * read this way only through a bloc, visits only as a visitor and the place visited right after the cue
 * ("Min Aung Hlaing visited Russia"): both are too often mentioned beside countries that are not parties.
 */
function clauseCountries(ctx: RuleContext, cue: CueMatch, type: string): string[] {
  const s = ctx.sentence;
  const start = clauseStart(ctx, cue.first);
  const end = clauseEnd(ctx, cue.last - 1);
  const inClause = (first: number, last: number) => first >= start && (last <= cue.first || first < end);
  const blocs: string[] = [];
  for (const m of s.mentions) {
    if (m.role !== 'bloc' || !inClause(m.firstToken, m.lastToken) || !ctx.membersOf) continue;
    const members = ctx.membersOf(m.entity);
    if (members.length && members.length <= MAX_BLOC_MEMBERS) blocs.push(...members);
  }
  if (type === 'agreement') return [...new Set(blocs)];
  if (type === 'visit') {
    const visited = s.mentions.find((m) => m.country && m.firstToken >= cue.last && m.firstToken - cue.last <= 2
      && (m.role === 'country' || m.role === 'metonym' || m.role === 'place'));
    const visitor = s.parties.filter((p) => p.last <= cue.first && p.first >= start && p.country !== visited?.country
      && (p.mention.role === 'person' || !p.weak)).sort((a, b) => b.last - a.last)[0];
    return visited && visitor ? [visitor.country, visited.country!] : [];
  }
  const parties: Party[] = s.parties.filter((p) => inClause(p.first, p.last));
  const out = parties.map((p) => p.country);
  // Coordinated with a party already in: "with Belarus and Armenia, ..." keeps Armenia past a comma.
  for (const p of s.parties) if (!parties.includes(p) && parties.some((q) => q.group === p.group)) out.push(p.country);
  // A training ground names its host country.
  if (type === 'training') for (const m of s.mentions) if (m.role === 'place' && m.country && inClause(m.firstToken, m.lastToken)) out.push(m.country);
  return [...new Set([...out, ...blocs])];
}

/** Status from the cue's own clause: a "may" in a relative clause after it does not make drills a scenario. */
function statusOf(ctx: SentenceContext, cue: CueMatch): { status: string; hypothetical: boolean } {
  const s = ctx.sentence;
  const start = clauseStart(ctx, cue.first);
  const end = clauseEnd(ctx, cue.last - 1);
  const reports = s.has('report');
  // "They said they would begin": a conditional after a verb of saying is the future of reported speech.
  const reportedFuture = (c: CueMatch) => reports.some((r) => r.last <= c.first && c.first - r.last <= 2);
  const hypotheticalCues = s.has('hypothetical').filter((c) => !s.has('hedge').includes(c) && c.first < end && c.last > start);
  const hypothetical = ctx.hypotheticalScope || hypotheticalCues.some((c) => !reportedFuture(c));
  const future = s.flags.future.length > 0 || s.has('planned').length > 0 || hypotheticalCues.some(reportedFuture);
  const offered = s.has('transfer').some((c) => c.cues.some((q) => q.type === 'transfer' && q.status === 'offered'));
  return { status: hypothetical ? 'hypothetical' : future ? 'planned' : offered ? 'offered' : 'held', hypothetical };
}

/**
 * The types a sentence states. An agreement is the event when other cooperation words are its content
 * ("an agreement on training and exercises"); an agreement that buys goods ("a contract for 20 tanks") or
 * sets up production is the sale or the production, not cooperation.
 */
function typesOf(ctx: SentenceContext, cues: CueMatch[]): Map<string, string[]> {
  const s = ctx.sentence;
  const types = new Map<string, string[]>();
  for (const c of cues) for (const q of cooperationCues(c)) types.set(q.cooperation, [...(types.get(q.cooperation) ?? []), c.text]);
  const agreements = cues.filter((c) => cooperationCues(c).some((q) => q.cooperation === 'agreement'));
  if (agreements.length) {
    const first = agreements[0];
    const goods = s.items.filter((i) => i.category !== 'other');
    // A sale in the agreement's own clause: "buy submarines from the US as part of a new defence agreement".
    const sale = (c: CueMatch) => s.chains.some((chain) => {
      const from = Math.min(chain.first, c.first), to = clauseEnd(ctx, Math.max(chain.last, c.last) - 1);
      return clauseStart(ctx, c.first) <= from && !/[,;:]/.test(ctx.text.slice(ctx.tokens[Math.min(chain.last, c.last) - 1].end, ctx.tokens[Math.max(chain.first, c.first)].start))
        && goods.some((i) => i.first >= from && i.first < to);
    });
    // The object of the agreement: goods, a purchase or a production right after it, in its clause.
    const objectOf = (c: CueMatch) => {
      const end = clauseEnd(ctx, c.last - 1);
      return goods.some((i) => i.first >= c.last && i.first - c.last <= 4)
        || s.has('transfer').some((t) => t.first >= c.last && t.first < end && !t.cues.some((q) => q.type === 'cooperation'))
        || s.has('production').some((p) => p.first >= c.last && p.first < end);
    };
    if (agreements.some((c) => sale(c) || objectOf(c))) types.delete('agreement');
    else {
      // Its content runs to the end of its clause; a parenthesis closing an apposition ("the US Army
      // Europe (USAREUR), on support for drills") does not end it.
      const end = contentEnd(ctx, first);
      for (const c of cues) {
        if (c.first <= first.first || c.first >= end) continue;
        for (const q of cooperationCues(c)) if (q.cooperation !== 'agreement') types.delete(q.cooperation);
      }
    }
  }
  // "Chinese technology" is goods; technology transfer needs two named sides, not nationalities.
  if (types.has('technology-transfer') && new Set(s.parties.filter((p) => !p.weak).map((p) => p.country)).size < 2) types.delete('technology-transfer');
  return types;
}

function contentEnd(ctx: SentenceContext, cue: CueMatch): number {
  const { tokens, sentence: s } = ctx;
  for (let k = cue.last - 1; k + 1 < s.to; k++) {
    const gap = ctx.text.slice(tokens[k].end, tokens[k + 1].start);
    if (/[;:]/.test(gap) || (/,/.test(gap) && !/^\)/.test(gap.trim()))) return k + 1;
  }
  return s.to;
}

/** A cooperation word inside a goods phrase ("aviões de ataque e treino", "training jets") names goods. */
function onGoods(ctx: SentenceContext, c: CueMatch): boolean {
  const s = ctx.sentence;
  const small = (from: number, to: number) => ctx.tokens.slice(from, to).every((t) => t.end - t.start <= 3)
    && !/[,;:.]/.test(ctx.text.slice(ctx.tokens[Math.max(from - 1, 0)].end, ctx.tokens[Math.max(to, from)]?.start ?? 0));
  return s.items.some((i) => (i.first >= c.last && i.first - c.last <= 0) || (c.first >= i.last && c.first - i.last <= 3 && small(i.last, c.first)));
}

export function cooperationIn(ctx: RuleContext): EventInput[] {
  const s = ctx.sentence;
  const cues = s.has('cooperation').filter((c) => !onGoods(ctx, c));
  if (!cues.length) return [];
  // The first cue whose clause names two sides: "a support package ..., and training between the RAF
  // and the Qatari air force" is read at the second "training".
  let cue = cues[0];
  let parties: string[] = [];
  let step = 'sides';
  for (const c of cues) {
    parties = grammaticalSides(ctx, c);
    if (parties.length >= 2) { cue = c; break; }
  }
  if (parties.length < 2) {
    step = 'clause';
    for (const c of cues) {
      const found = new Set<string>();
      for (const q of cooperationCues(c)) for (const country of clauseCountries(ctx, c, q.cooperation)) found.add(country);
      if (found.size >= 2) { cue = c; parties = [...found]; break; }
    }
  }
  if (parties.length < 2) {
    // "They signed agreements", "the two countries will hold drills": the countries named just before.
    const back = s.has('group-anaphora').length || s.has('anaphora').some((a) => a.first < cue.first);
    const remembered = [...new Set([...(lastCooperation.get(ctx.memory) ?? []), ...ctx.memory.previousCountries])];
    const named = s.parties.filter((p) => !p.weak).map((p) => p.country);
    if (back && remembered.length >= 2 && named.every((p) => remembered.includes(p))) {
      parties = remembered;
      step = 'reference';
    }
  }
  parties = [...new Set(parties)].sort();
  if (parties.length < 2) { ctx.rejected.push(`cooperation cue "${cue.text}": fewer than two cooperating countries`); return []; }
  const { status, hypothetical } = statusOf(ctx, cue);
  const types = typesOf(ctx, cues);
  // Read through a bloc or a visitor, a clause gives the parties of that type only.
  if (step === 'clause') {
    for (const type of [...types.keys()]) {
      const own = cues.filter((c) => cooperationCues(c).some((q) => q.cooperation === type));
      if ((type === 'agreement' || type === 'visit') && !own.some((c) => new Set(clauseCountries(ctx, c, type)).size >= 2)) types.delete(type);
    }
  }
  if (!types.size) { ctx.rejected.push(`cooperation cue "${cue.text}": no cooperation of its own (a sale, a production deal, or sides not named)`); return []; }
  lastCooperation.set(ctx.memory, parties);
  const place = s.mentions.find((m) => m.role === 'place');
  return [...types].map(([type, words]) => ({
    kind: 'cooperation' as const, parties, type, status, hedged: s.flags.hedge.length > 0, hypothetical,
    confidence: step === 'sides' ? 0.7 : 0.6, date: ctx.time?.date ?? null, dateText: ctx.time?.text ?? null,
    location: place ? ctx.nameOf(place.entity) : null, locationId: place?.entity ?? null,
    evidence: sentenceEvidence(ctx, words, step === 'sides' ? `cooperation/${type}` : `cooperation/${type}/${step}`),
  }));
}
