/**
 * Materialised transfer records against the whole development corpus (test/fixtures/dev, 62 articles in
 * 17 languages), on every backend: records kept incrementally, document by document, must equal a full
 * merge of all events and a full rebuild; a re-extraction that is interrupted and resumed extracts each
 * document once and ends with the same records.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT } from '../../test/helpers.js';
import { mergedRecords, STORE_BACKENDS } from '../../test/stores.js';
import { ingest } from '../ingest/pipeline.js';
import type { Store } from '../store/store.js';
import { createExtractor } from './extractor.js';
import { reextract } from './reextract.js';

const DEV = join(ROOT, 'test', 'fixtures', 'dev');
const DEV_DOCUMENTS = 62;

async function fullMerge(store: Store) {
  return mergedRecords(store);
}

for (const backend of STORE_BACKENDS) {
  describe(`transfer records on the dev corpus: ${backend.name}`, { skip: backend.skip }, () => {
    test('records kept document by document equal a full merge of all events, and a full rebuild', async (t) => {
      const store = await backend.open(t);
      const summary = await ingest([DEV], store, { extract: createExtractor() });
      assert.equal(summary.added + summary.duplicates, DEV_DOCUMENTS);
      const incremental = await store.listTransferRecords();
      const full = await fullMerge(store);
      assert.ok(full.length >= 10, `the corpus gives records to compare (${full.length})`);
      assert.deepEqual(incremental, full);
      await store.rebuild({ records: true });
      assert.deepEqual(await store.listTransferRecords(), full);
      for (const country of ['RU', 'US', 'RS']) {
        assert.deepEqual(await store.listTransferRecords({ country }), full.filter((r) => r.supplier === country || r.recipient === country));
      }
      assert.deepEqual(await store.listTransferRecords({ conflicts: true }), full.filter((r) => r.conflicts.length));
    });

    test('reextract, interrupted and resumed, extracts each document once and ends with the records of a fresh ingest', async (t) => {
      const store = await backend.open(t);
      await ingest([DEV], store);
      assert.deepEqual(await store.listTransferRecords(), [], 'stored without extraction: no records yet');
      const extract = createExtractor();
      const seen: string[] = [];
      const abort = new AbortController();
      const counting: typeof extract = (doc) => {
        seen.push(doc.text);
        if (seen.length === 20) abort.abort();
        return extract(doc);
      };
      const first = await reextract(store, { extract: counting, signal: abort.signal });
      assert.deepEqual([first.resumed, first.done, first.total, first.finished], [false, 20, DEV_DOCUMENTS, false]);
      assert.deepEqual(await store.listTransferRecords(), await fullMerge(store), 'records are right half-way too');
      const second = await reextract(store, { extract: counting });
      assert.deepEqual([second.resumed, second.started, second.done, second.total, second.finished], [true, first.started, DEV_DOCUMENTS - 20, DEV_DOCUMENTS - 20, true]);
      assert.equal(seen.length, DEV_DOCUMENTS);
      assert.equal(new Set(seen).size, DEV_DOCUMENTS, 'no document extracted twice');
      const records = await store.listTransferRecords();
      assert.deepEqual(records, await fullMerge(store));
      const fresh = await backend.open(t);
      await ingest([DEV], fresh, { extract });
      assert.deepEqual(records, await fresh.listTransferRecords());
      // A finished run leaves nothing to resume: the next one starts over every document.
      const third = await reextract(store, { extract });
      assert.deepEqual([third.resumed, third.done, third.finished], [false, DEV_DOCUMENTS, true]);
      assert.deepEqual(await store.listTransferRecords(), records);
    });
  });
}
