/**
 * The read endpoints in process (`app.request`), over the samples and seeds ingested with the real
 * extractor (fixture strategy: test/api.ts), on SQLite and on PostgreSQL (skipped with the reason where no
 * server can be reached). Ids are content hashes, so they are the same on both backends and every run.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { STORE_BACKENDS } from '../../test/stores.js';
import { corpusStore, SAMPLES } from '../../test/api.js';
import { SEEDS } from '../../test/helpers.js';
import { createApp } from './app.js';

for (const backend of STORE_BACKENDS) {
  describe(`HTTP API over ${backend.name}`, { skip: backend.skip }, () => {
    const store = corpusStore(backend);
    const app = async () => createApp({ store: await store() });
    const get = async (path: string, headers: Record<string, string> = {}) => {
      const res = await (await app()).request(path, { headers });
      return { status: res.status, headers: res.headers, body: res.headers.get('content-type')?.includes('json') ? await res.json() as any : await res.text() as any };
    };
    const ids = (page: { items: { id: string }[] }) => page.items.map((d) => d.id);

    test('documents: newest first, paged, filtered by language, dates and source; oldest first on request', async () => {
      const all = await get('/api/documents?limit=2&offset=2');
      assert.deepEqual([ids(all.body), all.body.next], [['406cf6aad6d74f43', 'bb425833aabaeaad'], 4]);
      assert.equal((await get('/api/documents?limit=500')).body.items.length, 17);
      assert.equal((await get('/api/documents?limit=500')).body.next, null);
      assert.deepEqual(ids((await get('/api/documents?language=sr')).body), ['c399614b72903c7f', 'd7cb71af2ab0b053']);
      assert.deepEqual(ids((await get('/api/documents?from=2024')).body), ['7fb54f29ed4b500c', 'eeca632ec80d74bb', '406cf6aad6d74f43', 'bb425833aabaeaad']);
      assert.deepEqual(ids((await get('/api/documents?from=2022-01&to=2022-01')).body), ['4f26c5d7c01af01b', '6176334ab29aec55']);
      assert.deepEqual(ids((await get('/api/documents?source=feed.xml')).body), ['eeca632ec80d74bb', '406cf6aad6d74f43', '8a8a397e983d7cd9', '6176334ab29aec55']);
      assert.deepEqual(ids((await get('/api/documents?sort=oldest&limit=3')).body), ['d7cb71af2ab0b053', '6295885489bbb5ef', '6176334ab29aec55']);
      assert.deepEqual((await get('/api/documents?language=sr&format=csv')).body.split('\n').map((l: string) => l.split(',').slice(0, 3).join(',')),
        ['id,published,language', 'c399614b72903c7f,2022-04-11,sr', 'd7cb71af2ab0b053,2020-02-24,sr', '']);
    });

    test('a document: sentences with their text, removed debris, events; an unknown id is a 404 in the error shape', async () => {
      const { status, body } = await get('/api/documents/1340f7f64676124e');
      assert.equal(status, 200);
      assert.deepEqual([body.title, body.language, body.source, body.format], ['IRIS-T SLM: Wie das deutsche Luftabwehrsystem der Ukraine hilft', 'de', join(SAMPLES, 'de-iris-t-ukraine.html'), 'html']);
      assert.equal(body.sentences.length, 11);
      assert.deepEqual(body.sentences[0], { index: 0, start: 0, end: 41, text: 'Von Katrin Albers · 14.11.2023, 07:30 Uhr' });
      assert.deepEqual(body.removed.map((r: { reason: string }) => r.reason), ['caption']);
      assert.deepEqual(body.events.map((e: any) => `${e.kind} ${e.supplier}>${e.recipient} ${e.system} ${e.status}`),
        ['transfer DE>UA IRIS-T SLM delivered', 'transfer DE>UA null agreed', 'transfer DE>UA IRIS-T SLM agreed']);
      assert.equal('text' in body, false, 'the text travels as sentences');
      const cited = (await get('/api/documents/0b4ae12e5544ea7c')).body;
      assert.equal(cited.source, join(SEEDS, '003_e2981c027b46f4f0.txt'));
      const missing = await get('/api/documents/ffffffffffffffff');
      assert.deepEqual([missing.status, missing.body], [404, { error: 'not-found', message: 'no document ffffffffffffffff', details: { id: 'ffffffffffffffff' } }]);
    });

    test('events: by parties, status, system id, hedge and confidence; CSV by ?format=csv or Accept', async () => {
      const ru = await get('/api/events?supplier=RU&recipient=RS&status=delivered');
      assert.deepEqual(ru.body.items.map((e: any) => `${e.id} ${e.system}`),
        ['57ece280bbef6ff6 Pantsir-S1', 'c2c242310bf9c21f MiG-29', '8d914f0c02535c39 null', '5248efa54df27244 null']);
      assert.deepEqual((await get('/api/events?system=system:pantsir-s1')).body.items.map((e: any) => `${e.id} ${e.status} ${e.confidence}`),
        ['57ece280bbef6ff6 delivered 0.853', '87a56d12873671cc agreed 0.904', 'f28fc8c5362145a1 agreed 0.881', '2929820dea8df9c5 agreed 0.71']);
      assert.deepEqual((await get('/api/events?kind=transfer&country=IR&min_confidence=0.9')).body.items.map((e: any) => `${e.id} ${e.supplier}>${e.recipient} ${e.system}`),
        ['a3ad69e5afec9a8a RU>IR Su-35']);
      assert.equal((await get('/api/events?kind=transfer&hedged=true')).body.items.length, 12);
      const route = (await get('/api/events?kind=route')).body.items;
      assert.deepEqual(route.map((e: any) => [e.id, e.origin, e.destination, e.via_ids, e.document_id]),
        [['f2b43481d6958ea4', 'IR', 'RU', ['place:caspian-sea', 'place:makhachkala'], '0b4ae12e5544ea7c']]);
      const csv = await get('/api/events?system=system:pantsir-s1&format=csv');
      assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
      const lines = csv.body.trim().split('\n');
      assert.equal(lines[0], 'id,document,document_id,kind,supplier,recipient,system,category,status,hedged,hypothetical,producer,origin,parties,type,imposer,target,destination,via,quantity,value,currency,date,location,location_id,via_ids,confidence,mentions,rule,cues,evidence,published,language');
      assert.deepEqual(lines.slice(1).map((l: string) => l.split(',').slice(0, 9).join(',')), [
        `57ece280bbef6ff6,${join(SAMPLES, 'sr-cyrl-pantsir.txt')},d7cb71af2ab0b053,transfer,RU,RS,Pantsir-S1,air-defence,delivered`,
        `87a56d12873671cc,${join(SAMPLES, 'sr-cyrl-pantsir.txt')},d7cb71af2ab0b053,transfer,RU,RS,Pantsir-S1,air-defence,agreed`,
        `f28fc8c5362145a1,${join(SAMPLES, 'sr-cyrl-pantsir.txt')},d7cb71af2ab0b053,transfer,RU,RS,Pantsir-S1,air-defence,agreed`,
        `2929820dea8df9c5,${join(SEEDS, '000_d265c25fb716deda.txt')},d756ebcc5c9353ba,transfer,RU,RS,Pantsir-S1,air-defence,agreed`,
      ]);
      assert.equal((await get('/api/events?system=system:pantsir-s1', { accept: 'text/csv' })).body, csv.body);
    });

    test('records: by party, status, years, corroboration and category, by recency, at another confidence threshold, as CSV', async () => {
      const rec = async (q: string) => (await get(`/api/records?${q}`)).body.items.map((r: any) => `${r.id} ${r.supplier}>${r.recipient} ${r.system ?? r.category} ${r.status} ${r.corroboration}`);
      assert.deepEqual(await rec('min_corroboration=3'), ['af77308f85a3 IR>RU Shahed-136 delivered 5', 'a47873ac0432 RU>EG Su-35 cancelled 3',
        'd168c79f9fd0 RU>IR Su-35 delivered 3', '7d5ae17c35df CN>RS CH-92A delivered 3', 'b5b541c0a297 CN>RS FK-3 delivered 3']);
      assert.deepEqual(await rec('status=cancelled'), ['a47873ac0432 RU>EG Su-35 cancelled 3']);
      assert.deepEqual(await rec('country=RS&system=system:fk-3'), ['b5b541c0a297 CN>RS FK-3 delivered 3']);
      assert.deepEqual(await rec('supplier=cn'), ['7d5ae17c35df CN>RS CH-92A delivered 3', 'b5b541c0a297 CN>RS FK-3 delivered 3', '54b11173c57f CN>RS Y-20 delivered 1', '3111ca9606be CN>RS surveillance agreed 1']);
      assert.deepEqual(await rec('year_from=2021&year_to=2021&recipient=RS&limit=3'), ['7d5ae17c35df CN>RS CH-92A delivered 3', 'b5b541c0a297 CN>RS FK-3 delivered 3', '823ee829aad2 RU>RS MiG-29 delivered 2']);
      assert.deepEqual(await rec('category=uav&sort=recent&limit=2'), ['af77308f85a3 IR>RU Shahed-136 delivered 5', '69572ae76350 TR>XK TB2 agreed 2']);
      assert.deepEqual(await rec('conflicts=true'), []);
      // Merged now from the mentions at 0.9 or above: fewer publishers, and the Su-35 for Iran only agreed.
      assert.deepEqual(await rec('min_confidence=0.9&supplier=RU'), ['d168c79f9fd0 RU>IR Su-35 agreed 1', 'a47873ac0432 RU>EG Su-35 cancelled 1',
        '3e6042d15236 RU>RS Kornet agreed 1', 'd3b8640fbd21 RU>RS Pantsir-S1 agreed 1']);
      const full = (await get('/api/records?status=cancelled')).body.items[0];
      assert.deepEqual((await get('/api/records/a47873ac0432')).body, full, 'a record at its own stable URL');
      assert.deepEqual((await get('/api/records/000000000000')).body.error, 'not-found');
      assert.deepEqual(full.history.map((h: any) => [h.date, h.status, h.publisher]).slice(0, 1), [['2022-01-10', 'cancelled', 'example.org']]);
      const csv = (await get('/api/records?supplier=CN&format=csv')).body.split('\n');
      assert.equal(csv[0], 'id,supplier,recipient,system,system_id,category,status,hedged,corroboration,conflicts,quantity,value,currency,first_seen,last_seen,mentions,sources,reviewed,reviewed_by,reference,reference_id');
      assert.equal(csv[3], `54b11173c57f,CN,RS,Y-20,system:y-20,transport-aircraft,delivered,false,1,,6,,,2022-04-11,2022-04-11,1,${join(SAMPLES, 'sr-china-fk3.txt')},,,,`, 'unreviewed, and no register imported: the review and reference cells are empty');
    });

    test('entities: search in any script, browse by type, one entry with its aliases, mentions and records', async () => {
      assert.deepEqual((await get('/api/entities?q=Панцирь&limit=2')).body.items.map((e: any) => [e.id, e.matched]), [['system:pantsir-s1', 'Pantsir'], ['system:pantsir-me', 'Pantsir-ME']]);
      assert.deepEqual((await get('/api/entities?q=Србија&type=country')).body.items.map((e: any) => [e.id, e.matched]), [['country:RS', 'Srbija']]);
      assert.deepEqual(ids((await get('/api/entities?type=country&limit=3')).body), ['country:AD', 'country:AE', 'country:AF']);
      assert.equal((await get('/api/entities?q=Rafale&limit=1', { accept: 'text/csv' })).body, 'id,type,name,country,category,matched\nsystem:rafale,system,Rafale,FR,combat-aircraft,Rafale\n');
      const rs = (await get('/api/entities/country:rs?limit=500')).body;
      assert.deepEqual([rs.entity.id, rs.entity.name, rs.mentions.length, rs.records.length], ['country:RS', 'Serbia', 47, 13]);
      assert.ok(rs.entity.aliases.sr.includes('Србија'));
      const pantsir = (await get('/api/entities/system:pantsir-s1')).body;
      assert.deepEqual(pantsir.mentions.map((e: any) => e.id), ['57ece280bbef6ff6', '87a56d12873671cc', 'f28fc8c5362145a1', '2929820dea8df9c5']);
      assert.deepEqual(pantsir.records.map((r: any) => `${r.id} ${r.supplier}>${r.recipient}`), ['d3b8640fbd21 RU>RS']);
      assert.equal((await get('/api/entities/system:no-such')).status, 404);
    });

    test('search: every word in any script; snippets are plain text whose offsets mark the matched words', async () => {
      const { body } = await get('/api/search?q=Vucic');
      assert.deepEqual(body.words, ['vucic']);
      assert.deepEqual(body.documents.map((d: any) => [d.id, d.snippet.start, d.snippet.matches.map((m: any) => d.snippet.text.slice(m.start, m.end))]), [
        ['7fb54f29ed4b500c', 358, ['Vučić']], ['bb425833aabaeaad', 846, ['Vučić']], ['c399614b72903c7f', 610, ['Vučić']],
        ['d7cb71af2ab0b053', 457, ['Вучић']], ['19e64f699faeb7c0', 2454, ['Vučić']],
      ]);
      assert.deepEqual(body.entities.map((e: any) => [e.id, e.matched, e.matches.map((m: any) => e.matched.slice(m.start, m.end))]), [['person:aleksandar-vucic', 'Vučić', ['Vučić']]]);
      const pantsir = (await get('/api/search?q=Pantsir&limit=1')).body;
      assert.deepEqual([pantsir.documents[0].id, pantsir.documents[0].titleMatches, pantsir.next], ['d7cb71af2ab0b053', [{ start: 0, end: 6 }], 1]);
      assert.equal(pantsir.documents[0].title.slice(0, 6), 'Панцир');
      assert.doesNotMatch(JSON.stringify(pantsir), /<\/?(b|em|mark)>/, 'no markup anywhere');
    });

    test('country profile: imports by partner and year, systems, cooperation, latest reports, what changed in the window', async () => {
      const rs = (await get('/api/countries/rs?as_of=2022-04-30')).body;
      assert.deepEqual(rs.imports.map((t: any) => [t.partner, t.records, t.byYear]), [
        ['RU', 7, { 2020: 4, 2021: 2, 2022: 1 }], ['CN', 4, { 2019: 1, 2020: 1, 2022: 1, undated: 1 }], ['FR', 1, { 2024: 1 }], ['IR', 1, { undated: 1 }]]);
      assert.deepEqual(rs.imports.map((t: any) => [t.partner, t.systems, t.systemCount]), [
        ['RU', ['Kornet', 'Mi-17', 'Mi-35', 'MiG-29', 'Pantsir-S1', 'T-72MS', 'helicopter'], 7], ['CN', ['CH-92A', 'FK-3', 'Y-20', 'surveillance'], 4],
        ['FR', ['Rafale'], 1], ['IR', ['uav'], 1]], 'systems before bare categories');
      assert.deepEqual([rs.systemsTotal, rs.systems.map((s: any) => [s.systemId, s.partner, s.records, s.status])], [10, [
        ['system:ch-92a', 'CN', 1, 'delivered'], ['system:fk-3', 'CN', 1, 'delivered'], ['system:kornet', 'RU', 1, 'agreed'], ['system:mi-17', 'RU', 1, 'agreed'],
        ['system:mi-35', 'RU', 1, 'agreed'], ['system:mig-29', 'RU', 1, 'delivered'], ['system:pantsir-s1', 'RU', 1, 'delivered'], ['system:rafale', 'FR', 1, 'agreed'],
        ['system:t-72ms', 'RU', 1, 'delivered'], ['system:y-20', 'CN', 1, 'delivered']]]);
      const paged = (await get('/api/countries/rs?systems_limit=2&systems_offset=1')).body;
      assert.deepEqual([paged.systemsTotal, paged.systems.map((s: any) => s.systemId)], [10, ['system:fk-3', 'system:kornet']]);
      assert.deepEqual(rs.exports, []);
      assert.deepEqual(rs.cooperation.map((c: any) => [c.partner, c.events, c.lastReported]), [['CN', 11, '2022-04-11'], ['RU', 3, '2020-02-24']]);
      assert.deepEqual(rs.latestReports.map((r: any) => r.documentId), ['7fb54f29ed4b500c', 'c399614b72903c7f', 'd7cb71af2ab0b053', '19e64f699faeb7c0', 'd756ebcc5c9353ba']);
      assert.deepEqual(rs.changes, { since: '2022-03-31', until: '2022-04-30', newSuppliers: [], statusChanges: [
        { recordId: 'b5b541c0a297', supplier: 'CN', recipient: 'RS', system: 'FK-3', category: 'air-defence', from: 'agreed', to: 'delivered', date: '2022-04-11', publisher: 'samples/sr-china-fk3.txt' }] });
      const ph = (await get('/api/countries/PH?as_of=2024-05-01')).body;
      assert.deepEqual(ph.changes.newSuppliers, [{ supplier: 'IN', firstSeen: '2024-04-19', recordIds: ['35eb5934961a'] }]);
      assert.deepEqual(ph.systems.map((s: any) => [s.systemId, s.direction, s.partner, s.status]), [['system:brahmos', 'import', 'IN', 'agreed']]);
      assert.deepEqual((await get('/api/countries/PH?as_of=2024-06-01')).body.changes.newSuppliers, [], 'outside the 30 days');
      assert.equal((await get('/api/countries/ZZ')).status, 404);
      assert.equal((await get('/api/countries/Serbia')).body.details.parameter, 'code');
    });

    test('network, map and timeline', async () => {
      assert.deepEqual((await get('/api/network?category=air-defence')).body, {
        nodes: [
          { id: 'CN', name: 'China', imports: 0, exports: 1 }, { id: 'DE', name: 'Germany', imports: 0, exports: 1 }, { id: 'IR', name: 'Iran', imports: 1, exports: 0 },
          { id: 'RS', name: 'Serbia', imports: 2, exports: 0 }, { id: 'RU', name: 'Russia', imports: 0, exports: 2 }, { id: 'UA', name: 'Ukraine', imports: 1, exports: 0 },
        ],
        edges: [
          { supplier: 'CN', recipient: 'RS', weight: 1, corroboration: 3, firstSeen: '2019', lastSeen: '2022-04-11' },
          { supplier: 'DE', recipient: 'UA', weight: 1, corroboration: 1, firstSeen: '2022', lastSeen: '2023-11-14' },
          { supplier: 'RU', recipient: 'IR', weight: 1, corroboration: 2, firstSeen: null, lastSeen: null },
          { supplier: 'RU', recipient: 'RS', weight: 1, corroboration: 2, firstSeen: '2020-02-24', lastSeen: '2021' },
        ],
      });
      const map = await get('/api/map');
      assert.equal(map.headers.get('content-type'), 'application/geo+json');
      assert.equal(map.body.type, 'FeatureCollection');
      const features = map.body.features as any[];
      assert.equal(features.filter((f) => f.properties.kind === 'country').length, 18);
      assert.deepEqual(features.find((f) => f.id === 'country:RS'), { type: 'Feature', id: 'country:RS', geometry: { type: 'Point', coordinates: [20.4489, 44.7866] },
        properties: { kind: 'country', iso: 'RS', name: 'Serbia', imports: 13, exports: 0, suppliers: ['CN', 'FR', 'IR', 'RU'], recipients: [] } });
      assert.deepEqual(features.find((f) => f.id === 'place:alabuga-sez').geometry, { type: 'Point', coordinates: [52.18, 55.8] });
      assert.deepEqual(features.find((f) => f.id === 'place:alabuga-sez').properties.documentIds, ['924b1c887f4a5a13', '0b4ae12e5544ea7c']);
      assert.deepEqual(features.find((f) => f.id === 'event:f2b43481d6958ea4').geometry,
        { type: 'LineString', coordinates: [[51.389, 35.6892], [50.5, 42], [47.5, 42.98], [37.6173, 55.7558]] }, 'Tehran, the Caspian Sea, Makhachkala, Moscow');
      const timeline = (await get('/api/timeline?supplier=CN&interval=month')).body;
      assert.deepEqual(timeline.buckets, [
        { period: '2019', steps: 1, byStatus: { agreed: 1 } }, { period: '2020', steps: 1, byStatus: { delivered: 1 } },
        { period: '2022', steps: 2, byStatus: { agreed: 2 } }, { period: '2022-04', steps: 3, byStatus: { delivered: 2, agreed: 1 } },
      ]);
      assert.deepEqual([timeline.steps.length, timeline.undated], [7, 3], 'steps with no date stay out of the buckets');
      assert.deepEqual((await get('/api/timeline?country=RS')).body.buckets.map((b: any) => [b.period, b.steps]), [['2019', 1], ['2020', 6], ['2021', 5], ['2022', 6], ['2024', 1]]);
    });

    test('bad parameters are 400s that name the parameter; reads carry an ETag and revalidate to 304', async () => {
      const bad = await get('/api/events?min_confidence=2');
      assert.deepEqual([bad.status, bad.body.error, bad.body.message, bad.body.details.parameter, bad.body.details.in],
        [400, 'invalid', 'min_confidence: Too big: expected number to be <=1', 'min_confidence', 'query']);
      assert.equal((await get('/api/records?category=tanks')).body.details.parameter, 'category');
      assert.equal((await get('/api/documents?from=2024-1')).body.details.parameter, 'from');
      assert.deepEqual([(await get('/api/countries/RS?systems_limit=5000')).status, (await get('/api/countries/RS?systems_limit=5000')).body.details.parameter], [400, 'systems_limit']);
      assert.equal((await get('/api/countries/RS?systems_offset=-1')).body.details.parameter, 'systems_offset');
      assert.equal((await get('/api/review/queue?status=bought')).body.details.parameter, 'status');
      assert.equal((await get('/api/records?max_credibility=0')).body.details.parameter, 'max_credibility');
      const first = await get('/api/records?supplier=TR');
      const tag = first.headers.get('etag')!;
      assert.match(tag, /^"[0-9a-f]{40}"$/);
      assert.equal(first.headers.get('cache-control'), 'no-cache');
      assert.equal((await get('/api/records?supplier=TR', { 'if-none-match': tag })).status, 304);
      assert.equal((await get('/api/records?supplier=IR', { 'if-none-match': tag })).status, 200);
    });
  });
}

test('the README lists every endpoint of the OpenAPI document, and no other', async () => {
  const { readFileSync } = await import('node:fs');
  const { ROOT, tempDir } = await import('../../test/helpers.js');
  const { SqliteStore } = await import('../store/sqlite.js');
  const doc = await (await createApp({ store: new SqliteStore(join(tempDir({ after: () => {} }), 'x.db')) }).request('/api/openapi.json')).json() as any;
  const declared = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const listed = [...readme.matchAll(/^\| `(GET|POST|PUT|DELETE) (\/api\/[^`]*)` \|/gm)].map((m) => `${m[1]} ${m[2]}`).sort();
  assert.deepEqual(listed, declared);
});

test('the OpenAPI 3.1 document is generated from the route schemas', async () => {
  const { SqliteStore } = await import('../store/sqlite.js');
  const { tempDir } = await import('../../test/helpers.js');
  const doc = await (await createApp({ store: new SqliteStore(join(tempDir({ after: () => {} }), 'x.db')) }).request('/api/openapi.json')).json() as any;
  assert.equal(doc.openapi, '3.1.0');
  assert.deepEqual(Object.keys(doc.paths), ['/api/health', '/api/documents', '/api/documents/{id}', '/api/documents/{id}/annotations', '/api/events', '/api/records', '/api/records/confidence', '/api/records/{id}', '/api/records/{id}/mentions', '/api/entities', '/api/entities/{id}', '/api/search',
    '/api/countries/{code}', '/api/network', '/api/map', '/api/timeline', '/api/ingest', '/api/reference', '/api/comparison', '/api/reference/import',
    '/api/review/queue', '/api/review/decisions', '/api/review/log', '/api/publishers', '/api/publishers/{publisher}', '/api/export/{what}', '/api/brief',
    '/api/match', '/api/match/{dataset}', '/api/screen', '/api/lists']);
  assert.deepEqual(doc.paths['/api/records'].get.parameters.map((p: any) => p.name), ['limit', 'offset', 'format', 'supplier', 'recipient', 'country', 'category', 'system',
    'status', 'year_from', 'year_to', 'min_corroboration', 'min_confidence', 'conflicts', 'min_grade', 'reliability', 'max_credibility', 'sort', 'reference']);
  assert.deepEqual(Object.keys(doc.paths['/api/records'].get.responses['200'].content), ['application/json', 'text/csv']);
  assert.deepEqual(doc.paths['/api/ingest'].post.security, [{ bearer: [] }]);
  assert.deepEqual(doc.paths['/api/reference/import'].post.security, [{ bearer: [] }]);
  assert.deepEqual(Object.keys(doc.paths['/api/reference/import'].post.requestBody.content), ['application/json', 'text/csv']);
  assert.deepEqual(doc.paths['/api/comparison'].get.parameters.map((p: any) => p.name), ['limit', 'offset', 'format', 'class', 'supplier', 'recipient', 'year_from', 'year_to']);
  assert.deepEqual(doc.components.securitySchemes.bearer, { type: 'http', scheme: 'bearer', description: 'ARMSCOPE_TOKEN' });
  assert.deepEqual(Object.keys(doc.components.schemas.TransferRecord.properties), ['id', 'supplier', 'recipient', 'system', 'systemId', 'category', 'status', 'history',
    'sources', 'corroboration', 'conflicts', 'hedged', 'quantity', 'value', 'currency', 'firstSeen', 'lastSeen', 'mentionIds', 'goods', 'review']);
});
