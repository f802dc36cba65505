/**
 * Briefs: the content of a country brief stated exactly, every citation resolved against the store (the
 * document exists, its URL and date are the source's, the quoted sentence is in its text word for word),
 * a register line cited where the reference data has the deal, a saved rule as scope, article markup
 * escaped in HTML, and a PDF rendered by the real headless Chromium whose text `pdftotext` reads back.
 *
 * Fixture: `test/exchange.ts` (BRIEF_ARTICLES), in a real SQLite file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BRIEF_ARTICLES, exportStore } from '../../test/exchange.js';
import { ROOT, tempDir } from '../../test/helpers.js';
import { defaultKnowledgeBase } from '../extract/index.js';
import type { Store } from '../store/store.js';
import { parseRules } from '../watch/rules.js';
import { buildBrief, type Brief } from './brief.js';
import { renderHtml, renderMarkdown, renderPdf } from './brief-render.js';

const kb = defaultKnowledgeBase();

/** Every citation names a stored document whose text holds the quote, with the document's URL and date. */
async function assertCitationsResolve(store: Store, brief: Brief) {
  const used = new Set([...brief.summary, ...brief.changes, ...brief.cooperation, ...brief.reference.claims, ...brief.openQuestions].flatMap((c) => c.cites)
    .concat(brief.partners.flatMap((p) => p.cites), brief.actors.flatMap((a) => a.cites)));
  assert.deepEqual([...used].sort((a, b) => a - b), brief.citations.map((c) => c.n), 'every citation is used, every mark has its source');
  for (const c of brief.citations) {
    if (c.kind === 'reference') continue;
    const doc = await store.getDocument(c.documentId);
    assert.ok(doc, `[${c.n}] ${c.documentId} is stored`);
    assert.ok(doc.text.includes(c.quote), `[${c.n}] quotes its document word for word`);
    assert.deepEqual([c.url, c.published, c.title], [doc.url, doc.published, doc.title]);
  }
}

async function briefStore(t: Parameters<typeof tempDir>[0] & { after(fn: () => Promise<void>): void }) {
  const store = await exportStore(t, BRIEF_ARTICLES);
  await store.replaceReferenceRecords({ source: 'sipri', file: 'trade-register.csv', generated: '2026-05-18', sha256: 'x', rowCount: 1, importedAt: '2026-06-01T00:00:00Z' }, [{
    id: 'ref-cn-rs', source: 'sipri', line: 4711, supplier: 'CN', supplierName: 'China', recipient: 'RS', recipientName: 'Serbia', designation: 'FK-3',
    description: 'SAM system', systemId: 'system:fk-3', category: 'air-defence', orderYear: { value: 2020, uncertain: false }, numberOrdered: { value: 1, uncertain: false },
    numberDelivered: { value: 1, uncertain: false }, deliveryYears: [2022], status: 'delivered', suppliedAs: 'new', comments: '', tivUnit: null, tivTotal: null, tivDelivered: null,
  }]);
  return store;
}

test('a country brief: summary, partners, changes, people, cooperation, the register, open questions, each cited', async (t) => {
  const store = await briefStore(t);
  const brief = await buildBrief({ store, kb, scope: { country: 'RS' }, since: '2022-01-01', until: '2026-12-06' });
  const md = renderMarkdown(brief);
  assert.equal(md, readFileSync(join(ROOT, 'test', 'fixtures', 'brief-rs.md'), 'utf8'));
  await assertCitationsResolve(store, brief);
  assert.deepEqual(brief.citations.find((c) => c.kind === 'reference'), {
    n: 7, kind: 'reference', source: 'sipri', file: 'trade-register.csv', generated: '2026-05-18', line: 4711, quote: 'China → Serbia: FK-3, ordered 2020, delivered',
  });
});

test('the window: a brief since 2023-03-01 leaves out what was last reported before it', async (t) => {
  const store = await briefStore(t);
  const brief = await buildBrief({ store, kb, scope: { country: 'RS' }, since: '2023-03-01', until: '2026-12-06' });
  assert.deepEqual(brief.partners.map((p) => `${p.partnerName} ${p.goods}`), ['China FK-3', 'United Arab Emirates Nora B-52', 'Russia Pantsir']);
  assert.deepEqual(brief.changes.map((c) => c.text), [
    '2023-06-01: first report of Russia → Serbia Pantsir (delivered).',
    '2023-07-01: first report of Serbia → United Arab Emirates Nora B-52 (agreed).',
    '2023-08-01: China → Serbia FK-3 moved from delivered to denied (third.test).',
  ]);
  assert.deepEqual(brief.cooperation, [], 'the exercise was reported on 2023-02-10');
  await assertCitationsResolve(store, brief);
});

test('a saved watch rule as scope, and a system', async (t) => {
  const store = await briefStore(t);
  const [rule] = parseRules('rules:\n  - id: iranian-drones\n    supplier: IR\n    category: uav\n', 'r.yaml', kb.catalog);
  const byRule = await buildBrief({ store, kb, scope: { rule }, since: '2022-01-01', until: '2026-12-06' });
  assert.equal(byRule.title, 'Watch rule iranian-drones');
  assert.deepEqual(byRule.partners.map((p) => `${p.partner} ${p.goods} ${p.status}${p.hedged ? ' hedged' : ''}`), ['VE Shahed-136 delivered hedged', 'RU Shahed-136 delivered']);
  await assertCitationsResolve(store, byRule);
  const bySystem = await buildBrief({ store, kb, scope: { system: 'fk-3' }, since: '2022-01-01', until: '2026-12-06' });
  assert.deepEqual([bySystem.title, bySystem.records, bySystem.citations.length], ['FK-3', 1, 4]);
  await assert.rejects(buildBrief({ store, kb, scope: { system: 'no-such' }, since: '2022-01-01', until: '2026-12-06' }), { message: 'no system no-such in the catalog (try armscope kb search no-such)' });
});

test('HTML escapes article text, embeds its charts as images, and links only http(s)', async (t) => {
  const store = await briefStore(t);
  const brief = await buildBrief({ store, kb, scope: { country: 'RS' }, since: '2022-01-01', until: '2026-12-06' });
  const html = await renderHtml(brief);
  assert.ok(!html.includes('<script'), 'no markup from articles');
  assert.ok(html.includes('<cite>&lt;script&gt;alert(1)&lt;/script&gt; Howitzers for the Gulf</cite>'));
  assert.equal((html.match(/<img class="chart" alt="[^"]+" src="data:image\/svg\+xml;base64,/g) ?? []).length, 2);
  assert.ok(html.includes('<li id="source-4">news.test, 2022-01-15, <cite>Serbia signs for Chinese air defence</cite>. <a href="https://news.test/fk3-contract">https://news.test/fk3-contract</a><br><q>Serbia signed a contract with China for FK-3 air defence systems.</q></li>'));
  const svg = Buffer.from(/src="data:image\/svg\+xml;base64,([^"]+)"/.exec(html)![1], 'base64').toString('utf8');
  assert.ok(svg.startsWith('<svg') && svg.includes('Transfer records by year first reported'));
});

test('a PDF brief from headless Chromium, read back with pdftotext; and the command line', async (t) => {
  const dir = tempDir(t);
  const store = await briefStore(t);
  const brief = await buildBrief({ store, kb, scope: { country: 'RS' }, since: '2022-01-01', until: '2026-12-06' });
  const pdf = await renderPdf(brief);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  const file = join(dir, 'brief.pdf');
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  for (const expected of [
    'Brief: Serbia', 'Partners and systems', 'Open questions',
    'Conflicting reports on China → Serbia FK-3: delivered (other.test) vs denied (third.test)',
    'Aleksandar Vučić (person)', '“Serbia signed a contract with China for FK-3 air defence systems.”',
    'SIPRI trade register (trade-register.csv, generated 2026-05-18), line 4711',
  ]) assert.ok(text.includes(expected), `the PDF says: ${expected}`);

  // The command line writes the same brief to a file.
  const db = store.location;
  await store.close();
  const out = join(dir, 'cli.md');
  const run = spawn(process.execPath, [join(ROOT, 'bin', 'armscope.mjs'), 'brief', '--db', db, '--country', 'RS', '--since', '2022-01-01', '--until', '2026-12-06', '--format', 'md', '--out', out], { cwd: ROOT });
  let stderr = '';
  run.stderr.on('data', (d) => { stderr += d; });
  const code = await new Promise((resolve) => run.on('exit', resolve));
  assert.deepEqual([code, stderr], [0, `armscope brief: ${out}: 3 record(s), 7 citation(s)\n`]);
  assert.ok(existsSync(out));
  assert.equal(readFileSync(out, 'utf8'), renderMarkdown(brief));
});
