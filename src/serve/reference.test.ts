/**
 * The reference layer of the API in process (`app.request`), on SQLite and on PostgreSQL (skipped with the
 * reason where no server can be reached). Fixture strategy: the samples and seeds ingested with the real
 * extractor (test/api.ts), into a store of this file's own, then the real SIPRI export of 18 May 2026
 * imported through `POST /api/reference/import` by its path under ../shared/data (read there, never
 * copied); a made-up export of two deals in SIPRI's format, written inline, for the CSV body.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { STORE_BACKENDS } from '../../test/stores.js';
import { corpusStore } from '../../test/api.js';
import { SHARED } from '../../test/helpers.js';
import { defaultKnowledgeBase } from '../extract/index.js';
import { compareWithReference } from '../reference/compare.js';
import { systemLinks } from '../resolve/goods.js';
import { createApp } from './app.js';

const DATA = join(SHARED, 'data');
const TOKEN = 'test-token';

const SMALL = `Made-up export for tests\n\nData generated: 2 March 2027 9:00:00 AM
Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons
Serbia,China,2020,,3,?,HQ-22,surface-to-air missile system,3,?,2022; 2023,New,,55,165,165
Serbia,France,2024,,12,,Rafale F-4,fighter/ground-attack aircraft,0,,,New,,60,720,0
`;

for (const backend of STORE_BACKENDS) {
  describe(`reference layer of the HTTP API over ${backend.name}`, { skip: backend.skip }, () => {
    const store = corpusStore(backend);
    const app = async (options: { readOnly?: boolean; token?: string } = { token: TOKEN }) => createApp({ store: await store(), ingestRoot: DATA, today: () => '2026-12-06', ...options });
    const call = async (path: string, init: RequestInit = {}, options?: { readOnly?: boolean; token?: string }) => {
      const res = await (await app(options)).request(path, init);
      return { status: res.status, headers: res.headers, body: res.headers.get('content-type')?.includes('json') ? await res.json() as any : await res.text() as any };
    };
    const importPath = (path: string, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }, options?: { readOnly?: boolean; token?: string }) =>
      call('/api/reference/import', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ path }) }, options);

    test('before any import: reference reads are 404 naming the import, records carry reference: null, the profile reference: null', async () => {
      const none = await call('/api/comparison');
      assert.deepEqual([none.status, none.body.error], [404, 'not-found']);
      assert.equal((await call('/api/reference')).status, 404);
      const records = (await call('/api/records?supplier=CN&recipient=RS')).body;
      assert.deepEqual(records.items.map((r: any) => `${r.system} ${r.reference}`), ['CH-92A null', 'FK-3 null', 'Y-20 null', 'null null']);
      assert.equal((await call('/api/countries/RS?as_of=2022-04-30')).body.reference, null);
      const filtered = await call('/api/records?reference=matched');
      assert.deepEqual([filtered.status, filtered.body.details.parameter], [404, 'reference']);
    });

    test('import is refused without the token, with a wrong one, under read-only, and outside the ingest root', async () => {
      const csv = 'sipri-trade-register-2026-05-18.csv';
      const missing = await importPath(csv, {});
      assert.deepEqual([missing.status, missing.body.error, missing.body.details.reason, missing.headers.get('www-authenticate')],
        [401, 'unauthorized', 'missing-token', 'Bearer realm="armscope"']);
      assert.deepEqual([(await importPath(csv, { authorization: 'Bearer nope' })).status], [401]);
      const readOnly = await importPath(csv, { authorization: `Bearer ${TOKEN}` }, { readOnly: true, token: TOKEN });
      assert.deepEqual([readOnly.status, readOnly.body.details.reason], [403, 'read-only']);
      assert.deepEqual((await importPath(csv, {}, {})).body.details.reason, 'no-token');
      assert.deepEqual((await importPath('../data/x.csv')).body.details.reason, 'parent');
      assert.deepEqual((await importPath('/etc/passwd')).body.details.reason, 'absolute');
      assert.equal((await call('/api/reference')).status, 404, 'nothing was imported');
    });

    test('import of the real register by path, then the comparison: exact classes of the samples’ records', async () => {
      const imported = await importPath('sipri-trade-register-2026-05-18.csv');
      assert.equal(imported.status, 200, JSON.stringify(imported.body));
      assert.deepEqual([imported.body.file, imported.body.generated, imported.body.rows, imported.body.partiesMapped, imported.body.systemsMapped, imported.body.replaced],
        ['sipri-trade-register-2026-05-18.csv', '2026-05-18', 29916, 25497, 17803, null]);

      const cmp = (await call('/api/comparison?recipient=RS&limit=500')).body;
      assert.deepEqual(cmp.counts, { matched: 7, 'status-differs': 3, 'reported-not-in-reference': 3, 'reference-only': 47 });
      assert.deepEqual(cmp.items.map((r: any) => `${r.class} ${r.supplier}>${r.recipient} ${r.goods} ${r.news_status} ${r.goods_match} ${r.line} ${r.designation}`), [
        'matched CN>RS CH-92A delivered system 21937 CH-92',
        'matched CN>RS FK-3 delivered variant 21938 HQ-22',
        'reported-not-in-reference CN>RS Y-20 delivered null null null',
        'reported-not-in-reference CN>RS surveillance agreed null null null',
        'matched FR>RS Rafale agreed variant 21927 Rafale F-4',
        'reported-not-in-reference IR>RS uav interest null null null',
        'matched RU>RS MiG-29 delivered system 21951 MiG-29',
        'matched RU>RS Pantsir-S1 delivered system 21932 Pantsyr-S1',
        'matched RU>RS T-72MS delivered variant 21942 T-72',
        'status-differs RU>RS Kornet agreed system 21967 Kornet',
        'status-differs RU>RS Mi-17 agreed system 21946 Mi-17',
        'status-differs RU>RS Mi-35 agreed variant 21955 Mi-35M',
        'matched RU>RS helicopter delivered category 21946 Mi-17',
      ]);
      // The endpoint and the command line's core agree row for row.
      const core = await compareWithReference(await store(), systemLinks(defaultKnowledgeBase().catalog), { recipient: 'RS' });
      assert.deepEqual(cmp.items.map((r: any) => r.record_id), core.records.map((r) => r.record.id));

      const differs = (await call('/api/comparison?class=status-differs&limit=500')).body;
      assert.deepEqual(differs.items.map((r: any) => `${r.supplier}>${r.recipient} ${r.goods} ${r.reason}`), [
        'FR>GR Rafale news: agreed; register: delivered, Rafale ordered 2021 (6 of 6 delivered, line 9185)',
        'RU>IR Su-35 news: delivered; register: ordered, Su-35S ordered 2023? (0 of ? delivered, line 11921)',
        'RU>RS Kornet news: agreed; register: delivered, Kornet ordered 2021? (300? of 300? delivered, line 21967)',
        'RU>RS Mi-17 news: agreed; register: delivered, Mi-17 ordered 2018? (3 of 3 delivered, line 21946)',
        'RU>RS Mi-35 news: agreed; register: delivered, Mi-35M ordered 2018? (4 of 4 delivered, line 21955)',
        'TR>AL TB2 news: agreed; register: delivered, Bayraktar TB-2 ordered 2022 (6 of 6 delivered, line 197)',
        'TR>XK TB2 news: agreed; register: delivered, Bayraktar TB-2 ordered 2022 (5 of 5 delivered, line 14331)',
      ]);
      const csv = (await call('/api/comparison?class=matched&supplier=cn&format=csv')).body;
      assert.deepEqual(csv.split('\n').map((l: string) => l.split(',').slice(0, 4).join(',')), ['class,supplier,recipient,goods', 'matched,CN,RS,CH-92A', 'matched,CN,RS,FK-3', '']);
      const only = (await call('/api/comparison?class=reference-only&recipient=RS&year_from=2023&year_to=2025')).body;
      assert.deepEqual(only.items.map((r: any) => `${r.supplier}>${r.recipient} ${r.designation} ${r.order_year}`), [
        'HU>RS BTR-80A 2023', 'RU>RS 32V01 2023', 'CN>RS HQ-17 2023', 'IL>RS EXTRA 2024', 'CN>RS HQ-17A 2023', 'IL>RS SkyStriker 2023',
        'US>RS vehicle engine 2023', 'IL>RS PULS 2024', 'IL>RS Hermes-900 2024',
      ]);
    });

    test('records carry their class and the matched deal; ?reference= filters by it', async () => {
      const fk3 = (await call('/api/records?supplier=CN&recipient=RS')).body.items[1];
      assert.deepEqual([fk3.system, fk3.reference], ['FK-3', {
        class: 'matched', referenceId: '4835029eacfaca456817', goods: 'variant', reason: 'register: delivered, HQ-22 ordered 2020 (3? of 3? delivered, line 21938)',
      }]);
      const one = (await call(`/api/records/${fk3.id}`)).body;
      assert.deepEqual(one.reference, fk3.reference);
      const matched = (await call('/api/records?reference=matched&limit=500')).body;
      // In the store's order (corroboration first), as without the filter.
      assert.deepEqual(matched.items.map((r: any) => `${r.supplier}>${r.recipient} ${r.system}`), [
        'IR>RU Shahed-136', 'CN>RS CH-92A', 'CN>RS FK-3', 'RU>RS MiG-29', 'RU>RS Pantsir-S1', 'RU>RS T-72MS', 'RU>IR null', 'RU>IR null', 'RU>IR null',
        'FR>HR Rafale', 'FR>RS Rafale', 'FR>AM CAESAR', 'IN>PH BrahMos', 'DE>UA null', 'DE>UA IRIS-T SLM', 'RU>IR Yak-130', 'TR>MA Bayraktar TB2',
        'RU>RS null', 'RU>IR null', 'IR>RU null', 'RU>IR null', 'TR>XK null',
      ]);
      assert.ok(matched.items.every((r: any) => r.reference.class === 'matched'));
      const notIn = (await call('/api/records?reference=reported-not-in-reference&country=RS')).body;
      assert.deepEqual(notIn.items.map((r: any) => `${r.supplier}>${r.recipient} ${r.system}`), ['CN>RS Y-20', 'CN>RS null', 'IR>RS null']);
      const csv = (await call('/api/records?supplier=CN&recipient=RS&format=csv')).body;
      assert.deepEqual(csv.split('\n')[0].split(',').slice(-2), ['reference', 'reference_id']);
      const bad = await call('/api/records?reference=maybe');
      assert.deepEqual([bad.status, bad.body.details.parameter], [400, 'reference']);
    });

    test('reference deals: filtered by parties, system, category and years; reported=false leaves out the matched; CSV', async () => {
      const rs = (await call('/api/reference?supplier=CN&recipient=RS')).body;
      assert.deepEqual(rs.items.map((r: any) => `${r.line} ${r.designation} ${r.systemId} ${r.orderYear.value} ${r.status} ${r.tivDelivered}`), [
        '21926 HQ-17 system:hq-17 2023 delivered 50', '21934 FT-8 null 2019 delivered 0.5', '21937 CH-92 system:ch-92a 2019 delivered 6',
        '21938 HQ-22 system:hq-22 2020 delivered 165', '21939 HQ-22 system:hq-22 2020 delivered 250', '21940 HQ-17A system:hq-17 2023 delivered 100',
        '21963 CH-95 system:ch-95 2022 delivered 20',
      ]);
      assert.deepEqual((await call('/api/reference?recipient=RS&supplier=CN&reported=false')).body.items.map((r: any) => r.line), [21926, 21934, 21939, 21940, 21963], 'the second HQ-22 order was matched by no record');
      assert.deepEqual((await call('/api/reference?recipient=RS&supplier=CN&reported=true')).body.items.map((r: any) => r.line), [21937, 21938]);
      assert.deepEqual((await call('/api/reference?system=system:pantsir-s1&recipient=RS')).body.items.map((r: any) => `${r.line} ${r.supplier} ${r.orderYear.value}`), ['21932 RU 2018']);
      assert.deepEqual((await call('/api/reference?recipient=RS&category=armoured-vehicle&year_from=2015&year_to=2020')).body.items.map((r: any) => `${r.line} ${r.designation}`), ['21929 BRDM-2', '21942 T-72']);
      const csv = (await call('/api/reference?supplier=CN&recipient=RS&format=csv')).body;
      assert.deepEqual(csv.split('\n').slice(0, 2), [
        'id,line,supplier,supplier_name,recipient,recipient_name,designation,description,system_id,category,order_year,number_ordered,number_delivered,delivery_years,status,supplied_as,tiv_unit,tiv_total,tiv_delivered,comments',
        'e8be11e8c68121155ab2,21926,CN,China,RS,Serbia,HQ-17,surface-to-air missile,system:hq-17,air-defence,2023?,200?,200?,2024; 2025,delivered,new,0.25,50,50,For HQ-17A SAM system',
      ]);
      const bad = await call('/api/reference?year_from=2020&year_to=2010');
      assert.deepEqual([bad.status, bad.body.details.parameter], [400, 'year_from']);
      assert.deepEqual((await call('/api/reference?supplier=China')).body.details.parameter, 'supplier');
    });

    test('the country profile gains SIPRI TIV by supplier and order year beside the news-reported records', async () => {
      const rs = (await call('/api/countries/RS?as_of=2022-04-30')).body;
      assert.deepEqual([rs.reference.source, rs.reference.generated], ['sipri', '2026-05-18']);
      // China's two HQ-22 orders of 2020 (lines 21938 and 21939): 165 + 250 TIV, all delivered.
      assert.deepEqual(rs.reference.tivBySupplierYear.filter((a: any) => a.year >= 2019 && a.year <= 2021).map((a: any) => `${a.year} ${a.supplier} ${a.deals} ${a.tivOrdered} ${a.tivDelivered}`), [
        '2019 CN 2 6.5 6.5', '2019 FR 1 4.5 4.5', '2019 RU 3 42.5 42.5', '2020 CN 2 415 415', '2020 US 1 4.17 1.5',
        '2021 BE 1 6 6', '2021 DK 1 90 7.5', '2021 FR 2 109 109', '2021 DE 2 29.95 26.7', '2021 RU 1 12 12',
      ]);
      assert.deepEqual(rs.imports.map((t: any) => t.partner), ['RU', 'CN', 'FR', 'IR'], 'the news-reported side is unchanged');
    });

    test('import of a CSV body replaces the register; a body that is no export is a 422 naming it', async () => {
      const res = await call('/api/reference/import', { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${TOKEN}` }, body: SMALL });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual([res.body.file, res.body.generated, res.body.rows, res.body.replaced.file], ['request body', '2027-03-02', 2, 'sipri-trade-register-2026-05-18.csv']);
      const cmp = (await call('/api/comparison?recipient=RS')).body;
      assert.deepEqual(cmp.counts, { matched: 2, 'status-differs': 0, 'reported-not-in-reference': 11, 'reference-only': 0 });
      const bad = await call('/api/reference/import', { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${TOKEN}` }, body: 'a,b\n1,2\n' });
      assert.deepEqual([bad.status, bad.body.message], [422, 'request body: no header row "Recipient,Supplier,..." in the first 200 lines: not a SIPRI trade-register export']);
      assert.equal((await call('/api/reference')).body.items.length, 2, 'the refused body left the import in place');
    });
  });
}
