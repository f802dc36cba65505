/**
 * npm run bench:kb: catalog load time (read, validate, compile the matcher), cold in fresh processes as each
 * command pays it, and recognition throughput over the bundled samples and seeds repeated to ~20 MB of text,
 * on one core.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCatalog } from '../src/kb/catalog.js';
import { KnowledgeBase } from '../src/kb/recognise.js';
import { PROJECT_DIR } from '../src/cli/paths.js';

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
const samples = readdirSync(join(PROJECT_DIR, 'samples')).filter((f) => f !== 'README.md').map((f) => readFileSync(join(PROJECT_DIR, 'samples', f), 'utf8'));
const seedsDir = join(PROJECT_DIR, '..', 'shared', 'seeds');
let texts = samples;
try { texts = [...samples, ...readdirSync(seedsDir).map((f) => readFileSync(join(seedsDir, f), 'utf8'))]; } catch { /* seeds are optional */ }
const corpus: string[] = [];
let bytes = 0;
while (bytes < 20e6) for (const t of texts) { corpus.push(t); bytes += Buffer.byteLength(t); }
// Warm up, then time recognition only (tokenising included), five passes: this VM's timings vary by up to
// a third between runs, so the median and the best pass are both reported.
for (const t of texts) kb.recognise(t);
const passes: number[] = [];
let mentions = 0;
for (let pass = 0; pass < 5; pass++) {
  const t0 = performance.now();
  mentions = 0;
  for (const t of corpus) mentions += kb.recognise(t, { language: 'en' }).length;
  passes.push((performance.now() - t0) / 1000);
}
console.error("  passes (s):", passes.map((p) => p.toFixed(2)).join(" "));
passes.sort((a, b) => a - b);
const seconds = passes[2];
const entities = kb.catalog.entities.size;
console.log(`bench:kb  catalog: ${entities} entities, ${kb.matcher.size} aliases`);
console.log(`  cold load in a fresh process, from the compiled catalog: median ${median(loads).toFixed(0)} ms (runs ${loads.map((l) => l.toFixed(0)).join(', ')})`);
console.log(`  cold load in a fresh process, compiling (read + validate + compile, no cache): median ${median(compiles).toFixed(0)} ms (runs ${compiles.map((l) => l.toFixed(0)).join(', ')})`);
console.log(`  recognition: ${(bytes / 1e6).toFixed(1)} MB per pass, median ${(bytes / 1e6 / seconds).toFixed(1)} MB/s, best ${(bytes / 1e6 / passes[0]).toFixed(1)} MB/s (${mentions} mentions per pass)`);
