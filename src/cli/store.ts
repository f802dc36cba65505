/** `armscope migrate` and `armscope search`: the store's own commands. */
import type { Command } from 'commander';
import { migrateStore } from '../store/open.js';
import { dbOption, withStore } from './shared.js';

export function registerStoreCommands(program: Command) {
  program.command('migrate')
    .description('bring the store to the current schema (a SQLite file also migrates when opened; PostgreSQL only here)')
    .addOption(dbOption())
    .option('--json', 'JSON output')
    .action(async (flags: { db: string; json?: boolean }) => {
      const report = await migrateStore(flags.db);
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
}
