/**
 * Military cooperation between countries: drills, agreements, training, technology transfer, visits and
 * military-technical ties. Who cooperates is read in three widening steps, each only when the one before
 * found fewer than two countries: the grammatical sides (a subject and its "with" partners, "between A and
 * B", adjectives on the cue), then every country the cue's clause names in any role (the visitor and the
 * host, the trainees and their instructors' country, a bloc's members), then the countries a reference back
 * ("the two countries", "they") points to.
 */
import type { Mention } from '../kb/recognise.js';
import { matchCues, type CueMatch } from './lexicon.js';
import { CONJUNCTIONS, type Party } from './sentence.js';
import type { EventInput } from './types.js';
import { sentenceEvidence, type Memory, type SentenceContext } from './transfers.js';
import { clauseEnd, clauseStart, type RuleContext } from './context.js';

// Blocs of a handful of members stand for them in an agreement ("the AUKUS pact"); larger ones (NATO, the
// EU) are organisations in their own right, and listing thirty members would say nothing the text says.
const MAX_BLOC_MEMBERS = 4;
const MAX_CLAUSE_PARTIES = 3;
// The countries of the last cooperation read in a document, for "they" and "the two countries" later on.
const lastCooperation = new WeakMap<Memory, string[]>();
// The sentence that last stated a cooperation: the next one, naming no country, goes on about it ("The
// joint activities will include combat training").
const lastCooperationSentence = new WeakMap<Memory, number>();

type CooperationCue = Extract<CueMatch['cues'][number], { type: 'cooperation' }>;
const cooperationCues = (c: CueMatch) => c.cues.filter((q): q is CooperationCue => q.type === 'cooperation');

/** Step one: the subject with its "with" partners, "between A and B", adjectives on the cue. */
function grammaticalSides(ctx: SentenceContext, cue: CueMatch): string[] {
  const s = ctx.sentence;
  const start = clauseStart(ctx, cue.first);
  const end = clauseEnd(ctx, cue.last - 1);
  const candidates = s.parties;
  // "co-developed by India and Russia", "signed by the US, the UK and Australia": a passive's agents.
  const agent = candidates.find((p) => p.marker === 'agent' && p.first >= cue.last && p.first - cue.last <= 3
    && !s.cues.some((c) => c !== cue && c.first >= cue.last && c.last <= p.first && c.cues.some((q) => q.type === 'production' || q.type === 'transfer')));
  const agents = agent ? [...new Set(candidates.filter((p) => p.group === agent.group).map((p) => p.country))] : [];
  if (agents.length >= 2) return agents;
  // "İngiltere-Türkiye işbirliği", "the US-Philippine alliance": names joined by a hyphen on the cue.
  const compound = s.mentions.filter((m) => m.country && (m.role === 'country' || m.role === 'adjective' || m.role === 'metonym')
    && m.lastToken <= cue.first && cue.first - m.lastToken <= 2);
  const hyphened = compound.filter((m, k) => compound.some((o, j) => j !== k && (/^\s*[-–]\s*$/.test(ctx.text.slice(m.end, o.start)) || /^\s*[-–]\s*$/.test(ctx.text.slice(o.end, m.start)))));
  if (new Set(hyphened.map((m) => m.country)).size >= 2) return [...new Set(hyphened.map((m) => m.country!))];
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
  // An agent of another verb is that verb's: "trainer jets built by China and Pakistan" names no trainer.
  const otherVerb = (p: Party) => p.marker === 'agent' && s.cues.some((c) => c.first >= cue.last && c.last <= p.first
    && c.cues.some((q) => q.type === 'production' || q.type === 'transfer'));
  const parties: Party[] = s.parties.filter((p) => inClause(p.first, p.last) && !otherVerb(p));
  const out = parties.map((p) => p.country);
  // Agencies and companies stand for their countries: "a cooperation of IMDO and the US Missile Defense Agency".
  // Not outlets and think tanks: they report and comment, they do not cooperate.
  for (const m of s.mentions) {
    if (m.role === 'organisation' && m.country && inClause(m.firstToken, m.lastToken) && !ctx.organisationKind?.(m.entity)?.match(/^(media|think-tank|international|alliance)$/)) out.push(m.country);
  }
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
  // Production's plan words include "agreement" ("sporazum", "acuerdo"): an agreement is no plan by itself.
  const plans = s.has('planned').filter((c) => !c.cues.some((q) => q.type === 'cooperation' || q.type === 'transfer'));
  const future = s.flags.future.length > 0 || plans.length > 0 || hypotheticalCues.some(reportedFuture);
  const offered = s.has('transfer').some((c) => c.cues.some((q) => q.type === 'transfer' && q.status === 'offered'));
  return { status: hypothetical ? 'hypothetical' : future ? 'planned' : offered ? 'offered' : 'held', hypothetical };
}

/**
 * The types a sentence states. An agreement is the event when other cooperation words are its content
 * ("an agreement on training and exercises"); an agreement that buys goods ("a contract for 20 tanks") or
 * sets up production is the sale or the production, not cooperation.
 */
function typesOf(ctx: RuleContext, cues: CueMatch[]): Map<string, string[]> {
  const s = ctx.sentence;
  const types = new Map<string, string[]>();
  for (const c of cues) for (const q of cooperationCues(c)) types.set(q.cooperation, [...(types.get(q.cooperation) ?? []), c.text]);
  const agreements = cues.filter((c) => cooperationCues(c).some((q) => q.cooperation === 'agreement'));
  if (agreements.length) {
    const first = agreements[0];
    const goods = s.items.filter((i) => i.category !== 'other');
    // A sale in the agreement's own clause: "buy submarines from the US as part of a new defence agreement".
    // Neutral verbs ("signed", "concluded") move nothing; a sale has a buyer's or a seller's verb.
    const sale = (c: CueMatch) => s.chains.some((chain) => (() => {
      const from = Math.min(chain.first, c.first), to = clauseEnd(ctx, Math.max(chain.last, c.last) - 1);
      return clauseStart(ctx, c.first) <= from && !/[,;:]/.test(ctx.text.slice(ctx.tokens[Math.min(chain.last, c.last) - 1].end, ctx.tokens[Math.max(chain.first, c.first)].start))
        && goods.some((i) => i.first >= from && i.first < to);
    })());
    // The object of the agreement: goods, a purchase or a production right after it, in its clause.
    const objectOf = (c: CueMatch) => {
      const end = clauseEnd(ctx, c.last - 1);
      return goods.some((i) => i.first >= c.last && i.first - c.last <= 4)
        // Not the verb that signs it ("anlaşması imzaladı", "the pact was signed"): a signing verb follows
        // closely with no preposition before it, where a purchase is introduced by one ("a contract to buy").
        || s.has('transfer').some((t) => t.first >= c.last && t.first < end && !t.cues.some((q) => q.type === 'cooperation')
          && !(t.first - c.last <= 2 && t.cues.every((q) => q.type !== 'transfer' || q.status === 'agreed')
            && !ctx.tokens.slice(c.last, t.first).some((w) => ctx.lexicon?.markers.has(w.key))))
        || s.has('production').some((p) => p.first >= c.last && p.first < end);
    };
    if (agreements.every((c) => sale(c) || objectOf(c))) types.delete('agreement');
    else {
      // Its content runs to the end of its clause.
      const end = clauseEnd(ctx, first.last - 1);
      for (const c of cues) {
        if (c.first <= first.first || c.first >= end) continue;
        for (const q of cooperationCues(c)) if (q.cooperation !== 'agreement') types.delete(q.cooperation);
      }
    }
  }
  // "a collaboration which will see the sharing of training": the generic tie is stated by its content.
  const generic = cues.filter((c) => cooperationCues(c).some((q) => q.cooperation === 'military-technical'));
  if (generic.length && cues.some((c) => c.first > generic[0].first && cooperationCues(c).some((q) => q.cooperation !== 'military-technical' && q.cooperation !== 'agreement'))) {
    types.delete('military-technical');
  }
  return types;
}

/** A cooperation word inside a goods phrase ("aviões de ataque e treino", "training jets") names goods. */
function onGoods(ctx: RuleContext, c: CueMatch): boolean {
  const s = ctx.sentence;
  // Only joining words between: "de ataque e treino", not a verb ("the missile was co-developed").
  const small = (from: number, to: number) => ctx.tokens.slice(from, to).every((t) => CONJUNCTIONS.has(t.key) || ctx.lexicon?.markers.has(t.key) || ['de', 'of', 'da', 'do', 'di'].includes(t.key))
    && !/[,;:.]/.test(ctx.text.slice(ctx.tokens[Math.max(from - 1, 0)].end, ctx.tokens[Math.max(to, from)]?.start ?? 0));
  return s.items.some((i) => (i.first >= c.last && i.first - c.last <= 0) || (c.first >= i.last && c.first - i.last <= 3 && small(i.last, c.first)));
}

/** The countries cooperating at one cue, with the step that found them. */
function partiesAt(ctx: RuleContext, cue: CueMatch): { parties: string[]; step: string } {
  const s = ctx.sentence;
  let parties = grammaticalSides(ctx, cue);
  let step = 'sides';
  if (parties.length < 2) {
    const found = new Set<string>();
    for (const q of cooperationCues(cue)) for (const country of clauseCountries(ctx, cue, q.cooperation)) found.add(country);
    // A clause listing many countries lists customers or members, not partners.
    if (found.size >= 2 && found.size <= MAX_CLAUSE_PARTIES) { parties = [...found]; step = 'clause'; }
  }
  if (parties.length < 2) {
    // "They signed agreements", "the two countries will hold drills": the countries named just before.
    // A pronoun ("they"), not a noun pointing back at a deal ("the agreement was signed during a visit").
    const back = s.has('group-anaphora').length
      || s.has('anaphora').some((a) => a.first < cue.first && a.cues.every((q) => q.type === 'anaphora' || q.type === 'group-anaphora'));
    const remembered = [...new Set([...(lastCooperation.get(ctx.memory) ?? []), ...(referring.has(cue) ? [] : ctx.memory.previousCountries)])];
    const named = s.parties.filter((p) => !p.weak).map((p) => p.country);
    const here = [...new Set(s.parties.map((p) => p.country))];
    // "the two countries" in a sentence that names two: those two ("Starmer came to Türkiye ... between
    // the two countries an agreement was signed").
    if (s.has('group-anaphora').length && here.length === 2 && new Set(named).size === 2) {
      parties = here;
      step = 'reference';
    } else if (back && remembered.length >= 2 && named.every((p) => remembered.includes(p))) {
      parties = remembered;
      step = 'reference';
    } else if (!s.mentions.some((m) => m.country) && lastCooperationSentence.get(ctx.memory) === s.index - 1 && !referring.has(cue)) {
      parties = lastCooperation.get(ctx.memory) ?? [];
      step = 'continued';
    }
  }
  // Trainees and hosts go by nationality: "at Australian bases", "Albanian pilots were trained".
  if (step === 'sides' && cooperationCues(cue).some((q) => q.cooperation === 'training')) {
    const start = clauseStart(ctx, cue.first), end = clauseEnd(ctx, cue.last - 1);
    for (const p of s.parties) if (p.mention.role === 'adjective' && p.first >= start && p.first < end) parties.push(p.country);
  }
  return { parties: [...new Set(parties)].sort(), step };
}

/**
 * Cooperation cues, with those inside a longer reference back: "el acuerdo", "the pact" match as a
 * reference to something said before, but still name an agreement.
 */
// Cues read inside a reference back ("the agreement"): they restate a cooperation already described, so
// their sides come only from that one.
const referring = new WeakSet<CueMatch>();

function cooperationCuesOf(ctx: RuleContext): CueMatch[] {
  const s = ctx.sentence;
  const out = [...s.has('cooperation')];
  if (ctx.lexicon) {
    for (const c of s.has('anaphora')) {
      if (c.last - c.first < 2 || c.cues.some((q) => q.type === 'cooperation')) continue;
      for (const inner of matchCues(ctx.lexicon, ctx.tokens, ctx.text, c.first + 1, c.last)) {
        const own = inner.cues.filter((q) => q.type === 'cooperation');
        if (own.length) { const cue = { ...inner, cues: own }; referring.add(cue); out.push(cue); }
      }
    }
  }
  return out.sort((a, b) => a.first - b.first);
}

export function cooperationIn(ctx: RuleContext): EventInput[] {
  const s = ctx.sentence;
  const cues = cooperationCuesOf(ctx).filter((c) => !onGoods(ctx, c));
  if (!cues.length) return [];
  const types = typesOf(ctx, cues);
  const events: EventInput[] = [];
  const seen = new Set<string>();
  // The sides any cue of the sentence names grammatically: a type whose own cue names none shares them
  // ("A and B stepped up defence cooperation ... under their Defense Cooperation Agreement").
  let shared: { parties: string[]; step: string; cue: CueMatch } | undefined;
  for (const c of cues) {
    const at = partiesAt(ctx, c);
    if (at.step === 'sides' && at.parties.length >= 2) { shared = { ...at, cue: c }; break; }
  }
  // Each type is read at its own cues: "an agreement with India to import BrahMos ... missiles co-developed
  // by India and Russia" has other sides for the co-development than for the sale.
  for (const [type, words] of types) {
    const own = cues.filter((c) => cooperationCues(c).some((q) => q.cooperation === type));
    let found: { parties: string[]; step: string; cue: CueMatch } | undefined;
    for (const c of own) {
      const at = partiesAt(ctx, c);
      if (at.parties.length >= 2) { found = { ...at, cue: c }; break; }
    }
    if ((!found || found.step !== 'sides') && shared) found = { ...shared, cue: own[0] };
    if (!found) { ctx.rejected.push(`cooperation cue "${own[0].text}": fewer than two cooperating countries`); continue; }
    // Read through a clause, an agreement needs a bloc and a visit a visitor and a place visited.
    if (found.step === 'clause' && (type === 'agreement' || type === 'visit') && new Set(clauseCountries(ctx, found.cue, type)).size < 2) continue;
    if (type === 'technology-transfer' && found.step !== 'reference' && new Set(s.parties.filter((p) => !p.weak).map((p) => p.country)).size < 2) continue;
    const key = `${type}|${found.parties.join(',')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lastCooperation.set(ctx.memory, found.parties);
    lastCooperationSentence.set(ctx.memory, s.index);
    const { status, hypothetical } = statusOf(ctx, found.cue);
    const place = s.mentions.find((m) => m.role === 'place');
    events.push({
      kind: 'cooperation', parties: found.parties, type, status, hedged: s.flags.hedge.length > 0, hypothetical,
      confidence: found.step === 'sides' ? 0.7 : 0.6, date: ctx.time?.date ?? null, dateText: ctx.time?.text ?? null,
      location: place ? ctx.nameOf(place.entity) : null, locationId: place?.entity ?? null,
      evidence: sentenceEvidence(ctx, words, found.step === 'sides' ? `cooperation/${type}` : `cooperation/${type}/${found.step}`),
    });
  }
  if (!types.size) ctx.rejected.push(`cooperation cue "${cues[0].text}": the agreement is a sale or a production deal`);
  return events;
}
