/**
 * Screening over HTTP in process (`app.request`), on SQLite and PostgreSQL. Fixture strategy: the real
 * OpenSanctions fixture loaded from ../shared (never copied) with `loadList`, as `armscope lists load` does;
 * parts files from test/fixtures/screen. `/api/match` is checked against the shape yente clients read.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { STORE_BACKENDS } from '../../test/stores.js';
import { ROOT, SHARED } from '../../test/helpers.js';
import { loadList } from '../screen/lists.js';
import { createApp } from './app.js';

const TOKEN = 'test-token';
const ZALA = join(SHARED, 'data', 'opensanctions', 'zala.entities.ftm.json');
const PARTS = readFileSync(join(ROOT, 'test', 'fixtures', 'screen', 'parts-en.csv'));

for (const backend of STORE_BACKENDS) {
  describe(`screening over the HTTP API on ${backend.name}`, { skip: backend.skip }, () => {
    test('POST /api/match answers in yente’s shape: per query key, results with score, match, features, and the explanation', async (t) => {
      const store = await backend.open(t);
      const loaded = await loadList(store, ZALA, { list: 'zala' });
      const app = createApp({ store, token: TOKEN });
      const res = await app.request('/api/match?limit=2', {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ queries: {
          a: { schema: 'Company', properties: { name: ['Kalashnikow Concern'], country: ['ru'] } },
          b: { schema: 'Person', properties: { firstName: ['Никита'], lastName: ['Захаров'] } },
          c: { schema: 'Company', properties: { name: ['Baltic Instruments GmbH'] } },
        } }),
      });
      assert.equal(res.status, 200);
      const body = await res.json() as any;
      assert.deepEqual(Object.keys(body.responses), ['a', 'b', 'c']);
      assert.deepEqual([body.limit, body.matcher.threshold, body.matcher.cutoff, body.matcher.lists.map((l: any) => l.version)], [2, 0.72, 0.5, [loaded.version.version]]);
      const a = body.responses.a;
      assert.deepEqual([a.status, a.total, a.query.normalised], [200, { value: 1, relation: 'eq' }, { names: ['kalasnikov concern'], legal_forms: [] }]);
      assert.deepEqual(a.results.map((r: any) => [r.id, r.schema, r.score, r.match, r.target]), [['NK-nR5AXM9AVPq4pQaSPSaVam', 'Company', 1, true, true]]);
      assert.deepEqual(a.results[0].features, { name_match: 1, name_literal_match: 1, country_match: 1 });
      assert.deepEqual(a.results[0].explanation.words, [{ query: 'kalasnikov', listed: 'kalasnikov', similarity: 1, weight: 5.42 }, { query: 'concern', listed: 'concern', similarity: 1, weight: 4.739 }]);
      assert.deepEqual(body.responses.b.results.map((r: any) => [r.id, r.score, r.match]), [['NK-JseaPJctnK9o8wrmz8xmoT', 1, true]]);
      assert.deepEqual(body.responses.b.query.normalised.names, ['nikita zaharov']);
      assert.deepEqual(body.responses.c.results, []);

      // The path yente clients call: `default` is every list, a list name only that one.
      const post = (path: string) => app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ queries: { a: { schema: 'Company', properties: { name: ['Kalashnikow Concern'] } } } }) });
      const viaDefault = await (await post('/api/match/default')).json() as any;
      assert.deepEqual(viaDefault.responses.a.results.map((r: any) => r.id), ['NK-nR5AXM9AVPq4pQaSPSaVam']);
      const viaList = await (await post('/api/match/zala')).json() as any;
      assert.deepEqual([viaList.responses.a.results.map((r: any) => r.id), viaList.matcher.lists.map((l: any) => l.list)], [['NK-nR5AXM9AVPq4pQaSPSaVam'], ['zala']]);
      const unknown = await post('/api/match/us_ofac_sdn');
      assert.deepEqual([unknown.status, ((await unknown.json()) as any).message], [404, 'no list "us_ofac_sdn" is loaded (loaded: zala); default matches them all']);

      const bad = await app.request('/api/match', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ queries: { x: { schema: 'Planet', properties: { name: ['Mars'] } } } }) });
      assert.equal(bad.status, 400);
      assert.equal(((await bad.json()) as any).message, 'schema "Planet" cannot be matched; one of Person, Company, Organization, PublicBody, LegalEntity, Vessel, Airplane');
    });

    test('POST /api/screen needs the token, screens the body and records the run; GET /api/lists shows versions and runs', async (t) => {
      const store = await backend.open(t);
      const loaded = await loadList(store, ZALA, { list: 'zala' });
      const app = createApp({ store, token: TOKEN });
      const post = (headers: Record<string, string>, query = '') => app.request(`/api/screen${query}`, { method: 'POST', headers: { 'content-type': 'text/csv', ...headers }, body: PARTS });
      assert.equal((await post({})).status, 401);
      const res = await post({ authorization: `Bearer ${TOKEN}` }, '?name=parts-en.csv');
      assert.equal(res.status, 200);
      const report = await res.json() as any;
      assert.deepEqual(report.lines.map((l: any) => [l.line, l.level]), [[2, 'medium'], [3, 'medium'], [4, 'high'], [5, 'high'], [6, 'medium'], [7, 'none']]);
      assert.deepEqual([report.file.name, report.run.lines, report.run.lists], ['parts-en.csv', 6, [{ list: 'zala', version: loaded.version.version, sha256: loaded.version.sha256 }]]);
      const html = await post({ authorization: `Bearer ${TOKEN}` }, '?format=html');
      assert.deepEqual([html.status, html.headers.get('content-type')], [200, 'text/html; charset=utf-8']);
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('Orders');
      sheet.addRow(['Part Number', 'Description', 'HS Code', 'Manufacturer', 'Quantity', 'Customer', 'Customer Country', 'Ship-to Country', 'End User']);
      sheet.addRow(['IMU-9', 'Inertial measurement unit, MEMS', '9014.20', 'Gyro Works', 2, 'ООО «Аэроскан»', 'Russia', 'Kyrgyzstan', 'Bishkek Cargo Express']);
      const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
      const fromXlsx = await app.request('/api/screen?name=orders.xlsx', { method: 'POST', headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', authorization: `Bearer ${TOKEN}` }, body: xlsx });
      assert.equal(fromXlsx.status, 200);
      const x = await fromXlsx.json() as any;
      assert.deepEqual([x.file.format, x.lines[0].level, x.lines[0].components, [...new Set(x.lines[0].reasons.map((r: any) => r.kind))]],
        ['xlsx', 'high', ['imu'], ['chpl', 'component', 'embargoed-country', 'diversion-country', 'sanctioned-party', 'red-flag', 'combination']]);
      const missing = await app.request('/api/screen', { method: 'POST', headers: { 'content-type': 'text/csv', authorization: `Bearer ${TOKEN}` }, body: 'Part Number,Customer\nA,B\n' });
      assert.equal(missing.status, 422);
      assert.match(((await missing.json()) as any).message, /^upload\.csv: missing columns description, hs_code, manufacturer, quantity, customer_country, ship_to_country, end_user/);
      const lists = await (await app.request('/api/lists')).json() as any;
      assert.deepEqual(lists.lists.map((l: any) => [l.list, l.entities]), [['zala', 17]]);
      assert.deepEqual(lists.runs.map((r: any) => [r.file, r.lines, r.levels.high]), [['orders.xlsx', 1, 1], ['upload.csv', 6, 2], ['parts-en.csv', 6, 2]]);
    });
  });
}
