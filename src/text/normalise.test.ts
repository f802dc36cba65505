import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize, normaliseText, foldWord, foldPlain, Gap } from './normalise.js';

const keys = (text: string) => tokenize(text).map((t) => t.key);

test('letters and digits split, so designation spellings meet', () => {
  assert.deepEqual(keys('CH-92A'), ['c', '92', 'a']);
  assert.deepEqual(keys('CH92-A'), ['c', '92', 'a']);
  assert.deepEqual(keys('ch 92 a'), ['c', '92', 'a']);
  // An English plural glued to a number is dropped; a variant letter is kept.
  assert.deepEqual(keys('Su-35s and Su-35S'), ['su', '35', 'and', 'su', '35', 's']);
});

test('Cyrillic and Latin spellings fold to one key', () => {
  assert.equal(normaliseText('Vučić'), normaliseText('Вучић'));
  assert.equal(normaliseText('Shahed-136'), normaliseText('Шахед-136'));
  assert.equal(normaliseText('Pantsir-S1'), normaliseText('Панцирь-С1'));
  assert.equal(foldWord('Straße'), 'strasse');
  // The plain form keeps the digraphs the key collapses: cue words compare it.
  assert.equal(foldWord('shells'), 'sells');
  assert.equal(foldPlain('shells'), 'shells');
  const [shells] = tokenize('Shells');
  assert.equal(shells.key, 'sells');
  assert.equal(shells.plain, 'shells');
});

test('token flags: capitals, acronyms, digits, offsets', () => {
  const tokens = tokenize('The US sent 12 HIMARS to Kyiv.');
  assert.deepEqual(tokens.map((t) => [t.key, t.start, t.end, t.upper, t.allUpper, t.digit]), [
    ['the', 0, 3, true, false, false],
    ['us', 4, 6, true, true, false],
    ['sent', 7, 11, false, false, false],
    ['12', 12, 14, false, false, true],
    ['himars', 15, 21, true, true, false],
    ['to', 22, 24, false, false, false],
    ['kyiv', 25, 29, true, false, false],
  ]);
});

test('gaps tell which neighbours may belong to one name', () => {
  const gaps = (text: string) => tokenize(text).map((t) => t.gap);
  assert.deepEqual(gaps('F-16A'), [Gap.Apart, Gap.Hyphen, Gap.Joined]);
  assert.deepEqual(gaps('U.S. forces'), [Gap.Apart, Gap.Spaced, Gap.Spaced]);
  assert.deepEqual(gaps('Iran, Russia'), [Gap.Apart, Gap.Apart]);
  assert.deepEqual(gaps('Iran  –  Russia'), [Gap.Apart, Gap.Apart]);
  assert.deepEqual(gaps('Bosnia and\nHerzegovina'), [Gap.Apart, Gap.Spaced, Gap.Apart]);
});

test('decomposed accents stay inside their word', () => {
  const decomposed = 'Vuc\u030Cic\u0301 visited Nis\u030C';
  assert.deepEqual(keys(decomposed), ['vucic', 'visited', 'nis']);
  assert.deepEqual(keys(decomposed), keys('Vučić visited Niš'));
});

test('a range of the text tokenizes with offsets into the whole text', () => {
  const text = 'Intro. Serbia bought FK-3 systems.';
  const tokens = tokenize(text, 7, 25);
  assert.deepEqual(tokens.map((t) => text.slice(t.start, t.end)), ['Serbia', 'bought', 'FK', '3']);
  assert.equal(tokens[0].gap, Gap.Apart);
});

test('the same words read the same in any string representation and after many distinct words', () => {
  const base = tokenize('Alabuga drones for Russia');
  // Concatenated and sliced strings, and a vocabulary large enough to recycle the word table.
  for (let i = 0; i < 200_000; i++) tokenize(`w${i.toString(36)}x`);
  const cons = ['Ala', 'buga drones for ', 'Russia'].join('');
  const sliced = `...${cons}...`.slice(3, -3);
  for (const text of [cons, sliced]) assert.deepEqual(tokenize(text), base);
});
