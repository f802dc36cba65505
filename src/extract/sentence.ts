/**
 * One sentence taken apart for the event rules: the parties it names (countries, capitals and buildings
 * standing for governments, organisations with a country), the goods (catalog systems and generic
 * category terms, each with the nationality adjectives bound to it), the chains of transfer cue words with
 * the role their subject plays, and the modifiers (hedges, negation, denial, cancellation, conditionals).
 */
import { Gap, normaliseText, type Token } from '../text/normalise.js';
import type { Mention } from '../kb/recognise.js';
import type { KnowledgeBase } from '../kb/recognise.js';
import type { Category, TransferStatus } from '../kb/schema.js';
import { matchCues, STATUS_ORDER, type CompiledLexicon, type CueMatch } from './lexicon.js';
import { quantityBefore } from './quantity.js';

export interface Party {
  country: string;
  first: number;
  last: number;
  mention: Mention;
  marker?: 'recipient' | 'supplier' | 'partner' | 'agent';
  /** Adjectives and people: used when no proper party is there. */
  weak: boolean;
  /** Index of the coordinated group ("Albania and Kosovo") the party belongs to. */
  group: number;
  /** After a locative preposition that marks no role ("in Italy", "w Polsce"): a place, neither subject
   *  nor object; a buyer may still have bought there ("приобретённые в России"). */
  locative?: boolean;
  /** Marked by a word that is both the passive's "by" and "from" (Italian "da", Spanish "de"). */
  fromToo?: boolean;
  /** A manufacturer or exporter standing for its country ("Hanwha", "Dassault Aviation"). */
  industry?: boolean;
  /** Named as where goods are used or whom they strike ("the war in Yemen", "against Russia"). */
  place?: boolean;
  /** Names the maker or owner of goods being replaced: no side of the new transfer. */
  ofReplaced?: boolean;
  /** Inside an apposition after another party ("Poland, a NATO member bordering Ukraine, will buy"). */
  aside?: boolean;
}

export interface Item {
  first: number;
  last: number;
  text: string;
  systemId: string | null;
  system: string | null;
  category: Category;
  /** Countries named as the goods' origin right before them ("Iranian drones", "Tehran's UAVs"). */
  origins: string[];
  /** The designer country the catalog gives for a named system. */
  catalogOrigin: string | null;
  /** The countries that build a multinational system together (catalog `partners`). */
  partners?: string[];
  hedged: boolean;
  quantity: number | null;
  /** After a definite article or a demonstrative ("the jets", "estos aviones"): it may point back. */
  definite?: boolean;
}

export interface Chain {
  first: number;
  last: number;
  role: 'supplier' | 'recipient' | 'none';
  status: TransferStatus;
  cues: string[];
  negated: boolean;
  /** Every cue of the chain speaks of use (`event`) or of possession and operation (`operate`). */
  use: 'event' | 'operate' | undefined;
}

export interface SentenceAnalysis {
  index: number;
  start: number;
  end: number;
  /** Token range of the sentence in the document's tokens. */
  from: number;
  to: number;
  parties: Party[];
  items: Item[];
  chains: Chain[];
  cues: CueMatch[];
  mentions: Mention[];
  flags: { hedge: string[]; negation: string[]; denial: string[]; cancel: string[]; hypothetical: string[]; future: string[] };
  has(type: string): CueMatch[];
  /** Countries, adjectives and organisations named as the source of the report, not as parties. */
  attributed: Mention[];
  /** Goods named as what the new ones replace: old inventory, never part of the transfer. */
  replaced: Item[];
  /** Goods that are part of goods named just before them ("armed with guided missiles"). */
  attached: Item[];
  /** The article's language (its cue lexicon's). */
  language: string | undefined;
}

// Words that join coordinated names in the languages read (folded keys).
export const CONJUNCTIONS = new Set(['and', 'or', 'as', 'well', 'en', 'of', 'und', 'oder', 'et', 'ou', 'y', 'o', 'e', 'ed', 'i', 'oraz', 'lub', 'ili', 'и', 've', 'veya', 'dhe', 'ose', 'ta', 'a', 'kao', 'plus']);
/** Languages whose nationality adjectives usually follow the noun. */
const POSTNOMINAL = new Set(['fr', 'es', 'it', 'pt', 'sq']);
/** Organisations whose word makes a report second-hand. */
const SOURCE_KINDS = new Set(['media', 'think-tank', 'research']);
/** Organisations that sell: as the subject of "signed a contract with Australia" they are the supplier. */
const INDUSTRY_KINDS = new Set(['exporter', 'manufacturer']);
const PARTY_ORG_KINDS = new Set(['armed-forces', 'ministry', 'government', 'exporter', 'manufacturer', 'intelligence', 'paramilitary']);

/**
 * A system named the way the article names it: "F-16 Fighting Falcon" is "F-16" when the text says "F-16s",
 * "MIM-104 Patriot" is "Patriot" when it says "Patriot"; the full designation otherwise.
 * @example displayDesignation('MIM-104 Patriot', 'Patriot') // 'Patriot'
 */
export function displayDesignation(designation: string, mentionText: string): string {
  const m = /^([A-Za-z]{1,5}[-/ ]?\d{1,4}[A-Za-z0-9-]*)\s+(\S.*)$/.exec(designation);
  if (!m) return designation;
  const said = normaliseText(mentionText);
  const code = normaliseText(m[1]);
  const name = normaliseText(m[2]);
  if (said.includes(code)) return said.includes(name) ? designation : m[1];
  return said.includes(name) ? m[2] : designation;
}

/**
 * The designation to report: the alias the article wrote, when it wrote one as listed in Latin script
 * ("Caesar" for CAESAR 155mm, "Hawk" for BAE Hawk) unless it holds the designation whole ("Sukhoi Su-35");
 * else the catalog's designation, shortened the way the
 * article shortens it (`displayDesignation`).
 */
function systemName(designation: string, m: Mention): string {
  const key = `${m.exact ? 1 : 0}${designation}\u0000${m.text}`;
  let name = systemNames.get(key);
  if (name === undefined) {
    // Trailing common nouns are the kind of thing, not its name: "Abrams tanks", "Hawk trainer".
    const said = m.text.replace(/^["'“”„«»‘’]+|["'“”„«»‘’]+$/g, '').trim().replace(/(\s+\p{Ll}[\p{Ll}-]*)+$/u, '');
    name = m.exact && !foldName(said).includes(foldName(designation)) && said.length <= 32 && /^[\p{Script=Latin}\d][\p{Script=Latin}\d \-/.]*$/u.test(said)
      ? said : displayDesignation(designation, m.text);
    if (systemNames.size > 50_000) systemNames.clear();
    systemNames.set(key, name);
  }
  return name;
}
// The same designation is written the same few ways across articles: each way is worked out once.
const systemNames = new Map<string, string>();
const foldName = (x: string) => normaliseText(x).replace(/[^\p{L}\p{N}]/gu, '');

function gapText(text: string, tokens: Token[], a: number, b: number): string {
  return text.slice(tokens[a].end, tokens[b].start);
}

/** True when tokens between two spans are only conjunctions, commas and the like. */
function coordinated(text: string, tokens: Token[], leftLast: number, rightFirst: number): boolean {
  if (rightFirst - leftLast > 3) return false;
  let conjunction = false;
  let article = false;
  for (let k = leftLast; k < rightFirst; k++) {
    if (CONJUNCTIONS.has(tokens[k].key)) { conjunction = true; continue; }
    // One article after the conjunction or the comma: "la Pologne et la Corée", "Polen und die Türkei",
    // "le Togo, le Niger".
    const t = tokens[k];
    const afterComma = k > 0 && text.slice(tokens[k - 1].end, t.start).includes(',');
    if ((conjunction || afterComma) && !article && !t.upper && !t.digit && t.end - t.start <= 3) { article = true; continue; }
    return false;
  }
  const between = text.slice(tokens[leftLast - 1].end, tokens[rightFirst].start);
  // Two names side by side ("с Вашингтоном Россия") are not a list: a comma or a conjunction joins them.
  return !/[.;:!?()]/.test(between) && (conjunction || between.includes(','));
}

/** True when only a comma joins two spans (a list item, unless the list never reaches a conjunction). */
function commaOnly(text: string, tokens: Token[], leftLast: number, rightFirst: number): boolean {
  return leftLast === rightFirst && text.slice(tokens[leftLast - 1].end, tokens[rightFirst].start).includes(',');
}

export function analyseSentence(
  kb: KnowledgeBase, lex: CompiledLexicon | undefined, text: string, tokens: Token[], mentions: Mention[],
  index: number, start: number, end: number, from: number, to: number,
): SentenceAnalysis {
  const cues = lex ? matchCues(lex, tokens, text, from, to) : [];
  // A cue phrase can hold a shorter one: "the procurement" (a reference back) ends in "procurement" (a
  // purchase). Its transfer meaning is kept beside the longer match.
  if (lex) {
    for (const c of [...cues]) {
      if (c.last - c.first < 2 || c.cues.some((q) => q.type === 'transfer')) continue;
      for (const inner of matchCues(lex, tokens, text, c.first + 1, c.last)) {
        const transfer = inner.cues.filter((q) => q.type === 'transfer' || q.type === 'aircraft');
        if (transfer.length) cues.push({ ...inner, cues: transfer });
      }
    }
    cues.sort((a, b) => a.first - b.first);
  }
  // Separable verbs: the stem opens the clause, the particle closes it ("Schweden sagte zehn Fahrzeuge zu").
  for (const sep of lex?.separable.length ? separableIn(lex, tokens, from, to) : []) {
    for (let k = from; k < to; k++) {
      if (!sep.stems.has(tokens[k].key)) continue;
      for (let j = k + 2; j < to; j++) {
        const closes = j + 1 >= to || /^[\s"'”»)]*[,.;:!?]/.test(text.slice(tokens[j].end, tokens[j + 1].start));
        if (tokens[j].key === sep.particle && closes) {
          cues.push({ first: k, last: k + 1, start: tokens[k].start, end: tokens[k].end, text: `${text.slice(tokens[k].start, tokens[k].end)} … ${sep.label}`, cues: [sep.cue] });
          break;
        }
        if (/[,.;:!?]/.test(text.slice(tokens[j].end, tokens[j + 1]?.start ?? tokens[j].end))) break;
      }
    }
  }
  cues.sort((a, b) => a.first - b.first);
  // Matches by type, gathered once: the rules ask for a type many times per sentence.
  const byType = new Map<string, CueMatch[]>();
  for (const c of cues) {
    for (const q of c.cues) {
      const list = byType.get(q.type);
      if (!list) byType.set(q.type, [c]);
      else if (list[list.length - 1] !== c) list.push(c);
    }
  }
  const none: CueMatch[] = [];
  const has = (type: string) => byType.get(type) ?? none;
  const active = mentions.filter((m) => m.role !== 'citation');

  // Goods: systems, and category terms not already describing a system next to them.
  const systems = active.filter((m) => m.role === 'system');
  const items: Item[] = [];
  for (const m of active) {
    if (m.role !== 'system' && m.role !== 'category') continue;
    if (m.role === 'category') {
      const absorbed = systems.some((s) => {
        const gap = m.firstToken >= s.lastToken ? m.firstToken - s.lastToken : s.firstToken - m.lastToken;
        // "32 AW149 multi-role military helicopters": a head noun of the system's own category further on,
        // after plain lower-case modifiers, still names the system.
        const described = m.firstToken >= s.lastToken && gap <= 5 && s.category === m.category
          && tokens.slice(s.lastToken, m.firstToken).every((t) => !t.upper && !t.digit);
        if (gap > 2 && !described) return false;
        const between = m.firstToken >= s.lastToken ? text.slice(s.end, m.start) : text.slice(m.end, s.start);
        return !/[,;.()]/.test(between) && !tokens.slice(Math.min(s.lastToken, m.lastToken), Math.max(s.firstToken, m.firstToken)).some((t) => CONJUNCTIONS.has(t.key));
      }) || systems.some((s) => {
        // An apposition: "the SU-35, a highly agile fighter jet" describes the system just named.
        const gap = m.firstToken - s.lastToken;
        return gap >= 0 && gap <= 6 && s.category === m.category && /^,/.test(text.slice(s.end, m.start).trim())
          && !tokens.slice(s.lastToken, m.firstToken).some((t) => CONJUNCTIONS.has(t.key));
      });
      if (absorbed) continue;
    }
    const e = kb.entity(m.entity)!;
    items.push({
      first: m.firstToken, last: m.lastToken, text: m.text,
      systemId: m.role === 'system' ? m.entity : null, system: m.role === 'system' ? systemName(e.name, m) : null,
      category: m.category ?? 'other', origins: [], catalogOrigin: m.role === 'system' ? e.country : null, partners: e.partners, hedged: false,
      quantity: quantityBefore(lex, tokens, text, m.firstToken),
    });
  }
  // Split compounds: "gevechts- en trainingsvliegtuigen", "Kampf- und Transporthubschrauber". The dangling
  // first part borrows the tail of the compound after the conjunction.
  for (const m of active) {
    if (m.role !== 'category' || m.firstToken - 2 < from) continue;
    const conj = tokens[m.firstToken - 1];
    const head = tokens[m.firstToken - 2];
    if (!CONJUNCTIONS.has(conj.key) || !/-\s*$/.test(text.slice(head.end, conj.start)) || head.digit) continue;
    const word = text.slice(m.start, m.end);
    for (let cut = 1; cut < word.length - 3; cut++) {
      const joined = text.slice(head.start, head.end) + word.slice(cut);
      const found = kb.recognise(joined, { language: lex?.language }).find((x) => x.role === 'category' && x.start === 0 && x.end === joined.length);
      if (!found) continue;
      items.push({
        first: m.firstToken - 2, last: m.firstToken - 1, text: text.slice(head.start, head.end + 1), systemId: null, system: null,
        category: found.category ?? 'other', origins: [], catalogOrigin: null, hedged: false, quantity: null,
      });
      break;
    }
  }
  // Compounds of category words: the head noun names the goods ("missile frigates" are ships, "missile
  // system components" are components); the head is the last word, or the first in Romance languages. A
  // missile of a kind ("air defence missiles", "anti-tank missiles") keeps its kind.
  const modifierTokens = new Set<number>();
  items.sort((a, b) => a.first - b.first);
  for (let k = 0; k + 1 < items.length; k++) {
    const a = items[k];
    const b = items[k + 1];
    if (a.systemId || b.systemId || b.first - a.last > 2 || b.first < a.last) continue;
    const between = tokens.slice(a.last, b.first);
    if (between.some((t) => CONJUNCTIONS.has(t.key) || lex?.markers.has(t.key)) || /[,;:.()]/.test(text.slice(tokens[a.last - 1].end, tokens[b.first].start))) continue;
    const headFirst = Boolean(lex && POSTNOMINAL.has(lex.language));
    const [head, modifier] = headFirst ? [a, b] : [b, a];
    const kind = head.category === 'missile' && (modifier.category === 'air-defence' || modifier.category === 'anti-tank');
    const keep = kind ? modifier : head;
    const drop = keep === a ? b : a;
    keep.first = Math.min(a.first, b.first);
    keep.last = Math.max(a.last, b.last);
    keep.text = text.slice(tokens[keep.first].start, tokens[keep.last - 1].end);
    keep.quantity ??= drop.quantity;
    for (let t = drop.first; t < drop.last; t++) modifierTokens.add(t);
    items.splice(items.indexOf(drop), 1);
    k--;
  }
  // What new goods replace is the old inventory: "to replace its ageing C-130s", "zamjenu opreme".
  const replaced: Item[] = [];
  for (const c of cues.filter((x) => x.cues.some((q) => q.type === 'replace'))) {
    for (const item of items) {
      if (item.first < c.last || item.first - c.last > 6 || replaced.includes(item)) continue;
      // "vervangen door de F-35", "replace them with F-35s": after "by" or "with" come the new goods.
      if (tokens.slice(c.last, item.first).some((t) => lex?.markers.has(t.key))) continue;
      let broken = false;
      for (let k = c.last + 1; k <= item.first && !broken; k++) broken = breakBefore(text, tokens, k) && !/^\s*,\s*$/.test(text.slice(tokens[k - 1].end, tokens[k].start));
      if (!broken) replaced.push(item);
    }
  }
  // German and Dutch put the verb after its object: "zijn F-16's vervangen door de F-35".
  if (lex && (lex.language === 'de' || lex.language === 'nl')) {
    for (const c of cues.filter((x) => x.cues.some((q) => q.type === 'replace'))) {
      // Its object stands anywhere before it in its clause: "um die C-130 der Lockheed Martin zu ersetzen".
      for (const old of items.filter((i) => i.last <= c.first && !replaced.includes(i))) {
        let broken = false;
        for (let k = old.last; k <= c.first && !broken; k++) broken = breakBefore(text, tokens, k) && /[,;:.()]/.test(text.slice(tokens[k - 1].end, tokens[k].start));
        if (!broken) replaced.push(old);
      }
    }
  }
  // Goods attached to the goods just before them ("drones armed with guided missiles") are part of them; a
  // predicate ("the frigate will be fitted with missiles from China") attaches new goods and is left alone.
  const attachedGoods: Item[] = [];
  for (const c of has('attached')) {
    // The carrier ends right before the words, or a category word of it does ("CH-92A drones armed with").
    // A participle set off by a comma counts ("CH-92A, naoružane kineskim projektilima").
    const carried = items.some((i) => i.last <= c.first && c.first - i.last <= 1 && !/[;:.()]/.test(text.slice(tokens[i.last - 1].end, tokens[c.first].start))
      && (i.last === c.first || active.some((m) => m.role === 'category' && m.firstToken === i.last)));
    if (!carried) continue;
    for (const item of items) {
      if (item.first >= c.last && item.first - c.last <= 3 && !replaced.includes(item) && !attachedGoods.includes(item)) attachedGoods.push(item);
    }
  }
  for (const r of [...replaced, ...attachedGoods]) items.splice(items.indexOf(r), 1);
  if (lex?.definite.size) {
    for (const item of items) {
      const before = item.first - 1 >= from ? tokens[item.first - 1].key : '';
      const two = item.first - 2 >= from ? tokens[item.first - 2].key : '';
      item.definite = lex.definite.has(before) || (lex.definite.has(two) && !item.systemId);
    }
  }
  // "Weapons" says nothing more when the sentence names the goods.
  const specific = items.filter((i) => i.category !== 'other');
  const goods = specific.length ? specific : items;

  // Nationality adjectives and possessives bound to goods ("Iranian drones", "Tehran's UAVs", "Chinese-made").
  const bound = new Set<Mention>();
  for (const item of goods) {
    let k = item.first - 1;
    let skipped = 0;
    while (k >= from && skipped <= 3) {
      const m = active.find((x) => x.lastToken === k + 1 && (x.role === 'adjective'
        || ((x.role === 'country' || x.role === 'metonym') && tokens[k + 1]?.key === 's' && /['’]/.test(text.slice(x.end, tokens[k + 1].start)))));
      const possessive = m && m.lastToken !== k + 1 ? undefined : m;
      if (possessive) {
        item.origins.push(possessive.country!);
        bound.add(possessive);
        k = possessive.firstToken - 1;
        // "Iranian and Chinese weapons": more adjectives joined by a conjunction.
        while (k >= from && CONJUNCTIONS.has(tokens[k].key)) k--;
        skipped = 0;
        continue;
      }
      if (active.some((x) => x.lastToken === k + 1 && x.role !== 'adjective' && !modifierTokens.has(x.firstToken))) break;
      if (/[,.;:()]/.test(text.slice(tokens[k].end, tokens[k + 1].start)) && skipped > 0) break;
      // A preposition ends the noun phrase: in "attacchi russi con missili" the Russians own the attacks.
      if (lex?.markers.has(tokens[k].key) || CONJUNCTIONS.has(tokens[k].key)) break;
      skipped++;
      k--;
    }
  }
  // Romance languages put the nationality after the noun: "droni russi", "aviones chinos", "drones iraniens".
  if (lex && POSTNOMINAL.has(lex.language)) {
    for (const item of goods) {
      if (item.origins.length) continue;
      const adj = active.find((x) => x.role === 'adjective' && x.firstToken >= item.last && x.firstToken - item.last <= 1
        && !/[,.;:()]/.test(text.slice(tokens[item.last - 1].end, x.start)));
      if (adj?.country) { item.origins.push(adj.country); bound.add(adj); }
    }
  }
  // The possessive "s" of "Tehran's" is the token after the mention: skip it when looking for adjectives.
  for (const item of goods) {
    if (item.origins.length) continue;
    const at = item.first - 1;
    if (at > from && tokens[at].key === 's') {
      const m = active.find((x) => x.lastToken === at && (x.role === 'country' || x.role === 'metonym'));
      if (m && /['’]/.test(text.slice(m.end, tokens[at].start))) { item.origins.push(m.country!); bound.add(m); }
    }
  }
  // Coordinated goods share their adjective: "Turkish UAVs and armored vehicles", "Chinese drones (like the
  // CH-92A), air defense systems, and surveillance tech". An example in parentheses does not break the list.
  goods.sort((a, b) => a.first - b.first);
  for (let k = 1; k < goods.length; k++) {
    if (goods[k].origins.length) continue;
    for (let j = k - 1; j >= 0; j--) {
      const between = text.slice(tokens[goods[j].last - 1].end, tokens[goods[k].first].start).replace(/\([^()]*\)/g, '');
      const listed = coordinated(text, tokens, goods[j].last, goods[k].first) || /^[\s)]*,?\s*((and|or|en|und|et|i|и|y|e|ve|dhe)\s+)?$/.test(between);
      if (!listed) break;
      if (goods[j].origins.length) { goods[k].origins = [...goods[j].origins]; break; }
      const inParens = text.lastIndexOf('(', tokens[goods[j].first].start) > text.lastIndexOf(')', tokens[goods[j].first].start);
      if (!inParens) break;
    }
  }
  // A hedge right before an item hedges that item only ("possibly ballistic missiles").
  const itemHedges = new Set<CueMatch>();
  for (const c of has('hedge')) {
    const item = goods.find((i) => i.first - c.last >= 0 && i.first - c.last <= 1);
    if (item) { item.hedged = true; itemHedges.add(c); }
  }

  // Parties. Sources are not parties: "according to the German broadcaster ZDF, Russia bought drones".
  const ranges = attributionRanges(text, tokens, has, from, to);
  // A report that rests on a news outlet or a think tank ("according to TASS", "selon Le Monde") is
  // second-hand: hedged. A government, a minister or an unnamed speaker is not enough to say so ("according
  // to him", "Blaszczak said, quoted by the website").
  const outlet = (m: Mention) => m.role === 'organisation' && SOURCE_KINDS.has(kb.entity(m.entity)?.kind ?? '');
  const secondHand = ranges.filter((r) => r.cue && active.some((m) => m.firstToken >= r.from && m.firstToken < r.to && outlet(m)));
  const attributed: Mention[] = [];
  const parties: Party[] = [];
  for (const m of active) {
    if (bound.has(m) || !m.country) continue;
    if (ranges.some((r) => m.firstToken >= r.from && m.firstToken < r.to && (!r.nameOnly || m.role === 'adjective' || m.role === 'organisation'))) {
      attributed.push(m);
      continue;
    }
    let weak = false;
    if (m.role === 'organisation') {
      const e = kb.entity(m.entity)!;
      if (!e.kind || !PARTY_ORG_KINDS.has(e.kind)) continue;
    } else if (m.role === 'adjective' || m.role === 'person') {
      weak = true;
    } else if (m.role !== 'country' && m.role !== 'metonym') continue;
    const before = m.firstToken - 1 >= from ? tokens[m.firstToken - 1] : undefined;
    const after = m.lastToken < to ? tokens[m.lastToken] : undefined;
    // A marker opening the sentence ("With Albania and Kosovo filling their arsenals, ...") starts a clause;
    // it does not make a partner.
    let markerKey = before && m.firstToken - 1 > from ? before.key : undefined;
    let marker = markerKey ? lex?.markers.get(markerKey)?.[0] : undefined;
    // "to the Kremlin", "od koncernu Hyundai Rotem", "from the Danish navy": up to two plain words may stand
    // between a marker and the name, if nothing else (a comma, another name) does.
    for (let back = 2; !marker && back <= 3 && m.firstToken - back >= from; back++) {
      const words = tokens.slice(m.firstToken - back + 1, m.firstToken);
      // A short word (an article) may follow the marker; one further in is a preposition of its own.
      if (words.some((w, k) => w.upper || w.digit || w.end - w.start > 12 || (k > 0 && w.end - w.start <= 3))
        || /[,.;:()]/.test(text.slice(tokens[m.firstToken - back].end, m.start))) break;
      if (active.some((x) => x.lastToken > m.firstToken - back && x.firstToken < m.firstToken)) break;
      markerKey = tokens[m.firstToken - back].key;
      marker = lex?.markers.get(markerKey)?.[0];
      // A transfer word in between takes a "from" or "with" itself: in "у відправленні Україні" ("in the
      // sending to Ukraine") the "у" belongs to "sending", and the name's own case says what it is. ("to
      // supply Tehran" still reads as to Tehran: the infinitive's object is the one supplied.)
      if (marker && marker !== 'recipient' && has('transfer').some((c) => c.first < m.firstToken && c.last > m.firstToken - back + 1)) {
        marker = undefined;
        break;
      }
    }
    // Turkish case suffixes after an apostrophe: "Türkiye'den".
    if (!marker && after && /^['’]$/.test(text.slice(m.end, after.start))) { markerKey = after.key; marker = lex?.markers.get(after.key)?.[0]; }
    const industry = m.role === 'organisation' && INDUSTRY_KINDS.has(kb.entity(m.entity)?.kind ?? '');
    // "were in Italy to finalise the purchase": a country after "in" is where something happens.
    const locative = !marker && m.role === 'country' && before !== undefined && m.firstToken - 1 > from && (lex?.locatives.has(before.key) ?? false);
    // Italian "da", Spanish "de": a passive's "by" that is also "from".
    const fromToo = marker === 'agent' && markerKey !== undefined && (lex?.sources.has(markerKey) ?? false);
    parties.push({ country: m.country, first: m.firstToken, last: m.lastToken, mention: m, marker, weak, group: parties.length, industry, locative, fromToo });
  }
  const joinedByComma = new Set<number>();
  for (let k = 1; k < parties.length; k++) {
    if (coordinated(text, tokens, parties[k - 1].last, parties[k].first)) {
      parties[k].group = parties[k - 1].group;
      if (commaOnly(text, tokens, parties[k - 1].last, parties[k].first)) joinedByComma.add(k);
    }
  }
  // "Albania, Kosovo and Serbia" is a list; "По оценке Сеула, Пхеньян ..." is two clauses: a group joined
  // only by commas, with no conjunction before its last member, is split. Three or more names in a row
  // joined by commas are a list all the same (its last member may be a name the catalog does not know).
  for (const k of joinedByComma) {
    const group = parties.filter((p) => p.group === parties[k].group);
    const last = group[group.length - 1];
    const lastIndex = parties.indexOf(last);
    if (group.length < 3 && (lastIndex === k || joinedByComma.has(lastIndex))) {
      for (const p of group) if (parties.indexOf(p) >= k) p.group = k + 1000;
    }
  }
  // A marker in front of a list covers the list: "from Iran, China, and Russia"; a case suffix at its end
  // covers it too: "Katar ve Umman'dan".
  for (let k = 1; k < parties.length; k++) {
    if (parties[k].group === parties[k - 1].group) parties[k].marker ??= parties[k - 1].marker;
  }
  for (let k = parties.length - 2; k >= 0; k--) {
    const next = parties[k + 1];
    const suffixed = next.marker && /^['’]$/.test(text.slice(next.mention.end, tokens[next.last]?.start ?? next.mention.end));
    if (parties[k].group === next.group && suffixed) parties[k].marker ??= next.marker;
  }

  // The maker or seller of goods being replaced ("seus quatro C-130 da americana Lockheed Martin") is no side
  // of the new purchase.
  for (const old of replaced) {
    for (const p of parties) {
      if (p.first < old.last || p.first - old.last > 4) continue;
      let broken = false;
      for (let k = old.last; k <= p.first && !broken; k++) broken = k > old.last - 1 && k < to && breakBefore(text, tokens, k);
      if (!broken) p.ofReplaced = true;
    }
  }

  // Appositions: a party inside commas that open right after another party describes that party.
  for (const p of parties) {
    let open = -1;
    for (let k = p.first; k > from && k > p.first - 10; k--) if (breakBefore(text, tokens, k)) { open = k; break; }
    if (open < 0 || !/^\s*[,(]/.test(text.slice(tokens[open - 1].end, tokens[open].start))) continue;
    if (!parties.some((q) => q !== p && !q.marker && q.last === open)) continue;
    for (let k = p.last; k < to && k < open + 14; k++) {
      if (breakBefore(text, tokens, k)) { p.aside = /^\s*[,)]/.test(text.slice(tokens[k - 1].end, tokens[k].start)); break; }
    }
  }

  // Places of use and targets: a name up to three words after "war", "for use in", "against" (and the
  // names coordinated with it) is where the goods serve, not who trades them. Goods named there are places
  // that share a name with a system ("la guerre au Tigré").
  const placedGoods: Item[] = [];
  for (const c of has('conflict')) {
    let first: Party | undefined;
    for (let k = c.last; k < Math.min(to, c.last + 4); k++) {
      if (k > c.last && breakBefore(text, tokens, k)) break;
      first = parties.find((p) => p.first === k);
      if (first) break;
      // A system's name that is also a place ("la guerre au Tigré"); goods right after "against" are what
      // the system protects from ("Schutz gegen Drohnen"), unless "with" says they are the means.
      const item = goods.find((g) => g.first === k && ((g.systemId && !/\p{Lu}{2}|\d/u.test(g.text))
        || (k - c.last <= 2 && !tokens.slice(c.last, k).some((t) => lex?.markers.get(t.key)?.includes('partner')))));
      if (item) { placedGoods.push(item); break; }
    }
    if (first) for (const p of parties) if (p.group === first.group) p.place = true;
  }
  for (const g of placedGoods) goods.splice(goods.indexOf(g), 1);
  // Parts "for" goods: "components for drones and missiles", "двигатели для Shahed": the goods after the
  // marker say what the parts are for; the parts are what changes hands.
  goods.sort((a, b) => a.first - b.first);
  for (let k = 0; k < goods.length; k++) {
    const part = goods[k];
    if (part.category !== 'components') continue;
    const next = goods[k + 1];
    if (!next || next.first - part.last > 2 || !tokens.slice(part.last, next.first).some((t) => lex?.markers.get(t.key)?.includes('recipient'))) continue;
    let j = k + 1;
    while (j < goods.length && (j === k + 1 || coordinated(text, tokens, goods[j - 1].last, goods[j].first))) j++;
    goods.splice(k + 1, j - k - 1);
  }
  // Spare parts and components listed beside named goods are the package's contents, not a deal of their
  // own ("the order covers tanks, spare parts and a logistics package").
  if (goods.some((g) => g.category !== 'components' && g.category !== 'other')) {
    for (const g of goods.filter((x) => x.category === 'components' && !x.systemId)) goods.splice(goods.indexOf(g), 1);
  }

  // Transfer cue chains: "agreed to supply", "signed a contract to buy" read as one.
  const chains: Chain[] = [];
  const negations = has('negation');
  for (const c of has('transfer')) {
    const transfer = c.cues.filter((q): q is Extract<typeof q, { type: 'transfer' }> => q.type === 'transfer');
    const role = transfer.find((q) => q.role !== 'none')?.role ?? 'none';
    const status = transfer.map((q) => q.status).sort((a, b) => STATUS_ORDER[a] - STATUS_ORDER[b])[0];
    const use = transfer.every((q) => q.use) ? (transfer.some((q) => q.use === 'operate') ? 'operate' : 'event') : undefined;
    // A use word next to the goods is an adjective: "32 used F-16s", "F-16 usados", "używane myśliwce".
    const postnominal = Boolean(lex && POSTNOMINAL.has(lex.language));
    if (use && goods.some((g) => g.first === c.last || (postnominal && g.last === c.first))) continue;
    if (use && ((c.last < to && tokens[c.last].digit) || (c.first > from && tokens[c.first - 1].digit))) continue;
    const prev = chains[chains.length - 1];
    const between = prev ? c.first - prev.last : Infinity;
    const blocked = prev && (parties.some((p) => p.first >= prev.last && p.last <= c.first) || goods.some((i) => i.first >= prev.last && i.last <= c.first)
      || /[,;:()]/.test(gapText(text, tokens, prev.last - 1, c.first)));
    if (prev && between <= 3 && !blocked) {
      prev.last = c.last;
      // The later word sets the role ("agreed to supply", "signed a contract to buy"), except a delivery
      // after a receiving verb: that is what was received ("received the first shipment of ...").
      const received = prev.role === 'recipient' && prev.status === 'delivered' && role === 'supplier' && status === 'delivered';
      if (role !== 'none' && !received) prev.role = role;
      if (STATUS_ORDER[status] < STATUS_ORDER[prev.status]) prev.status = status;
      prev.use = prev.use && use ? (prev.use === 'operate' || use === 'operate' ? 'operate' : 'event') : undefined;
      prev.cues.push(c.text);
      continue;
    }
    chains.push({ first: c.first, last: c.last, role, status, cues: [c.text], negated: false, use });
  }
  for (const chain of chains) {
    chain.negated = negations.some((n) => n.last <= chain.first && chain.first - n.last <= 3);
  }
  const words = (type: string, skip?: Set<CueMatch>) => has(type).filter((c) => !skip?.has(c)).map((c) => c.text);
  // Reported speech puts the future in the conditional: "Poland said it would buy", "zei dat het zou
  // kopen", "sagte, man würde kaufen". Right after a reporting verb, "would" is a plan, not a scenario.
  const reportedFuture = has('hypothetical').filter((c) => REPORTED_FUTURE.has(c.text.toLowerCase())
    && has('report').some((r) => r.last <= c.first && c.first - r.last <= 3));
  const hedgeMatches = new Set(has('hedge'));
  const flags = {
    hedge: [...words('hedge', itemHedges), ...secondHand.filter((r) => !has('hedge').some((h) => h.start === r.cue!.start)).map((r) => r.cue!.text)],
    negation: words('negation'),
    denial: words('denial'),
    cancel: words('cancel'),
    // A word that is both a hedge and a conditional ("zou") reads as a hedge.
    hypothetical: has('hypothetical').filter((c) => !hedgeMatches.has(c) && !reportedFuture.includes(c)).map((c) => c.text),
    future: [...words('future'), ...reportedFuture.map((c) => c.text)],
  };
  return { index, start, end, from, to, parties, items: goods, chains, cues, mentions: active, flags, has, attributed, replaced, attached: attachedGoods, language: lex?.language };
}

/** Conditional auxiliaries that, after a reporting verb, state a future in the past. */
const REPORTED_FUTURE = new Set(['would', 'zou', 'zouden', 'würde', 'würden']);

/** The separable verbs whose stem the sentence holds: one lookup per word instead of one per verb. */
function separableIn(lex: CompiledLexicon, tokens: Token[], from: number, to: number): CompiledLexicon['separable'] {
  let out: CompiledLexicon['separable'] | undefined;
  for (let k = from; k < to; k++) {
    const found = lex.separableByStem.get(tokens[k].key);
    if (found) for (const sep of found) if (!(out ??= []).includes(sep)) out.push(sep);
  }
  return out ?? [];
}

/** Token ranges that name a source. `nameOnly`: only adjectives and organisations in it are the source. */
interface AttributionRange { from: number; to: number; nameOnly: boolean; cue?: CueMatch }

const CLAUSE_BREAK = /[,;:.!?()«»"“”„]|\s[–—-]\s/;

/** True when a clause break stands between token k-1 and token k. Most gaps are a space or a hyphen, which
 *  the tokenizer has already classified: only wider gaps are read. */
export function breakBefore(text: string, tokens: Token[], k: number): boolean {
  const gap = tokens[k].gap;
  if (gap === Gap.Joined || gap === Gap.Hyphen) return false;
  if (gap === Gap.Spaced) {
    const at = tokens[k - 1].end;
    return text.charCodeAt(at) === 46 || (at + 1 < tokens[k].start && text.charCodeAt(at + 1) === 46);
  }
  return CLAUSE_BREAK.test(text.slice(tokens[k - 1].end, tokens[k].start));
}

/**
 * Where a sentence names its source. After "according to" (and its kin) the source runs to the next clause
 * break: "According to the German broadcaster ZDF, Russia bought ..."; with no break close by ("Laut Spiegel
 * hat Russland ..."), only the adjectives and organisations right after it are the source, so a country
 * named as the subject stays a party. Postposed words ("der Zeitung zufolge", "Reuters'a göre") take the
 * words before them back to a break. A closing clause that only reports ("…, the Turkish minister said")
 * names its speaker, not a party.
 */
function attributionRanges(text: string, tokens: Token[], has: (type: string) => CueMatch[], from: number, to: number): AttributionRange[] {
  const out: AttributionRange[] = [];
  for (const c of has('attribution')) {
    let end = -1;
    for (let k = c.last; k < Math.min(to, c.last + 9); k++) if (k > c.last && breakBefore(text, tokens, k)) { end = k; break; }
    if (end < 0 && c.last + 9 >= to) end = to;
    out.push(end > 0 ? { from: c.last, to: end, nameOnly: false, cue: c } : { from: c.last, to: Math.min(to, c.last + 4), nameOnly: true, cue: c });
  }
  for (const c of has('attribution-post')) {
    let start = Math.max(from, c.first - 8);
    for (let k = c.first - 1; k > start; k--) if (breakBefore(text, tokens, k)) { start = k; break; }
    out.push({ from: start, to: c.first, nameOnly: false, cue: c });
  }
  // The closing clause after the last comma, when it reports and does nothing else.
  let last = -1;
  // A sentence of punctuation alone has no tokens to look between.
  const comma = to - from > 1 ? text.lastIndexOf(',', tokens[to - 1].start) : -1;
  if (comma >= 0 && comma > tokens[from].end) for (let k = to - 1; k > from; k--) if (tokens[k - 1].end <= comma) { last = k; break; }
  if (last > 0 && to - last <= 10) {
    const inTail = (c: CueMatch) => c.first >= last;
    if ((has('report').some(inTail) || has('attribution').some(inTail)) && !has('transfer').some(inTail)) out.push({ from: last, to, nameOnly: false });
  }
  return out;
}
