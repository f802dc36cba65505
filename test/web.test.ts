/**
 * The analyst workspace in a real browser. Fixtures: the bundled samples, the four seed articles
 * (../shared/seeds), the hostile article `test/fixtures/web/hostile.jsonl` and, when ../shared holds it,
 * the SIPRI trade-register export, ingested with the real extractor into a fresh SQLite store; the real
 * server (`startServer`, the built `dist/web`) on a free loopback port; Debian's Chromium driven by
 * playwright-core. "Today" is fixed at 2024-09-15, so the last-30-days window holds France's Rafale deal
 * with Serbia. Every view is loaded, its content asserted, its links and filters clicked, the console
 * checked for errors, and a screenshot saved to artifacts/screenshots/ (git-ignored) at 1280×800 and at
 * 1920×1080, where no view may scroll sideways.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { corpusInputs } from './api.js';
import { ensureWorkspaceBuilt, launchChromium, SHOTS, WEB, watchedPage } from './browser.js';
import { ROOT, SHARED } from './helpers.js';
import { ingest } from '../src/ingest/pipeline.js';
import { createExtractor } from '../src/jobs/extractor.js';
import { defaultKnowledgeBase } from '../src/extract/index.js';
import { importSipri } from '../src/reference/import.js';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';

const HOSTILE = join(ROOT, 'test', 'fixtures', 'web', 'hostile.jsonl');
const SIPRI_CSV = join(SHARED, 'data', 'sipri-trade-register-2026-05-18.csv');
/** The seed article (Dutch) that states the Iran → Caspian Sea → Makhachkala → Russia route. */
const ROUTE_DOC = '0b4ae12e5544ea7c';
const ROUTE_FEATURE = 'event:f2b43481d6958ea4';

let dir: string;
let store: Store;
let server: RunningServer;
let browser: Browser;
let hostileId: string;

const open = (viewport = { width: 1280, height: 800 }) => watchedPage(browser, { viewport });

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

before(async () => {
  ensureWorkspaceBuilt();
  dir = mkdtempSync(join(tmpdir(), 'armscope-web-'));
  store = await openStore(join(dir, 'web.db'));
  const summary = await ingest([...corpusInputs(), HOSTILE], store, { extract: createExtractor() });
  assert.equal(summary.failed, 0);
  assert.equal(summary.added, 18);
  if (existsSync(SIPRI_CSV)) await importSipri(store, SIPRI_CSV, defaultKnowledgeBase());
  hostileId = (await store.listDocuments({ source: 'hostile.jsonl' }))[0].id;
  server = await startServer({ store, webRoot: WEB, today: () => '2024-09-15' }, { host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('every view on the demo data', () => {
  test('trade register: a known row, sorting, a filter held in the URL, keyboard, a record opened, CSV export', async () => {
    const { page, problems } = await open();
    await page.goto(`${server.url}/`);
    await page.waitForURL(/\/records$/);
    const row = page.locator('tr[data-row]', { hasText: 'Shahed-136' });
    await row.waitFor();
    // The confidence column fills in from a second request.
    await page.waitForFunction(() => [...document.querySelectorAll('tr[data-row] td:nth-child(10)')].every((td) => td.textContent !== '…'));
    assert.deepEqual(await row.locator('td').allInnerTexts(), ['Iran', 'Russia', 'Shahed-136', 'uav', '1', 'delivered', '2023', '', '', '82%', '5', 'F', '1 confirmed by other sources', '', 'in register']);
    await shot(page, 'records');

    await page.selectOption('select[name=status]', 'cancelled');
    await page.waitForURL(/status=cancelled/);
    await page.locator('tr[data-row]', { hasText: 'Su-35' }).waitFor();
    assert.deepEqual(await page.locator('tr[data-row] td:nth-child(2)').allInnerTexts(), ['Egypt']);

    // The link reproduces the view: a fresh page on the same URL shows the same rows.
    const fresh = await open();
    await fresh.page.goto(page.url());
    await fresh.page.locator('tr[data-row]', { hasText: 'Su-35' }).waitFor();
    assert.equal(await fresh.page.locator('select[name=status]').inputValue(), 'cancelled');
    assert.equal(await fresh.page.locator('tr[data-row]').count(), 1);
    await fresh.page.close();

    await page.goto(`${server.url}/records?country=RS`);
    await page.locator('tr[data-row]').first().waitFor();
    await page.getByRole('button', { name: 'System' }).click();
    assert.deepEqual((await page.locator('tr[data-row] td:nth-child(3)').allInnerTexts()).slice(0, 3), ['CH-92A', 'FK-3', 'Kornet']);

    // Keyboard: focus the first row, move down, open it with Enter.
    await page.locator('tr[data-row]').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/open=/);
    const detail = page.locator('tr.detail');
    await detail.getByText('Status history').waitFor();
    await detail.locator('.mentions li').first().waitFor();
    assert.match(await detail.innerText(), /FK-3|Y-20|MiG-29|Pantsir/);
    await shot(page, 'records-open');
    const csv = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const res = await fetch(server.url + csv);
    assert.equal(res.headers.get('content-type')?.split(';')[0], 'text/csv');
    assert.match((await res.text()).split('\n')[0], /supplier/);
    // A status step opens its article at the sentence that states it.
    await detail.locator('.history li').first().getByRole('link', { name: 'read' }).click();
    await page.waitForURL(/\/reader\?doc=.*&quote=/);
    assert.equal(await page.locator('.sentence.selected').innerText(), 'Reč je o izvoznoj verziji kineskog sistema HQ-22, koju je Srbija naručila još 2019. godine.');

    assert.deepEqual(problems, []);
    await page.close();
  });

  test('country profile: charts by bloc, SIPRI TIV, systems, people, latest reports, what changed in 30 days', async () => {
    const { page, problems } = await open();
    await page.goto(`${server.url}/country?code=RS`);
    await page.getByRole('heading', { name: 'Serbia RS' }).waitFor();
    await page.getByRole('img', { name: 'Serbia: imports by supplier and year' }).waitFor();
    if (existsSync(SIPRI_CSV)) await page.getByRole('img', { name: 'Serbia: SIPRI TIV by supplier and order year' }).waitFor();
    const changes = page.locator('.changes');
    assert.equal(await changes.innerText(), 'New supplier France first seen 2024-08-29');
    assert.deepEqual(await page.locator('.bloc-key span').allInnerTexts(), ['NATO/EU', 'Russia', 'China', 'Iran', 'other']);
    await page.getByRole('link', { name: 'Pantsir-S1' }).waitFor();
    await page.getByRole('heading', { name: 'Organisations', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Security Intelligence Agency' }).waitFor();
    await page.getByRole('link', { name: 'La Serbie commande douze Rafale à la France' }).waitFor();
    await shot(page, 'country');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shot(page, 'country-1920');

    // The blocs are configurable, and the setting is part of the link.
    await page.fill('input[name=blocs]', 'West:nato+eu|East:RU+CN');
    await page.locator('input[name=blocs]').blur();
    await page.waitForURL(/blocs=West/);
    assert.deepEqual(await page.locator('.bloc-key span').allInnerTexts(), ['West', 'East', 'other']);

    await page.getByRole('link', { name: 'La Serbie commande douze Rafale à la France' }).click();
    await page.waitForURL(/\/reader\?doc=/);
    await page.locator('.doc-title', { hasText: 'La Serbie commande douze Rafale' }).waitFor();
    // A country by its name.
    await page.goto(`${server.url}/country`);
    await page.getByText('Type a country’s name or two-letter code').waitFor();
    await page.fill('input[name=code]', 'Iran');
    await page.press('input[name=code]', 'Enter');
    await page.waitForURL(/\/country\?code=IR$/);
    await page.getByRole('heading', { name: 'Iran IR' }).waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('network: a known edge, an edge clicked lists its records, the category filter in the URL', async () => {
    const { page, problems } = await open();
    await page.goto(`${server.url}/network`);
    await page.locator('.graph canvas').first().waitFor();
    const edge = page.locator('tr[data-edge="RU-IR"]');
    assert.deepEqual(await edge.locator('td').allInnerTexts(), ['Russia', 'Iran', '8', '2023-12-05']);
    await page.locator('tr[data-edge="IR-RU"]').click();
    await page.waitForURL(/edge=IR-RU/);
    const list = page.locator('.edge-records');
    await list.getByRole('heading', { name: 'Iran → Russia' }).waitFor();
    await list.getByText('Shahed-136').waitFor();
    await shot(page, 'network');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await shot(page, 'network-1920');

    await page.selectOption('.filters select', 'air-defence');
    await page.waitForURL(/category=air-defence/);
    await page.locator('tr[data-edge="RU-RS"]').waitFor();
    assert.equal(await page.locator('tr[data-edge="IR-RU"]').count(), 0);
    // The graph's own edge: a click on the canvas at the edge's midpoint lists the same records.
    await page.goto(`${server.url}/network?category=uav&country=IR`);
    await page.locator('tr[data-edge="IR-RU"]').waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('map: countries shaded by imports, production sites, the seeds’ Caspian route drawn', async () => {
    const { page, problems } = await open();
    await page.goto(`${server.url}/map`);
    const route = page.locator(`svg.world path.route[data-id="${ROUTE_FEATURE}"]`);
    await route.waitFor();
    assert.match(await route.getAttribute('d') ?? '', /^M[\d.]+,[\d.]+L/);
    assert.equal(await page.locator(`.routes li[data-id="${ROUTE_FEATURE}"]`).innerText(), 'Iran → Caspian Sea → Makhachkala → Russia uav source');
    assert.equal(await page.locator('svg.world circle.site').count(), 2);
    // Serbia imports the most in the corpus: the darkest shade.
    assert.equal(await page.locator('path.land[data-iso="RS"]').getAttribute('fill'), 'rgb(165,15,21)');
    assert.equal(await page.locator('path.land[data-iso="BR"]').getAttribute('fill'), '#e8ecf0');
    await shot(page, 'map');
    await page.selectOption('select[name=region]', 'europe');
    await page.waitForURL(/region=europe/);
    await page.locator('svg.world.zoomed').waitFor();
    await route.waitFor();
    await shot(page, 'map-europe');
    await page.locator('path.land[data-iso="RS"]').click({ force: true });
    await page.waitForURL(/\/country\?code=RS/);
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('timeline: steps per year by status, filtered by supplier in the URL', async () => {
    const { page, problems } = await open();
    await page.goto(`${server.url}/timeline?supplier=FR`);
    await page.getByRole('img', { name: /Dated steps/ }).waitFor();
    assert.deepEqual(await page.locator('ol.events li').evaluateAll((l) => l.map((e) => e.textContent?.replace(/\s+/g, ' ').trim())), [
      '2024-08-30 delivered France → Croatia Rafale samples/fr-rafale-serbia.txt record · article',
      '2024-08-29 agreed France → Serbia Rafale samples/fr-rafale-serbia.txt record · article',
      '2024-06-18 agreed France → Armenia CAESAR example.org record · article',
      '2021-01 agreed France → Greece Rafale example.org record · article',
    ]);
    await shot(page, 'timeline');
    await page.locator('ol.events li').nth(2).getByRole('link', { name: 'record' }).click();
    await page.waitForURL(/\/records\?supplier=FR&recipient=AM&open=/);
    await page.locator('tr.detail').getByText('Status history').waitFor();
    // Events of every kind: the seeds' route, and from it the sentence.
    await page.goto(`${server.url}/timeline?of=events&country=IR`);
    await page.getByRole('img', { name: 'Extracted events per year, by kind' }).waitFor();
    await page.selectOption('select[name=kind]', 'route');
    await page.waitForURL(/kind=route/);
    const route = page.locator('ol.events li[data-kind="route"]');
    await route.first().waitFor();
    assert.deepEqual(await route.evaluateAll((l) => l.map((e) => e.textContent?.replace(/\s+/g, ' ').trim())), ['undated route Iran → Caspian Sea → Makhachkala → Russia 60% sentence']);
    await shot(page, 'timeline-events');
    await route.getByRole('link', { name: 'sentence' }).click();
    await page.waitForURL(/\/reader\?doc=0b4ae12e5544ea7c&quote=/);
    assert.match(await page.locator('.sentence.selected').innerText(), /Kaspische Zee/);
    await page.locator('.explanation').getByText('route/via').waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('reader: names and event sentences highlighted, event ↔ sentence links, explanation on demand, debris listed', async () => {
    const { page, problems, requests } = await open();
    await page.goto(`${server.url}/reader?doc=${ROUTE_DOC}`);
    const sentence = page.locator('.sentence.has-events', { hasText: 'Kaspische Zee' });
    await sentence.waitFor();
    await sentence.locator('mark.entity', { hasText: 'Makhachkala' }).waitFor();
    assert.equal(await sentence.locator('mark.entity-place', { hasText: 'Makhachkala' }).getAttribute('title'), 'place:makhachkala (place)');
    await sentence.click();
    await page.waitForURL(/s=\d+/);
    const events = page.locator('.event-list li');
    const route = events.filter({ hasText: 'Caspian Sea' });
    await route.waitFor();
    assert.match(await route.innerText(), /ROUTE.*Iran → Caspian Sea → Makhachkala → Russia/s);
    await route.getByRole('button', { name: 'why?' }).click();
    await route.locator('.explanation').getByText('Rule', { exact: true }).waitFor();
    assert.match(await route.locator('.explanation').innerText(), /^Rule route\/via · cues verscheept, over · confidence 60%/);
    // A transfer's explanation lists what weighed in its confidence.
    const transfer = events.filter({ hasText: 'TRANSFER' }).first();
    await transfer.getByRole('button', { name: 'why?' }).click();
    await transfer.locator('.explanation table tbody tr').first().waitFor();
    assert.match(await transfer.locator('.explanation caption').innerText(), /^What weighed in the confidence \(log-odds, starting from -?\d+\.\d\d\)$/);
    await shot(page, 'reader');
    // From the event back to its sentence.
    await page.getByRole('button', { name: 'show all' }).click();
    const first = page.locator('.event-list li').first();
    await first.getByRole('link', { name: /^sentence \d+$/ }).click();
    await page.locator('.sentence.selected').waitFor();
    assert.equal(await page.locator('.removed li').innerText(), 'footer Lees hier het volledige artikel.');
    // The bundle is split by view: the reader loads neither the map's nor the graph's nor the charts' code.
    const scripts = requests.filter((r) => r.endsWith('.js')).map((r) => new URL(r).pathname.replace(/-[\w-]{8}\.js$/, ''));
    assert.deepEqual(scripts.filter((s) => /MapView|Network|chart/.test(s)), []);
    assert.ok(scripts.includes('/assets/Reader'));
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('search: any script finds the Serbian Cyrillic article and the catalog entry', async () => {
    const { page, problems } = await open();
    await page.goto(`${server.url}/records`);
    await page.fill('.quick-search input', 'Панцирь');
    await page.press('.quick-search input', 'Enter');
    await page.waitForURL(/\/search\?q=/);
    const first = page.locator('ol.results li').first();
    await first.waitFor();
    assert.equal(await first.locator('.result-title').innerText(), 'Панцир С1 у саставу Војске Србије: руски систем стигао у Београд');
    assert.equal(await first.locator('.result-title mark').innerText(), 'Панцир');
    await page.getByText('Pantsir-S1', { exact: true }).waitFor();
    await shot(page, 'search');
    await first.locator('.result-title').click();
    await page.waitForURL(/\/reader\?doc=/);
    await page.locator('.sentence.has-events').first().waitFor();
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('loading, empty and error states are shown in words', async () => {
    const { page, problems } = await open();
    await page.goto(`${server.url}/records?year_from=abc`);
    const error = page.getByRole('alert');
    await error.waitFor();
    assert.match(await error.innerText(), /^Could not load the trade register\. year_from: .+\(HTTP 400, invalid\)$/);
    // The browser logs the failed request itself; nothing else may be in the console.
    assert.deepEqual(problems.filter((p) => !/status of 400/.test(p)), []);
    await shot(page, 'error');
    await page.goto(`${server.url}/records?supplier=ZZ`);
    await page.getByText('No transfer record matches these filters.').waitFor();
    await page.goto(`${server.url}/reader?doc=nosuchdoc`);
    assert.match(await page.getByRole('alert').innerText(), /no document nosuchdoc \(HTTP 404/);
    await page.close();
  });
});

describe('layout', () => {
  test('every view fits 1280×800 and 1920×1080 without sideways scrolling', async () => {
    const views = [
      ['records', '/records', 'tr[data-row]'], ['country', '/country?code=RU', '.card canvas'], ['network', '/network', 'tr[data-edge]'],
      ['map', '/map', 'path.route'], ['timeline', '/timeline', 'ol.events li'], ['reader', `/reader?doc=${ROUTE_DOC}`, '.sentence'],
      ['search', '/search?q=Rafale', 'ol.results li'], ['review', '/review', 'ol.queue li'], ['publishers', '/publishers', 'main .empty'],
    ] as const;
    for (const viewport of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
      const { page, problems } = await open(viewport);
      for (const [name, path, ready] of views) {
        await page.goto(server.url + path);
        await page.locator(ready).first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${name} at ${viewport.width}: ${overflow} px wider than the window`);
        if (viewport.width === 1920) await shot(page, `${name}-1920`);
      }
      assert.deepEqual(problems, []);
      await page.close();
    }
  });
});

describe('hostile article text', () => {
  const views = () => [
    ['records', `/records?country=BY&open=`],
    ['country', '/country?code=BY&days=3660'],
    ['network', '/network?country=BY&edge=RU-BY'],
    ['map', '/map'],
    ['timeline', '/timeline?country=BY'],
    ['timeline-events', '/timeline?of=events&country=BY'],
    ['reader', `/reader?doc=${hostileId}`],
    ['reader-list', '/reader'],
    ['search', '/search?q=Iskander'],
    ['review', '/review?country=BY'],
  ] as const;

  test('renders as text in every view: no dialog, no script run, no request made', async () => {
    const { page, problems, requests } = await open();
    const recordId = (await store.listTransferRecords({ supplier: 'RU', recipient: 'BY' }))[0].id;
    for (const [name, path] of views()) {
      await page.goto(server.url + (name === 'records' ? path + recordId : path));
      await page.locator('main .card, main table, main .results, main .loading').first().waitFor();
      await page.waitForLoadState('networkidle');
      await page.waitForFunction(() => !document.querySelector('.loading'));
      assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), undefined, `${name}: a payload ran`);
      assert.equal(await page.locator('main script, main img, main a[href^="javascript"], main b').count(), 0, `${name}: markup from the article became elements`);
      if (name === 'reader') {
        assert.equal(await page.locator('.doc-title').innerText(), '<script>window.__pwned="title";fetch("/pwned-title")</script><b>Russia</b> hands <img src="/pwned-img-title" onerror="window.__pwned=\'img-title\'"> Iskander to Belarus');
        assert.match(await page.locator('.article-text').innerText(), /<img src="\/pwned-img" onerror=/);
        assert.equal(await page.locator('main a', { hasText: 'javascript:' }).count(), 0);
        await shot(page, 'hostile-reader');
      }
      if (name === 'records') {
        await page.locator('tr.detail').getByText('<script>', { exact: false }).first().waitFor();
        await shot(page, 'hostile-records');
      }
      if (name === 'search' || name === 'reader-list' || name === 'country' || name === 'review') {
        await page.getByText(/<script>window.__pwned="title"/).first().waitFor();
      }
    }
    const origin = new URL(server.url).origin;
    assert.deepEqual(requests.filter((r) => /pwned/.test(r) || new URL(r).origin !== origin), []);
    assert.deepEqual(problems, []);
    await page.close();
  });
});
