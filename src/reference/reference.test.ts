/**
 * The reference layer through the Store interface, on every backend (SQLite; PostgreSQL skipped with the
 * reason where no server can be reached). Fixture strategy: the real SIPRI export from ../shared/data; a
 * newer export of two made-up deals written inline; four short reports in our own words, ingested with
 * the real extractor, one for each class of the comparison (two of them matched).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED, tempDir } from '../../test/helpers.js';
import { STORE_BACKENDS, type TestContext } from '../../test/stores.js';
import { defaultKnowledgeBase } from '../extract/index.js';
import { createExtractor } from '../jobs/extractor.js';
import { ingest } from '../ingest/pipeline.js';
import { systemLinks } from '../resolve/goods.js';
import type { Store } from '../store/store.js';
import { compareWithReference, tivBySupplierYear } from './compare.js';
import { importSipri } from './import.js';

const SIPRI_CSV = join(SHARED, 'data', 'sipri-trade-register-2026-05-18.csv');
const kb = defaultKnowledgeBase();
const links = systemLinks(kb.catalog);

const NEWER = `Made-up export for tests\n\nData generated: 2 March 2027 9:00:00 AM
Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons
Serbia,France,2024,,12,,Rafale F-4,fighter/ground-attack aircraft,4,?,2026,New,,60,720,240
Kosovo,Turkiye,2022,,5,,Bayraktar TB-2,armed drone,5,,2023,New,,2.4,12,12
`;

/** Four reports: a delivery the register lists, one it lists as only ordered, one it does not list, and one more it lists. */
const REPORTS = [
  { url: 'https://news-one.example/fk3', published: '2022-04-10', text: 'China delivered FK-3 air defence systems to Serbia, the defence ministry in Belgrade said.' },
  { url: 'https://news-two.example/rafale', published: '2025-03-02', text: 'France has delivered the first Rafale fighter jets to Serbia, officials said at an air base near Belgrade.' },
  { url: 'https://news-one.example/su35', published: '2024-05-20', text: 'Russia delivered Su-35 fighter jets to Serbia, a Russian newspaper reported on Monday.' },
  { url: 'https://news-three.example/tb2', published: '2023-02-05', text: 'Kosovo received Bayraktar TB2 drones from Türkiye, the ministry in Pristina announced at a ceremony.' },
];

async function withReports(t: TestContext, store: Store) {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'reports.jsonl'), REPORTS.map((r) => JSON.stringify({ ...r, language: 'en', title: r.text.slice(0, 30) })).join('\n'));
  const summary = await ingest([dir], store, { extract: createExtractor() });
  assert.equal(summary.added, 4);
}

for (const backend of STORE_BACKENDS) {
  describe(`SIPRI reference: ${backend.name}`, { skip: backend.skip }, () => {
    test('the real export loads whole; the same file again leaves the same rows; a newer export replaces it', async (t) => {
      const store = await backend.open(t);
      const first = await importSipri(store, SIPRI_CSV, kb);
      t.diagnostic(`${backend.name}: read ${first.milliseconds.read} ms, mapped ${first.milliseconds.map} ms, stored ${first.milliseconds.store} ms`);
      assert.deepEqual([first.rows, first.partiesMapped, first.replaced], [29_916, 25_497, null]);
      assert.equal(await store.countReferenceRecords(), 29_916);
      assert.equal(await store.countReferenceRecords({ systemId: 'system:hq-22' }), 4);
      assert.equal(await store.countReferenceRecords({ category: 'uav' }), 391);
      const ids = (await store.listReferenceRecords()).map((r) => r.id);
      assert.equal(new Set(ids).size, 29_916);
      const stored = await store.getReferenceImport('sipri');
      assert.deepEqual([stored?.file, stored?.generated, stored?.rowCount, stored?.sha256.slice(0, 12)], [SIPRI_CSV, '2026-05-18', 29_916, '42230eb8758d']);

      const again = await importSipri(store, SIPRI_CSV, kb);
      assert.deepEqual([again.rows, again.replaced?.generated, again.replaced?.rowCount], [29_916, '2026-05-18', 29_916]);
      assert.equal(await store.countReferenceRecords(), 29_916);
      assert.deepEqual((await store.listReferenceRecords()).map((r) => r.id), ids, 'the same ids, in the same order');

      const newer = join(tempDir(t), 'newer.csv');
      writeFileSync(newer, NEWER);
      const replaced = await importSipri(store, newer, kb);
      assert.deepEqual([replaced.rows, replaced.generated, replaced.replaced?.generated], [2, '2027-03-02', '2026-05-18']);
      assert.deepEqual((await store.listReferenceRecords()).map((r) => `${r.line} ${r.supplier}>${r.recipient} ${r.designation} ${r.systemId} ${r.status} ${r.tivDelivered}`),
        ['5 FR>RS Rafale F-4 system:rafale-f4 delivering 240', '6 TR>XK Bayraktar TB-2 system:bayraktar-tb2 delivered 12']);
    });

    test('records compared with the reference: matched, status differs, reported but not in it; reference-only deals; TIV by supplier and year', async (t) => {
      const store = await backend.open(t);
      await withReports(t, store);
      await importSipri(store, SIPRI_CSV, kb);

      const all = await compareWithReference(store, links);
      assert.deepEqual(all.records.map((c) => `${c.class} ${c.record.supplier}>${c.record.recipient} ${c.record.system} [${c.record.status}] ${c.goods} ${c.reference?.line ?? '-'}`), [
        'matched CN>RS FK-3 [delivered] variant 21938',
        'status-differs FR>RS Rafale [delivered] variant 21927',
        'reported-not-in-reference RU>RS Su-35 [delivered] null -',
        'matched TR>XK Bayraktar TB2 [delivered] system 14331',
      ]);
      assert.deepEqual(all.counts, { matched: 2, 'status-differs': 1, 'reported-not-in-reference': 1, 'reference-only': 29_913 });
      assert.deepEqual(all.records.map((c) => c.reason), [
        'register: delivered, HQ-22 ordered 2020 (3? of 3? delivered, line 21938)',
        'news: delivered; register: ordered, Rafale F-4 ordered 2024 (0 of 12 delivered, line 21927)',
        'the register has 18 deal(s) of RU→RS, none of Su-35',
        'register: delivered, Bayraktar TB-2 ordered 2022 (5 of 5 delivered, line 14331)',
      ]);

      const serbia = await compareWithReference(store, links, { recipient: 'RS' });
      assert.deepEqual(serbia.counts, { matched: 1, 'status-differs': 1, 'reported-not-in-reference': 1, 'reference-only': 54 });
      assert.equal(serbia.referenceOnly.some((r) => r.line === 21938 || r.line === 21927), false, 'the matched deals are not reference-only');
      const recent = await compareWithReference(store, links, { recipient: 'RS', fromYear: 2024, toYear: 2025 });
      assert.deepEqual(recent.referenceOnly.map((r) => `${r.line} ${r.supplier} ${r.designation} ${r.status}`),
        ['21928 IL EXTRA ordered', '21975 IL PULS ordered', '21976 IL Hermes-900 ordered']);

      assert.deepEqual((await store.listReferenceRecords({ supplier: 'FR', recipient: 'RS' })).map((r) => `${r.line} ${r.designation} ${r.orderYear.value} ${r.numberDelivered.value}${r.numberDelivered.uncertain ? '?' : ''}/${r.numberOrdered.value}`),
        ['21927 Rafale F-4 2024 0/12', '21931 Mistral 2019 50?/50', '21964 Ground Master-200 2021 7?/7', '21966 Ground Master-400 2021 3?/3']);

      const byOrder = (await tivBySupplierYear(store, 'RS')).filter((a) => a.year >= 2020 && a.year <= 2021);
      assert.deepEqual(byOrder.map((a) => `${a.year} ${a.supplier} ${a.deals} ${a.tivOrdered} ${a.tivDelivered}`),
        ['2020 CN 2 415 415', '2020 US 1 4.17 1.5', '2021 BE 1 6 6', '2021 DK 1 90 7.5', '2021 FR 2 109 109', '2021 DE 2 29.95 26.7', '2021 RU 1 12 12']);
      const byDelivery = (await tivBySupplierYear(store, 'RS', { by: 'delivery' })).filter((a) => a.year === 2023);
      assert.deepEqual(byDelivery.map((a) => `${a.supplier} ${a.deals} ${a.tivOrdered} ${a.tivDelivered}`),
        ['BE 1 null 2', 'CA 1 null 3', 'CN 3 null 217.5', 'CY 1 null 39.6', 'DK 1 null 7.5', 'FR 1 null 19.5', 'DE 1 null 8.667', 'ES 1 null 25']);
    });
  });
}
