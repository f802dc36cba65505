/**
 * The confidence model's arithmetic, its fitting, and the scorer's labelling rules, on hand-made data: each
 * case is small enough to check by hand.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { confidenceOf, contributions, loadConfidenceModel } from '../extract/confidence.js';
import { CatalogError } from '../errors.js';
import { fitLogistic, predict, type Sample } from './fit.js';
import { labelTransfers, reliability, reliabilityTable } from './labels.js';

const model = { bias: -1, weights: { 'supplier:subject': 2, distance: -0.5 }, threshold: 0.3 };

test('the model gives sigmoid(bias + Σ weight × value), to three decimals; an unknown feature weighs nothing', () => {
  // z = -1 + 2×1 - 0.5×0.5 + 0×1 = 0.75; sigmoid(0.75) = 0.67918
  assert.equal(confidenceOf(model, { 'supplier:subject': 1, distance: 0.5, headline: 1 }), 0.679);
  assert.equal(confidenceOf(model, {}), 0.269);
  assert.deepEqual(contributions(model, { 'supplier:subject': 1, distance: 0.5, headline: 1 }), [
    { feature: 'supplier:subject', value: 1, weight: 2, contribution: 2 },
    { feature: 'distance', value: 0.5, weight: -0.5, contribution: -0.25 },
    { feature: 'headline', value: 1, weight: 0, contribution: 0 },
  ]);
});

test('a broken model file is a catalog error naming the file and the field', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'armscope-model-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'confidence.json');
  writeFileSync(path, JSON.stringify({ bias: 0, weights: { named: 'high' }, threshold: 0.2 }));
  assert.throws(() => loadConfidenceModel(path), (e: unknown) => e instanceof CatalogError && e.message === `${path}: weights.named: Invalid input: expected number, received string`);
  writeFileSync(path, JSON.stringify({ bias: 0, weights: {}, threshold: 2 }));
  assert.throws(() => loadConfidenceModel(path), /threshold: Too big: expected number to be <=1/);
});

test('fitting moves weights toward what the labels say, and a stronger penalty holds them closer to 0', () => {
  // "a" is right four times in five, "b" wrong four times in five: a mirror image, so the bias stays 0
  // and the two weights are opposite.
  const samples: Sample[] = [
    ...Array.from({ length: 4 }, () => ({ features: { a: 1 }, label: 1 as const })), { features: { a: 1 }, label: 0 },
    ...Array.from({ length: 4 }, () => ({ features: { b: 1 }, label: 0 as const })), { features: { b: 1 }, label: 1 },
  ];
  const loose = fitLogistic(samples, { l2: 0.1 });
  const tight = fitLogistic(samples, { l2: 10 });
  assert.ok(loose.weights.a > 0 && loose.weights.b < 0);
  assert.ok(Math.abs(loose.weights.a + loose.weights.b) < 1e-9 && Math.abs(loose.bias) < 1e-9);
  assert.ok(tight.weights.a > 0 && tight.weights.a < loose.weights.a);
  // Unpenalised, p(a) would be the observed 0.8; the small penalty pulls it just below.
  assert.equal(Math.round(predict(loose, { a: 1 }) * 1000) / 1000, 0.775);
  // A weight of 2 on a sample counts as that sample twice.
  const doubled = fitLogistic([{ features: { a: 1 }, label: 1, weight: 2 }, { features: { a: 1 }, label: 0 }], { l2: 0 });
  assert.equal(Math.round(predict(doubled, { a: 1 }) * 1000) / 1000, 0.667);
});

test('rows are labelled with the scorer\'s rules: matched, restated, optional, repeated, wrong', () => {
  const gold = [{ file: 'one.txt', transfers: [
    { supplier: 'FR', recipient: 'IN', system: 'Rafale', aliases: ['Rafale M'], category: 'combat-aircraft' },
    { supplier: 'US', recipient: 'PL', category: 'armoured-vehicle' },
    { supplier: 'KR', recipient: 'PL', system: 'K9', category: 'artillery', optional: true },
    { supplier: 'DE', recipient: 'UA', system: 'IRIS-T', category: 'air-defence' },
  ] }];
  const rows = [
    { document: '/in/one.txt', kind: 'transfer', supplier: 'FR', recipient: 'IN', system: 'Rafale-M', category: 'combat-aircraft' },
    { document: '/in/one.txt', kind: 'transfer', supplier: 'FR', recipient: 'IN', system: null, category: 'combat-aircraft' },
    { document: '/in/one.txt', kind: 'transfer', supplier: 'us', recipient: 'pl', system: null, category: 'armoured-vehicle' },
    { document: '/in/one.txt', kind: 'transfer', supplier: 'US', recipient: 'PL', system: null, category: 'armoured-vehicle' },
    { document: '/in/one.txt', kind: 'transfer', supplier: 'KR', recipient: 'PL', system: 'K9', category: 'artillery' },
    { document: '/in/one.txt', kind: 'transfer', supplier: 'RU', recipient: 'PL', system: null, category: 'missile' },
    { document: '/in/one.txt', kind: 'cooperation' },
    { document: '/in/two.txt', kind: 'transfer', supplier: 'RU', recipient: 'IR', system: null, category: 'uav' },
  ];
  assert.deepEqual(labelTransfers(gold, rows), {
    labels: ['right', 'restated', 'right', 'repeated', 'optional', 'wrong', null, null],
    missed: 1,
  });
});

test('the reliability table bins right and wrong rows by confidence; other labels are left out', () => {
  const bins = reliability([0.1, 0.15, 0.5, 0.9, 1, 0.95, 0.3], ['wrong', 'right', 'right', 'right', 'right', 'wrong', 'restated']);
  assert.deepEqual(bins.map((b) => [b.count, b.right]), [[2, 1], [0, 0], [1, 1], [0, 0], [3, 2]]);
  assert.equal(reliabilityTable(bins).split('\n')[6], '| 0.8–1.0 | 3 | 2 | 0.67 | 0.95 |');
  assert.equal(reliabilityTable(bins).split('\n')[3], '| 0.2–0.4 | 0 | 0 | – | – |');
});
