/**
 * The analyst-facing commands end to end through the real CLI and a real SQLite file: export formats,
 * explain, transfers, kb search and kb add (with a user's bad entries).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SEEDS, tempDir } from '../../test/helpers.js';

const BIN = join(ROOT, 'bin', 'armscope.mjs');
function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true', ...env }, cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('export events as jsonl, json and csv, in the evaluation format', (t) => {
  const db = join(tempDir(t), 'x.db');
  assert.equal(cli(['ingest', SEEDS, '--db', db, '-q']).code, 0);
  const lines = cli(['export', 'events', '--db', db]).stdout.trim().split('\n').map((l) => JSON.parse(l));
  const su35 = lines.find((e) => e.kind === 'transfer' && e.supplier === 'RU' && e.recipient === 'EG');
  assert.deepEqual([su35.system, su35.category, su35.status, su35.hedged], ['Su-35', 'combat-aircraft', 'cancelled', true]);
  assert.ok(su35.document.endsWith('000_d265c25fb716deda.txt'));
  assert.match(su35.evidence, /^According to some sources, Cairo’s cancellation of the procurement/);
  // 35: "Chinese drones" beside CH-92A and "Iranian drones" beside Shahed-136 restate them (src/resolve/goods.ts).
  assert.equal(lines.filter((e) => e.kind === 'transfer').length, 34);
  // Scenario transfers stay out unless asked for; production and cooperation carry "hypothetical" as a status.
  assert.equal(lines.some((e) => e.kind === 'transfer' && e.hypothetical), false);
  assert.deepEqual(lines.filter((e) => e.hypothetical).map((e) => [e.kind, e.status]), [['production', 'hypothetical'], ['cooperation', 'hypothetical']]);
  const withScenarios = cli(['export', 'events', '--db', db, '--include-hypothetical', '--kind', 'transfer', '--format', 'json']);
  const all = JSON.parse(withScenarios.stdout) as { hypothetical: boolean; kind: string }[];
  assert.ok(all.some((e) => e.hypothetical));
  assert.ok(all.every((e) => e.kind === 'transfer'));
  const csv = cli(['export', 'events', '--db', db, '--format', 'csv']).stdout.split('\n');
  assert.equal(csv[0], 'document,document_id,kind,supplier,recipient,system,category,status,hedged,hypothetical,producer,origin,parties,type,imposer,target,destination,via,quantity,value,currency,date,location,location_id,via_ids,confidence,mentions,rule,cues,evidence,published,language');
  assert.equal(csv.length - 2, lines.length);
  const bad = cli(['export', 'events', '--db', db, '--format', 'xml']);
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /unknown format "xml" \(jsonl, json, csv\)/);
});

test('CSV cells that a spreadsheet would run as formulas are defused', async () => {
  const { toCsv } = await import('../analyse/export.js');
  const row = { document: '=HYPERLINK("http://x")', evidence: '+cmd', cues: ['-a', 'b'] } as never;
  assert.equal(toCsv([row]).split('\n')[1].split(',')[0], `"'=HYPERLINK(""http://x"")"`);
});

test('explain shows entities, cue words, events with their rule, and what was rejected', (t) => {
  const db = join(tempDir(t), 'e.db');
  cli(['ingest', SEEDS, '--db', db, '-q']);
  const docs = JSON.parse(cli(['docs', '--db', db, '--json']).stdout) as { id: string; source: string }[];
  const id = docs.find((d) => d.source.endsWith('000_d265c25fb716deda.txt'))!.id;
  const out = cli(['explain', id, '--db', db]).stdout;
  assert.match(out, /\[19\] The most recent example of this mutually beneficial exchange is the Russian-Iranian deal whereby the Kremlin agreed to supply Tehran/);
  assert.match(out, / {4}entities: Russian=country:RU, Iranian=country:IR, Kremlin=place:kremlin→RU, Tehran=place:tehran→IR, Sukhoi Su-35=system:su-35/);
  assert.match(out, / {4}\+ transfer: RU → IR Su-35 \[agreed\] {2}rule transfer\/subject-supplier; cues: agreed, supply\n/);
  assert.match(out, / {4}rejected:\n(?: {6}.*\n)*? {6}no-goods: transfer cue "deal": no goods after it\n/);
});

test('transfers lists merged records', (t) => {
  const db = join(tempDir(t), 't.db');
  cli(['ingest', SEEDS, '--db', db, '-q']);
  const records = JSON.parse(cli(['transfers', '--db', db, '--supplier', 'ru', '--recipient', 'IR', '--json']).stdout) as { system: string | null; category: string; corroboration: number; sources: unknown[] }[];
  const su35 = records.find((r) => r.system === 'Su-35')!;
  assert.equal(su35.corroboration, 2, 'stated by two articles (000 and 003)');
  assert.equal(su35.sources.length, 2);
  // "Iranian drones" in three seed articles restate the one drone named, Shahed-136: one record, and it says so.
  const text = cli(['transfers', '--db', db, '--supplier', 'IR', '--recipient', 'RU']).stdout.split('\n');
  assert.deepEqual(text.slice(0, 2), ['IR → RU  Shahed-136  [delivered]  3 publisher(s)', '    also named: uav (category, 9×)']);
  assert.equal(text.at(-2), '2 transfer record(s)');
});

test('kb search finds entries by any alias and script; kb add validates each entry', (t) => {
  const home = tempDir(t);
  const search = JSON.parse(cli(['kb', 'search', 'Панцирь', '--json']).stdout) as { id: string }[];
  assert.equal(search[0].id, 'system:pantsir-s1');
  assert.equal((JSON.parse(cli(['kb', 'search', 'Geran-2', '--json']).stdout) as { id: string }[])[0].id, 'system:shahed-136');
  const bad = join(home, 'bad.json');
  writeFileSync(bad, JSON.stringify({ systems: [
    { id: 'my-drone', designation: 'Skyhawk-9X', category: 'uav', origin: 'RS' },
    { id: 'Bad Id', designation: 'X', category: 'uav', origin: 'RS' },
    { id: 'no-category', designation: 'Y-1', origin: 'RS' },
    { id: 'wrong-origin', designation: 'Z-1', category: 'uav', origin: 'Serbia' },
  ] }));
  const refused = cli(['kb', 'add', bad], { ARMSCOPE_KB_HOME: join(home, 'kb') });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /systems\[Bad Id\]: id: lowercase ascii slug/);
  assert.match(refused.stderr, /systems\[no-category\]: category: /);
  assert.match(refused.stderr, /systems\[wrong-origin\]: origin: ISO 3166-1 alpha-2 code/);
  assert.match(refused.stderr, /3 invalid entries; nothing added/);
  const good = join(home, 'mine.json');
  writeFileSync(good, JSON.stringify({ systems: [{ id: 'my-drone', designation: 'Skyhawk-9X', aliases: ['Небесни јастреб'], category: 'uav', origin: 'RS' }] }));
  const added = cli(['kb', 'add', good], { ARMSCOPE_KB_HOME: join(home, 'kb') });
  assert.equal(added.code, 0, added.stderr);
  assert.match(added.stdout, /added 1 entries from .*mine\.json/);
  const found = JSON.parse(cli(['kb', 'search', 'skyhawk', '--json'], { ARMSCOPE_KB_HOME: join(home, 'kb') }).stdout) as { id: string }[];
  assert.equal(found[0].id, 'system:my-drone');
  // What was added is recognised when articles are read, in both its spellings.
  const article = join(home, 'article.txt');
  writeFileSync(article, 'Serbia has delivered two Skyhawk-9X drones to Bosnia. Serbia will also sell Небесни јастреб drones to Montenegro.\n');
  const db = join(home, 'user.db');
  const env = { ARMSCOPE_KB_HOME: join(home, 'kb') };
  assert.equal(cli(['ingest', article, '--db', db, '-q'], env).code, 0);
  const events = cli(['export', 'events', '--db', db, '--kind', 'transfer'], env).stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(events.map((e) => [e.supplier, e.recipient, e.system]), [['RS', 'BA', 'Skyhawk-9X'], ['RS', 'ME', 'Skyhawk-9X']]);
  const notJson = join(home, 'broken.json');
  writeFileSync(notJson, '{ "systems": [ ');
  assert.match(cli(['kb', 'add', notJson]).stderr, /broken\.json: not readable as JSON/);
});

// Our own sentences: two stated outright with their parties, one contract, and a list whose parties come
// only from the sentence before (the model's least sure reading).
const DEALS = `Defence deals of the week

France delivered 24 Rafale jets to India in March 2024. India also received Scorpène submarines from France.
Poland signed a contract with South Korea for 180 K2 tanks. Among the equipment sought were helicopters and radars.
`;

test('--min-confidence and ARMSCOPE_MIN_CONFIDENCE leave out the events less likely to be right', (t) => {
  const dir = tempDir(t);
  const db = join(dir, 'm.db');
  writeFileSync(join(dir, 'deals.txt'), DEALS);
  assert.equal(cli(['ingest', join(dir, 'deals.txt'), '--db', db, '-q']).code, 0);
  const rows = (args: string[], env: Record<string, string> = {}) => cli(['export', 'events', '--db', db, '--kind', 'transfer', ...args], env)
    .stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { supplier: string; recipient: string; system: string | null; category: string; confidence: number });
  const all = rows(['--min-confidence', '0']);
  assert.deepEqual(all.map((r) => [r.supplier, r.recipient, r.system ?? r.category]),
    [['FR', 'IN', 'Rafale'], ['FR', 'IN', 'Scorpène'], ['KR', 'PL', 'K2'], ['KR', 'PL', 'helicopter'], ['KR', 'PL', 'radar']]);
  const sure = [['FR', 'IN', 'Rafale'], ['FR', 'IN', 'Scorpène'], ['KR', 'PL', 'K2']];
  assert.deepEqual(rows(['--min-confidence', '0.5']).map((r) => [r.supplier, r.recipient, r.system ?? r.category]), sure);
  assert.deepEqual(rows([], { ARMSCOPE_MIN_CONFIDENCE: '0.5' }).map((r) => [r.supplier, r.recipient, r.system ?? r.category]), sure);
  // The flag wins over the environment; 1 keeps only certainties, and nothing here is certain.
  assert.equal(rows(['--min-confidence', '0'], { ARMSCOPE_MIN_CONFIDENCE: '0.5' }).length, 5);
  assert.equal(rows(['--min-confidence', '1']).length, 0);
  const records = (args: string[]) => (JSON.parse(cli(['transfers', '--db', db, '--json', ...args]).stdout) as { system: string | null; category: string }[])
    .map((r) => r.system ?? r.category);
  assert.deepEqual(records(['--min-confidence', '0']), ['Rafale', 'Scorpène', 'K2', 'radar', 'helicopter']);
  assert.deepEqual(records(['--min-confidence', '0.5']), ['Rafale', 'Scorpène', 'K2']);
  const bad = cli(['export', 'events', '--db', db, '--min-confidence', '1.5']);
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr, 'armscope: --min-confidence must be a number from 0 to 1, got "1.5"\n');
  const badEnv = cli(['transfers', '--db', db], { ARMSCOPE_MIN_CONFIDENCE: 'high' });
  assert.equal(badEnv.code, 1);
  assert.equal(badEnv.stderr, 'armscope: ARMSCOPE_MIN_CONFIDENCE must be a number from 0 to 1, got "high"\n');
});
