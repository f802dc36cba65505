/** `armscope export events` and `armscope transfers`. */
import type { Command } from 'commander';
import { dbOption, minConfidenceOption, withStore } from './shared.js';
import { loadConfig } from '../config.js';
import { exportText, parseExportKind, parseFormat } from '../analyse/export.js';
import { transferRecords } from '../analyse/records.js';

export function registerEventCommands(program: Command) {
  program.command('export')
    .description('export events (one row per event per document), transfer records, the map (GeoJSON), a STIX 2.1 bundle or FollowTheMoney entities')
    .argument('<what>', 'events, records, geojson, stix or ftm')
    .addOption(dbOption())
    .option('--format <format>', 'events and records: jsonl, json or csv', 'jsonl')
    .option('--kind <kind>', 'events: only transfer, production, cooperation, sanction or route')
    .option('--include-hypothetical', 'events: also transfers stated only as scenarios or possibilities')
    .option('--all', 'events: include near-duplicate documents')
    .option('--supplier <code>', 'records, geojson, stix, ftm: only this supplier (ISO alpha-2)')
    .option('--recipient <code>', 'records, geojson, stix, ftm: only this recipient')
    .option('--country <code>', 'records, geojson, stix, ftm: only records in which this country supplies or receives')
    .addOption(minConfidenceOption())
    .action(async (what: string, flags: { db: string; format: string; kind?: string; includeHypothetical?: boolean; all?: boolean; minConfidence?: number; supplier?: string; recipient?: string; country?: string }) => {
      const kind = parseExportKind(what);
      const format = parseFormat(flags.format);
      await withStore(flags.db, async (store) => {
        const minConfidence = flags.minConfidence ?? loadConfig().minConfidence;
        const filter = { supplier: flags.supplier?.toUpperCase(), recipient: flags.recipient?.toUpperCase(), country: flags.country?.toUpperCase() };
        process.stdout.write(await exportText(store, kind, {
          format, filter, kind: flags.kind, includeHypothetical: flags.includeHypothetical, includeDuplicates: flags.all,
          minConfidence: kind === 'events' ? minConfidence : flags.minConfidence,
        }));
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
