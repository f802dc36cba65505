/**
 * SIPRI's terms to armscope's: country names to ISO alpha-2 codes, designations to catalog systems, weapon
 * descriptions to categories, delivery numbers to a deal status. Names go through the catalog's own
 * matcher (the one that reads articles), so "Turkiye", "Viet Nam" and "Cote d'Ivoire" resolve as the
 * catalog spells them, and "TB-2" or "MiG-21MF" find the systems an article naming them would. What the
 * catalog cannot resolve stays unmapped, with its SIPRI name kept and counted (see `MappingTally`).
 *
 * The SIPRI-specific knowledge (the few names the catalog lacks, which parties are former states, the
 * category rules) is data: `data/reference/sipri.json`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CatalogError } from '../errors.js';
import { DATA_DIR } from '../kb/catalog.js';
import type { KnowledgeBase } from '../kb/recognise.js';
import { CATEGORIES, type Category } from '../kb/schema.js';
import type { SipriRow } from './sipri.js';
import type { ReferenceRecord, ReferenceStatus } from './types.js';

export const SIPRI_SOURCE = 'sipri';

const RulesSchema = z.object({
  note: z.string().optional(),
  countries: z.record(z.string(), z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code')),
  formerStates: z.array(z.string()),
  unknownParties: z.array(z.string()),
  categories: z.array(z.object({ category: z.enum(CATEGORIES), phrases: z.array(z.string().min(1)) }).strict()),
  compatible: z.array(z.array(z.enum(CATEGORIES))),
}).strict();
export type SipriRules = z.infer<typeof RulesSchema>;

/** Reads and validates `data/reference/sipri.json`. */
export function loadSipriRules(dataDir = DATA_DIR): SipriRules {
  const file = join(dataDir, 'reference', 'sipri.json');
  const parsed = RulesSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new CatalogError(`${file}: ${i.path.join('.') || '(root)'}: ${i.message}`, { file, issues: parsed.error.issues });
  }
  return parsed.data;
}

/**
 * What a SIPRI party is, when it has no code: a state the catalog has no code for because it no longer
 * exists, a non-state armed group (SIPRI marks them `*`), an international organisation (`**`), an
 * unknown party, or a name the catalog simply did not resolve.
 */
export type PartyKind = 'state' | 'former-state' | 'non-state' | 'organisation' | 'unknown' | 'unresolved';

export interface PartyMapping {
  code: string | null;
  kind: PartyKind;
}

export interface SystemMapping {
  systemId: string | null;
  /** The designation names goods only generically ("aircraft engine", "ship engine"): no system to find. */
  generic: boolean;
}

/** Counts of what an import left unmapped, by SIPRI name. */
export interface MappingTally {
  parties: Map<string, { kind: PartyKind; rows: number }>;
  designations: Map<string, number>;
  /** Rows whose designation is generic, not a named system. */
  genericRows: number;
}

export class SipriMapper {
  private readonly parties = new Map<string, PartyMapping>();
  private readonly systems = new Map<string, SystemMapping>();
  private readonly categories = new Map<string, Category>();
  private readonly former: Set<string>;
  private readonly unknown: Set<string>;
  private readonly categoryRules: { category: Category; pattern: RegExp }[];

  constructor(private readonly kb: KnowledgeBase, private readonly rules: SipriRules = loadSipriRules()) {
    this.former = new Set(rules.formerStates);
    this.unknown = new Set(rules.unknownParties);
    // Whole words only: "engine" is no "engineer", "tank" no "tanker".
    const escape = (p: string) => p.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    this.categoryRules = rules.categories.map((r) => ({ category: r.category, pattern: new RegExp(`(?<![a-z])(?:${r.phrases.map(escape).join('|')})(?![a-z])`) }));
  }

  /** Whether a catalog system of category `a` can be what SIPRI describes as `b`. */
  compatible(a: string | undefined, b: Category): boolean {
    return a === b || this.rules.compatible.some((group) => group.includes(a as Category) && group.includes(b));
  }

  /**
   * @example mapper.party('Turkiye') // { code: 'TR', kind: 'state' }
   * @example mapper.party('Soviet Union') // { code: null, kind: 'former-state' }
   */
  party(name: string): PartyMapping {
    let m = this.parties.get(name);
    if (!m) { m = this.resolveParty(name); this.parties.set(name, m); }
    return m;
  }

  private resolveParty(name: string): PartyMapping {
    if (this.rules.countries[name]) return { code: this.rules.countries[name], kind: 'state' };
    if (this.former.has(name)) return { code: null, kind: 'former-state' };
    if (this.unknown.has(name)) return { code: null, kind: 'unknown' };
    if (name.endsWith('**')) return { code: null, kind: 'organisation' };
    if (name.endsWith('*')) return { code: null, kind: 'non-state' };
    // The whole name must be one country: "Northern Cyprus" holds "Cyprus" and is not it.
    const whole = this.kb.recognise(name, { language: 'en' }).find((m) => m.type === 'country' && m.start === 0 && m.end === name.length);
    return whole ? { code: whole.entity.slice('country:'.length), kind: 'state' } : { code: null, kind: 'unresolved' };
  }

  /**
   * The catalog system a designation names: the longest system the matcher finds in it whose catalog
   * category fits SIPRI's description (`category`), so that a homonym of another kind is not taken.
   * @example mapper.system('TB-2', 'uav') // { systemId: 'system:bayraktar-tb2', generic: false }
   * @example mapper.system('T-34-85', 'armoured-vehicle') // { systemId: null, generic: false }: the catalog's T-34 is a trainer
   */
  system(designation: string, category: Category): SystemMapping {
    const key = `${designation}\n${category}`;
    let m = this.systems.get(key);
    if (!m) { m = this.resolveSystem(designation, category); this.systems.set(key, m); }
    return m;
  }

  private resolveSystem(designation: string, category: Category): SystemMapping {
    const mentions = this.kb.recognise(designation, { language: 'en' });
    const systems = mentions.filter((m) => m.type === 'system' && (m.entity.startsWith('system:generic-') || this.compatible(this.kb.entity(m.entity)?.category, category)));
    const best = systems.reduce<(typeof systems)[number] | undefined>((a, b) => (!a || b.end - b.start > a.end - a.start ? b : a), undefined);
    // Catalog entries for unnamed goods (`system:generic-aircraft-engine`) are generic, like category terms.
    if (best && !best.entity.startsWith('system:generic-')) return { systemId: best.entity, generic: false };
    return { systemId: null, generic: Boolean(best) || mentions.some((m) => m.type === 'category') };
  }

  /**
   * The armscope category of a SIPRI weapon description: the first rule with a phrase the description holds.
   * @example mapper.category('anti-submarine helicopter') // 'helicopter'
   */
  category(description: string): Category {
    let c = this.categories.get(description);
    if (!c) {
      const text = description.toLowerCase();
      c = this.categoryRules.find((r) => r.pattern.test(text))?.category ?? 'other';
      this.categories.set(description, c);
    }
    return c;
  }

  /**
   * A parsed row as a reference record. `occurrence`: how many identical rows came before it in the file
   * (the register repeats a few rows word for word), so identical rows keep distinct, stable ids.
   */
  record(row: SipriRow, occurrence = 0): ReferenceRecord {
    const supplier = this.party(row.supplier);
    const recipient = this.party(row.recipient);
    const category = this.category(row.description);
    return {
      id: rowId(row, occurrence), source: SIPRI_SOURCE, line: row.line,
      supplier: supplier.code, supplierName: row.supplier, recipient: recipient.code, recipientName: row.recipient,
      designation: row.designation, description: row.description, systemId: this.system(row.designation, category).systemId,
      category,
      orderYear: { value: row.orderYear, uncertain: row.orderYearUncertain },
      numberOrdered: { value: row.numberOrdered, uncertain: row.numberOrderedUncertain },
      numberDelivered: { value: row.numberDelivered, uncertain: row.numberDeliveredUncertain },
      deliveryYears: row.deliveryYears, status: dealStatus(row), suppliedAs: row.suppliedAs, comments: row.comments,
      tivUnit: row.tivUnit, tivTotal: row.tivTotal, tivDelivered: row.tivDelivered,
    };
  }

  /** Adds a row's unmapped names to `tally`. */
  count(tally: MappingTally, row: SipriRow): void {
    for (const name of [row.supplier, row.recipient]) {
      const p = this.party(name);
      if (p.code) continue;
      const t = tally.parties.get(name) ?? { kind: p.kind, rows: 0 };
      t.rows++;
      tally.parties.set(name, t);
    }
    const s = this.system(row.designation, this.category(row.description));
    if (s.generic) tally.genericRows++;
    else if (!s.systemId) tally.designations.set(row.designation, (tally.designations.get(row.designation) ?? 0) + 1);
  }
}

export function emptyTally(): MappingTally {
  return { parties: new Map(), designations: new Map(), genericRows: 0 };
}

/**
 * Where a deal stands by its numbers: nothing delivered, part of the order, or all of it. Deliveries
 * against an order of unknown size count as under way.
 */
export function dealStatus(row: Pick<SipriRow, 'numberOrdered' | 'numberDelivered' | 'deliveryYears'>): ReferenceStatus {
  const delivered = row.numberDelivered ?? 0;
  if (delivered === 0 && !row.deliveryYears.length) return 'ordered';
  return row.numberOrdered !== null && delivered >= row.numberOrdered ? 'delivered' : 'delivering';
}

/** Deterministic id: the row's content (not its line, which moves when rows are added above it). */
export function rowId(row: SipriRow, occurrence: number): string {
  const { line: _line, ...content } = row;
  return createHash('sha256').update(`${SIPRI_SOURCE}\n${JSON.stringify(content)}\n${occurrence}`).digest('hex').slice(0, 20);
}
