/**
 * Transfer rules. A chain of transfer cue words says which party its subject is ("Serbia bought": the
 * recipient; "Russia sold": the supplier); markers say the rest ("to", "from", "with"); nationality
 * adjectives on the goods name the supplier when nothing else does ("Iranian drones"); a catalog system's
 * designer country is the last resort. What a sentence leaves open is taken from the sentences just before
 * (the discourse memory), and "both countries" or "the deal" point back to them.
 */
import type { TransferStatus } from '../kb/schema.js';
import type { Token } from '../text/normalise.js';
import type { EventInput } from './types.js';
import type { Chain, Item, Party, SentenceAnalysis } from './sentence.js';

export interface Memory {
  /** Transfers of the last few sentences, newest last. */
  transfers: EventInput[];
  /** Countries the previous sentence named, for "both countries". */
  previousCountries: string[];
  /** The last production described, for "the factory" later on. */
  production?: EventInput;
  /** Systems named in the last sentences, newest last: what "the aircraft" and "24 units" point back to. */
  systems: { item: Item; sentence: number }[];
  /** A transfer stated without its goods ("Germany handed Ukraine a new weapons package"), whose goods the
   *  next sentences list ("It contains 15 Leopard 1A5 tanks ..."); `sentence` is the last one that did. */
  pending?: { supplier: string; recipient: string; status: TransferStatus; sentence: number; cues: string[] };
}

export interface SentenceContext {
  text: string;
  sentence: SentenceAnalysis;
  memory: Memory;
  hypotheticalScope: boolean;
  time: { date: string; text: string } | null;
  money: { value: number | null; currency: string } | null;
  /** Candidates the rules looked at and rejected, as "class: what and why" (shown by `armscope explain`).
   *  Classes: attribution, place-of-use, inventory, replaced, negated, no-goods, no-party, same-party. */
  rejected: string[];
  /** The catalog name of an entity id ("place:caspian-sea" → "Caspian Sea"). */
  nameOf(id: string): string;
  /** The document's tokens (the sentence's are `sentence.from` to `sentence.to`). */
  tokens: Token[];
  /** Every country the article names (systems and citations aside). */
  documentCountries?: Set<string>;
}

/** Parties after `from` up to the first clause break (a comma, semicolon or dash after the verb). */
function sameClause(ctx: SentenceContext, parties: Party[], from: number): Party[] {
  return parties.filter((p) => p.first < from || !/[,;:–—]/.test(ctx.text.slice(ctx.tokens[from - 1]?.end ?? 0, p.mention.start)));
}

/** The evidence of an event found in the context's sentence. */
export function sentenceEvidence(ctx: SentenceContext, cues: string[], rule: string): EventInput['evidence'] {
  const s = ctx.sentence;
  return { sentence: s.index, start: s.start, end: s.end, text: ctx.text.slice(s.start, s.end), cues, rule };
}

function nearestGroup(parties: Party[], before: number, after = -1): Party[] {
  // The closest proper party before `before` (or after `after`), with its coordinated group. A name in its
  // base form is preferred to an inflected one: in "Русија је Србији испоручила", Русија is the subject.
  // A nationality adjective may stand for a subject ("Russian forces used ..."), never for an object:
  // "attacks on Ukrainian cities" makes no one a recipient.
  const all = parties.filter((p) => !p.locative && (after >= 0 ? p.first >= after && p.mention.role !== 'adjective' : p.last <= before));
  // A party in an apposition describes the one before it; it is neither subject nor object.
  const placed = all.some((p) => !p.aside) ? all.filter((p) => !p.aside) : all;
  const strong = placed.filter((p) => !p.weak && !p.marker);
  const base = strong.filter((p) => !p.mention.inflected);
  const pool = base.length ? base : strong.length ? strong : placed.filter((p) => !p.marker);
  const pick = after >= 0
    ? [...pool].sort((a, b) => a.first - b.first)[0]
    : [...pool].sort((a, b) => b.last - a.last)[0];
  return pick ? parties.filter((p) => p.group === pick.group && !p.marker && (pick.weak || !p.weak)) : [];
}

const countries = (ps: Party[]) => [...new Set(ps.map((p) => p.country))];

function statusOf(chain: Chain, s: SentenceAnalysis): TransferStatus {
  if (s.flags.denial.length) return 'denied';
  if (s.flags.cancel.length) return 'cancelled';
  if (chain.status === 'delivered' && s.flags.future.length) return 'agreed';
  return chain.status;
}

/** Goods each chain governs: those after it up to the next chain; goods before the first chain go to it. */
function goodsOf(chains: Chain[], items: Item[]): Map<Chain, Item[]> {
  const out = new Map<Chain, Item[]>(chains.map((c) => [c, []]));
  for (const item of items) {
    let owner = chains[0];
    for (const c of chains) if (c.first <= item.first) owner = c;
    out.get(owner)!.push(item);
  }
  return out;
}

/**
 * A transfer cue whose sentence names both sides but no goods opens a package: "Deutschland hat der Ukraine
 * ein neues Waffenpaket übergeben" leaves Germany → Ukraine waiting for the goods the next sentences list.
 */
function openPackage(ctx: SentenceContext, chain: Chain): void {
  const parties = ctx.sentence.parties.filter((p) => !p.weak && !p.place && p.mention.role !== 'person');
  const before = parties.filter((p) => p.last <= chain.first && !p.marker);
  const subject = VERB_FINAL.has(ctx.sentence.language ?? '') && clauseFinal(ctx, chain) ? before[0] : before[before.length - 1];
  const marked = (kind: Party['marker']) => parties.find((p) => p.marker === kind);
  // After a giving verb the other side is marked ("to Ukraine") or in the dative ("der Ukraine").
  const other = (kind: Party['marker']) => marked(kind) ?? parties.find((p) => p !== subject && !p.marker && p.country !== subject?.country);
  let supplier: string | undefined;
  let recipient: string | undefined;
  if (chain.role === 'supplier') { supplier = subject?.country; recipient = other('recipient')?.country; }
  else if (chain.role === 'recipient') { recipient = subject?.country; supplier = other('supplier')?.country; }
  if (!supplier || !recipient || supplier === recipient) return;
  const status = ctx.sentence.flags.future.length && chain.status === 'delivered' ? 'agreed' : chain.status;
  ctx.memory.pending = { supplier, recipient, status, sentence: ctx.sentence.index, cues: chain.cues };
}

/**
 * Goods listed without a verb of transfer or a party, right after a package was opened ("Enthalten sind
 * 15 Leopard 1A5 und zwei Gepard."): the package's goods.
 */
function packageContents(ctx: SentenceContext): EventInput[] {
  const s = ctx.sentence;
  const pending = ctx.memory.pending;
  const items = referredGoods(ctx);
  if (!pending || s.index - pending.sentence > 2 || !items.length || s.parties.some((p) => !p.weak && !p.place)) return [];
  pending.sentence = s.index;
  const hedged = s.flags.hedge.length > 0;
  return items.map((item) => ({
    kind: 'transfer' as const, supplier: pending.supplier, recipient: pending.recipient,
    system: item.system, systemId: item.systemId, category: item.category,
    quantity: item.quantity, value: null, currency: null, status: pending.status, hedged,
    hypothetical: ctx.hypotheticalScope || s.flags.hypothetical.length > 0,
    date: ctx.time?.date ?? null, dateText: ctx.time?.text ?? null,
    confidence: 0.6,
    features: { 'role:none': 1, 'supplier:package': 1, 'recipient:package': 1, package: 1, ...(item.systemId ? { named: 1 } : { category: 1 }), ...(hedged ? { hedged: 1 } : {}) },
    evidence: { sentence: s.index, start: s.start, end: s.end, text: ctx.text.slice(s.start, s.end), cues: [...pending.cues, ...s.flags.hedge], rule: 'transfer/package' },
  }));
}

/** True when the chain ends its clause: a break or the sentence's end follows ("... übergeben, das ..."). */
function clauseFinal(ctx: SentenceContext, chain: Chain): boolean {
  const next = ctx.tokens[chain.last];
  return chain.last >= ctx.sentence.to || !next || /[,;:.!?()]/.test(ctx.text.slice(ctx.tokens[chain.last - 1].end, next.start));
}

/** Languages whose subordinate and perfect clauses end in the verb. */
const VERB_FINAL = new Set(['de', 'nl']);

/**
 * A headline without a verb that names goods and, with "for" or "to", their buyer: "Chinese FK-3 air
 * defence for Serbia", "Leopard-Panzer aus Deutschland für die Ukraine". The goods' stated origin or a
 * "from" names the seller, the catalog's designer when nothing does; a headline says a deal, not a delivery.
 */
function headline(ctx: SentenceContext): EventInput[] | undefined {
  const s = ctx.sentence;
  const said = ctx.text.slice(s.start, s.end).trim();
  if (!s.items.length || /[.!?…]["'”»)]*$/.test(said) || s.to - s.from > 14) return undefined;
  const buyers = s.parties.filter((p) => p.marker === 'recipient' && !p.weak && !p.place);
  if (!buyers.length || s.parties.some((p) => !p.weak && !p.marker && !p.place)) return undefined;
  const sellers = s.parties.filter((p) => p.marker === 'supplier' && !p.weak).map((p) => p.country);
  const events: EventInput[] = [];
  for (const item of s.items) {
    const from = sellers.length ? sellers : item.origins.length ? item.origins : item.catalogOrigin ? [item.catalogOrigin] : [];
    for (const supplier of [...new Set(from)]) {
      for (const recipient of [...new Set(buyers.map((p) => p.country))]) {
        if (supplier === recipient) continue;
        events.push({
          kind: 'transfer', supplier, recipient, system: item.system, systemId: item.systemId, category: item.category,
          quantity: item.quantity, value: null, currency: null, status: 'agreed', hedged: s.flags.hedge.length > 0,
          hypothetical: ctx.hypotheticalScope || s.flags.hypothetical.length > 0, date: null, dateText: null, confidence: 0.6,
          features: { 'role:none': 1, headline: 1, 'recipient:marker': 1, [`supplier:${sellers.length ? 'marker' : item.origins.length ? 'adjective' : 'catalog'}`]: 1, ...(item.systemId ? { named: 1 } : { category: 1 }) },
          evidence: { sentence: s.index, start: s.start, end: s.end, text: said, cues: [], rule: 'transfer/headline' },
        });
      }
    }
  }
  return events.length ? events : undefined;
}

const AIRCRAFT = new Set(['combat-aircraft', 'trainer-aircraft', 'transport-aircraft']);

/** How many sentences back "the aircraft" or "24 units" may point. */
const REFERENCE_REACH = 8;

/**
 * The sentence's goods with references back resolved: a category word after a definite article or a
 * demonstrative ("a aeronave", "these jets") is the system of that category named last; a count with a
 * counting word and no goods ("Egipat je kupio 24 komada", "96 sztuk") is the system named last.
 * @example referredGoods(ctx) // [{ system: 'Super Tucano', category: 'trainer-aircraft', ... }]
 */
function referredGoods(ctx: SentenceContext): Item[] {
  const s = ctx.sentence;
  const named = ctx.memory.systems.filter((x) => s.index - x.sentence <= REFERENCE_REACH && x.sentence < s.index);
  if (!named.length) return s.items;
  const out = s.items.map((item) => {
    if (item.systemId || !item.definite) return item;
    // Only one system of the kind named: "the tanks" after Leopard 2A6 and 2A4 point at both, so neither.
    const kind = named.filter((x) => x.item.category === item.category);
    if (!kind.length || new Set(kind.map((x) => x.item.systemId)).size > 1) return item;
    const earlier = kind[kind.length - 1];
    return { ...earlier.item, first: item.first, last: item.last, text: item.text, quantity: item.quantity, hedged: item.hedged, origins: item.origins.length ? item.origins : earlier.item.origins };
  });
  if (out.length) return out;
  // "a aeronave", "the aircraft", "самолетите": the one aircraft named before, when one kind was.
  const aircraft = s.has('aircraft')[0];
  if (aircraft) {
    const planes = named.filter((x) => AIRCRAFT.has(x.item.category));
    if (planes.length && new Set(planes.map((x) => x.item.systemId)).size === 1) {
      const last = planes[planes.length - 1].item;
      return [{ ...last, first: aircraft.first, last: aircraft.last, text: aircraft.text, quantity: null, hedged: false, origins: [] }];
    }
  }
  const unit = s.has('unit').find((c) => c.first > s.from && (ctx.tokens[c.first - 1].digit || c.first - 1 >= 0 && /^\d/.test(ctx.tokens[c.first - 1].key)));
  if (!unit) return out;
  const last = named[named.length - 1].item;
  const quantity = Number(ctx.text.slice(ctx.tokens[unit.first - 1].start, ctx.tokens[unit.first - 1].end).replace(/\D/g, '')) || null;
  return [{ ...last, first: unit.first, last: unit.last, text: unit.text, quantity, hedged: false, origins: [] }];
}

/** The index of the first token at or after a character offset. */
function tokenAt(ctx: SentenceContext, offset: number): number {
  let k = ctx.sentence.from;
  while (k < ctx.sentence.to && ctx.tokens[k].start < offset) k++;
  return k;
}

/** The goods close after a noun cue (at most four words on), and those listed after them without a break. */
function listFrom(ctx: SentenceContext, goods: Item[], chain: Chain): Item[] {
  const sorted = [...goods].sort((a, b) => a.first - b.first);
  // Goods before the noun are its subject ("The Leopard 2A6 arrived"): governed as they were.
  const before = sorted.filter((g) => g.first < chain.last - 1);
  const start = sorted.findIndex((g) => g.first - chain.last <= 4 && g.first >= chain.last - 1);
  if (start < 0) return before;
  const out = [...before, sorted[start]];
  for (let k = start + 1; k < sorted.length; k++) {
    const a = sorted[k - 1];
    const b = sorted[k];
    const between = ctx.text.slice(ctx.tokens[a.last - 1].end, ctx.tokens[b.first].start);
    if (/[.;:()!?]/.test(between) || b.first - a.last > 8) break;
    if (ctx.sentence.parties.some((p) => p.first >= a.last && p.last <= b.first) || ctx.sentence.chains.some((c) => c.first >= a.last && c.last <= b.first)) break;
    out.push(b);
  }
  return out;
}

export function transfersIn(ctx: SentenceContext): EventInput[] {
  const s = ctx.sentence;
  const events: EventInput[] = [];
  for (const r of s.replaced) ctx.rejected.push(`replaced: "${r.text}" is what the new goods replace`);
  for (const r of s.attached) ctx.rejected.push(`package: "${r.text}" is part of the goods named before it`);
  const anaphora = s.has('anaphora');
  const chains = s.chains.filter((c) => !c.negated || s.flags.denial.length);
  for (const c of s.chains) if (!chains.includes(c)) ctx.rejected.push(`negated: transfer cue "${c.cues.join(' ')}"`);
  if (!chains.length) return headline(ctx) ?? packageContents(ctx);
  let items = referredGoods(ctx);
  // "The deal was cancelled": no goods named, but the sentence points back to the last transfer.
  let inherited: EventInput | undefined;
  if (!items.length) {
    // The deal referred to: the latest one that shares a party with this sentence, else the latest one.
    const named = new Set(s.parties.map((p) => p.country));
    const recent = [...ctx.memory.transfers].reverse().filter((e) => e.system || e.category);
    inherited = recent.find((e) => named.has(e.supplier!) || named.has(e.recipient!)) ?? recent[0];
    if (!inherited || !(anaphora.length || s.flags.cancel.length || s.flags.denial.length)) {
      openPackage(ctx, chains[0]);
      ctx.rejected.push(`no-goods: transfer cue "${chains.map((c) => c.cues.join(' ')).join('", "')}": no goods named and nothing to refer back to`);
      return events;
    }
  }
  const groupAnaphora = s.has('group-anaphora').length ? ctx.memory.previousCountries : [];
  const headlineLike = !/[.!?]["'”»)]*\s*$/.test(ctx.text.slice(s.start, s.end));
  const owned = goodsOf(chains, items);
  // People are speakers and officials here, not parties to a sale.
  const parties = s.parties.filter((p) => p.mention.role !== 'person' && !p.place && !p.ofReplaced);
  for (const p of s.parties) if (p.place) ctx.rejected.push(`place-of-use: "${p.mention.text}" is where the goods are used or whom they strike`);
  chains.forEach((chain, c) => {
    // Goods before a "replace" that comes before the verb are the new goods, and the verb tells the story of
    // the old ones: "the Korean tanks will replace Soviet-era vehicles handed over to Ukraine".
    const replaces = s.has('replace');
    const goods: (Item | undefined)[] = inherited ? [undefined]
      : owned.get(chain)!.filter((g) => !replaces.some((r) => g.last <= r.first && r.last <= chain.first));
    if (!goods.length) { ctx.rejected.push(`no-goods: transfer cue "${chain.cues.join(' ')}": no goods after it`); return; }
    // A chain's region runs from the previous chain to the next: its markers and objects are found there.
    const regionStart = c > 0 ? chains[c - 1].last : s.from;
    const regionEnd = c + 1 < chains.length ? chains[c + 1].first : s.to;
    const inRegion = parties.filter((p) => p.first >= regionStart && p.last <= regionEnd);
    // "from" and "by" share a word in several languages (Italian "da", Spanish "de", Portuguese "de"): after
    // a receiving verb with its subject before it, the word names the source ("L'Ucraina ha ricevuto dalla
    // Germania"), not a passive agent.
    const activeReceipt = chain.role === 'recipient' && nearestGroup(inRegion.filter((p) => !p.marker), chain.first).length > 0;
    const sourceToo = activeReceipt ? sameClause(ctx, inRegion.filter((p) => p.marker === 'agent' && p.fromToo), chain.last) : [];
    const marked = (kind: Party['marker']) => inRegion.filter((p) => p.marker === kind || (kind === 'supplier' && sourceToo.includes(p)));
    // The subject: the nearest unmarked party before the chain, in its region first, then anywhere before.
    // A passive agent ("bought by Israel") is the subject, wherever it stands.
    // Its own "by": the by-marked group nearest after the verb ("operated by the Marine Corps"), not the
    // agent of another participle ("developed by India and Russia").
    const byMarked = inRegion.filter((p) => p.marker === 'agent' && !sourceToo.includes(p));
    const nearestBy = byMarked.filter((p) => p.first >= chain.last && p.first - chain.last <= 4)[0]
      ?? byMarked.filter((p) => p.last <= chain.first && chain.first - p.last <= 4).pop();
    const byAgent = nearestBy ? byMarked.filter((p) => p.group === nearestBy.group) : [];
    let agent = byAgent.length ? byAgent : nearestGroup(inRegion, chain.first);
    // German and Dutch put the verb last: "Deutschland hat der Ukraine 18 Leopard übergeben". With two
    // names before it, the first is the subject and the second the indirect object.
    let middle: Party[] = [];
    if (!byAgent.length && VERB_FINAL.has(s.language ?? '') && clauseFinal(ctx, chain)) {
      const before = inRegion.filter((p) => p.last <= chain.first && !p.marker && !p.weak && !p.aside);
      const groups = [...new Set(before.map((p) => p.group))];
      if (groups.length === 2) {
        agent = before.filter((p) => p.group === groups[0]);
        middle = before.filter((p) => p.group === groups[1]);
      }
    }
    if (!agent.length) agent = nearestGroup(parties, chain.first);
    // An adjective in another clause qualifies a noun of its own ("an air force, built on American jets,
    // received ..."): it is no subject.
    if (agent.length && agent.every((p) => p.weak)) {
      const opening = ctx.text.lastIndexOf(',', agent[0].mention.start);
      const enclosed = opening > ctx.sentence.start && agent[0].first - tokenAt(ctx, opening) <= 8
        && /,/.test(ctx.text.slice(agent[agent.length - 1].mention.end, ctx.tokens[chain.first].start));
      if (enclosed) agent = [];
    }
    // A subject after the verb ("exporter, Tehran is ...", "verscheept vanuit Iran"): the nearest party that
    // is unmarked or marked for the subject's own role.
    if (!agent.length && groupAnaphora.length === 0) {
      // After the verb, a name in an inflected case is its object ("przekazanie MiG-29 Kijowowi"), not its subject.
      // The subject after the verb stands in its clause: "F-16 que se compraron a Dinamarca, Estados Unidos
      // no hará ..." gives the next clause's subject, not this one's.
      // A name marked for the verb's own role may be its subject only for a giver ("verscheept vanuit Iran");
      // after a buying verb the marker names the seller ("se compraron a Dinamarca").
      const next = sameClause(ctx, inRegion, chain.last).filter((p) => p.first >= chain.last && (!p.marker || (p.marker === chain.role && chain.role === 'supplier')) && p.mention.role !== 'adjective'
        && !(p.mention.inflected && !p.marker))
        .sort((a, b) => a.first - b.first)[0];
      if (next) agent = inRegion.filter((p) => p.group === next.group && (!p.marker || p.marker === chain.role));
    }
    // No country or company as the subject: an official who is ("the minister began talks on buying
    // helicopters from Russia") speaks for the country that buys or sells, unless the sentence names that
    // side outright ("Putin wanted the helicopters in Serbia": Serbia receives, not Russia).
    if (!agent.length && groupAnaphora.length === 0 && !parties.some((p) => p.marker === chain.role)) {
      // The first one in the sentence: the subject of "X said that ..." or of the clause itself.
      const official = s.parties.find((p) => p.mention.role === 'person' && !p.marker && !p.place && p.last <= chain.first && p.first >= regionStart);
      if (official) agent = [official];
    }
    // A company signing or agreeing with a country sells to it: "Hanwha signed a contract with Australia".
    const role: Chain['role'] = chain.role === 'recipient' && (chain.status === 'agreed' || chain.status === 'negotiating')
      && agent.length > 0 && agent.every((p) => p.industry) ? 'supplier' : chain.role;
    // The object: after the verb; or, in a passive with a by-agent, the subject before it ("Egypt was
    // offered jets by France"); or an unmarked inflected name (a dative: "Србији испоручила").
    let object = byAgent.length
      ? nearestGroup(inRegion.filter((p) => !agent.includes(p)), chain.first)
      : nearestGroup(sameClause(ctx, inRegion.filter((p) => !agent.includes(p)), chain.last), Infinity, chain.last);
    if (!object.length) object = middle;
    if (!object.length) object = inRegion.filter((p) => !agent.includes(p) && !p.marker && p.mention.inflected);
    const partner = countries(marked('partner'));
    // The other side of an exchange the sentence names anywhere ("an exchange with Russia, where ...").
    const sentencePartner = countries(parties.filter((p) => p.marker === 'partner'));
    // A noun alone ("accord", "deal") governs goods close to it ("a deal for 12 Rafale"), not a fleet named
    // at the other end of the sentence.
    // The list it opens continues it: "the deal includes 48 FA-50 jets, 180 K2 tanks and K9 howitzers".
    const governed = chain.role === 'none' && !inherited && !marked('supplier').length && !marked('recipient').length
      ? listFrom(ctx, goods.filter((g): g is Item => Boolean(g)), chain) : goods;
    if (!governed.length) { ctx.rejected.push(`no-goods: transfer noun "${chain.cues.join(' ')}": no goods close to it`); return; }
    // Gapped clauses: "Germany gave Ukraine 18 Leopard 2A6, and Poland — Leopard 2A4". A new party after a
    // comma, then a dash, takes the same verb for the goods after the dash.
    const gapAgent = new Map<Item, Party[]>();
    const ordered = governed.filter((g): g is Item => Boolean(g)).sort((a, b) => a.first - b.first);
    for (let k = 1; k < ordered.length; k++) {
      const gap = parties.filter((p) => !p.marker && !p.weak && p.first >= ordered[k - 1].last && p.last <= ordered[k].first)
        .sort((a, b) => a.first - b.first);
      if (!gap.length) continue;
      const lead = gap[0];
      const before = ctx.text.slice(ctx.tokens[ordered[k - 1].last - 1].end, lead.mention.start);
      const after = ctx.text.slice(gap[gap.length - 1].mention.end, ctx.tokens[ordered[k].first].start);
      if (!/,/.test(before) || !/[—–:]|\s-\s/.test(after)) continue;
      const group = gap.filter((p) => p.group === lead.group);
      for (let j = k; j < ordered.length; j++) gapAgent.set(ordered[j], group);
    }
    for (const item of governed) {
      // Use and possession ("operates", "launched", "in service") say what an army has, not that it was
      // given anything; only goods of a stated foreign origin make them a transfer.
      // A system restating goods whose origin the sentence gave ("Iranian drones ..., the Shahed-136")
      // shares that origin.
      const restated = chain.use && item && !item.origins.length
        ? governed.find((g) => g && g !== item && g.origins.length && g.category === item.category) : undefined;
      if (restated) item!.origins = [...restated.origins];
      if (chain.use === 'operate') {
        ctx.rejected.push(`inventory: "${item?.text ?? ''}" after "${chain.cues.join(' ')}": possession or operation, not a transfer`);
        continue;
      }
      if (chain.use && !item?.origins.length) {
        ctx.rejected.push(`inventory: "${item?.text ?? ''}" after "${chain.cues.join(' ')}": use or possession without a stated origin`);
        continue;
      }
      let suppliers: string[] = [];
      let recipients: string[] = [];
      const gapped = item ? gapAgent.get(item) : undefined;
      if (gapped) {
        // The gapped clause keeps the verb's other role from the main clause.
        const main = [...events].reverse().find((e) => e.evidence.sentence === s.index);
        if (chain.role === 'supplier') { suppliers = countries(gapped); recipients = main?.recipient ? [main.recipient] : []; }
        else if (chain.role === 'recipient') { recipients = countries(gapped); suppliers = main?.supplier ? [main.supplier] : item?.origins ?? []; }
      }
      // Referring back to a deal whose party this sentence names ("Ankara presented the deal as an export"):
      // the deal keeps its parties.
      const ofDeal = (p: Party) => p.country === inherited!.supplier || p.country === inherited!.recipient;
      const subjectOfDeal = inherited && parties.some((p) => ofDeal(p) && p.last <= chain.first);
      const newSubject = inherited && parties.some((p) => !p.weak && !p.marker && !ofDeal(p) && p.last <= chain.first);
      if (gapped && (suppliers.length || recipients.length)) {
        // roles set from the gapped clause above
      } else if (inherited && parties.some(ofDeal) && (subjectOfDeal || !newSubject)
        && !marked('recipient').some((p) => p.country !== inherited!.recipient) && !marked('supplier').some((p) => p.country !== inherited!.supplier)) {
        suppliers = [inherited.supplier!];
        recipients = [inherited.recipient!];
      } else {
      const origin = item?.origins.length ? item.origins : [];
      if (role === 'supplier') {
        suppliers = countries(agent);
        recipients = countries(marked('recipient'));
        if (!recipients.length) recipients = countries(object);
        if (!recipients.length) recipients = partner;
        if (!recipients.length) recipients = sentencePartner.filter((c) => !suppliers.includes(c));
        // A giving verb without a subject names its giver with "from": "handed over to Kyiv ... from Sofia";
        // beside a "from", a nationality before the verb is the side waiting for the goods ("los oficiales
        // nigerianos esperan la entrega ... de Leonardo").
        const givers = countries(marked('supplier'));
        if (givers.length && agent.length && agent.every((p) => p.weak) && !recipients.length) {
          recipients = countries(agent).filter((c) => !givers.includes(c));
          suppliers = [];
        }
        if (!suppliers.length) suppliers = givers.filter((c) => !recipients.includes(c));
        if (!suppliers.length) suppliers = origin;
      } else if (role === 'recipient') {
        recipients = agent.length ? countries(agent) : groupAnaphora;
        // No subject, but "for the Macedonian army": the nationality the purchase is for buys.
        if (!recipients.length) recipients = countries(marked('recipient').filter((p) => p.weak && p.mention.role === 'adjective'));
        suppliers = countries(marked('supplier'));
        if (!suppliers.length) suppliers = origin;
        // Buying "to" someone is buying from them: "compró cazas a Dinamarca", "acheté à la France". A country
        // named outright wins over an adjective reached the same way, which belongs to a noun of its own
        // ("compra 24 F-16 a Dinamarca y cierra la puerta al avión chino").
        if (!suppliers.length) {
          const to = marked('recipient').filter((p) => !recipients.includes(p.country));
          const named = to.filter((p) => !p.weak);
          suppliers = countries(named.length ? named : to);
        }
        if (!suppliers.length) suppliers = partner;
        if (!suppliers.length) suppliers = sentencePartner.filter((c) => !recipients.includes(c));
        // Bought "in Russia": where a buyer bought is whom it bought from.
        if (!suppliers.length) suppliers = countries(inRegion.filter((p) => p.locative && p.first >= chain.first)).filter((c) => !recipients.includes(c));
      } else {
        suppliers = countries(marked('supplier'));
        recipients = countries(marked('recipient'));
        // With the buyer marked ("the sale of two frigates to Egypt"), the clause's subject is the seller:
        // "Italy approved the sale ... to Egypt", whoever designed the goods; an origin stated on the goods
        // ("a sale of Chinese missiles to ...") still names it first.
        if (!suppliers.length) suppliers = origin;
        if (!suppliers.length && recipients.length && !inherited) {
          suppliers = countries(agent.filter((p) => !p.weak && !p.marker)).filter((c) => !recipients.includes(c));
        }
        if (!suppliers.length) suppliers = origin;
        if (!recipients.length) recipients = countries(agent).filter((c) => !suppliers.includes(c));
        if (!recipients.length) recipients = countries(object).filter((c) => !suppliers.includes(c));
      }
      }
      if (chain.use) suppliers = item!.origins;
      const within = (list: string[], from: string[]) => list.length > 0 && list.every((c) => from.includes(c));
      // Where each role came from: the features the confidence model weighs (src/extract/confidence.ts).
      const sourceOf = (list: string[], side: 'supplier' | 'recipient'): string => {
        if (!list.length) return 'none';
        if (gapped) return 'gapped';
        if (inherited && within(list, [inherited.supplier!, inherited.recipient!])) return 'deal';
        if (within(list, countries(marked(side)))) return 'marker';
        if (side === 'supplier' && within(list, item?.origins ?? [])) return 'adjective';
        if (role === side && within(list, countries(agent))) return agent.some((p) => p.weak) ? 'subject-weak' : 'subject';
        if (within(list, countries(object))) return 'object';
        if (within(list, [...partner, ...sentencePartner])) return 'partner';
        if (within(list, groupAnaphora)) return 'group';
        return 'other';
      };
      let supplierFrom = sourceOf(suppliers, 'supplier');
      let recipientFrom = sourceOf(recipients, 'recipient');
      let confidence = 0.8;
      // The same system to the same buyer earlier in the article: its seller, before the designer country.
      if (!suppliers.length && item?.systemId) {
        const known = [...ctx.memory.transfers].reverse()
          .find((e) => e.systemId === item.systemId && e.supplier && (!recipients.length || recipients.includes(e.recipient!)));
        if (known) { suppliers = [known.supplier!]; supplierFrom = 'same-system'; }
      }
      // What this sentence leaves open, the last transfer with the same known party fills in; a sentence
      // that names goods but no party at all continues the last transfer or the package just opened
      // ("Among the equipment sought ...", "Auch zwei Patriot-Abschussbasen wurden geliefert"), before the
      // designer country is guessed.
      const recent = ctx.memory.transfers.filter((e) => e.evidence.sentence >= s.index - 3);
      const listStart = goods[0];
      const close = listStart ? listStart.first - chain.last <= 6 : true;
      const pending = ctx.memory.pending && s.index - ctx.memory.pending.sentence <= 2 ? ctx.memory.pending : undefined;
      const continues = !suppliers.length && !recipients.length && !parties.some((p) => !p.weak) && (recent.length || pending) && close && !inherited;
      if (!continues && !suppliers.length && item?.catalogOrigin) {
        suppliers = [partnerNamed(ctx, item, recipients) ?? item.catalogOrigin];
        confidence -= 0.15;
        supplierFrom = 'catalog';
      }
      if (inherited) {
        if (!suppliers.length && inherited.supplier) suppliers = [inherited.supplier];
        if (!recipients.length && inherited.recipient) recipients = [inherited.recipient];
      }
      if (continues) {
        const last = recent.length ? recent[recent.length - 1] : pending!;
        suppliers = [last.supplier!];
        recipients = [last.recipient!];
        confidence -= 0.2;
        supplierFrom = recipientFrom = 'memory';
        if (!recent.length) pending!.sentence = s.index;
      } else if (suppliers.length && !recipients.length) {
        // The same supplier's last recipient; else the recipient the article has been talking about
        // ("London was sending Storm Shadow missiles" in a story about Ukraine's air defence).
        const last = [...ctx.memory.transfers].reverse().find((e) => suppliers.includes(e.supplier!))
          ?? [...recent].reverse().find((e) => e.recipient && !suppliers.includes(e.recipient));
        if (last?.recipient) { recipients = [last.recipient]; confidence -= 0.15; recipientFrom = 'memory'; }
      } else if (recipients.length && !suppliers.length) {
        const last = [...ctx.memory.transfers].reverse().find((e) => recipients.includes(e.recipient!));
        if (last?.supplier) { suppliers = [last.supplier]; confidence -= 0.15; supplierFrom = 'memory'; }
      }
      // A manufacturer sells; it does not buy: "in vista della consegna dei primi M-346FA di Leonardo".
      const makers = countries(parties.filter((p) => p.industry && !p.marker && p.first >= regionStart && p.last <= regionEnd));
      if (makers.length && recipients.some((c) => makers.includes(c)) && !suppliers.some((c) => makers.includes(c))
        && !parties.some((p) => p.industry && p.marker === 'recipient')) {
        const buyers = [...new Set([...suppliers, ...recipients])].filter((c) => !makers.includes(c));
        suppliers = makers;
        recipients = buyers;
      }
      // Two countries signing for an export ("Turkey and Albania signed an agreement for the export of TB2
      // drones"), when the article names no other buyer: the one the goods come from sells, the other buys.
      if (role === 'supplier' && (chain.status === 'agreed' || chain.status === 'negotiating') && suppliers.length >= 2 && !recipients.length && !gapped
        && agent.filter((p) => !p.weak).length >= 2 && within(suppliers, countries(agent))) {
        const from = item?.origins.length ? item.origins : item?.catalogOrigin ? [item.catalogOrigin] : [];
        const seller = suppliers.find((c) => from.includes(c));
        if (seller) { recipients = suppliers.filter((c) => c !== seller); suppliers = [seller]; }
      }
      const what = item?.text ?? inherited?.system ?? inherited?.category ?? '';
      if (!suppliers.length || !recipients.length) {
        ctx.rejected.push(`no-party: "${what}" after "${chain.cues.join(' ')}": ${!suppliers.length ? 'no supplier' : 'no recipient'} found`);
      }
      // A partner in a multinational programme buying its own product procures at home: Spain ordering
      // Eurofighters from Airbus is no import. Only a seller the sentence names outright makes it one.
      const named = supplierFrom === 'subject' || supplierFrom === 'marker' || supplierFrom === 'adjective';
      for (const supplier of suppliers) {
        for (const recipient of recipients) {
          if (supplier === recipient) { ctx.rejected.push(`same-party: "${what}": supplier and recipient would both be ${supplier}`); continue; }
          const outright = named && parties.some((p) => p.country === supplier && (p.mention.role === 'country' || p.mention.role === 'metonym'));
          if (item?.partners?.includes(recipient) && (item.partners.includes(supplier) || !outright)) {
            ctx.rejected.push(`domestic: "${what}": ${recipient} builds it with its partners`);
            continue;
          }
          const hedged = s.flags.hedge.length > 0 || Boolean(item?.hedged);
          events.push({
            kind: 'transfer', supplier, recipient,
            system: item ? item.system : inherited!.system, systemId: item ? item.systemId : inherited!.systemId,
            category: item ? item.category : inherited!.category,
            quantity: item?.quantity ?? null, value: ctx.money?.value ?? null, currency: ctx.money?.currency ?? null,
            status: statusOf(chain, s), hedged,
            hypothetical: ctx.hypotheticalScope || s.flags.hypothetical.length > 0,
            date: ctx.time?.date ?? null, dateText: ctx.time?.text ?? null,
            confidence: Math.round(confidence * (hedged ? 0.9 : 1) * 100) / 100,
            features: {
              [`role:${role}`]: 1, [`supplier:${supplierFrom}`]: 1, [`recipient:${recipientFrom}`]: 1,
              ...(inherited ? { anaphora: 1 } : {}), ...(chain.use ? { use: 1 } : {}), ...(hedged ? { hedged: 1 } : {}),
              ...(item?.systemId ? { named: 1 } : { category: 1 }), ...(suppliers.length * recipients.length > 1 ? { fanout: 1 } : {}),
              ...(s.flags.future.length ? { future: 1 } : {}), ...(headlineLike ? { headline: 1 } : {}),
              distance: item ? Math.min(12, Math.abs(item.first - chain.last)) / 12 : 0,
              parties: Math.min(6, s.parties.filter((p) => !p.weak).length) / 6,
              // A stated count, a cited source, and whether the designer is the seller (misread sellers are common).
              ...(item?.quantity ? { quantity: 1 } : {}), ...(s.attributed.length ? { attribution: 1 } : {}),
              ...(item?.catalogOrigin ? { [item.catalogOrigin === supplier ? 'origin:supplier' : 'origin:other']: 1 } : {}),
            },
            evidence: {
              sentence: s.index, start: s.start, end: s.end, text: ctx.text.slice(s.start, s.end),
              cues: [...chain.cues, ...s.flags.hedge, ...s.flags.cancel, ...s.flags.denial, ...s.flags.hypothetical],
              rule: `transfer/${role === 'none' ? 'noun' : `subject-${role}`}${inherited ? '+anaphora' : ''}`,
            },
          });
        }
      }
    }
  });
  return events;
}

/**
 * For a system built by several countries (the catalog's `partners`), the partner the text is about: one the
 * sentence names in any role ("the British prime minister signed for 20 Eurofighters"), else the only one the
 * article names. The designer country stays the guess when the text names none, or several.
 */
function partnerNamed(ctx: SentenceContext, item: Item, recipients: string[]): string | undefined {
  const partners = (item.partners ?? []).filter((c) => !recipients.includes(c));
  if (partners.length < 2) return undefined;
  const inSentence = [...new Set(ctx.sentence.mentions.filter((m) => m.country && m.role !== 'system' && partners.includes(m.country)).map((m) => m.country!))];
  if (inSentence.length === 1) return inSentence[0];
  if (inSentence.length > 1) return undefined;
  const inArticle = partners.filter((c) => ctx.documentCountries?.has(c));
  return inArticle.length === 1 ? inArticle[0] : undefined;
}
