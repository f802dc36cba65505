/**
 * Who cooperates at a cooperation cue, read in widening steps, each only when the one before found fewer
 * than two countries: the grammatical sides (a subject and its "with" partners, "between A and B", passive
 * agents, adjectives and hyphenated names on the cue), then every country the cue's clause names in any role
 * (the visitor and the place visited, trainees and their hosts, a bloc's members, agencies and companies),
 * then the countries a reference back points to ("the two countries", "they"), or the cooperation the
 * sentence before stated when this one names no country at all.
 */
import type { CueMatch } from './lexicon.js';
import type { Party } from './sentence.js';
import type { Memory, SentenceContext } from './transfers.js';
import { clauseEnd, clauseStart, type RuleContext } from './context.js';
import { isLocative } from './production-reading.js';

// Blocs of a handful of members stand for them in an agreement ("the AUKUS pact"); larger ones (NATO, the
// EU) are organisations in their own right, and listing thirty members would say nothing the text says.
const MAX_BLOC_MEMBERS = 4;
const MAX_CLAUSE_PARTIES = 3;
// The countries of the last cooperation read in a document, for "they" and "the two countries" later on.
export const lastCooperation = new WeakMap<Memory, string[]>();
// The sentence that last stated a cooperation: the next one, naming no country, goes on about it ("The
// joint activities will include combat training").
export const lastCooperationSentence = new WeakMap<Memory, number>();

type CooperationCue = Extract<CueMatch['cues'][number], { type: 'cooperation' }>;
export const cooperationCues = (c: CueMatch) => c.cues.filter((q): q is CooperationCue => q.type === 'cooperation');

/** Step one: the subject with its "with" partners, "between A and B", adjectives on the cue. */
function grammaticalSides(ctx: RuleContext, cue: CueMatch): string[] {
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
    const all = [...new Set([...parties, ...inClause, ...later])];
    // "Dutch and German units exercise in Lithuania": the host named by a locative is where, not who,
    // when two sides remain without it.
    const named = (c: string) => s.mentions.filter((m) => m.country === c);
    const onlyWhere = (c: string) => named(c).every((m) => m.role === 'country' && isLocative(ctx, m));
    const sides = all.filter((c) => parties.includes(c) || !onlyWhere(c));
    parties = sides.length >= 2 ? sides : all;
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
export function clauseCountries(ctx: RuleContext, cue: CueMatch, type: string): string[] {
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

// Cues read inside a reference back ("the agreement"): they restate a cooperation already described, so
// their sides come only from that one.
export const referring = new WeakSet<CueMatch>();

/** The countries cooperating at one cue, with the step that found them. */
export function partiesAt(ctx: RuleContext, cue: CueMatch): { parties: string[]; step: string } {
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
