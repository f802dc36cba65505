/**
 * The search index's keys: day numbers for every form `published` takes, keys that sort newest first with
 * undated last, and date bounds that never leave out a document the exact date test would keep.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateAfter } from './filters.js';
import { monthStartKey, monthWord, publishedMonthWord, SEQ_SPAN, searchDay, searchKey, searchKeyRange, searchMonth, searchWords } from './search.js';

test('day numbers: a full date, a month or a year counts from its first day; undated and other shapes are 0', () => {
  assert.equal(searchDay('1900-01-01'), 1);
  assert.equal(searchDay('1900-01-02'), 2);
  assert.equal(searchDay('1970-01-01'), 25_568);
  assert.equal(searchDay('2024-02-29'), 45_350);
  assert.equal(searchDay('2024-03'), searchDay('2024-03-01'));
  assert.equal(searchDay('2024'), searchDay('2024-01-01'));
  assert.equal(searchDay('2024-05-06T10:00:00Z'), searchDay('2024-05-06'), 'a time of day is ignored');
  assert.equal(searchDay('1850-06-01'), 1, 'before 1900: the first day');
  assert.equal(searchDay('2350-01-01'), searchDay('2199-12-31'), 'after 2199: the last day');
  for (const none of [null, undefined, '', 'yesterday', '24-05-06']) assert.equal(searchDay(none), 0, String(none));
});

test('keys sort newest day first, the later stored first within a day, undated last; they stay exact numbers', () => {
  const docs = [
    { name: 'old', published: '2019-07-01', seq: 9 },
    { name: 'new-first-stored', published: '2024-05-06', seq: 3 },
    { name: 'undated', published: null, seq: 12 },
    { name: 'new-later-stored', published: '2024-05-06', seq: 7 },
    { name: 'month only', published: '2024-04', seq: 1 },
  ];
  const order = docs.map((d) => ({ name: d.name, key: searchKey(d.published, d.seq) })).sort((a, b) => b.key - a.key).map((d) => d.name);
  assert.deepEqual(order, ['new-later-stored', 'new-first-stored', 'month only', 'old', 'undated']);
  assert.equal(searchKey(null, 12), 12);
  assert.equal(searchKey('1900-01-01', 0), SEQ_SPAN);
  const largest = searchKey('2199-12-31', SEQ_SPAN - 1);
  assert.ok(Number.isSafeInteger(largest), `${largest} is an exact integer`);
  assert.throws(() => searchKey('2024-01-01', SEQ_SPAN), /document number 4294967296 is outside 0..2\^32/);
  assert.throws(() => searchKey('2024-01-01', -1), /document number -1/);
});

test('date bounds hold every key whose document the exact test keeps, with a day of slack for a bare year', () => {
  // What the store's filter keeps: published >= from and published < dateAfter(to), compared as text.
  const kept = (published: string, from: string, to: string) => published >= from && published < dateAfter('to', to);
  const stored = ['2023-12-31', '2024', '2024-01', '2024-01-01', '2024-01-15', '2024-02', '2024-02-29', '2024-03-01', '2025', '2025-01-01'];
  for (const [from, to] of [['2024', '2024'], ['2024-01', '2024-02'], ['2024-01-15', '2024-02-29'], ['2023-12-31', '2024-01-01'], ['2024-02', '2025']]) {
    const { min, below } = searchKeyRange(from, dateAfter('to', to));
    for (const published of stored) {
      const key = searchKey(published, 5);
      if (kept(published, from, to)) assert.ok(key >= min! && key < below!, `${published} in ${from}..${to}`);
    }
  }
  assert.deepEqual(searchKeyRange(), { min: undefined, below: undefined });
  assert.deepEqual(searchKeyRange('2024-03-01'), { min: searchDay('2024-03-01') * SEQ_SPAN, below: undefined });
});

test('the words a query is read as: folded as the catalog folds them (ch → c), distinct, in order', () => {
  assert.deepEqual(searchWords('Вучић met Vučić, CH-92A and ch-92a'), ['vucic', 'met', 'c', '92', 'a', 'and']);
});

test('months: numbered from January 1900, each with its first key and its index word; undated has none', () => {
  assert.equal(searchMonth(searchDay('1900-01-01')), 1);
  assert.equal(searchMonth(searchDay('1900-01-31')), 1);
  assert.equal(searchMonth(searchDay('2024-05-06')), 124 * 12 + 5);
  assert.equal(searchMonth(searchDay('2024-12-31')), 125 * 12);
  assert.equal(searchMonth(0), 0);
  assert.equal(monthStartKey(124 * 12 + 5), searchKey('2024-05-01', 0));
  assert.equal(monthStartKey(125 * 12), searchKey('2024-12-01', 0));
  assert.equal(monthWord(124 * 12 + 5), 'p202405');
  assert.equal(monthWord(125 * 12), 'p202412');
  assert.equal(monthWord(0), null);
  assert.deepEqual(['2024-05-06', '2024-05', '2024', null].map(publishedMonthWord), ['p202405', 'p202405', 'p202401', null]);
  // Every document of a month lies between its first key and the next month's.
  for (const published of ['2024-05', '2024-05-01', '2024-05-31', '2024']) {
    const month = searchMonth(searchDay(published));
    const key = searchKey(published, 77);
    assert.ok(key >= monthStartKey(month) && key < monthStartKey(month + 1), published);
  }
  assert.deepEqual(searchWords(`${monthWord(1)} p 190001`), ['p', '190001'], 'no query reads as a month word');
});
