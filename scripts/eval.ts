/**
 * npm run eval:seeds | eval:dev | eval:real
 * Ingests a gold-annotated article set into a fresh store, exports its events in the evaluation format and
 * runs the scorer (../shared/eval/score.mjs) on them, printing its lines, then one line per language.
 *   seeds: ../shared/seeds with ../shared/eval/seeds.gold.json
 *   dev:   test/fixtures/dev with test/fixtures/dev-*.gold.json (own development set, 17 languages)
 *   real:  ARMSCOPE_REALNEWS_DIR (default .cache/realnews) with ../shared/eval/realnews.gold.json; the
 *          texts are third-party articles kept out of the repository (README, "Evaluation"): a text that
 *          is missing is named and the rest is scored.
 * Flags after the set's name go to the scorer (`--json`); `--quiet` prints the summary lines only;
 * `--reliability` adds a table of confidence bins against the observed precision of each bin's transfers
 * (text output only: the scorer's JSON stays the scorer's).
 * The export leaves out what users do not see either: events below ARMSCOPE_MIN_CONFIDENCE (default: the
 * confidence model's threshold); the reliability table reads every transfer, before that threshold.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import { PROJECT_DIR } from '../src/cli/paths.js';
import { ingest } from '../src/ingest/pipeline.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { createExtractor } from '../src/cli/extractor.js';
import { exportRows } from '../src/analyse/export.js';
import { loadConfig } from '../src/config.js';
import { labelTransfers, reliability, reliabilityTable, type GoldDocument as Labelled } from '../src/eval/labels.js';

interface GoldDocument extends Labelled { production?: unknown[]; cooperation?: unknown[] }

const which = process.argv[2] ?? 'seeds';
const flags = process.argv.slice(3);
const quiet = flags.includes('--quiet');
const showReliability = flags.includes('--reliability');
const scorerFlags = flags.filter((f) => f !== '--quiet' && f !== '--reliability');
const shared = join(PROJECT_DIR, '..', 'shared');
const scorer = join(shared, 'eval', 'score.mjs');
const work = mkdtempSync(join(tmpdir(), `armscope-eval-${which}-`));
let inputs: string[];
let documents: GoldDocument[];
if (which === 'seeds') {
  inputs = [join(shared, 'seeds')];
  documents = JSON.parse(readFileSync(join(shared, 'eval', 'seeds.gold.json'), 'utf8')).documents;
} else if (which === 'dev') {
  inputs = [join(PROJECT_DIR, 'test', 'fixtures', 'dev')];
  const golds = readdirSync(join(PROJECT_DIR, 'test', 'fixtures')).filter((f) => /^dev-.*\.gold\.json$/.test(f)).sort();
  documents = golds.flatMap((f) => JSON.parse(readFileSync(join(PROJECT_DIR, 'test', 'fixtures', f), 'utf8')).documents);
} else if (which === 'real') {
  const dir = resolve(process.env.ARMSCOPE_REALNEWS_DIR || join(PROJECT_DIR, '.cache', 'realnews'));
  const all: GoldDocument[] = JSON.parse(readFileSync(join(shared, 'eval', 'realnews.gold.json'), 'utf8')).documents;
  const missing = all.filter((d) => !existsSync(join(dir, d.file)));
  if (missing.length) {
    console.error(`${missing.length} of ${all.length} real-news texts are missing from ${dir} (scored without them): ${missing.map((d) => d.file).join(', ')}`);
  }
  documents = all.filter((d) => !missing.includes(d));
  if (!documents.length) {
    console.error(`no real-news texts in ${dir}: retrieve them first (README, "Evaluation")`);
    process.exit(2);
  }
  // Only the gold's files: the folder may hold other things.
  const staged = join(work, 'texts');
  mkdirSync(staged);
  for (const d of documents) writeFileSync(join(staged, d.file), readFileSync(join(dir, d.file)));
  inputs = [staged];
} else {
  console.error(`unknown evaluation set "${which}": use seeds, dev or real`);
  process.exit(2);
}

const gold = join(work, 'gold.json');
writeFileSync(gold, JSON.stringify({ schema: 'armscope-gold/1', documents }));
const store = new SqliteStore(join(work, 'eval.db'));
const summary = await ingest(inputs, store, { extract: createExtractor() });
if (summary.failed) console.error(summary.errors.map((e) => `error: ${e.source}: ${e.error}`).join('\n'));
const everything = await exportRows(store);
await store.close();
const { minConfidence } = loadConfig();
const rows = everything.filter((r) => r.confidence >= minConfidence);
const pred = join(work, 'events.jsonl');
writeFileSync(pred, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');

function score(goldPath: string, extra: string[]) {
  return spawnSync(process.execPath, [scorer, '--gold', goldPath, '--pred', pred, ...extra], { encoding: 'utf8' });
}
const result = score(gold, scorerFlags);
if (scorerFlags.includes('--json') || !quiet) process.stdout.write(result.stdout);
else process.stdout.write(result.stdout.split('\n').filter((l) => l && !l.startsWith(' ')).join('\n') + '\n');
process.stderr.write(result.stderr);

// Per language: the same scorer on each language's documents.
if (!scorerFlags.includes('--json')) {
  const languages = [...new Set(documents.map((d) => d.lang ?? 'unknown'))].sort();
  if (languages.length > 1) {
    console.log('\nper language (transfers: P R F1, gold count; production F1; cooperation F1)');
    for (const lang of languages) {
      const subset = join(work, `gold.${lang}.json`);
      const mine = documents.filter((d) => (d.lang ?? 'unknown') === lang);
      writeFileSync(subset, JSON.stringify({ schema: 'armscope-gold/1', documents: mine }));
      const r = JSON.parse(score(subset, ['--json']).stdout);
      const t = r.transfer;
      console.log(`${lang.padEnd(4)} docs ${String(mine.length).padStart(2)}  transfer P=${t.precision.toFixed(3)} R=${t.recall.toFixed(3)} F1=${t.f1.toFixed(3)} (gold ${t.tp + t.fn}, tp ${t.tp}, fp ${t.fp}, fn ${t.fn})  production F1=${r.production.f1.toFixed(3)}  cooperation F1=${r.cooperation.f1.toFixed(3)}`);
    }
  }
}
if (showReliability && !scorerFlags.includes('--json')) {
  // Labelled by the scorer's rules; the scored rows' labels must give the scorer's own counts.
  const all = labelTransfers(documents, everything);
  const scored = labelTransfers(documents, rows);
  const t = JSON.parse(score(gold, ['--json']).stdout).transfer;
  const right = scored.labels.filter((l) => l === 'right').length;
  const wrong = scored.labels.filter((l) => l === 'wrong').length;
  if (right !== t.tp || wrong !== t.fp) console.error(`warning: labels count ${right} right and ${wrong} wrong, the scorer tp ${t.tp} and fp ${t.fp}`);
  console.log(`\nreliability (${which}: every exported transfer the scorer counts, before the threshold)`);
  console.log(reliabilityTable(reliability(everything.map((r) => r.confidence), all.labels)));
}
const dropped = everything.length - rows.length;
console.log(`(${which}: ${summary.added} documents, ${rows.length} exported events, ${dropped} below min-confidence ${minConfidence}; predictions kept in ${pred})`);
if (!process.env.ARMSCOPE_KEEP_EVAL) rmSync(join(work, 'eval.db'), { force: true });
process.exitCode = result.status ?? 1;
