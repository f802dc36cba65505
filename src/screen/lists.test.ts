/**
 * Loading sanctions lists into the store, on both backends: the real OpenSanctions fixture (read from
 * ../shared, never copied) and a targets.simple.csv of invented parties (test/fixtures/screen). Parties are
 * then found through the match index by Cyrillic, Latin and partial names; a reload replaces a list whole,
 * and a file that breaks part-way leaves the earlier version in place.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STORE_BACKENDS } from '../../test/stores.js';
import { ROOT, SHARED, tempDir } from '../../test/helpers.js';
import { InputError } from '../errors.js';
import { loadList } from './lists.js';
import { matchQuery } from './match.js';
import { buildIndex } from './screen.js';

const ZALA = join(SHARED, 'data', 'opensanctions', 'zala.entities.ftm.json');
const TARGETS = join(ROOT, 'test', 'fixtures', 'screen', 'targets.simple.csv');

const top = (index: Awaited<ReturnType<typeof buildIndex>>['index'], name: string, schema = 'LegalEntity') =>
  matchQuery(index, { schema, properties: { name: [name] } }).results.filter((r) => r.match).map((r) => [r.id, r.score]);

for (const backend of STORE_BACKENDS) {
  describe(`sanctions lists: ${backend.name}`, { skip: backend.skip }, () => {
    test('the OpenSanctions fixture loads: 17 parties kept, 74 other rows skipped, found by Cyrillic, Latin and partial names', async (t) => {
      const store = await backend.open(t);
      const s = await loadList(store, ZALA, { list: 'zala' });
      assert.deepEqual([s.list, s.version.entities, s.skipped, s.nameless, s.version.format, s.version.sha256.length, s.previous], ['zala', 17, 74, 0, 'ftm', 64, undefined]);
      assert.match(s.version.version, /^zala@\d{8}T\d{9}Z-[0-9a-f]{12}$/);
      assert.deepEqual(await store.listScreenLists(), [s.version]);
      const { index, versions } = await buildIndex(store);
      assert.deepEqual([index.size, versions.map((v) => v.version)], [17, [s.version.version]]);
      assert.deepEqual(top(index, 'Концерн Калашников'), [['NK-nR5AXM9AVPq4pQaSPSaVam', 1]]);
      assert.deepEqual(top(index, 'Kalashnikow Concern JSC'), [['NK-nR5AXM9AVPq4pQaSPSaVam', 1]]);
      assert.deepEqual(top(index, 'Izhmash'), [['NK-nR5AXM9AVPq4pQaSPSaVam', 1]]);
      assert.deepEqual(top(index, 'ООО Аэроскан'), [['NK-iE6m5ryPeTAMZozfECVSL7', 1]]);
      // LLC CST is also known as "ZALA AERO GROUP – Bespilotniye Sistemy": it follows, below the exact name.
      assert.deepEqual(top(index, 'Bespilotnye Sistemy'), [['NK-cWSvGMvufNH5KwEV88FwTA', 1], ['NK-abdzbEBkqyT29GyREbiURZ', 0.759]]);
      assert.deepEqual(top(index, 'Захаров Никита', 'Person'), [['NK-JseaPJctnK9o8wrmz8xmoT', 1]]);
      assert.deepEqual(top(index, 'Aleksandr Zakharov', 'Person'), [['NK-aU5ybkbRFJucf8YMwsJvDw', 1]]);
      assert.deepEqual(top(index, 'Konstantin Abashkin', 'Person'), [['NK-mCEmxFfuhfdjpC8gsxH74o', 1]]);
      // Partial: the trading name alone, and the Latin one of two names a company is known by.
      assert.deepEqual(top(index, 'Zala Aero'), [['NK-abdzbEBkqyT29GyREbiURZ', 1], ['NK-cPks3aTbes8k4aCerfBAzN', 1]]);
      assert.deepEqual(top(index, 'TransKomplektHolding'), [['NK-DSxJ9ZzHxBBMyEMnnTBhai', 1]]);
      // A person's name is not matched against companies, and an unrelated name finds nothing.
      assert.deepEqual(top(index, 'Zala Aero', 'Person'), []);
      assert.deepEqual(top(index, 'Baltic Instruments GmbH'), []);
      const kalashnikov = index.entities.find((e) => e.id === 'NK-nR5AXM9AVPq4pQaSPSaVam')!;
      assert.deepEqual([kalashnikov.schema, kalashnikov.target, kalashnikov.countries, kalashnikov.list], ['Company', true, ['ru'], 'zala']);
    });

    test('targets.simple.csv loads its parties (vessels included, addresses skipped) and a reload replaces the list', async (t) => {
      const store = await backend.open(t);
      const first = await loadList(store, TARGETS, { list: 'fixture' });
      assert.deepEqual([first.version.entities, first.skipped, first.version.format], [4, 1, 'simple-csv']);
      let { index } = await buildIndex(store);
      assert.deepEqual(top(index, 'Орбитал Компонент ООО', 'Company'), [['fx-orbital', 1]]);
      assert.deepEqual(top(index, 'Volkov Dmitry', 'Person'), [['fx-volkov', 1]]);
      const dir = tempDir(t);
      const smaller = join(dir, 'targets.simple.csv');
      writeFileSync(smaller, 'id,schema,name,aliases,countries\nfx-new,Company,Ladoga Trade LLC,ООО «Ладога Трейд»,ru\n');
      const second = await loadList(store, smaller, { list: 'fixture' });
      assert.deepEqual([second.previous?.version, second.version.entities], [first.version.version, 1]);
      ({ index } = await buildIndex(store));
      assert.deepEqual([index.size, top(index, 'Orbital Component', 'Company'), top(index, 'Ladoga Treyd', 'Company')], [1, [], [['fx-new', 0.948]]]);
    });

    test('a file that breaks part-way leaves the earlier version whole, and the error names the line', async (t) => {
      const store = await backend.open(t);
      const before = await loadList(store, TARGETS, { list: 'fixture' });
      const dir = tempDir(t);
      const broken = join(dir, 'broken.ftm.json');
      const good = (id: string, name: string) => JSON.stringify({ id, schema: 'Company', caption: name, properties: { name: [name] }, target: true });
      // More than one insert batch before the bad line, so rows were written when the load fails.
      writeFileSync(broken, [...Array.from({ length: 1200 }, (_, i) => good(`b-${i}`, `Company Number ${i}`)), '{"id": "b-x", "schema": "Company", "prop', ''].join('\n'));
      await assert.rejects(loadList(store, broken, { list: 'fixture' }), (e: Error) => e instanceof InputError && e.message.startsWith(`${broken}:1201: not a JSON entity (Unterminated string in JSON`));
      assert.deepEqual(await store.listScreenLists(), [before.version]);
      const { index } = await buildIndex(store);
      assert.equal(index.size, 4);
      const dup = join(dir, 'dup.ftm.json');
      writeFileSync(dup, `${good('d-1', 'Alpha')}\n${good('d-1', 'Beta')}\n`);
      await assert.rejects(loadList(store, dup, { list: 'fixture' }), (e: Error) => e instanceof InputError && e.message === `${dup}: the id d-1 occurs twice`);
      // The same across insert batches: the second b-3 comes 600 rows after the first.
      const far = join(dir, 'far.ftm.json');
      writeFileSync(far, [...Array.from({ length: 600 }, (_, i) => good(`b-${i}`, `Company Number ${i}`)), good('b-3', 'Again'), ''].join('\n'));
      await assert.rejects(loadList(store, far, { list: 'fixture' }), (e: Error) => e instanceof InputError && e.message === `${far}: the id b-3 occurs twice`);
      assert.deepEqual(await store.listScreenLists(), [before.version]);
    });
  });
}
