/**
 * The evaluation script's own behaviour on what a user may hand it: an unknown set, an empty or missing text
 * folder, and a folder holding only some of the real-news texts (our own sentences under one gold file name,
 * so nothing third-party is involved). Reads ../shared/eval, as the script does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from './helpers.js';

const evalScript = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'eval.ts'), ...args],
  { encoding: 'utf8', cwd: ROOT, env: { ...process.env, ...env } });

test('eval: an unknown set, an empty folder and a missing folder are refused by name', (t) => {
  const unknown = evalScript(['everything']);
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown evaluation set "everything": use seeds, dev or real/);
  const empty = tempDir(t);
  const none = evalScript(['real', '--quiet'], { ARMSCOPE_REALNEWS_DIR: empty });
  assert.equal(none.status, 2);
  assert.match(none.stderr, new RegExp(`131 of 131 real-news texts are missing from ${empty}`));
  assert.match(none.stderr, /no real-news texts in .*: retrieve them first/);
  const gone = evalScript(['real', '--quiet'], { ARMSCOPE_REALNEWS_DIR: join(empty, 'nowhere') });
  assert.equal(gone.status, 2);
});

test('eval: the texts present are scored, the missing ones named', (t) => {
  const dir = tempDir(t);
  // Under the name of the first gold document: text of our own, so the scorer sees real predictions.
  writeFileSync(join(dir, 'rA01.txt'), 'Poland will buy 48 FA-50 light fighter jets and 180 K2 tanks from South Korea, the defence ministry said.\n');
  const run = evalScript(['real', '--quiet'], { ARMSCOPE_REALNEWS_DIR: dir });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /130 of 131 real-news texts are missing from .*rA02\.txt/);
  assert.match(run.stdout, /^transfer {5}P=1\.000 R=0\.400 F1=0\.571 {2}status=1\.000 hedge=1\.000 {2}\(tp 2, fp 0, fn 3\)$/m);
  assert.match(run.stdout, /\(real: 1 documents, \d+ exported events/);
});
