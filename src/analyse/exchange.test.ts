/**
 * Every export format, validated by the tools of its own standard: records as CSV (parsed back with
 * csv-parse), JSON and JSONL; the map as GeoJSON (@placemarkio/check-geojson); a STIX 2.1 bundle, each
 * object against the official JSON schemas in ../shared (Ajv, draft 2020-12) and the vocabularies they
 * define; FollowTheMoney entities against the model of @alephdata/followthemoney.
 *
 * Fixture: `test/exchange.ts` (four short reports of our own in a real SQLite file).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { check as checkGeojson } from '@placemarkio/check-geojson';
import ftm from '@alephdata/followthemoney';
import { SHARED } from '../../test/helpers.js';
import type { Store } from '../store/store.js';
import { exportStore } from '../../test/exchange.js';
import { exportText } from './export.js';
import type { StixBundle } from './stix.js';
import type { FtmEntity } from './ftm.js';

const STIX_DIR = join(SHARED, 'data', 'stix2-json-schemas', 'schemas');

function stixValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats.default(ajv);
  for (const folder of ['common', 'sdos', 'sros', 'observables']) {
    for (const file of readdirSync(join(STIX_DIR, folder))) ajv.addSchema(JSON.parse(readFileSync(join(STIX_DIR, folder, file), 'utf8')));
  }
  const schema = (path: string) => JSON.parse(readFileSync(join(STIX_DIR, path), 'utf8'));
  const vocab = (path: string, name: string) => new Set<string>(schema(path).definitions[name].enum);
  return {
    validate: (path: string, data: unknown) => {
      const fn = ajv.getSchema(schema(path).$id)!;
      return fn(data) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
    },
    vocab,
  };
}

describe('exports', () => {
  let store: Store;
  before(async () => {});

  test('records as CSV, JSON and JSONL: the same rows, CSV safe for spreadsheets', async (t) => {
    store = await exportStore(t);
    const json = JSON.parse(await exportText(store, 'records', { format: 'json' })) as Record<string, unknown>[];
    assert.deepEqual(json.map((r) => [r.supplier, r.recipient, r.system, r.status, r.corroboration, r.first_seen, r.last_seen, r.sources]), [
      ['CN', 'RS', 'FK-3', 'delivered', 2, '2022-01-15', '2022-04-11', ['https://news.test/fk3-contract', 'https://other.test/fk3-delivered']],
      ['IR', 'VE', 'Shahed-136', 'delivered', 1, '2023-05-05', '2023-05-05', ['https://third.test/venezuela']],
      ['IR', 'RU', 'Shahed-136', 'delivered', 1, '2023-03-02', '2023-03-02', ['https://news.test/alabuga']],
    ]);
    const jsonl = (await exportText(store, 'records', { format: 'jsonl' })).trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(jsonl, json);
    const csv = parseCsv(await exportText(store, 'records', { format: 'csv' }), { columns: true }) as Record<string, string>[];
    assert.deepEqual(csv.map((r) => [r.id, r.supplier, r.recipient, r.system, r.status, r.hedged, r.corroboration, r.sources]),
      json.map((r) => [r.id, r.supplier, r.recipient, r.system, r.status, String(r.hedged), String(r.corroboration), (r.sources as string[]).join(';')]));
    const events = parseCsv(await exportText(store, 'events', { format: 'csv' }), { columns: true }) as Record<string, string>[];
    assert.deepEqual(events.map((e) => `${e.kind} ${e.supplier || e.producer || e.destination} ${e.recipient} ${e.status}`), [
      'transfer IR VE delivered', 'production RU  operating', 'transfer IR RU delivered', 'route RU  ', 'transfer CN RS delivered', 'transfer CN RS agreed',
    ]);
    assert.deepEqual(events.map((e) => e.evidence)[0], 'Iran has reportedly delivered Shahed-136 drones to Venezuela.');
    const scoped = JSON.parse(await exportText(store, 'records', { format: 'json', filter: { country: 'RS' } })) as Record<string, unknown>[];
    assert.deepEqual(scoped.map((r) => r.id), [json[0].id]);
  });

  test('the map as GeoJSON: countries at their capitals, the production site, the route', async (t) => {
    store = await exportStore(t);
    const text = await exportText(store, 'geojson');
    // The checker throws unless the text is valid GeoJSON; an export is always a FeatureCollection.
    const collection = checkGeojson(text) as unknown as { features: { id?: string | number; geometry: { type: string } | null; properties: unknown }[] };
    assert.deepEqual(collection.features.map((f: { id?: unknown; geometry: { type: string } | null }) => [f.id, f.geometry?.type ?? null]), [
      ['country:CN', 'Point'], ['country:IR', 'Point'], ['country:RS', 'Point'], ['country:RU', 'Point'], ['country:VE', 'Point'],
      ['place:alabuga-sez', 'Point'], [collection.features[6].id, 'LineString'],
    ]);
    const route = collection.features[6];
    assert.deepEqual((route.properties as { viaIds: string[] }).viaIds, ['place:caspian-sea', 'place:astrakhan']);
  });

  test('a STIX 2.1 bundle: every object valid against the official schemas and vocabularies, ids deterministic', async (t) => {
    store = await exportStore(t);
    const text = await exportText(store, 'stix');
    assert.equal(await exportText(store, 'stix'), text, 'the same store gives the same bundle');
    const bundle = JSON.parse(text) as StixBundle;
    const { validate, vocab } = stixValidator();
    // The bundle itself: its type and id. Its objects are checked each against its own type's schema below:
    // the bundle schema's `oneOf` over every object type finds a valid location matching two of its entries.
    assert.deepEqual([bundle.type, validate('common/identifier.json', bundle.id)], ['bundle', []]);
    assert.match(bundle.id, /^bundle--/);
    const byType: Record<string, string> = { identity: 'sdos/identity.json', location: 'sdos/location.json', relationship: 'sros/relationship.json', report: 'sdos/report.json', note: 'sdos/note.json' };
    for (const o of bundle.objects) assert.deepEqual(validate(byType[o.type], o), [], `${o.id} against ${byType[o.type]}`);
    const classes = vocab('sdos/identity.json', 'identity-class-ov');
    const sectors = vocab('sdos/identity.json', 'industry-sector-ov');
    const reportTypes = vocab('sdos/report.json', 'report-type-ov');
    for (const o of bundle.objects) {
      if (o.type === 'identity') {
        assert.ok(classes.has(o.identity_class as string), `${o.id} identity_class`);
        for (const s of (o.sectors as string[] | undefined) ?? []) assert.ok(sectors.has(s), `${o.id} sector ${s}`);
      }
      if (o.type === 'report') for (const r of o.report_types as string[]) assert.ok(reportTypes.has(r), `${o.id} report type ${r}`);
      // Every reference points at an object of the bundle.
      for (const ref of [o.created_by_ref, o.source_ref, o.target_ref, ...((o.object_refs as string[] | undefined) ?? [])].filter(Boolean)) {
        assert.ok(bundle.objects.some((x) => x.id === ref), `${o.id} refers to ${ref}`);
      }
    }
    assert.deepEqual(bundle.objects.map((o) => o.type).reduce<Record<string, number>>((n, t) => ({ ...n, [t]: (n[t] ?? 0) + 1 }), {}),
      { identity: 6, location: 5, relationship: 8, note: 3, report: 4 });
    const fk3 = bundle.objects.find((o) => o.type === 'relationship' && o.relationship_type === 'supplies-arms-to' && (o.description as string).startsWith('China'))!;
    assert.deepEqual([fk3.description, fk3.start_time, fk3.stop_time, fk3.external_references], [
      'China → Serbia: FK-3 (air-defence), delivered; 2 publisher(s)', '2022-01-15T00:00:00.000Z', '2022-04-11T00:00:00.000Z',
      [
        { source_name: 'news.test', url: 'https://news.test/fk3-contract', external_id: fk3.external_references && (fk3.external_references as { external_id: string }[])[0].external_id, description: 'Serbia signed a contract with China for FK-3 air defence systems.' },
        { source_name: 'other.test', url: 'https://other.test/fk3-delivered', external_id: (fk3.external_references as { external_id: string }[])[1].external_id, description: 'China delivered FK-3 air defence systems to Serbia, the defence ministry said.' },
      ],
    ]);
    assert.match(fk3.id, /^relationship--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a UUIDv5');
  });

  test('FollowTheMoney entities: every schema and property known to the model, every entity reference resolved', async (t) => {
    store = await exportStore(t);
    const entities = (await exportText(store, 'ftm')).trim().split('\n').map((l) => JSON.parse(l) as FtmEntity);
    const model = new ftm.Model(ftm.defaultModel);
    const ids = new Set(entities.map((e) => e.id));
    for (const e of entities) {
      const schema = model.getSchema(e.schema);
      assert.equal(schema.abstract, false, `${e.id}: ${e.schema} is abstract`);
      const entity = model.getEntity(e); // throws on a property the schema does not have
      for (const required of schema.required) assert.ok(entity.getProperty(required).length, `${e.id} lacks ${required}`);
      for (const [name, values] of Object.entries(e.properties)) {
        const prop = schema.getProperty(name);
        for (const v of values) {
          if (prop.type.name === 'entity') {
            assert.ok(ids.has(v), `${e.id}.${name} → ${v} not exported`);
            const target = model.getSchema(entities.find((x) => x.id === v)!.schema);
            // The range is typed private in the package's declarations but is the model's own data.
            const range = (prop as unknown as { range?: ftm.Schema }).range;
            assert.ok(!range || target.isA(range), `${e.id}.${name}: ${target.name} is not a ${range?.name}`);
          }
          if (prop.type.name === 'date') assert.match(v, /^\d{4}(-\d{2}(-\d{2})?)?$/, `${e.id}.${name}`);
          if (prop.type.name === 'country') assert.match(v, /^[a-z]{2}$/, `${e.id}.${name}`);
          if (prop.type.name === 'url') assert.doesNotThrow(() => new URL(v), `${e.id}.${name}`);
        }
      }
    }
    assert.deepEqual(entities.map((e) => `${e.schema} ${e.properties.name?.[0] ?? e.properties.title[0]}`), [
      'PublicBody China', 'PublicBody Iran', 'PublicBody Serbia', 'PublicBody Russia', 'PublicBody Venezuela',
      ...entities.filter((e) => e.schema === 'Article').map((e) => `Article ${e.properties.title[0]}`),
      ...entities.filter((e) => e.schema === 'Event').map((e) => `Event ${e.properties.name[0]}`),
    ]);
    const fk3 = entities.find((e) => e.schema === 'Event' && e.properties.name[0].startsWith('China'))!;
    assert.deepEqual(fk3.properties, {
      name: ['China → Serbia: FK-3 (delivered)'],
      summary: ['FK-3 (air-defence) from China to Serbia, delivered; 2 publisher(s)'],
      involved: ['armscope-country-cn', 'armscope-country-rs'], organizer: ['armscope-country-cn'], country: ['cn', 'rs'],
      keywords: ['delivered', 'air-defence', 'FK-3'],
      notes: ['2022-01-15 agreed, news.test: “Serbia signed a contract with China for FK-3 air defence systems.”', '2022-04-11 delivered, other.test: “China delivered FK-3 air defence systems to Serbia, the defence ministry said.”'],
      proof: fk3.properties.proof, publisher: ['news.test', 'other.test'], recordId: fk3.properties.recordId,
      startDate: ['2022-01-15'], date: ['2022-01-15'], endDate: ['2022-04-11'], sourceUrl: ['https://news.test/fk3-contract', 'https://other.test/fk3-delivered'],
    });
    assert.equal(fk3.properties.proof.length, 2);
  });
});

test('armscope export records|geojson|stix|ftm through the command line, filtered, and an unknown export refused', async (t) => {
  const { spawnSync } = await import('node:child_process');
  const { ROOT } = await import('../../test/helpers.js');
  const store = await exportStore(t);
  const db = store.location;
  const run = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'armscope.mjs'), ...args, '--db', db], { encoding: 'utf8', cwd: ROOT });
  const stix = run(['export', 'stix', '--country', 'rs']);
  assert.equal(stix.status, 0, stix.stderr);
  assert.equal(stix.stdout, await exportText(store, 'stix', { filter: { country: 'RS' } }));
  assert.deepEqual((JSON.parse(stix.stdout) as StixBundle).objects.filter((o) => o.relationship_type === 'supplies-arms-to').length, 1);
  const ftmLines = run(['export', 'ftm', '--supplier', 'IR']).stdout.trim().split('\n').map((l) => JSON.parse(l) as FtmEntity);
  assert.deepEqual(ftmLines.filter((e) => e.schema === 'Event').map((e) => e.properties.name[0]).sort(), ['Iran → Russia: Shahed-136 (delivered)', 'Iran → Venezuela: Shahed-136 (delivered)']);
  assert.deepEqual(ftmLines.filter((e) => e.schema === 'PublicBody').map((e) => e.id), ['armscope-country-ir', 'armscope-country-ru', 'armscope-country-ve']);
  assert.equal(run(['export', 'records', '--format', 'csv', '--recipient', 'VE']).stdout.trim().split('\n').length, 2);
  assert.equal(JSON.parse(run(['export', 'geojson']).stdout).type, 'FeatureCollection');
  const bad = run(['export', 'kml']);
  assert.deepEqual([bad.status, bad.stderr], [1, 'armscope: cannot export "kml" (events, records, geojson, stix, ftm)\n']);
});
