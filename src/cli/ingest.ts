/** `armscope ingest`, `docs`, `show` and `demo` (`demo --serve` hands the store to `serve.ts`). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import type { IngestSummary } from '../ingest/pipeline.js';
import type { Store } from '../store/store.js';
import { createProgress } from './progress.js';
import { dbOption, documentOrFail, openCliStore, sizeOption, withStore } from './shared.js';
import { PROJECT_DIR } from './paths.js';
import { addServeOptions, serveUntilStopped, type ServeFlags } from './serve.js';

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface IngestFlags { db: string; maxBytes: number; allowPrivate?: boolean; timeout: string; json?: boolean; extract: boolean; quiet?: boolean; enqueue?: boolean }

export async function runIngest(inputs: string[], flags: IngestFlags, store?: Store): Promise<IngestSummary> {
  const own = !store;
  store ??= await openCliStore(flags.db);
  const progress = flags.json || flags.quiet ? undefined : createProgress('ingest');
  // The readers, the language model and the catalog load only for commands that read articles.
  const { ingest } = await import('../ingest/pipeline.js');
  const extract = flags.extract ? (await import('./extractor.js')).createExtractor() : undefined;
  try {
    const summary = await ingest(inputs, store, {
      maxBytes: flags.maxBytes,
      allowPrivate: flags.allowPrivate ?? loadConfig().allowPrivate,
      timeoutMs: Number(flags.timeout),
      stdin: readStdin,
      extract,
      onProgress: progress && ((p) => progress.update(p.inputsDone, p.inputsTotal, p.bytes)),
      onResult: (r) => {
        if (flags.json) { process.stdout.write(`${JSON.stringify(r)}\n`); return; }
        if (!r.ok) (progress?.log ?? ((l: string) => process.stderr.write(`${l}\n`)))(`error: ${r.source}: ${r.error}`);
        else if (r.status === 'duplicate' && !flags.quiet) progress?.log(`duplicate: ${r.source} repeats ${r.duplicateOf}`);
      },
    });
    progress?.done();
    if (!flags.json) {
      process.stderr.write(`ingested ${summary.inputs} input(s), ${(summary.bytes / 1e6).toFixed(2)} MB: ${summary.added} new, `
        + `${summary.duplicates} near-duplicate, ${summary.unchanged} unchanged, ${summary.failed} failed\n`);
    }
    if (summary.failed) process.exitCode = 1;
    return summary;
  } finally {
    if (own) await store.close();
  }
}

function pad(s: string, n: number) {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s.padEnd(n);
}

export function registerIngestCommands(program: Command) {
  program.command('ingest')
    .description('read files, folders, feeds, URLs or stdin (-) into the store')
    .argument('<inputs...>', 'paths, folders, http(s) URLs, or - for stdin')
    .addOption(dbOption())
    .addOption(sizeOption())
    .option('--allow-private', 'let URL fetching reach private and loopback addresses (env ARMSCOPE_ALLOW_PRIVATE=1)')
    .option('--timeout <ms>', 'URL fetch timeout in ms (env ARMSCOPE_FETCH_TIMEOUT)', String(loadConfig().fetchTimeoutMs))
    .option('--no-extract', 'store documents without extracting events')
    .option('--json', 'one JSON line per input outcome on stdout')
    .option('-q, --quiet', 'only errors and the summary')
    .option('--enqueue', 'put the inputs on the ingest queue in PostgreSQL for `armscope worker` processes, instead of processing them here')
    .action(async (inputs: string[], flags: IngestFlags) => {
      if (flags.enqueue) await (await import('./queue.js')).runEnqueue(inputs, flags, readStdin);
      else await runIngest(inputs, flags);
    });

  program.command('docs')
    .description('list stored documents')
    .addOption(dbOption())
    .option('--language <code>', 'only this language')
    .option('--limit <n>', 'at most this many', '100')
    .option('--all', 'include near-duplicates')
    .option('--json', 'JSON output')
    .action(async (flags: { db: string; language?: string; limit: string; all?: boolean; json?: boolean }) => {
      await withStore(flags.db, async (store) => {
        const docs = await store.listDocuments({ language: flags.language, limit: Number(flags.limit), includeDuplicates: flags.all });
        if (flags.json) { process.stdout.write(`${JSON.stringify(docs, null, 2)}\n`); return; }
        process.stdout.write(`${pad('ID', 17)} ${pad('LANG', 4)} ${pad('PUBLISHED', 10)} ${pad('TITLE', 50)} SOURCE\n`);
        for (const d of docs) {
          process.stdout.write(`${pad(d.id, 17)} ${pad(d.language, 4)} ${pad(d.published ?? 'unknown', 10)} ${pad(d.title ?? '', 50)} ${d.source}${d.duplicateOf ? ` (duplicate of ${d.duplicateOf})` : ''}\n`);
        }
        process.stdout.write(`${docs.length} document(s)\n`);
      });
    });

  program.command('show')
    .description('a stored document: cleaned text by sentence, removed debris, cited sources')
    .argument('<id>', 'document id or a unique prefix (4+ characters)')
    .addOption(dbOption())
    .option('--json', 'JSON output')
    .action(async (id: string, flags: { db: string; json?: boolean }) => {
      await withStore(flags.db, async (store) => {
        const doc = await documentOrFail(store, id, flags.db);
        if (flags.json) { process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`); return; }
        const out: string[] = [
          `${doc.title ?? '(untitled)'}`,
          `id ${doc.id} · ${doc.language} (${doc.languageConfidence}) · published ${doc.published ?? 'unknown'} (${doc.publishedFrom}) · ${doc.source}`,
          '',
        ];
        for (const s of doc.sentences) out.push(`[${s.index + 1}] ${doc.text.slice(s.start, s.end)}`);
        if (doc.removed.length) {
          out.push('', 'Removed:');
          for (const r of doc.removed) out.push(`  - ${r.reason}: ${r.text.replace(/\s+/g, ' ').slice(0, 100)}`);
        }
        if (doc.cited.length) {
          out.push('', 'Cited sources:');
          for (const c of doc.cited) out.push(`  - ${c.outlet}${c.date ? `, ${c.date}` : ''}`);
        }
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });

  addServeOptions(program.command('demo')
    .description('ingest the bundled sample articles and print what armscope found; with --serve, then serve the API and the analyst workspace over them')
    .addOption(dbOption())
    .option('--serve', 'then serve the store as `armscope serve` does (same flags), until stopped'))
    .action(async (flags: { db: string; serve?: boolean } & ServeFlags) => {
      await withStore(flags.db, async (store) => {
        const samples = join(PROJECT_DIR, 'samples');
        const files = readdirSync(samples).filter((f) => f !== 'README.md').sort().map((f) => join(samples, f));
        process.stderr.write(`armscope demo: reading ${files.length} sample articles from ${samples} into ${flags.db}\n`);
        const summary = await runIngest(files, { db: flags.db, maxBytes: loadConfig().maxBytes, timeout: '15000', extract: true, quiet: true }, store);
        const docs = await store.listDocuments({ includeDuplicates: true });
        const byLanguage = new Map<string, number>();
        for (const d of docs) byLanguage.set(d.language, (byLanguage.get(d.language) ?? 0) + 1);
        const events = await store.listEvents();
        const records = await store.listTransferRecords();
        const lines = [
          '',
          `${docs.length} documents in ${flags.db} (${[...byLanguage].map(([l, n]) => `${l} ${n}`).join(', ')})`,
          `${events.length} events extracted; ${records.length} transfer records across documents:`,
          ...records.map((r) => `  ${r.supplier} → ${r.recipient}  ${(r.system ?? r.category ?? '').padEnd(18)} ${r.status.padEnd(10)}${r.hedged ? ' hedged ' : '        '}`
            + `${r.lastSeen ?? ''}${r.corroboration > 1 ? `  ${r.corroboration} sources` : ''}${r.conflicts.length ? '  conflicting reports' : ''}`),
          '',
          'Next: armscope transfers · armscope docs · armscope explain ID · armscope export events --format csv',
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
        if (summary.failed) process.exitCode = 1;
        if (flags.serve) await serveUntilStopped(store, flags);
      });
    });
}
