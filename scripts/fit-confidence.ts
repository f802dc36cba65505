/**
 * npm run fit:confidence [-- --dry-run]
 * Fits the confidence model (src/extract/confidence.ts) and writes data/confidence.json.
 *
 * On what: the project's own development set only (test/fixtures/dev with test/fixtures/dev-*.gold.json),
 * never the seeds (the rules were written against them, so they are all right) nor the real-news set (an
 * evaluation set: fitting on it would make its reliability table say nothing).
 *
 * How: the set is ingested and extracted as `eval:dev` does; each exported transfer row is labelled right
 * or wrong by the scorer's rules (src/eval/labels.ts; rows that count neither way are left out); each of a
 * row's mentions becomes a sample with the row's label and a weight of 1/mentions, so a row counts once
 * whatever its number of mentions, as in the evaluation. A row's confidence is its best mention's, as the
 * export folds it. The L2 strength is the one with the lowest cross-validated log-loss (five folds by
 * document); the default threshold is chosen on the out-of-fold confidences, so that an article's own
 * labels never set the threshold it is judged by: the highest dev F1 that keeps recall within
 * MAX_RECALL_LOSS of the unfiltered recall and drops no right transfer of the seeds (the lowest such
 * threshold on a tie; 0 when nothing helps). Features seen in fewer than MIN_SUPPORT labelled rows are
 * left out: their weights would be noise.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_DIR } from '../src/cli/paths.js';
import { ingest } from '../src/ingest/pipeline.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { defaultKnowledgeBase, extractDocument, foldDocumentEvents } from '../src/extract/index.js';
import { CONFIDENCE_FILE } from '../src/extract/confidence.js';
import { systemLinks } from '../src/resolve/goods.js';
import { EXTRACTOR_VERSION } from '../src/extract/version.js';
import type { EventInput } from '../src/extract/types.js';
import { labelTransfers, reliability, reliabilityTable, type GoldDocument, type Label } from '../src/eval/labels.js';
import { crossValidate, fitLogistic, logLoss, predict, type Fitted, type Sample } from '../src/eval/fit.js';

const L2_GRID = [0.1, 0.3, 1, 3, 10, 30];
const MAX_RECALL_LOSS = 0.02;
const MIN_SUPPORT = 5;
const THRESHOLDS = Array.from({ length: 20 }, (_, k) => k / 20);
const dryRun = process.argv.includes('--dry-run');
const SHARED = join(PROJECT_DIR, '..', 'shared');

// 1. Extract a set, keeping each document's events with their features; rows as the export folds them,
// each with the mentions it was folded from.
interface Row { document: string; kind: string; supplier?: string | null; recipient?: string | null; system?: string | null; category?: string | null; mentions: EventInput[] }
const kb = defaultKnowledgeBase();
const sameTransfer = (a: EventInput, b: EventInput) => a.supplier === b.supplier && a.recipient === b.recipient
  && (a.systemId ?? a.category) === (b.systemId ?? b.category);
async function rowsOf(input: string): Promise<{ rows: Row[]; documents: number }> {
  const work = mkdtempSync(join(tmpdir(), 'armscope-fit-'));
  const store = new SqliteStore(join(work, 'fit.db'));
  const extracted = new Map<string, EventInput[]>();
  await ingest([input], store, {
    extract: (doc) => {
      // Features do not depend on the model: a neutral one, so a broken or missing data file can be refitted.
      const { events } = extractDocument(kb, doc, { bias: 0, weights: {}, threshold: 0 });
      extracted.set(doc.source, events);
      return events;
    },
  });
  const documents = await store.listDocuments();
  await store.close();
  rmSync(work, { recursive: true, force: true });
  const rows: Row[] = [];
  const systems = systemLinks(defaultKnowledgeBase().catalog);
  for (const doc of documents) {
    const events = extracted.get(doc.source) ?? [];
    for (const e of foldDocumentEvents(events, systems)) {
      if (e.kind !== 'transfer') continue;
      const mentions = events.filter((m) => m.kind === 'transfer' && m.features && sameTransfer(m, e) && (e.hypothetical || !m.hypothetical));
      rows.push({ document: doc.source, kind: e.kind, supplier: e.supplier, recipient: e.recipient, system: e.system, category: e.category, mentions });
    }
  }
  return { rows, documents: documents.length };
}

// 2. The development set, labelled by the scorer's rules.
const fixtures = join(PROJECT_DIR, 'test', 'fixtures');
const gold: GoldDocument[] = readdirSync(fixtures).filter((f) => /^dev-.*\.gold\.json$/.test(f)).sort()
  .flatMap((f) => JSON.parse(readFileSync(join(fixtures, f), 'utf8')).documents);
const { rows, documents } = await rowsOf(join(fixtures, 'dev'));
const { labels, missed } = labelTransfers(gold, rows);
const samples: Sample[] = [];
const rowOf: number[] = [];
rows.forEach((r, i) => {
  const label = labels[i];
  if (label !== 'right' && label !== 'wrong') return;
  for (const m of r.mentions) {
    samples.push({ features: { ...m.features! }, label: label === 'right' ? 1 : 0, weight: 1 / r.mentions.length, group: r.document });
    rowOf.push(i);
  }
});
const count = (l: Label) => labels.filter((x) => x === l).length;
console.log(`dev: ${documents} documents, ${rows.length} transfer rows (right ${count('right')}, wrong ${count('wrong')}, `
  + `left out ${rows.length - count('right') - count('wrong')}), ${samples.length} mentions; ${missed} gold transfers missed`);

// 3. Features too rare to say anything are left out (they weigh nothing), then the penalty by cross-validation.
const support = new Map<string, Set<number>>();
samples.forEach((s, k) => { for (const f of Object.keys(s.features)) support.set(f, (support.get(f) ?? new Set()).add(rowOf[k])); });
const rare = [...support].filter(([, r]) => r.size < MIN_SUPPORT).map(([f]) => f).sort();
for (const s of samples) for (const f of rare) delete s.features[f];
console.log(`left out, seen in fewer than ${MIN_SUPPORT} rows: ${rare.map((f) => `${f} (${support.get(f)!.size})`).join(', ') || 'none'}`);
const cv = L2_GRID.map((l2) => {
  const oof = crossValidate(samples, { l2 });
  const losses = samples.map((s, i) => {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, oof[i]));
    return s.weight! * -(s.label ? Math.log(p) : Math.log(1 - p));
  });
  const total = samples.reduce((a, s) => a + s.weight!, 0);
  const mean = losses.reduce((a, b) => a + b, 0) / total;
  // Standard error of the mean loss over rows (weights sum to the number of rows).
  const spread = Math.sqrt(samples.reduce((a, s, i) => a + s.weight! * (losses[i] / s.weight! - mean) ** 2, 0) / total / total);
  return { l2, logLoss: mean, se: spread, oof };
});
const best = cv.reduce((a, b) => (b.logLoss < a.logLoss ? b : a));
for (const c of cv) console.log(`l2 ${String(c.l2).padEnd(4)} cross-validated log-loss ${c.logLoss.toFixed(4)} ± ${c.se.toFixed(4)}${c === best ? '  <- chosen' : ''}`);
const fitted = fitLogistic(samples, { l2: best.l2 });
const round = (x: number) => Math.round(x * 10_000) / 10_000;
const model: Fitted = { bias: round(fitted.bias), weights: Object.fromEntries(Object.entries(fitted.weights).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, round(v)])) };
console.log(`in-sample log-loss ${logLoss(model, samples).toFixed(4)}`);

// 4. Row confidences (best mention), out of fold and in sample; the threshold from the out-of-fold ones.
function rowConfidences(sampleP: number[]): number[] {
  const out = rows.map(() => 0);
  sampleP.forEach((p, k) => { out[rowOf[k]] = Math.max(out[rowOf[k]], Math.round(p * 1000) / 1000); });
  return out;
}
const oofRows = rowConfidences(best.oof);
const fitRows = rowConfidences(samples.map((s) => predict(model, s.features)));
function scoreAt(confidences: number[], t: number) {
  let tp = 0;
  let fp = 0;
  let lost = 0;
  rows.forEach((_, i) => {
    if (labels[i] === 'right') { if (confidences[i] >= t) tp++; else lost++; }
    if (labels[i] === 'wrong' && confidences[i] >= t) fp++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp / (tp + missed + lost || 1);
  return { t, tp, fp, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}
// The seeds are right by construction (the rules were written against them): a threshold that drops one of
// their transfers drops a right one, so it is not a candidate. They guard the choice and are never fitted on.
const seeds = await rowsOf(join(SHARED, 'seeds'));
const seedLabels = labelTransfers(JSON.parse(readFileSync(join(SHARED, 'eval', 'seeds.gold.json'), 'utf8')).documents, seeds.rows).labels;
const seedRight = seeds.rows.map((r, i) => (seedLabels[i] === 'right' ? Math.max(...r.mentions.map((m) => Math.round(predict(model, m.features!) * 1000) / 1000)) : null))
  .filter((c): c is number => c !== null);
const curve = THRESHOLDS.map((t) => ({ ...scoreAt(oofRows, t), seedsLost: seedRight.filter((c) => c < t).length }));
const floor = curve[0].recall - MAX_RECALL_LOSS;
const chosen = curve.filter((c) => c.recall >= floor - 1e-9 && c.seedsLost === 0).reduce((a, b) => (b.f1 > a.f1 + 1e-9 ? b : a));
console.log('\nthreshold (out-of-fold confidences on dev): P R F1; right seed transfers lost');
for (const c of curve) console.log(`  ${c.t.toFixed(2)}  P=${c.precision.toFixed(3)} R=${c.recall.toFixed(3)} F1=${c.f1.toFixed(3)} (tp ${c.tp}, fp ${c.fp}); seeds lost ${c.seedsLost}${c === chosen ? '  <- default' : ''}`);
console.log('\nreliability on dev, out of fold:');
console.log(reliabilityTable(reliability(oofRows, labels)));
console.log('\nreliability on dev, in sample:');
console.log(reliabilityTable(reliability(fitRows, labels)));

const data = {
  bias: model.bias,
  weights: model.weights,
  threshold: chosen.t,
  fitted: {
    by: 'npm run fit:confidence (scripts/fit-confidence.ts)',
    on: 'test/fixtures/dev with test/fixtures/dev-*.gold.json',
    date: new Date().toISOString().slice(0, 10),
    extractor: EXTRACTOR_VERSION,
    documents,
    rows: { right: count('right'), wrong: count('wrong'), leftOut: rows.length - count('right') - count('wrong') },
    mentions: samples.length,
    l2: best.l2,
    crossValidatedLogLoss: round(best.logLoss),
    minSupport: MIN_SUPPORT,
    thresholdRule: `highest out-of-fold dev F1 with recall within ${MAX_RECALL_LOSS} of the unfiltered recall and no right seed transfer below it; the lowest on a tie`,
    devAtThreshold: { precision: round(chosen.precision), recall: round(chosen.recall), f1: round(chosen.f1) },
  },
};
if (dryRun) console.log('\n(dry run: data/confidence.json left as it is)');
else {
  writeFileSync(CONFIDENCE_FILE, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`\nwrote ${CONFIDENCE_FILE}: ${Object.keys(model.weights).length} weights, default threshold ${chosen.t}`);
}
