/**
 * The Store conformance suite: one file, run against every backend. SQLite runs on a file in a fresh
 * temporary folder; PostgreSQL on the real server, each test in a database of its own (test/pg.ts), and is
 * skipped with the reason where no server can be reached (never in CI, where that fails).
 *
 * Fixtures: short articles in our own words (English, Serbian Cyrillic, French with accents, German),
 * prepared by the real `prepareDocument`; events are written by hand, so every expected record is known.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mergedPairs, mergedRecords, STORE_BACKENDS } from '../../test/stores.js';
import { prepareDocument, type PreparedDocument } from '../ingest/prepare.js';
import type { EventInput } from '../extract/types.js';
import { EXTRACTOR_VERSION } from '../extract/version.js';
import type { RecordFilter, Store } from './store.js';
import pg from 'pg';
import { fillPostgres, fillSqlite, generated } from '../../bench/generate.js';
import { migrateStore, openStore } from './open.js';

/** PostgreSQL: gathers a table's statistics now, as autovacuum would in time. */
async function analyze(store: Store, table: string) {
  const client = new pg.Client({ connectionString: (store as unknown as { location: string }).location });
  await client.connect();
  try {
    await client.query(`ANALYZE ${table}`);
  } finally {
    await client.end();
  }
}

const BACKENDS = STORE_BACKENDS;

const ARTICLES = {
  egypt: { source: 'https://news-one.example/egypt', url: 'https://news-one.example/egypt', title: 'Egypt orders Su-35 jets', published: '2022-03-01', format: 'text' as const,
    body: 'Egypt ordered Su-35 fighter jets from Russia, officials in Cairo said on Tuesday. The contract was signed in Moscow after long talks.' },
  delivered: { source: 'https://news-two.example/jets', url: 'https://news-two.example/jets', title: 'First jets arrive', published: '2023-01-20', format: 'text' as const,
    body: 'Russia has delivered the first Su-35 fighter jets to Egypt, according to satellite images of an air base near Cairo.' },
  denied: { source: 'https://news-three.example/denial', url: 'https://news-three.example/denial', title: 'Cairo denies', published: '2023-02-02', format: 'text' as const,
    body: 'Egypt denied receiving Su-35 jets from Russia and said its air force had received no Russian aircraft this year.' },
  serbian: { source: 'sr/pancir.txt', title: 'Панцирь за Србију', published: '2020-02-22', format: 'text' as const,
    body: 'Русија је испоручила Србији систем противваздушне одбране Панцирь С1. Председник Вучић је присуствовао церемонији у Београду.' },
  french: { source: 'fr/cesar.txt', title: 'Des canons César pour l’Arménie', published: '2024-06-18', format: 'text' as const,
    body: 'L’Arménie a signé un contrat avec la France pour des canons Caesar. Le ministère à Erevan a confirmé la commande de trente-six pièces.' },
  german: { source: 'de/leopard.txt', title: null, format: 'text' as const,
    body: 'Deutschland liefert weitere Leopard-Panzer an die Ukraine. Die Bundesregierung bestätigte die Lieferung am Montag in Berlin.' },
};

async function prepare(name: keyof typeof ARTICLES): Promise<PreparedDocument> {
  const a = ARTICLES[name];
  return prepareDocument({ ...a, title: a.title ?? undefined });
}

function transfer(supplier: string, recipient: string, system: string, status: string, extra: Partial<EventInput> = {}): EventInput {
  return {
    kind: 'transfer', supplier, recipient, system, systemId: system.toLowerCase(), category: 'combat-aircraft', status, hedged: false, hypothetical: false,
    confidence: 0.9, evidence: { sentence: 0, start: 0, end: 10, text: `${supplier} ${status} ${system} to ${recipient}`, cues: [status], rule: 'test/hand-written' },
    ...extra,
  };
}

/** A long story and a copy that differs in one word: near-duplicates by SimHash (as in the ingest tests). */
const STORY = `${ARTICLES.egypt.body} ${ARTICLES.delivered.body} ${ARTICLES.denied.body} `;
const LONG = `${STORY}${STORY}`;
const NEAR = `${STORY}${STORY.replace('Tuesday', 'Monday')}`;

/** What a full merge over every stored event gives: the materialised records must equal it. */
async function fullMerge(store: Store) {
  return mergedRecords(store);
}

for (const backend of BACKENDS) {
  describe(`Store conformance: ${backend.name}`, { skip: backend.skip }, () => {
    test('a document round-trips whole: text, sentences, metadata; found by id and by a unique prefix', async (t) => {
      const store = await backend.open(t);
      const doc = await prepare('egypt');
      assert.deepEqual(await store.addDocument(doc), { status: 'added', id: doc.id });
      assert.equal(await store.hasDocument(doc.id), true);
      assert.equal(await store.hasDocument('0000000000000000'), false);
      const got = (await store.getDocument(doc.id))!;
      assert.deepEqual(
        { ...got, ingestedAt: 'x' },
        {
          id: doc.id, source: doc.source, url: doc.url, title: 'Egypt orders Su-35 jets', published: '2022-03-01', language: 'en', duplicateOf: null,
          ingestedAt: 'x', sentenceCount: 2, publishedFrom: 'metadata', languageConfidence: doc.languageConfidence, format: 'text', text: doc.text,
          removed: doc.removed, cited: doc.cited, sentences: doc.sentences, simhash: doc.simhash,
        },
      );
      assert.equal((await store.getDocument(doc.id.slice(0, 6)))!.id, doc.id);
      assert.equal(await store.getDocument(doc.id.slice(0, 3)), undefined, 'prefixes under 4 characters are not looked up');
      assert.equal(await store.getDocument('zzzz'), undefined);
      assert.deepEqual(await store.documentTexts([doc.id, '0000000000000000']), new Map([[doc.id, doc.text]]));
      assert.deepEqual(await store.documentTexts([]), new Map());
      assert.equal(await store.countDocuments(), 1);
    });

    test('the same text again is unchanged (one more source); a near-copy is a duplicate of the first', async (t) => {
      const store = await backend.open(t);
      const doc = await prepare('egypt');
      await store.addDocument(doc);
      assert.deepEqual(await store.addDocument({ ...doc, source: 'elsewhere.txt' }), { status: 'unchanged', id: doc.id });
      const near = await prepareDocument({ ...ARTICLES.egypt, body: LONG });
      const copy = await prepareDocument({ ...ARTICLES.egypt, source: 'copy.txt', body: NEAR });
      assert.equal((await store.addDocument(near)).status, 'added');
      assert.deepEqual(await store.addDocument(copy), { status: 'duplicate', id: copy.id, duplicateOf: near.id });
      assert.deepEqual((await store.listDocuments()).map((d) => d.id).sort(), [doc.id, near.id].sort());
      assert.deepEqual((await store.listDocuments({ includeDuplicates: true })).length, 3);
      assert.equal(await store.countDocuments(), 3);
    });

    test('documents list newest first, undated last; language, limit and offset filter', async (t) => {
      const store = await backend.open(t);
      const docs = await Promise.all((['egypt', 'delivered', 'serbian', 'german'] as const).map(prepare));
      for (const d of docs) await store.addDocument(d);
      const list = await store.listDocuments();
      assert.deepEqual(list.map((d) => d.published), ['2023-01-20', '2022-03-01', '2020-02-22', null]);
      assert.deepEqual(list.map((d) => d.language), ['en', 'en', 'sr', 'de']);
      assert.deepEqual((await store.listDocuments({ language: 'en' })).map((d) => d.published), ['2023-01-20', '2022-03-01']);
      assert.deepEqual((await store.listDocuments({ limit: 2, offset: 1 })).map((d) => d.published), ['2022-03-01', '2020-02-22']);
      assert.deepEqual((await store.listDocuments({ offset: 3 })).map((d) => d.language), ['de']);
    });

    test('events are stored with their document, listed in order, and replaced in one step', async (t) => {
      const store = await backend.open(t);
      const doc = await prepare('egypt');
      await store.addDocument(doc, [transfer('RU', 'EG', 'Su-35', 'agreed'), { ...transfer('RU', 'EG', 'Su-35', 'agreed'), kind: 'production', producer: 'RU' }]);
      const events = await store.listEvents({ documentId: doc.id });
      assert.deepEqual(events.map((e) => [e.kind, e.supplier, e.status, e.documentId, e.extractor]),
        [['transfer', 'RU', 'agreed', doc.id, EXTRACTOR_VERSION], ['production', 'RU', 'agreed', doc.id, EXTRACTOR_VERSION]]);
      assert.equal((await store.listEvents({ kind: 'production' })).length, 1);
      await store.replaceEvents(doc.id, [transfer('RU', 'EG', 'Su-35', 'delivered')]);
      assert.deepEqual((await store.listEvents()).map((e) => e.status), ['delivered']);
    });

    test('transfer records are kept in the store as each document changes them, equal to a full merge', async (t) => {
      const store = await backend.open(t);
      const [egypt, delivered, denied, french] = await Promise.all((['egypt', 'delivered', 'denied', 'french'] as const).map(prepare));
      await store.addDocument(egypt, [transfer('RU', 'EG', 'Su-35', 'agreed')]);
      assert.deepEqual((await store.listTransferRecords()).map((r) => [r.supplier, r.recipient, r.system, r.status, r.corroboration]), [['RU', 'EG', 'Su-35', 'agreed', 1]]);
      await store.addDocument(delivered, [transfer('RU', 'EG', 'Su-35', 'delivered')]);
      await store.addDocument(denied, [transfer('RU', 'EG', 'Su-35', 'denied')]);
      await store.addDocument(french, [transfer('FR', 'AM', 'CAESAR', 'agreed', { category: 'artillery', date: '2024-06' })]);
      const records = await store.listTransferRecords();
      assert.deepEqual(records, await fullMerge(store));
      const su35 = records.find((r) => r.system === 'Su-35')!;
      assert.deepEqual([su35.status, su35.corroboration, su35.firstSeen, su35.lastSeen], ['denied', 3, '2022-03-01', '2023-02-02']);
      assert.deepEqual(su35.history.map((h) => [h.date, h.status, h.publisher]),
        [['2022-03-01', 'agreed', 'news-one.example'], ['2023-01-20', 'delivered', 'news-two.example'], ['2023-02-02', 'denied', 'news-three.example']]);
      assert.deepEqual(su35.conflicts, ['delivered (news-two.example) vs denied (news-three.example)', 'agreed (news-one.example) vs denied (news-three.example)']);
      assert.deepEqual((await store.listTransferRecords({ supplier: 'fr' })).map((r) => r.system), ['CAESAR']);
      assert.deepEqual((await store.listTransferRecords({ recipient: 'EG' })).map((r) => r.system), ['Su-35']);
      assert.deepEqual((await store.listTransferRecords({ country: 'AM' })).map((r) => r.system), ['CAESAR']);
      assert.deepEqual((await store.listTransferRecords({ country: 'RU' })).map((r) => r.system), ['Su-35']);
      assert.deepEqual((await store.listTransferRecords({ conflicts: true })).map((r) => r.system), ['Su-35']);
      assert.deepEqual((await store.listTransferRecords({ limit: 1, offset: 1 })).map((r) => r.system), ['CAESAR']);
      // A re-extraction that drops the denial changes the record in the same step.
      await store.replaceEvents(denied.id, []);
      const after = (await store.listTransferRecords({ recipient: 'EG' }))[0];
      assert.deepEqual([after.status, after.corroboration, after.conflicts], ['delivered', 2, []]);
      assert.deepEqual(await store.listTransferRecords(), await fullMerge(store));
      // Events moving to another pair leave no record behind for the old one.
      await store.replaceEvents(french.id, [transfer('FR', 'GR', 'Rafale', 'delivered')]);
      assert.deepEqual((await store.listTransferRecords()).map((r) => `${r.supplier}>${r.recipient} ${r.system}`), ['RU>EG Su-35', 'FR>GR Rafale']);
      assert.deepEqual(await store.listTransferRecords(), await fullMerge(store));
      // The sums kept per pair follow: FR>AM is gone, FR>GR is there.
      assert.deepEqual((await store.pairDetails()).map((p) => `${p.supplier}>${p.recipient} ${p.records} ${p.goods}`), ['FR>GR 1 Rafale', 'RU>EG 1 Su-35']);
      assert.deepEqual(await store.pairDetails(), await mergedPairs(store));
      assert.deepEqual(await store.countryGoods('AM'), []);
      // A full rebuild gives the same rows.
      await store.rebuild({ records: true });
      assert.deepEqual(await store.listTransferRecords(), await fullMerge(store));
      assert.deepEqual(await store.pairDetails(), await mergedPairs(store));
    });

    test('a near-duplicate document changes no record: its mentions count under the first', async (t) => {
      const store = await backend.open(t);
      const first = await prepareDocument({ ...ARTICLES.delivered, body: LONG });
      const copy = await prepareDocument({ ...ARTICLES.delivered, source: 'https://copycat.example/x', url: 'https://copycat.example/x', body: NEAR });
      await store.addDocument(first, [transfer('RU', 'EG', 'Su-35', 'delivered')]);
      assert.equal((await store.addDocument(copy, [transfer('RU', 'EG', 'Su-35', 'delivered')])).status, 'duplicate');
      const records = await store.listTransferRecords();
      assert.deepEqual(records.map((r) => [r.corroboration, r.sources.map((s) => s.publisher)]), [[1, ['news-two.example']]]);
      assert.deepEqual(records, await fullMerge(store));
    });

    test('full-text search: Latin, Cyrillic and accented text, across scripts and accents, in titles and text', async (t) => {
      const store = await backend.open(t);
      const docs = Object.fromEntries(await Promise.all((['egypt', 'delivered', 'serbian', 'french', 'german'] as const).map(async (n) => [n, await prepare(n)] as const)));
      for (const d of Object.values(docs)) await store.addDocument(d);
      const ids = async (q: string, options = {}) => (await store.searchDocuments(q, options)).map((d) => d.source);
      assert.deepEqual(await ids('Su-35 Cairo'), [docs.delivered.source, docs.egypt.source], 'every word must occur; newest first');
      assert.deepEqual(await ids('satellite'), [docs.delivered.source]);
      assert.deepEqual(await ids('SATELLITE images'), [docs.delivered.source], 'case does not matter');
      assert.deepEqual(await ids('Панцирь'), [docs.serbian.source], 'Cyrillic as written');
      assert.deepEqual(await ids('панцирь'), [docs.serbian.source], 'Cyrillic in lower case');
      assert.deepEqual(await ids('Pantsir'), [docs.serbian.source], 'Latin spelling of a Cyrillic name');
      assert.deepEqual(await ids('Вучић'), [docs.serbian.source]);
      assert.deepEqual(await ids('Vucic'), [docs.serbian.source], 'without the háček');
      assert.deepEqual(await ids('Vučić'), [docs.serbian.source], 'Serbian Latin');
      assert.deepEqual(await ids('ministère'), [docs.french.source]);
      assert.deepEqual(await ids('ministere'), [docs.french.source], 'accents folded');
      assert.deepEqual(await ids('Arménie'), [docs.french.source], 'a word of the title only');
      assert.deepEqual(await ids('Erevan confirmé'), [docs.french.source]);
      assert.deepEqual(await ids('bestätigte'), [docs.german.source]);
      assert.deepEqual(await ids('Leopard'), [docs.german.source], 'part of a hyphenated word');
      assert.deepEqual(await ids('Cairo', { limit: 1 }), [docs.delivered.source]);
      assert.deepEqual(await ids('Cairo', { offset: 1 }), [docs.egypt.source]);
      assert.deepEqual(await ids('Cairo', { language: 'sr' }), []);
      assert.deepEqual(await ids('Cairo Panzer'), [], 'no document has both');
      assert.deepEqual(await ids('drones'), []);
      assert.deepEqual(await ids('  ,;  '), [], 'no words, no results');
      assert.deepEqual(await ids('"Cairo" OR NEAR('), [], 'query syntax is read as words');
    });

    test('search leaves out near-duplicates unless asked; a reindex gives the same answers', async (t) => {
      const store = await backend.open(t);
      const first = await prepareDocument({ ...ARTICLES.egypt, body: LONG });
      const copy = await prepareDocument({ ...ARTICLES.egypt, source: 'copy.txt', body: NEAR });
      await store.addDocument(first);
      await store.addDocument(copy);
      assert.deepEqual((await store.searchDocuments('satellite')).map((d) => d.id), [first.id]);
      assert.deepEqual((await store.searchDocuments('satellite', { includeDuplicates: true })).map((d) => d.id).sort(), [first.id, copy.id].sort());
      await store.rebuild({ search: true });
      assert.deepEqual((await store.searchDocuments('satellite', { includeDuplicates: true })).map((d) => d.id).sort(), [first.id, copy.id].sort());
      assert.deepEqual((await store.searchDocuments('Monday', { includeDuplicates: true })).map((d) => d.id), [copy.id]);
    });

    test('search pages through many matches newest first: same-day documents latest stored first, undated last, filters that few pass', async (t) => {
      const store = await backend.open(t);
      // 130 short field reports of made-up place names, each naming a convoy; 14 from a rare outlet.
      const syllables = ['ka', 'lo', 'mi', 'ran', 'sto', 'vel', 'dor', 'ni', 'pa', 'tre'];
      const place = (k: number) => [0, 1, 2].map((d) => syllables[Math.floor(k / 10 ** d) % 10]).join('');
      const stored: { id: string; published: string | null; source: string; names: string[] }[] = [];
      for (let i = 0; i < 130; i++) {
        const published = i % 13 === 5 ? null : `2024-0${1 + (i % 3)}-${String(1 + (i % 7)).padStart(2, '0')}`;
        const names = Array.from({ length: 9 }, (_, j) => place((i * 37 + j * 101) % 1000));
        const body = `A convoy passed ${names.slice(0, 3).join(', ')} and ${names[3]} before dawn. Patrols near ${names.slice(4).join(' and ')} counted ${i + 2} trucks.`;
        const source = i % 9 === 4 ? `https://rare-outlet.example/${i}` : `https://wire.example/${i}`;
        const doc = await prepareDocument({ source, url: source, title: `Field report ${i}`, published: published ?? undefined, format: 'text', body });
        assert.equal((await store.addDocument(doc)).status, 'added', `report ${i} is not a near-copy of another`);
        stored.push({ id: doc.id, published, source, names });
      }
      // Newest day first; within a day the document stored later first; undated at the end.
      const expected = stored.map((d, seq) => ({ ...d, seq })).sort((a, b) => (b.published ?? '').localeCompare(a.published ?? '') || b.seq - a.seq);
      const ids = async (q: string, options = {}) => (await store.searchDocuments(q, options)).map((d) => d.id);
      const check = async (phase: string) => {
        assert.deepEqual(await ids('convoy', { limit: 200 }), expected.map((d) => d.id), phase);
        assert.deepEqual(await ids('CONVOY trucks', { limit: 15, offset: 60 }), expected.slice(60, 75).map((d) => d.id), `${phase}: a page deep in the list`);
        assert.deepEqual((await store.searchDocuments('convoy', { limit: 3, offset: 127 })).map((d) => d.published), [null, null, null], `${phase}: the undated come last`);
        const rare = expected.filter((d) => d.source.includes('rare-outlet'));
        assert.equal(rare.length, 14);
        assert.deepEqual(await ids('convoy', { source: 'rare-outlet', limit: 10 }), rare.slice(0, 10).map((d) => d.id), `${phase}: a filter few pass: the index is read on until the page is full`);
        assert.deepEqual(await ids('convoy', { source: 'rare-outlet', limit: 10, offset: 10 }), rare.slice(10).map((d) => d.id), phase);
        const february = expected.filter((d) => d.published?.startsWith('2024-02'));
        assert.deepEqual(await ids('convoy', { from: '2024-02', to: '2024-02', limit: 200 }), february.map((d) => d.id), phase);
        assert.deepEqual(await ids('convoy', { from: '2024-02-03', to: '2024-02-04', limit: 200 }),
          february.filter((d) => d.published! >= '2024-02-03' && d.published! <= '2024-02-04').map((d) => d.id), phase);
        const named = place(4 * 37 % 1000);
        const holding = expected.filter((d) => d.names.includes(named));
        assert.equal(holding.length, 2);
        assert.deepEqual(await ids(`${named} convoy`), holding.map((d) => d.id), `${phase}: a rarer word with a common one`);
      };
      await check('as stored');
      if (backend.name === 'postgres') {
        // With statistics, a rare word is read a few months at a time and a common one along the key index.
        await analyze(store, 'document_search');
        await check('after ANALYZE');
      }
      // Reindexing keeps every key: the same answers in the same order.
      await store.rebuild({ search: true });
      assert.deepEqual(await ids('convoy', { limit: 200 }), expected.map((d) => d.id));
    });

    test('a rare word found across months, years and undated documents, a page at a time, before and after statistics', async (t) => {
      const store = await backend.open(t);
      const dates = ['2024-03-14', null, '2024-01-30', '2021-11-02', '2023-06-07', '2024-03-02', '2023-12-31'];
      const filler = ['harbour', 'ridge', 'valley', 'plateau', 'delta', 'steppe', 'fjord', 'canyon', 'marsh', 'dune'];
      for (let i = 0; i < 280; i++) {
        const published = i < dates.length ? dates[i] : `2022-0${1 + (i % 9)}-1${i % 10}`;
        const body = `${i < dates.length ? 'A quokka was seen' : 'Nothing was seen'} near the ${filler[i % 10]} ${filler[(i * 3 + 1) % 10]} on patrol ${i} of ${filler[(i * 7 + 2) % 10]} sector ${i * 13}, ${filler[(i * 11 + 5) % 10]} road ${i * 29 % 97}.`;
        const doc = await prepareDocument({ source: `notes/${i}.txt`, title: `Patrol note ${i}`, published: published ?? undefined, format: 'text', body });
        await store.addDocument(doc);
      }
      const newestFirst = ['2024-03-14', '2024-03-02', '2024-01-30', '2023-12-31', '2023-06-07', '2021-11-02', null];
      const check = async (phase: string) => {
        const pages: (string | null)[] = [];
        for (let offset = 0; offset < 8; offset++) pages.push(...(await store.searchDocuments('quokka', { limit: 1, offset })).map((d) => d.published));
        assert.deepEqual(pages, newestFirst, `${phase}: one page at a time`);
        assert.deepEqual((await store.searchDocuments('quokka', { limit: 3, offset: 2 })).map((d) => d.published), newestFirst.slice(2, 5), phase);
        assert.deepEqual((await store.searchDocuments('quokka', { from: '2023-06', to: '2024-01' })).map((d) => d.published), ['2024-01-30', '2023-12-31', '2023-06-07'], phase);
        assert.deepEqual((await store.searchDocuments('quokka', { to: '2023' })).map((d) => d.published), ['2023-12-31', '2023-06-07', '2021-11-02'], phase);
      };
      await check('as stored');
      if (backend.name === 'postgres') {
        await analyze(store, 'document_search');
        await check('after ANALYZE');
      }
    });

    test('a page past 32,766 matches: every page and a deep offset, read batch by batch without a query too large to run', async (t) => {
      // Generated directly, as the benches do: 34,000 short reports, every title saying "Report".
      const location = await backend.location(t);
      const n = 34_000;
      if (backend.name === 'sqlite') { await migrateStore(location); await fillSqlite(location, n); } else await fillPostgres(location, n);
      const store = await openStore(location);
      t.after(() => store.close());
      const order = Array.from({ length: n }, (_, i) => generated(i)).map((d, i) => ({ id: d.id, published: d.published, seq: i + 1 }))
        .sort((a, b) => b.published.localeCompare(a.published) || b.seq - a.seq).map((d) => d.id);
      const all = await store.searchDocuments('report', { limit: 40_000 });
      assert.equal(all.length, n);
      assert.deepEqual([all[0].id, all[n - 1].id], [order[0], order[n - 1]]);
      assert.deepEqual((await store.searchDocuments('report', { offset: n - 5, limit: 20 })).map((d) => d.id), order.slice(n - 5));
      assert.deepEqual(await store.searchDocuments('report', { offset: 100_000, limit: 20 }), []);
    });

    test('documents filter by publication range (each end inclusive, by year, month or day) and by source; oldest first on request', async (t) => {
      const store = await backend.open(t);
      for (const d of await Promise.all((['egypt', 'delivered', 'denied', 'serbian', 'german'] as const).map(prepare))) await store.addDocument(d);
      const published = async (o: object) => (await store.listDocuments(o)).map((d) => d.published);
      assert.deepEqual(await published({ from: '2023' }), ['2023-02-02', '2023-01-20']);
      assert.deepEqual(await published({ to: '2022' }), ['2022-03-01', '2020-02-22'], 'to 2022 takes all of 2022; undated left out');
      assert.deepEqual(await published({ from: '2022-03', to: '2023-01' }), ['2023-01-20', '2022-03-01']);
      assert.deepEqual(await published({ from: '2023-01-21', to: '2023-02-02' }), ['2023-02-02']);
      assert.deepEqual(await published({ source: 'NEWS-TWO' }), ['2023-01-20'], 'source text, case ignored');
      assert.deepEqual(await published({ source: 'sr/' }), ['2020-02-22']);
      assert.deepEqual(await published({ source: '%' }), ['2023-02-02', '2023-01-20', '2022-03-01', '2020-02-22', null], 'wildcards are no filter');
      assert.deepEqual(await published({ order: 'oldest' }), ['2020-02-22', '2022-03-01', '2023-01-20', '2023-02-02', null]);
      await assert.rejects(store.listDocuments({ from: '2023-1' }), /from must be YYYY, YYYY-MM or YYYY-MM-DD, got "2023-1"/);
      assert.deepEqual((await store.searchDocuments('Su-35', { from: '2023' })).map((d) => d.published), ['2023-02-02', '2023-01-20']);
    });

    test('events filter by party in any role, goods, status, hedge, confidence and date, with their documents', async (t) => {
      const store = await backend.open(t);
      const [egypt, delivered, serbian] = await Promise.all((['egypt', 'delivered', 'serbian'] as const).map(prepare));
      await store.addDocument(egypt, [
        transfer('RU', 'EG', 'Su-35', 'agreed', { confidence: 0.4, hedged: true, systemId: 'system:su-35' }),
        transfer('RU', 'EG', 'Su-35', 'offered', { hypothetical: true }),
        { kind: 'cooperation', parties: ['EG', 'RU'], type: 'exercise', status: 'held', hedged: false, hypothetical: false, confidence: 0.7,
          evidence: { sentence: 1, start: 0, end: 5, text: 'drills', cues: ['drills'], rule: 'test/hand-written' } },
      ]);
      await store.addDocument(delivered, [transfer('RU', 'EG', 'Sukhoi Su-35', 'delivered', { systemId: 'system:su-35' })]);
      await store.addDocument(serbian, [transfer('RU', 'RS', 'Панцирь С1', 'delivered', { systemId: 'system:pantsir-s1', category: 'air-defence' })]);
      const found = async (f: object) => (await store.findEvents(f)).map((e) => `${e.kind} ${e.supplier ?? e.parties} ${e.status} ${e.document.published}`);
      assert.deepEqual(await found({}), ['transfer RU delivered 2023-01-20', 'transfer RU agreed 2022-03-01', 'cooperation EG,RU held 2022-03-01', 'transfer RU delivered 2020-02-22']);
      assert.deepEqual(await found({ includeHypothetical: true, status: 'offered' }), ['transfer RU offered 2022-03-01']);
      assert.deepEqual(await found({ country: 'eg' }), ['transfer RU delivered 2023-01-20', 'transfer RU agreed 2022-03-01', 'cooperation EG,RU held 2022-03-01'], 'a cooperation party counts');
      assert.deepEqual(await found({ country: 'EG', limit: 1, offset: 2 }), ['cooperation EG,RU held 2022-03-01']);
      assert.deepEqual(await found({ recipient: 'RS' }), ['transfer RU delivered 2020-02-22']);
      assert.deepEqual(await found({ system: 'system:su-35' }), ['transfer RU delivered 2023-01-20', 'transfer RU agreed 2022-03-01'], 'by catalog id, whatever the text wrote');
      assert.deepEqual(await found({ system: 'Панцирь С1' }), ['transfer RU delivered 2020-02-22'], 'by the designation as written');
      assert.deepEqual(await found({ category: 'air-defence' }), ['transfer RU delivered 2020-02-22']);
      assert.deepEqual(await found({ hedged: true }), ['transfer RU agreed 2022-03-01']);
      assert.deepEqual(await found({ kind: 'transfer', minConfidence: 0.5 }), ['transfer RU delivered 2023-01-20', 'transfer RU delivered 2020-02-22']);
      assert.deepEqual(await found({ kind: 'transfer', minConfidence: 0.5, offset: 1 }), ['transfer RU delivered 2020-02-22']);
      assert.deepEqual(await found({ from: '2021', to: '2022-12-31' }), ['transfer RU agreed 2022-03-01', 'cooperation EG,RU held 2022-03-01']);
      assert.deepEqual(await found({ documentId: serbian.id }), ['transfer RU delivered 2020-02-22']);
      const [first] = await store.findEvents({ limit: 1 });
      assert.deepEqual(first.document, { source: delivered.source, url: delivered.url, title: 'First jets arrive', published: '2023-01-20', language: 'en' });
    });

    test('records filter by goods, status, years and corroboration, order by recency, and count per pair', async (t) => {
      const store = await backend.open(t);
      const [egypt, delivered, french, serbian] = await Promise.all((['egypt', 'delivered', 'french', 'serbian'] as const).map(prepare));
      await store.addDocument(egypt, [transfer('RU', 'EG', 'Su-35', 'agreed', { systemId: 'system:su-35' })]);
      await store.addDocument(delivered, [transfer('RU', 'EG', 'Su-35', 'delivered', { systemId: 'system:su-35' })]);
      await store.addDocument(french, [transfer('FR', 'AM', 'CAESAR', 'agreed', { systemId: 'system:caesar', category: 'artillery' })]);
      await store.addDocument(serbian, [transfer('RU', 'RS', 'Pantsir-S1', 'delivered', { systemId: 'system:pantsir-s1', category: 'air-defence' }),
        transfer('RU', 'RS', 'MiG-29', 'delivered', { systemId: 'system:mig-29' })]);
      const names = async (f: object) => (await store.listTransferRecords(f)).map((r) => `${r.supplier}>${r.recipient} ${r.system}`);
      assert.deepEqual(await names({}), ['RU>EG Su-35', 'FR>AM CAESAR', 'RU>RS MiG-29', 'RU>RS Pantsir-S1']);
      assert.deepEqual(await names({ order: 'recent' }), ['FR>AM CAESAR', 'RU>EG Su-35', 'RU>RS MiG-29', 'RU>RS Pantsir-S1']);
      assert.deepEqual(await names({ category: 'artillery' }), ['FR>AM CAESAR']);
      assert.deepEqual(await names({ system: 'system:pantsir-s1' }), ['RU>RS Pantsir-S1']);
      assert.deepEqual(await names({ system: 'su-35' }), ['RU>EG Su-35']);
      assert.deepEqual(await names({ status: 'delivered', supplier: 'RU' }), ['RU>EG Su-35', 'RU>RS MiG-29', 'RU>RS Pantsir-S1']);
      assert.deepEqual(await names({ yearFrom: 2023 }), ['RU>EG Su-35', 'FR>AM CAESAR'], 'last reported in or after 2023');
      assert.deepEqual(await names({ yearTo: 2022 }), ['RU>EG Su-35', 'RU>RS MiG-29', 'RU>RS Pantsir-S1'], 'first reported in or before 2022');
      assert.deepEqual(await names({ yearFrom: 2021, yearTo: 2022 }), ['RU>EG Su-35']);
      assert.deepEqual(await names({ minCorroboration: 2 }), ['RU>EG Su-35']);
      const [su35] = await store.listTransferRecords({ system: 'su-35' });
      assert.deepEqual(await store.getTransferRecord(su35.id), su35);
      assert.equal(await store.getTransferRecord('000000000000'), undefined);
      assert.deepEqual(await store.recordPairs(), [
        { supplier: 'RU', recipient: 'RS', records: 2, corroboration: 2, firstSeen: '2020-02-22', lastSeen: '2020-02-22' },
        { supplier: 'FR', recipient: 'AM', records: 1, corroboration: 1, firstSeen: '2024-06-18', lastSeen: '2024-06-18' },
        { supplier: 'RU', recipient: 'EG', records: 1, corroboration: 2, firstSeen: '2022-03-01', lastSeen: '2023-01-20' },
      ]);
      assert.deepEqual((await store.recordPairs({ category: 'combat-aircraft' })).map((p) => [p.supplier, p.recipient, p.records]), [['RU', 'EG', 1], ['RU', 'RS', 1]]);
    });

    test('a country: pages read from both sides in the listing order, the sums kept per pair and per system, its newest reports', async (t) => {
      const store = await backend.open(t);
      const [egypt, delivered, french, serbian] = await Promise.all((['egypt', 'delivered', 'french', 'serbian'] as const).map(prepare));
      await store.addDocument(egypt, [transfer('RU', 'EG', 'Su-35', 'agreed', { systemId: 'system:su-35' })]);
      await store.addDocument(delivered, [transfer('RU', 'EG', 'Su-35', 'delivered', { systemId: 'system:su-35' })]);
      await store.addDocument(french, [transfer('IR', 'RU', 'Shahed-136', 'delivered', { systemId: 'system:shahed-136', category: 'uav' })]);
      await store.addDocument(serbian, [transfer('RU', 'RS', 'Pantsir-S1', 'delivered', { systemId: 'system:pantsir-s1', category: 'air-defence' }),
        transfer('RU', 'RS', 'MiG-29', 'delivered', { systemId: 'system:mig-29' })]);
      const names = async (f: RecordFilter) => (await store.listTransferRecords(f)).map((r) => `${r.supplier}>${r.recipient} ${r.system}`);
      const all = { corroboration: ['RU>EG Su-35', 'IR>RU Shahed-136', 'RU>RS MiG-29', 'RU>RS Pantsir-S1'], recent: ['IR>RU Shahed-136', 'RU>EG Su-35', 'RU>RS MiG-29', 'RU>RS Pantsir-S1'] };
      for (const order of ['corroboration', 'recent'] as const) {
        assert.deepEqual(await names({ country: 'RU', order }), all[order]);
        for (const limit of [1, 2, 3]) {
          for (const offset of [0, 1, 3]) {
            assert.deepEqual(await names({ country: 'ru', order, limit, offset }), all[order].slice(offset, offset + limit), `${order} ${limit}@${offset}`);
          }
        }
      }
      assert.deepEqual(await names({ country: 'RU', status: 'delivered', limit: 5 }), ['RU>EG Su-35', 'IR>RU Shahed-136', 'RU>RS MiG-29', 'RU>RS Pantsir-S1']);
      assert.deepEqual(await names({ country: 'RU', seenAfter: '2023-01-20' }), ['IR>RU Shahed-136'], 'last reported strictly after the date');
      assert.deepEqual(await names({ country: 'RU', seenAfter: '2023', limit: 10 }), ['RU>EG Su-35', 'IR>RU Shahed-136']);

      assert.deepEqual(await store.pairDetails({ country: 'RU' }), [
        { supplier: 'RU', recipient: 'RS', records: 2, corroboration: 2, firstSeen: '2020-02-22', lastSeen: '2020-02-22', byYear: { 2020: 2 }, goods: ['MiG-29', 'Pantsir-S1'], goodsCount: 2, systemRows: 2 },
        { supplier: 'IR', recipient: 'RU', records: 1, corroboration: 1, firstSeen: '2024-06-18', lastSeen: '2024-06-18', byYear: { 2024: 1 }, goods: ['Shahed-136'], goodsCount: 1, systemRows: 1 },
        { supplier: 'RU', recipient: 'EG', records: 1, corroboration: 2, firstSeen: '2022-03-01', lastSeen: '2023-01-20', byYear: { 2022: 1 }, goods: ['Su-35'], goodsCount: 1, systemRows: 1 },
      ]);
      assert.deepEqual((await store.pairDetails({ recipient: 'RU' })).map((p) => p.supplier), ['IR']);
      assert.deepEqual(await store.recordPairs({ country: 'EG' }), [{ supplier: 'RU', recipient: 'EG', records: 1, corroboration: 2, firstSeen: '2022-03-01', lastSeen: '2023-01-20' }]);
      const goods = async (offset: number) => {
        const page = await store.countryGoods('RU', { systemsOnly: true, limit: 2, offset });
        return [(await store.pairDetails({ country: 'RU' })).reduce((n, p) => n + p.systemRows, 0), page.map((g) => `${g.supplier}>${g.recipient} ${g.goods} ${g.records} ${g.topStatus}`)];
      };
      assert.deepEqual(await goods(0), [4, ['RU>RS system:mig-29 1 delivered', 'RU>RS system:pantsir-s1 1 delivered']]);
      assert.deepEqual(await goods(2), [4, ['IR>RU system:shahed-136 1 delivered', 'RU>EG system:su-35 1 delivered']], 'the latest report of the Su-35 says delivered');

      for (const expected of [5, 5_000_000]) {
        assert.deepEqual((await store.latestReports('RU', { limit: 2, expected })).map((d) => d.id), [french.id, delivered.id], `expecting ${expected}`);
        assert.deepEqual((await store.latestReports('EG', { limit: 5, expected })).map((d) => d.id), [delivered.id, egypt.id]);
        assert.deepEqual(await store.latestReports('JP', { limit: 5, expected }), []);
      }
    });

    test('documents to re-extract: never extracted, or extracted before a time; settings hold a checkpoint', async (t) => {
      const store = await backend.open(t);
      const [a, b] = await Promise.all((['egypt', 'french'] as const).map(prepare));
      await store.addDocument(a, []);
      await store.addDocument(b);
      const later = new Date(Date.now() + 60_000).toISOString();
      assert.deepEqual(await store.listStaleDocuments({ before: '2000-01-01', limit: 10 }), [b.id], 'stored without extraction');
      assert.deepEqual(await store.listStaleDocuments({ before: later, limit: 10 }), [a.id, b.id].sort());
      assert.deepEqual(await store.listStaleDocuments({ before: later, limit: 10, afterId: [a.id, b.id].sort()[0] }), [[a.id, b.id].sort()[1]]);
      assert.equal(await store.countStaleDocuments(later), 2);
      await store.replaceEvents(b.id, []);
      assert.equal(await store.countStaleDocuments('2000-01-01'), 0);
      assert.equal(await store.getSetting('reextract'), undefined);
      await store.setSetting('reextract', 'one');
      await store.setSetting('reextract', 'two');
      assert.equal(await store.getSetting('reextract'), 'two');
      await store.setSetting('reextract', null);
      assert.equal(await store.getSetting('reextract'), undefined);
    });

    test('concurrent writers: the same text twice at once is stored once; records of one pair stay whole', async (t) => {
      const store = await backend.open(t);
      const docs = await Promise.all((['egypt', 'delivered', 'denied'] as const).map(prepare));
      const statuses = ['agreed', 'delivered', 'denied'];
      const results = await Promise.all([...docs, ...docs].map((d, i) => store.addDocument(d, [transfer('RU', 'EG', 'Su-35', statuses[i % 3])])));
      assert.deepEqual(results.map((r) => r.status).sort(), ['added', 'added', 'added', 'unchanged', 'unchanged', 'unchanged']);
      assert.equal(await store.countDocuments(), 3);
      assert.equal((await store.listEvents()).length, 3);
      const records = await store.listTransferRecords();
      assert.deepEqual(records.map((r) => [r.status, r.corroboration, r.history.length]), [['denied', 3, 3]]);
      assert.deepEqual(records, await fullMerge(store));
    });
  });
}
