/**
 * The match index kept on disk: written once per set of list versions, read back whole, refused quietly when
 * missing or unreadable. The list is the OpenSanctions fixture (read from ../shared); the cache folder is a
 * temporary one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED, tempDir } from '../../test/helpers.js';
import { SqliteStore } from '../store/sqlite.js';
import { indexKey, readIndex, writeIndex } from './index-file.js';
import { loadList } from './lists.js';
import { matchQuery } from './match.js';
import { buildIndex } from './screen.js';

const ZALA = join(SHARED, 'data', 'opensanctions', 'zala.entities.ftm.json');

test('an index read back from the cache answers as the one built; a reload gives a new key; a broken file is rebuilt', async (t) => {
  const dir = tempDir(t);
  const cache = join(dir, 'cache');
  const saved = process.env.ARMSCOPE_CACHE_DIR;
  process.env.ARMSCOPE_CACHE_DIR = cache;
  t.after(() => { if (saved === undefined) delete process.env.ARMSCOPE_CACHE_DIR; else process.env.ARMSCOPE_CACHE_DIR = saved; });
  const store = new SqliteStore(join(dir, 'store.db'));
  t.after(() => store.close());
  const first = await loadList(store, ZALA, { list: 'zala' });
  const built = await buildIndex(store);
  const key = indexKey([first.version]);
  assert.deepEqual(readdirSync(cache), [`screen-index-${key}.bin`]);
  const read = readIndex(key, cache)!;
  const ask = (index: typeof read) => matchQuery(index, { schema: 'LegalEntity', properties: { name: ['Kalashnikow Concern', 'Захаров Никита', 'Zala Aero'] } }, { limit: 10 });
  assert.deepEqual(ask(read), ask(built.index));
  assert.deepEqual([read.size, read.names, read.frequency('zaharov')], [built.index.size, built.index.names, built.index.frequency('zaharov')]);
  assert.equal((await buildIndex(store)).index.size, 17);

  const second = await loadList(store, ZALA, { list: 'zala' });
  assert.notEqual(indexKey([second.version]), key);
  await buildIndex(store);
  assert.deepEqual(readdirSync(cache).sort(), [`screen-index-${indexKey([second.version])}.bin`, `screen-index-${key}.bin`].sort());

  writeFileSync(join(cache, `screen-index-${indexKey([second.version])}.bin`), 'not an index');
  assert.equal(readIndex(indexKey([second.version]), cache), undefined);
  assert.equal((await buildIndex(store)).index.size, 17, 'rebuilt from the store');
  writeIndex('unused', built.index, undefined);
});
