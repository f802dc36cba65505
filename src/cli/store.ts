/** `armscope migrate` and `armscope search`: the store's own commands. */
import type { Command } from 'commander';
import { migrateStore } from '../store/open.js';
import { dbOption, withStore } from './shared.js';
import { createProgress, rebuildProgress, REBUILT } from './progress.js';

export function registerStoreCommands(program: Command) {
  program.command('migrate')
    .description('bring the store to the current schema (a SQLite file also migrates when opened; PostgreSQL only here)')
    .addOption(dbOption())
    .option('--json', 'JSON output')
    .action(async (flags: { db: string; json?: boolean }) => {
      const report = await migrateStore(flags.db, { onRebuild: flags.json ? undefined : rebuildProgress() });
      if (flags.json) { process.stdout.write(`${JSON.stringify(report)}\n`); return; }
      const lines = report.applied.map((a) => `  applied ${a.version}: ${a.name}`);
      lines.push(report.applied.length ? `${report.location}: schema ${report.from} → ${report.to}` : `${report.location}: schema ${report.to}, up to date`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  program.command('search')
    .description('documents holding every word of the query, in title or text, in any script or accent')
    .argument('<words...>', 'words to find (Вучић, Vucic and Vučić find the same documents)')
    .addOption(dbOption())
    .option('--language <code>', 'only this language')
    .option('--limit <n>', 'at most this many', '20')
    .option('--all', 'include near-duplicates')
    .option('--json', 'JSON output')
    .action(async (words: string[], flags: { db: string; language?: string; limit: string; all?: boolean; json?: boolean }) => {
      await withStore(flags.db, async (store) => {
        const docs = await store.searchDocuments(words.join(' '), { language: flags.language, limit: Number(flags.limit), includeDuplicates: flags.all });
        if (flags.json) { process.stdout.write(`${JSON.stringify(docs, null, 2)}\n`); return; }
        for (const d of docs) process.stdout.write(`${d.id}  ${d.language}  ${(d.published ?? 'undated').padEnd(10)}  ${d.title ?? '(untitled)'}  ${d.source}\n`);
        process.stdout.write(`${docs.length} document(s)\n`);
      });
    });

  program.command('reextract')
    .description('extract every stored document again with the current rules and rebuild the transfer records (resumable)')
    .addOption(dbOption())
    .option('--restart', 'begin a new run over all documents, even if an interrupted run could be resumed')
    .option('--records', 'only rebuild the transfer records from the stored events')
    .option('--search', 'only rebuild the full-text index')
    .option('--json', 'JSON summary')
    .action(async (flags: { db: string; restart?: boolean; records?: boolean; search?: boolean; json?: boolean }) => {
      await withStore(flags.db, async (store) => {
        const progress = flags.json ? undefined : createProgress('reextract', process.stderr, REBUILT[flags.records ? 'records' : 'search'].unit);
        if (flags.records || flags.search) {
          await store.rebuild({ records: flags.records, search: flags.search }, (p) => progress?.update(p.done, p.total, 0));
          progress?.done();
          const summary = { rebuilt: [flags.records && 'records', flags.search && 'search'].filter(Boolean) };
          process.stdout.write(flags.json ? `${JSON.stringify(summary)}\n` : `rebuilt ${summary.rebuilt.join(' and ')}\n`);
          return;
        }
        const { reextract } = await import('../jobs/reextract.js');
        const { createExtractor } = await import('../jobs/extractor.js');
        // Ctrl-C stops between documents; the next run resumes there.
        const abort = new AbortController();
        const stop = () => abort.abort();
        process.once('SIGINT', stop);
        try {
          const summary = await reextract(store, { extract: createExtractor(), restart: flags.restart, signal: abort.signal, onProgress: (p) => progress?.update(p.done, p.total, 0) });
          progress?.done();
          if (flags.json) { process.stdout.write(`${JSON.stringify(summary)}\n`); return; }
          process.stdout.write(`${summary.resumed ? `resumed the run begun ${summary.started}: ` : ''}re-extracted ${summary.done} of ${summary.total} document(s), `
            + `${summary.events} event(s)${summary.finished ? '; transfer records up to date' : '; interrupted: run again to resume'}\n`);
          if (!summary.finished) process.exitCode = 1;
        } finally {
          process.off('SIGINT', stop);
        }
      });
    });
}
