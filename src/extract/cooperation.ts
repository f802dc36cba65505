/**
 * Licensed or local production ("a factory for Iranian-designed drones in Russia") and military cooperation
 * (drills, agreements, training, technology transfer, visits, military-technical ties) between countries.
 */
import type { EventInput } from './types.js';
import { sentenceEvidence, type SentenceContext } from './transfers.js';

export function productionIn(ctx: SentenceContext): EventInput[] {
  const s = ctx.sentence;
  const cues = s.has('production');
  if (!cues.length) return [];
  const goods = s.items.filter((i) => i.category !== 'other');
  const licence = s.has('licence');
  const planned = s.has('planned').length > 0 || s.flags.future.length > 0;
  // "can soon have", "could be operational next year": a time to come makes it a plan, not a scenario;
  // plan words alone ("a local production deal") do not.
  const hypothetical = ctx.hypotheticalScope || (s.flags.hypothetical.length > 0 && !s.flags.future.length);
  const operating = s.has('operating').length > 0;
  const strong = s.parties.filter((p) => !p.weak);
  // Producer: a country after a locative ("in Rusland"), else the subject; origin: the party a design or
  // licence word follows ("door Iran ontworpen", "Iran can assist"), a nationality on the goods, or the
  // party the means come from ("materialen uit Iran").
  const locative = strong.find((p) => /(^|\s)(in|в|у|u|w|en|à|na|во|në|im)\s*$/i.test(ctx.text.slice(Math.max(0, p.mention.start - 4), p.mention.start)));
  // "X produces under licence": X is the licensee, so the producer; the design's owner is the origin.
  const underLicence = licence.filter((l) => /licen|lizenz|лиценз|licenc/i.test(l.text));
  if (underLicence.length) {
    const licensee = strong.filter((p) => p.last <= cues[0].first).sort((a, b) => b.last - a.last)[0];
    const designer = goods.find((g) => g.catalogOrigin && g.catalogOrigin !== licensee?.country)?.catalogOrigin
      ?? strong.find((p) => p.marker === 'supplier' && p.country !== licensee?.country)?.country;
    if (licensee && designer) {
      const item = goods.find((g) => g.system) ?? goods[0];
      const status = hypothetical ? 'hypothetical' : planned ? 'planned' : 'operating';
      const event: EventInput = {
        kind: 'production', producer: licensee.country, origin: designer, system: item?.system ?? null, systemId: item?.systemId ?? null,
        category: item?.category ?? 'other', location: null, status, hedged: s.flags.hedge.length > 0 || hypothetical, hypothetical,
        confidence: 0.7, date: ctx.time?.date ?? null, dateText: ctx.time?.text ?? null,
        evidence: sentenceEvidence(ctx, [...cues.map((c) => c.text), ...underLicence.map((c) => c.text)], 'production/under-licence'),
      };
      ctx.memory.production = event;
      return [event];
    }
  }
  const licensor = strong.find((p) => licence.some((l) => !underLicence.includes(l) && l.first >= p.last && l.first - p.last <= 2));
  const places = s.mentions.filter((m) => m.role === 'place' && m.country);
  let producer = locative?.country ?? places[0]?.country ?? null;
  let origin = licensor?.country ?? goods.find((g) => g.origins.length)?.origins[0] ?? strong.find((p) => p.marker === 'supplier')?.country ?? null;
  const others = strong.filter((p) => p.country !== origin && p.country !== producer && p.marker !== 'supplier');
  if (!producer) {
    // "Iran can assist Serbia": the party helped is the producer; otherwise the subject builds.
    const subject = others.filter((p) => p.first < cues[0].first).sort((a, b) => b.first - a.first)[0] ?? others[0];
    producer = licensor ? (others.find((p) => p.first > licensor.last)?.country ?? subject?.country ?? null) : subject?.country ?? null;
    // "Russische militairen ... drones die in eigen land zijn geproduceerd": a nationality as the subject.
    if (!producer) {
      producer = s.parties.filter((p) => p.mention.role === 'adjective' && p.first < cues[cues.length - 1].first && p.country !== origin)
        .sort((a, b) => b.first - a.first)[0]?.country ?? null;
    }
  }
  // Local production of goods a transfer just brought in: the design comes from that transfer's supplier.
  if (producer && !origin) {
    const inbound = [...ctx.memory.transfers].reverse().find((e) => e.recipient === producer && goods.some((g) => g.category === e.category));
    if (inbound?.supplier) origin = inbound.supplier;
  }
  if (!origin) origin = goods.find((g) => g.catalogOrigin && g.catalogOrigin !== producer)?.catalogOrigin ?? null;
  const previous = ctx.memory.production;
  if (!goods.length) {
    // "The factory will be operational next year": a factory without goods is the one already described.
    if (!previous) { ctx.rejected.push(`no-goods: production cue "${cues[0].text}": no goods and no production described before`); return []; }
    producer = previous.producer ?? null;
    origin = previous.origin ?? null;
  }
  if (!producer || !origin || producer === origin) {
    // Domestic production is not what armscope tracks; without two countries there is no licence.
    // The production already described can fill in the side this sentence leaves open.
    if (previous && (!producer || producer === previous.producer) && (!origin || origin === previous.origin)) {
      producer = previous.producer ?? producer;
      origin = previous.origin ?? origin;
    }
    if (!producer || !origin || producer === origin) {
      ctx.rejected.push(`${producer && producer === origin ? 'same-party' : 'no-party'}: production cue "${cues[0].text}": ${!producer ? 'no producer' : !origin ? 'no origin' : 'producer and origin are the same country'}`);
      return [];
    }
  }
  const verb = cues.some((c) => !/fabri|factor|plant|facilit|zavod|завод|tvorni|usine|site|centre|center|centrum/i.test(c.text));
  // "operational next year" is a plan; "operational" alone is running.
  const status = hypothetical ? 'hypothetical' : planned ? 'planned' : operating ? 'operating' : !verb ? 'planned' : 'operating';
  const location = s.mentions.find((m) => m.role === 'place' && m.country === producer);
  const item = goods[0] ?? (previous ? undefined : undefined);
  const event: EventInput = {
    kind: 'production', producer, origin, system: item?.system ?? previous?.system ?? null, systemId: item?.systemId ?? previous?.systemId ?? null,
    category: item?.category ?? previous?.category ?? 'other', location: location ? ctx.nameOf(location.entity) : previous?.location ?? null, status,
    hedged: s.flags.hedge.length > 0 || hypothetical, hypothetical, confidence: goods.length ? 0.7 : 0.6,
    date: ctx.time?.date ?? null, dateText: ctx.time?.text ?? null,
    evidence: sentenceEvidence(ctx, [...cues.map((c) => c.text), ...licence.map((c) => c.text)], goods.length ? 'production/producer-origin' : 'production/refers-back'),
  };
  // Remembered even as a possibility: "the factory" later on is this one, and may turn out planned.
  ctx.memory.production = event;
  return [event];
}

export function cooperationIn(ctx: SentenceContext): EventInput[] {
  const s = ctx.sentence;
  const cues = s.has('cooperation');
  if (!cues.length) return [];
  // The cooperating parties: the subject's group before the cue and the partners ("with China", "tussen
  // Iran en Rusland"), or nationality adjectives on the cue itself ("Serbian-Chinese military cooperation").
  const cue = cues[0];
  const candidates = s.parties;
  const partners = candidates.filter((p) => p.marker === 'partner');
  const before = candidates.filter((p) => p.last <= cue.first && !p.marker && !p.weak).sort((a, b) => b.last - a.last)[0]
    ?? candidates.filter((p) => p.last <= cue.first && !p.marker).sort((a, b) => b.last - a.last)[0];
  const subject = before ? candidates.filter((p) => p.group === before.group && !p.marker) : [];
  const onCue = s.mentions.filter((m) => m.role === 'adjective' && m.country && cue.first - m.lastToken >= 0 && cue.first - m.lastToken <= 3);
  const partnerGroups = partners.flatMap((p) => candidates.filter((q) => q.group === p.group));
  // "between Iran and Russia" names both sides; otherwise the subject cooperates with the partners.
  const between = [...new Set(partnerGroups.map((p) => p.country))];
  let parties = between.length >= 2 ? between : [...new Set([...subject, ...partnerGroups].map((p) => p.country))];
  if (parties.length < 2) parties = [...new Set([...parties, ...onCue.map((m) => m.country!)])];
  // "Serbian forces will join drills on Chinese territory": nationalities anywhere in the sentence.
  if (parties.length < 2 && cues.some((c) => c.cues.some((q) => q.type === 'cooperation' && q.cooperation === 'exercise'))) {
    const nationalities = s.mentions.filter((m) => (m.role === 'adjective' || m.role === 'country' || m.role === 'metonym') && m.country).map((m) => m.country!);
    parties = [...new Set([...parties, ...nationalities])];
  }
  parties.sort();
  if (parties.length < 2) { ctx.rejected.push(`no-party: cooperation cue "${cue.text}": fewer than two cooperating countries`); return []; }
  const hypothetical = ctx.hypotheticalScope || s.flags.hypothetical.length > 0;
  const types = new Map<string, string[]>();
  for (const c of cues) {
    for (const q of c.cues) if (q.type === 'cooperation') types.set(q.cooperation, [...(types.get(q.cooperation) ?? []), c.text]);
  }
  const future = s.flags.future.length > 0 || s.has('planned').length > 0;
  const status = hypothetical ? 'hypothetical' : future ? 'planned' : s.has('transfer').some((c) => c.cues.some((q) => q.type === 'transfer' && q.status === 'offered')) ? 'offered' : 'held';
  const place = s.mentions.find((m) => m.role === 'place');
  // An agreement in a sentence that sells named goods is the sale contract, not cooperation.
  if (types.has('agreement') && s.chains.length && s.items.some((i) => i.category !== 'other')) types.delete('agreement');
  // "Chinese technology" is goods; technology transfer needs two named sides.
  if (types.has('technology-transfer') && s.parties.filter((p) => !p.weak && parties.includes(p.country)).length < 2) types.delete('technology-transfer');
  return [...types].map(([type, words]) => ({
    kind: 'cooperation' as const, parties, type, status, hedged: s.flags.hedge.length > 0, hypothetical,
    confidence: 0.7, date: ctx.time?.date ?? null, dateText: ctx.time?.text ?? null, location: place ? ctx.nameOf(place.entity) : null,
    evidence: sentenceEvidence(ctx, words, `cooperation/${type}`),
  }));
}
