/**
 * Sanctions (who imposes them on whom, and why) and supply routes (from where, through which seas, ports
 * and bases, to where, carrying what).
 */
import type { EventInput } from './types.js';
import { sentenceEvidence, type SentenceContext } from './transfers.js';

export function sanctionsIn(ctx: SentenceContext): EventInput[] {
  const s = ctx.sentence;
  const cues = s.has('sanction');
  if (!cues.length) return [];
  const cue = cues[0];
  // The imposer is the subject close before the cue ("Washington imposed sanctions", "EU-sancties"); the
  // targets are the first group of countries after it ("sanctions against Russia", "Russische en Iraanse
  // entiteiten"), not every country the sentence goes on to name.
  const before = s.parties.filter((p) => p.last <= cue.first && cue.first - p.last <= 6 && p.marker !== 'partner').sort((a, b) => b.last - a.last);
  const imposer = before[0]?.country ?? null;
  const after = s.mentions.filter((m) => m.firstToken >= cue.last && m.country && m.country !== imposer
    && (m.role === 'country' || m.role === 'metonym' || m.role === 'adjective' || m.role === 'organisation'));
  const targets: string[] = [];
  for (let k = 0; k < after.length; k++) {
    if (k > 0 && !/^[\s,]*(and|en|und|et|i|и|y|e|ve|dhe|or|of)?[\s,]*$/i.test(ctx.text.slice(after[k - 1].end, after[k].start))) break;
    if (!targets.includes(after[k].country!)) targets.push(after[k].country!);
  }
  if (!targets.length) return [];
  const reasonCue = s.has('sanction-reason').find((c) => c.first >= cue.last);
  const reason = reasonCue ? ctx.text.slice(reasonCue.start, s.end).replace(/[.;]\s*$/, '').slice(0, 200) : null;
  return targets.map((target) => ({
    kind: 'sanction' as const, imposer, target, reason, status: null, hedged: s.flags.hedge.length > 0,
    hypothetical: ctx.hypotheticalScope || s.flags.hypothetical.length > 0, confidence: imposer ? 0.7 : 0.5,
    date: ctx.time?.date ?? null, dateText: ctx.time?.text ?? null,
    evidence: sentenceEvidence(ctx, cues.map((c) => c.text), 'sanction/imposer-target'),
  }));
}

export function routesIn(ctx: SentenceContext): EventInput[] {
  const s = ctx.sentence;
  const via = s.has('route-via');
  const cues = s.has('route');
  if (!via.length || !(cues.length || s.chains.length || s.items.length)) return [];
  const waypoints = s.mentions.filter((m) => m.role === 'place' || (m.role === 'metonym' && via.some((v) => v.last === m.firstToken)))
    .filter((m) => via.some((v) => v.last <= m.firstToken));
  if (!waypoints.length) return [];
  const from = s.has('route-from');
  const to = s.has('route-to');
  const after = (cs: typeof from) => (m: { firstToken: number }) => cs.some((c) => c.last <= m.firstToken && m.firstToken - c.last <= 4);
  const countryMentions = s.mentions.filter((m) => (m.role === 'country' || m.role === 'adjective' || m.role === 'metonym') && m.country);
  const origin = countryMentions.find(after(from))?.country ?? s.items.find((i) => i.origins.length)?.origins[0] ?? null;
  const destinationMention = [...countryMentions].reverse().find((m) => after(to)(m) && m.country !== origin);
  const destination = destinationMention?.country ?? waypoints[waypoints.length - 1].country ?? null;
  const goods = s.items[0];
  return [{
    // The ids ride beside the names: a map draws a waypoint from its catalog coordinates, not its name.
    kind: 'route', origin, destination, via: waypoints.map((m) => ctx.nameOf(m.entity)), viaIds: waypoints.map((m) => m.entity),
    system: goods?.system ?? null, systemId: goods?.systemId ?? null, category: goods?.category ?? null,
    status: null, hedged: s.flags.hedge.length > 0, hypothetical: ctx.hypotheticalScope || s.flags.hypothetical.length > 0,
    confidence: 0.6, date: ctx.time?.date ?? null, dateText: ctx.time?.text ?? null,
    evidence: sentenceEvidence(ctx, [...cues, ...via].map((c) => c.text), 'route/via'),
  }];
}
