/**
 * Watch rules: the README's examples load; every kind of mistake is reported with the file, the line and
 * the field, all problems of a file at once; blocs match by membership on the day of the report.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ROOT } from '../../test/helpers.js';
import { defaultKnowledgeBase } from '../extract/index.js';
import { loadRules, parseRules, RuleFileError } from './rules.js';
import { inParties } from './evaluate.js';

const catalog = defaultKnowledgeBase().catalog;

test('the example rules load, each with where it was written', () => {
  const rules = loadRules(join(ROOT, 'examples', 'watch-rules.yaml'), catalog);
  assert.deepEqual(rules.map((r) => [r.id, r.source.replace(/^.*\//, '')]), [
    ['serbia-non-nato', 'watch-rules.yaml:4'], ['iranian-drones-abroad', 'watch-rules.yaml:9'], ['armenia-new-supplier', 'watch-rules.yaml:15'],
    ['serbia-deliveries', 'watch-rules.yaml:20'], ['confirmed-air-defence', 'watch-rules.yaml:25'],
  ]);
  const [nonNato, drones] = rules;
  assert.deepEqual([[...nonNato.recipient!.countries], nonNato.supplier_not!.blocs.map((b) => b.id)], [['RS'], ['bloc:nato']]);
  assert.deepEqual([...drones.recipient_not!.countries], ['IR', 'RU']);
  assert.deepEqual(drones.category, ['uav']);
});

test('every mistake in a file is named with file, line and field', () => {
  const text = [
    'rules:',
    '  - id: ok-rule',
    '    recipient: RS',
    '  - id: Bad Id',
    '    supplier: [RU, XX]',
    '    status: sold',
    '    min_confidence: 1.5',
    '    colour: red',
  ].join('\n');
  assert.throws(() => parseRules(text, 'mine.yaml', catalog), (e: Error) => {
    assert.ok(e instanceof RuleFileError);
    assert.deepEqual(e.message.split('\n'), [
      'mine.yaml:4: rules[1].id: lowercase letters, digits and dashes',
      'mine.yaml:6: rules[1].status: Invalid option: expected one of "interest"|"offered"|"negotiating"|"agreed"|"delivered"|"cancelled"|"denied"',
      'mine.yaml:7: rules[1].min_confidence: Too big: expected number to be <=1',
      'mine.yaml:8: rules[1].colour: unknown field (colour)',
    ]);
    return true;
  });
  // Values the catalog does not know, duplicate ids and a new supplier without a recipient, once the shape is right.
  const second = ['rules:', '  - id: a', '    supplier: [RU, XX]', '  - id: a', '    new_supplier: true', '    country_not: RS'].join('\n');
  assert.throws(() => parseRules(second, 'two.yaml', catalog), { message: 'two.yaml:6: rules[1].country_not: unknown field (country_not)' });
  const third = ['rules:', '  - id: a', '    supplier: [RU, XX]', '  - id: a', '    new_supplier: true'].join('\n');
  assert.throws(() => parseRules(third, 'three.yaml', catalog), (e: Error) => {
    assert.deepEqual(e.message.split('\n').map((l) => l.replace(/ \(.*\)$/, '')), [
      'three.yaml:3: rules[0].supplier: "XX" is neither a country code in the catalog nor a bloc',
      'three.yaml:4: rules[1].id: "a" is already the id of the rule on line 2',
      'three.yaml:4: rules[1].new_supplier: needs a recipient (or country) to be new to',
    ]);
    return true;
  });
  assert.throws(() => parseRules('rules:\n  - id: a\n   recipient: RS\n', 'syntax.yaml', catalog), (e: Error) => /^syntax\.yaml:3: \(syntax\): /.test(e.message));
  assert.throws(() => loadRules('/no/such/rules.yaml', catalog), { message: '/no/such/rules.yaml: cannot read the rules file (ENOENT)' });
});

test('a bloc counts its members on the day of the report', () => {
  const [rule] = parseRules('rules:\n  - id: nato\n    supplier: NATO\n', 'r.yaml', catalog);
  // Sweden joined NATO on 2024-03-07; France was a member throughout; Serbia never.
  assert.deepEqual([inParties('SE', rule.supplier!, '2023-05-01'), inParties('SE', rule.supplier!, '2024-05-01'), inParties('FR', rule.supplier!, '1990-01-01'), inParties('RS', rule.supplier!, '2024-05-01')],
    [false, true, true, false]);
});
