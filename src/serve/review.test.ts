/**
 * Review over HTTP, in process: decisions need the token and land in the records; the log and the queue;
 * publishers' grades and what they do to a record's assessment and to the register's filters.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir } from '../../test/helpers.js';
import { prepareDocument } from '../ingest/prepare.js';
import type { EventInput } from '../extract/types.js';
import { SqliteStore } from '../store/sqlite.js';
import { createApp } from './app.js';

function transfer(supplier: string, recipient: string, system: string, status: string, sentence = 0): EventInput {
  return {
    kind: 'transfer', supplier, recipient, system, systemId: `system:${system.toLowerCase()}`, category: 'air-defence', status, hedged: false, hypothetical: false,
    confidence: 0.8, evidence: { sentence, start: 0, end: 10, text: `${supplier} ${status} ${system} to ${recipient}`, cues: [status], rule: 'test/hand-written' },
  };
}

test('decisions, the log, the queue and publishers’ grades through the API', async (t) => {
  const store = new SqliteStore(join(tempDir(t), 'review.db'));
  t.after(() => store.close());
  const doc = (n: number, host: string, body: string) => prepareDocument({ source: `https://${host}/${n}`, url: `https://${host}/${n}`, title: `Report ${n}`, published: `2024-0${n}-01`, format: 'text', body });
  await store.addDocument(await doc(1, 'wire-one.example', 'Belgrade received air defence batteries from Beijing, the ministry said.'), [transfer('CN', 'RS', 'FK-3', 'delivered')]);
  await store.addDocument(await doc(2, 'blog-two.example', 'A blog wrote that the Chinese batteries for Serbia had arrived by air in spring.'), [transfer('CN', 'RS', 'FK-3', 'delivered')]);
  await store.addDocument(await doc(3, 'wire-one.example', 'Moscow is said to have offered Pantsir systems to Belgrade once more.'), [transfer('RU', 'RS', 'Pantsir-S1', 'offered')]);
  const app = createApp({ store, token: 'sesame' });
  const call = async (method: string, path: string, body?: unknown, token?: string) => {
    const res = await app.request(path, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: await res.json() as any };
  };

  const records = (await call('GET', '/api/records')).body.items;
  assert.deepEqual(records.map((r: any) => [r.supplier, r.system, r.assessment.reliability, r.assessment.credibility]), [['CN', 'FK-3', 'F', 1], ['RU', 'Pantsir-S1', 'F', 3]]);
  const pantsir = records[1];

  // Writes need the token.
  const decision = { target: 'record', id: pantsir.id, verdict: 'correct', fields: { status: 'agreed' }, note: 'contract text published', author: 'ana' };
  assert.equal((await call('POST', '/api/review/decisions', decision)).status, 401);
  assert.equal((await call('POST', '/api/review/decisions', decision, 'wrong')).status, 401);
  assert.equal((await call('PUT', '/api/publishers/wire-one.example', { grade: 'B', author: 'ana' })).status, 401);
  const made = await call('POST', '/api/review/decisions', decision, 'sesame');
  assert.deepEqual([made.status, made.body.decisions.map((d: any) => [d.verdict, d.fields, d.via])], [200, [['correct', { status: 'agreed' }, `record:${pantsir.id}`]]]);
  const bad = await call('POST', '/api/review/decisions', { ...decision, fields: { status: 'bought' } }, 'sesame');
  assert.deepEqual([bad.status, bad.body.details.field], [400, 'status']);
  assert.equal((await call('POST', '/api/review/decisions', { ...decision, id: '000000000000' }, 'sesame')).status, 404);
  const long = await call('POST', '/api/review/decisions', { ...decision, note: 'x'.repeat(2001) }, 'sesame');
  assert.deepEqual([long.status, long.body.details.parameter], [400, 'note'], 'a note over 2,000 characters is refused, not cut');
  const notJson = await app.request('/api/review/decisions', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer sesame' }, body: '{"verdict": ' });
  assert.equal(notJson.status, 400);
  assert.equal(await store.countDecisions(), 1, 'refused requests store nothing');

  const reviewed = (await call('GET', `/api/records/${pantsir.id}`)).body;
  assert.deepEqual([reviewed.status, reviewed.review.fields, reviewed.review.latest.author], ['agreed', ['status'], 'ana']);
  const log = (await call('GET', '/api/review/log')).body;
  assert.deepEqual(log.items.map((d: any) => [d.author, d.verdict, d.state, d.note]), [['ana', 'correct', 'applied', 'contract text published']]);
  const queue = (await call('GET', '/api/review/queue')).body;
  assert.deepEqual([queue.items.map((i: any) => i.event.documentId === pantsir.sources[0].documentId), queue.decided, queue.open], [[false, false], 1, 2]);

  // Grades: the wire is usually reliable; the blog stays ungraded (F).
  const graded = await call('PUT', '/api/publishers/Wire-One.example', { grade: 'B', note: 'long record', author: 'ana' }, 'sesame');
  assert.deepEqual([graded.status, graded.body.publisher, graded.body.grade], [200, 'wire-one.example', 'B']);
  assert.deepEqual((await call('GET', '/api/publishers')).body.items.map((g: any) => [g.publisher, g.grade]), [['wire-one.example', 'B']]);
  const assessed = (await call('GET', '/api/records')).body.items;
  assert.deepEqual(assessed.map((r: any) => [r.system, r.assessment.reliability, r.assessment.credibility, r.assessment.publishers]), [
    ['FK-3', 'B', 1, [{ publisher: 'wire-one.example', grade: 'B' }, { publisher: 'blog-two.example', grade: 'F' }]],
    ['Pantsir-S1', 'B', 2, [{ publisher: 'wire-one.example', grade: 'B' }]],
  ]);
  const systems = async (query: string) => (await call('GET', `/api/records?${query}`)).body.items.map((r: any) => r.system);
  assert.deepEqual(await systems('min_corroboration=2'), ['FK-3']);
  assert.deepEqual(await systems('min_corroboration=2&min_grade=C'), [], 'the blog does not count at grade C');
  assert.deepEqual(await systems('min_grade=C'), ['FK-3', 'Pantsir-S1']);
  assert.deepEqual(await systems('max_credibility=1'), ['FK-3']);
  assert.deepEqual(await systems('reliability=A'), []);
  assert.equal((await call('GET', '/api/records?max_credibility=7')).status, 400);
});
