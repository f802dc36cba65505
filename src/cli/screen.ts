/**
 * `armscope screen FILE`, `armscope lists load FILE`, `armscope lists` and `armscope match NAME`: supply-chain
 * screening of parts files against the Common High Priority List, component classes, countries of concern,
 * red flags and the loaded sanctions lists (`src/screen`).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { loadConfig, parseProbability } from '../config.js';
import { InputError, ValidationError } from '../errors.js';
import { dbOption, withStore } from './shared.js';

const thresholdOption = () => new Option('--threshold <score>', 'name-match score (0-1) at or above which a listed party is a match (env ARMSCOPE_MATCH_THRESHOLD; default 0.72)')
  .argParser((v) => parseProbability(v, '--threshold'));

export function registerScreenCommands(program: Command) {
  program.command('screen')
    .description('screen a parts file (CSV or xlsx): CHPL items, component classes, sanctioned parties, countries of concern and red flags, each line with its reasons')
    .argument('<file>', 'a CSV or xlsx parts list with part number, description, HS code, manufacturer, quantity, customer, customer country, ship-to country and end user')
    .addOption(dbOption())
    .option('--format <format>', 'table, csv, json or html', 'table')
    .option('-o, --output <file>', 'write the report to this file instead of standard output')
    .option('--all', 'the table lists clean lines too')
    .option('--sheet <name>', 'the xlsx sheet to read (default: the first)')
    .option('--chpl <file>', 'a newer Common High Priority List file of the same shape as data/screen/chpl.json (env ARMSCOPE_CHPL)')
    .addOption(thresholdOption())
    .action(async (file: string, flags: { db: string; format: string; output?: string; all?: boolean; sheet?: string; chpl?: string; threshold?: number }) => {
      const { REPORT_FORMATS, render } = await import('../screen/report.js');
      if (!(REPORT_FORMATS as readonly string[]).includes(flags.format)) {
        throw new ValidationError(`--format: unknown format "${flags.format}" (${REPORT_FORMATS.join(', ')})`, { field: '--format', value: flags.format });
      }
      const config = loadConfig();
      let bytes: Uint8Array;
      try { bytes = await readFile(file); } catch (error) { throw new InputError(file, 'cannot be read', {}, { cause: error }); }
      const { readParts } = await import('../screen/parts.js');
      const parts = await readParts(bytes, file, { sheet: flags.sheet });
      const { buildIndex, screenParts } = await import('../screen/screen.js');
      await withStore(flags.db, async (store) => {
        const { index, versions } = await buildIndex(store);
        const report = await screenParts(store, parts, bytes, { index, versions, chplFile: flags.chpl ?? config.chpl, threshold: flags.threshold ?? config.matchThreshold });
        const text = render(report, flags.format as 'table', flags.all);
        if (flags.output) {
          await writeFile(flags.output, text);
          process.stderr.write(`armscope: ${report.run.lines} lines screened (${report.run.levels.high} high, ${report.run.levels.medium} medium, ${report.run.levels.low} low); report in ${flags.output}\n`);
        } else process.stdout.write(text);
        for (const w of report.warnings) process.stderr.write(`armscope: warning: ${w}\n`);
      });
    });

  const lists = program.command('lists')
    .description('sanctions lists for screening: lists show (the default) and lists load FILE');

  lists.command('show', { isDefault: true })
    .description('the loaded list versions and recent screening runs')
    .addOption(dbOption())
    .option('--json', 'JSON')
    .action(async (flags: { db: string; json?: boolean }) => {
      await withStore(flags.db, async (store) => {
        const versions = await store.listScreenLists();
        const runs = await store.listScreenRuns(10);
        if (flags.json) { process.stdout.write(`${JSON.stringify({ lists: versions, runs }, null, 2)}\n`); return; }
        const out = versions.length ? versions.map((v) => `${v.list.padEnd(20)} ${v.version}  ${v.entities} parties  ${v.format}  loaded ${v.loadedAt} from ${v.file}`) : ['no list loaded (armscope lists load FILE)'];
        if (runs.length) out.push('', 'recent screening runs:', ...runs.map((r) => `${r.startedAt}  ${r.id}  ${r.file}  ${r.lines} lines (${r.levels.high} high)  lists ${r.lists.map((l) => l.version).join(' ') || 'none'}`));
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });

  lists.command('load')
    .description('load a sanctions list, replacing its earlier version atomically: OpenSanctions FtM entities (entities.ftm.json) or targets.simple.csv, read as a stream')
    .argument('<file>', 'entities.ftm.json (JSON lines) or targets.simple.csv')
    .addOption(dbOption())
    .option('--name <list>', 'the list\'s name (default: from the file name); a later load of the same name replaces it')
    .addOption(new Option('--format <format>', 'ftm or simple-csv (default: from the file name and content)').choices(['ftm', 'simple-csv']))
    .option('--json', 'JSON summary')
    .action(async (file: string, flags: { db: string; name?: string; format?: 'ftm' | 'simple-csv'; json?: boolean }) => {
      const { loadList } = await import('../screen/lists.js');
      await withStore(flags.db, async (store) => {
        const s = await loadList(store, file, { list: flags.name, format: flags.format });
        if (flags.json) { process.stdout.write(`${JSON.stringify(s, null, 2)}\n`); return; }
        process.stdout.write(`loaded ${s.version.entities} parties into list ${s.list} as version ${s.version.version} (${s.milliseconds} ms)`
          + `${s.previous ? `, replacing ${s.previous.version} (${s.previous.entities} parties)` : ''}\n`
          + `  sha256 ${s.version.sha256}; rows that are not parties skipped: ${s.skipped}; parties without a name skipped: ${s.nameless}\n`);
      });
    });

  program.command('match')
    .description('match names against the loaded sanctions lists, with each result\'s score and why')
    .argument('<names...>', 'one or more names (quote names with spaces)')
    .addOption(dbOption())
    .addOption(new Option('--schema <schema>', 'what the names are').choices(['LegalEntity', 'Person', 'Company', 'Organization']).default('LegalEntity'))
    .option('--country <code>', 'the party\'s country (ISO alpha-2): a listed party elsewhere scores lower')
    .addOption(thresholdOption())
    .option('--limit <n>', 'results per name', '5')
    .option('--json', 'the yente-shaped response as JSON')
    .action(async (names: string[], flags: { db: string; schema: string; country?: string; threshold?: number; limit: string; json?: boolean }) => {
      const limit = Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new ValidationError(`--limit: "${flags.limit}" is not a whole number above 0`, { field: '--limit', value: flags.limit });
      const { buildIndex } = await import('../screen/screen.js');
      const { matchQuery } = await import('../screen/match.js');
      await withStore(flags.db, async (store) => {
        const { index } = await buildIndex(store);
        const threshold = flags.threshold ?? loadConfig().matchThreshold;
        const responses = Object.fromEntries(names.map((name, i) => [`q${i + 1}`,
          matchQuery(index, { schema: flags.schema, properties: { name: [name], ...(flags.country ? { country: [flags.country] } : {}) } }, { threshold, limit })]));
        if (flags.json) { process.stdout.write(`${JSON.stringify({ responses }, null, 2)}\n`); return; }
        const out: string[] = [];
        for (const r of Object.values(responses)) {
          out.push(`${r.query.properties.name[0]} (normalised: ${r.query.normalised.names.join(' / ')})`);
          if (!r.results.length) out.push('  no listed party scores above the cutoff');
          for (const x of r.results) {
            out.push(`  ${x.match ? 'MATCH' : 'below'} ${x.score.toFixed(3)}  ${x.caption} [${x.schema}, ${x.id}${x.target ? ', target' : ''}] via "${x.explanation.matched_name}"`);
            out.push(`        ${x.explanation.notes.join('; ')}`);
          }
        }
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });
}
