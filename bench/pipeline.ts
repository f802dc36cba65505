/**
 * npm run bench [-- --count N]: the whole job (ingest + extraction + storage) against plain ingest on the
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

const plain = await run(false);
const full = await run(true);
const rate = (r: typeof plain) => r.summary.inputs / r.seconds;
console.log(`bench  ${full.summary.inputs} articles, ${(full.summary.bytes / 1e6).toFixed(1)} MB`);
console.log(`  ingest only:                   ${rate(plain).toFixed(0)} articles/s, ${(plain.summary.bytes / 1e6 / plain.seconds).toFixed(2)} MB/s`);
console.log(`  ingest + extraction + storage: ${rate(full).toFixed(0)} articles/s, ${(full.summary.bytes / 1e6 / full.seconds).toFixed(2)} MB/s, ${full.stored} events stored`);
console.log(`  resident memory during the full run, by progress: ${full.rss.join(', ')}`);
console.log(`  extraction costs ${(plain.seconds > 0 ? full.seconds / plain.seconds : 0).toFixed(2)}× the time of plain ingest; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
