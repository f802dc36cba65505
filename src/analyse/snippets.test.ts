/** Search snippets: plain text, whole words, offsets that mark what the index matched (fixtures inline). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchOffsets, snippet } from './snippets.js';

test('a snippet marks words as the index folds them, across scripts, and is cut at spaces', () => {
  assert.deepEqual(snippet('Russia delivered Pantsir systems to Serbia.', 'Панцирь', 20), { start: 17, text: 'Pantsir systems to', matches: [{ start: 0, end: 7 }] });
  const text = `${'Intro words here. '.repeat(10)}Then Вучић said Serbia bought the Панцир С1 from Russia. ${'Tail words follow. '.repeat(10)}`;
  const s = snippet(text, 'vucic pantsir', 60);
  assert.deepEqual(s, { start: 168, text: 'words here. Then Вучић said Serbia bought the Панцир С1 from', matches: [{ start: 17, end: 22 }, { start: 46, end: 52 }] });
  assert.deepEqual(s.matches.map((m) => s.text.slice(m.start, m.end)), ['Вучић', 'Панцир']);
  assert.equal(text.slice(s.start, s.start + s.text.length), s.text, 'start is the offset in the whole text');
});

test('letters and digits are separate words, as in the index; no match gives the text’s start', () => {
  assert.deepEqual(matchOffsets('Leopard-Panzer und CH-92A', 'ch 92a panzer'), [{ start: 8, end: 14 }, { start: 19, end: 21 }, { start: 22, end: 24 }, { start: 24, end: 25 }]);
  assert.deepEqual(snippet('No match here at all.', 'xyz', 10), { start: 0, text: 'No match', matches: [] });
  assert.deepEqual(snippet('<b>Su-35</b> & co', 'su 35', 40).text, '<b>Su-35</b> & co', 'text is returned as written, for the client to escape');
});
