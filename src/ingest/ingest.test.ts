import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { SEEDS, tempDir, serve, makePdf } from '../../test/helpers.js';
import { SqliteStore } from '../store/sqlite.js';
import { ingest, type IngestResult } from './pipeline.js';
import { fetchUrl, isPrivateAddress } from './fetch.js';

const ARTICLE = 'Serbia received Chinese FK-3 air defence systems in April 2022. Six Y-20 transport aircraft landed at Belgrade airport. '
  + 'The Serbian president said the systems would protect the country. Analysts noted that it was the largest Chinese delivery to Europe. ';

async function run(t: Parameters<typeof tempDir>[0], inputs: string[], extra: Parameters<typeof ingest>[2] = {}) {
  const dir = tempDir(t);
  const store = new SqliteStore(join(dir, 'test.db'));
  t.after(() => store.close());
  const results: IngestResult[] = [];
  const summary = await ingest(inputs, store, { ...extra, onResult: (r) => results.push(r) });
  return { store, summary, results, dir };
}

test('the four seeds are stored with language, title and exact sentence offsets', async (t) => {
  const { store, summary } = await run(t, [SEEDS]);
  assert.deepEqual([summary.added, summary.failed, summary.duplicates], [4, 0, 0]);
  const docs = await store.listDocuments();
  const bySource = (name: string) => docs.find((d) => d.source.endsWith(name))!;
  assert.deepEqual(['000_d265c25fb716deda.txt', '001_a62e98f9cf78336a.txt', '002_a1f3bd7e1af7a897.txt', '003_e2981c027b46f4f0.txt']
    .map((f) => bySource(f).language), ['en', 'en', 'nl', 'nl']);
  assert.equal(bySource('000_d265c25fb716deda.txt').title, 'Iranian Drone Exports to the Balkans and Its Geopolitical Repercussions');
  for (const d of docs) {
    const full = (await store.getDocument(d.id))!;
    assert.equal(full.published, null, 'no date line in the seeds: unknown, never the ingest time');
    assert.equal(full.publishedFrom, 'unknown');
    assert.equal(full.sentences.length, d.sentenceCount);
    for (const s of full.sentences) assert.equal(full.text.slice(s.start, s.end).trim(), full.text.slice(s.start, s.end));
    assert.equal(full.text.includes('Photo: Reuters'), false);
    assert.equal(full.text.includes('Lees hier het volledige artikel'), false);
    assert.equal(full.text.includes('Over de auteur'), false);
  }
  const s000 = (await store.getDocument(bySource('000_d265c25fb716deda.txt').id))!;
  assert.ok(s000.cited.some((c) => c.outlet === 'Balkan Insight'));
  assert.ok(s000.cited.some((c) => c.outlet === 'Iran International'));
  assert.equal(s000.text.slice(s000.sentences[0].start, s000.sentences[0].end), 'Iranian Drone Exports to the Balkans and Its Geopolitical Repercussions');
});

test('re-ingesting identical content adds nothing; a near-copy is stored as a duplicate of the first', async (t) => {
  const { store, dir } = await run(t, [SEEDS]);
  const again = await ingest([SEEDS], store);
  assert.deepEqual([again.added, again.unchanged, again.duplicates], [0, 4, 0]);
  assert.equal(await store.countDocuments(), 4);
  const story = 'Kosovo received its first Bayraktar TB2 drones from Turkey, the defence ministry in Pristina said on Monday. '
    + 'The drones were bought under a contract signed last year, and more deliveries are expected. '
    + 'Serbia protested the purchase and called it a threat to regional stability. '
    + 'Albania had bought the same Turkish drones a year earlier and now operates them from an air base near Tirana. ';
  writeFileSync(join(dir, 'a.txt'), `${story}${story}`);
  writeFileSync(join(dir, 'b.txt'), `${story}${story.replace('on Monday', 'on Tuesday')}`);
  const first = await ingest([join(dir, 'a.txt')], store);
  const second = await ingest([join(dir, 'b.txt')], store);
  assert.equal(first.added, 1);
  assert.deepEqual([second.added, second.duplicates], [0, 1]);
  const docs = await store.listDocuments({ includeDuplicates: true });
  const a = docs.find((d) => d.source.endsWith('/a.txt'))!;
  const b = docs.find((d) => d.source.endsWith('/b.txt'))!;
  assert.equal(b.duplicateOf, a.id);
  assert.equal(a.duplicateOf, null);
  assert.equal((await store.listDocuments()).some((d) => d.id === b.id), false, 'duplicates hidden by default');
});

test('bad inputs each get one error naming the input; the rest of the batch goes on', async (t) => {
  const dir = tempDir(t);
  const w = (name: string, data: string | Buffer) => { writeFileSync(join(dir, name), data); return join(dir, name); };
  const good = w('good.txt', ARTICLE);
  const binary = w('binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]));
  const badUtf8 = w('latin.txt', Buffer.concat([Buffer.from('Srbija je kupila '), Buffer.from([0xe8, 0x20, 0xff, 0xfe]), Buffer.from(' drone.')]));
  const empty = w('empty.txt', '');
  const blank = w('blank.md', '  \n\n  ');
  const big = w('big.txt', 'x'.repeat(2048));
  const feed = w('broken.xml', '<?xml version="1.0"?><rss version="2.0"><channel><item><title>Broken</title></channel></rss>');
  const jsonl = w('items.jsonl', [
    JSON.stringify({ url: 'https://example.org/1', title: 'One', text: ARTICLE, published: '2022-04-10', language: 'en' }),
    '{"url": "https://example.org/2", "title": "Truncated", "text": "Serbia rec',
    JSON.stringify({ url: 'https://example.org/3', title: 'No text' }),
  ].join('\n'));
  const pdf = makePdf(['Poland signed a contract for K2 tanks from South Korea.', 'The first tanks arrived in Gdynia in December 2022.']);
  const truncatedPdf = w('cut.pdf', pdf.subarray(0, Math.floor(pdf.length / 3)));
  const missing = join(dir, 'nope.txt');
  const { store, summary, results } = await run(t, [good, binary, badUtf8, empty, blank, big, feed, jsonl, truncatedPdf, missing], { maxBytes: 1024 });
  const errors = Object.fromEntries(results.filter((r) => !r.ok).map((r) => [r.source.replace(dir + '/', ''), (r as { error: string }).error]));
  assert.deepEqual(Object.keys(errors).sort(), ['big.txt', 'binary.txt', 'blank.md', 'broken.xml', 'cut.pdf', 'empty.txt', 'items.jsonl:2', 'items.jsonl:3', 'latin.txt', 'nope.txt']);
  assert.match(errors['binary.txt'], /binary content/);
  assert.match(errors['latin.txt'], /invalid UTF-8 near byte 17/);
  assert.match(errors['empty.txt'], /empty file/);
  assert.match(errors['blank.md'], /empty file/);
  assert.match(errors['big.txt'], /2048 bytes, over the 1024 byte cap/);
  assert.match(errors['broken.xml'], /malformed XML at line 1/);
  assert.match(errors['items.jsonl:2'], /not valid JSON/);
  assert.match(errors['items.jsonl:3'], /^text: /);
  assert.match(errors['cut.pdf'], /PDF could not be read|no text layer/);
  assert.match(errors['nope.txt'], /no such file/);
  assert.equal(summary.failed, 10);
  assert.equal(summary.added, 1, 'good.txt; the good JSONL line is the same text, so unchanged');
  assert.equal(summary.unchanged, 1);
  assert.equal(await store.countDocuments(), 1);
});

test('legacy encodings declared in HTML are decoded; hostile markup is not text', async (t) => {
  const dir = tempDir(t);
  const ru = '<html><head><meta charset="windows-1251"><title>Поставки</title></head><body><article><p>'
    + 'Россия поставила Сербии зенитные комплексы «Панцирь-С1» в 2020 году. '.repeat(4) + '</p></article></body></html>';
  const fr = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"><title>Rafale</title></head><body><article><p>'
    + 'La Serbie a commandé douze Rafale à la France pour 2,7 milliards d’euros, selon le ministère. '.repeat(4)
    + '</p><script>document.write("<p>injected</p>")</script><p onclick="alert(1)">Fin de l’article.</p></article></body></html>';
  writeFileSync(join(dir, 'ru.html'), iconv.encode(ru, 'windows-1251'));
  writeFileSync(join(dir, 'fr.html'), iconv.encode(fr, 'windows-1252'));
  const { store, summary } = await run(t, [dir]);
  assert.equal(summary.added, 2);
  const docs = await store.listDocuments();
  const ruDoc = (await store.getDocument(docs.find((d) => d.source.endsWith('ru.html'))!.id))!;
  const frDoc = (await store.getDocument(docs.find((d) => d.source.endsWith('fr.html'))!.id))!;
  assert.ok(ruDoc.text.startsWith('Россия поставила Сербии зенитные комплексы «Панцирь-С1»'));
  assert.equal(ruDoc.language, 'ru');
  assert.equal(ruDoc.title, 'Поставки');
  assert.ok(frDoc.text.includes('douze Rafale à la France pour 2,7 milliards d’euros'));
  assert.equal(frDoc.text.includes('injected'), false);
  assert.equal(frDoc.text.includes('alert'), false);
  assert.equal(frDoc.language, 'fr');
});

test('RSS and Atom items become documents with their link and date; PDF text layers are read', async (t) => {
  const dir = tempDir(t);
  mkdirSync(join(dir, 'nested', 'deeper'), { recursive: true });
  writeFileSync(join(dir, 'feed.rss'), `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
    <item><title>First</title><link>https://example.org/a</link><pubDate>Wed, 07 Dec 2022 10:15:00 +0000</pubDate>
    <description>&lt;p&gt;${ARTICLE}&lt;/p&gt;</description></item>
    <item><title>Second</title><link>https://example.org/b</link><pubDate>Mon, 10 Jan 2022 08:00:00 GMT</pubDate>
    <description>Egypt abandoned its plan to buy Su-35 fighter jets from Russia, defence sources said. The aircraft stayed in Russia.</description></item>
  </channel></rss>`);
  writeFileSync(join(dir, 'nested', 'feed.atom'), `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
    <title>N</title><entry><title>Greece</title><link rel="alternate" href="https://example.org/g"/>
    <published>2022-01-19T14:30:00Z</published><content type="html">&lt;p&gt;Greece received its first Rafale jets from France at Tanagra air base.&lt;/p&gt;</content></entry></feed>`);
  writeFileSync(join(dir, 'nested', 'deeper', 'report.pdf'), makePdf(['Poland signed a contract for K2 tanks from South Korea.', 'The first tanks arrived in Gdynia in December 2022.']));
  writeFileSync(join(dir, 'nested', 'ignored.png'), Buffer.from([0x89, 0x50]));
  const { store, summary } = await run(t, [dir]);
  assert.deepEqual([summary.inputs, summary.added, summary.failed], [3, 4, 0]);
  const docs = await store.listDocuments();
  const find = (suffix: string) => docs.find((d) => d.source.endsWith(suffix))!;
  assert.deepEqual([find('feed.rss#1').url, find('feed.rss#1').published, find('feed.rss#1').title], ['https://example.org/a', '2022-12-07', 'First']);
  assert.deepEqual([find('feed.rss#2').url, find('feed.rss#2').published], ['https://example.org/b', '2022-01-10']);
  assert.deepEqual([find('feed.atom#1').url, find('feed.atom#1').published], ['https://example.org/g', '2022-01-19']);
  const pdf = (await store.getDocument(find('report.pdf').id))!;
  assert.equal(pdf.text, 'Poland signed a contract for K2 tanks from South Korea.\nThe first tanks arrived in Gdynia in December 2022.');
  assert.equal(pdf.title, 'Test report');
  assert.equal(pdf.format, 'pdf');
});

test('stdin is an input', async (t) => {
  const { store, summary } = await run(t, ['-'], { stdin: async () => Buffer.from(ARTICLE) });
  assert.equal(summary.added, 1);
  assert.equal((await store.listDocuments())[0].source, 'stdin');
});

test('URLs: fetched from a real server, with redirects, caps, content types and private-address refusal', async (t) => {
  let hits = 0;
  const base = await serve(t, (req, res) => {
    hits++;
    if (req.url === '/article') { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(`<html><head><title>Live</title><meta property="article:published_time" content="2023-06-09T10:00:00Z"></head><body><article><p>${ARTICLE}</p></article></body></html>`); return; }
    if (req.url === '/hop') { res.writeHead(302, { location: '/article' }); res.end(); return; }
    if (req.url === '/loop') { res.writeHead(302, { location: '/loop' }); res.end(); return; }
    if (req.url === '/image') { res.writeHead(200, { 'content-type': 'image/png' }); res.end(Buffer.alloc(10)); return; }
    if (req.url === '/huge') { res.writeHead(200, { 'content-type': 'text/plain' }); res.end('a'.repeat(5000)); return; }
    if (req.url === '/slow') { setTimeout(() => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end(ARTICLE); }, 1500); return; }
    res.writeHead(404); res.end();
  });
  const { store, results } = await run(t, [`${base}/hop`, `${base}/loop`, `${base}/image`, `${base}/huge`, `${base}/slow`, `${base}/missing`],
    { allowPrivate: true, maxBytes: 4096, timeoutMs: 500, maxRedirects: 3 });
  const byUrl = Object.fromEntries(results.map((r) => [r.source.replace(base, ''), r.ok ? 'ok' : (r as { error: string }).error]));
  assert.equal(byUrl['/article'], 'ok', 'stored under the final URL');
  assert.match(byUrl['/loop'], /more than 3 redirects/);
  assert.match(byUrl['/image'], /not text content \(image\/png\)/);
  assert.match(byUrl['/huge'], /larger than the 4096 byte cap/);
  assert.match(byUrl['/slow'], /timed out after 500 ms/);
  assert.match(byUrl['/missing'], /HTTP 404/);
  const doc = (await store.listDocuments())[0];
  assert.deepEqual([doc.url, doc.title, doc.published], [`${base}/article`, 'Live', '2023-06-09']);
  const before = hits;
  await assert.rejects(fetchUrl(`${base}/article`), /refused: 127\.0\.0\.1 resolves to a private address/);
  assert.equal(hits, before, 'no request was sent');
  await assert.rejects(fetchUrl('file:///etc/passwd', { allowPrivate: true }), /unsupported scheme file:/);
});

test('private address ranges', () => {
  for (const a of ['10.1.2.3', '127.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1', '0.0.0.0']) {
    assert.equal(isPrivateAddress(a), true, a);
  }
  for (const a of ['8.8.8.8', '172.32.0.1', '2a00:1450::1', '151.101.1.1']) assert.equal(isPrivateAddress(a), false, a);
});
