/**
 * Screening a parts file line by line: each line gets a risk level and every reason behind it, each reason
 * naming the column it comes from, what was found and the public source it rests on. The level is the
 * highest of its reasons; a few combinations raise it (a CHPL item bound for a diversion route is worse than
 * either alone), and the combination is itself a reason, so the level can always be traced.
 *
 * Levels: high (a sanctioned party, an embargoed destination, a priority item on a diversion route or with a
 * red flag); medium (a CHPL tier 1–2 item, a party listed as linked to sanctioned ones, a diversion route
 * with a red flag); low (anything else worth a look: a component class, a tier 3–4 item, a diversion
 * country, a red flag alone, a near-match below the threshold, a cell that could not be checked).
 */
import { createHash, randomUUID } from 'node:crypto';
import { loadCatalog } from '../kb/catalog.js';
import { foldWord } from '../text/normalise.js';
import { ComponentRecogniser, type ComponentHit } from './components.js';
import { countryCode, CountryRisks } from './countries.js';
import { loadChpl, screenData } from './data.js';
import { ChplIndex, parseHs } from './hs.js';
import { MatchIndex } from './match-index.js';
import { indexKey, readIndex, writeIndex } from './index-file.js';
import { DEFAULT_THRESHOLD, matchQuery, type MatchResult } from './match.js';
import { compareNames, normaliseName } from './names.js';
import type { PartLine, PartsFile } from './parts.js';
import { RISK_LEVELS, type ListVersion, type Reason, type RiskLevel, type ScreenRun } from './types.js';
import type { Store } from '../store/store.js';

/** Near-matches from this score up to the threshold are reported for review (level low). */
export const REVIEW_CUTOFF = 0.6;

export interface LineResult {
  line: number;
  values: PartLine['values'];
  level: RiskLevel;
  reasons: Reason[];
  /** The HS code normalised (digits), when it could be read. */
  hs: string | null;
  components: string[];
}

export interface ScreenReport {
  run: ScreenRun;
  file: { name: string; format: PartsFile['format']; columns: PartsFile['columns']; ignored: string[] };
  lists: ListVersion[];
  chpl: { version: string; file: string };
  threshold: number;
  lines: LineResult[];
  /** Notes on the run as a whole (no list loaded, …). */
  warnings: string[];
}

const RANK: Record<RiskLevel, number> = { high: 3, medium: 2, low: 1, none: 0 };
export const maxLevel = (a: RiskLevel, b: RiskLevel): RiskLevel => (RANK[a] >= RANK[b] ? a : b);

/**
 * The match index over every loaded list, and the versions it holds: from the disk cache when one was written
 * for these versions (`index-file.ts`), else built from the store (the versions are read again after, so a
 * reload in between is seen) and written there.
 */
export async function buildIndex(store: Store, options: { cache?: boolean } = {}): Promise<{ index: MatchIndex; versions: ListVersion[] }> {
  const cache = options.cache ?? true;
  const current = await store.listScreenLists();
  const key = cache && current.length ? indexKey(current) : undefined;
  const cached = key ? readIndex(key) : undefined;
  if (cached) return { index: cached, versions: current };
  const built = await buildFromStore(store);
  if (cache && built.versions.length) writeIndex(indexKey(built.versions), built.index);
  return built;
}

async function buildFromStore(store: Store): Promise<{ index: MatchIndex; versions: ListVersion[] }> {
  for (let attempt = 0; ; attempt++) {
    const before = await store.listScreenLists();
    const byList = new Map(before.map((v) => [v.list, v.version]));
    const index = new MatchIndex();
    for await (const e of store.screenEntities()) index.add({ ...e, version: byList.get(e.list) ?? '' });
    const after = await store.listScreenLists();
    if (JSON.stringify(after) === JSON.stringify(before) || attempt >= 2) return { index: index.finish(), versions: after };
  }
}

export interface ScreenContext {
  index: MatchIndex;
  versions: ListVersion[];
  chpl: ChplIndex;
  threshold: number;
}

/** What stays the same across the lines of a run: recognisers, tables, and a cache of party matches. */
class Screener {
  private readonly components = new ComponentRecogniser(screenData().components);
  private readonly risks = new CountryRisks(screenData().countries);
  private readonly forwarder = screenData().forwarderWords.map((w) => w.split(/\s+/).map(foldWord).join(' '));
  private readonly systemNames: Map<string, string>;
  private readonly partyCache = new Map<string, MatchResult[]>();

  constructor(private readonly ctx: ScreenContext) {
    const catalog = loadCatalog();
    this.systemNames = new Map();
    for (const ids of Object.values(screenData().systemLinks)) {
      for (const id of ids) this.systemNames.set(id, catalog.entities.get(`system:${id}`)?.name ?? id);
    }
  }

  private parties(name: string, schema: string, country: string | undefined): MatchResult[] {
    const key = `${schema}\u0000${country ?? ''}\u0000${name}`;
    let hit = this.partyCache.get(key);
    if (!hit) {
      hit = matchQuery(this.ctx.index, { schema, properties: { name: [name], ...(country ? { country: [country] } : {}) } },
        { threshold: this.ctx.threshold, cutoff: Math.min(REVIEW_CUTOFF, this.ctx.threshold), limit: 3 }).results;
      this.partyCache.set(key, hit);
    }
    return hit;
  }

  private hsReasons(value: string, reasons: Reason[]): string | null {
    if (!value) {
      reasons.push({ kind: 'hs-missing', level: 'low', field: 'hs_code', message: 'no HS code: the line could not be checked against the CHPL', details: {} });
      return null;
    }
    let hs;
    try { hs = parseHs(value); } catch {
      reasons.push({ kind: 'hs-invalid', level: 'low', field: 'hs_code', message: `HS code "${value}" is not 4, 6, 8 or 10 digits: the line could not be checked against the CHPL`, details: { value } });
      return null;
    }
    const hit = this.ctx.chpl.lookup(hs);
    if (hit) {
      const level = hit.tier.startsWith('1') || hit.tier.startsWith('2') ? 'medium' : 'low';
      reasons.push({ kind: 'chpl', level, field: 'hs_code', message: `HS ${hit.code} is on the Common High Priority List (${this.ctx.chpl.version}), tier ${hit.tier}: ${hit.label}`,
        details: { code: hit.code, tier: hit.tier, chpl: this.ctx.chpl.version, given: value } });
    } else if (!hs.subheading) {
      const under = this.ctx.chpl.underHeading(hs.heading);
      if (under.length) {
        reasons.push({ kind: 'chpl-heading', level: 'low', field: 'hs_code', message: `HS heading ${hs.heading} holds CHPL subheadings (${under.map((u) => `${u.code} tier ${u.tier}`).join(', ')}): give six digits to tell`,
          details: { heading: hs.heading, codes: under.map((u) => u.code) } });
      }
    }
    return hs.digits;
  }

  private componentReasons(description: string, reasons: Reason[]): ComponentHit[] {
    const hits = this.components.recognise(description);
    for (const h of hits) {
      const systems = (screenData().systemLinks[h.class] ?? []).map((id) => ({ id: `system:${id}`, name: this.systemNames.get(id) ?? id }));
      reasons.push({ kind: 'component', level: 'low', field: 'description',
        message: `"${h.matched}" names the component class ${h.label} (${h.language} "${h.term}"), documented in ${systems.map((s) => s.name).join(', ')}`,
        details: { class: h.class, term: h.term, language: h.language, systems } });
    }
    return hits;
  }

  private partyReasons(field: 'customer' | 'end_user' | 'manufacturer', name: string, country: string | undefined, reasons: Reason[]): void {
    if (!name) return;
    const schema = field === 'manufacturer' ? 'Company' : 'LegalEntity';
    for (const r of this.parties(name, schema, country?.toLowerCase())) {
      const listed = `${r.caption} (${r.id}, list ${r.list_version})`;
      const why = `score ${r.score}: ${r.explanation.notes.join('; ')}`;
      const details = { query: name, normalised: r.explanation.query_normalised, entity: r.id, caption: r.caption, schema: r.schema, matched_name: r.explanation.matched_name,
        score: r.score, threshold: this.ctx.threshold, features: r.features, words: r.explanation.words, topics: r.properties.topics, list: r.list, list_version: r.list_version };
      if (r.match && r.target) reasons.push({ kind: 'sanctioned-party', level: 'high', field, message: `${field} "${name}" matches sanctioned party ${listed}; ${why}`, details });
      else if (r.match) reasons.push({ kind: 'listed-party', level: 'medium', field, message: `${field} "${name}" matches ${listed}, listed as linked to sanctioned parties; ${why}`, details });
      else reasons.push({ kind: 'possible-party', level: 'low', field, message: `${field} "${name}" resembles ${r.target ? 'sanctioned party' : 'listed party'} ${listed} below the threshold; ${why}`, details });
    }
  }

  private country(field: 'customer_country' | 'ship_to_country', value: string, reasons: Reason[]): string | undefined {
    if (!value) return undefined;
    const code = countryCode(value);
    if (!code) {
      reasons.push({ kind: 'country-unknown', level: 'low', field, message: `"${value}" is not a country this screen knows: its risk could not be checked`, details: { value } });
      return undefined;
    }
    const risk = this.risks.lookup(code);
    if (risk?.risk === 'embargoed') reasons.push({ kind: 'embargoed-country', level: 'high', field, message: `${field} ${code} is under embargo: ${risk.note}`, details: { code, note: risk.note } });
    else if (risk) reasons.push({ kind: 'diversion-country', level: 'low', field, message: `${field} ${code} is a known diversion or transshipment route: ${risk.note}`, details: { code, note: risk.note } });
    return code;
  }

  private redFlags(v: PartLine['values'], customerCode: string | undefined, shipCode: string | undefined, reasons: Reason[]): void {
    if (v.end_user && v.customer) {
      const a = normaliseName(v.customer).tokens;
      const b = normaliseName(v.end_user).tokens;
      if (compareNames(a, b).score < this.ctx.threshold) {
        reasons.push({ kind: 'red-flag', level: 'low', field: 'end_user', message: `end user "${v.end_user}" is not the customer "${v.customer}"`, details: { flag: 'end-user-differs' } });
      }
    }
    if (v.end_user) {
      const words = normaliseName(v.end_user).tokens;
      const term = this.forwarder.find((f) => {
        const fw = f.split(' ');
        return words.some((_, i) => fw.every((w, k) => words[i + k]?.startsWith(w)));
      });
      if (term) reasons.push({ kind: 'red-flag', level: 'low', field: 'end_user', message: `end user "${v.end_user}" looks like a freight forwarder or logistics company ("${term}")`, details: { flag: 'forwarder-end-user', term } });
    }
    if (v.customer_address && v.ship_to_address && normaliseName(v.customer_address).text !== normaliseName(v.ship_to_address).text) {
      reasons.push({ kind: 'red-flag', level: 'low', field: 'ship_to_address', message: `ship-to address "${v.ship_to_address}" differs from the customer's address "${v.customer_address}"`, details: { flag: 'address-mismatch' } });
    }
    if (customerCode && shipCode && customerCode !== shipCode) {
      reasons.push({ kind: 'red-flag', level: 'low', field: 'ship_to_country', message: `goods ship to ${shipCode}, the customer is in ${customerCode}`, details: { flag: 'ship-to-differs', customer: customerCode, shipTo: shipCode } });
    }
  }

  line(part: PartLine): LineResult {
    const v = part.values;
    const reasons: Reason[] = [];
    const hs = this.hsReasons(v.hs_code, reasons);
    const components = this.componentReasons(v.description, reasons);
    const customerCode = this.country('customer_country', v.customer_country, reasons);
    const shipCode = this.country('ship_to_country', v.ship_to_country, reasons);
    this.partyReasons('customer', v.customer, customerCode, reasons);
    this.partyReasons('end_user', v.end_user, shipCode, reasons);
    this.partyReasons('manufacturer', v.manufacturer, undefined, reasons);
    this.redFlags(v, customerCode, shipCode, reasons);
    this.combine(reasons);
    const level = reasons.reduce<RiskLevel>((l, r) => maxLevel(l, r.level), 'none');
    return { line: part.line, values: v, level, reasons, hs, components: components.map((c) => c.class) };
  }

  /** The combinations that raise a line above its single reasons, each added as a reason of its own. */
  private combine(reasons: Reason[]): void {
    const chpl = reasons.find((r) => r.kind === 'chpl');
    const priority = chpl && chpl.level === 'medium';
    const item = chpl ?? reasons.find((r) => r.kind === 'component');
    const diversion = reasons.find((r) => r.kind === 'diversion-country');
    const flags = reasons.filter((r) => r.kind === 'red-flag');
    if (item && (diversion || flags.length)) {
      const what = chpl ? `a CHPL tier ${String(chpl.details.tier)} item` : 'a component class documented in weapons';
      const where = [diversion ? `bound for a diversion route (${String(diversion.details.code)})` : '', flags.length ? `with ${flags.length} red flag(s)` : ''].filter(Boolean).join(' and ');
      reasons.push({ kind: 'combination', level: priority ? 'high' : 'medium', field: 'line', message: `${what} ${where}`,
        details: { item: item.kind, diversion: diversion?.details.code ?? null, redFlags: flags.map((f) => f.details.flag) } });
    } else if (diversion && flags.length) {
      reasons.push({ kind: 'combination', level: 'medium', field: 'line', message: `a diversion route (${String(diversion.details.code)}) with ${flags.length} red flag(s)`,
        details: { diversion: diversion.details.code, redFlags: flags.map((f) => f.details.flag) } });
    }
  }
}

/**
 * Screens a parts file already read (`readParts`) against an index and records the run in the store.
 * @example const report = await screenParts(store, parts, bytes, { index, versions }); report.lines[0].level // 'high'
 */
export async function screenParts(store: Store, parts: PartsFile, bytes: Uint8Array,
  options: { index: MatchIndex; versions: ListVersion[]; chplFile?: string; threshold?: number }): Promise<ScreenReport> {
  const chplData = loadChpl(options.chplFile);
  const chpl = new ChplIndex(chplData);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const screener = new Screener({ index: options.index, versions: options.versions, chpl, threshold });
  const startedAt = new Date().toISOString();
  const lines = parts.lines.map((l) => screener.line(l));
  const levels = Object.fromEntries(RISK_LEVELS.map((l) => [l, lines.filter((x) => x.level === l).length])) as Record<RiskLevel, number>;
  const run: ScreenRun = {
    id: randomUUID(), file: parts.name, sha256: createHash('sha256').update(bytes).digest('hex'), startedAt, lines: lines.length, levels,
    lists: options.versions.map((v) => ({ list: v.list, version: v.version, sha256: v.sha256 })), chpl: chplData.version, threshold,
  };
  await store.addScreenRun(run);
  const warnings = options.versions.length ? [] : ['no sanctions list is loaded: parties were not screened (armscope lists load FILE)'];
  return { run, file: { name: parts.name, format: parts.format, columns: parts.columns, ignored: parts.ignored }, lists: options.versions,
    chpl: { version: chplData.version, file: chplData.file }, threshold, lines, warnings };
}
