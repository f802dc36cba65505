/**
 * npm run bench:kb: catalog load time, cold in fresh processes as each command pays it (from the compiled
 * catalog, and compiling it), and recognition throughput on one core over ~20 MB of arms reporting.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../src/kb/catalog.js';
import { KnowledgeBase } from '../src/kb/recognise.js';
import { PROJECT_DIR } from '../src/cli/paths.js';
import { detectLanguage } from '../src/text/language.js';

// Cold loads in fresh processes: compiling (no cache), then from the compiled catalog the first one left.
const cache = mkdtempSync(join(tmpdir(), 'armscope-bench-cache-'));
const coldLoad = (cacheDir: string) => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(PROJECT_DIR, 'bench', 'kb-load.ts')],
    { encoding: 'utf8', env: { ...process.env, ARMSCOPE_CACHE_DIR: cacheDir } });
  return (JSON.parse(out) as { ms: number }).ms;
};
const compiles = [0, 1, 2].map(() => coldLoad('off'));
coldLoad(cache); // compiles and keeps the result
const loads = [0, 1, 2, 3, 4].map(() => coldLoad(cache));
rmSync(cache, { recursive: true, force: true });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = new KnowledgeBase(loadCatalog({ strict: true, extraDirs: [] }));
// The corpus: the bundled samples, the development articles (17 languages) and the seeds when beside the
// project, each recognised in its own language, repeated to ~20 MB. Dense arms reporting: a mention every
// ~50 bytes.
const read = (dir: string) => { try { return readdirSync(dir).filter((f) => f !== 'README.md').map((f) => readFileSync(join(dir, f), 'utf8')); } catch { return []; } };
const texts = [...read(join(PROJECT_DIR, 'samples')), ...read(join(PROJECT_DIR, 'test', 'fixtures', 'dev')), ...read(join(PROJECT_DIR, '..', 'shared', 'seeds'))];
const languages = await Promise.all(texts.map(async (t) => (await detectLanguage(t)).language));
const corpus: number[] = [];
let bytes = 0;
while (bytes < 20e6) for (let k = 0; k < texts.length; k++) { corpus.push(k); bytes += Buffer.byteLength(texts[k]); }
// Warm up on the first ~2 MB (the JIT settles), then time recognition only (tokenising included), seven
// passes: this VM's timings vary between runs, so the median and the best pass are both reported.
for (let n = 0; n < corpus.length / 10; n++) kb.recognise(texts[corpus[n]], { language: languages[corpus[n]] });
const passes: number[] = [];
let mentions = 0;
for (let pass = 0; pass < 7; pass++) {
  const t0 = performance.now();
  mentions = 0;
  for (const k of corpus) mentions += kb.recognise(texts[k], { language: languages[k] }).length;
  passes.push((performance.now() - t0) / 1000);
}
const byPass = passes.map((p) => (bytes / 1e6 / p).toFixed(1)).join(', ');
passes.sort((a, b) => a - b);
const seconds = passes[3];
const entities = kb.catalog.entities.size;
console.log(`bench:kb  catalog: ${entities} entities, ${kb.matcher.size} aliases`);
console.log(`  cold load in a fresh process, from the compiled catalog: median ${median(loads).toFixed(0)} ms (runs ${loads.map((l) => l.toFixed(0)).join(', ')})`);
console.log(`  cold load in a fresh process, compiling (read + validate + compile, no cache): median ${median(compiles).toFixed(0)} ms (runs ${compiles.map((l) => l.toFixed(0)).join(', ')})`);
console.log(`  recognition: ${texts.length} articles in ${new Set(languages).size} languages repeated to ${(bytes / 1e6).toFixed(1)} MB per pass, ${mentions} mentions per pass`);
console.log(`    median ${(bytes / 1e6 / seconds).toFixed(1)} MB/s, best ${(bytes / 1e6 / passes[0]).toFixed(1)} MB/s (passes: ${byPass} MB/s)`);
