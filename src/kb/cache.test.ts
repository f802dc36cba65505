/**
 * The compiled-catalog cache: a second load reads what the first compiled, recognises exactly the same, and
 * a changed, damaged or disabled cache never changes what is recognised.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../test/helpers.js';
import { KnowledgeBase } from './recognise.js';

const TEXT = 'Iran delivered Shahed-136 drones to Russia; Serbia took FK-3 batteries from China, Vučić said in Beograd.';
const read = (kb: KnowledgeBase, text = TEXT) => kb.recognise(text, { language: 'en' }).map((m) => `${m.entity}@${m.start}`);

function withCacheDir<T>(dir: string, f: () => T): T {
  const before = process.env.ARMSCOPE_CACHE_DIR;
  process.env.ARMSCOPE_CACHE_DIR = dir;
  try { return f(); } finally {
    if (before === undefined) delete process.env.ARMSCOPE_CACHE_DIR; else process.env.ARMSCOPE_CACHE_DIR = before;
  }
}

test('a second load comes from the cache and recognises the same', (t) => {
  const dir = tempDir(t);
  const compiled = withCacheDir(dir, () => KnowledgeBase.load({ extraDirs: [] }));
  const files = readdirSync(dir);
  assert.equal(files.length, 1);
  assert.match(files[0], /^catalog-[0-9a-f]{24}\.bin$/);
  const cached = withCacheDir(dir, () => KnowledgeBase.load({ extraDirs: [] }));
  assert.deepEqual(read(cached), read(compiled));
  assert.deepEqual(read(cached), [
    'country:IR@0', 'system:shahed-136@15', 'category:uav@26', 'country:RU@36', 'country:RS@44',
    'system:fk-3@56', 'country:CN@76', 'person:aleksandar-vucic@83', 'place:belgrade@97',
  ]);
  assert.equal(cached.catalog.entities.size, compiled.catalog.entities.size);
  assert.equal(cached.matcher.size, compiled.matcher.size);
  // The alias list (for kb search) is read from the cache on first use, whole.
  assert.equal(cached.catalog.aliases.length, compiled.catalog.aliases.length);
  assert.deepEqual(cached.catalog.aliases.filter((a) => a.entity === 'system:shahed-136'), compiled.catalog.aliases.filter((a) => a.entity === 'system:shahed-136'));
});

test('a changed catalog file is compiled afresh; the three most recent compilations are kept', (t) => {
  const dir = tempDir(t);
  const extra = join(tempDir(t), 'mine');
  mkdirSync(extra);
  const entry = (alias: string) => JSON.stringify({ systems: [{ id: 'test-mk1', designation: 'Zorvak Mk1', aliases: [alias], category: 'uav', origin: 'RS', manufacturer: null }] });
  writeFileSync(join(extra, 'systems.json'), entry('Zorvak'));
  const first = withCacheDir(dir, () => KnowledgeBase.load({ extraDirs: [extra] }));
  assert.deepEqual(read(first, 'Belgrade showed the Zorvak and the Kestrel.'), ['place:belgrade@0', 'system:test-mk1@20']);
  writeFileSync(join(extra, 'systems.json'), entry('Kestrel'));
  const second = withCacheDir(dir, () => KnowledgeBase.load({ extraDirs: [extra] }));
  assert.deepEqual(read(second, 'Belgrade showed the Zorvak and the Kestrel.'), ['place:belgrade@0', 'system:test-mk1@35']);
  assert.equal(readdirSync(dir).length, 2);
  for (const alias of ['Osprey', 'Heron']) {
    writeFileSync(join(extra, 'systems.json'), entry(alias));
    withCacheDir(dir, () => KnowledgeBase.load({ extraDirs: [extra] }));
  }
  assert.equal(readdirSync(dir).filter((n) => n.endsWith('.bin')).length, 3);
});

test('a damaged cache file is ignored and rewritten', (t) => {
  const dir = tempDir(t);
  withCacheDir(dir, () => KnowledgeBase.load({ extraDirs: [] }));
  const [file] = readdirSync(dir);
  writeFileSync(join(dir, file), Buffer.from('not a compiled catalog'));
  const kb = withCacheDir(dir, () => KnowledgeBase.load({ extraDirs: [] }));
  assert.equal(read(kb)[0], 'country:IR@0');
  const again = withCacheDir(dir, () => KnowledgeBase.load({ extraDirs: [] }));
  assert.deepEqual(read(again), read(kb));
});

test('ARMSCOPE_CACHE_DIR=off keeps nothing', (t) => {
  const dir = tempDir(t);
  const kb = withCacheDir('off', () => KnowledgeBase.load({ extraDirs: [] }));
  assert.equal(read(kb)[0], 'country:IR@0');
  assert.deepEqual(readdirSync(dir), []);
});

test('a truncated cache file, or a cache path that is not a folder, costs speed only', (t) => {
  const dir = tempDir(t);
  const compiled = withCacheDir(dir, () => KnowledgeBase.load({ extraDirs: [] }));
  const [file] = readdirSync(dir);
  const whole = readFileSync(join(dir, file));
  writeFileSync(join(dir, file), whole.subarray(0, whole.length >> 1)); // a disk filled mid-write
  const afterTruncation = withCacheDir(dir, () => KnowledgeBase.load({ extraDirs: [] }));
  assert.deepEqual(read(afterTruncation), read(compiled));
  assert.equal(readFileSync(join(dir, file)).length, whole.length); // rewritten whole
  const notAFolder = join(tempDir(t), 'plain-file');
  writeFileSync(notAFolder, 'x');
  const kb = withCacheDir(notAFolder, () => KnowledgeBase.load({ extraDirs: [] }));
  assert.deepEqual(read(kb), read(compiled));
  assert.equal(readFileSync(notAFolder, 'utf8'), 'x');
});
