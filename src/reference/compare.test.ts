/**
 * The comparison's rules on records and register deals written by hand (no store), so each rule is seen
 * alone: which goods are the same, which stages contradict, and which of several deals a record takes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SystemLinks } from '../resolve/goods.js';
import type { TransferRecord } from '../resolve/transfers.js';
import { compareRecord, goodsMatch, stageDiffers } from './compare.js';
import type { ReferenceRecord } from './types.js';

/** A small catalog: the FK-3 is a variant of the HQ-22; the Su-35 and the MiG-29 are unrelated fighters. */
const LINKS: SystemLinks = {
  parentOf: (id) => (id === 'system:fk-3' ? 'system:hq-22' : null),
  categoryOf: (id) => ({ 'system:fk-3': 'air-defence', 'system:hq-22': 'air-defence', 'system:su-35': 'combat-aircraft', 'system:mig-29': 'combat-aircraft' } as Record<string, string>)[id] ?? null,
};

function record(systemId: string | null, category: string, status: string): TransferRecord {
  return {
    id: `r-${systemId ?? category}`, supplier: 'RU', recipient: 'RS', system: systemId?.slice(7) ?? null, systemId, category, status, history: [], sources: [],
    corroboration: 1, conflicts: [], hedged: false, quantity: null, value: null, currency: null, firstSeen: '2024-01-01', lastSeen: '2024-01-01', mentionIds: [], goods: [],
  };
}

function deal(line: number, systemId: string | null, category: ReferenceRecord['category'], orderYear: number, ordered: number, delivered: number): ReferenceRecord {
  return {
    id: `d${line}`, source: 'sipri', line, supplier: 'RU', supplierName: 'Russia', recipient: 'RS', recipientName: 'Serbia', designation: systemId?.slice(7) ?? 'unnamed',
    description: category, systemId, category, orderYear: { value: orderYear, uncertain: false }, numberOrdered: { value: ordered, uncertain: false },
    numberDelivered: { value: delivered, uncertain: false }, deliveryYears: delivered ? [orderYear + 1] : [],
    status: delivered === 0 ? 'ordered' : delivered < ordered ? 'delivering' : 'delivered', suppliedAs: 'new', comments: '', tivUnit: 1, tivTotal: ordered, tivDelivered: delivered,
  };
}

test('goods are the same by system, by variant along parent links, or by category where one side names no system', () => {
  assert.equal(goodsMatch(record('system:su-35', 'combat-aircraft', 'delivered'), deal(1, 'system:su-35', 'combat-aircraft', 2020, 1, 1), LINKS), 'system');
  assert.equal(goodsMatch(record('system:fk-3', 'air-defence', 'delivered'), deal(1, 'system:hq-22', 'air-defence', 2020, 1, 1), LINKS), 'variant');
  assert.equal(goodsMatch(record('system:hq-22', 'air-defence', 'delivered'), deal(1, 'system:fk-3', 'air-defence', 2020, 1, 1), LINKS), 'variant');
  assert.equal(goodsMatch(record(null, 'combat-aircraft', 'delivered'), deal(1, 'system:mig-29', 'combat-aircraft', 2020, 1, 1), LINKS), 'category');
  assert.equal(goodsMatch(record('system:su-35', 'combat-aircraft', 'delivered'), deal(1, null, 'combat-aircraft', 2020, 1, 1), LINKS), 'category');
  assert.equal(goodsMatch(record('system:su-35', 'combat-aircraft', 'delivered'), deal(1, 'system:mig-29', 'combat-aircraft', 2020, 1, 1), LINKS), null, 'two named systems that differ');
  assert.equal(goodsMatch(record(null, 'uav', 'delivered'), deal(1, null, 'combat-aircraft', 2020, 1, 1), LINKS), null);
});

test('stages contradict only on delivery: delivered against nothing delivered, agreed against all delivered', () => {
  const ordered = deal(1, null, 'uav', 2024, 6, 0);
  const partly = deal(2, null, 'uav', 2020, 6, 2);
  const done = deal(3, null, 'uav', 2020, 6, 6);
  assert.deepEqual(['delivered', 'agreed', 'negotiating', 'cancelled'].map((s) => [stageDiffers(s, ordered), stageDiffers(s, partly), stageDiffers(s, done)]), [
    [true, false, false],
    [false, false, true],
    [false, false, false],
    [false, false, false],
  ]);
});

test('of several deals of the same goods, a record takes one that agrees, then the closest goods, then the latest', () => {
  const old = deal(10, 'system:hq-22', 'air-defence', 2015, 2, 2);
  const recent = deal(11, 'system:hq-22', 'air-defence', 2023, 4, 0);
  const exact = deal(12, 'system:fk-3', 'air-defence', 2019, 2, 2);
  const delivered = compareRecord(record('system:fk-3', 'air-defence', 'delivered'), [old, recent, exact], LINKS);
  assert.deepEqual([delivered.class, delivered.reference?.line, delivered.goods, delivered.candidates], ['matched', 12, 'system', 3]);
  const agreed = compareRecord(record('system:fk-3', 'air-defence', 'agreed'), [old, recent, exact], LINKS);
  assert.deepEqual([agreed.class, agreed.reference?.line, agreed.goods], ['matched', 11, 'variant'], 'the open order, not the delivered ones');
  const onlyDone = compareRecord(record('system:fk-3', 'air-defence', 'agreed'), [old, exact], LINKS);
  assert.deepEqual([onlyDone.class, onlyDone.reference?.line, onlyDone.reason],
    ['status-differs', 12, 'news: agreed; register: delivered, fk-3 ordered 2019 (2 of 2 delivered, line 12)']);
  const none = compareRecord(record('system:su-35', 'combat-aircraft', 'delivered'), [old, exact], LINKS);
  assert.deepEqual([none.class, none.reference, none.reason], ['reported-not-in-reference', null, 'the register has 2 deal(s) of RU→RS, none of su-35']);
});
