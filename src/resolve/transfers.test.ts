/**
 * Records across documents, stated exactly. Fixture strategy: short reports in our own words, one JSON line
 * each (outlet URL, publication date, language, text), ingested into a fresh SQLite store with the real
 * extractor, then merged with the bundled catalog's system links, so what is asserted is what
 * `armscope transfers` would show.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { tempDir } from '../../test/helpers.js';
import { SqliteStore } from '../store/sqlite.js';
import { ingest } from '../ingest/pipeline.js';
import { createExtractor } from '../cli/extractor.js';
import { defaultKnowledgeBase } from '../extract/index.js';
import { mergeTransfers, pairsOf, publisherOf, recordsForPairs, type TransferRecord } from './transfers.js';
import { systemLinks } from './goods.js';

const systems = systemLinks(defaultKnowledgeBase().catalog);

interface Report { url: string; published: string; language: string; text: string }

/** The reports ingested into a fresh store: its transfer events and documents. */
async function ingested(t: Parameters<typeof tempDir>[0], reports: Report[]) {
  const dir = tempDir(t);
  writeFileSync(join(dir, 'reports.jsonl'), reports.map((r) => JSON.stringify({ ...r, title: r.text.slice(0, 30) })).join('\n'));
  const store = new SqliteStore(join(dir, 'merge.db'));
  t.after(() => store.close());
  const summary = await ingest([dir], store, { extract: createExtractor() });
  assert.equal(summary.added, reports.length);
  return { events: await store.listEvents({ kind: 'transfer' }), documents: await store.listDocuments() };
}

/** A record as "SUPPLIER>RECIPIENT goods [status] mentions/sources", its goods as "goods (rule) xN". */
function shown(r: TransferRecord): string {
  return `${r.supplier}>${r.recipient} ${r.system ?? r.category} [${r.status}] ${r.mentionIds.length}/${r.sources.length}: `
    + r.goods.map((g) => `${g.system ?? g.category} (${g.rule}) x${g.mentions}`).join(', ');
}

// Four short reports from three outlets about one deal, in our own words; one of them denies it.
const REPORTS = [
  { url: 'https://news-one.example/a', published: '2022-03-01', text: 'Egypt ordered Su-35 fighter jets from Russia, officials in Cairo said on Tuesday. The contract was signed in Moscow.' },
  { url: 'https://www.news-two.example/b', published: '2023-01-20', text: 'Russia has delivered the first Su-35 fighter jets to Egypt, according to satellite images of an air base near Cairo.' },
  { url: 'https://news-three.example/c', published: '2023-02-02', text: 'Egypt denied receiving Su-35 jets from Russia and said its air force had received no Russian aircraft this year.' },
  { url: 'https://news-one.example/d', published: '2023-02-05', text: 'Kosovo received Bayraktar TB2 drones from Türkiye, the ministry in Pristina announced at a ceremony.' },
];

test('mentions from several publishers merge into records with history, corroboration and conflicts', async (t) => {
  const { events, documents } = await ingested(t, REPORTS.map((r) => ({ ...r, language: 'en' })));
  const records = mergeTransfers(events, documents, systems);
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

// One deal named three ways across outlets and languages: the parent designation, the export variant, the
// category; two Korean systems that are different goods, and a category that restates only one of them;
// two Leopard 2 versions (siblings) and the bare family name, which cannot say which one it restates.
const VARIANTS: Report[] = [
  { url: 'https://one.example/hq22', published: '2019-06-01', language: 'en', text: 'Serbia ordered the HQ-22 air defence system from China in 2019.' },
  { url: 'https://two.example/fk3', published: '2022-04-11', language: 'sr', text: 'Kina je isporučila Srbiji sistem FK-3.' },
  { url: 'https://three.example/pvo', published: '2022-04-12', language: 'ru', text: 'Китай поставил Сербии зенитные комплексы.' },
  { url: 'https://one.example/k2k9', published: '2022-08-01', language: 'en', text: 'South Korea sold K2 tanks and K9 howitzers to Poland.' },
  { url: 'https://four.example/czolgi', published: '2022-12-07', language: 'pl', text: 'Polska otrzymała czołgi z Korei Południowej.' },
  { url: 'https://one.example/2a4', published: '2023-02-01', language: 'en', text: 'Germany delivered Leopard 2A4 tanks to Ukraine.' },
  { url: 'https://five.example/2a6', published: '2023-03-01', language: 'nl', text: 'Duitsland leverde Leopard 2A6-tanks aan Oekraïne.' },
  { url: 'https://six.example/leo', published: '2023-03-02', language: 'fr', text: 'L’Allemagne a livré des chars Leopard 2 à l’Ukraine.' },
  { url: 'https://one.example/brahmos', published: '2024-04-19', language: 'en', text: 'India delivered BrahMos missiles to the Philippines.' },
  { url: 'https://seven.example/misiles', published: '2024-04-20', language: 'es', text: 'India entregó misiles a Filipinas.' },
];

test('records fold export variants into the most specific designation and categories into the one named record', async (t) => {
  const { events, documents } = await ingested(t, VARIANTS);
  const records = mergeTransfers(events, documents, systems);
  assert.deepEqual(records.map(shown), [
    'CN>RS FK-3 [delivered] 3/3: FK-3 (self) x1, HQ-22 (variant) x1, air-defence (category) x1',
    'IN>PH BrahMos [delivered] 2/2: BrahMos (self) x1, missile (category) x1',
    'KR>PL K2 [delivered] 2/2: K2 (self) x1, armoured-vehicle (category) x1',
    'DE>UA Leopard 2 [delivered] 1/1: Leopard 2 (self) x1',
    'DE>UA Leopard 2A6 [delivered] 1/1: Leopard 2A6 (self) x1',
    'DE>UA Leopard 2A4 [delivered] 1/1: Leopard 2A4 (self) x1',
    'KR>PL K9 [agreed] 1/1: K9 (self) x1',
  ]);
  const fk3 = records[0];
  // The record is keyed by its goods as before folding: FK-3's id is the id an FK-3-only record had.
  assert.equal(fk3.id, createHash('sha256').update('CN|RS|system:fk-3').digest('hex').slice(0, 12));
  assert.deepEqual([fk3.systemId, fk3.category, fk3.corroboration], ['system:fk-3', 'air-defence', 3]);
  assert.deepEqual(fk3.sources.map((s) => s.publisher), ['one.example', 'two.example', 'three.example']);
  assert.deepEqual(fk3.history.map((h) => [h.date, h.status, h.publisher]), [
    ['2019-06-01', 'agreed', 'one.example'], ['2022-04-11', 'delivered', 'two.example'], ['2022-04-12', 'delivered', 'three.example'],
  ]);
  assert.deepEqual([fk3.firstSeen, fk3.lastSeen], ['2019-06-01', '2022-04-12']);
  assert.deepEqual(records[1].sources.map((s) => s.publisher), ['one.example', 'seven.example']);
});

test('recordsForPairs recomputes the asked pairs from their own mentions, as the full merge does', async (t) => {
  const { events, documents } = await ingested(t, VARIANTS);
  const all = mergeTransfers(events, documents, systems);
  const pairs = [{ supplier: 'CN', recipient: 'RS' }, { supplier: 'DE', recipient: 'UA' }, { supplier: 'US', recipient: 'RS' }];
  // What a store holds for those pairs, and nothing else: a pair's records need no other pair's mentions.
  const mine = events.filter((e) => pairs.some((p) => p.supplier === e.supplier && p.recipient === e.recipient));
  const result = recordsForPairs(pairs, mine, documents, systems);
  assert.deepEqual(result.map((p) => [p.supplier, p.recipient, p.records.map((r) => r.system)]), [
    ['CN', 'RS', ['FK-3']], ['DE', 'UA', ['Leopard 2', 'Leopard 2A6', 'Leopard 2A4']], ['US', 'RS', []],
  ]);
  for (const p of result) for (const r of p.records) assert.deepEqual(r, all.find((a) => a.id === r.id));
  assert.deepEqual(result[0].records[0].mentionIds.sort(), events.filter((e) => e.supplier === 'CN').map((e) => e.id).sort());
  // The pairs a document's events touch: what a store recomputes after storing (or replacing) them.
  const k2k9 = documents.find((d) => d.url === 'https://one.example/k2k9')!;
  assert.deepEqual(pairsOf(events.filter((e) => e.documentId === k2k9.id)), [{ supplier: 'KR', recipient: 'PL' }]);
});

test('a later restatement does not take a delivery back; interest in more is a record of its own', async (t) => {
  const { events, documents } = await ingested(t, [
    { url: 'https://one.example/a', published: '2020-05-01', language: 'en', text: 'China delivered CH-92A drones to Serbia.' },
    { url: 'https://two.example/b', published: '2022-04-11', language: 'sr', text: 'Srbija je od Kine kupila dronove CH-92A.' },
    { url: 'https://three.example/c', published: '2022-06-01', language: 'de', text: 'Serbien hat chinesische Drohnen gekauft.' },
    { url: 'https://one.example/d', published: '2023-09-01', language: 'en', text: 'Serbia is interested in more Chinese drones.' },
  ]);
  const records = mergeTransfers(events, documents, systems);
  assert.deepEqual(records.map(shown), [
    'CN>RS CH-92A [delivered] 3/3: CH-92A (self) x2, uav (category) x1',
    'CN>RS uav [interest] 1/1: uav (self) x1',
  ]);
  assert.deepEqual(records[0].history.map((h) => [h.date, h.status]), [['2020-05-01', 'delivered'], ['2022-04-11', 'agreed'], ['2022-06-01', 'agreed']]);
});
