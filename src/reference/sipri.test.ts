/**
 * The SIPRI parser and mapping, stated exactly. Fixture strategy: the real trade-register export is read
 * from ../shared/data (never copied here), and its facts below were checked against the file's own lines;
 * malformed files are written inline, a few made-up lines each, so every test shows what it feeds in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED, tempDir } from '../../test/helpers.js';
import { InputError } from '../errors.js';
import { defaultKnowledgeBase } from '../extract/index.js';
import { decodeSipri, parseSipri, readSipri, type SipriRow } from './sipri.js';
import { dealStatus, emptyTally, rowId, SipriMapper } from './sipri-map.js';

const SIPRI_CSV = join(SHARED, 'data', 'sipri-trade-register-2026-05-18.csv');

const file = readSipri(SIPRI_CSV);
const at = (line: number) => file.rows.find((r) => r.line === line)!;

test('the real export: 29,916 deals after 11 preamble lines and the header, generated 18 May 2026', () => {
  assert.equal(file.rows.length, 29_916);
  assert.equal(file.rows[0].line, 13);
  assert.equal(file.rows[file.rows.length - 1].line, 29_928);
  assert.equal(file.generated, '2026-05-18');
  assert.equal(file.sha256, '42230eb8758d2b4f9041af8a74ee6f3c93e4b5da01b5503e349055ddecfa3314');
});

test('a deal with every column: Russia to Afghanistan, 6 Mi-17 ordered 2010 (year and number uncertain)', () => {
  assert.deepEqual(at(13), {
    line: 13, recipient: 'Afghanistan', supplier: 'Russia', orderYear: 2010, orderYearUncertain: true, numberOrdered: 6, numberOrderedUncertain: true,
    designation: 'Mi-17', description: 'transport helicopter', numberDelivered: 6, numberDeliveredUncertain: false, deliveryYears: [2011],
    suppliedAs: 'second-hand',
    comments: 'Probably second-hand; Mi-17V1 version; bought via and financed by USA; incl for training of Afghan crews and US instructors in USA',
    tivUnit: 2.9, tivTotal: 17.4, tivDelivered: 17.4,
  } satisfies SipriRow);
});

test('an order with nothing delivered yet: 12 Rafale F-4 for Serbia, ordered 2024', () => {
  const r = at(21_927);
  assert.deepEqual([r.supplier, r.recipient, r.designation, r.description, r.orderYear, r.numberOrdered, r.numberDelivered, r.deliveryYears, r.suppliedAs],
    ['France', 'Serbia', 'Rafale F-4', 'fighter/ground-attack aircraft', 2024, 12, 0, [], 'new']);
  assert.deepEqual([r.tivUnit, r.tivTotal, r.tivDelivered], [60, 720, 0]);
  assert.equal(r.comments, 'EUR2.7 b deal; incl 3 Rafale-B trainer/combat version; delivery planned 2028-2030');
  assert.equal(dealStatus(r), 'ordered');
});

test('Windows-1252 text is decoded: Wärtsilä, Santa Fé', () => {
  assert.equal(at(303).comments, 'Wärtsilä 12V32 (8000hp) diesel engine for 1 BDSL amphibious assault ship from Italy');
  assert.equal(at(976).comments, 'Second-hand; Argentine designation Santa Fé');
  assert.equal(decodeSipri(Buffer.from('Türkiye', 'utf8')), 'Türkiye', 'a UTF-8 file stays UTF-8');
  assert.equal(decodeSipri(Buffer.from([0x54, 0xfc, 0x72])), 'Tür');
});

test('totals over the file: uncertainty flags, supply, deal status, TIV', () => {
  const count = (f: (r: SipriRow) => boolean) => file.rows.filter(f).length;
  assert.deepEqual([count((r) => r.orderYearUncertain), count((r) => r.numberOrderedUncertain), count((r) => r.numberDeliveredUncertain)], [15_736, 12_438, 16_680]);
  assert.deepEqual([count((r) => r.suppliedAs === 'new'), count((r) => r.suppliedAs === 'second-hand'), count((r) => r.suppliedAs === 'second-hand-modernised')],
    [22_276, 7_121, 519]);
  assert.deepEqual([count((r) => dealStatus(r) === 'delivered'), count((r) => dealStatus(r) === 'delivering'), count((r) => dealStatus(r) === 'ordered')],
    [28_060, 636, 1_220]);
  assert.equal(count((r) => r.numberOrdered === null), 318);
  const sum = (f: (r: SipriRow) => number | null) => Math.round(file.rows.reduce((a, r) => a + (f(r) ?? 0), 0) * 100) / 100;
  assert.deepEqual([sum((r) => r.tivTotal), sum((r) => r.tivDelivered)], [2_323_430.83, 2_133_347.71]);
});

test('ids come from content: stable across lines, distinct for the 9 rows the register repeats word for word', () => {
  const ids = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const r of file.rows) {
    const base = rowId(r, 0);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.set(rowId(r, n), r.line);
  }
  assert.equal(ids.size, 29_916);
  assert.equal([...seen.values()].filter((n) => n > 1).length, 9);
  assert.equal(rowId({ ...at(13), line: 99 }, 0), rowId(at(13), 0), 'the line is not part of the id');
});

const kb = defaultKnowledgeBase();
const mapper = new SipriMapper(kb);

test("SIPRI's country names map to ISO codes through the catalog; the rest says what it is", () => {
  const party = (n: string) => { const p = mapper.party(n); return `${p.code ?? '-'} ${p.kind}`; };
  assert.deepEqual(['Turkiye', 'Viet Nam', "Cote d'Ivoire", 'Bosnia-Herzegovina', 'DR Congo', 'Congo', 'Saint Vincent', 'eSwatini', 'Kosovo', 'United States'].map(party),
    ['TR state', 'VN state', 'CI state', 'BA state', 'CD state', 'CG state', 'VC state', 'SZ state', 'XK state', 'US state']);
  assert.deepEqual(['Soviet Union', 'East Germany (GDR)', 'Hezbollah (Lebanon)*', 'NATO**', 'unknown supplier(s)', 'Northern Cyprus'].map(party),
    ['- former-state', '- former-state', '- non-state', '- organisation', '- unknown', '- unresolved']);
});

test('designations map to catalog systems of a fitting category; homonyms of another kind do not', () => {
  const system = (d: string, description: string) => mapper.system(d, mapper.category(description)).systemId;
  assert.deepEqual([
    system('Su-35', 'fighter aircraft'), system('HQ-9', 'surface-to-air missile system'), system('TB-2', 'armed drone'),
    system('Bayraktar TB-2', 'armed drone'), system('MiG-21MF', 'fighter aircraft'), system('Mi-17', 'transport helicopter'), system('HQ-22', 'surface-to-air missile system'),
  ], ['system:su-35', 'system:hq-9', 'system:bayraktar-tb2', 'system:bayraktar-tb2', 'system:mig-21', 'system:mi-17', 'system:hq-22']);
  // The catalog's T-34 is a trainer aircraft and its CH-47 a helicopter: SIPRI's T-34-85 tank and C-47 transport are neither.
  assert.deepEqual([system('T-34-85', 'tank'), system('C-47 Skytrain', 'transport aircraft')], [null, null]);
  assert.deepEqual(mapper.system('aircraft engine', 'components'), { systemId: null, generic: true });
});

test('weapon descriptions map to categories by their most specific phrase', () => {
  const cases: [string, string][] = [['anti-submarine helicopter', 'helicopter'], ['armoured engineer vehicle', 'armoured-vehicle'], ['tank turret', 'components'],
    ['tanker', 'ship'], ['torpedo boat', 'ship'], ['anti-ship torpedo', 'ammunition'], ['tank destroyer', 'armoured-vehicle'], ['anti-radar missile', 'missile'],
    ['self-propelled anti-aircraft gun', 'air-defence'], ['naval gun', 'artillery'], ['loitering munition', 'uav'], ['maritime patrol aircraft radar', 'radar'],
    ['(armed) trainer aircraft', 'trainer-aircraft'], ['trainer/combat aircraft', 'combat-aircraft'], ['tanker/transport aircraft', 'transport-aircraft']];
  assert.deepEqual(cases.map(([d]) => [d, mapper.category(d)]), cases);
  const unmatched = new Set(file.rows.map((r) => r.description).filter((d) => mapper.category(d) === 'other'));
  assert.deepEqual([...unmatched], [], 'every description in the file has a category');
});

test('mapping the whole file: parties with codes, and the unmapped parties by rows', () => {
  const tally = emptyTally();
  let both = 0;
  for (const r of file.rows) {
    const rec = mapper.record(r);
    if (rec.supplier && rec.recipient) both++;
    mapper.count(tally, r);
  }
  assert.equal(both, 25_497);
  assert.equal(tally.parties.size, 74);
  assert.deepEqual([...tally.parties].sort((a, b) => b[1].rows - a[1].rows).slice(0, 4),
    [['Soviet Union', { kind: 'former-state', rows: 3_411 }], ['unknown supplier(s)', { kind: 'unknown', rows: 285 }],
      ['Czechoslovakia', { kind: 'former-state', rows: 259 }], ['East Germany (GDR)', { kind: 'former-state', rows: 217 }]]);
});

const HEAD = `Transfers of major conventional arms (a made-up export for tests)\n\nData generated: 2 March 2027 9:00:00 AM
Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons\n`;
const GOOD = 'Serbia,China,2020,,3,?,HQ-22,surface-to-air missile system,3,?,2022; 2023,New,,55,165,165\n';

test('a small export parses, with its generation date', () => {
  const parsed = parseSipri(HEAD + GOOD, 'small.csv');
  assert.deepEqual([parsed.generated, parsed.rows.length, parsed.rows[0].line, parsed.rows[0].deliveryYears], ['2027-03-02', 1, 5, [2022, 2023]]);
});

test('malformed files: errors name the file, the line, the column and the value', (t) => {
  const fails = (text: string, message: string) => assert.throws(() => parseSipri(text, 'bad.csv'), (e: Error) => e instanceof InputError && e.message === message);
  fails(HEAD + GOOD + 'Serbia,China,19x8,,3,,HQ-22,surface-to-air missile system,3,,2022,New,,55,165,165\n', 'bad.csv:6: column "year of order": "19x8" is not a year');
  fails(HEAD + 'Serbia,China,2020,!,3,,HQ-22,surface-to-air missile system,3,,2022,New,,55,165,165\n', `bad.csv:5: column "year of order ?": "!" is not '?' or empty`);
  fails(HEAD + 'Serbia,China,2020,,3,,HQ-22,surface-to-air missile system,3,,2022 and 2023,New,,55,165,165\n', 'bad.csv:5: column "year(s) of delivery": "2022 and 2023" is not a list of years such as "2011; 2012"');
  fails(HEAD + 'Serbia,China,2020,,3,,HQ-22,surface-to-air missile system,3,,2022,Leased,,55,165,165\n', 'bad.csv:5: column "status": "Leased" is not New, Second hand or Second hand but modernized');
  fails(HEAD + 'Serbia,China,2020,,3,,HQ-22,surface-to-air missile system,3,,2022,New,,55,165\n', 'bad.csv:5: 15 columns, expected 16');
  fails(HEAD + ',China,2020,,3,,HQ-22,surface-to-air missile system,3,,2022,New,,55,165,165\n', 'bad.csv:5: column "recipient": "" is not given (the cell is empty)');
  fails(HEAD + 'Serbia,China,2020,,3,,"HQ-22,surface-to-air missile system,3,,2022,New,,55,165,165\n', 'bad.csv:5: Quote Not Closed: the parsing is finished with an opening quote at line 5');
  fails(HEAD.replace('Weapon designation', 'Weapon'), 'bad.csv:4: unexpected header: column 7 is "weapon", expected "weapon designation"');
  fails('name,value\na,1\n', 'bad.csv: no header row "Recipient,Supplier,..." in the first 200 lines: not a SIPRI trade-register export');
  const missing = join(tempDir(t), 'missing.csv');
  assert.throws(() => readSipri(missing), { message: `${missing}: cannot read: ENOENT` });
  const latin = join(tempDir(t), 'latin.csv');
  writeFileSync(latin, Buffer.concat([Buffer.from(HEAD), Buffer.from('Algeria,Finland,2011,,2,,ship engine,ship engine,2,,2014,New,W\xe4rtsil\xe4 diesel,2.5,5,5\n', 'latin1')]));
  assert.equal(readSipri(latin).rows[0].comments, 'Wärtsilä diesel');
});
