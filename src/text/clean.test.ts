import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEEDS } from '../../test/helpers.js';
import { cleanText, findCitations } from './clean.js';
import { findDate, findPublishedLine, parseLooseDate } from './dates.js';
import { splitSentences } from './sentences.js';

const seed = (name: string) => readFileSync(join(SEEDS, name), 'utf8');

test('seed debris is removed from the text and kept as removed spans', () => {
  const cases: [string, string[], string[]][] = [
    ['000_d265c25fb716deda.txt', ['Photo: Reuters', 'Check Also', 'Go Big or Stay Home?', 'jamestown. org', 'Source: https://'], ['photo-credit', 'site-name', 'source-line', 'footer']],
    ['001_a62e98f9cf78336a.txt', ['Screen Shot 2020 11 12', 'More on this story'], ['repeated-line', 'screenshot', 'related']],
    ['002_a1f3bd7e1af7a897.txt', ['Beeld AP', 'Beeld AFP', 'Over de auteur', 'Sacha Kester schrijft'], ['caption', 'author-box', 'caption']],
    ['003_e2981c027b46f4f0.txt', ['Lees hier het volledige artikel'], ['footer']],
  ];
  for (const [file, gone, reasons] of cases) {
    const { text, removed } = cleanText(seed(file));
    for (const debris of gone) assert.equal(text.includes(debris), false, `${file}: "${debris}" still in text`);
    assert.deepEqual(removed.map((r) => r.reason), reasons, file);
    for (const debris of gone) assert.ok(removed.some((r) => r.text.includes(debris)), `${file}: "${debris}" not kept`);
  }
});

test('the article text itself survives cleaning', () => {
  const { text } = cleanText(seed('002_a1f3bd7e1af7a897.txt'));
  assert.ok(text.startsWith('Terwijl de wapenvoorraad van Moskou'));
  assert.ok(text.includes('Teheran zou voor miljarden aan radars en helikopters willen kopen van Moskou.'));
  const { text: t1 } = cleanText(seed('001_a62e98f9cf78336a.txt'));
  assert.equal(t1.split('China’s Expanding Influence in the Balkans: Strategic Implications').length, 2, 'title kept once');
});

test('a credit at the end of a long paragraph is stripped, the paragraph kept', () => {
  const para = 'Poland received its first K2 tanks from South Korea at the port of Gdynia, months after signing the contract. '.repeat(3);
  const { text, removed } = cleanText(`${para}Photo: PAP`);
  assert.equal(text, para.trim());
  assert.deepEqual(removed.map((r) => [r.reason, r.text]), [['photo-credit', 'Photo: PAP']]);
});

test('cited sources of 000 include Balkan Insight and Iran International with their dates', () => {
  const { cited } = cleanText(seed('000_d265c25fb716deda.txt'));
  const outlets = cited.map((c) => c.outlet);
  assert.ok(outlets.includes('Balkan Insight'));
  assert.ok(outlets.includes('Iran International'));
  assert.deepEqual(cited.find((c) => c.outlet === 'Iran International')?.date, '--12-25');
  assert.deepEqual(cited.find((c) => c.outlet === 'kryeministria.com')?.date, '2022-09-07');
  assert.equal(cited.filter((c) => c.outlet === 'Balkan Insight').length, 3);
  assert.equal(cited.length, 18);
});

test('citations split on semicolons and ignore parentheses that are not citations', () => {
  const cited = findCitations('Both countries expressed interest (Hetq, October 20; News.am, November 22). The IRGC (Sepah) acts.');
  assert.deepEqual(cited.map((c) => [c.outlet, c.date]), [['Hetq', '--10-20'], ['News.am', '--11-22']]);
});

test('dates in many languages', () => {
  assert.equal(findDate('Published: 12 March 2024'), '2024-03-12');
  assert.equal(findDate('Gepubliceerd op 3 juni 2023'), '2023-06-03');
  assert.equal(findDate('14.11.2023, 07:30 Uhr'), '2023-11-14');
  assert.equal(findDate('Objavljeno: 11. april 2022.'), '2022-04-11');
  assert.equal(findDate('Опубликовано 5 декабря 2023 года'), '2023-12-05');
  assert.equal(findDate('Објављено 24. фебруара 2020.'), '2020-02-24');
  assert.equal(findDate('30 août 2024'), '2024-08-30');
  assert.equal(findDate('2024-02-30'), null);
  assert.equal(parseLooseDate('October 19'), '--10-19');
  assert.equal(parseLooseDate('2021'), '2021');
  assert.equal(findPublishedLine('Title\nPublished: 12 March 2024\nIn 2021 Serbia bought jets.'), '2024-03-12');
  assert.equal(findPublishedLine('In 2021, on 4 May 2021, Serbia bought a large number of jets from Russia for its air force.'), null);
});

test('sentence offsets slice the stored text exactly, for every seed', () => {
  for (const file of ['000_d265c25fb716deda.txt', '001_a62e98f9cf78336a.txt', '002_a1f3bd7e1af7a897.txt', '003_e2981c027b46f4f0.txt']) {
    const { text } = cleanText(seed(file));
    const sentences = splitSentences(text);
    for (const s of sentences) {
      const slice = text.slice(s.start, s.end);
      assert.equal(slice, slice.trim(), `${file} #${s.index} has outer blanks`);
      assert.ok(slice.length > 0);
    }
    // Between sentences there is nothing but white space.
    let at = 0;
    for (const s of sentences) { assert.match(text.slice(at, s.start), /^\s*$/); at = s.end; }
  }
});

test('sentence splitting respects abbreviations and initials', () => {
  const text = 'The U.S. sold F-16s to Taiwan. Mr. Kirby said so.\nJ. Kirby spoke on Dec. 4 in Washington. Iran denied it!';
  const parts = splitSentences(text).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(parts, ['The U.S. sold F-16s to Taiwan.', 'Mr. Kirby said so.', 'J. Kirby spoke on Dec. 4 in Washington.', 'Iran denied it!']);
});
