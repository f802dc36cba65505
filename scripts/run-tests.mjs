#!/usr/bin/env node
// Runs every colocated *.test.ts with Node's own test runner (Node 20 has no glob for --test).
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (statSync(path).isDirectory()) find(path, out);
    else if (name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const only = process.argv.slice(2);
const files = only.length ? only : [...find('src'), ...find('test')].sort();
// A compiled-catalog cache and a user catalog folder of the run's own, so tests neither read nor leave
// anything in the user's home.
const cache = mkdtempSync(join(tmpdir(), 'armscope-test-cache-'));
const kbHome = mkdtempSync(join(tmpdir(), 'armscope-test-kb-'));
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
  env: { ...process.env, NODE_NO_WARNINGS: '1', ARMSCOPE_CACHE_DIR: process.env.ARMSCOPE_CACHE_DIR ?? cache, ARMSCOPE_KB_HOME: kbHome },
});
for (const dir of [cache, kbHome]) rmSync(dir, { recursive: true, force: true });
process.exit(result.status ?? 1);
