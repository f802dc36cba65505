/**
 * Name normalisation and comparison, word by word, and the matcher's precision and recall on the name-pair
 * set (`data/screen/name-pairs.tsv`, invented names: transliterations, reorderings, typos, legal-form variants
 * and look-alike non-matches).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canonical, compareNames, normaliseName, phoneticKey } from './names.js';
import { evaluateNamePairs, readNamePairs } from './evaluate.js';
import { DEFAULT_THRESHOLD } from './match.js';

test('legal forms come off in any script and are kept aside by class; what is left is the name', () => {
  assert.deepEqual(normaliseName('ООО «Аэроскан»'), { original: 'ООО «Аэроскан»', tokens: ['aeroskan'], forms: ['llc'], text: 'aeroskan' });
  assert.deepEqual(normaliseName('Aeroscan GmbH').forms, ['llc']);
  assert.deepEqual(normaliseName('Общество с ограниченной ответственностью "ЦСТ"').tokens, ['cst']);
  assert.deepEqual(normaliseName('TsST OOO').tokens, ['cst']);
  assert.deepEqual(normaliseName('Акционерное общество "Концерн "Калашников"'), { original: 'Акционерное общество "Концерн "Калашников"', tokens: ['koncern', 'kalasnikov'], forms: ['jsc'], text: 'koncern kalasnikov' });
  assert.deepEqual(normaliseName('JSC Kalashnikov Concern').forms, ['jsc']);
  assert.deepEqual(normaliseName('Ltd').tokens, ['ltd'], 'a name that is only a legal form keeps it');
});

test('transliteration variants meet: canonical spelling and phonetic key', () => {
  assert.equal(canonical('yuliya'), 'julija');
  assert.equal(canonical('iuliia'), 'julija');
  assert.deepEqual(['Dmitriy', 'Dmitrij', 'Dmitrii', 'Dmitry'].map((n) => normaliseName(n).text), ['dmitri', 'dmitri', 'dmitri', 'dmitri']);
  assert.equal(normaliseName("Grigorij Il'ič Cvetkov").text, normaliseName('Григорий Ильич Цветков').text);
  assert.equal(phoneticKey(normaliseName('Захаров').text), 'sakarav');
  assert.equal(phoneticKey(normaliseName('Zacharov').text), 'sakarav');
  assert.equal(phoneticKey(normaliseName('Kalashnikow').text), phoneticKey(normaliseName('Калашников').text));
});

test('word order does not matter; a missing patronymic costs little, another first name a lot', () => {
  const words = (n: string) => normaliseName(n).tokens;
  assert.equal(compareNames(words('Zakharov Nikita'), words('Nikita Zakharov')).score, 1);
  assert.equal(compareNames(words('Zakharov Nikita'), words('Nikita Zakharov')).literal, true);
  assert.equal(compareNames(words('Nikita Zakharov'), words('ZAKHAROV, Nikita Aleksandrovich')).score, 0.929);
  assert.equal(compareNames(words('Denis Zakharov'), words('ZAKHAROV, Nikita Aleksandrovich')).score, 0.419);
  const substituted = compareNames(words('Ural Precision Instruments'), words('Volga Precision Instruments'));
  assert.deepEqual([substituted.substituted, substituted.score], [true, 0.709]);
});

test('on the name-pair set the default threshold gives precision 1.0 and recall 0.953', () => {
  const pairs = readNamePairs();
  assert.equal(pairs.length, 471);
  assert.deepEqual([pairs.filter((p) => p.same).length, pairs.filter((p) => !p.same).length], [365, 106]);
  const e = evaluateNamePairs(pairs, DEFAULT_THRESHOLD);
  assert.deepEqual({ tp: e.truePositives, fp: e.falsePositives, fn: e.falseNegatives, tn: e.trueNegatives, precision: e.precision, recall: e.recall },
    { tp: 348, fp: 0, fn: 17, tn: 106, precision: 1, recall: 0.953 });
  assert.ok(e.precision >= 0.95 && e.recall >= 0.95);
});
