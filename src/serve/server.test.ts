/**
 * The API on real sockets: `startServer` on a free port (port 0) on 127.0.0.1, and `armscope serve` as a
 * process, each fetched over HTTP. The store holds one article written in our own words.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, tempDir } from '../../test/helpers.js';
import { SqliteStore } from '../store/sqlite.js';
import { ingest } from '../ingest/pipeline.js';
import { createExtractor } from '../jobs/extractor.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { startServer } from './server.js';

const ARTICLE = 'France signed a contract to supply 12 Rafale fighter jets to Serbia in August 2024, the defence ministry in Belgrade said.';

async function storeWithArticle(t: Parameters<typeof tempDir>[0] & { after(fn: () => Promise<void>): void }) {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'rafale.txt'), ARTICLE);
  const location = join(dir, 'store.db');
  const store = new SqliteStore(location);
  await ingest([join(dir, 'rafale.txt')], store, { extract: createExtractor() });
  return { store, location };
}

test('the server answers on a free loopback port', async (t) => {
  const { store } = await storeWithArticle(t);
  t.after(() => store.close());
  const server = await startServer({ store }, { host: '127.0.0.1', port: 0 });
  t.after(() => server.close());
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.notEqual(server.port, 0);
  assert.deepEqual(await (await fetch(`${server.url}/api/health`)).json(), { ok: true, store: 'sqlite', documents: 1 });
  const records = await (await fetch(`${server.url}/api/records`)).json() as { items: { supplier: string; recipient: string; system: string; status: string; quantity: number }[] };
  assert.deepEqual(records.items.map((r) => [r.supplier, r.recipient, r.system, r.status, r.quantity]), [['FR', 'RS', 'Rafale', 'agreed', 12]]);
  const refused = await fetch(`${server.url}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: ARTICLE }) });
  assert.equal(refused.status, 403);
});

/**
 * `armscope ARGS...` in a child process with no server settings in its environment; resolves once stderr
 * matches `ready` (its first group is the URL), with the child and what stderr (and a piped stdout) said so far.
 */
async function command(t: { after(fn: () => void): void }, args: string[], ready = /at (http:\/\/[^\s]+)\/api /, stdout: 'ignore' | 'pipe' = 'ignore') {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'armscope.mjs'), ...args],
    { cwd: ROOT, env: { ...process.env, ARMSCOPE_HOST: '', ARMSCOPE_PORT: '', ARMSCOPE_TOKEN: '' }, stdio: ['ignore', stdout, 'pipe'] });
  t.after(() => { if (child.exitCode === null) child.kill('SIGKILL'); });
  let stderr = '';
  let out = '';
  child.stdout?.on('data', (chunk) => { out += chunk; });
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (chunk) => {
      stderr += chunk;
      const m = ready.exec(stderr);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`armscope ${args[0]} exited with ${code}: ${stderr}`)));
  });
  const stopped = () => new Promise<number | null>((resolve) => { child.once('exit', (code) => resolve(code)); child.kill('SIGTERM'); });
  return { child, url, stderr: () => stderr, stdout: () => out, stopped };
}

test('armscope serve: flags and environment, binds to 127.0.0.1 by default, stops on SIGTERM', async (t) => {
  const { store, location } = await storeWithArticle(t);
  await store.close();
  const { url, stderr, stopped } = await command(t, ['serve', '--db', location, '--port', '0', '--token', 'tok-1']);
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.match(stderr(), /\(writes need the bearer token\); OpenAPI at http:\/\/127\.0\.0\.1:\d+\/api\/openapi\.json/);
  const docs = await (await fetch(`${url}/api/documents`)).json() as { items: { title: string | null; language: string }[] };
  assert.deepEqual(docs.items.map((d) => d.language), ['en']);
  const unauthorised = await fetch(`${url}/api/ingest`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer nope' }, body: '{"text":"x"}' });
  assert.equal(unauthorised.status, 401);
  assert.equal(await stopped(), 0);
});

test('armscope serve --processes 2: two processes share the port, the start is said once, SIGTERM stops them all', async (t) => {
  const { store, location } = await storeWithArticle(t);
  await store.close();
  const { url, stderr, stopped } = await command(t, ['serve', '--db', location, '--port', '0', '--processes', '2', '--no-web']);
  const answers = await Promise.all(Array.from({ length: 6 }, async () => (await fetch(`${url}/api/health`)).json()));
  assert.deepEqual(answers.map((a: any) => a.documents), [1, 1, 1, 1, 1, 1]);
  assert.equal(await stopped(), 0);
  assert.equal(stderr().match(/serving /g)?.length, 1, stderr());
  assert.match(stderr(), /^armscope: 2 processes serving .* \(writes disabled \(no token\)\)/);
});

test('armscope serve --processes: a count that makes no sense is refused by name before anything starts', () => {
  for (const value of ['0', 'abc', '65']) {
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'armscope.mjs'), 'serve', '--db', ':memory:', '--processes', value], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, new RegExp(`--processes must be 1-64, got "${value}"`));
  }
});

test('armscope demo --serve: ingests the samples, then serves the API and the workspace until SIGTERM', async (t) => {
  const dir = tempDir(t);
  const web = join(dir, 'web');
  mkdirSync(web);
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>workspace</title>');
  const { url, stdout, stopped } = await command(t, ['demo', '--serve', '--db', join(dir, 'demo.db'), '--port', '0', '--web-dir', web],
    /the analyst workspace is at (http:\/\/127\.0\.0\.1:\d+)\//, 'pipe');
  assert.match(stdout(), /^13 documents in .*demo\.db \(fr 1, en 7, ru 1, nl 1, de 1, sr 2\)$/m);
  const page = await fetch(`${url}/records?supplier=RU`);
  assert.equal(await page.text(), '<!doctype html><title>workspace</title>');
  assert.match(page.headers.get('content-security-policy') ?? '', /^default-src 'self'/);
  assert.deepEqual((await (await fetch(`${url}/api/health`)).json()), { ok: true, store: 'sqlite', documents: 13 });
  assert.equal(await stopped(), 0);
});
