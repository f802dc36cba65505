/**
 * The HTML report in a real browser (Debian's Chromium, headless, driven by playwright-core): a parts file
 * whose cells carry markup and script shows them as text, runs none of it and loads nothing. The parts
 * file is written inline; no list is loaded (the markup is the point, not the matches).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { tempDir } from '../../test/helpers.js';
import { SqliteStore } from '../store/sqlite.js';
import { readParts } from './parts.js';
import { renderHtml } from './report.js';
import { buildIndex, screenParts } from './screen.js';

const CHROMIUM = '/usr/bin/chromium';

test('the HTML report shows hostile cells as text in Chromium and runs nothing', { skip: existsSync(CHROMIUM) ? undefined : `no ${CHROMIUM}` }, async (t) => {
  const store = new SqliteStore(join(tempDir(t), 'store.db'));
  t.after(() => store.close());
  const csv = 'Part Number,Description,HS Code,Manufacturer,Qty,Customer,Customer Country,Ship-to Country,End User\n'
    + '"<img src=x onerror=""window.hit=1"">","<script>window.hit=2</script>GPS receiver",8526.91,"<iframe src=javascript:window.hit=3>",1,"<b>Bold</b> Trading",DE,DE,"x"\n';
  const bytes = Buffer.from(csv);
  const { index, versions } = await buildIndex(store, { cache: false });
  const report = await screenParts(store, await readParts(bytes, 'hostile.csv'), bytes, { index, versions });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  t.after(() => browser.close());
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (r) => { if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url()); });
  await page.setContent(renderHtml(report), { waitUntil: 'load' });
  assert.equal(await page.evaluate(() => (window as unknown as { hit?: number }).hit), undefined);
  assert.deepEqual(await page.evaluate(() => [document.querySelectorAll('script, img, iframe, b > b').length, document.querySelectorAll('tbody tr').length]), [0, 1]);
  const cells = await page.$$eval('tbody td', (tds) => tds.slice(0, 8).map((td) => td.textContent));
  assert.deepEqual(cells, ['2', 'high', '<img src=x onerror="window.hit=1">', '<script>window.hit=2</script>GPS receiver', '8526.91', '<iframe src=javascript:window.hit=3>', '1', '<b>Bold</b> TradingDE']);
  assert.deepEqual(requests, []);
});
