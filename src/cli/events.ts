/** `armscope export events` and `armscope transfers`. */
import type { Command } from 'commander';
import { ValidationError } from '../errors.js';
import { dbOption, minConfidenceOption, withStore } from './shared.js';
import { loadConfig } from '../config.js';
import { EVENT_COLUMNS, exportRows, formatRows, parseFormat } from '../analyse/export.js';
import { transferRecords } from '../analyse/records.js';

export function registerEventCommands(program: Command) {
  program.command('export')
    .description('export extracted events (one row per event per document)')
    .argument('<what>', 'what to export: events')
    .addOption(dbOption())
    .option('--format <format>', 'jsonl, json or csv', 'jsonl')
    .option('--kind <kind>', 'only transfer, production, cooperation, sanction or route')
    .option('--include-hypothetical', 'also transfers stated only as scenarios or possibilities')
    .option('--all', 'include near-duplicate documents')
    .addOption(minConfidenceOption())
    .action(async (what: string, flags: { db: string; format: string; kind?: string; includeHypothetical?: boolean; all?: boolean; minConfidence?: number }) => {
      if (what !== 'events') throw new ValidationError(`cannot export "${what}"; try: armscope export events`, { what });
      const format = parseFormat(flags.format);
      await withStore(flags.db, async (store) => {
        const minConfidence = flags.minConfidence ?? loadConfig().minConfidence;
        const rows = await exportRows(store, { kind: flags.kind, includeHypothetical: flags.includeHypothetical, includeDuplicates: flags.all, minConfidence });
        process.stdout.write(formatRows(rows, format, EVENT_COLUMNS));
      });
    });

  program.command('transfers')
    .description('transfer records merged across documents: status history, sources, corroboration, conflicts')
    .addOption(dbOption())
    .option('--supplier <code>', 'only this supplier (ISO alpha-2)')
    .option('--recipient <code>', 'only this recipient (ISO alpha-2)')
    .option('--country <code>', 'only records in which this country supplies or receives')
    .option('--conflicts', 'only records whose sources disagree')
    .option('--json', 'JSON output')
    .addOption(minConfidenceOption())
    .action(async (flags: { db: string; supplier?: string; recipient?: string; country?: string; conflicts?: boolean; json?: boolean; minConfidence?: number }) => {
      await withStore(flags.db, async (store) => {
        const records = await transferRecords(store, { supplier: flags.supplier, recipient: flags.recipient, country: flags.country, conflicts: flags.conflicts }, flags.minConfidence);
        if (flags.json) { process.stdout.write(`${JSON.stringify(records, null, 2)}\n`); return; }
        const out: string[] = [];
        for (const r of records) {
          out.push(`${r.supplier} → ${r.recipient}  ${r.system ?? r.category}  [${r.status}]${r.hedged ? ' (hedged)' : ''}  ${r.corroboration} publisher(s)${r.conflicts.length ? `  CONFLICT: ${r.conflicts.join('; ')}` : ''}`);
          const folded = r.goods.filter((g) => g.rule !== 'self');
          if (folded.length) out.push(`    also named: ${folded.map((g) => `${g.system ?? g.category} (${g.rule === 'variant' ? 'parent designation' : 'category'}, ${g.mentions}×)`).join(', ')}`);
          for (const h of r.history) out.push(`    ${(h.date ?? 'undated').padEnd(10)} ${h.status.padEnd(11)} ${h.publisher}${h.hedged ? ' (hedged)' : ''}`);
        }
        out.push(`${records.length} transfer record(s)`);
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });
}
