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

test('keywords, hedging, confidence and corroboration narrow what a rule matches', async () => {
  const { eventMatches } = await import('./evaluate.js');
  const rules = parseRules([
    'rules:',
    '  - id: words', '    keywords: [Вучић, "air defence"]',
    '  - id: hedged', '    reporting: hedged',
    '  - id: confirmed-sure', '    reporting: confirmed', '    min_confidence: 0.9',
    '  - id: corroborated', '    min_corroboration: 2',
    '  - id: systems', '    system: [fk-3, Pantsir]',
  ].join('\n'), 'k.yaml', catalog);
  const event = (over: Record<string, unknown>) => ({
    id: 'e', documentId: 'd', extractor: 'x', extractedAt: '', kind: 'transfer' as const, supplier: 'CN', recipient: 'RS', system: 'FK-3', systemId: 'system:fk-3',
    category: 'air-defence' as const, status: 'delivered', hedged: false, hypothetical: false, confidence: 0.88,
    evidence: { sentence: 0, start: 0, end: 10, text: 'Vucic welcomed the FK-3 batteries.', cues: [], rule: 'r' }, ...over,
  });
  const record = (corroboration: number) => ({ corroboration }) as Parameters<typeof eventMatches>[3];
  const doc = { title: 'Air defence for Belgrade', published: '2022-04-11' };
  const matching = (e: ReturnType<typeof event>, r = record(1)) => rules.filter((rule) => eventMatches(rule, e, doc, r)).map((rule) => rule.id);
  assert.deepEqual(matching(event({})), ['words', 'systems'], 'Вучић folds to the Latin spelling; "air defence" is in the title');
  assert.deepEqual(matching(event({ hedged: true, systemId: null, system: 'Pantsir' }), record(2)), ['words', 'hedged', 'corroborated', 'systems']);
  assert.deepEqual(matching(event({ confidence: 0.95, evidence: { sentence: 0, start: 0, end: 1, text: 'Batteries arrived.', cues: [], rule: 'r' } }), record(1)).filter((id) => id !== 'words'), ['confirmed-sure', 'systems']);
  assert.deepEqual(matching(event({ hypothetical: true })), [], 'scenarios never alert');
});
