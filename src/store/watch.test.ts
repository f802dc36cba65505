/**
 * The watcher's state, on both backends (the same conformance file): feed validators and backoff, items
 * remembered once, evaluation and alerts in one transaction, an alert stored once however often it is
 * raised, and deliveries owed per sink and crossed off one by one.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { STORE_BACKENDS } from '../../test/stores.js';
import { prepareDocument } from '../ingest/prepare.js';

for (const backend of STORE_BACKENDS) {
  describe(`watch state on ${backend.name}`, { skip: backend.skip }, () => {
    test('feeds, items, alerts and deliveries', async (t) => {
      const store = await backend.open(t);
      const state = store.watchState();
      assert.equal(await state.feed('https://a.test/rss'), undefined);
      const feed = { url: 'https://a.test/rss', etag: '"v1"', lastModified: 'Sun, 02 Jan 2022 00:00:00 GMT', checkedAt: '2026-12-06T10:00:00.000Z', status: 'ok' as const, failures: 0, nextAt: null, error: null };
      await state.saveFeed(feed);
      await state.saveFeed({ ...feed, status: 'error', failures: 2, nextAt: '2026-12-06T10:02:00.000Z', error: 'HTTP 500' });
      assert.deepEqual(await state.feed(feed.url), { ...feed, status: 'error', failures: 2, nextAt: '2026-12-06T10:02:00.000Z', error: 'HTTP 500' });

      const doc = await prepareDocument({ source: 'a#1', url: 'https://a.test/1', body: 'China delivered FK-3 air defence systems to Serbia.', format: 'text', published: '2022-04-11' });
      await store.addDocument(doc, []);
      await state.addItems([{ documentId: doc.id, feed: feed.url, url: doc.url }]);
      await state.addItems([{ documentId: doc.id, feed: 'https://b.test/rss', url: doc.url }]);
      assert.deepEqual(await state.pendingItems(), [{ documentId: doc.id, feed: feed.url, url: 'https://a.test/1' }], 'remembered once, from the first feed');
      assert.deepEqual([...await state.knownItems([doc.id, 'ffff'])], [doc.id]);

      const alert = { id: 'a1', rule: 'r', subject: `document:${doc.id}`, createdAt: '2026-12-06T10:00:00.000Z', body: '{"id":"a1"}' };
      assert.deepEqual(await state.commitEvaluation(doc.id, [alert], ['stdout', 'webhook:x']), [alert]);
      assert.deepEqual(await state.pendingItems(), []);
      assert.deepEqual([...await state.evaluatedBefore([doc.id])], [doc.id]);
      assert.deepEqual(await state.commitEvaluation(null, [alert], ['stdout']), [], 'raised again: not stored again, nothing owed again');
      assert.deepEqual(await state.undelivered(['stdout', 'webhook:x']), [{ ...alert, missing: ['stdout', 'webhook:x'] }]);
      await state.markDelivered('a1', 'stdout');
      assert.deepEqual(await state.undelivered(['stdout', 'webhook:x']), [{ ...alert, missing: ['webhook:x'] }]);
      assert.deepEqual(await state.undelivered(['stdout', 'jsonl:new.jsonl']), [], 'a sink added later is owed nothing from before');
      await state.markDelivered('a1', 'webhook:x');
      assert.deepEqual(await state.undelivered(['stdout', 'webhook:x']), []);
      assert.deepEqual((await state.alerts()).map((a) => a.id), ['a1']);
    });
  });
}
