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
  const all = parties.filter((p) => (after >= 0 ? p.first >= after && p.mention.role !== 'adjective' : p.last <= before));
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

/** The goods close after a noun cue (at most four words on), and those listed after them without a break. */
function listFrom(ctx: SentenceContext, goods: Item[], chain: Chain): Item[] {
  const sorted = [...goods].sort((a, b) => a.first - b.first);
  const start = sorted.findIndex((g) => g.first - chain.last <= 4 && g.first >= chain.last - 1);
  if (start < 0) return goods.filter((g) => g.first - chain.last <= 4);
  const out = [sorted[start]];
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
  const anaphora = s.has('anaphora');
  const chains = s.chains.filter((c) => !c.negated || s.flags.denial.length);
  for (const c of s.chains) if (!chains.includes(c)) ctx.rejected.push(`negated: transfer cue "${c.cues.join(' ')}"`);
  if (!chains.length) return events;
  let items = s.items;
  // "The deal was cancelled": no goods named, but the sentence points back to the last transfer.
  let inherited: EventInput | undefined;
  if (!items.length) {
    // The deal referred to: the latest one that shares a party with this sentence, else the latest one.
    const named = new Set(s.parties.map((p) => p.country));
    const recent = [...ctx.memory.transfers].reverse().filter((e) => e.system || e.category);
    inherited = recent.find((e) => named.has(e.supplier!) || named.has(e.recipient!)) ?? recent[0];
    if (!inherited || !(anaphora.length || s.flags.cancel.length || s.flags.denial.length)) {
      ctx.rejected.push(`no-goods: transfer cue "${chains.map((c) => c.cues.join(' ')).join('", "')}": no goods named and nothing to refer back to`);
      return events;
    }
  }
  const groupAnaphora = s.has('group-anaphora').length ? ctx.memory.previousCountries : [];
  const owned = goodsOf(chains, items);
  // People are speakers and officials here, not parties to a sale.
  const parties = s.parties.filter((p) => p.mention.role !== 'person');
  chains.forEach((chain, c) => {
    const goods: (Item | undefined)[] = inherited ? [undefined] : owned.get(chain)!;
    if (!goods.length) { ctx.rejected.push(`no-goods: transfer cue "${chain.cues.join(' ')}": no goods after it`); return; }
    // A chain's region runs from the previous chain to the next: its markers and objects are found there.
    const regionStart = c > 0 ? chains[c - 1].last : s.from;
    const regionEnd = c + 1 < chains.length ? chains[c + 1].first : s.to;
    const inRegion = parties.filter((p) => p.first >= regionStart && p.last <= regionEnd);
    const marked = (kind: Party['marker']) => inRegion.filter((p) => p.marker === kind);
    // The subject: the nearest unmarked party before the chain, in its region first, then anywhere before.
    // A passive agent ("bought by Israel") is the subject, wherever it stands.
    // Its own "by": the by-marked group nearest after the verb ("operated by the Marine Corps"), not the
    // agent of another participle ("developed by India and Russia").
    const byMarked = inRegion.filter((p) => p.marker === 'agent');
    const nearestBy = byMarked.filter((p) => p.first >= chain.last && p.first - chain.last <= 4)[0]
      ?? byMarked.filter((p) => p.last <= chain.first && chain.first - p.last <= 4).pop();
    const byAgent = nearestBy ? byMarked.filter((p) => p.group === nearestBy.group) : [];
    let agent = byAgent.length ? byAgent : nearestGroup(inRegion, chain.first);
    if (!agent.length) agent = nearestGroup(parties, chain.first);
    // A subject after the verb ("exporter, Tehran is ...", "verscheept vanuit Iran"): the nearest party that
    // is unmarked or marked for the subject's own role.
    if (!agent.length && groupAnaphora.length === 0) {
      // After the verb, a name in an inflected case is its object ("przekazanie MiG-29 Kijowowi"), not its subject.
      const next = inRegion.filter((p) => p.first >= chain.last && (!p.marker || p.marker === chain.role) && p.mention.role !== 'adjective'
        && !(p.mention.inflected && !p.marker))
        .sort((a, b) => a.first - b.first)[0];
      if (next) agent = inRegion.filter((p) => p.group === next.group && (!p.marker || p.marker === chain.role));
    }
    // The object: after the verb; or, in a passive with a by-agent, the subject before it ("Egypt was
    // offered jets by France"); or an unmarked inflected name (a dative: "Србији испоручила").
    let object = byAgent.length
      ? nearestGroup(inRegion.filter((p) => !agent.includes(p)), chain.first)
      : nearestGroup(sameClause(ctx, inRegion.filter((p) => !agent.includes(p)), chain.last), Infinity, chain.last);
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
      if (chain.role === 'supplier') {
        suppliers = countries(agent);
        recipients = countries(marked('recipient'));
        if (!recipients.length) recipients = countries(object);
        if (!recipients.length) recipients = partner;
        if (!recipients.length) recipients = sentencePartner.filter((c) => !suppliers.includes(c));
        if (!suppliers.length) suppliers = origin;
      } else if (chain.role === 'recipient') {
        recipients = agent.length ? countries(agent) : groupAnaphora;
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
      } else {
        suppliers = countries(marked('supplier'));
        recipients = countries(marked('recipient'));
        if (!suppliers.length) suppliers = origin;
        if (!recipients.length) recipients = countries(agent).filter((c) => !suppliers.includes(c));
        if (!recipients.length) recipients = countries(object).filter((c) => !suppliers.includes(c));
      }
      }
      if (chain.use) suppliers = item!.origins;
      // Where each role came from: the features the confidence model weighs (src/extract/confidence.ts).
      const within = (list: string[], from: string[]) => list.length > 0 && list.every((c) => from.includes(c));
      const sourceOf = (list: string[], role: 'supplier' | 'recipient'): string => {
        if (!list.length) return 'none';
        if (gapped) return 'gapped';
        if (inherited && within(list, [inherited.supplier!, inherited.recipient!])) return 'deal';
        if (within(list, countries(marked(role)))) return 'marker';
        if (role === 'supplier' && within(list, item?.origins ?? [])) return 'adjective';
        if (chain.role === role && within(list, countries(agent))) return agent.some((p) => p.weak) ? 'subject-weak' : 'subject';
        if (within(list, countries(object))) return 'object';
        if (within(list, [...partner, ...sentencePartner])) return 'partner';
        if (within(list, groupAnaphora)) return 'group';
        return 'other';
      };
      let supplierFrom = sourceOf(suppliers, 'supplier');
      let recipientFrom = sourceOf(recipients, 'recipient');
      let confidence = 0.8;
      if (!suppliers.length && item?.catalogOrigin) { suppliers = [item.catalogOrigin]; confidence -= 0.15; supplierFrom = 'catalog'; }
      if (inherited) {
        if (!suppliers.length && inherited.supplier) suppliers = [inherited.supplier];
        if (!recipients.length && inherited.recipient) recipients = [inherited.recipient];
      }
      // What this sentence leaves open, the last transfer with the same known party fills in; a sentence
      // that names goods but no party at all continues the last transfer ("Among the equipment sought ...").
      const recent = ctx.memory.transfers.filter((e) => e.evidence.sentence >= s.index - 3);
      const listStart = goods[0];
      const close = listStart ? listStart.first - chain.last <= 6 : true;
      if (!suppliers.length && !recipients.length && !parties.some((p) => !p.weak) && recent.length && close) {
        const last = recent[recent.length - 1];
        suppliers = [last.supplier!];
        recipients = [last.recipient!];
        confidence -= 0.2;
        supplierFrom = recipientFrom = 'memory';
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
      const what = item?.text ?? inherited?.system ?? inherited?.category ?? '';
      if (!suppliers.length || !recipients.length) {
        ctx.rejected.push(`no-party: "${what}" after "${chain.cues.join(' ')}": ${!suppliers.length ? 'no supplier' : 'no recipient'} found`);
      }
      for (const supplier of suppliers) {
        for (const recipient of recipients) {
          if (supplier === recipient) { ctx.rejected.push(`same-party: "${what}": supplier and recipient would both be ${supplier}`); continue; }
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
              [`role:${chain.role}`]: 1, [`supplier:${supplierFrom}`]: 1, [`recipient:${recipientFrom}`]: 1,
              ...(inherited ? { anaphora: 1 } : {}), ...(chain.use ? { use: 1 } : {}), ...(hedged ? { hedged: 1 } : {}),
              ...(item?.systemId ? { named: 1 } : { category: 1 }), ...(suppliers.length * recipients.length > 1 ? { fanout: 1 } : {}),
              ...(s.flags.future.length ? { future: 1 } : {}), ...(/[.!?]["'”»)]*\s*$/.test(ctx.text.slice(s.start, s.end)) ? {} : { headline: 1 }),
              distance: item ? Math.min(12, Math.abs(item.first - chain.last)) / 12 : 0,
              parties: Math.min(6, s.parties.filter((p) => !p.weak).length) / 6,
              // A stated count, a cited source, and whether the designer is the seller (misread sellers are common).
              ...(item?.quantity ? { quantity: 1 } : {}), ...(s.attributed.length ? { attribution: 1 } : {}),
              ...(item?.catalogOrigin ? { [item.catalogOrigin === supplier ? 'origin:supplier' : 'origin:other']: 1 } : {}),
            },
            evidence: {
              sentence: s.index, start: s.start, end: s.end, text: ctx.text.slice(s.start, s.end),
              cues: [...chain.cues, ...s.flags.hedge, ...s.flags.cancel, ...s.flags.denial, ...s.flags.hypothetical],
              rule: `transfer/${chain.role === 'none' ? 'noun' : `subject-${chain.role}`}${inherited ? '+anaphora' : ''}`,
            },
          });
        }
      }
    }
  });
  return events;
}
