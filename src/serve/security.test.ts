/**
 * The write endpoint and what guards it, each with the attempts that must fail: no token configured, a
 * read-only server, a missing or wrong bearer token, a body over the limit, URLs to loopback or private
 * addresses, paths outside the ingest root (`..`, absolute, through a symlink); and CORS off by default.
 * Each test has a SQLite store and folders of its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve, tempDir } from '../../test/helpers.js';
import { SqliteStore } from '../store/sqlite.js';
import { createApp, type ServeOptions } from './app.js';

const TOKEN = 'test-token-7c1f';
const ARTICLE = 'Russia delivered the first Su-35 fighter jets to Iran in September 2023, officials in Tehran said on Monday.';

function setup(t: Parameters<typeof tempDir>[0] & { after(fn: () => Promise<void>): void }, options: Omit<ServeOptions, 'store'> = {}) {
  const dir = tempDir(t);
  const store = new SqliteStore(join(dir, 'store.db'));
  t.after(() => store.close());
  const app = createApp({ store, ...options });
  const post = async (body: unknown, headers: Record<string, string> = { authorization: `Bearer ${TOKEN}` }) => {
    const res = await app.request('/api/ingest', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    return { status: res.status, headers: res.headers, body: await res.json() as any };
  };
  return { dir, store, app, post };
}

test('writes are refused outright without a configured token, and on a read-only server even with the right one', async (t) => {
  const none = setup(t);
  const refused = await none.post({ text: ARTICLE });
  assert.deepEqual([refused.status, refused.body.error, refused.body.details.reason], [403, 'forbidden', 'no-token']);
  const readOnly = setup(t, { token: TOKEN, readOnly: true });
  const r = await readOnly.post({ text: ARTICLE });
  assert.deepEqual([r.status, r.body.message, r.body.details.reason], [403, 'this server is read-only (--read-only): writes are refused', 'read-only']);
  assert.equal(await readOnly.store.countDocuments(), 0);
  assert.equal((await readOnly.app.request('/api/documents')).status, 200, 'reads stay open');
});

test('a write needs the bearer token: missing or wrong is a 401; right stores, extracts and merges the article', async (t) => {
  const { post, store, app } = setup(t, { token: TOKEN });
  const missing = await post({ text: ARTICLE }, {});
  assert.deepEqual([missing.status, missing.body.details.reason, missing.headers.get('www-authenticate')], [401, 'missing-token', 'Bearer realm="armscope"']);
  assert.deepEqual([(await post({ text: ARTICLE }, { authorization: 'Bearer wrong' })).body.details.reason], ['wrong-token']);
  assert.equal((await post({ text: ARTICLE }, { authorization: `Basic ${TOKEN}` })).status, 401);
  assert.equal(await store.countDocuments(), 0);
  const ok = await post({ text: ARTICLE, title: 'Su-35 for Iran', published: '2023-09-18', source: 'desk/su35' });
  assert.equal(ok.status, 200);
  assert.deepEqual(ok.body.summary, { inputs: 1, added: 1, unchanged: 0, duplicates: 0, failed: 0, bytes: 108 });
  const id = ok.body.results[0].id;
  assert.deepEqual(ok.body.results, [{ ok: true, source: 'desk/su35', id, status: 'added' }]);
  const records = (await (await app.request('/api/records')).json() as any).items;
  assert.deepEqual(records.map((r: any) => [r.supplier, r.recipient, r.system, r.status, r.sources[0].documentId]), [['RU', 'IR', 'Su-35', 'delivered', id]]);
  assert.equal((await post({ text: ARTICLE })).body.results[0].status, 'unchanged', 'the same text again adds nothing');
});

test('request bodies over the limit are refused with 413; malformed bodies with 400 naming the field', async (t) => {
  const { post, store } = setup(t, { token: TOKEN, bodyLimit: 500 });
  const big = await post({ text: ARTICLE.repeat(10) });
  assert.deepEqual([big.status, big.body.error, big.body.details.limit], [413, 'too-large', 500]);
  assert.equal(await store.countDocuments(), 0);
  const both = await post({ text: ARTICLE, url: 'https://example.org/a' });
  assert.deepEqual([both.status, both.body.message], [400, 'text: give exactly one of text, url or path']);
  const scheme = await post({ url: 'file:///etc/passwd' });
  assert.deepEqual([scheme.status, scheme.body.details.parameter], [400, 'url']);
  assert.deepEqual((await post('{not json')).body, { error: 'invalid', message: 'Malformed JSON in request body', details: {} });
});

test('ingest by URL refuses loopback and private addresses unless allowed', async (t) => {
  const origin = await serve(t, (_req, res) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end(ARTICLE); });
  const guarded = setup(t, { token: TOKEN });
  for (const url of [`${origin}/a.txt`, 'http://10.0.0.7/a.txt', 'http://[::1]/a.txt', 'http://169.254.169.254/latest/meta-data']) {
    const r = await guarded.post({ url });
    assert.equal(r.status, 422, url);
    assert.match(r.body.message, /refused: .* resolves to a private address/, url);
  }
  assert.equal(await guarded.store.countDocuments(), 0);
  const allowed = setup(t, { token: TOKEN, allowPrivate: true });
  const r = await allowed.post({ url: `${origin}/a.txt` });
  assert.deepEqual([r.status, r.body.summary.added, r.body.results[0].source], [200, 1, `${origin}/a.txt`]);
});

test('ingest by path: only under the configured root, never through "..", an absolute path or a symlink out', async (t) => {
  const noRoot = setup(t, { token: TOKEN });
  assert.deepEqual([(await noRoot.post({ path: 'a.txt' })).status, (await noRoot.post({ path: 'a.txt' })).body.details.reason], [403, 'no-root']);
  const outside = tempDir(t);
  writeFileSync(join(outside, 'secret.txt'), ARTICLE);
  const { dir, store } = setup(t, { token: TOKEN });
  const root = join(dir, 'root');
  mkdirSync(join(root, 'reports'), { recursive: true });
  writeFileSync(join(root, 'reports', 'a.txt'), ARTICLE);
  symlinkSync(join(outside, 'secret.txt'), join(root, 'link.txt'));
  symlinkSync(outside, join(root, 'linked-folder'));
  const rooted = createApp({ store, token: TOKEN, ingestRoot: root });
  const send = async (path: string) => {
    const res = await rooted.request('/api/ingest', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` }, body: JSON.stringify({ path }) });
    return { status: res.status, body: await res.json() as any };
  };
  assert.deepEqual((await send('../' + outside)).body.details.reason, 'parent');
  assert.deepEqual((await send('reports/../../x')).body.details.reason, 'parent');
  assert.deepEqual((await send(join(outside, 'secret.txt'))).body.details.reason, 'absolute');
  assert.deepEqual([(await send('link.txt')).status, (await send('link.txt')).body.details.reason], [403, 'escape']);
  assert.deepEqual((await send('linked-folder/secret.txt')).body.details.reason, 'escape');
  assert.deepEqual([(await send('missing.txt')).status, (await send('missing.txt')).body.error], [422, 'bad-input']);
  assert.equal(await store.countDocuments(), 0);
  const ok = await send('reports');
  assert.deepEqual([ok.status, ok.body.summary.added, ok.body.results[0].source], [200, 1, join(root, 'reports', 'a.txt')]);
});

test('CORS is off unless an origin is configured', async (t) => {
  const closed = setup(t);
  const plain = await closed.app.request('/api/documents', { headers: { origin: 'https://elsewhere.example' } });
  assert.equal(plain.headers.get('access-control-allow-origin'), null);
  const preflight = await closed.app.request('/api/ingest', { method: 'OPTIONS', headers: { origin: 'https://elsewhere.example', 'access-control-request-method': 'POST' } });
  assert.equal(preflight.headers.get('access-control-allow-origin'), null);
  const open = setup(t, { corsOrigin: 'https://ui.example' });
  const allowed = await open.app.request('/api/documents', { headers: { origin: 'https://ui.example' } });
  assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://ui.example');
});
