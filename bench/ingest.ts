/**
 * npm run bench:ingest [-- --count N]: ingest without extraction of a synthetic corpus (default 20,000
 * articles of ~5 KB) into a fresh SQLite file; reports documents/s, MB/s and peak memory, and the resident
 * memory at each quarter of the run to show it stays flat as the corpus grows.
 */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCorpus } from './corpus.js';
import { ingest } from '../src/ingest/pipeline.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { loadLanguageModel } from '../src/text/language.js';

const countArg = process.argv.indexOf('--count');
const count = countArg > 0 ? Number(process.argv[countArg + 1]) : 20_000;
const corpus = buildCorpus(join(tmpdir(), 'armscope-bench-corpus'), count);
const dbPath = join(tmpdir(), `armscope-bench-${process.pid}.db`);
const store = new SqliteStore(dbPath);
await loadLanguageModel();
const rss: string[] = [];
const started = process.hrtime.bigint();
const summary = await ingest([corpus], store, {
  onProgress: (p) => {
    if (p.inputsDone % Math.floor(count / 4) === 0) rss.push(`${p.inputsDone}: ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
  },
});
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
await store.close();
rmSync(dbPath, { force: true }); rmSync(`${dbPath}-wal`, { force: true }); rmSync(`${dbPath}-shm`, { force: true });
const peak = process.resourceUsage().maxRSS / 1024;
console.log(`bench:ingest  ${summary.inputs} articles, ${(summary.bytes / 1e6).toFixed(1)} MB, ${seconds.toFixed(1)} s`);
console.log(`  ${(summary.inputs / seconds).toFixed(0)} documents/s, ${(summary.bytes / 1e6 / seconds).toFixed(2)} MB/s, peak RSS ${peak.toFixed(0)} MB`);
console.log(`  stored ${summary.added} new + ${summary.duplicates} near-duplicate, ${summary.failed} failed`);
console.log(`  resident memory by progress: ${rss.join(', ')}`);
