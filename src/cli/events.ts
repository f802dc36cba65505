/** `armscope export events`, `armscope events` and `armscope explain`. */
import type { Command } from 'commander';
import { ValidationError } from '../errors.js';
import type { DocumentEvent } from '../extract/document.js';
import type { Store } from '../store/store.js';
import { dbOption, documentOrFail, withStore } from './shared.js';

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
    case 'production': return { ...base, producer: e.producer, origin: e.origin, system: e.system, category: e.category, location: e.location, system_id: e.systemId };
    case 'cooperation': return { ...base, parties: e.parties, type: e.type, location: e.location };
    case 'sanction': return { ...base, imposer: e.imposer, target: e.target };
    default: return { ...base, origin: e.origin, destination: e.destination, via: e.via, system: e.system, category: e.category };
  }
}

export async function exportRows(store: Store, options: { kind?: string; includeHypothetical?: boolean; includeDuplicates?: boolean } = {}): Promise<ExportRow[]> {
  const rows: ExportRow[] = [];
  const { foldDocumentEvents } = await import('../extract/index.js');
  for (const doc of await store.listDocuments({ includeDuplicates: options.includeDuplicates })) {
    const events = await store.listEvents({ documentId: doc.id, kind: options.kind });
    for (const e of foldDocumentEvents(events, { includeHypothetical: options.includeHypothetical })) rows.push(row(doc, e));
  }
  return rows;
}

const CSV_COLUMNS: (keyof ExportRow)[] = ['document', 'document_id', 'kind', 'supplier', 'recipient', 'system', 'category', 'status', 'hedged',
  'hypothetical', 'producer', 'origin', 'parties', 'type', 'imposer', 'target', 'destination', 'via', 'quantity', 'value', 'currency', 'date',
  'location', 'confidence', 'mentions', 'rule', 'cues', 'evidence', 'published', 'language'];

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = Array.isArray(v) ? v.join(';') : String(v);
  // Leading = + - @ would run as formulas in spreadsheets: article text is untrusted.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(rows: ExportRow[]): string {
  return [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
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
    .action(async (what: string, flags: { db: string; format: string; kind?: string; includeHypothetical?: boolean; all?: boolean }) => {
      if (what !== 'events') throw new ValidationError(`cannot export "${what}"; try: armscope export events`, { what });
      if (!['jsonl', 'json', 'csv'].includes(flags.format)) throw new ValidationError(`unknown format "${flags.format}" (jsonl, json, csv)`, { format: flags.format });
      await withStore(flags.db, async (store) => {
        const rows = await exportRows(store, { kind: flags.kind, includeHypothetical: flags.includeHypothetical, includeDuplicates: flags.all });
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
    .action(async (flags: { db: string; supplier?: string; recipient?: string; country?: string; conflicts?: boolean; json?: boolean }) => {
      await withStore(flags.db, async (store) => {
        const records = await store.listTransferRecords({ supplier: flags.supplier, recipient: flags.recipient, country: flags.country, conflicts: flags.conflicts });
        if (flags.json) { process.stdout.write(`${JSON.stringify(records, null, 2)}\n`); return; }
        const out: string[] = [];
        for (const r of records) {
          out.push(`${r.supplier} → ${r.recipient}  ${r.system ?? r.category}  [${r.status}]${r.hedged ? ' (hedged)' : ''}  ${r.corroboration} publisher(s)${r.conflicts.length ? `  CONFLICT: ${r.conflicts.join('; ')}` : ''}`);
          for (const h of r.history) out.push(`    ${(h.date ?? 'undated').padEnd(10)} ${h.status.padEnd(11)} ${h.publisher}${h.hedged ? ' (hedged)' : ''}`);
        }
        out.push(`${records.length} transfer record(s)`);
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });

  program.command('explain')
    .description("show, sentence by sentence, the events of a document with the rule and cue words behind each, and what was rejected")
    .argument('<id>', 'document id or unique prefix')
    .addOption(dbOption())
    .option('--all', 'also sentences with nothing found')
    .action(async (id: string, flags: { db: string; all?: boolean }) => {
      await withStore(flags.db, async (store) => {
        const doc = await documentOrFail(store, id, flags.db);
        const { defaultKnowledgeBase, extractDocument } = await import('../extract/index.js');
        const kb = defaultKnowledgeBase();
        const { trace } = extractDocument(kb, { text: doc.text, language: doc.language, published: doc.published, sentences: doc.sentences, cited: doc.cited });
        const out: string[] = [`${doc.title ?? doc.source} (${doc.language}, published ${doc.published ?? 'unknown'})`];
        for (const t of trace) {
          const a = t.analysis;
          const interesting = t.events.length || t.rejected.length || a.chains.length;
          if (!interesting && !flags.all) continue;
          out.push('', `[${a.index + 1}] ${doc.text.slice(a.start, a.end)}`);
          if (a.mentions.length) out.push(`    entities: ${a.mentions.map((m) => `${m.text}=${m.entity}${m.role === 'metonym' ? `→${m.country}` : ''}`).join(', ')}`);
          if (a.cues.length) out.push(`    cues: ${a.cues.map((c) => `${c.text} (${[...new Set(c.cues.map((q) => q.type))].join('/')})`).join(', ')}`);
          if (t.hypotheticalScope) out.push('    inside a scenario section: hypothetical');
          for (const e of t.events) {
            const what = e.kind === 'transfer' ? `${e.supplier} → ${e.recipient} ${e.system ?? e.category} [${e.status}]`
              : e.kind === 'production' ? `${e.producer} produces ${e.system ?? e.category} of ${e.origin} origin [${e.status}]`
                : e.kind === 'cooperation' ? `${(e.parties ?? []).join(' + ')} ${e.type} [${e.status}]`
                  : e.kind === 'sanction' ? `${e.imposer ?? '?'} sanctions ${e.target}` : `${e.origin} → ${(e.via ?? []).join(' → ')} → ${e.destination}`;
            const flagsText = [e.hedged && 'hedged', e.hypothetical && 'hypothetical', e.date && `date ${e.date}`, e.quantity && `quantity ${e.quantity}`].filter(Boolean).join(', ');
            out.push(`    + ${e.kind}: ${what}${flagsText ? ` (${flagsText})` : ''}  rule ${e.evidence.rule}; cues: ${e.evidence.cues.join(', ')}`);
          }
          for (const r of t.rejected) out.push(`    - rejected: ${r}`);
        }
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });
}
