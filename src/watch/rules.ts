/**
 * Watch rules: what an analyst wants to hear about, written in YAML. Each rule is a conjunction of
 * conditions on a transfer (parties or blocs, goods, status, a status change, a supplier new to the
 * recipient, hedging, confidence, corroboration, keywords); a list field matches when any of its values
 * does. A file is checked whole before anything runs: every problem is reported as `file:line: field:
 * reason`, the line being where the offending value (or the rule missing it) is written.
 *
 * @example
 * rules:
 *   - id: serbia-non-nato
 *     recipient: RS
 *     supplier_not: NATO
 */
import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { z } from 'zod';
import { RuleFileError, ValidationError } from '../errors.js';

export { RuleFileError };
import { CATEGORIES, TRANSFER_STATUSES } from '../kb/schema.js';
import type { Catalog } from '../kb/catalog.js';

/** One or several values: `supplier: RU` and `supplier: [RU, BY]` are both written. */
const some = <T extends z.ZodTypeAny>(item: T) => z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item).min(1));
const party = z.string().min(2, 'a country code (RS) or a bloc (NATO)');
const status = z.enum(TRANSFER_STATUSES);

export const RuleSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes'),
  description: z.string().optional(),
  supplier: some(party).optional(),
  supplier_not: some(party).optional(),
  recipient: some(party).optional(),
  recipient_not: some(party).optional(),
  /** Either side. */
  country: some(party).optional(),
  category: some(z.enum(CATEGORIES)).optional(),
  /** Catalog ids (`system:fk-3`, or `fk-3`) or designations as written. */
  system: some(z.string().min(1)).optional(),
  status: some(status).optional(),
  /** A record whose reported status moves, e.g. from `agreed` to `delivered`. */
  status_change: z.object({ from: some(status).optional(), to: some(status) }).strict().optional(),
  /** A supplier never seen before for the recipient, in the store or the reference data. */
  new_supplier: z.boolean().optional(),
  /** `hedged`: only reports that hedge ("reportedly"); `confirmed`: only those that do not. */
  reporting: z.enum(['hedged', 'confirmed', 'any']).optional(),
  min_confidence: z.number().min(0).max(1).optional(),
  /** Distinct publishers of the transfer record the event belongs to. */
  min_corroboration: z.number().int().min(1).optional(),
  /** Any of these words in the evidence sentence or the title, in any script or accent. */
  keywords: some(z.string().min(1)).optional(),
}).strict();

export type RuleInput = z.infer<typeof RuleSchema>;

const FileSchema = z.object({ rules: z.array(RuleSchema).min(1, 'at least one rule') }).strict();

/** A party condition resolved against the catalog: countries by code, blocs with their membership. */
export interface PartySet {
  /** As written, for messages. */
  written: string[];
  countries: Set<string>;
  blocs: { id: string; name: string; members: { country: string; from?: string | null; to?: string | null }[] }[];
}

export interface Rule extends Omit<RuleInput, 'supplier' | 'supplier_not' | 'recipient' | 'recipient_not' | 'country'> {
  supplier?: PartySet;
  supplier_not?: PartySet;
  recipient?: PartySet;
  recipient_not?: PartySet;
  country?: PartySet;
  /** Where the rule was read from: `rules.yaml:4`. */
  source: string;
}

const PARTY_FIELDS = ['supplier', 'supplier_not', 'recipient', 'recipient_not', 'country'] as const;

/** The line of the value at `path`, or of the nearest ancestor written in the file. */
function lineOf(doc: Document, counter: LineCounter, path: (string | number)[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

function fieldName(path: (string | number | symbol)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(file)';
}

function resolveParties(values: string[], catalog: Catalog): { set?: PartySet; unknown: string[] } {
  const set: PartySet = { written: values, countries: new Set(), blocs: [] };
  const unknown: string[] = [];
  const blocs = [...catalog.entities.values()].filter((e) => e.type === 'bloc');
  for (const value of values) {
    const upper = value.toUpperCase();
    if (/^[A-Z]{2}$/.test(upper) && catalog.entities.has(`country:${upper}`)) { set.countries.add(upper); continue; }
    const id = value.toLowerCase().replace(/^bloc:/, '');
    const bloc = blocs.find((b) => b.id === `bloc:${id}` || b.name.toLowerCase() === value.toLowerCase());
    if (bloc) set.blocs.push({ id: bloc.id, name: bloc.name, members: bloc.members ?? [] });
    else unknown.push(value);
  }
  return { set, unknown };
}

/**
 * Parses and checks a rules file's text. Throws one `RuleFileError` listing every problem.
 * @example parseRules('rules:\n  - id: armenia-new\n    recipient: AM\n    new_supplier: true\n', 'rules.yaml', catalog)[0].source // 'rules.yaml:2'
 */
export function parseRules(text: string, file: string, catalog: Catalog): Rule[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const problems: RuleFileError['problems'] = [];
  for (const e of doc.errors) problems.push({ file, line: counter.linePos(e.pos[0]).line, field: '(syntax)', message: e.message.split('\n')[0] });
  if (problems.length) throw new RuleFileError(problems);
  const parsed = FileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path as (string | number)[];
      const keys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [];
      // A single value written without brackets is checked as a list of one: its error names the field.
      const written = keys.length || isNode(doc.getIn(path, true)) ? path : path.filter((p, i) => !(typeof p === 'number' && i === path.length - 1));
      const field = keys.length ? fieldName([...path, keys[0]]) : fieldName(written);
      problems.push({ file, line: lineOf(doc, counter, keys.length ? [...path, keys[0]] : path), field, message: keys.length ? `unknown field (${keys.join(', ')})` : issue.message });
    }
    throw new RuleFileError(problems);
  }
  const seen = new Map<string, number>();
  const rules: Rule[] = parsed.data.rules.map((input, i) => {
    const line = lineOf(doc, counter, ['rules', i]);
    if (seen.has(input.id)) problems.push({ file, line: lineOf(doc, counter, ['rules', i, 'id']), field: `rules[${i}].id`, message: `"${input.id}" is already the id of the rule on line ${seen.get(input.id)}` });
    seen.set(input.id, line);
    const rule: Rule = { ...input, supplier: undefined, supplier_not: undefined, recipient: undefined, recipient_not: undefined, country: undefined, source: `${file}:${line}` };
    for (const key of PARTY_FIELDS) {
      const values = input[key];
      if (!values) continue;
      const { set, unknown } = resolveParties(values, catalog);
      unknown.forEach((value) => {
        const at = values.indexOf(value);
        const path = doc.getIn(['rules', i, key], true) && isNode(doc.getIn(['rules', i, key, at], true)) ? ['rules', i, key, at] : ['rules', i, key];
        problems.push({ file, line: lineOf(doc, counter, path), field: `rules[${i}].${key}`, message: `"${value}" is neither a country code in the catalog nor a bloc (${catalogBlocs(catalog)})` });
      });
      rule[key] = set;
    }
    if (input.new_supplier && !input.recipient && !input.country) {
      problems.push({ file, line, field: `rules[${i}].new_supplier`, message: 'needs a recipient (or country) to be new to' });
    }
    return rule;
  });
  if (problems.length) throw new RuleFileError(problems);
  return rules;
}

function catalogBlocs(catalog: Catalog): string {
  return [...catalog.entities.values()].filter((e) => e.type === 'bloc').map((e) => e.name).sort().join(', ');
}

/** Reads and checks a rules file. */
export function loadRules(path: string, catalog: Catalog): Rule[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ValidationError(`${path}: cannot read the rules file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { file: path }, { cause: error });
  }
  return parseRules(text, path, catalog);
}
