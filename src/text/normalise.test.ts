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

test('hostile input: empty text, a blob of one "word", control characters, lone surrogates, a huge text', () => {
  assert.deepEqual(tokenize(''), []);
  assert.deepEqual(tokenize('\u0000\u0001 \uD800 \t\n'), []);
  // Lone surrogates, NUL and control characters separate words; they never join or break them oddly.
  assert.deepEqual(keys('Iran\u0000Russia\uD800Serbia\u0007Kosovo'), ['iran', 'russia', 'serbia', 'kosovo']);
  // A 100,000-letter "word" (a base64 image inlined in a page) is one token, folded but not kept in the
  // word table; ordinary words around it still read the same.
  const blob = 'Q'.repeat(100_000);
  const around = tokenize(`Iran ${blob} Russia`);
  assert.deepEqual(around.map((t) => [t.start, t.end]), [[0, 4], [5, 100_005], [100_006, 100_012]]);
  assert.equal(around[1].key.length, 100_000);
  assert.deepEqual(keys('Iran and Russia'), ['iran', 'and', 'russia']);
  // A text larger than the reused buffer (over 4 million code units) is read through a buffer of its own.
  const huge = 'Iran sent drones. '.repeat(300_000);
  const tokens = tokenize(huge);
  assert.equal(tokens.length, 900_000);
  assert.deepEqual([tokens[899_999].key, tokens[899_999].start, tokens[899_999].end], ['drones', huge.length - 8, huge.length - 2]);
  assert.deepEqual(keys('Serbia bought FK-3'), ['serbia', 'bought', 'fk', '3']);
});
