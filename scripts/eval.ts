/**
 * npm run eval:seeds | eval:dev
 * Ingests a gold-annotated article set into a fresh store, exports its events in the evaluation format and
 * runs the scorer (../shared/eval/score.mjs) on them, printing its lines.
 *   seeds: ../shared/seeds with ../shared/eval/seeds.gold.json
 *   dev:   test/fixtures/dev with test/fixtures/dev-*.gold.json (own development set, 13+ languages)
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { PROJECT_DIR } from '../src/cli/paths.js';
import { ingest } from '../src/ingest/pipeline.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { createExtractor } from '../src/cli/extractor.js';
import { exportRows } from '../src/cli/events.js';

const which = process.argv[2] ?? 'seeds';
const shared = join(PROJECT_DIR, '..', 'shared');
const scorer = join(shared, 'eval', 'score.mjs');
const work = mkdtempSync(join(tmpdir(), `armscope-eval-${which}-`));
let input: string;
let gold: string;
if (which === 'seeds') {
  input = join(shared, 'seeds');
  gold = join(shared, 'eval', 'seeds.gold.json');
} else {
  input = join(PROJECT_DIR, 'test', 'fixtures', 'dev');
  const golds = readdirSync(join(PROJECT_DIR, 'test', 'fixtures')).filter((f) => /^dev-.*\.gold\.json$/.test(f)).sort();
  const documents = golds.flatMap((f) => JSON.parse(readFileSync(join(PROJECT_DIR, 'test', 'fixtures', f), 'utf8')).documents);
  gold = join(work, 'dev.gold.json');
  writeFileSync(gold, JSON.stringify({ schema: 'armscope-gold/1', documents }));
}
const store = new SqliteStore(join(work, 'eval.db'));
const summary = await ingest([input], store, { extract: createExtractor() });
if (summary.failed) console.error(summary.errors.map((e) => `error: ${e.source}: ${e.error}`).join('\n'));
const rows = await exportRows(store);
await store.close();
const pred = join(work, 'events.jsonl');
writeFileSync(pred, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
const args = [scorer, '--gold', gold, '--pred', pred, ...process.argv.slice(3)];
const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
console.log(`(${which}: ${summary.added} documents, ${rows.length} exported events; predictions kept in ${pred})`);
if (!process.env.ARMSCOPE_KEEP_EVAL) rmSync(join(work, 'eval.db'), { force: true });
process.exitCode = result.status ?? 1;
