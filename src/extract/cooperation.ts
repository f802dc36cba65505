/**
 * Military cooperation between countries: drills, agreements, training, technology transfer, visits and
 * military-technical ties. Which types a sentence states is read here (an agreement that buys goods is the
 * sale; training that is an agreement's content is the agreement); who cooperates is read in
 * cooperation-sides.ts.
 */
import { matchCues, type CueMatch } from './lexicon.js';
import { CONJUNCTIONS } from './sentence.js';
import type { EventInput } from './types.js';
import { sentenceEvidence, type SentenceContext } from './transfers.js';
import { clauseEnd, clauseStart, type RuleContext } from './context.js';
import { clauseCountries, cooperationCues, lastCooperation, lastCooperationSentence, partiesAt, referring } from './cooperation-sides.js';

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

/**
 * Cooperation cues, with those inside a longer reference back: "el acuerdo", "the pact" match as a
 * reference to something said before, but still name an agreement.
 */
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
    if (!found) { ctx.rejected.push(`no-party: cooperation cue "${own[0].text}": fewer than two cooperating countries`); continue; }
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
  if (!types.size) ctx.rejected.push(`sale-or-production: cooperation cue "${cues[0].text}": the agreement is a sale or a production deal`);
  return events;
}
