import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../test/helpers.js';
import { SqliteStore } from '../store/sqlite.js';
import { ingest } from '../ingest/pipeline.js';
import { createExtractor } from '../cli/extractor.js';
import { mergeTransfers, publisherOf } from './transfers.js';

// Four short reports from three outlets about one deal, in our own words; one of them denies it.
const REPORTS = [
  { url: 'https://news-one.example/a', published: '2022-03-01', text: 'Egypt ordered Su-35 fighter jets from Russia, officials in Cairo said on Tuesday. The contract was signed in Moscow.' },
  { url: 'https://www.news-two.example/b', published: '2023-01-20', text: 'Russia has delivered the first Su-35 fighter jets to Egypt, according to satellite images of an air base near Cairo.' },
  { url: 'https://news-three.example/c', published: '2023-02-02', text: 'Egypt denied receiving Su-35 jets from Russia and said its air force had received no Russian aircraft this year.' },
  { url: 'https://news-one.example/d', published: '2023-02-05', text: 'Kosovo received Bayraktar TB2 drones from Türkiye, the ministry in Pristina announced at a ceremony.' },
];

test('mentions from several publishers merge into records with history, corroboration and conflicts', async (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'reports.jsonl'), REPORTS.map((r) => JSON.stringify({ ...r, title: r.text.slice(0, 30), language: 'en' })).join('\n'));
  const store = new SqliteStore(join(dir, 'merge.db'));
  t.after(() => store.close());
  const summary = await ingest([dir], store, { extract: createExtractor() });
  assert.equal(summary.added, 4);
  const records = mergeTransfers(await store.listEvents({ kind: 'transfer' }), await store.listDocuments());
  const su35 = records.find((r) => r.system === 'Su-35')!;
  assert.deepEqual([su35.supplier, su35.recipient, su35.corroboration, su35.sources.length], ['RU', 'EG', 3, 3]);
  assert.deepEqual(su35.history.map((h) => [h.date, h.status, h.publisher]), [
    ['2022-03-01', 'agreed', 'news-one.example'],
    ['2023-01-20', 'delivered', 'news-two.example'],
    ['2023-02-02', 'denied', 'news-three.example'],
  ]);
  assert.equal(su35.status, 'denied');
  assert.deepEqual(su35.conflicts, ['delivered (news-two.example) vs denied (news-three.example)', 'agreed (news-one.example) vs denied (news-three.example)']);
  assert.deepEqual([su35.firstSeen, su35.lastSeen], ['2022-03-01', '2023-02-02']);
  const tb2 = records.find((r) => r.system === 'Bayraktar TB2')!;
  assert.deepEqual([tb2.supplier, tb2.recipient, tb2.status, tb2.corroboration, tb2.conflicts], ['TR', 'XK', 'delivered', 1, []]);
  assert.deepEqual(records.map((r) => r.system), ['Su-35', 'Bayraktar TB2']);
});

test('publishers: hosts of URLs, folders of files', () => {
  assert.equal(publisherOf({ source: 'https://www.example.org/a/b', url: null }), 'example.org');
  assert.equal(publisherOf({ source: 'feeds/outlet.xml#3', url: 'https://outlet.example/x' }), 'outlet.example');
  assert.equal(publisherOf({ source: '/data/volkskrant/2023-06-09.txt', url: null }), 'volkskrant/2023-06-09.txt');
});
