/**
 * `armscope watch` end to end on loopback: feeds served by a real HTTP server (new items between polls,
 * ETag and Last-Modified answered with 304, a feed that fails with 500, a malformed one, one slower than
 * the timeout), webhooks received by another (one that fails twice before it accepts), a real SQLite
 * store, and a restart of the watcher over the same store. With PostgreSQL, new items go to the queue and
 * a real worker stores them before the rules run.
 *
 * Fixture: six short reports of our own, written as RSS items, about FK-3 for Serbia (agreed, then
 * delivered), Iranian drones for Venezuela and Russia, Pinaka for Armenia, IRIS-T SLM for Serbia and GM200
 * radars for Armenia (a pair the reference data knows).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ROOT, serve, tempDir } from '../../test/helpers.js';
import { createTestDatabase, postgresUnavailable } from '../../test/pg.js';
import { SqliteStore } from '../store/sqlite.js';
import { migrateStore, openStore } from '../store/open.js';
import { createExtractor } from '../jobs/extractor.js';
import { defaultKnowledgeBase } from '../extract/index.js';
import type { Store } from '../store/store.js';
import { loadRules } from './rules.js';
import { Watcher, type WatchOptions } from './watcher.js';
import { jsonlSink, signature, stdoutSink, webhookSink } from './sinks.js';
import type { Alert } from './evaluate.js';
import { loadFeeds } from './feeds.js';

interface Item { title: string; link: string; date: string; text: string }

const ITEMS: Record<string, Item> = {
  contract: { title: 'Serbia signs for Chinese air defence', link: 'http://news.test/fk3-contract', date: 'Sat, 15 Jan 2022 09:00:00 GMT',
    text: 'Serbia signed a contract with China for FK-3 air defence systems. The contract was signed in Belgrade.' },
  drones: { title: 'Drones for Caracas', link: 'http://news.test/shahed-venezuela', date: 'Tue, 01 Feb 2022 09:00:00 GMT',
    text: 'Iran has reportedly delivered Shahed-136 drones to Venezuela. Russia received more Shahed-136 drones from Iran last month.' },
  delivery: { title: 'FK-3 batteries arrive', link: 'http://other.test/fk3-delivered', date: 'Mon, 11 Apr 2022 09:00:00 GMT',
    text: 'China delivered FK-3 air defence systems to Serbia, the defence ministry said.' },
  pinaka: { title: 'Pinaka for Yerevan', link: 'http://news.test/pinaka', date: 'Tue, 12 Apr 2022 09:00:00 GMT',
    text: 'India agreed to supply Pinaka rocket launchers to Armenia.' },
  later: { title: 'More deliveries', link: 'http://news.test/later', date: 'Sun, 01 May 2022 09:00:00 GMT',
    text: 'Germany delivered IRIS-T SLM air defence systems to Serbia. India delivered the first Pinaka rocket launchers to Armenia. France delivered GM200 radars to Armenia.' },
};

function rss(items: Item[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Test news</title><language>en</language>${items.map((i) =>
    `<item><title>${i.title}</title><link>${i.link}</link><pubDate>${i.date}</pubDate><description>${i.text}</description></item>`).join('')}</channel></rss>`;
}

/** The feeds, with what each was asked. */
function feedServer() {
  const published: Item[] = [ITEMS.contract, ITEMS.drones];
  const requests: { path: string; etag?: string; since?: string; agent?: string }[] = [];
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    requests.push({ path: req.url!, etag: req.headers['if-none-match'], since: req.headers['if-modified-since'], agent: req.headers['user-agent'] });
    if (req.url === '/news.xml') {
      const etag = `"v${published.length}"`;
      const modified = new Date(Date.UTC(2022, 0, published.length)).toUTCString();
      if (req.headers['if-none-match'] === etag) { res.writeHead(304, { etag }); res.end(); return; }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag, 'last-modified': modified });
      res.end(rss(published));
    } else if (req.url === '/empty.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=windows-1251' });
      res.end(Buffer.from('<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>\xcd\xee\xe2\xee\xf1\xf2\xe8</title></channel></rss>', 'latin1'));
    } else if (req.url === '/broken.xml') {
      res.writeHead(500); res.end('down');
    } else if (req.url === '/malformed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }); res.end('<rss><channel><item><title>cut off');
    } else if (req.url === '/slow.xml') {
      const timer = setTimeout(() => { res.writeHead(200, { 'content-type': 'application/rss+xml' }); res.end(rss([ITEMS.pinaka])); }, 3000);
      res.on('close', () => clearTimeout(timer));
    } else { res.writeHead(404); res.end(); }
  };
  return { published, requests, handler };
}

/** A webhook receiver that refuses its first `failures` requests. */
function hookServer(failures: number) {
  const received: { body: string; signature?: string; alert?: string }[] = [];
  let refused = 0;
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (d) => { body += d; });
    req.on('end', () => {
      if (refused < failures) { refused++; res.writeHead(500); res.end(); return; }
      received.push({ body, signature: req.headers['x-armscope-signature'] as string, alert: req.headers['x-armscope-alert'] as string });
      res.writeHead(204); res.end();
    });
  };
  return { received, handler, refusals: () => refused };
}

const catalog = defaultKnowledgeBase().catalog;
const RULES = loadRules(join(ROOT, 'examples', 'watch-rules.yaml'), catalog);

/** An alert as a line of what matters: rule, parties, goods, status or change, publisher. */
const brief = (a: Alert) => `${a.rule.id} ${a.event.supplier}>${a.event.recipient} ${a.event.system} ${a.change ? `${a.change.from}>${a.change.to}` : a.event.status}${a.event.hedged ? ' hedged' : ''} ${a.source.url}`;

/** The reference data knows FR→AM (GM200), so France is no new supplier for Armenia. */
async function importReference(store: Store) {
  await store.replaceReferenceRecords({ source: 'sipri', file: 'test.csv', generated: '2026-01-01', sha256: 'x', rowCount: 1, importedAt: '2026-01-01T00:00:00Z' }, [{
    id: 'ref-fr-am', source: 'sipri', line: 12, supplier: 'FR', supplierName: 'France', recipient: 'AM', recipientName: 'Armenia', designation: 'GM200',
    description: 'air search radar', systemId: null, category: 'radar', orderYear: { value: 2023, uncertain: false }, numberOrdered: { value: 3, uncertain: false },
    numberDelivered: { value: null, uncertain: false }, deliveryYears: [], status: 'ordered', suppliedAs: 'new', comments: '', tivUnit: null, tivTotal: null, tivDelivered: null,
  }]);
}

describe('armscope watch on SQLite', () => {
  test('polls, backs off, alerts once per event through every sink, and resumes after a restart', async (t) => {
    const dir = tempDir(t);
    const feeds = feedServer();
    const base = await serve(t, feeds.handler);
    const hook = hookServer(2);
    const hookUrl = await serve(t, hook.handler);
    const store = new SqliteStore(join(dir, 'watch.db'));
    t.after(() => store.close());
    await importReference(store);
    let clock = Date.parse('2026-12-06T10:00:00Z');
    const printed: string[] = [];
    const logged: string[] = [];
    const jsonl = join(dir, 'alerts.jsonl');
    const options = (): WatchOptions => ({
      store, rules: RULES, extract: createExtractor(), allowPrivate: true, timeoutMs: 500, backoffMs: 60_000, userAgent: 'armscope-watch/test',
      feeds: ['news', 'broken', 'malformed', 'slow'].map((f) => ({ url: `${base}/${f}.xml`, language: 'en' })),
      sinks: [stdoutSink((l) => printed.push(l)), jsonlSink(jsonl), webhookSink(`${hookUrl}/hook`, { secret: 's3cret', backoffMs: 5, attempts: 4 })],
      now: () => new Date(clock), log: (l) => logged.push(l.replace(base, '')),
    });

    // Poll 1: two items in; the other three feeds fail, each on its own.
    const first = await new Watcher(options()).poll();
    assert.deepEqual(first.feeds.map((f) => [f.url.replace(base, ''), f.status, f.items, f.added]),
      [['/news.xml', 'ok', 2, 2], ['/broken.xml', 'error', 0, 0], ['/malformed.xml', 'error', 0, 0], ['/slow.xml', 'error', 0, 0]]);
    assert.deepEqual(first.feeds.slice(1).map((f) => f.error), ['HTTP 500 Internal Server Error', `malformed XML at line 1: Invalid '[    "rss",    "channel",    "item",    "title"]' found.`, 'timed out after 500 ms']);
    assert.equal(first.evaluated, 2);
    assert.deepEqual(first.alerts.map(brief), [
      'serbia-non-nato CN>RS FK-3 agreed http://news.test/fk3-contract',
      'iranian-drones-abroad IR>VE Shahed-136 delivered hedged http://news.test/shahed-venezuela',
    ]);
    assert.deepEqual(first.failedDeliveries, [], 'the webhook failed twice, then took the first alert on the third attempt');
    assert.equal(hook.refusals(), 2);
    const [contract] = first.alerts;
    assert.deepEqual({ ...contract, id: contract.id.length, raisedAt: contract.raisedAt }, {
      id: 16, rule: { id: 'serbia-non-nato', description: 'any new transfer to Serbia from a supplier outside NATO', source: `${join(ROOT, 'examples', 'watch-rules.yaml')}:4` },
      kind: 'event',
      event: { id: contract.event.id, kind: 'transfer', supplier: 'CN', recipient: 'RS', system: 'FK-3', systemId: 'system:fk-3', category: 'air-defence', status: 'agreed', hedged: false, confidence: contract.event.confidence, date: null },
      record: { id: contract.record!.id, status: 'agreed', corroboration: 1, firstSeen: '2022-01-15', lastSeen: '2022-01-15' },
      change: null,
      evidence: 'Serbia signed a contract with China for FK-3 air defence systems.',
      source: { documentId: contract.source.documentId, title: 'Serbia signs for Chinese air defence', url: 'http://news.test/fk3-contract', publisher: 'news.test', published: '2022-01-15', language: 'en' },
      raisedAt: '2026-12-06T10:00:00.000Z',
    });
    assert.equal(printed[0], '[serbia-non-nato] CN → RS FK-3 [agreed] 2022-01-15 news.test: “Serbia signed a contract with China for FK-3 air defence systems.” http://news.test/fk3-contract\n');
    const lines = readFileSync(jsonl, 'utf8').trim().split('\n');
    assert.deepEqual(lines.map((l) => (JSON.parse(l) as Alert).rule.id), ['serbia-non-nato', 'iranian-drones-abroad']);
    assert.deepEqual(hook.received.map((r) => [r.alert, r.signature]), lines.map((l) => [(JSON.parse(l) as Alert).id, signature('s3cret', l)]));
    assert.deepEqual(hook.received.map((r) => r.body), lines);

    // Poll 2, a minute later: the news feed answers 304 to its ETag; the failed feeds wait out their backoff.
    clock += 60_000 - 1;
    const second = await new Watcher(options()).poll();
    assert.deepEqual(second.feeds.map((f) => f.status), ['not-modified', 'waiting', 'waiting', 'waiting']);
    assert.deepEqual(second.alerts, []);
    const newsRequests = feeds.requests.filter((r) => r.path === '/news.xml');
    assert.deepEqual(newsRequests.map((r) => [r.etag, r.since, r.agent]), [
      [undefined, undefined, 'armscope-watch/test'], ['"v2"', 'Sun, 02 Jan 2022 00:00:00 GMT', 'armscope-watch/test'],
    ]);
    assert.equal(feeds.requests.filter((r) => r.path === '/broken.xml').length, 1);

    // Poll 3: two new items; the broken feed is tried again and now waits twice as long.
    feeds.published.push(ITEMS.delivery, ITEMS.pinaka);
    clock += 1;
    const third = await new Watcher(options()).poll();
    assert.deepEqual(third.feeds.map((f) => [f.status, f.added]), [['ok', 2], ['error', 0], ['error', 0], ['error', 0]]);
    assert.deepEqual(third.alerts.map(brief), [
      'serbia-non-nato CN>RS FK-3 delivered http://other.test/fk3-delivered',
      'serbia-deliveries CN>RS FK-3 agreed>delivered http://other.test/fk3-delivered',
      'confirmed-air-defence CN>RS FK-3 delivered http://other.test/fk3-delivered',
      'armenia-new-supplier IN>AM Pinaka agreed http://news.test/pinaka',
    ]);
    assert.deepEqual(third.alerts[1].change, { from: 'agreed', to: 'delivered', date: '2022-04-11' });
    assert.deepEqual(third.alerts[1].record!.status, 'delivered');
    assert.ok(logged.includes('/broken.xml: HTTP 500 Internal Server Error (failure 2 in a row; next try in 120 s)'), logged.join('\n'));

    // Poll 4, with the webhook down for good: India is no longer new for Armenia, France is known to the
    // reference data, Germany is in NATO; only the confirmed air defence delivery alerts. The webhook
    // misses it; the other sinks take it.
    feeds.published.push(ITEMS.later);
    clock += 1;
    const down = webhookSink('http://127.0.0.1:9/hook', { attempts: 2, backoffMs: 1 });
    const fourth = await new Watcher({ ...options(), sinks: [options().sinks[0], options().sinks[1], down] }).poll();
    assert.deepEqual(fourth.alerts.map(brief), ['confirmed-air-defence DE>RS IRIS-T SLM delivered http://news.test/later']);
    assert.deepEqual(fourth.failedDeliveries.map((f) => [f.sink, f.error.replace(/\(last: .*\)/, '(last: …)')]),
      [['webhook:http://127.0.0.1:9/hook', `webhook http://127.0.0.1:9/hook did not take alert ${fourth.alerts[0].id} after 2 attempts (last: …); it is sent again next poll`]]);

    // A restart: a new watcher over the same store raises nothing again; the alert the dead webhook missed
    // goes to it once it is back (here: the working receiver under the same sink name), and only to it.
    const back = { ...webhookSink(`${hookUrl}/hook`, { secret: 's3cret', backoffMs: 5 }), name: down.name };
    const printedBefore = printed.length;
    const restarted = await new Watcher({ ...options(), sinks: [options().sinks[0], options().sinks[1], back] }).poll();
    assert.deepEqual(restarted.alerts.map(brief), ['confirmed-air-defence DE>RS IRIS-T SLM delivered http://news.test/later']);
    assert.equal(printed.length, printedBefore, 'stdout had it already');
    assert.equal(readFileSync(jsonl, 'utf8').trim().split('\n').length, 7);
    const again = await new Watcher(options()).poll();
    assert.deepEqual([again.evaluated, again.alerts.length], [0, 0]);
    assert.deepEqual((await store.watchState().alerts()).map((a) => a.rule).sort(), [
      'armenia-new-supplier', 'confirmed-air-defence', 'confirmed-air-defence', 'iranian-drones-abroad', 'serbia-deliveries', 'serbia-non-nato', 'serbia-non-nato',
    ]);
    assert.equal(hook.received.length, 7);
  });

  test('a document stored but not evaluated when the watcher stopped is evaluated on the next start', async (t) => {
    const dir = tempDir(t);
    const feeds = feedServer();
    const base = await serve(t, feeds.handler);
    const store = new SqliteStore(join(dir, 'watch.db'));
    t.after(() => store.close());
    const printed: string[] = [];
    const watcher = new Watcher({ store, rules: RULES, extract: createExtractor(), allowPrivate: true, feeds: [{ url: `${base}/news.xml` }], sinks: [stdoutSink((l) => printed.push(l))] });
    // As if stopped right after storing the items: polled, but not evaluated.
    const pollFeed = (watcher as unknown as { pollFeed(f: { url: string }): Promise<unknown> }).pollFeed.bind(watcher);
    await pollFeed({ url: `${base}/news.xml` });
    assert.deepEqual((await store.watchState().pendingItems()).length, 2);
    const resumed = await new Watcher({ store, rules: RULES, extract: createExtractor(), allowPrivate: true, feeds: [{ url: `${base}/news.xml` }], sinks: [stdoutSink((l) => printed.push(l))] }).poll();
    assert.deepEqual([resumed.feeds[0].status, resumed.evaluated, resumed.alerts.map((a) => a.rule.id)], ['not-modified', 2, ['serbia-non-nato', 'iranian-drones-abroad']]);
  });
});

/** The command line, run as its own process (async: the test's servers must keep answering). */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'armscope.mjs'), ...args], { cwd: ROOT, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => { stdout += d; });
  child.stderr.on('data', (d) => { stderr += d; });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

test('armscope watch --once: alerts on stdout and in a JSONL file; a second run alerts nothing; bad rules are named', async (t) => {
  const dir = tempDir(t);
  const feeds = feedServer();
  const base = await serve(t, feeds.handler);
  const db = join(dir, 'cli.db');
  const jsonl = join(dir, 'alerts.jsonl');
  const hook = hookServer(1);
  const hookUrl = await serve(t, hook.handler);
  const args = ['watch', '--once', '--db', db, '--feed', `${base}/news.xml`, '--rules', join(ROOT, 'examples', 'watch-rules.yaml'), '--jsonl', jsonl, '--allow-private'];
  const first = await cli([...args, '--webhook', `${hookUrl}/in`], { ARMSCOPE_WEBHOOK_SECRET: 'from-env' });
  assert.equal(first.code, 0, first.stderr);
  assert.deepEqual(first.stdout.trim().split('\n').map((l) => l.replace(/ 20\d\d-.*$/, '')), ['[serbia-non-nato] CN → RS FK-3 [agreed]', '[iranian-drones-abroad] IR → VE Shahed-136 [delivered (hedged)]']);
  assert.equal(first.stderr, 'armscope watch: 1 feed(s): 1 new content, 0 unchanged, 0 failed, 0 waiting; 2 new item(s), 2 evaluated, 2 alert(s)\n');
  // The webhook refused once, then took both alerts, signed with the key from the environment.
  assert.deepEqual(hook.received.map((r) => r.signature), hook.received.map((r) => signature('from-env', r.body)));
  assert.equal(hook.received.length, 2);
  const second = await cli(args);
  assert.deepEqual([second.code, second.stdout, second.stderr], [0, '', 'armscope watch: 1 feed(s): 0 new content, 1 unchanged, 0 failed, 0 waiting; 0 new item(s), 0 evaluated, 0 alert(s)\n']);
  assert.equal(readFileSync(jsonl, 'utf8').trim().split('\n').length, 2);
  const refused = await cli(['watch', '--once', '--db', db, '--feed', `${base}/news.xml`]);
  assert.deepEqual([refused.code, refused.stderr.trim()], [1, `armscope watch: ${base}/news.xml: refused: 127.0.0.1 resolves to a private address (127.0.0.1); pass --allow-private to fetch it (failure 1 in a row; next try in 900 s)\narmscope watch: 1 feed(s): 0 new content, 0 unchanged, 1 failed, 0 waiting; 0 new item(s), 0 evaluated, 0 alert(s)`]);
});

test('a feed with no items is quiet, not failing', async (t) => {
  const feeds = feedServer();
  const base = await serve(t, feeds.handler);
  const store = new SqliteStore(join(tempDir(t), 'empty.db'));
  t.after(() => store.close());
  const report = await new Watcher({ store, rules: RULES, extract: createExtractor(), allowPrivate: true, feeds: [{ url: `${base}/empty.xml` }], sinks: [] }).poll();
  assert.deepEqual(report.feeds.map((f) => [f.status, f.items, f.added, f.error]), [['ok', 0, 0, undefined]]);
  assert.equal((await store.watchState().feed(`${base}/empty.xml`))!.failures, 0);
});

test('the starter feed list: real feeds in several languages, each with its language and publisher', () => {
  const feeds = loadFeeds('starter');
  assert.ok(feeds.every((f) => /^https:\/\//.test(f.url) && f.language && f.publisher), 'every feed names its language and publisher');
  assert.deepEqual([...new Set(feeds.map((f) => f.language))].sort(), ['de', 'en', 'fr', 'ru', 'sr', 'uk']);
  assert.equal(new Set(feeds.map((f) => f.url)).size, feeds.length);
});

describe('armscope watch on PostgreSQL', { skip: await postgresUnavailable() }, () => {
  test('new items go to the queue; the rules run once a worker has stored them', async (t) => {
    const feeds = feedServer();
    const base = await serve(t, feeds.handler);
    const url = await createTestDatabase(t);
    await migrateStore(url);
    const store = await openStore(url);
    t.after(() => store.close());
    const { IngestQueue } = await import('../jobs/queue.js');
    const { runWorker } = await import('../jobs/worker.js');
    const queue = await IngestQueue.open(url, { jobTimeoutSeconds: 60, retries: 1 });
    t.after(() => queue.close(5000));
    const printed: string[] = [];
    const options: WatchOptions = {
      store, rules: RULES, allowPrivate: true, feeds: [{ url: `${base}/news.xml`, language: 'en' }], sinks: [stdoutSink((l) => printed.push(l))],
      enqueue: (articles) => queue.enqueueArticles(articles),
    };
    const first = await new Watcher(options).poll();
    assert.deepEqual([first.feeds[0].added, first.evaluated, first.alerts.length, await store.countDocuments()], [2, 0, 0, 0], 'queued, not stored');
    assert.deepEqual(await queue.counts().then((c) => c.created), 2);
    const workerQueue = await IngestQueue.open(url, { jobTimeoutSeconds: 60, retries: 1, poolSize: 4 });
    const done = await runWorker(store, workerQueue, { concurrency: 1, extract: createExtractor(), exitWhenEmpty: true, refreshSeconds: 0 });
    await workerQueue.close(5000);
    assert.equal(done.added, 2);
    const second = await new Watcher(options).poll();
    assert.deepEqual([second.feeds[0].status, second.evaluated, second.alerts.map(brief)], ['not-modified', 2, [
      'serbia-non-nato CN>RS FK-3 agreed http://news.test/fk3-contract',
      'iranian-drones-abroad IR>VE Shahed-136 delivered hedged http://news.test/shahed-venezuela',
    ]]);
  });
});
