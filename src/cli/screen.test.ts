/**
 * `armscope lists load`, `lists`, `match` and `screen` as a user runs them: the real command in its own
 * process, on a SQLite file in a temporary folder; the OpenSanctions fixture read from ../shared, the parts
 * files from test/fixtures/screen.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SHARED, tempDir } from '../../test/helpers.js';

const BIN = join(ROOT, 'bin', 'armscope.mjs');
const ZALA = join(SHARED, 'data', 'opensanctions', 'zala.entities.ftm.json');
const PARTS = join(ROOT, 'test', 'fixtures', 'screen');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' }, cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('lists load, lists, match and screen from the command line; the run names the list version', (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'screen.db');
  const load = cli(['lists', 'load', ZALA, '--db', db, '--name', 'zala', '--json']);
  assert.equal(load.code, 0, load.stderr);
  const loaded = JSON.parse(load.stdout);
  assert.deepEqual([loaded.list, loaded.version.entities, loaded.skipped], ['zala', 17, 74]);

  const match = cli(['match', 'Kalashnikow Concern', 'Acme Widgets', '--db', db]);
  assert.equal(match.code, 0, match.stderr);
  assert.equal(match.stdout.split('\n').slice(0, 4).join('\n'), [
    'Kalashnikow Concern (normalised: kalasnikov concern)',
    '  MATCH 1.000  JSC Kalashnikov Concern [Company, NK-nR5AXM9AVPq4pQaSPSaVam, target] via "CONCERN KALASHNIKOV JSC"',
    '        the same words, in any order, once legal forms are set aside; score 1 ≥ threshold 0.72',
    'Acme Widgets (normalised: acme vidgec)',
  ].join('\n'));

  const out = join(dir, 'report.json');
  const screen = cli(['screen', join(PARTS, 'parts-de.csv'), '--db', db, '--format', 'json', '-o', out]);
  assert.equal(screen.code, 0, screen.stderr);
  assert.equal(screen.stderr, `armscope: 2 lines screened (1 high, 1 medium, 0 low); report in ${out}\n`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(report.lines.map((l: any) => [l.line, l.level, l.components]), [[2, 'medium', ['piston-engine']], [3, 'high', ['camera']]]);
  assert.deepEqual(report.run.lists.map((l: any) => l.version), [loaded.version.version]);

  const lists = JSON.parse(cli(['lists', '--db', db, '--json']).stdout);
  assert.deepEqual([lists.lists.map((l: any) => l.version), lists.runs.map((r: any) => [r.id, r.lines])], [[loaded.version.version], [[report.run.id, 2]]]);

  const missing = cli(['screen', join(dir, 'nope.csv'), '--db', db]);
  assert.deepEqual([missing.code, missing.stderr], [1, `armscope: ${join(dir, 'nope.csv')}: cannot be read\n`]);
  const format = cli(['screen', join(PARTS, 'parts-de.csv'), '--db', db, '--format', 'pdf']);
  assert.deepEqual([format.code, format.stderr], [1, 'armscope: --format: unknown format "pdf" (table, csv, json, html)\n']);
});
