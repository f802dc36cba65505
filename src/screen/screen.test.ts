/**
 * Screening, part by part and whole: HS codes and CHPL tiers, component classes in several languages,
 * country cells, parts files (CSV with English or German headers, a real xlsx written with exceljs), and a
 * whole file screened against the OpenSanctions fixture with every line's level and reasons stated.
 * Parts files are our own (test/fixtures/screen); the list is read from ../shared.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ROOT, SHARED, tempDir } from '../../test/helpers.js';
import { SqliteStore } from '../store/sqlite.js';
import { CatalogError, InputError, ValidationError } from '../errors.js';
import { loadCatalog } from '../kb/catalog.js';
import { ComponentRecogniser } from './components.js';
import { countryCode } from './countries.js';
import { loadChpl, screenData } from './data.js';
import { ChplIndex, parseHs } from './hs.js';
import { loadList } from './lists.js';
import { readParts } from './parts.js';
import { renderCsv, renderHtml } from './report.js';
import { buildIndex, screenParts } from './screen.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'screen');
const ZALA = join(SHARED, 'data', 'opensanctions', 'zala.entities.ftm.json');

test('HS codes with 4, 6, 8 or 10 digits, dots and spaces are normalised; CHPL tiers are found by subheading', () => {
  const chpl = new ChplIndex(loadChpl());
  assert.deepEqual(parseHs('8542.31.00'), { digits: '85423100', subheading: '854231', heading: '8542' });
  assert.deepEqual(parseHs('8526 91 20 00'), { digits: '8526912000', subheading: '852691', heading: '8526' });
  assert.deepEqual(parseHs('8542'), { digits: '8542', subheading: null, heading: '8542' });
  assert.throws(() => parseHs('85423'), (e: Error) => e instanceof ValidationError && e.message === '"85423" is not an HS code: 4, 6, 8 or 10 digits (dots and spaces allowed)');
  assert.deepEqual(chpl.lookup(parseHs('8542.31.00'))?.tier, '1');
  assert.deepEqual(chpl.lookup(parseHs('85176200'))?.tier, '2');
  assert.deepEqual(chpl.lookup(parseHs('8525.89'))?.tier, '3.A');
  assert.deepEqual(chpl.lookup(parseHs('9013.10'))?.tier, '3.B');
  assert.deepEqual(chpl.lookup(parseHs('903082'))?.tier, '4.A');
  assert.deepEqual(chpl.lookup(parseHs('8466.93'))?.tier, '4.B');
  assert.equal(chpl.lookup(parseHs('8413.70')), undefined);
  assert.deepEqual(chpl.underHeading('8482').map((h) => h.code), ['848210', '848220', '848230', '848250']);
  // The list as written from the February 2024 facts: 50 codes in six tiers.
  assert.deepEqual(loadChpl().tiers.map((t) => [t.tier, t.codes.length]), [['1', 4], ['2', 5], ['3.A', 16], ['3.B', 9], ['4.A', 11], ['4.B', 5]]);
});

test('component classes are recognised in many languages, inflected, and short words only whole', () => {
  const r = new ComponentRecogniser(screenData().components);
  const classes = (d: string) => r.recognise(d).map((h) => h.class);
  assert.deepEqual(classes('Digital servo motor 25 kg torque'), ['servo-motor']);
  assert.deepEqual(classes('GPS-приёмник с антенной'), ['gnss-module']);
  assert.deepEqual(classes('Zweitaktmotor 40 cm³ für Modellflugzeuge'), ['piston-engine']);
  assert.deepEqual(classes('Wärmebildkamera 640x512'), ['camera']);
  assert.deepEqual(classes('condensateur céramique multicouche'), ['capacitor']);
  assert.deepEqual(classes('Микроконтроллеры STM32, ПЛИС Xilinx'), ['microcontroller', 'fpga']);
  assert.deepEqual(classes('żyroskop MEMS i akcelerometr'), ['gyro-accelerometer']);
  assert.deepEqual(classes('ataletsel ölçüm birimi'), ['imu']);
  assert.deepEqual(classes('radio modem 900 MHz, data link'), ['rf-transceiver']);
  assert.deepEqual(classes('Garden water pump'), []);
  assert.deepEqual(classes('gpsx cable'), [], 'a short term never matches inside a longer word');
  // Every class in every supported language, and every linked catalog system exists.
  for (const c of screenData().components) assert.equal(Object.keys(c.terms).length, 17, c.id);
  const catalog = loadCatalog();
  for (const [cls, ids] of Object.entries(screenData().systemLinks)) for (const id of ids) assert.ok(catalog.entities.has(`system:${id}`), `${cls}: system:${id}`);
});

test('country cells: codes, names in the supported languages', () => {
  assert.deepEqual(['DE', 'deu', 'Germany', 'Allemagne', 'Германия', 'Türkiye', 'Kirgisistan', 'ОАЭ', 'Armenien', 'Atlantis'].map(countryCode),
    ['DE', 'DE', 'DE', 'DE', 'DE', 'TR', 'KG', 'AE', 'AM', undefined]);
});

test('parts files: headers in German, semicolons; xlsx; missing columns are all named', async (t) => {
  const de = await readParts(readFileSync(join(FIXTURES, 'parts-de.csv')), 'parts-de.csv');
  assert.deepEqual(de.columns, { part_number: 'Artikelnummer', description: 'Beschreibung', hs_code: 'Zolltarifnummer', manufacturer: 'Hersteller', quantity: 'Menge',
    customer: 'Kunde', customer_country: 'Land', ship_to_country: 'Lieferland', end_user: 'Endverwender' });
  assert.deepEqual(de.lines.map((l) => [l.line, l.values.hs_code, l.values.customer]), [[2, '8407 10 00', 'Yerevan Tech Supply'], [3, '8525.89', 'Зала Аэро']]);

  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Bestellungen');
  sheet.addRow(['Référence', 'Désignation', 'Code SH', 'Fabricant', 'Quantité', 'Client', 'Pays', 'Pays de destination', 'Utilisateur final']);
  sheet.addRow(['AX-1', 'Servomoteur numérique', 8501.1, 'Moteurs du Sud', 20, 'Almaty Aero Parts LLP', 'Kazakhstan', 'KZ', 'Almaty Aero Parts LLP']);
  sheet.addRow([]);
  sheet.addRow(['AX-2', { richText: [{ text: 'Récepteur ' }, { text: 'GNSS' }] }, '8526.91', 'Nav SA', 5, 'Client <b>', 'FR', 'FR', 'Client <b>']);
  const file = join(tempDir(t), 'commandes.xlsx');
  await workbook.xlsx.writeFile(file);
  const x = await readParts(readFileSync(file), file);
  assert.equal(x.format, 'xlsx');
  assert.deepEqual(x.lines.map((l) => [l.line, l.values.part_number, l.values.description, l.values.hs_code, l.values.quantity]),
    [[2, 'AX-1', 'Servomoteur numérique', '8501.1', '20'], [4, 'AX-2', 'Récepteur GNSS', '8526.91', '5']]);

  await assert.rejects(readParts(Buffer.from('Part Number,Description,Qty,Customer\nA,b,1,c\n'), 'short.csv'), (e: Error) => e instanceof InputError
    && e.message === 'short.csv: missing columns hs_code, manufacturer, customer_country, ship_to_country, end_user (found: Part Number, Description, Qty, Customer); data/screen/columns.json lists the header names recognised for each');
  await assert.rejects(readParts(Buffer.from('not a workbook'), 'old.xls'), (e: Error) => e instanceof InputError && e.message === 'old.xls: the old binary .xls format is not read: save the sheet as .xlsx or CSV');
});

test('a parts file screened against the fixture list: every line its level and reasons, the run recorded with the list version', async (t) => {
  const store = new SqliteStore(join(tempDir(t), 'store.db'));
  t.after(() => store.close());
  const loaded = await loadList(store, ZALA, { list: 'zala' });
  const { index, versions } = await buildIndex(store);
  const bytes = readFileSync(join(FIXTURES, 'parts-en.csv'));
  const report = await screenParts(store, await readParts(bytes, 'parts-en.csv'), bytes, { index, versions });
  const summary = report.lines.map((l) => [l.line, l.level, l.reasons.map((r) => `${r.level}:${r.kind}:${r.field}`)]);
  assert.deepEqual(summary, [
    [2, 'medium', ['medium:chpl:hs_code', 'low:component:description']],
    [3, 'medium', ['low:component:description', 'low:diversion-country:customer_country', 'low:diversion-country:ship_to_country',
      'low:red-flag:end_user', 'low:red-flag:end_user', 'medium:combination:line']],
    [4, 'high', ['medium:chpl:hs_code', 'low:component:description', 'high:embargoed-country:customer_country', 'low:diversion-country:ship_to_country',
      'high:sanctioned-party:customer', 'high:sanctioned-party:end_user', 'low:red-flag:ship_to_country', 'high:combination:line']],
    [5, 'high', ['medium:chpl:hs_code', 'low:component:description', 'high:embargoed-country:customer_country', 'high:embargoed-country:ship_to_country',
      'high:sanctioned-party:customer', 'high:sanctioned-party:end_user']],
    [6, 'medium', ['low:chpl:hs_code', 'low:diversion-country:customer_country', 'low:diversion-country:ship_to_country', 'medium:combination:line']],
    [7, 'none', []],
  ]);
  const party = report.lines[2].reasons.find((r) => r.kind === 'sanctioned-party')!;
  assert.equal(party.message, 'customer "OOO Aeroskan" matches sanctioned party Limited Liability Company Aeroscan (NK-iE6m5ryPeTAMZozfECVSL7, list '
    + `${loaded.version.version}); score 1: the same words, in any order, once legal forms are set aside; same country (ru); score 1 ≥ threshold 0.72`);
  assert.deepEqual([party.details.normalised, party.details.entity, party.details.list_version], ['aeroskan', 'NK-iE6m5ryPeTAMZozfECVSL7', loaded.version.version]);
  const chpl = report.lines[0].reasons[0];
  assert.deepEqual(chpl.details, { code: '854239', tier: '1', chpl: '2024-02', given: '8542.39.00' });
  const component = report.lines[1].reasons[0];
  assert.deepEqual(component.details.systems, [{ id: 'system:shahed-136', name: 'Shahed-136' }, { id: 'system:shahed-131', name: 'Shahed-131' },
    { id: 'system:orlan-10', name: 'Orlan-10' }, { id: 'system:lancet', name: 'Lancet' }]);
  assert.deepEqual(report.run.levels, { high: 2, medium: 3, low: 0, none: 1 });
  const [run] = await store.listScreenRuns();
  assert.deepEqual(run, report.run);
  assert.deepEqual(run.lists, [{ list: 'zala', version: loaded.version.version, sha256: loaded.version.sha256 }]);
  assert.equal(run.sha256, '3a5304ff7048c7b13e5bae8ac56ab15949fcdb3fea5b33247f99d0c0ee1ca3f8');
  assert.equal(renderCsv(report).split('\n')[0], 'line,level,part_number,description,hs_code,manufacturer,quantity,customer,customer_country,ship_to_country,end_user,reason_kinds,reasons,run,list_versions');
});

test('the HTML report escapes every value from the parts file', async (t) => {
  const store = new SqliteStore(join(tempDir(t), 'store.db'));
  t.after(() => store.close());
  const csv = 'Part Number,Description,HS Code,Manufacturer,Qty,Customer,Customer Country,Ship-to Country,End User\n'
    + '"<img src=x onerror=alert(1)>","<script>alert(2)</script> servo",854231,"A&B ""Ltd""",1,"Evil <b>Corp</b>",DE,DE,\'quoted\'\n';
  const bytes = Buffer.from(csv);
  const { index, versions } = await buildIndex(store);
  const report = await screenParts(store, await readParts(bytes, 'evil<name>.csv'), bytes, { index, versions });
  const html = renderHtml(report);
  assert.ok(!html.includes('<script>') && !html.includes('<img') && !html.includes('<b>Corp'));
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;') && html.includes('&lt;script&gt;alert(2)&lt;/script&gt; servo') && html.includes('A&amp;B &quot;Ltd&quot;')
    && html.includes('Evil &lt;b&gt;Corp&lt;/b&gt;') && html.includes('&#39;quoted&#39;') && html.includes('<title>Screening of evil&lt;name&gt;.csv</title>'));
  assert.deepEqual(report.warnings, ['no sanctions list is loaded: parties were not screened (armscope lists load FILE)']);
});

test('a newer CHPL file replaces the bundled one; a broken one is refused naming the file and field', async (t) => {
  const dir = tempDir(t);
  const newer = join(dir, 'chpl-2099.json');
  writeFileSync(newer, JSON.stringify({ version: '2099-01', title: 'a later list', source: 'test', tiers: [{ tier: '1', label: 'Tier 1: pumps, for the test', codes: ['841370'] }] }));
  const store = new SqliteStore(join(dir, 'store.db'));
  t.after(() => store.close());
  const { index, versions } = await buildIndex(store);
  const bytes = readFileSync(join(FIXTURES, 'parts-en.csv'));
  const report = await screenParts(store, await readParts(bytes, 'parts-en.csv'), bytes, { index, versions, chplFile: newer });
  assert.deepEqual([report.chpl.version, report.run.chpl], ['2099-01', '2099-01']);
  assert.deepEqual(report.lines.map((l) => l.reasons.filter((r) => r.kind === 'chpl').map((r) => r.details.code)), [[], [], [], [], [], []],
    'no bundled code is on the newer list, and the pump is given as a heading only (8413)');
  assert.deepEqual(report.lines[5].reasons.map((r) => [r.kind, r.level, r.details.codes]), [['chpl-heading', 'low', ['841370']]]);
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, JSON.stringify({ version: '2099-02', title: 't', source: 's', tiers: [{ tier: '1', label: 'x', codes: ['8542'] }] }));
  assert.throws(() => loadChpl(broken), (e: Error) => e instanceof CatalogError && e.message === `${broken}: tiers.0.codes.0: a six-digit HS subheading`);
});
