/**
 * `armscope explain` on an article of our own: each event's confidence taken apart into the bias and each
 * feature's weight × value (from the bundled model, so the test holds after a refit), and the candidates
 * turned down, under the class that turned them down, in text and in JSON.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../../test/helpers.js';
import { confidenceOf, contributions, defaultConfidenceModel } from '../extract/confidence.js';

const BIN = join(ROOT, 'bin', 'armscope.mjs');
const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' }, cwd: ROOT });

const ARTICLE = 'According to the German broadcaster ZDF, Russia bought Shahed-136 drones from Iran last year. '
  + 'Serbia did not buy Chinese jets. The army operates Soviet tanks.\n';

test('explain takes each confidence apart and lists rejected candidates by class, in text and JSON', (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'x.db');
  writeFileSync(join(dir, 'story.txt'), ARTICLE);
  assert.equal(cli(['ingest', join(dir, 'story.txt'), '--db', db, '-q']).status, 0);
  const id = (JSON.parse(cli(['docs', '--db', db, '--json']).stdout) as { id: string }[])[0].id;

  // What the rule saw in the first sentence: Russia the subject of "bought", Iran after "from", a named system
  // whose designer is the supplier, and a source named in an attribution.
  const features = { 'role:recipient': 1, 'supplier:marker': 1, 'recipient:subject': 1, named: 1, distance: 0, parties: 2 / 6, attribution: 1, 'origin:supplier': 1 };
  const model = defaultConfidenceModel();
  const parts = contributions(model, features);
  const json = JSON.parse(cli(['explain', id, '--db', db, '--json']).stdout);
  assert.deepEqual(json.sentences.map((s: { number: number }) => s.number), [1, 2, 3]);
  const [first, second, third] = json.sentences;
  assert.equal(first.events.length, 1);
  const e = first.events[0];
  assert.deepEqual([e.supplier, e.recipient, e.system, e.evidence.rule], ['IR', 'RU', 'Shahed-136', 'transfer/subject-recipient']);
  assert.equal(e.bias, model.bias);
  assert.deepEqual(e.contributions, parts);
  assert.equal(e.confidence, confidenceOf(model, features));
  assert.equal('features' in e, false);
  assert.deepEqual(first.rejected, [{ class: 'attribution', reasons: ['"German" (DE): named as the source of the report, not a party'] }]);
  assert.deepEqual(second.rejected, [{ class: 'negated', reasons: ['transfer cue "buy"'] }]);
  assert.deepEqual(third.rejected, [{ class: 'inventory', reasons: ['"tanks" after "operates": possession or operation, not a transfer'] }]);

  const text = cli(['explain', id, '--db', db]).stdout;
  const signed = (x: number) => `${x < 0 ? '−' : '+'}${Math.abs(x).toFixed(3)}`;
  const z = model.bias + parts.reduce((a, c) => a + c.contribution, 0);
  assert.ok(text.includes([
    '    + transfer: IR → RU Shahed-136 [agreed]  rule transfer/subject-recipient; cues: bought',
    `      confidence ${e.confidence} = sigmoid(${z.toFixed(3)}): bias ${signed(model.bias)}`,
    ...parts.map((c) => `        ${signed(c.contribution)}  ${c.feature}${c.value === 1 ? '' : ` = ${Number(c.value.toFixed(3))} × ${c.weight}`}`),
    '    rejected:',
    '      attribution: "German" (DE): named as the source of the report, not a party',
    '',
    '[2] Serbia did not buy Chinese jets.',
  ].join('\n')), text);
  assert.ok(text.includes('    rejected:\n      negated: transfer cue "buy"\n'));
  assert.ok(text.includes('    rejected:\n      inventory: "tanks" after "operates": possession or operation, not a transfer\n'));
});

test('a rejection is read as "class: reason"; one without a class is "other"', async () => {
  const { classify } = await import('../extract/explain.js');
  assert.deepEqual(classify('no-party: "drones" after "sold": no recipient found'), { class: 'no-party', reason: '"drones" after "sold": no recipient found' });
  assert.deepEqual(classify('Production cue "plant": unclear'), { class: 'other', reason: 'Production cue "plant": unclear' });
});
