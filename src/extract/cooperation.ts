/**
 * Licensed or local production ("a factory for Iranian-designed drones in Russia") and military cooperation
 * (drills, agreements, training, technology transfer, visits, military-technical ties) between countries.
 */
import type { EventInput } from './types.js';
import type { Party } from './sentence.js';
import type { SentenceContext } from './transfers.js';

function evidence(ctx: SentenceContext, cues: string[], rule: string): EventInput['evidence'] {
  const s = ctx.sentence;
  return { sentence: s.index, start: s.start, end: s.end, text: ctx.text.slice(s.start, s.end), cues, rule };
}

/** Countries a sentence names in any way, adjectives and people included ("Serbian forces", "Vučević"). */
function allCountries(parties: Party[], adjectiveCountries: string[]): string[] {
  return [...new Set([...parties.map((p) => p.country), ...adjectiveCountries])];
}

export function productionIn(ctx: SentenceContext): EventInput[] {
  const s = ctx.sentence;
  const cues = s.has('production');
  if (!cues.length) return [];
  const goods = s.items.filter((i) => i.category !== 'other');
  const licence = s.has('licence');
  const hypothetical = ctx.hypotheticalScope || s.flags.hypothetical.length > 0;
  const planned = s.has('planned').length > 0 || s.flags.future.length > 0;
  const operating = s.has('operating').length > 0;
  // Producer: a country after a locative ("in Rusland"), else the subject; origin: the party a design or
  // licence word follows ("door Iran ontworpen", "Iran can assist"), else a nationality on the goods.
  const locative = s.parties.find((p) => p.mention.role === 'place' || (p.first > cues[0].first && s.mentions.some((m) => m === p.mention)
    && ctx.text.slice(Math.max(0, p.mention.start - 4), p.mention.start).trim().match(/^(in|в|у|u|w|en|à|na|во|në)$/i)));
  const licensor = s.parties.find((p) => licence.some((l) => l.first > p.last - 1 && l.first - p.last <= 2));
  const places = s.mentions.filter((m) => m.role === 'place' && m.country);
  let producer = locative?.country ?? places[0]?.country ?? null;
  let origin = licensor?.country ?? goods.find((g) => g.origins.length)?.origins[0] ?? null;
  const others = s.parties.filter((p) => p.country !== origin && p.country !== producer);
  if (!producer) {
    // "Iran can assist Serbia": the party helped is the producer; otherwise the subject builds.
    const subject = others.filter((p) => p.first < cues[0].first).sort((a, b) => b.first - a.first)[0] ?? others[0];
    producer = licensor ? (others.find((p) => p.first > licensor.last)?.country ?? subject?.country ?? null) : subject?.country ?? null;
  }
  if (!origin) origin = goods.find((g) => g.catalogOrigin && g.catalogOrigin !== producer)?.catalogOrigin ?? others.find((p) => p.country !== producer)?.country ?? null;
  if (!producer && !origin) return [];
  if (!producer || !origin || producer === origin) {
    // Domestic production is not what armscope tracks; without two countries there is no licence.
    const remembered = ctx.memory.transfers[ctx.memory.transfers.length - 1];
    if (remembered && (!producer || producer === remembered.recipient) && (!origin || origin === remembered.supplier)) {
      producer = remembered.recipient ?? producer;
      origin = remembered.supplier ?? origin;
    }
    if (!producer || !origin || producer === origin) return [];
  }
  if (!goods.length && !s.has('production').some((c) => /fabri|factor|plant|zavod|завод|tvorni|fabrik|usine/i.test(c.text))) return [];
  const status = hypothetical ? 'hypothetical' : operating ? 'operating' : planned ? 'planned' : 'operating';
  const location = s.mentions.find((m) => m.role === 'place' && m.country === producer);
  const item = goods[0];
  return [{
    kind: 'production', producer, origin, system: item?.system ?? null, systemId: item?.systemId ?? null,
    category: item?.category ?? 'other', location: location?.text ?? null, status,
    hedged: s.flags.hedge.length > 0 || hypothetical, hypothetical, confidence: 0.7,
    date: ctx.time?.date ?? null, dateText: ctx.time?.text ?? null,
    evidence: evidence(ctx, [...cues.map((c) => c.text), ...licence.map((c) => c.text)], 'production/producer-origin'),
  }];
}

export function cooperationIn(ctx: SentenceContext): EventInput[] {
  const s = ctx.sentence;
  const cues = s.has('cooperation');
  if (!cues.length) return [];
  const adjectives = s.mentions.filter((m) => m.role === 'adjective' && m.country).map((m) => m.country!);
  const parties = allCountries(s.parties, adjectives).sort();
  if (parties.length < 2) return [];
  const hypothetical = ctx.hypotheticalScope || s.flags.hypothetical.length > 0;
  const types = new Map<string, string[]>();
  for (const c of cues) {
    for (const q of c.cues) if (q.type === 'cooperation') types.set(q.cooperation, [...(types.get(q.cooperation) ?? []), c.text]);
  }
  const future = s.flags.future.length > 0 || s.has('planned').length > 0;
  const status = hypothetical ? 'hypothetical' : future ? 'planned' : s.has('transfer').some((c) => c.cues.some((q) => q.type === 'transfer' && q.status === 'offered')) ? 'offered' : 'held';
  const place = s.mentions.find((m) => m.role === 'place');
  return [...types].map(([type, words]) => ({
    kind: 'cooperation' as const, parties, type, status, hedged: s.flags.hedge.length > 0, hypothetical,
    confidence: 0.7, date: ctx.time?.date ?? null, dateText: ctx.time?.text ?? null, location: place?.text ?? null,
    evidence: evidence(ctx, words, `cooperation/${type}`),
  }));
}
