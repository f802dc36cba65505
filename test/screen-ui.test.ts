/**
 * The screening page in a real browser. Fixtures: the real OpenSanctions extract of the ZALA cluster
 * (`../shared/data/opensanctions/zala.entities.ftm.json`, read where it lies, never copied) loaded with the
 * core `loadList` into a fresh SQLite store, served by the real server with a bearer token on a free
 * loopback port; a second server over an empty store (no list) with a 4 KB body limit. The parts files are
 * written here: one line with a CHPL tier-1 code sold to a company named like a listed ZALA company, one
 * clean line (whose description carries markup, to be shown as text), one shipped to another country than
 * the customer's. Debian's Chromium driven by playwright-core.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { ensureWorkspaceBuilt, launchChromium, signIn, SHOTS, WEB, watchedPage } from './browser.js';
import { SHARED } from './helpers.js';
import { loadList } from '../src/screen/lists.js';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';

const ZALA = join(SHARED, 'data', 'opensanctions', 'zala.entities.ftm.json');
const TOKEN = 'screen-ui-test-token-52c1';
const ANALYST = 'Jonas Lindqvist';

const HOSTILE = 'Garden water pump <img src=x onerror=alert(1)>';
const PARTS = [
  'Part Number,Description,HS Code,Manufacturer,Quantity,Customer,Customer Country,Ship-to Country,End User',
  'IC-4410,"Logic chip, 32-bit",8542.31,Northfield Semiconductors,250,Zala Aero Group,DE,DE,Baltic Instruments GmbH',
  `PUMP-7,"${HOSTILE}",8413.70,AquaFlow,3,Green Gardens BV,NL,NL,Green Gardens BV`,
  'VLV-12,Brass garden tap,8481.80,AquaFlow,20,Hortus GmbH,DE,FR,Hortus GmbH',
].join('\n') + '\n';

let dir: string;
let store: Store;
let bareStore: Store;
let server: RunningServer;
let bare: RunningServer;
let browser: Browser;
let version: string;

const open = () => watchedPage(browser, { acceptDownloads: true });

const choose = (page: Page, name: string, content: string) =>
  page.getByLabel('Parts file (CSV or XLSX)').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });

const rowTexts = (page: Page) => page.locator('table[aria-label="Screening report"] tr[data-row]')
  .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText)));

before(async () => {
  ensureWorkspaceBuilt();
  dir = mkdtempSync(join(tmpdir(), 'armscope-screen-ui-'));
  store = await openStore(join(dir, 'zala.db'));
  version = (await loadList(store, ZALA, { list: 'zala' })).version.version;
  bareStore = await openStore(join(dir, 'bare.db'));
  server = await startServer({ store, webRoot: WEB, token: TOKEN }, { host: '127.0.0.1', port: 0 });
  bare = await startServer({ store: bareStore, webRoot: WEB, token: TOKEN, bodyLimit: 4096 }, { host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await bare?.close();
  await store?.close();
  await bareStore?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the screening page', () => {
  test('a parts file screened with the token: levels and reasons in words, filters in the URL, exports, the audit, a name check', async () => {
    const { page, problems } = await open();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${server.url}/screening`);
    await page.getByRole('heading', { name: 'Supply-chain screening' }).waitFor();
    // The bundle stays split: the page loads its own chunk and the table's, no map, graph or chart code.
    const scripts = requests.filter((r) => r.endsWith('.js')).map((r) => new URL(r).pathname.replace(/-[\w-]{8}\.js$/, '')).sort();
    assert.deepEqual(scripts, ['/assets/Screening', '/assets/index', '/assets/table']);
    assert.equal(await page.locator('header.top nav a[aria-current="page"]').innerText(), 'Screening');
    const loadedLists = page.locator('table[aria-label="Loaded lists"] tbody td');
    await loadedLists.first().waitFor();
    assert.deepEqual((await loadedLists.allInnerTexts()).filter((_, i) => i !== 2), ['zala', version, '17']);
    await page.getByText('No file screened yet.').waitFor();

    // The wrong token: the server's refusal in words, through the shared explanation of writes.
    await signIn(page, ANALYST, 'not-the-token');
    await choose(page, 'orders-march.csv', PARTS);
    await page.getByRole('button', { name: 'Screen', exact: true }).click();
    assert.equal(await page.getByRole('alert').innerText(), 'The server refused the token: check it under “Reviewer”. the bearer token is not the one configured (HTTP 401, unauthorized)');

    await signIn(page, ANALYST, TOKEN);
    await page.getByRole('button', { name: 'Screen', exact: true }).click();
    await page.getByRole('heading', { name: 'Report: orders-march.csv' }).waitFor();
    assert.equal(await page.locator('.report p.summary').innerText(), '3 lines screened: 1 high, 0 medium, 1 low, 1 none. Showing 3.');
    assert.deepEqual(await rowTexts(page), [
      ['2', 'IC-4410', 'Logic chip, 32-bit', '8542.31 CHPL tier 1', 'Northfield Semiconductors', 'Zala Aero Group', 'DE → DE', 'Baltic Instruments GmbH', 'High risk',
        'chpl, sanctioned-party, possible-party, red-flag, combination'],
      ['3', 'PUMP-7', HOSTILE, '8413.70', 'AquaFlow', 'Green Gardens BV', 'NL → NL', 'Green Gardens BV', 'No flag', '—'],
      ['4', 'VLV-12', 'Brass garden tap', '8481.80', 'AquaFlow', 'Hortus GmbH', 'DE → FR', 'Hortus GmbH', 'Low risk', 'red-flag'],
    ]);
    // Markup in a cell is text: no image element was made of it.
    assert.equal(await page.locator('.report img').count(), 0);

    // Sorted by risk, highest first, from the header.
    await page.getByRole('button', { name: 'Risk' }).click();
    assert.deepEqual((await rowTexts(page)).map((r) => [r[0], r[8]]), [['2', 'High risk'], ['4', 'Low risk'], ['3', 'No flag']]);
    await page.getByRole('button', { name: /^Line/ }).click();
    assert.deepEqual((await rowTexts(page)).map((r) => r[0]), ['2', '3', '4']);

    // From the keyboard, as in the register: ↓ to the next row, Enter opens its reasons.
    await page.locator('tr[data-row="2"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(/open=4/);
    assert.deepEqual(await page.locator('ol.reasons-list > li').evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-kind'), li.querySelector('.risk')?.textContent, li.querySelector('.reason-message')?.textContent])),
      [['red-flag', 'Low risk', 'goods ship to FR, the customer is in DE']]);

    await page.locator('tr[data-row="2"]').click();
    await page.waitForURL(/open=2/);
    const reasons = page.locator('ol[aria-label="Reasons for line 2"] > li');
    assert.deepEqual(await reasons.evaluateAll((lis) => lis.map((li) => [li.getAttribute('data-kind'), li.querySelector('.risk')?.textContent, li.querySelector('.muted')?.textContent])), [
      ['chpl', 'Medium risk', 'from hs_code'], ['sanctioned-party', 'High risk', 'from customer'], ['possible-party', 'Low risk', 'from customer'],
      ['red-flag', 'Low risk', 'from end_user'], ['combination', 'High risk', 'from line'],
    ]);
    assert.equal(await reasons.nth(0).locator('.reason-message').innerText(), 'HS 854231 is on the Common High Priority List (2024-02), tier 1: Tier 1: electronic integrated circuits');
    const sanctioned = reasons.nth(1);
    assert.equal(await sanctioned.locator('.reason-message').innerText(), `customer "Zala Aero Group" matches sanctioned party LLC CST (NK-abdzbEBkqyT29GyREbiURZ, list ${version}); `
      + 'score 0.9: the same words, in any order, once legal forms are set aside; countries differ (query de, listed ru): −0.1; score 0.9 ≥ threshold 0.72');
    assert.deepEqual(await sanctioned.locator('dl.facts dd').allInnerTexts(), ['LLC CST (Company, NK-abdzbEBkqyT29GyREbiURZ)', 'Zala Aero Group normalised query: zala aero group',
      '0.9 ≥ threshold 0.72: a match', version, 'sanction, debarment, export.control, poi, corp.disqual']);
    assert.deepEqual(await sanctioned.locator('table[aria-label="Features"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent))),
      [['name_match', '1'], ['name_literal_match', '1'], ['country_disjoint', '1']]);
    assert.deepEqual(await sanctioned.locator('table[aria-label="Words aligned"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))),
      [['zala', 'zala', '1', '2.102'], ['aero', 'aero', '1', '2.102'], ['group', 'group', '1', '2.943']]);
    assert.equal(await reasons.nth(2).locator('dl.facts dd').nth(2).innerText(), '0.641 < threshold 0.72: not a match');
    assert.equal(await reasons.nth(3).locator('.reason-message').innerText(), 'end user "Baltic Instruments GmbH" is not the customer "Zala Aero Group"');
    assert.equal(await reasons.nth(4).locator('.reason-message').innerText(), 'a CHPL tier 1 item with 1 red flag(s)');

    // A name in Cyrillic finds the listed person.
    const check = page.getByRole('search', { name: 'Check a name against the lists' });
    await check.getByLabel('Name, in any script').fill('Захаров Никита Александрович');
    await check.getByRole('button', { name: 'Check' }).click();
    await page.waitForURL(/name=/);
    const first = page.locator('ol.matches > li').first();
    await first.waitFor();
    assert.equal(await first.getAttribute('data-entity'), 'NK-JseaPJctnK9o8wrmz8xmoT');
    assert.equal(await first.locator('.match-line').innerText(), 'Score 1 · Match: yes · matched name “Zakharov Nikita Aleksandrovich”');
    assert.equal(await page.locator('.match-results > p').first().innerText(), `Normalised: zaharov nikita aleksandrovic; threshold 0.72, lists: ${version}.`);
    await first.locator('summary').click();
    assert.deepEqual(await first.locator('table[aria-label="Words aligned"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent))),
      [['zaharov', 'zaharov', '1'], ['nikita', 'nikita', '1'], ['aleksandrovic', 'aleksandrovic', '1']]);

    // The audit: the list version that screened this file, and the run recorded.
    assert.deepEqual((await page.locator('table[aria-label="List versions that screened this file"] tbody td').allInnerTexts()).filter((_, i) => i !== 2), ['zala', version, '17']);
    const runs = page.locator('table[aria-label="Latest screening runs"] tbody tr');
    await runs.first().waitFor();
    assert.deepEqual((await runs.first().locator('td').allInnerTexts()).filter((_, i) => i !== 1), ['orders-march.csv', '3', '1 / 0 / 1 / 1', version]);
    // Laid out for 1280×800 up to 1920×1080: no sideways scrolling with a line's reasons open.
    await page.evaluate(() => window.scrollTo(0, 0));
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the screening page scrolls sideways at 1280');
    assert.equal(await page.locator('header.top').evaluate((h) => h.getBoundingClientRect().height < 60), true, 'the navigation fits one line at 1280');
    await page.screenshot({ path: join(SHOTS, 'screening.png'), fullPage: true });
    await page.setViewportSize({ width: 1920, height: 1080 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the screening page scrolls sideways at 1920');
    await page.screenshot({ path: join(SHOTS, 'screening-1920.png') });
    await page.setViewportSize({ width: 1280, height: 800 });

    // Filters live in the URL: by reason, then by level too.
    await page.selectOption('select[name=reason]', 'red-flag');
    await page.waitForURL(/reason=red-flag/);
    assert.deepEqual((await rowTexts(page)).map((r) => [r[0], r[8]]), [['2', 'High risk'], ['4', 'Low risk']]);
    await page.selectOption('select[name=level]', 'low');
    await page.waitForURL(/level=low/);
    assert.deepEqual((await rowTexts(page)).map((r) => [r[0], r[8]]), [['4', 'Low risk']]);
    assert.equal(await page.locator('.report p.summary').innerText(), '3 lines screened: 1 high, 0 medium, 1 low, 1 none. Showing 1.');

    // Exports hold the lines shown, made from the response in the browser.
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    assert.equal(csv.suggestedFilename(), 'orders-march-screened.csv');
    assert.equal(readFileSync((await csv.path())!, 'utf8'),
      'line,part_number,description,hs_code,hs_normalised,chpl_tier,manufacturer,quantity,customer,customer_country,ship_to_country,end_user,level,reason_kinds,reasons\n'
      + '4,VLV-12,Brass garden tap,8481.80,848180,,AquaFlow,20,Hortus GmbH,DE,FR,Hortus GmbH,low,red-flag,"low red-flag (ship_to_country): goods ship to FR, the customer is in DE"\n');
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export JSON' }).click()]);
    const exported = JSON.parse(readFileSync((await json.path())!, 'utf8'));
    assert.deepEqual([exported.filters, exported.shown, exported.lines.map((l: { line: number }) => l.line), exported.file.name, exported.lists.map((l: { version: string }) => l.version)],
      [{ level: 'low', reason: 'red-flag' }, 1, [4], 'orders-march.csv', [version]]);

    // The server's HTML report of the same file: a second run in the audit trail.
    const [html] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'HTML report' }).click()]);
    assert.equal(html.suggestedFilename(), 'orders-march-screened.html');
    assert.match(readFileSync((await html.path())!, 'utf8'), /^<!doctype html>[\s\S]*orders-march\.csv[\s\S]*Zala Aero Group/i);
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Latest screening runs"] tbody tr').length === 2);

    // A file without some columns: the API's message, naming each.
    // … dropped on the page this time.
    await page.locator('label.dropzone').evaluate((zone) => {
      const dt = new DataTransfer();
      dt.items.add(new File(['Part Number,Customer\nA-1,Green Gardens BV\n'], 'short.csv', { type: 'text/csv' }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await page.locator('.upload .chosen').filter({ hasText: 'short.csv' }).waitFor();
    await page.getByRole('button', { name: 'Screen', exact: true }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(await page.getByRole('alert').innerText(), 'short.csv: missing columns description, hs_code, manufacturer, quantity, customer_country, ship_to_country, end_user '
      + '(found: Part Number, Customer); data/screen/columns.json lists the header names recognised for each (HTTP 422, bad-input)');
    // A file that is no parts file is refused before it is sent.
    await page.getByLabel('Parts file (CSV or XLSX)').setInputFiles({ name: 'old.xls', mimeType: 'application/vnd.ms-excel', buffer: Buffer.from('x') });
    assert.equal(await page.getByRole('alert').innerText(), 'old.xls is not a parts file: choose a CSV (.csv) or an Excel workbook (.xlsx); older .xls workbooks must be saved as .xlsx first.');

    // An xlsx workbook goes with its own content type.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Orders');
    sheet.addRow(['Artikelnummer', 'Beschreibung', 'Zolltarifnummer', 'Hersteller', 'Menge', 'Kunde', 'Land', 'Lieferland', 'Endverwender']);
    sheet.addRow(['SRV-2210', 'Servomotor, digital', '8501.10', 'Harbor Motion Ltd', 200, 'Hortus GmbH', 'DE', 'DE', 'Hortus GmbH']);
    await page.getByLabel('Parts file (CSV or XLSX)').setInputFiles({ name: 'bestellung.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await workbook.xlsx.writeBuffer()) });
    await page.getByRole('button', { name: 'Screen', exact: true }).click();
    await page.getByRole('heading', { name: 'Report: bestellung.xlsx' }).waitFor();
    assert.match(await page.locator('.screened-with p').innerText(), /^bestellung\.xlsx \(xlsx, SHA-256 /);
    // The filters in the URL stay for the next file: here they leave nothing, and say so.
    assert.equal(await page.locator('.report p.empty').innerText(), 'No line of this file matches these filters: choose another level or reason.');
    await page.selectOption('select[name=level]', '');
    await page.selectOption('select[name=reason]', '');
    await page.waitForURL((u) => !u.search.includes('level=') && !u.search.includes('reason='));
    assert.deepEqual((await rowTexts(page)).map((r) => [r[0], r[1], r[3], r[8], r[9]]), [['2', 'SRV-2210', '8501.10', 'Low risk', 'component']]);

    assert.deepEqual(problems.filter((p) => !/status of (401|422)/.test(p)), []);
    await page.close();
  });

  test('no list loaded is said in words with how to load one; a file over the body limit names the limit', async () => {
    const { page, problems } = await open();
    await page.goto(`${bare.url}/screening`);
    const note = page.locator('.audit p.no-lists');
    await note.waitFor();
    assert.equal(await note.innerText(), 'No sanctions list is loaded, so screening checks no party names (CHPL codes, components, countries and red flags still are). '
      + 'Load one on the server’s store with armscope lists load FILE, e.g. OpenSanctions’ entities.ftm.json or targets.simple.csv.');
    const big = PARTS.split('\n')[0] + '\n' + Array.from({ length: 60 }, (_, i) => `P-${i},Brass garden tap,8481.80,AquaFlow,20,Hortus GmbH,DE,DE,Hortus GmbH`).join('\n') + '\n';
    await choose(page, 'big.csv', big);
    // Without a token nothing is sent, and the page says why and where to enter it.
    await page.getByRole('button', { name: 'Screen', exact: true }).click();
    assert.equal(await page.getByRole('alert').innerText(), 'Screening records each run in the audit trail, so it is a write: enter the server’s token under “Reviewer” first.');
    await signIn(page, ANALYST, TOKEN);
    await page.getByRole('button', { name: 'Screen', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'big.csv' }).waitFor();
    await page.getByRole('alert').waitFor();
    assert.equal(await page.getByRole('alert').innerText(), `big.csv (${Math.round(Buffer.byteLength(big) / 1024)} KB) is over the server’s limit of 4 KB (4,096 bytes) for a request body. `
      + 'Split the file, or start the server with a larger --body-limit (ARMSCOPE_BODY_LIMIT).');
    assert.deepEqual(problems.filter((p) => !/status of 413/.test(p)), []);
    await page.close();
  });
});
