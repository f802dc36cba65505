/**
 * The workspace's side of the server, in process: the UI's files and its fallback to index.html, the
 * Content-Security-Policy on UI responses only, the 503 when nothing is built; the endpoints the views
 * added (`/api/documents/{id}/annotations`, `/api/records/{id}/mentions`, `/api/entities?country=`, a bloc's
 * members); and the generated API types being current. Fixtures: a two-file stand-in for `dist/web` written per test, and
 * the sample `samples/sr-cyrl-pantsir.txt` ingested with the real extractor into a fresh SQLite store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../../test/helpers.js';
import { ingest } from '../ingest/pipeline.js';
import { createExtractor } from '../jobs/extractor.js';
import { SqliteStore } from '../store/sqlite.js';
import { createApp } from './app.js';
import { CONTENT_SECURITY_POLICY } from './web.js';
import { apiTypes, API_TYPES_FILE } from '../../scripts/web-api-types-lib.js';

function builtWeb(dir: string): string {
  const root = join(dir, 'web');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><script type="module" src="/assets/app-1a2b.js"></script>');
  writeFileSync(join(root, 'assets', 'app-1a2b.js'), 'console.log("app")');
  return root;
}

test('the workspace is served at / with a strict policy; any other path outside /api opens index.html; the API keeps its own answers', async (t) => {
  const dir = tempDir(t);
  const store = new SqliteStore(join(dir, 'store.db'));
  t.after(() => store.close());
  const app = createApp({ store, webRoot: builtWeb(dir) });

  for (const path of ['/', '/records?supplier=RU&status=delivered', '/reader?doc=abc']) {
    const res = await app.request(path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers.get('content-type'), 'text/html; charset=UTF-8');
    assert.equal(res.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(await res.text(), '<!doctype html><script type="module" src="/assets/app-1a2b.js"></script>');
  }
  assert.match(CONTENT_SECURITY_POLICY, /^default-src 'self'; script-src 'self'; /);
  assert.doesNotMatch(CONTENT_SECURITY_POLICY, /script-src[^;]*unsafe/);

  const asset = await app.request('/assets/app-1a2b.js');
  assert.equal(asset.status, 200);
  assert.match(asset.headers.get('content-type') ?? '', /^(text|application)\/javascript/);
  assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(await asset.text(), 'console.log("app")');
  assert.equal((await app.request('/assets/missing.js')).status, 404);

  const health = await app.request('/api/health');
  assert.equal(health.status, 200);
  assert.equal(health.headers.get('content-security-policy'), null);
  assert.deepEqual(await health.json(), { ok: true, store: 'sqlite', documents: 0 });
  const missing = await app.request('/api/nothing-here');
  assert.equal(missing.status, 404);
  assert.equal((await missing.json() as { error: string }).error, 'not-found');
});

test('without a build the UI paths answer 503 with the command that builds it, and the API works', async (t) => {
  const dir = tempDir(t);
  const store = new SqliteStore(join(dir, 'store.db'));
  t.after(() => store.close());
  const app = createApp({ store, webRoot: join(dir, 'not-built') });
  const res = await app.request('/records');
  assert.equal(res.status, 503);
  assert.equal(await res.text(), `The workspace is not built in ${join(dir, 'not-built')}: run \`npm run build:web\` (npm install runs it), then restart the server. The API is at /api.\n`);
  assert.equal((await app.request('/api/health')).status, 200);
  // Without webRoot nothing but the API is there.
  assert.equal((await createApp({ store }).request('/')).status, 404);
});

test('annotations: the text with sentence, name and event offsets that slice it exactly, and each event explained', async (t) => {
  const dir = tempDir(t);
  const store = new SqliteStore(join(dir, 'store.db'));
  t.after(() => store.close());
  const summary = await ingest([join(ROOT, 'samples', 'sr-cyrl-pantsir.txt')], store, { extract: createExtractor() });
  assert.equal(summary.added, 1);
  const [doc] = await store.listDocuments();
  const app = createApp({ store });
  const res = await app.request(`/api/documents/${doc.id}/annotations`);
  assert.equal(res.status, 200);
  const body = await res.json() as any;
  assert.equal(body.title, 'Панцир С1 у саставу Војске Србије: руски систем стигао у Београд');
  for (const s of body.sentences) assert.ok(s.start < s.end && s.end <= body.text.length);
  for (const e of body.entities) assert.equal(body.text.slice(e.start, e.end), e.text);
  const pantsir = body.entities.find((e: any) => e.entity === 'system:pantsir-s1');
  assert.deepEqual({ text: pantsir.text, type: pantsir.type, country: pantsir.country }, { text: 'Панцир С1', type: 'system', country: 'RU' });
  const transfer = body.events.find((e: any) => e.kind === 'transfer' && e.system_id === 'system:pantsir-s1');
  assert.deepEqual([transfer.supplier, transfer.recipient], ['RU', 'RS']);
  const sentence = body.sentences[transfer.sentence];
  assert.deepEqual([transfer.start, transfer.end], [sentence.start, sentence.end]);
  assert.equal(body.text.slice(transfer.start, transfer.end), transfer.evidence);
  const explained = body.explanations.find((s: any) => s.sentence === transfer.sentence);
  const same = explained.events.find((e: any) => e.kind === 'transfer' && e.rule === transfer.rule);
  assert.equal(same.confidence, transfer.confidence);
  assert.ok(same.contributions.length > 0, 'a transfer rule weighs features');
  assert.equal((await app.request('/api/documents/nope/annotations')).status, 404);

  // The record the transfer went into lists exactly its mentions, with their confidence.
  const [record] = await store.listTransferRecords({ supplier: 'RU', recipient: 'RS', system: 'system:pantsir-s1' });
  const mentions = await (await app.request(`/api/records/${record.id}/mentions`)).json() as any;
  assert.deepEqual(mentions.items.map((e: any) => e.id).sort(), [...record.mentionIds].sort());
  assert.ok(mentions.items.some((e: any) => e.id === transfer.id && e.confidence === transfer.confidence));
  assert.equal((await app.request('/api/records/nope/mentions')).status, 404);
  const confidence = await (await app.request(`/api/records/confidence?ids=${record.id},0000000000ff`)).json() as any;
  const values = mentions.items.map((e: any) => e.confidence);
  assert.deepEqual(confidence.items, [{ id: record.id, mentions: values.length, best: Math.max(...values), lowest: Math.min(...values) }]);
  const bad = await app.request('/api/records/confidence?ids=not-an-id');
  assert.equal(bad.status, 400);
  assert.equal((await bad.json() as any).details.parameter, 'ids');
});

test('entities narrow to a country before paging, and a bloc lists its present members', async (t) => {
  const dir = tempDir(t);
  const store = new SqliteStore(join(dir, 'store.db'));
  t.after(() => store.close());
  const app = createApp({ store });
  const orgs = await (await app.request('/api/entities?type=organisation&country=rs&limit=500')).json() as any;
  assert.ok(orgs.items.some((e: any) => e.id === 'organisation:bia' && e.name === 'Security Intelligence Agency'));
  assert.deepEqual([...new Set(orgs.items.map((e: any) => e.country))], ['RS']);
  const two = await (await app.request('/api/entities?type=organisation&country=RS&limit=2&offset=1')).json() as any;
  assert.deepEqual(two.items.map((e: any) => e.id), orgs.items.slice(1, 3).map((e: any) => e.id));
  const nato = await (await app.request('/api/entities/bloc:nato')).json() as any;
  assert.ok(nato.entity.members.includes('FR') && nato.entity.members.includes('FI'));
  assert.ok(!nato.entity.members.includes('RS'));
  const country = await (await app.request('/api/entities/country:RS')).json() as any;
  assert.deepEqual(country.entity.members, []);
});

test(`${API_TYPES_FILE} is what the OpenAPI document gives (run npm run web:api-types after changing a schema)`, async () => {
  assert.equal(readFileSync(join(ROOT, API_TYPES_FILE), 'utf8'), await apiTypes());
});
