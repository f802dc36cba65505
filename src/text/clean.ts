/**
 * Removes scraping debris (photo credits, captions, share lines, author boxes, "Check Also" footers) from an
 * article's text without losing it: every removed piece is kept as a `RemovedSpan` with the reason and the
 * offset in the cleaned text where it stood. Also lists the sources an article cites in parentheses.
 * The rules are data: `data/lexicon/debris.json`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../kb/catalog.js';
import { parseLooseDate } from './dates.js';

export interface RemovedSpan {
  /** Offset in the cleaned text where the removed text stood. */
  at: number;
  text: string;
  reason: string;
}

export interface CitedSource {
  outlet: string;
  /** `YYYY-MM-DD`, or `--MM-DD` when the citation gives no year. */
  date: string | null;
  /** The span of the whole citation in the cleaned text. */
  start: number;
  end: number;
}

export interface CleanResult {
  text: string;
  removed: RemovedSpan[];
  cited: CitedSource[];
}

interface Rule { reason: string; pattern: RegExp; follow?: number }
interface Rules { line: Rule[]; block: Rule[]; tail: Rule[]; credit: Rule[] }

/** Longest line (characters) still read as a photo caption when it ends in a credit. */
const CAPTION_MAX = 240;

let rules: Rules | undefined;
function loadRules(): Rules {
  if (rules) return rules;
  const raw = JSON.parse(readFileSync(join(DATA_DIR, 'lexicon', 'debris.json'), 'utf8')) as
    Record<keyof Rules, { reason: string; pattern: string; follow?: number }[]>;
  const compile = (list: { reason: string; pattern: string; follow?: number }[]) =>
    list.map((r) => ({ reason: r.reason, follow: r.follow, pattern: new RegExp(r.pattern, 'iu') }));
  rules = { line: compile(raw.line), block: compile(raw.block), tail: compile(raw.tail), credit: compile(raw.credit) };
  return rules;
}

/** Normalises line ends, odd spaces and invisible characters before anything else looks at the text. */
export function normaliseWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00a0\u2007\u202f\u2000-\u200a]/g, ' ')
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/[ \t]+\n/g, '\n');
}

/**
 * Cleans one article body.
 * @example cleanText('Photo: Reuters\n\nIran sent drones.').text // 'Iran sent drones.'
 */
export function cleanText(input: string): CleanResult {
  const r = loadRules();
  const lines = normaliseWhitespace(input).split('\n');
  const kept: string[] = [];
  const removed: RemovedSpan[] = [];
  let length = 0; // length of kept text so far, joined by '\n'
  const offset = () => (kept.length ? length + 1 : 0);
  const remove = (text: string, reason: string) => { if (text.trim()) removed.push({ at: Math.min(offset(), length), text, reason }); };
  const keep = (line: string) => { length += (kept.length ? 1 : 0) + line.length; kept.push(line); };
  let previous = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trim();
    if (!trimmed) {
      // Blank lines separate paragraphs; runs of them fold into one so offsets stay exact.
      if (kept.length && kept[kept.length - 1] !== '') keep('');
      continue;
    }
    const tail = r.tail.find((rule) => rule.pattern.test(trimmed));
    if (tail) { remove(lines.slice(i).join('\n'), tail.reason); break; }
    const block = r.block.find((rule) => rule.pattern.test(trimmed));
    if (block) {
      let follow = block.follow ?? 1;
      const taken = [line];
      while (follow > 0 && i + 1 < lines.length) {
        i++;
        taken.push(lines[i]);
        if (lines[i].trim()) follow--;
      }
      remove(taken.join('\n'), block.reason);
      continue;
    }
    const lineRule = r.line.find((rule) => rule.pattern.test(trimmed));
    if (lineRule) { remove(line, lineRule.reason); continue; }
    if (trimmed === previous) { remove(line, 'repeated-line'); continue; }
    const credit = r.credit.map((rule) => ({ rule, m: rule.pattern.exec(trimmed) })).find((c) => c.m);
    if (credit?.m) {
      const rest = trimmed.slice(0, credit.m.index).trimEnd();
      // A short line ending in a credit is a photo caption: it goes whole, as captions repeat the story. A
      // paragraph that merely ends in a credit (feed summaries do) keeps its text and loses the credit.
      if (rest.length <= CAPTION_MAX) { remove(line, 'caption'); continue; }
      previous = rest;
      keep(rest);
      removed.push({ at: length, text: trimmed.slice(credit.m.index).trim(), reason: credit.rule.reason });
      continue;
    }
    previous = trimmed;
    keep(line);
  }
  while (kept.length && kept[kept.length - 1] === '') kept.pop();
  const text = kept.join('\n');
  for (const span of removed) span.at = Math.min(span.at, text.length);
  return { text, removed, cited: findCitations(text) };
}

// "(Balkan Insight, October 19)", "(kryeministria.com, September 7, 2022)", "(Hetq, October 20; News.am, November 22)"
const CITATION = /\(([^()]{2,160})\)/g;
const CITED_ITEM = /^\s*([^,;]{2,60}?),\s*([^;]{3,40}?)\s*$/;

/** Lists the outlets an article cites in parentheses, with the date each citation gives. */
export function findCitations(text: string): CitedSource[] {
  const out: CitedSource[] = [];
  for (const m of text.matchAll(CITATION)) {
    for (const part of m[1].split(';')) {
      const item = CITED_ITEM.exec(part);
      if (!item) continue;
      const date = parseLooseDate(item[2]);
      if (!date) continue;
      const outlet = item[1].trim();
      if (!/\p{L}/u.test(outlet) || outlet.split(/\s+/).length > 6) continue;
      out.push({ outlet, date, start: m.index!, end: m.index! + m[0].length });
    }
  }
  return out;
}
