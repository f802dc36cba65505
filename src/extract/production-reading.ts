/**
 * What production rules read around a production word: whether a name is the place of production ("in
 * Russia", "em Portugal", "Ukrayna’da"), whether the word only says where goods come from ("produced by
 * Norinco"), whether a separable particle makes it another verb ("baut ... auf"), and a nationality on a
 * design word ("British designs").
 */
import type { Mention } from '../kb/recognise.js';
import type { CueMatch } from './lexicon.js';
import { CONJUNCTIONS, type Item } from './sentence.js';
import type { RuleContext } from './context.js';

// Facility nouns ("factory", "productielijn", "завод"): named alone, they describe a site, planned unless
// said to run.
export const FACILITY = /fabri|factor|plant|facilit|zavod|завод|tvorni|usine|site|centre|center|centrum|line|lini|ligne|lijn|línea|linha|hatt|лини|ліні|werk|fábrica|impiant|uzin|tesis/i;

/** Keys of the locative words of the language ("in", "em", "във"); "-da" marks a case suffix. */
const locativeCache = new WeakMap<object, { words: Set<string>; suffixes: Set<string> }>();
function locatives(ctx: RuleContext): { words: Set<string>; suffixes: Set<string> } {
  const cached = ctx.lexicon && locativeCache.get(ctx.lexicon);
  if (cached) return cached;
  const forms = ctx.lexicon?.raw.production.locative ?? [];
  const key = (f: string) => f.replace(/^-/, '').toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const out = { words: new Set(forms.filter((f) => !f.startsWith('-')).map(key)), suffixes: new Set(forms.filter((f) => f.startsWith('-')).map(key)) };
  if (ctx.lexicon) locativeCache.set(ctx.lexicon, out);
  return out;
}

/** True when a locative word stands right before the mention ("in Russia", "em Portugal", "In Zuid-Duitsland"). */
export function isLocative(ctx: RuleContext, m: { firstToken: number; lastToken: number; start: number; end: number }): boolean {
  const { tokens, text } = ctx;
  const { words, suffixes } = locatives(ctx);
  for (let k = m.firstToken - 1, hops = 0; k >= ctx.sentence.from && hops < 3; k--, hops++) {
    const t = tokens[k];
    const fold = t.key.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    if (words.has(t.key) || words.has(fold)) return true;
    // A compass prefix joined by a hyphen ("Zuid-Duitsland") or an article ("the", "la") may stand between.
    const joined = /^-$/.test(text.slice(t.end, tokens[k + 1].start));
    if (!joined && t.end - t.start > 3) return false;
  }
  const after = tokens[m.lastToken];
  return !!after && suffixes.has(after.key) && /^['’]$/.test(text.slice(m.end, after.start));
}

/**
 * A production word that only says where goods come from, not that someone builds them:
 * - after the goods (nothing but a comma, short words or one modifier between) and tied to a maker, a
 *   nationality or a passive agent: "tanks produced by Norinco", "Caesar виробництва Nexter";
 * - a nationality next to it and no goods after it: "equipment of Soviet make", "aus deutscher Fertigung",
 *   "de fabrication turque" (where "Russian production of drones" is a production);
 * - between a transfer verb and its goods: "equipped with eight newly built submarines".
 */
export function provenance(ctx: RuleContext, cue: CueMatch, goods: Item[]): boolean {
  const s = ctx.sentence;
  const { tokens, text } = ctx;
  const inMention = (k: number) => s.mentions.some((m) => m.firstToken <= k && k < m.lastToken);
  const near = (m: Mention) => (m.lastToken <= cue.first && cue.first - m.lastToken <= 1) || (m.firstToken >= cue.last && m.firstToken - cue.last <= 2);
  // Right next to the cue, nothing between: "sovjetske proizvodnje", "de fabrication turque".
  const touching = (m: Mention) => (m.lastToken === cue.first && !/[,.;:!?]/.test(text.slice(m.end, cue.start)))
    || (m.firstToken === cue.last && !/[,.;:!?]/.test(text.slice(cue.end, m.start)));
  const nationality = s.mentions.some((m) => m.role === 'adjective' && touching(m));
  const maker = s.mentions.some((m) => (m.role === 'organisation' || m.role === 'adjective') && near(m));
  const agent = !!ctx.lexicon && cue.last < s.to && ctx.lexicon.markers.get(tokens[cue.last].key)?.[0] === 'agent';
  const goodsAfter = goods.some((i) => i.first >= cue.last && i.first - cue.last <= 2 && !/[,;:.]/.test(text.slice(tokens[cue.last - 1].end, tokens[i.first].start)));
  // "made partly in the United States" states where something is built.
  const placed = s.parties.some((p) => p.first >= cue.last && p.first - cue.last <= 3 && isLocative(ctx, p.mention))
    || s.mentions.some((m) => m.role === 'place' && m.firstToken >= cue.last && m.firstToken - cue.last <= 3 && isLocative(ctx, m));
  if (placed && !s.chains.length) return false;
  if (nationality && !goodsAfter) return true;
  const owner = goods.find((i) => {
    if (i.last > cue.first || cue.first - i.last > 3 || /[.;:!?]/.test(text.slice(tokens[i.last - 1].end, cue.start))) return false;
    const free = tokens.slice(i.last, cue.first).filter((t, j) => !inMention(i.last + j) && t.end - t.start > 3);
    return free.length <= 1;
  });
  if (owner && (maker || agent)) return true;
  // The chain's object starts after the cue: no goods and no punctuation between them.
  // Nor a party: in "agreed to help Russia build drones" the cue is a verb of its own.
  return s.chains.some((c) => c.last <= cue.first && cue.first - c.last <= 5
    && !goods.some((i) => i.first >= c.last && i.last <= cue.first) && !/[,;:.]/.test(text.slice(tokens[c.last - 1].end, cue.start))
    && !s.parties.some((p) => p.first >= c.last && p.last <= cue.first)
    && goods.some((i) => i.first >= cue.last && i.first - cue.last <= 6 && !/[.;:]/.test(text.slice(tokens[cue.last - 1].end, tokens[i.first].start))));
}

/**
 * A separable verb whose particle closes the clause is another verb: "Litauen baut eine Panzerwaffe auf"
 * (builds up a force), "bouwt zijn vloot uit" (expands), not production.
 */
export function separated(ctx: RuleContext, cue: CueMatch): boolean {
  const particles = new Set((ctx.lexicon?.raw.production.particles ?? []).map((f) => f.toLowerCase()));
  if (!particles.size || cue.last - cue.first > 1) return false;
  const { tokens, text, sentence: s } = ctx;
  // English puts it right after the verb ("building up its stock").
  if (cue.last < s.to && particles.has(tokens[cue.last].key) && ctx.lexicon?.language === 'en') return true;
  for (let j = cue.last; j < s.to; j++) {
    const closes = j + 1 >= s.to || /^[\s"'”»)]*[,.;:!?]/.test(text.slice(tokens[j].end, tokens[j + 1].start)) || CONJUNCTIONS.has(tokens[j + 1].key);
    if (closes) return particles.has(tokens[j].key);
  }
  return false;
}

/** A nationality on a design or licence word: "based on British designs", "unter russischer Lizenz". */
export function designNationality(ctx: RuleContext): string | null {
  const s = ctx.sentence;
  for (const l of s.has('licence')) {
    const adj = s.mentions.find((m) => m.role === 'adjective' && m.country
      && ((m.lastToken <= l.first && l.first - m.lastToken <= 1) || (m.firstToken >= l.last && m.firstToken - l.last <= 0)));
    if (adj) return adj.country;
  }
  return null;
}
