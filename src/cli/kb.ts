/** `armscope kb search` and `armscope kb add`. */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Command } from 'commander';
import { CatalogError } from '../errors.js';
import { addCatalogFile, extraDirsFromEnv, loadCatalog, userKbDir, type Catalog } from '../kb/catalog.js';
import { KnowledgeBase } from '../kb/recognise.js';
import { searchCatalog } from '../kb/search.js';

export function registerKbCommands(program: Command) {
  const kb = program.command('kb').description('the catalog of countries, systems, organisations, people and places');
  kb.command('search')
    .description('find catalog entries by any alias, in any script')
    .argument('<text...>', 'a name, designation or alias')
    .option('--limit <n>', 'at most this many', '20')
    .option('--json', 'JSON output')
    .action((words: string[], flags: { limit: string; json?: boolean }) => {
      // The compiled catalog when it is valid (fast); with a broken user file, whatever of it loads.
      let catalog: Catalog;
      try { catalog = KnowledgeBase.load().catalog; } catch (error) {
        if (!(error instanceof CatalogError)) throw error;
        catalog = loadCatalog({ strict: false, extraDirs: extraDirsFromEnv() });
      }
      const hits = searchCatalog(catalog, words.join(' '), Number(flags.limit));
      if (flags.json) { process.stdout.write(`${JSON.stringify(hits, null, 2)}\n`); return; }
      for (const h of hits) process.stdout.write(`${h.id.padEnd(36)} ${h.name}${h.country ? ` (${h.country})` : ''}${h.category ? ` [${h.category}]` : ''}  ← ${h.matched}\n`);
      if (!hits.length) process.stdout.write(`no entry matches "${words.join(' ')}"\n`);
    });
  kb.command('add')
    .description('validate a JSON file of your own entries and add it to your catalog folder')
    .argument('<file>', 'a JSON file with lists such as "systems", "organisations", "places" (see data/README.md)')
    .option('--dry-run', 'validate only')
    .action((file: string, flags: { dryRun?: boolean }) => {
      let json: unknown;
      try { json = JSON.parse(readFileSync(file, 'utf8')); } catch (error) {
        throw new CatalogError(`${file}: not readable as JSON (${(error as Error).message})`, { file });
      }
      const base = loadCatalog({ strict: false, extraDirs: [userKbDir()] });
      const before = base.issues.length;
      const added = addCatalogFile(base, file, json);
      const issues = base.issues.slice(before);
      for (const i of issues) process.stderr.write(`error: ${i.file}: ${i.entry}: ${i.field}: ${i.message}\n`);
      if (issues.length) {
        process.stderr.write(`${issues.length} invalid entr${issues.length === 1 ? 'y' : 'ies'}; nothing added (fix them and run again)\n`);
        process.exitCode = 1;
        return;
      }
      // Check the merged catalog still compiles before saving anything.
      new KnowledgeBase(base);
      if (flags.dryRun) { process.stdout.write(`${added} valid entries in ${file}\n`); return; }
      mkdirSync(userKbDir(), { recursive: true });
      const target = join(userKbDir(), basename(file));
      copyFileSync(file, target);
      process.stdout.write(`added ${added} entries from ${file} to ${target}\n`);
    });
}
