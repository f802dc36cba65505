/** `armscope import sipri FILE` and `armscope reference`: reference data in, and the news compared with it. */
import type { Command } from 'commander';
import { NotFoundError, ValidationError } from '../errors.js';
import type { Comparison } from '../reference/compare.js';
import { COMPARISON_COLUMNS as COLUMNS, comparisonRows as rowsOf, ONLY, type ComparisonRow as Row, type Only } from '../reference/rows.js';
import type { ImportSummary } from '../reference/import.js';
import { SIPRI_SOURCE } from '../reference/sipri-map.js';
import { toCsv } from '../analyse/export.js';
import { createProgress } from './progress.js';
import { dbOption, withStore } from './shared.js';


function countryCode(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[A-Za-z]{2}$/.test(value)) throw new ValidationError(`${flag}: "${value}" is not an ISO alpha-2 country code (e.g. RS)`, { field: flag, value });
  return value.toUpperCase();
}

function year(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value)) throw new ValidationError(`${flag}: "${value}" is not a year`, { field: flag, value });
  return Number(value);
}

const thousands = (n: number) => n.toLocaleString('en-US');
const share = (n: number, of: number) => `${((100 * n) / Math.max(1, of)).toFixed(1)} %`;

function importReport(s: ImportSummary, top: number): string {
  const partyRows = s.unmappedParties.reduce((a, p) => a + p.rows, 0);
  const designationRows = s.unmappedDesignations.reduce((a, d) => a + d.rows, 0);
  const lines = [
    `imported ${thousands(s.rows)} deals from ${s.file}${s.generated ? ` (generated ${s.generated})` : ''}`
      + (s.replaced ? `, replacing the import of ${s.replaced.file}${s.replaced.generated ? ` (generated ${s.replaced.generated})` : ''}` : ''),
    ...(s.replaced?.generated && s.generated && s.generated < s.replaced.generated
      ? [`  note: this export is older than the one it replaced (${s.generated} < ${s.replaced.generated})`] : []),
    `  both parties with an ISO code: ${thousands(s.partiesMapped)} (${share(s.partiesMapped, s.rows)})`,
    `  designation found in the catalog: ${thousands(s.systemsMapped)} (${share(s.systemsMapped, s.rows)}); generic goods such as "aircraft engine": ${thousands(s.genericRows)}`,
    `  read ${s.milliseconds.read} ms, mapped ${s.milliseconds.map} ms, stored ${s.milliseconds.store} ms`,
    `unmapped countries and parties: ${s.unmappedParties.length} names in ${thousands(partyRows)} party mentions${s.unmappedParties.length > top ? `, top ${top}` : ''}:`,
    ...s.unmappedParties.slice(0, top).map((p) => `  ${String(p.rows).padStart(6)}  ${p.name} (${p.kind})`),
    `unmapped designations: ${thousands(s.unmappedDesignations.length)} designations in ${thousands(designationRows)} deals${s.unmappedDesignations.length > top ? `, top ${top}` : ''}:`,
    ...s.unmappedDesignations.slice(0, top).map((d) => `  ${String(d.rows).padStart(6)}  ${d.designation}`),
  ];
  return `${lines.join('\n')}\n`;
}

function table(rows: Row[], c: Comparison, only: Only | undefined): string {
  const lines = rows.map((r) => `${r.class.padEnd(26)} ${`${r.supplier}>${r.recipient}`.padEnd(8)} ${String(r.goods).padEnd(20)} `
    + `${(r.news_status ?? '').padEnd(10)} ${r.reference_id ? `${r.designation} ${r.order_year ?? '?'} ${r.number_delivered ?? '?'}/${r.number_ordered ?? '?'} ${r.reference_status} (line ${r.line})` : '-'}`);
  const n = c.counts;
  lines.push(`${n.matched} matched, ${n['status-differs']} status differs, ${n['reported-not-in-reference']} reported, not in the reference; `
    + `${n['reference-only']} reference deals without reporting${only === 'reference-only' ? '' : ' (--only reference-only lists them)'}`);
  return `${lines.join('\n')}\n`;
}

export function registerReferenceCommands(program: Command) {
  program.command('import')
    .description('import reference data: a SIPRI trade-register export (armscope import sipri FILE)')
    .argument('<source>', 'the kind of file: sipri')
    .argument('<file>', 'a CSV export of the SIPRI Arms Transfers Database trade register')
    .addOption(dbOption())
    .option('--top <n>', 'how many unmapped names to list', '20')
    .option('--json', 'JSON summary')
    .action(async (source: string, file: string, flags: { db: string; top: string; json?: boolean }) => {
      if (source !== SIPRI_SOURCE) throw new ValidationError(`cannot import "${source}"; try: armscope import sipri FILE`, { source });
      const top = Number(flags.top);
      if (!Number.isInteger(top) || top < 0) throw new ValidationError(`--top: "${flags.top}" is not a whole number`, { field: '--top', value: flags.top });
      const { importSipri } = await import('../reference/import.js');
      const { defaultKnowledgeBase } = await import('../extract/index.js');
      await withStore(flags.db, async (store) => {
        // One bar per phase (mapping rows, writing them), so each phase's rate and time left are its own.
        let phase: string | undefined;
        let progress: ReturnType<typeof createProgress> | undefined;
        const summary = await importSipri(store, file, defaultKnowledgeBase(), (p) => {
          if (flags.json) return;
          // A phase announces itself with done = 0, so its rate is measured from its own start.
          if (p.phase !== phase) { progress?.done(); phase = p.phase; progress = createProgress(`import sipri: ${p.phase === 'map' ? 'mapping' : 'storing'}`, process.stderr, 'deals'); }
          if (p.done > 0) progress!.update(p.done, p.total, 0);
        });
        progress?.done();
        process.stdout.write(flags.json ? `${JSON.stringify(summary, null, 2)}\n` : importReport(summary, top));
      });
    });

  program.command('reference')
    .description('transfer records compared with the imported SIPRI trade register: matched, status differs, reported but not in the reference, reference only')
    .addOption(dbOption())
    .option('--supplier <code>', 'only this supplier (ISO alpha-2)')
    .option('--recipient <code>', 'only this recipient (ISO alpha-2)')
    .option('--only <class>', `only one class: ${ONLY.join(', ')}`)
    .option('--from <year>', 'reference-only deals ordered in or after this year')
    .option('--to <year>', 'reference-only deals ordered in or before this year')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(async (flags: { db: string; supplier?: string; recipient?: string; only?: string; from?: string; to?: string; format: string }) => {
      if (flags.only !== undefined && !(ONLY as readonly string[]).includes(flags.only)) {
        throw new ValidationError(`--only: unknown class "${flags.only}" (${ONLY.join(', ')})`, { field: '--only', value: flags.only });
      }
      if (!['table', 'json', 'csv'].includes(flags.format)) throw new ValidationError(`unknown format "${flags.format}" (table, json, csv)`, { format: flags.format });
      const options = { supplier: countryCode(flags.supplier, '--supplier'), recipient: countryCode(flags.recipient, '--recipient'),
        fromYear: year(flags.from, '--from'), toYear: year(flags.to, '--to') };
      const only = flags.only as Only | undefined;
      const { compareWithReference } = await import('../reference/compare.js');
      const { defaultKnowledgeBase } = await import('../extract/index.js');
      const { systemLinks } = await import('../resolve/goods.js');
      await withStore(flags.db, async (store) => {
        if (!(await store.getReferenceImport(SIPRI_SOURCE))) {
          throw new NotFoundError(`no SIPRI trade register imported in ${store.location}: run armscope import sipri FILE first`, { source: SIPRI_SOURCE });
        }
        const comparison = await compareWithReference(store, systemLinks(defaultKnowledgeBase().catalog), options);
        const rows = rowsOf(comparison, only);
        if (flags.format === 'csv') process.stdout.write(toCsv(rows, [...COLUMNS]));
        else if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ counts: comparison.counts, rows }, null, 2)}\n`);
        else process.stdout.write(table(rows, comparison, only));
      });
    });
}
