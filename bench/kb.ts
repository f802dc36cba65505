/**
 * npm run bench:kb: catalog load time (read, validate, compile the matcher), cold in fresh processes as each
 * command pays it, and recognition throughput over the bundled samples and seeds repeated to ~20 MB of text,
 * on one core.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../src/kb/catalog.js';
import { KnowledgeBase } from '../src/kb/recognise.js';
import { PROJECT_DIR } from '../src/cli/paths.js';

const loads: number[] = [];
for (let i = 0; i < 5; i++) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', join(PROJECT_DIR, 'bench', 'kb-load.ts')], { encoding: 'utf8' });
  loads.push((JSON.parse(out) as { ms: number }).ms);
}
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
passes.sort((a, b) => a - b);
const seconds = passes[2];
const entities = kb.catalog.entities.size;
console.log(`bench:kb  catalog: ${entities} entities, ${kb.matcher.size} aliases`);
console.log(`  cold load (read + validate + compile) in a fresh process: median ${[...loads].sort((a, b) => a - b)[2].toFixed(0)} ms (runs ${loads.map((l) => l.toFixed(0)).join(', ')})`);
console.log(`  recognition: ${(bytes / 1e6).toFixed(1)} MB per pass, median ${(bytes / 1e6 / seconds).toFixed(1)} MB/s, best ${(bytes / 1e6 / passes[0]).toFixed(1)} MB/s (${mentions} mentions per pass)`);
