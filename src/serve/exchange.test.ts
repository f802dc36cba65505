/**
 * `/api/export/{what}` and `/api/brief` in process (`app.request`): the same text the command line writes,
 * in the media type of each format; a bad request names its parameter. Fixture: `test/exchange.ts`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BRIEF_ARTICLES, exportStore } from '../../test/exchange.js';
import { createApp } from './app.js';
import { exportText } from '../analyse/export.js';
import { buildBrief } from '../analyse/brief.js';
import { renderMarkdown } from '../analyse/brief-render.js';
import { defaultKnowledgeBase } from '../extract/index.js';

test('exports and briefs over HTTP are the command line\'s, with their media types', async (t) => {
  const store = await exportStore(t, BRIEF_ARTICLES);
  const app = createApp({ store, today: () => '2026-12-06' });
  const stix = await app.request('/api/export/stix?country=RS');
  assert.deepEqual([stix.status, stix.headers.get('content-type')], [200, 'application/stix+json;version=2.1; charset=utf-8']);
  assert.equal(await stix.text(), await exportText(store, 'stix', { filter: { country: 'RS' } }));
  const csv = await app.request('/api/export/records?format=csv&supplier=cn');
  assert.deepEqual([csv.status, csv.headers.get('content-type')], [200, 'text/csv; charset=utf-8']);
  assert.equal((await csv.text()).split('\n')[1].split(',').slice(1, 4).join(','), 'CN,RS,FK-3');
  const ftm = await app.request('/api/export/ftm');
  // Six countries, seven articles behind records, five records.
  assert.deepEqual([ftm.headers.get('content-type'), (await ftm.text()).trim().split('\n').length], ['application/x-ndjson; charset=utf-8', 18]);
  const geo = await app.request('/api/export/geojson');
  assert.equal(((await geo.json()) as { type: string }).type, 'FeatureCollection');

  const md = await app.request('/api/brief?country=RS&since=2022-01-01');
  assert.deepEqual([md.status, md.headers.get('content-type')], [200, 'text/markdown; charset=utf-8']);
  assert.equal(await md.text(), renderMarkdown(await buildBrief({ store, kb: defaultKnowledgeBase(), scope: { country: 'RS' }, since: '2022-01-01', until: '2026-12-06' })));
  const html = await app.request('/api/brief?country=RS&since=2022-01-01&format=html');
  assert.deepEqual([html.headers.get('content-type'), html.headers.get('content-security-policy')], ['text/html; charset=utf-8', "default-src 'none'; img-src data:; style-src 'unsafe-inline'"]);
  assert.ok(!(await html.text()).includes('<script>'));

  const bad = await app.request('/api/export/xml');
  assert.equal(bad.status, 400);
  const twoScopes = await app.request('/api/brief?country=RS&supplier=CN&since=2022-01-01');
  assert.deepEqual([twoScopes.status, ((await twoScopes.json()) as { message: string }).message], [400, 'name exactly one of country, supplier or system']);
  const badDay = await app.request('/api/brief?country=RS&since=2022');
  assert.equal(badDay.status, 400);
});
