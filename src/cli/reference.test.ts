/**
 * `armscope import sipri` and `armscope reference` end to end through the real CLI and a SQLite file.
 * Fixtures, written inline: an export of five made-up deals in SIPRI's format (one from a former state,
 * one of a designation no catalog knows) and three short reports of our own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROOT, tempDir } from '../../test/helpers.js';

const BIN = join(ROOT, 'bin', 'armscope.mjs');
function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' }, cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const EXPORT = `Made-up export for tests\n\nData generated: 2 March 2027 9:00:00 AM
Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,SIPRI TIV for total order,SIPRI TIV of delivered weapons
Serbia,China,2020,,3,?,HQ-22,surface-to-air missile system,3,?,2022; 2023,New,,55,165,165
Serbia,France,2024,,12,,Rafale F-4,fighter/ground-attack aircraft,0,,,New,,60,720,0
Serbia,Russia,2019,?,50,?,Zyx-9 Mockup,anti-tank missile,50,?,2020,New,,0.04,2,2
Serbia,Soviet Union,1985,?,20,?,Zyx-9 Mockup,anti-tank missile,20,?,1986,New,,0.04,0.8,0.8
Kosovo,Turkiye,2022,,5,,Bayraktar TB-2,armed drone,5,,2023,New,,2.4,12,12
`;

const REPORTS = [
  { url: 'https://news-one.example/fk3', published: '2022-04-10', text: 'China delivered FK-3 air defence systems to Serbia, the defence ministry in Belgrade said.' },
  { url: 'https://news-two.example/rafale', published: '2025-03-02', text: 'France has delivered the first Rafale fighter jets to Serbia, officials said at an air base near Belgrade.' },
  { url: 'https://news-one.example/su35', published: '2024-05-20', text: 'Russia delivered Su-35 fighter jets to Serbia, a Russian newspaper reported on Monday.' },
];

test('import sipri lists what it could not map; reference compares in table, CSV and JSON', (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'x.db');
  const csv = join(dir, 'export.csv');
  writeFileSync(csv, EXPORT);
  writeFileSync(join(dir, 'reports.jsonl'), REPORTS.map((r) => JSON.stringify({ ...r, language: 'en', title: r.text.slice(0, 30) })).join('\n'));

  const none = cli(['reference', '--db', db]);
  assert.deepEqual([none.code, none.stderr], [1, `armscope: no SIPRI trade register imported in ${db}: run armscope import sipri FILE first\n`]);

  const imported = cli(['import', 'sipri', csv, '--db', db, '--top', '1']);
  assert.equal(imported.code, 0, imported.stderr);
  assert.deepEqual(imported.stdout.split('\n').filter((l) => !l.startsWith('  read ')), [
    `imported 5 deals from ${csv} (generated 2027-03-02)`,
    '  both parties with an ISO code: 4 (80.0 %)',
    '  designation found in the catalog: 3 (60.0 %); generic goods such as "aircraft engine": 0',
    'unmapped countries and parties: 1 names in 1 party mentions:',
    '       1  Soviet Union (former-state)',
    'unmapped designations: 1 designations in 2 deals:',
    '       2  Zyx-9 Mockup',
    '',
  ]);
  assert.equal(cli(['ingest', join(dir, 'reports.jsonl'), '--db', db, '-q']).code, 0);

  const table = cli(['reference', '--db', db, '--only', 'status-differs']);
  assert.equal(table.code, 0, table.stderr);
  assert.deepEqual(table.stdout.split('\n').map((l) => l.replace(/ +/g, ' ')), [
    'status-differs FR>RS Rafale delivered Rafale F-4 2024 0/12 ordered (line 6)',
    '1 matched, 1 status differs, 1 reported, not in the reference; 3 reference deals without reporting (--only reference-only lists them)',
    '',
  ]);

  const out = cli(['reference', '--db', db, '--format', 'csv']);
  assert.equal(out.code, 0, out.stderr);
  const rows = parse(out.stdout, { columns: true }) as Record<string, string>[];
  assert.deepEqual(rows.map((r) => [r.class, r.supplier, r.recipient, r.goods, r.news_status, r.goods_match, r.line, r.designation, r.number_delivered, r.number_ordered, r.reference_status]), [
    ['matched', 'CN', 'RS', 'FK-3', 'delivered', 'variant', '5', 'HQ-22', '3?', '3?', 'delivered'],
    ['status-differs', 'FR', 'RS', 'Rafale', 'delivered', 'variant', '6', 'Rafale F-4', '0', '12', 'ordered'],
    ['reported-not-in-reference', 'RU', 'RS', 'Su-35', 'delivered', '', '', '', '', '', ''],
  ]);

  const only = JSON.parse(cli(['reference', '--db', db, '--only', 'reference-only', '--recipient', 'rs', '--format', 'json']).stdout);
  assert.deepEqual(only.counts, { matched: 1, 'status-differs': 1, 'reported-not-in-reference': 1, 'reference-only': 2 });
  assert.deepEqual(only.rows.map((r: Record<string, unknown>) => `${r.supplier}>${r.recipient} ${r.designation} ${r.order_year}`),
    ['RU>RS Zyx-9 Mockup 2019', 'Soviet Union>RS Zyx-9 Mockup 1985']);

  const bad = cli(['reference', '--db', db, '--only', 'new']);
  assert.deepEqual([bad.code, bad.stderr],
    [1, 'armscope: --only: unknown class "new" (matched, status-differs, reported-not-in-reference, reference-only)\n']);
});

test('a malformed export is refused by file and line, and the store keeps the earlier import; an older export is imported with a note', (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'x.db');
  const good = join(dir, 'good.csv');
  const broken = join(dir, 'broken.csv');
  writeFileSync(good, EXPORT);
  writeFileSync(broken, EXPORT.replace('Kosovo,Turkiye,2022,,5,', 'Kosovo,Turkiye,2022,,five,'));
  assert.equal(cli(['import', 'sipri', good, '--db', db]).code, 0);
  const r = cli(['import', 'sipri', broken, '--db', db]);
  assert.deepEqual([r.code, r.stderr], [1, `armscope: ${broken}:9: column "number ordered": "five" is not a whole number\n`]);
  const kept = JSON.parse(cli(['reference', '--db', db, '--only', 'reference-only', '--format', 'json']).stdout);
  assert.equal(kept.counts['reference-only'], 5);
  const older = join(dir, 'older.csv');
  writeFileSync(older, EXPORT.replace('2 March 2027', '1 March 2026'));
  assert.deepEqual(cli(['import', 'sipri', older, '--db', db]).stdout.split('\n').slice(0, 2), [
    `imported 5 deals from ${older} (generated 2026-03-01), replacing the import of ${good} (generated 2027-03-02)`,
    '  note: this export is older than the one it replaced (2026-03-01 < 2027-03-02)',
  ]);
  const wrong = cli(['import', 'nisat', good, '--db', db]);
  assert.deepEqual([wrong.code, wrong.stderr], [1, 'armscope: cannot import "nisat"; try: armscope import sipri FILE\n']);
});
