/**
 * Analysts' decisions, on both store backends: what records show after a confirmation, a correction or a
 * rejection; decisions surviving re-extraction (and orphaned when the claim goes, applied again when it
 * returns); a correction moving a claim to another pair; decisions on whole records; two reviewers at once
 * on PostgreSQL; decisions carried to another store; the review queue's order; grades and credibility.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mergedRecords, STORE_BACKENDS } from '../../test/stores.js';
import { prepareDocument } from '../ingest/prepare.js';
import type { EventInput } from '../extract/types.js';
import { migrateStore, openStore } from '../store/open.js';
import { exportText } from '../analyse/export.js';
import type { Store } from '../store/store.js';
import { decideEvent, decideRecord, decisionLog, exportDecisions, importDecisions, reviewQueue } from './review.js';
import { byClaim, decide, decisionTime } from './decisions.js';
import type { StoredEvent } from '../extract/types.js';
import { assess, credibilityOf, gradeBook, parseGrade } from './reliability.js';

// Mentions below 0.5 are left out of records, unless an analyst confirms them. (Each test file runs in a process of its own.)
process.env.ARMSCOPE_MIN_CONFIDENCE = '0.5';

const DOCS = {
  one: { source: 'https://wire-one.example/a', url: 'https://wire-one.example/a', title: 'Jets for Cairo', published: '2023-03-02', format: 'text' as const,
    body: 'Moscow agreed to sell fighter jets to Cairo, the ministry said. Drones from Tehran also reached Russian units, a report claimed.' },
  two: { source: 'https://wire-two.example/b', url: 'https://wire-two.example/b', title: 'Second report on the jets', published: '2023-05-10', format: 'text' as const,
    body: 'A second outlet wrote that the fighter jets for Egypt had been agreed in Moscow in the spring.' },
};

function transfer(supplier: string, recipient: string, system: string, status: string, extra: Partial<EventInput> = {}): EventInput {
  return {
    kind: 'transfer', supplier, recipient, system, systemId: `system:${system.toLowerCase()}`, category: 'combat-aircraft', status, hedged: false, hypothetical: false,
    confidence: 0.9, evidence: { sentence: 0, start: 0, end: 10, text: `${supplier} ${status} ${system} to ${recipient}`, cues: [status], rule: 'test/hand-written' },
    ...extra,
  };
}

const SU35 = () => transfer('RU', 'EG', 'Su-35', 'agreed');
const SHAHED = (confidence = 0.2) => transfer('IR', 'RU', 'Shahed-136', 'delivered', { category: 'uav', confidence, evidence: { sentence: 1, start: 0, end: 10, text: 'Drones from Tehran', cues: ['reached'], rule: 'test/hand-written' } });

async function fill(store: Store) {
  const one = await prepareDocument(DOCS.one);
  const two = await prepareDocument(DOCS.two);
  await store.addDocument(one, [SU35(), SHAHED()]);
  await store.addDocument(two, [SU35()]);
  return { one, two };
}

const eventOf = async (store: Store, documentId: string, supplier: string) => (await store.listEvents({ documentId })).find((e) => e.supplier === supplier)!;
const summary = async (store: Store) => (await store.listTransferRecords()).map((r) => `${r.supplier}>${r.recipient} ${r.system} ${r.status}${r.review ? ` [${r.review.fields.join(',')}] by ${r.review.latest.author}` : ''}`);

for (const backend of STORE_BACKENDS) {
  describe(`review: ${backend.name}`, { skip: backend.skip }, () => {
    test('a correction and a confirmation show in the records, survive re-extraction, and wait as orphans while their claim is gone', async (t) => {
      const store = await backend.open(t);
      const { one, two } = await fill(store);
      assert.deepEqual(await summary(store), ['RU>EG Su-35 agreed'], 'the drone mention is below the confidence threshold');
      const su35 = await eventOf(store, one.id, 'RU');
      await decideEvent(store, su35.id, { verdict: 'correct', fields: { status: 'delivered', quantity: 24 }, note: 'ministry statement of 2 March', author: 'ana' });
      const shahed = await eventOf(store, one.id, 'IR');
      await decideEvent(store, shahed.id, { verdict: 'confirm', author: 'ben' });
      assert.deepEqual(await summary(store), ['RU>EG Su-35 delivered [quantity,status] by ana', 'IR>RU Shahed-136 delivered [] by ben'],
        'the corrected mention is the latest report, so the record says delivered; the confirmed one counts whatever its confidence');
      const [jets] = await store.listTransferRecords({ supplier: 'RU' });
      assert.deepEqual([jets.quantity, jets.review!.reviewed, jets.review!.mentions], [24, 1, 2]);
      assert.deepEqual(await store.listTransferRecords(), await mergedRecords(store), 'kept records equal a full merge with the decisions applied');

      // Re-extraction with another confidence: new event ids, the same claims; the decisions still apply.
      await store.replaceEvents(one.id, [transfer('RU', 'EG', 'Su-35', 'agreed', { confidence: 0.8 }), SHAHED(0.3)]);
      assert.notEqual((await eventOf(store, one.id, 'RU')).id, su35.id);
      assert.deepEqual(await summary(store), ['RU>EG Su-35 delivered [quantity,status] by ana', 'IR>RU Shahed-136 delivered [] by ben']);
      // The drone claim is no longer read: ben's decision is kept, orphaned, and applies to nothing.
      await store.replaceEvents(one.id, [SU35()]);
      assert.deepEqual(await summary(store), ['RU>EG Su-35 delivered [quantity,status] by ana']);
      assert.deepEqual((await decisionLog(store)).map((d) => [d.author, d.verdict, d.state]), [['ana', 'correct', 'applied'], ['ben', 'confirm', 'orphaned']]);
      // It returns: the decision applies again.
      await store.replaceEvents(one.id, [SU35(), SHAHED()]);
      assert.deepEqual((await decisionLog(store)).map((d) => d.state), ['applied', 'applied']);
      assert.deepEqual(await summary(store), ['RU>EG Su-35 delivered [quantity,status] by ana', 'IR>RU Shahed-136 delivered [] by ben']);
      assert.deepEqual(await store.listTransferRecords(), await mergedRecords(store));
      // The other document's mention of the jets is untouched.
      assert.deepEqual((await store.listEvents({ documentId: two.id })).map((e) => [e.status, e.confidence]), [['agreed', 0.9]], 'events as extracted stay as they were');
    });

    test('correcting a party moves the claim to another pair; a later rejection removes it; each decision stays in the log', async (t) => {
      const store = await backend.open(t);
      const { one } = await fill(store);
      const su35 = await eventOf(store, one.id, 'RU');
      await decideEvent(store, su35.id, { verdict: 'correct', fields: { status: 'delivered' }, author: 'ana' });
      await decideEvent(store, su35.id, { verdict: 'correct', fields: { supplier: 'BY' }, note: 'the seller was Belarus', author: 'ben' });
      assert.deepEqual(await summary(store), ['RU>EG Su-35 agreed', 'BY>EG Su-35 delivered [status,supplier] by ben'],
        'the earlier correction of the status stands in the later one; the second report of RU>EG stays');
      assert.deepEqual(await store.listTransferRecords(), await mergedRecords(store));
      assert.deepEqual((await store.pairDetails()).map((p) => `${p.supplier}>${p.recipient} ${p.records}`), ['BY>EG 1', 'RU>EG 1']);
      await decideEvent(store, su35.id, { verdict: 'reject', note: 'misread', author: 'cleo' });
      assert.deepEqual(await summary(store), ['RU>EG Su-35 agreed']);
      assert.deepEqual((await decisionLog(store)).map((d) => [d.author, d.state, d.pairTo]), [['ana', 'overridden', 'RU|EG'], ['ben', 'overridden', 'BY|EG'], ['cleo', 'applied', '']]);
      await assert.rejects(decideEvent(store, su35.id, { verdict: 'correct', fields: { status: 'sold' }, author: 'ana' }), /correction field status/);
      await assert.rejects(decideEvent(store, su35.id, { verdict: 'correct', fields: { colour: 'red' }, author: 'ana' }), /correction field colour/);
      await assert.rejects(decideEvent(store, su35.id, { verdict: 'confirm', fields: { status: 'delivered' }, author: 'ana' }), /a confirm sets no fields/);
      await assert.rejects(decideEvent(store, 'ffffffffffffffff', { verdict: 'confirm', author: 'ana' }), /no event ffffffffffffffff/);
      assert.equal(await store.countDecisions(), 3, 'refused decisions store nothing');
    });

    test('a decision on a whole record is one decision per mention; decisions travel to another store with the same documents', async (t) => {
      const store = await backend.open(t);
      await fill(store);
      const [jets] = await store.listTransferRecords({ supplier: 'RU' });
      const made = await decideRecord(store, jets.id, { verdict: 'correct', fields: { status: 'cancelled' }, author: 'ana' });
      assert.deepEqual(made.map((d) => d.via), [`record:${jets.id}`, `record:${jets.id}`]);
      assert.deepEqual(await summary(store), ['RU>EG Su-35 cancelled [status] by ana']);
      assert.equal((await store.listTransferRecords())[0].review!.reviewed, 2);

      const copy = await backend.open(t);
      await fill(copy);
      const exported = await exportDecisions(store);
      assert.deepEqual(await importDecisions(copy, exported, 'decisions.jsonl'), { added: 2, skipped: 0 });
      assert.deepEqual(await importDecisions(copy, exported, 'decisions.jsonl'), { added: 0, skipped: 2 });
      assert.deepEqual(await copy.listTransferRecords(), await store.listTransferRecords(), 'the imported decisions reproduce the reviewed records');
      await assert.rejects(importDecisions(copy, `${exported.trim()}\n{"id": 1}\n`, 'bad.jsonl'), /bad.jsonl:3: id missing/);
      assert.equal(await copy.countDecisions(), 2, 'a bad file stores nothing');
    });

    test('decisions outlive the rebuild a schema migration asks for; exports and briefs mark reviewed records', async (t) => {
      const location = await backend.location(t);
      const first = await openStore(location);
      await fill(first);
      const [jets] = await first.listTransferRecords({ supplier: 'RU' });
      await decideRecord(first, jets.id, { verdict: 'correct', fields: { status: 'delivered' }, author: 'ana', note: 'seen on satellite images' });
      // A migration that changes derived data marks it for rebuilding; migrating then rebuilds every record.
      await first.setSetting('rebuild', 'records,search');
      await first.close();
      await migrateStore(location);
      const store = await openStore(location);
      t.after(() => store.close());
      assert.equal(await store.getSetting('rebuild'), undefined, 'the rebuild ran');
      assert.deepEqual(await summary(store), ['RU>EG Su-35 delivered [status] by ana']);
      assert.deepEqual(await store.listTransferRecords(), await mergedRecords(store));
      const csv = (await exportText(store, 'records', { format: 'csv' })).trim().split('\n');
      assert.deepEqual([csv[0].split(',').slice(-2), csv[1].split(',').slice(-2)], [['reviewed', 'reviewed_by'], ['status', 'ana']]);
      const { buildBrief } = await import('../analyse/brief.js');
      const { renderMarkdown } = await import('../analyse/brief-render.js');
      const { defaultKnowledgeBase } = await import('../extract/index.js');
      const brief = renderMarkdown(await buildBrief({ store, kb: defaultKnowledgeBase(), scope: { country: 'EG' }, since: '2023-01-01', until: '2023-12-31' }));
      const today = new Date().toISOString().slice(0, 10);
      assert.ok(brief.includes(`Russia → Egypt: Su-35, delivered \\[reviewed: status set by ana on ${today}\\]; 2 publisher(s). [1][2]`), brief);
    });

    test('the queue: unreviewed events, weakest readings and disputed claims first, with the reasons', async (t) => {
      const store = await backend.open(t);
      const BODIES = ['', 'Cairo signed for fighter jets from Moscow after months of talks.', 'An Egyptian official denied that any Russian aircraft had been bought.',
        'Belgrade is said to be close to a deal for twelve French Rafale jets.', 'Warsaw took delivery of its first American F-35 fighters, having agreed the purchase earlier.'];
      const doc = (n: number, published: string) => prepareDocument({ source: `https://wire-${n}.example/x`, url: `https://wire-${n}.example/x`, title: `Report ${n}`, published, format: 'text', body: BODIES[n] });
      await store.addDocument(await doc(1, '2024-01-01'), [transfer('RU', 'EG', 'Su-35', 'agreed', { confidence: 0.95 })]);
      await store.addDocument(await doc(2, '2024-02-01'), [transfer('RU', 'EG', 'Su-35', 'denied', { confidence: 0.9 })]);
      await store.addDocument(await doc(3, '2024-03-01'), [transfer('FR', 'RS', 'Rafale', 'agreed', { confidence: 0.55, quantity: 12 })]);
      await store.addDocument(await doc(4, '2024-04-01'), [transfer('US', 'PL', 'F-35', 'delivered', { confidence: 0.85 }), transfer('US', 'PL', 'F-35', 'agreed', { confidence: 0.99, evidence: { sentence: 1, start: 0, end: 5, text: 'x', cues: [], rule: 'r' } })]);
      const q = await reviewQueue(store);
      assert.deepEqual(q.items.map((i) => [`${i.event.supplier}>${i.event.recipient} ${i.event.status}`, i.priority, i.reasons]), [
        ['FR>RS agreed', 2.9, ['low confidence (0.55)', 'first report of FR supplying RS', 'a large deal']],
        ['RU>EG denied', 1.7, ['its sources disagree']],
        ['RU>EG agreed', 1.6, ['its sources disagree']],
        ['US>PL delivered', 1.3, ['first report of US supplying PL']],
        ['US>PL agreed', 1.02, ['first report of US supplying PL']],
      ]);
      assert.deepEqual([q.decided, q.open], [0, 5]);
      await decideEvent(store, q.items[0].event.id, { verdict: 'confirm', author: 'ana' });
      const after = await reviewQueue(store, { supplier: 'RU' }, { limit: 1 });
      assert.deepEqual([after.items.map((i) => i.event.status), after.decided, after.open], [['denied'], 0, 2]);
      assert.deepEqual([(await reviewQueue(store)).decided, (await reviewQueue(store)).open], [1, 4]);
    });
  });
}

test('calibrate: verdicts recalibrate the model, judged on documents held apart', async (t) => {
  const store = await STORE_BACKENDS[0].open(t);
  const WORDS = ['harbour', 'convoy', 'ministry', 'airfield', 'frigate', 'battalion', 'treaty', 'radar', 'depot', 'parade', 'summit', 'budget'];
  const events = [];
  for (let i = 0; i < 48; i++) {
    const body = `Report ${i}: ${WORDS.map((w, k) => WORDS[(i * 5 + k * 7) % WORDS.length] + (i * 13 + k)).join(' ')} and more on the deal.`;
    const doc = await prepareDocument({ source: `https://wire-${i % 6}.example/${i}`, url: `https://wire-${i % 6}.example/${i}`, title: `Report ${i}`, published: '2024-05-01', format: 'text', body });
    await store.addDocument(doc, [transfer('RU', 'EG', `System-${i}`, 'agreed', { confidence: 0.9, systemId: null })]);
    events.push(...await store.listEvents({ documentId: doc.id }));
  }
  // The extractor said 0.9 throughout; the analysts found one in two wrong (rejected, or the supplier corrected).
  for (const [i, e] of events.entries()) {
    const request = i % 4 === 0 ? { verdict: 'reject' as const } : i % 4 === 1 ? { verdict: 'correct' as const, fields: { supplier: 'BY' } }
      : i % 4 === 2 ? { verdict: 'correct' as const, fields: { status: 'delivered' } } : { verdict: 'confirm' as const };
    await decideEvent(store, e.id, { ...request, author: 'ana' });
  }
  const { calibrate } = await import('./calibrate.js');
  const c = await calibrate(store);
  assert.equal(c.fitted + c.heldOut, 48);
  assert.ok(c.heldOut >= 6 && c.heldOut <= 18, `about a quarter held apart: ${c.heldOut}`);
  const held = c.after.bins.filter((b) => b.count);
  assert.equal(held.length, 1, 'one confidence in, one out');
  assert.ok(Math.abs(held[0].meanConfidence! - 0.5) < 0.1, `recalibrated near the observed rate: ${held[0].meanConfidence}`);
  assert.equal(c.before.bins[4].count, c.heldOut, 'before, every held-apart claim sat at 0.9');
  assert.ok(c.after.logLoss < c.before.logLoss);
  const { defaultConfidenceModel } = await import('../extract/confidence.js');
  const bundled = defaultConfidenceModel();
  assert.equal(c.model.bias, Math.round((c.a * bundled.bias + c.b) * 10_000) / 10_000);
  assert.equal(c.model.weights.distance, Math.round(c.a * bundled.weights.distance * 10_000) / 10_000);
  await assert.rejects(calibrate(await STORE_BACKENDS[0].open(t)), /calibration needs at least 20 reviewed transfer claims/);
});

describe('review: two reviewers at once on PostgreSQL', { skip: STORE_BACKENDS[1].skip }, () => {
  test('both decisions are kept; the latest is applied and the other shows as overridden', async (t) => {
    const location = await STORE_BACKENDS[1].location(t);
    const first = await openStore(location);
    const second = await openStore(location);
    t.after(async () => { await first.close(); await second.close(); });
    await fill(first);
    const [jets] = await first.listTransferRecords({ supplier: 'RU' });
    const [a, b] = await Promise.all([
      decideRecord(first, jets.id, { verdict: 'correct', fields: { status: 'delivered' }, author: 'ana' }),
      decideRecord(second, jets.id, { verdict: 'correct', fields: { status: 'cancelled' }, author: 'ben' }),
    ]);
    const latest = a[0].id > b[0].id ? { author: 'ana', status: 'delivered' } : { author: 'ben', status: 'cancelled' };
    assert.equal(await first.countDecisions(), 4, 'two decisions on each of the two mentions');
    const [record] = await second.listTransferRecords({ supplier: 'RU' });
    assert.deepEqual([record.status, record.review!.latest.author], [latest.status, latest.author]);
    const log = await decisionLog(first, { via: `record:${jets.id}` });
    assert.deepEqual(log.map((d) => `${d.author} ${d.state}`).sort(), latest.author === 'ana'
      ? ['ana applied', 'ana applied', 'ben overridden', 'ben overridden'] : ['ana overridden', 'ana overridden', 'ben applied', 'ben applied']);
  });
});

test('grades and credibility: A–F per publisher (F when ungraded), 1–6 per claim from its reporting', () => {
  const gradeOf = gradeBook([{ publisher: 'wire-one.example', grade: 'B', note: null, author: 'ana', gradedAt: '2026-01-01' }]);
  const source = (publisher: string) => ({ documentId: publisher, source: publisher, url: null, publisher, published: null, title: null });
  const claim = (publishers: string[], hedged = false, conflicts: string[] = []) => ({ sources: publishers.map(source), hedged, conflicts });
  assert.deepEqual([
    credibilityOf(claim(['wire-one.example', 'wire-two.example']), gradeOf),
    credibilityOf(claim(['wire-one.example']), gradeOf),
    credibilityOf(claim(['wire-two.example']), gradeOf),
    credibilityOf(claim(['wire-one.example', 'wire-two.example'], true), gradeOf),
    credibilityOf(claim(['wire-two.example'], true), gradeOf),
    credibilityOf(claim(['wire-one.example', 'wire-two.example'], false, ['delivered vs denied']), gradeOf),
    credibilityOf(claim([]), gradeOf),
  ], [1, 2, 3, 3, 4, 5, 6]);
  const record = { ...claim(['wire-one.example', 'wire-two.example']) } as any;
  assert.deepEqual(assess(record, gradeOf, 'C'), {
    reliability: 'B', publishers: [{ publisher: 'wire-one.example', grade: 'B' }, { publisher: 'wire-two.example', grade: 'F' }], credibility: 1, gradedCorroboration: 1,
  });
  assert.equal(parseGrade(' b '), 'B');
  assert.throws(() => parseGrade('G'), /grade must be one of A–F/);
});

test('a decision sorts after the one it follows, even when both are made in the same millisecond', () => {
  const event = {
    id: 'e1', documentId: 'd1', kind: 'transfer', supplier: 'RU', recipient: 'EG', system: 'Su-35', systemId: 'system:su-35', category: 'combat-aircraft',
    status: 'agreed', hedged: false, hypothetical: false, confidence: 0.9, extractor: 'test', extractedAt: '2026-01-01T00:00:00.000Z',
    evidence: { sentence: 0, start: 0, end: 10, text: 'RU agreed Su-35 to EG', cues: ['agreed'], rule: 'test/hand-written' },
  } as unknown as StoredEvent;
  const now = new Date('2026-12-06T12:00:00.000Z');
  const first = decide(event, { verdict: 'correct', fields: { status: 'delivered' }, author: 'ana', at: now, batch: 'ffffffff' });
  assert.equal(decisionTime([first], now).toISOString(), '2026-12-06T12:00:00.001Z', 'the same millisecond: one later');
  assert.equal(decisionTime([first], new Date('2026-12-06T12:00:05.000Z')).toISOString(), '2026-12-06T12:00:05.000Z', 'later already: now');
  assert.equal(decisionTime([], now), now);
  // Without the bump the second id, with a smaller batch token, would sort first and the earlier decision would stand.
  const second = decide(event, { verdict: 'correct', fields: { supplier: 'BY' }, author: 'ben', at: decisionTime([first], now), batch: '00000000' }, first);
  assert.ok(second.id > first.id, `${second.id} after ${first.id}`);
  assert.deepEqual([...byClaim([second, first]).values()][0].map((d) => d.author), ['ana', 'ben']);
});
