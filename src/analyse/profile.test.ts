/**
 * The "what changed" window of a country profile, on records written by hand (fixtures inline): which
 * suppliers are new, which steps are status changes, and where the window's ends lie.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { StatusStep, TransferRecord } from '../resolve/transfers.js';
import { changeWindow, countryProfile } from './profile.js';
import { pairSums, toPairDetail, toPairGoods } from '../store/records.js';
import { recordMatches } from './records.js';

/** What the store would hand `countryProfile` for these records: the same sums, computed by the store's own code. */
function profileOf(records: TransferRecord[], asOf: string, days = 30) {
  const code = 'RS';
  const mine = records.filter((r) => r.supplier === code || r.recipient === code);
  const byPair = new Map<string, TransferRecord[]>();
  for (const r of mine) byPair.set(`${r.supplier}|${r.recipient}`, [...(byPair.get(`${r.supplier}|${r.recipient}`) ?? []), r]);
  const sums = [...byPair].map(([pair, rs]) => pairSums(pair.split('|')[0], pair.split('|')[1], rs));
  const goods = sums.flatMap((s) => s.goods).filter((g) => g.system_id || g.system).map(toPairGoods);
  const { since } = changeWindow(asOf, days);
  return countryProfile({
    code, name: 'Serbia', asOf, days, cooperation: [], reports: [],
    pairs: sums.map((s) => toPairDetail(s.summary)),
    systems: goods,
    recent: mine.filter((r) => recordMatches(r, { seenAfter: since })),
    newSupplierRecords: new Map([...byPair].map(([pair, rs]) => [pair.split('|')[0], rs.map((r) => r.id)])),
  });
}

function step(date: string | null, status: string, publisher = 'news.example'): StatusStep {
  return { status, date, hedged: false, documentId: `doc-${date}-${status}`, source: `https://${publisher}/x`, publisher, evidence: `${status} on ${date}` };
}

function record(id: string, supplier: string, recipient: string, system: string, history: StatusStep[]): TransferRecord {
  const dated = history.filter((h) => h.date);
  return {
    id, supplier, recipient, system, systemId: `system:${system.toLowerCase()}`, category: 'air-defence', status: history[history.length - 1].status, history,
    sources: history.map((h) => ({ documentId: h.documentId, source: h.source, url: h.source, publisher: h.publisher, published: h.date, title: null })),
    corroboration: new Set(history.map((h) => h.publisher)).size, conflicts: [], hedged: false, quantity: null, value: null, currency: null,
    firstSeen: dated[0]?.date ?? null, lastSeen: dated[dated.length - 1]?.date ?? null, mentionIds: [], goods: [],
  };
}

const RECORDS = [
  record('r1', 'RU', 'RS', 'Pantsir', [step('2019', 'agreed'), step('2024-05-02', 'delivered')]),
  record('r2', 'CN', 'RS', 'FK-3', [step('2024-05-20', 'agreed')]),
  record('r3', 'FR', 'RS', 'Rafale', [step('2024-04-01', 'negotiating'), step('2024-04-30', 'agreed', 'other.example')]),
  record('r4', 'RS', 'CY', 'Nora', [step('2024', 'offered'), step('2024-05-31', 'offered')]),
];

test('new suppliers and status changes inside the window: after `since`, up to and including `asOf`', () => {
  const p = profileOf(RECORDS, '2024-05-31');
  assert.deepEqual([p.changes.since, p.changes.until], ['2024-05-01', '2024-05-31']);
  assert.deepEqual(p.changes.newSuppliers, [{ supplier: 'CN', firstSeen: '2024-05-20', recordIds: ['r2'] }], 'FR was first reported in April');
  assert.deepEqual(p.changes.statusChanges.map((c) => [c.recordId, c.from, c.to, c.date]), [['r1', 'agreed', 'delivered', '2024-05-02']],
    'a first step is no change, nor a step restating the status before it');
  const changed = (asOf: string, days: number) => profileOf(RECORDS, asOf, days).changes.statusChanges.map((c) => c.recordId);
  assert.deepEqual(changed('2024-04-30', 1), ['r3'], 'the last day counts');
  assert.deepEqual(changed('2024-05-01', 1), [], '`since` itself (2024-04-30) does not, nor what comes after `asOf`');
  assert.deepEqual(p.imports.map((t) => [t.partner, t.byYear]), [['CN', { 2024: 1 }], ['FR', { 2024: 1 }], ['RU', { 2019: 1 }]]);
  assert.deepEqual(p.exports.map((t) => [t.partner, t.systems]), [['CY', ['Nora']]]);
});
