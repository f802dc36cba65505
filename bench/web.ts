/**
 * npm run bench:web [-- options]: how long each view of the workspace takes to show its content, measured
 * in Debian's Chromium from navigation start to the view's content being on screen.
 *
 *   --documents N   documents in the large generated store (default 100000; 0 skips it)
 *   --runs N        page loads per view and store (default 3; each in a fresh browser context, so nothing cached)
 *
 * Two stores: the demo (`samples/`, as `armscope demo` ingests them, into a temporary file) and a SQLite
 * store generated directly (`bench/generate.ts`, 3 transfer events a document) with its records built by
 * the store's own rebuild. The large store is kept in the system's temp folder (`armscope-bench-web/`) and
 * reused by later runs: it takes a while to make. For each, the real server (`armscope serve --read-only`,
 * its own process) runs on a free loopback port. A view counts as shown when its content selector matches
 * (rows in the register, a chart's canvas, the map's land, the reader's sentences...), checked on every
 * animation frame. Targets: under 1 s on the demo store and under 2 s on the 100,000-document store.
 * Also printed: the JavaScript each view downloads, which shows the split (the reader loads no map or graph code).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { arg, fillSqlite, serveStore, word } from './generate.js';
import { launchChromium } from '../test/browser.js';
import { migrateStore, openStore } from '../src/store/open.js';
import { ingest } from '../src/ingest/pipeline.js';
import { createExtractor } from '../src/jobs/extractor.js';

const DOCUMENTS = Number(arg('documents', '100000'));
const RUNS = Number(arg('runs', '3'));
const ROOT = join(import.meta.dirname, '..');

interface View { name: string; path: string; ready: string }

function views(store: { country: string; search: string; doc: string; supplier: string }): View[] {
  return [
    { name: 'trade register', path: '/records', ready: 'tr[data-row]' },
    { name: 'trade register, filtered', path: `/records?supplier=${store.supplier}&status=delivered`, ready: 'tr[data-row], .empty' },
    { name: 'country profile', path: `/country?code=${store.country}`, ready: '.card canvas' },
    { name: 'network', path: '/network', ready: '.graph canvas' },
    { name: 'map', path: '/map', ready: 'svg.world path.land' },
    { name: 'timeline', path: `/timeline?supplier=${store.supplier}`, ready: 'ol.events li' },
    { name: 'reader', path: `/reader?doc=${store.doc}`, ready: '.sentence' },
    { name: 'search', path: `/search?q=${encodeURIComponent(store.search)}`, ready: 'ol.results li' },
    { name: 'review queue', path: '/review', ready: 'ol.queue li, .empty' },
  ];
}

async function demoStore(dir: string): Promise<string> {
  const location = join(dir, 'demo.db');
  const store = await openStore(location);
  const samples = join(ROOT, 'samples');
  await ingest(readdirSync(samples).filter((f) => f !== 'README.md').sort().map((f) => join(samples, f)), store, { extract: createExtractor() });
  await store.close();
  return location;
}

async function largeStore(n: number): Promise<string> {
  const folder = join(tmpdir(), 'armscope-bench-web');
  const location = join(folder, `${n}.db`);
  if (existsSync(location)) { console.log(`  reusing ${location}`); return location; }
  mkdirSync(folder, { recursive: true });
  // Made under another name and renamed when complete: an interrupted run leaves nothing to reuse by mistake.
  const partial = join(folder, `${n}.partial-${process.pid}.db`);
  const started = Date.now();
  await migrateStore(partial);
  await fillSqlite(partial, n);
  const store = await openStore(partial);
  await store.rebuild({ records: true });
  await store.close();
  for (const suffix of ['-wal', '-shm']) rmSync(partial + suffix, { force: true });
  renameSync(partial, location);
  console.log(`  generated ${location} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return location;
}

/** Milliseconds from navigation start until `ready` matches, and the JavaScript bytes and files the page loaded. */
async function measure(browser: Browser, url: string, view: View) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const scripts: string[] = [];
  const errors: string[] = [];
  page.on('response', (r) => { if (r.request().resourceType() === 'script') scripts.push(new URL(r.url()).pathname); });
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url + view.path, { waitUntil: 'commit' });
  const handle = await page.waitForFunction((selector) => (document.querySelector(selector) ? performance.now() : 0), view.ready, { polling: 'raf', timeout: 60_000 });
  const ms = Number(await handle.jsonValue());
  const bytes = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script')
    .reduce((n, e) => n + (e as PerformanceResourceTiming).encodedBodySize, 0));
  await context.close();
  return { ms, bytes, scripts, errors };
}

async function bench(label: string, location: string, target: number, browser: Browser, params: Parameters<typeof views>[0]) {
  const { url, child } = await serveStore(location);
  try {
    // Warm the server once (the catalog loads on the first request), as a running server would be.
    for (const v of views(params)) await measure(browser, url, v);
    console.log(`\n${label} (target ${target} ms; median and slowest of ${RUNS} loads, load average ${loadavg()[0].toFixed(1)})`);
    for (const v of views(params)) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, url, v));
      const times = runs.map((r) => r.ms).sort((a, b) => a - b);
      const median = times[Math.floor(times.length / 2)];
      const slowest = times[times.length - 1];
      const chunks = [...new Set(runs[0].scripts.map((s) => s.replace(/^\/assets\//, '').replace(/-[\w-]{8}\.js$/, '')))].sort().join(' ');
      const flag = slowest < target ? '' : `  over the ${target} ms target`;
      console.log(`  ${v.name.padEnd(26)} median ${median.toFixed(0).padStart(5)} ms  slowest ${slowest.toFixed(0).padStart(5)} ms  JS ${(runs[0].bytes / 1024).toFixed(0).padStart(5)} KB [${chunks}]`
        + `${runs.some((r) => r.errors.length) ? `  console errors: ${runs.flatMap((r) => r.errors).join('; ')}` : ''}${flag}`);
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function firstDocument(location: string): Promise<string> {
  const store = await openStore(location);
  try {
    return (await store.listDocuments({ limit: 1 }))[0].id;
  } finally {
    await store.close();
  }
}

if (!existsSync(join(ROOT, 'dist', 'web', 'index.html'))) throw new Error('the workspace is not built: run npm run build:web first');
const browser = await launchChromium();
const dir = mkdtempSync(join(tmpdir(), 'armscope-bench-web-demo-'));
try {
  const demo = await demoStore(dir);
  await bench('demo store (samples/, 13 documents)', demo, 1000, browser, { country: 'RS', supplier: 'RU', search: 'Pantsir', doc: await firstDocument(demo) });
  if (DOCUMENTS > 0) {
    console.log(`\npreparing the ${DOCUMENTS.toLocaleString('en')}-document store`);
    const large = await largeStore(DOCUMENTS);
    await bench(`generated store (${DOCUMENTS.toLocaleString('en')} documents, ${(DOCUMENTS * 3).toLocaleString('en')} transfer events)`, large, 2000, browser,
      { country: 'RS', supplier: 'RS', search: word(37), doc: await firstDocument(large) });
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
