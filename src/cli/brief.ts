/** `armscope brief`: an analyst's brief with numbered citations, as Markdown, HTML or PDF (`src/analyse/brief.ts`). */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { ValidationError } from '../errors.js';
import { dbOption, withStore } from './shared.js';

interface BriefFlags {
  db: string;
  country?: string;
  supplier?: string;
  system?: string;
  rules?: string;
  rule?: string;
  since: string;
  until?: string;
  format: string;
  out?: string;
  chromium: string;
}

export function registerBriefCommand(program: Command) {
  program.command('brief')
    .description('an analyst-style brief on a country, a supplier, a system or a saved watch rule: every claim with numbered citations to its sources')
    .addOption(dbOption())
    .option('--country <code>', 'a country, as supplier or recipient (ISO alpha-2)')
    .option('--supplier <code>', 'a supplier (ISO alpha-2)')
    .option('--system <id>', 'a catalog system (fk-3 or system:fk-3)')
    .option('--rules <file>', 'a watch rules file, with --rule')
    .option('--rule <id>', 'the id of a rule in --rules')
    .requiredOption('--since <date>', 'reports from this day on (YYYY-MM-DD)')
    .option('--until <date>', 'reports up to this day (YYYY-MM-DD; default today)')
    .option('--format <format>', 'md, html or pdf', 'md')
    .option('-o, --out <file>', 'write to this file (needed for pdf unless stdout is redirected)')
    .option('--chromium <path>', 'headless Chromium for PDF (env ARMSCOPE_CHROMIUM)', loadConfig().chromium)
    .action(async (flags: BriefFlags) => {
      const { buildBrief, parseDay } = await import('../analyse/brief.js');
      const { defaultKnowledgeBase } = await import('../extract/index.js');
      if (!['md', 'html', 'pdf'].includes(flags.format)) throw new ValidationError(`unknown format "${flags.format}" (md, html, pdf)`, { format: flags.format });
      const since = parseDay(flags.since, '--since');
      const until = parseDay(flags.until ?? new Date().toISOString().slice(0, 10), '--until');
      const scopes = [flags.country, flags.supplier, flags.system, flags.rule].filter(Boolean).length;
      if (scopes !== 1) throw new ValidationError('name exactly one of --country, --supplier, --system or --rule (with --rules)', {});
      if (flags.rule && !flags.rules) throw new ValidationError('--rule needs the rules file: --rules FILE', {});
      if (flags.format === 'pdf' && !flags.out && process.stdout.isTTY) throw new ValidationError('a PDF goes to a file: pass --out brief.pdf', {});
      const kb = defaultKnowledgeBase();
      let rule: import('../watch/rules.js').Rule | undefined;
      if (flags.rule) {
        const { loadRules } = await import('../watch/rules.js');
        rule = loadRules(flags.rules!, kb.catalog).find((r) => r.id === flags.rule);
        if (!rule) throw new ValidationError(`no rule "${flags.rule}" in ${flags.rules}`, { rule: flags.rule });
      }
      await withStore(flags.db, async (store) => {
        const brief = await buildBrief({ store, kb, since, until, scope: { country: flags.country?.toUpperCase(), supplier: flags.supplier?.toUpperCase(), system: flags.system, rule } });
        const render = await import('../analyse/brief-render.js');
        const output = flags.format === 'md' ? render.renderMarkdown(brief) : flags.format === 'html' ? await render.renderHtml(brief) : await render.renderPdf(brief, { executablePath: flags.chromium });
        if (flags.out) {
          await writeFile(flags.out, output);
          process.stderr.write(`armscope brief: ${flags.out}: ${brief.records} record(s), ${brief.citations.length} citation(s)\n`);
        } else process.stdout.write(output);
      });
    });
}
