/**
 * Right or wrong, as the scorer sees it: each exported transfer row labelled with the matching rules of
 * `../shared/eval/score.mjs` (same parties; the gold system by name or alias, case, spaces and dashes
 * ignored; else the category), so the confidence model is fitted, and its reliability measured, on the
 * very counts the evaluation prints. The scorer is a script without exports, hence this copy of its rules;
 * `npm run eval:* -- --reliability` checks that both count the same right and wrong rows.
 */

export interface GoldTransfer {
  supplier: string;
  recipient: string;
  system?: string | null;
  aliases?: string[];
  category?: string | null;
  optional?: boolean;
}

export interface GoldDocument {
  file: string;
  lang?: string;
  transfers?: GoldTransfer[];
}

/** What the scorer needs of an exported row. */
export interface ScoredRow {
  document: string;
  kind: string;
  supplier?: string | null;
  recipient?: string | null;
  system?: string | null;
  category?: string | null;
}

/**
 * - `right`: matches a required gold transfer (a true positive).
 * - `wrong`: matches nothing and restates nothing (a false positive).
 * - `restated`: repeats a gold transfer another row matched, or restates a named one at category level.
 * - `optional`: matches a gold transfer marked optional.
 * - `repeated`: the same parties and goods as an earlier row of its document (the scorer counts it once).
 * `restated`, `optional` and `repeated` rows count neither way, so they are left out of fitting.
 */
export type Label = 'right' | 'wrong' | 'restated' | 'optional' | 'repeated';

const norm = (s: unknown) => String(s ?? '').toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]/g, '');
const cc = (s: unknown) => String(s ?? '').toUpperCase();

function matches(g: GoldTransfer, p: ScoredRow): boolean {
  if (cc(g.supplier) !== cc(p.supplier) || cc(g.recipient) !== cc(p.recipient)) return false;
  if (g.system) return [g.system, ...(g.aliases ?? [])].some((n) => norm(n) !== '' && norm(n) === norm(p.system));
  return norm(g.category) === norm(p.category);
}

const restatesNamed = (golds: GoldTransfer[], p: ScoredRow) => !p.system && golds.some((g) => g.system
  && cc(g.supplier) === cc(p.supplier) && cc(g.recipient) === cc(p.recipient) && norm(g.category) === norm(p.category));

export interface Labelled {
  /** One label per transfer row of a gold document, `null` for other rows (other kinds, other documents). */
  labels: (Label | null)[];
  /** Required gold transfers no row matched. */
  missed: number;
}

/**
 * Labels transfer rows against gold documents, in the scorer's order: gold items take the first unused
 * matching row; rows left over are wrong unless they restate a gold item.
 * @example labelTransfers([{ file: 'a.txt', transfers: [{ supplier: 'FR', recipient: 'IN', system: 'Rafale' }] }],
 *   [{ document: '/x/a.txt', kind: 'transfer', supplier: 'FR', recipient: 'IN', system: 'Rafale' }]) // { labels: ['right'], missed: 0 }
 */
export function labelTransfers(documents: GoldDocument[], rows: ScoredRow[]): Labelled {
  const labels: (Label | null)[] = rows.map(() => null);
  let missed = 0;
  for (const doc of documents) {
    const golds = doc.transfers ?? [];
    const seen = new Set<string>();
    const mine: number[] = [];
    rows.forEach((p, i) => {
      if (p.kind !== 'transfer' || !String(p.document ?? '').endsWith(doc.file) || labels[i] !== null) return;
      const key = JSON.stringify([cc(p.supplier), cc(p.recipient), norm(p.system) || norm(p.category)]);
      if (seen.has(key)) { labels[i] = 'repeated'; return; }
      seen.add(key);
      mine.push(i);
    });
    const used = new Set<number>();
    for (const g of golds) {
      const i = mine.find((j) => !used.has(j) && matches(g, rows[j]));
      if (i === undefined) { if (!g.optional) missed++; continue; }
      used.add(i);
      labels[i] = g.optional ? 'optional' : 'right';
    }
    for (const i of mine) {
      if (used.has(i)) continue;
      labels[i] = golds.some((g) => matches(g, rows[i])) || restatesNamed(golds, rows[i]) ? 'restated' : 'wrong';
    }
  }
  return { labels, missed };
}

export interface Bin {
  from: number;
  to: number;
  count: number;
  right: number;
  /** Observed precision: right / count (null for an empty bin). */
  precision: number | null;
  /** Mean confidence of the bin's rows, what a calibrated model's precision should be near. */
  meanConfidence: number | null;
}

/**
 * Right and wrong rows by confidence bin (the last bin includes 1).
 * @example reliability([0.1, 0.9], ['wrong', 'right'])[4] // { from: 0.8, to: 1, count: 1, right: 1, precision: 1, meanConfidence: 0.9 }
 */
export function reliability(confidences: number[], labels: (Label | null)[], edges = [0, 0.2, 0.4, 0.6, 0.8, 1]): Bin[] {
  const bins: Bin[] = edges.slice(0, -1).map((from, k) => ({ from, to: edges[k + 1], count: 0, right: 0, precision: null, meanConfidence: null }));
  const sums = bins.map(() => 0);
  confidences.forEach((c, i) => {
    if (labels[i] !== 'right' && labels[i] !== 'wrong') return;
    const k = bins.findIndex((b, j) => c >= b.from && (c < b.to || j === bins.length - 1));
    if (k < 0) return;
    bins[k].count++;
    sums[k] += c;
    if (labels[i] === 'right') bins[k].right++;
  });
  bins.forEach((b, k) => {
    if (b.count) { b.precision = b.right / b.count; b.meanConfidence = sums[k] / b.count; }
  });
  return bins;
}

/** The table as Markdown, as the README shows it. */
export function reliabilityTable(bins: Bin[]): string {
  const f = (x: number | null) => (x === null ? '–' : x.toFixed(2));
  return ['| confidence | events | right | observed precision | mean confidence |', '| --- | ---: | ---: | ---: | ---: |',
    ...bins.map((b) => `| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.count} | ${b.right} | ${f(b.precision)} | ${f(b.meanConfidence)} |`)].join('\n');
}
