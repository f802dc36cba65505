/**
 * Review in the analyst workspace, in a real browser. Fixtures: the demo data (the bundled samples, 13
 * articles, as `armscope demo` ingests them) in a fresh SQLite store; the real server with a bearer token
 * on a free loopback port, and a second one over the same store without a token (it takes no writes);
 * Debian's Chromium driven by playwright-core. The analyst signs in through the workspace's dialog, works
 * the queue from the keyboard, and every decision is checked through the API's log and on screen.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ensureWorkspaceBuilt, launchChromium, signIn, SHOTS, WEB, watchedPage } from './browser.js';
import { ROOT } from './helpers.js';
import { ingest } from '../src/ingest/pipeline.js';
import { createExtractor } from '../src/jobs/extractor.js';
import { startServer, type RunningServer } from '../src/serve/server.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';

const SAMPLES = join(ROOT, 'samples');
const TOKEN = 'review-ui-test-token-7f3a';
const ANALYST = 'Ana Petrović';

/** The queue's head on the demo data, highest priority first. */
const BRAHMOS = 'e96f88ee2506b7aa'; // IN → PH BrahMos, agreed: low confidence, first report, a large deal
const RAFALE_NO_SYSTEM = 'df143634234bcc82'; // FR → RS with no system read, agreed
const RAFALE_RS = 'adfb07d062ed2fe8'; // FR → RS Rafale, agreed
const CAESAR = 'a284c3aafadffd44'; // FR → AM CAESAR, agreed (the record's only mention)

let dir: string;
let store: Store;
let server: RunningServer;
let closed: RunningServer;
let browser: Browser;

const open = () => watchedPage(browser);

const currentItem = (page: Page) => page.locator('ol.queue > li[aria-current="true"]').getAttribute('data-event');

before(async () => {
  ensureWorkspaceBuilt();
  dir = mkdtempSync(join(tmpdir(), 'armscope-review-ui-'));
  store = await openStore(join(dir, 'demo.db'));
  const files = readdirSync(SAMPLES).filter((f) => f !== 'README.md').sort().map((f) => join(SAMPLES, f));
  const summary = await ingest(files, store, { extract: createExtractor() });
  assert.equal(summary.added, 13);
  server = await startServer({ store, webRoot: WEB, token: TOKEN }, { host: '127.0.0.1', port: 0 });
  closed = await startServer({ store, webRoot: WEB }, { host: '127.0.0.1', port: 0 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await closed?.close();
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('review in the workspace', () => {
  test('the queue from the keyboard: confirm, reject, correct; the log, the register and the reader show them', async () => {
    const { page, problems, requests } = await open();
    await page.goto(`${server.url}/review`);
    await page.locator('ol.queue > li').first().waitFor();
    assert.equal(await currentItem(page), BRAHMOS);
    // The queue's chunk comes alone: no map, graph or chart code.
    assert.deepEqual(requests.filter((r) => /\/assets\/(MapView|Network|chart|Country|Timeline)-/.test(r)), []);
    assert.equal(requests.filter((r) => /\/assets\/Review-.*\.js$/.test(r)).length, 1);
    assert.equal(await page.locator('.progress-line .summary').innerText(), '0 decided, 45 open (0% of 45)');
    assert.deepEqual(await page.locator('ol.queue > li').first().locator('ul.reasons li').allInnerTexts(),
      ['low confidence (0.53)', 'first report of IN supplying PH', 'a large deal']);

    // Without a name and token, a decision key says why nothing happens.
    await page.keyboard.press('c');
    assert.equal(await page.getByRole('alert').innerText(), 'Enter your name and the server’s token under “Reviewer” to decide.');
    assert.equal(await page.locator('ol.queue > li').count(), 45);

    // `?` shows the keys over the queue and hides them again.
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByText('open the sentence in the reader').waitFor();
    await page.keyboard.press('?');
    assert.equal(await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).count(), 0);

    await signIn(page, ANALYST, TOKEN);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('armscope.token')), TOKEN);
    assert.equal(await page.evaluate(() => localStorage.length), 0);
    assert.ok(!page.url().includes(TOKEN));

    await page.locator('ol.queue > li[aria-current="true"]').focus();
    await page.keyboard.press('c');
    await page.getByRole('status').filter({ hasText: 'Confirmed: IN → PH BrahMos' }).waitFor();
    assert.equal(await currentItem(page), RAFALE_NO_SYSTEM);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-event')), RAFALE_NO_SYSTEM);
    await page.keyboard.press('x');
    await page.getByRole('status').filter({ hasText: 'Rejected: FR → RS' }).waitFor();
    assert.equal(await currentItem(page), RAFALE_RS);
    await page.keyboard.press('j');
    assert.equal(await currentItem(page), CAESAR);
    await page.keyboard.press('e');
    const form = page.getByRole('form', { name: 'Correction' });
    await form.waitFor();
    assert.equal(await form.locator('select[name=status]').evaluate((el) => el === document.activeElement), true);
    await form.locator('select[name=status]').selectOption('delivered');
    await form.locator('select[name=status]').press('Enter');
    await page.getByRole('status').filter({ hasText: 'Corrected (status): FR → AM CAESAR' }).waitFor();
    assert.equal(await page.locator('.progress-line .summary').innerText(), '3 decided, 42 open (7% of 45)');
    assert.equal(await page.locator('ol.queue > li').count(), 42);
    assert.equal(await page.locator(`ol.queue > li[data-event="${CAESAR}"], ol.queue > li[data-event="${BRAHMOS}"]`).count(), 0);
    await page.screenshot({ path: join(SHOTS, 'review-queue.png') });

    // The API's log holds exactly these three, newest first.
    const log = await (await fetch(`${server.url}/api/review/log`)).json() as { items: { eventId: string; verdict: string; fields: object; author: string; via: string | null; state: string }[] };
    assert.deepEqual(log.items.map((d) => ({ eventId: d.eventId, verdict: d.verdict, fields: d.fields, author: d.author, via: d.via, state: d.state })), [
      { eventId: CAESAR, verdict: 'correct', fields: { status: 'delivered' }, author: ANALYST, via: null, state: 'applied' },
      { eventId: RAFALE_NO_SYSTEM, verdict: 'reject', fields: {}, author: ANALYST, via: null, state: 'applied' },
      { eventId: BRAHMOS, verdict: 'confirm', fields: {}, author: ANALYST, via: null, state: 'applied' },
    ]);

    // `o` opens the current item's sentence in the reader: the one after CAESAR took the focus.
    const next = await currentItem(page);
    assert.equal(await page.locator('ol.queue > li').nth(1).getAttribute('data-event'), next);
    await page.keyboard.press('o');
    await page.waitForURL(new RegExp(`/reader\\?doc=.*&s=\\d+&explain=${next}`));
    await page.locator('.sentence.selected').waitFor();

    // The register: the corrected status and the reviewed mark, by whom.
    await page.goto(`${server.url}/records?reviewed=yes`);
    await page.locator('tr[data-row]').first().waitFor();
    const rows = await page.locator('tr[data-row]').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    const col = (name: string) => 1 + ['Supplier', 'Recipient', 'System', 'Category', 'Qty', 'Status', 'Years', 'Hedged', 'Conflicts', 'Confidence', 'Sources', 'Reliability', 'Credibility', 'Reviewed'].indexOf(name);
    const today = new Date().toISOString().slice(0, 10);
    assert.deepEqual(rows.map((r) => [r[0], r[1], r[2], r[col('Status') - 1], r[col('Reviewed') - 1]]).sort(), [
      ['France', 'Armenia', 'CAESAR', 'delivered', `✓ corrected: status · ${ANALYST}`],
      ['India', 'Philippines', 'BrahMos', 'agreed', `✓ confirmed · ${ANALYST}`],
    ]);
    const caesar = page.locator('tr[data-row]', { hasText: 'CAESAR' });
    await caesar.click();
    const detail = page.locator('tr.detail');
    await detail.getByText('1 of 1 mention reviewed; fields set by analysts: status').waitFor();
    assert.equal(await detail.locator('.record-review .reviewed').innerText(), `✓ corrected: status · ${ANALYST} · ${today}`);
    await page.screenshot({ path: join(SHOTS, 'review-register-row.png') });

    // The reader marks the verdict on the event.
    await page.goto(`${server.url}/reader?doc=${(await store.listEvents({ ids: [BRAHMOS] }))[0].documentId}`);
    await page.locator(`li[data-event="${BRAHMOS}"] .reviewed`).waitFor();
    assert.equal(await page.locator(`li[data-event="${BRAHMOS}"] .reviewed`).innerText(), `✓ confirmed · ${ANALYST} · ${today}`);
    await page.locator(`li[data-event="${BRAHMOS}"]`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'review-reader.png') });

    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a whole record from the register; a publisher graded and the reliability column follows', async () => {
    const { page, problems } = await open();
    await page.goto(`${server.url}/records?supplier=RU&recipient=EG`);
    await page.locator('tr[data-row]').first().waitFor();
    const su35 = page.locator('tr[data-row]', { hasText: 'Su-35' });
    assert.equal(await su35.locator(`td:nth-child(12)`).innerText(), 'F');
    // Without a token the record's buttons are off and say why.
    await su35.click();
    const buttons = page.getByRole('group', { name: 'Review the whole record' });
    assert.equal(await buttons.getByRole('button', { name: 'Confirm' }).isDisabled(), true);
    assert.equal(await buttons.getByRole('button', { name: 'Confirm' }).getAttribute('title'), 'Enter your name and the server’s token under “Reviewer” to decide');
    await signIn(page, ANALYST, TOKEN);
    await buttons.getByRole('button', { name: 'Confirm' }).click();
    await page.locator('tr[data-row]', { hasText: 'Su-35' }).locator('.reviewed').waitFor();
    const viaRecord = await (await fetch(`${server.url}/api/review/log?record=a47873ac0432`)).json() as { items: { verdict: string; via: string; author: string }[] };
    assert.deepEqual(viaRecord.items.map((d) => [d.verdict, d.via, d.author]), [['confirm', 'record:a47873ac0432', ANALYST], ['confirm', 'record:a47873ac0432', ANALYST]]);

    await page.goto(`${server.url}/publishers`);
    await page.getByText('No publisher is graded yet').waitFor();
    await page.locator('input[name=publisher]').fill('example.org');
    await page.locator('select[name=grade]').selectOption('A');
    await page.locator('input[name=note]').fill('the feed behind the samples');
    await page.getByRole('button', { name: 'Set grade' }).click();
    await page.getByRole('status').filter({ hasText: `example.org graded A (completely reliable) by ${ANALYST}.` }).waitFor();
    assert.deepEqual((await page.locator('table[aria-label="Graded publishers"] tbody td').allInnerTexts()).slice(0, 4), ['example.org', 'A completely reliable', 'the feed behind the samples', ANALYST]);

    await page.goto(`${server.url}/records?supplier=FR&recipient=AM`);
    const caesar = page.locator('tr[data-row]', { hasText: 'CAESAR' });
    await caesar.waitFor();
    assert.deepEqual((await caesar.locator('td').allInnerTexts()).slice(11, 13), ['A', '2 probably true']);
    // The reliability filter, held in the URL: records with a publisher graded A.
    await page.goto(`${server.url}/records`);
    await page.locator('tr[data-row]').first().waitFor();
    await page.selectOption('select[name=reliability]', 'A');
    await page.waitForURL(/reliability=A/);
    await page.waitForFunction(() => document.querySelectorAll('tr[data-row]').length === 5);
    assert.deepEqual((await page.locator('tr[data-row] td:nth-child(3)').allInnerTexts()).sort(), ['Bayraktar TB2', 'BrahMos', 'CAESAR', 'Rafale', 'Su-35']);
    await page.selectOption('select[name=max_credibility]', '1');
    await page.waitForURL(/max_credibility=1/);
    await page.waitForFunction(() => document.querySelectorAll('tr[data-row]').length === 1);
    // Two publishers state Russia's Su-35 for Egypt: credibility 1.
    assert.deepEqual((await page.locator('tr[data-row] td').allInnerTexts()).slice(0, 3), ['Russia', 'Egypt', 'Su-35']);
    assert.equal(await page.locator('tr[data-row] td:nth-child(13)').innerText(), '1 confirmed by other sources');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('a refused write is said in words: the wrong token, and a server started without --token', async () => {
    const wrong = await open();
    await wrong.page.goto(`${server.url}/review`);
    await wrong.page.locator('ol.queue > li').first().waitFor();
    await signIn(wrong.page, ANALYST, 'not-the-token');
    await wrong.page.keyboard.press('c');
    assert.match(await wrong.page.getByRole('alert').innerText(), /^The server refused the token: check it under “Reviewer”\. the bearer token is not the one configured \(HTTP 401, unauthorized\)$/);
    assert.deepEqual(wrong.problems.filter((p) => !/status of 401/.test(p)), []);
    await wrong.page.close();

    const none = await open();
    await none.page.goto(`${closed.url}/review`);
    await none.page.locator('ol.queue > li').first().waitFor();
    await signIn(none.page, ANALYST, TOKEN);
    await none.page.keyboard.press('x');
    assert.match(await none.page.getByRole('alert').innerText(), /^The server takes no writes: start it with --token \(or ARMSCOPE_TOKEN\) and without --read-only\. writes are disabled: the server has no ARMSCOPE_TOKEN \(or --token\) configured \(HTTP 403, forbidden\)$/);
    assert.deepEqual(none.problems.filter((p) => !/status of 403/.test(p)), []);
    await none.page.close();
    const log = await (await fetch(`${server.url}/api/review/log`)).json() as { items: unknown[] };
    assert.equal(log.items.length, 5, 'the refused writes stored nothing');
  });

  test('a page of the queue worked through asks the server for the next', async () => {
    const { page, problems } = await open();
    const before = await (await fetch(`${server.url}/api/review/queue?supplier=TR`)).json() as { decided: number; open: number; items: { event: { id: string } }[] };
    assert.deepEqual([before.decided, before.open], [0, 9]);
    await page.goto(`${server.url}/review?supplier=TR&limit=1`);
    await page.locator('ol.queue > li').first().waitFor();
    assert.equal(await currentItem(page), before.items[0].event.id);
    await signIn(page, ANALYST, TOKEN);
    await page.keyboard.press('c');
    await page.getByText('This page of the queue is done; 8 more wait.').waitFor();
    await page.getByRole('button', { name: 'Load the next items' }).click();
    await page.locator(`ol.queue > li[data-event="${before.items[1].event.id}"]`).waitFor();
    assert.equal(await page.locator('.progress-line .summary').innerText(), '1 decided, 8 open (11% of 9)');
    assert.deepEqual(problems, []);
    await page.close();
  });
});
