/** `armscope export events` and `armscope transfers`. */
import type { Command } from 'commander';
import { ValidationError } from '../errors.js';
import type { DocumentEvent } from '../extract/document.js';
import type { Store } from '../store/store.js';
import { dbOption, minConfidenceOption, withStore } from './shared.js';
import { loadConfig } from '../config.js';
import { mergeTransfers } from '../resolve/transfers.js';
import { systemLinks } from '../resolve/goods.js';
import { csvLines } from './csv.js';

/** The export row: the evaluation format's fields first, then armscope's own. */
export interface ExportRow {
  document: string;
  document_id: string;
  kind: string;
  supplier?: string | null;
  recipient?: string | null;
  system?: string | null;
  category?: string | null;
  status: string | null;
  hedged: boolean;
  hypothetical: boolean;
  producer?: string | null;
  origin?: string | null;
  parties?: string[];
  type?: string | null;
  imposer?: string | null;
  target?: string | null;
  destination?: string | null;
  via?: string[];
  quantity?: number | null;
  value?: number | null;
  currency?: string | null;
  date?: string | null;
  location?: string | null;
  /** The catalog place of `location` (`place:alabuga-sez`): its coordinates are in the catalog. */
  location_id?: string | null;
  /** Catalog ids of the route's waypoints, in the order of `via`. */
  via_ids?: string[];
  system_id?: string | null;
  confidence: number;
  mentions: number;
  evidence: string;
  cues: string[];
  rule: string;
  published: string | null;
  language: string;
}

function row(doc: { id: string; source: string; url: string | null; published: string | null; language: string }, e: DocumentEvent): ExportRow {
  const base = {
    document: doc.source, document_id: doc.id, kind: e.kind, status: e.status, hedged: e.hedged, hypothetical: e.hypothetical,
    confidence: e.confidence, mentions: e.mentions, evidence: e.evidence.text, cues: e.evidence.cues, rule: e.evidence.rule,
    date: e.date ?? null, published: doc.published, language: doc.language,
  };
  switch (e.kind) {
    case 'transfer': return { ...base, supplier: e.supplier, recipient: e.recipient, system: e.system, category: e.category, quantity: e.quantity, value: e.value, currency: e.currency, system_id: e.systemId };
    case 'production': return { ...base, producer: e.producer, origin: e.origin, system: e.system, category: e.category, location: e.location, location_id: e.locationId ?? null, system_id: e.systemId };
    case 'cooperation': return { ...base, parties: e.parties, type: e.type, location: e.location, location_id: e.locationId ?? null };
    case 'sanction': return { ...base, imposer: e.imposer, target: e.target };
    default: return { ...base, origin: e.origin, destination: e.destination, via: e.via, via_ids: e.viaIds ?? [], system: e.system, category: e.category };
  }
}

/**
 * One row per event per document. `minConfidence` (default 0: everything) leaves out rows whose best
 * mention is less likely to be right than that.
 */
export async function exportRows(store: Store, options: { kind?: string; includeHypothetical?: boolean; includeDuplicates?: boolean; minConfidence?: number } = {}): Promise<ExportRow[]> {
  const rows: ExportRow[] = [];
  const { defaultKnowledgeBase, foldDocumentEvents } = await import('../extract/index.js');
  const systems = systemLinks(defaultKnowledgeBase().catalog);
  for (const doc of await store.listDocuments({ includeDuplicates: options.includeDuplicates })) {
    const events = await store.listEvents({ documentId: doc.id, kind: options.kind });
    for (const e of foldDocumentEvents(events, systems, { includeHypothetical: options.includeHypothetical })) {
      if (e.confidence >= (options.minConfidence ?? 0)) rows.push(row(doc, e));
    }
  }
  return rows;
}

const CSV_COLUMNS: (keyof ExportRow)[] = ['document', 'document_id', 'kind', 'supplier', 'recipient', 'system', 'category', 'status', 'hedged',
  'hypothetical', 'producer', 'origin', 'parties', 'type', 'imposer', 'target', 'destination', 'via', 'quantity', 'value', 'currency', 'date',
  'location', 'location_id', 'via_ids', 'confidence', 'mentions', 'rule', 'cues', 'evidence', 'published', 'language'];

export function toCsv(rows: ExportRow[]): string {
  return csvLines(CSV_COLUMNS, rows);
}

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
      if (!['jsonl', 'json', 'csv'].includes(flags.format)) throw new ValidationError(`unknown format "${flags.format}" (jsonl, json, csv)`, { format: flags.format });
      await withStore(flags.db, async (store) => {
        const minConfidence = flags.minConfidence ?? loadConfig().minConfidence;
        const rows = await exportRows(store, { kind: flags.kind, includeHypothetical: flags.includeHypothetical, includeDuplicates: flags.all, minConfidence });
        if (flags.format === 'csv') process.stdout.write(toCsv(rows));
        else if (flags.format === 'json') process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        else for (const r of rows) process.stdout.write(`${JSON.stringify(r)}\n`);
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
        const configured = loadConfig().minConfidence;
        let records;
        if (flags.minConfidence === undefined || flags.minConfidence === configured) {
          // The records kept in the store, built from the mentions at or above the configured threshold.
          records = await store.listTransferRecords({ supplier: flags.supplier, recipient: flags.recipient, country: flags.country, conflicts: flags.conflicts });
        } else {
          // Another threshold: merged now from the mentions that pass it.
          const { defaultKnowledgeBase } = await import('../extract/index.js');
          const mentions = (await store.listEvents({ kind: 'transfer' })).filter((e) => e.confidence >= flags.minConfidence!);
          records = mergeTransfers(mentions, await store.listDocuments(), systemLinks(defaultKnowledgeBase().catalog));
          const country = flags.country?.toUpperCase();
          if (flags.supplier) records = records.filter((r) => r.supplier === flags.supplier!.toUpperCase());
          if (flags.recipient) records = records.filter((r) => r.recipient === flags.recipient!.toUpperCase());
          if (country) records = records.filter((r) => r.supplier === country || r.recipient === country);
          if (flags.conflicts) records = records.filter((r) => r.conflicts.length);
        }
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
