/**
 * npm run bench [-- --count N] [--rounds R]: the whole job (ingest + extraction + storage) against plain ingest on the
 * same synthetic corpus (default 5,000 articles of ~6 KB built from the bundled samples), each into a fresh
 * SQLite file, on one core. Reports articles/s, MB/s and peak memory for both, and the ratio between them.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCorpus } from './corpus.js';
import { ingest } from '../src/ingest/pipeline.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { loadLanguageModel } from '../src/text/language.js';
import { createExtractor } from '../src/cli/extractor.js';
import { defaultKnowledgeBase } from '../src/extract/index.js';

const countArg = process.argv.indexOf('--count');
const count = countArg > 0 ? Number(process.argv[countArg + 1]) : 5_000;
const corpus = buildCorpus(join(tmpdir(), 'armscope-bench-corpus'), Math.max(count, 20_000));
const inputs = Array.from({ length: Math.ceil(count / 1000) }, (_, i) => join(corpus, String(i).padStart(3, '0')));
await loadLanguageModel();
defaultKnowledgeBase();

async function run(extract: boolean) {
  const db = join(tmpdir(), `armscope-bench-${extract ? 'full' : 'plain'}-${process.pid}.db`);
  const store = new SqliteStore(db);
  const extractor = extract ? createExtractor() : undefined;
  const rss: string[] = [];
  const started = process.hrtime.bigint();
  const summary = await ingest(inputs, store, {
    extract: extractor,
    onProgress: (p) => { if (p.inputsDone % Math.max(1, Math.floor(count / 4)) === 0) rss.push(`${p.inputsDone}: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`); },
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const stored = extract ? (await store.listEvents()).length : 0;
  await store.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  return { summary, seconds, stored, rss };
}

// This machine's speed drifts by a third from one minute to the next, so one plain run against one full run
// says little: the two run in turns (plain first, then full first) and the median ratio is reported.
const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 3;
const results: { plain: Awaited<ReturnType<typeof run>>; full: Awaited<ReturnType<typeof run>> }[] = [];
for (let r = 0; r < rounds; r++) {
  if (r % 2 === 0) {
    const plain = await run(false);
    results.push({ plain, full: await run(true) });
  } else {
    const full = await run(true);
    results.push({ plain: await run(false), full });
  }
}
const rate = (r: { summary: { inputs: number }; seconds: number }) => r.summary.inputs / r.seconds;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const { plain, full } = results[0];
console.log(`bench  ${full.summary.inputs} articles, ${(full.summary.bytes / 1e6).toFixed(1)} MB, ${rounds} rounds`);
for (const [i, r] of results.entries()) {
  console.log(`  round ${i + 1}: ingest only ${rate(r.plain).toFixed(0)} articles/s; ingest + extraction + storage ${rate(r.full).toFixed(0)} articles/s; ratio ${(r.full.seconds / r.plain.seconds).toFixed(2)}×`);
}
console.log(`  ingest only:                   median ${median(results.map((r) => rate(r.plain))).toFixed(0)} articles/s, ${(plain.summary.bytes / 1e6 / median(results.map((r) => r.plain.seconds))).toFixed(2)} MB/s`);
console.log(`  ingest + extraction + storage: median ${median(results.map((r) => rate(r.full))).toFixed(0)} articles/s, ${full.stored} events stored`);
console.log(`  resident memory during the first full run, by progress: ${full.rss.join(', ')}`);
console.log(`  extraction costs ${median(results.map((r) => r.full.seconds / r.plain.seconds)).toFixed(2)}× the time of plain ingest (median of ${rounds} rounds); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
