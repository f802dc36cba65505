/**
 * Licensed or local production ("a factory for Iranian-designed drones in Russia"): who builds (producer),
 * whose design or licence it is (origin), what, where (a catalog place, also one named a few sentences
 * away from the plan it belongs to) and whether it runs, is planned or is only a possibility.
 *
 * A production word is not always a production: "tanks produced by Norinco", "helicopters of Russian
 * make", "Boxer aus deutscher Fertigung" say where goods come from; they describe goods another statement
 * (usually a sale) is about. Those provenance readings are rejected, not turned into factories.
 */
import type { Mention } from '../kb/recognise.js';
import type { Item } from './sentence.js';
import type { EventInput } from './types.js';
import { sentenceEvidence, type Memory } from './transfers.js';
import { clauseEnd, clauseStart, type RuleContext } from './context.js';
import { designNationality, FACILITY, isLocative, provenance, separated } from './production-reading.js';

interface ProductionMemory {
  /** Countries the document has named so far: a catalog designer counts only once the text names it. */
  named: Set<string>;
  /** Systems named in recent sentences, newest last, for "the missiles" restating "Patriot". */
  systems: { item: Item; sentence: number }[];
  /** The last production site named, with the sentence it was named in. */
  site?: { mention: Mention; sentence: number };
}
const memories = new WeakMap<Memory, ProductionMemory>();
// How far back a restated system or a site may be named (sentences).
const REACH = 4;

/** Category pairs that may restate each other: an air-defence system is also "missiles". */
function restates(category: string, system: string): boolean {
  return category === system || (category === 'missile' && system === 'air-defence');
}

function memoryOf(ctx: RuleContext): ProductionMemory {
  let m = memories.get(ctx.memory);
  if (!m) memories.set(ctx.memory, (m = { named: new Set(), systems: [] }));
  return m;
}

export function productionIn(ctx: RuleContext): EventInput[] {
  const s = ctx.sentence;
  const memory = memoryOf(ctx);
  const named = new Set(memory.named);
  for (const m of s.mentions) if (m.country && m.role !== 'system') named.add(m.country);
  memory.named = named;
  const sites = s.mentions.filter((m) => m.role === 'place' && m.country);
  const events = productionOf(ctx, memory);
  const systems = s.items.filter((i) => i.system);
  if (systems.length) memory.systems = [...memory.systems, ...systems.map((item) => ({ item, sentence: s.index }))].slice(-6);
  const site = sites.find((m) => events.some((e) => e.producer === m.country)) ?? sites[0];
  if (site) memory.site = { mention: site, sentence: s.index };
  return events;
}

function productionOf(ctx: RuleContext, memory: ProductionMemory): EventInput[] {
  const s = ctx.sentence;
  const cues = s.has('production');
  if (!cues.length) return [];
  let goods = s.items.filter((i) => i.category !== 'other');
  const stated = goods.length > 0;
  const real = cues.filter((c) => !provenance(ctx, c, goods) && !separated(ctx, c));
  if (!real.length) { ctx.rejected.push(`provenance: production cue "${cues[0].text}": says where the goods come from, not that they are built`); return []; }
  const licence = s.has('licence');
  // A production word can carry its own tense ("üretecek": will produce).
  const planned = s.has('planned').length > 0 || s.flags.future.length > 0
    || real.some((c) => c.cues.some((q) => q.type === 'production' && q.status === 'planned'));
  // "can soon have", "could be operational next year": a time to come makes it a plan, not a scenario;
  // plan words alone ("a local production deal") do not.
  // Only a conditional in the cue's own clause counts: "built fighters, something that may open doors".
  const first = real[0];
  const [from, to] = [clauseStart(ctx, first.first), clauseEnd(ctx, first.last - 1)];
  const conditional = s.has('hypothetical').some((c) => !s.has('hedge').includes(c) && c.first < to && c.last > from && (c.first >= first.first || !/,/.test(ctx.text.slice(c.end, first.start))));
  const hypothetical = ctx.hypotheticalScope || (conditional && !s.flags.future.length);
  const operating = s.has('operating').length > 0;
  const strong = s.parties.filter((p) => !p.weak);
  const evidenceCues = [...real.map((c) => c.text), ...licence.map((c) => c.text)];
  // "X produces under licence": X is the licensee, so the producer; the design's owner is the origin.
  const underLicence = licence.filter((l) => /licen|lizenz|лиценз|licenc|ліценз|lisans/i.test(l.text));
  if (underLicence.length) {
    const licensee = strong.filter((p) => p.last <= first.first).sort((a, b) => b.last - a.last)[0];
    const designer = designNationality(ctx) ?? goods.find((g) => g.catalogOrigin && g.catalogOrigin !== licensee?.country)?.catalogOrigin
      ?? strong.find((p) => p.marker === 'supplier' && p.country !== licensee?.country)?.country;
    if (licensee && designer && designer !== licensee.country) {
      const item = goods.find((g) => g.system) ?? goods[0];
      return [event(ctx, memory, { producer: licensee.country, origin: designer, item, hypothetical, planned, operating: true, verb: true, cues: evidenceCues, rule: 'production/under-licence' })];
    }
  }
  // "gemeinsam von Deutschland, Großbritannien, Italien und Spanien gebaut": a multinational programme
  // builds its own design; there is no licence to record.
  // ("von" marks both a passive agent and a source): a marked group of countries right before the verb.
  const lastAgent = strong.filter((p) => (p.marker === 'agent' || p.marker === 'supplier') && p.last <= first.first && first.first - p.last <= 1).pop();
  const agents = lastAgent ? strong.filter((p) => p.group === lastAgent.group) : [];
  if (new Set(agents.map((p) => p.country)).size >= 2) {
    ctx.rejected.push(`joint-programme: production cue "${first.text}": built jointly by several countries`);
    return [];
  }
  // Producer: a country after a locative ("in Rusland", "em Portugal"), a place's country, else the subject.
  const locative = strong.find((p) => isLocative(ctx, p.mention));
  const places = s.mentions.filter((m) => m.role === 'place' && m.country);
  // "door Iran ontworpen" (the designer before the design word) or "conçu par Rafael" (an agent after it).
  const licensor = strong.find((p) => licence.some((l) => !underLicence.includes(l) && l.first >= p.last && l.first - p.last <= 2))
    ?? s.parties.find((p) => p.marker === 'agent' && licence.some((l) => !underLicence.includes(l) && p.first >= l.last && p.first - l.last <= 3));
  let producer = locative?.country ?? places.find((m) => isLocative(ctx, m))?.country ?? places[0]?.country ?? null;
  // Origin: a licensor ("door Iran ontworpen", "Iran can assist"), a nationality on a design word, on the
  // goods, or the party the means come from ("materialen uit Iran").
  let origin = licensor?.country ?? designNationality(ctx) ?? goods.find((g) => g.origins.length)?.origins[0]
    ?? strong.find((p) => p.marker === 'supplier' && p.country !== producer)?.country ?? null;
  const others = strong.filter((p) => p.country !== origin && p.country !== producer && p.marker !== 'supplier');
  if (!producer) {
    // "Iran can assist Serbia": the party helped is the producer; otherwise the subject builds. A "with"
    // partner is the other side of the deal, not the builder ("a deal with China for local production").
    const partnerCountries = new Set(strong.filter((p) => p.marker === 'partner').map((p) => p.country));
    const unmarked = others.filter((p) => p.marker !== 'partner' && !partnerCountries.has(p.country));
    const subject = unmarked.filter((p) => p.first < first.first).sort((a, b) => b.first - a.first)[0] ?? unmarked[0] ?? others[0];
    producer = licensor ? (others.find((p) => p.first > licensor.last)?.country ?? subject?.country ?? null) : subject?.country ?? null;
    // "Russische militairen ... drones die in eigen land zijn geproduceerd": a nationality as the subject.
    if (!producer) {
      producer = s.parties.filter((p) => p.mention.role === 'adjective' && p.first < real[real.length - 1].first && p.country !== origin)
        .sort((a, b) => b.first - a.first)[0]?.country ?? null;
    }
  }
  if (producer && !origin) origin = strong.find((p) => p.marker === 'partner' && p.country !== producer)?.country ?? null;
  // The foreign company in the deal: "Angola signed with Rosoboronexport a contract including a factory".
  if (producer && !origin) {
    origin = strong.find((p) => p.mention.role === 'organisation' && p.country !== producer && p.marker !== 'recipient')?.country ?? null;
  }
  // Local production of goods a transfer just brought in: the design comes from that transfer's supplier.
  if (producer && !origin) {
    const inbound = [...ctx.memory.transfers, ...(ctx.transfers ?? [])].reverse().find((e) => e.recipient === producer && goods.some((g) => g.category === e.category));
    if (inbound?.supplier) origin = inbound.supplier;
  }
  // The catalog's designer, once the document itself names that country: what the text does not say about a
  // design's origin is not read into it.
  const named = (c: string) => memory.named.has(c) || !!ctx.documentCountries?.has(c);
  if (!origin) origin = goods.find((g) => g.catalogOrigin && g.catalogOrigin !== producer && named(g.catalogOrigin))?.catalogOrigin ?? null;
  // The designer building its own design ("the French, who built the plane") is no licensed production,
  // whatever an earlier sale suggests as origin.
  const ownDesign = !!producer && goods.some((g) => g.catalogOrigin === producer) && !licensor && !designNationality(ctx);
  if (ownDesign && origin) {
    ctx.rejected.push(`own-design: production cue "${first.text}": ${producer} builds its own design`);
    return [];
  }
  // "the missiles" restating the system named just before ("Patriot ... thousands of missiles will be
  // built"), when that system's designer does not contradict the origin read here.
  if (goods.length && goods.every((g) => !g.system)) {
    const named = [...memory.systems].reverse().find((x) => s.index - x.sentence <= REACH && goods.some((g) => restates(g.category, x.item.category))
      && (!origin || x.item.catalogOrigin === origin));
    if (named) goods = [named.item, ...goods];
  }
  const previous = ctx.memory.production;
  // "They will be assembled at the plant in Veliko Tarnovo": what "they" are is what was just delivered;
  // the delivery's supplier designed it, its recipient builds it (or the country of the site).
  if (!goods.length && !previous && s.has('anaphora').length) {
    const delivered = [...ctx.memory.transfers, ...(ctx.transfers ?? [])].reverse().find((e) => e.category && e.category !== 'other');
    if (delivered && !licensor && (locative || places.length) && (!producer || producer === delivered.recipient)) {
      producer = delivered.recipient ?? null;
      origin = delivered.supplier ?? null;
      goods = [{ first: first.first, last: first.first, text: '', systemId: delivered.systemId ?? null, system: delivered.system ?? null,
        category: delivered.category!, origins: [], catalogOrigin: null, hedged: false, quantity: null }];
    }
  }
  if (!goods.length) {
    // "The factory will be operational next year": a factory without goods is the one already described.
    if (!previous) { ctx.rejected.push(`no-goods: production cue "${first.text}": no goods and no production described before`); return []; }
    producer = previous.producer ?? null;
    origin = previous.origin ?? null;
  }
  if (producer && origin === producer) origin = null;
  if (!producer || !origin) {
    // The production already described can fill in the side this sentence leaves open.
    if (previous && (!producer || producer === previous.producer) && (!origin || origin === previous.origin)) {
      producer = previous.producer ?? producer;
      origin = previous.origin ?? origin;
    }
  }
  // Production at home with no foreign side is kept only where the text places it ("a production line in
  // southern Germany"): the site is what makes it worth an analyst's map.
  // Site and goods must stand in the cue's clause: "China built its strategy on soft power (surveillance
  // systems in Belgrade)" places nothing.
  // A plan or a named facility, not a verb in passing: "a production line is being set up in southern Germany".
  const verb = real.some((c) => !FACILITY.test(c.text));
  const sited = stated && (!!locative || places.some((m) => m.country === producer)) && !hypothetical && (planned || (!verb && !operating));
  if (!producer || (!origin && !sited)) {
    ctx.rejected.push(`no-party: production cue "${first.text}": ${!producer ? 'no producer' : 'no origin and no site'}`);
    return [];
  }
  const item = goods.find((g) => g.system) ?? goods[0];
  return [event(ctx, memory, { producer, origin, item, hypothetical, planned, operating, verb, cues: evidenceCues, rule: goods.length ? 'production/producer-origin' : 'production/refers-back' })];
}

interface Reading {
  producer: string;
  origin: string | null;
  item: Item | undefined;
  hypothetical: boolean;
  planned: boolean;
  operating: boolean;
  /** The cue is a verb ("builds"), not a facility noun ("a factory"), which alone reads as a plan. */
  verb: boolean;
  cues: string[];
  rule: string;
}

function event(ctx: RuleContext, memory: ProductionMemory, r: Reading): EventInput {
  const s = ctx.sentence;
  const previous = ctx.memory.production;
  // "operational next year" is a plan; "operational" alone is running.
  const status = r.hypothetical ? 'hypothetical' : r.planned ? 'planned' : r.operating ? 'operating' : !r.verb ? 'planned' : 'operating';
  const site = siteOf(ctx, memory, r.producer);
  const sameAsBefore = previous && previous.producer === r.producer && previous.origin === r.origin;
  const e: EventInput = {
    kind: 'production', producer: r.producer, origin: r.origin,
    system: r.item?.system ?? (sameAsBefore ? previous.system : null) ?? null, systemId: r.item?.systemId ?? (sameAsBefore ? previous.systemId : null) ?? null,
    category: r.item?.category ?? previous?.category ?? 'other',
    location: site?.name ?? (sameAsBefore ? previous.location : null) ?? null, locationId: site?.id ?? (sameAsBefore ? previous.locationId : null) ?? null,
    status, hedged: s.flags.hedge.length > 0 || r.hypothetical, hypothetical: r.hypothetical,
    confidence: r.item ? 0.7 : 0.6, date: ctx.time?.date ?? null, dateText: ctx.time?.text ?? null,
    evidence: sentenceEvidence(ctx, r.cues, r.rule),
  };
  // Remembered even as a possibility: "the factory" later on is this one, and may turn out planned.
  ctx.memory.production = e;
  return e;
}

/**
 * The site: a catalog place in the producer's country named in this sentence, else one named a few
 * sentences before ("a facility in the Alabuga zone ... the factory"). A region named beside it
 * ("Alabuga, in Tatarstan") is added to the name, the most specific place giving the id.
 */
function siteOf(ctx: RuleContext, memory: ProductionMemory, producer: string): { id: string; name: string } | null {
  const s = ctx.sentence;
  const here = s.mentions.filter((m) => m.role === 'place' && m.country === producer);
  const recent = memory.site && s.index - memory.site.sentence <= REACH && memory.site.mention.country === producer ? [memory.site.mention] : [];
  const places = here.length ? here : recent;
  if (!places.length) return null;
  const kinds = (m: Mention) => ctx.placeKind?.(m.entity) ?? null;
  const regional = (m: Mention) => ['region', 'country-part'].includes(kinds(m) ?? '');
  const main = places.find((m) => !regional(m)) ?? places[0];
  const region = here.find((m) => m !== main && regional(m));
  return { id: main.entity, name: ctx.nameOf(main.entity) + (region ? `, ${ctx.nameOf(region.entity)}` : '') };
}
