/**
 * What the document loop gives the production and cooperation rules beyond the shared sentence context:
 * the language's lexicon (for word lists that are not cues, such as locative prepositions) and catalog
 * lookups (a bloc's members, a place's coordinates). Optional, so a rule can run on a bare context in tests.
 */
import type { CompiledLexicon } from './lexicon.js';
import type { SentenceContext } from './transfers.js';
import type { EventInput } from './types.js';

export interface RuleContext extends SentenceContext {
  lexicon?: CompiledLexicon;
  /** Member countries of a bloc entity (`bloc:aukus` → AU, GB, US). */
  membersOf?(entity: string): string[];
  /** The catalog kind of a place entity (`city`, `region`, `economic-zone`, ...). */
  placeKind?(entity: string): string | null;
  /** The catalog kind of an organisation (`media`, `manufacturer`, `ministry`, ...). */
  organisationKind?(entity: string): string | null;
  /** The transfers this sentence states, read before production ("delivers Strykers ... to be assembled"). */
  transfers?: EventInput[];
  /** Every country the document names (not through a system's designer): what the text itself says. */
  documentCountries?: Set<string>;
}

/**
 * Token index where the clause holding `at` ends: the first comma, semicolon, colon or dash after it. A
 * parenthesis is an aside ("the Royal Air Force (RAF) and ..."), and a comma right after one closes the
 * aside rather than the clause.
 */
export function clauseEnd(ctx: SentenceContext, at: number): number {
  const { tokens, sentence: s } = ctx;
  for (let k = at; k + 1 < s.to; k++) {
    const gap = ctx.text.slice(tokens[k].end, tokens[k + 1].start);
    if (/[;:–—]/.test(gap) || (gap.includes(',') && !/^\)/.test(gap.trim()))) return k + 1;
  }
  return s.to;
}

/** Token index where the clause holding `at` starts: after the last semicolon or colon before it. */
export function clauseStart(ctx: SentenceContext, at: number): number {
  const { tokens, sentence: s } = ctx;
  for (let k = at - 1; k > s.from; k--) if (/[;:]/.test(ctx.text.slice(tokens[k - 1].end, tokens[k].start))) return k;
  return s.from;
}

