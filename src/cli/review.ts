/**
 * `armscope review …` (decide, queue, log, export, import) and `armscope publishers …` (reliability grades):
 * shells over `src/review`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { loadConfig } from '../config.js';
import { ValidationError } from '../errors.js';
import type { Verdict } from '../review/decisions.js';
import { GRADE_MEANING, parseGrade } from '../review/reliability.js';
import { dbOption, withStore } from './shared.js';

function country(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!/^[A-Za-z]{2}$/.test(value)) throw new ValidationError(`${flag}: "${value}" is not an ISO alpha-2 country code (e.g. RS)`, { field: flag, value });
  return value.toUpperCase();
}

function wholeNumber(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new ValidationError(`${flag}: "${value}" is not a whole number`, { field: flag, value });
  return Number(value);
}

interface DecideFlags {
  db: string; record?: boolean; note?: string; author: string; json?: boolean;
  supplier?: string; recipient?: string; system?: string; category?: string; status?: string; date?: string; quantity?: string; hedged?: string;
}

/** The correction the flags name. */
function fieldsOf(flags: DecideFlags): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (flags.supplier !== undefined) fields.supplier = country(flags.supplier, '--supplier');
  if (flags.recipient !== undefined) fields.recipient = country(flags.recipient, '--recipient');
  if (flags.system !== undefined) fields.system = flags.system === '-' ? null : flags.system;
  if (flags.category !== undefined) fields.category = flags.category;
  if (flags.status !== undefined) fields.status = flags.status;
  if (flags.date !== undefined) fields.date = flags.date;
  if (flags.quantity !== undefined) fields.quantity = flags.quantity === '-' ? null : wholeNumber(flags.quantity, '--quantity');
  if (flags.hedged !== undefined) {
    if (!['yes', 'no'].includes(flags.hedged)) throw new ValidationError(`--hedged: "${flags.hedged}" must be yes or no`, { field: '--hedged', value: flags.hedged });
    fields.hedged = flags.hedged === 'yes';
  }
  return fields;
}

function decideCommand(review: Command, verdict: Verdict, description: string) {
  const cmd = review.command(verdict)
    .description(description)
    .argument('<id>', 'an event id, or with --record a transfer record id')
    .addOption(dbOption())
    .option('--record', 'the id is a transfer record: decide on every mention of it')
    .option('--note <text>', 'why (kept with the decision)')
    .addOption(new Option('--author <name>', 'who decides (env ARMSCOPE_REVIEWER)').default(loadConfig().reviewer))
    .option('--json', 'print the stored decisions as JSON');
  if (verdict === 'correct') {
    cmd.option('--supplier <code>', 'the supplier (ISO alpha-2)')
      .option('--recipient <code>', 'the recipient (ISO alpha-2)')
      .option('--system <designation>', 'the system as designated (looked up in the catalog; - for none)')
      .option('--category <category>', 'the category (uav, air-defence, ...)')
      .option('--status <status>', 'interest, offered, negotiating, agreed, delivered, cancelled or denied')
      .option('--date <date>', 'when the status held: YYYY, YYYY-MM or YYYY-MM-DD')
      .option('--quantity <n>', 'how many (- for unknown)')
      .option('--hedged <yes|no>', 'whether the source reports it with doubt');
  }
  cmd.action(async (id: string, flags: DecideFlags) => {
    const { decideEvent, decideRecord } = await import('../review/review.js');
    const { defaultKnowledgeBase } = await import('../extract/index.js');
    await withStore(flags.db, async (store) => {
      const request = { verdict, fields: verdict === 'correct' ? fieldsOf(flags) : {}, note: flags.note, author: flags.author };
      const catalog = defaultKnowledgeBase().catalog;
      const decisions = flags.record ? await decideRecord(store, id, request, catalog) : [await decideEvent(store, id, request, catalog)];
      if (flags.json) { process.stdout.write(`${JSON.stringify(decisions, null, 2)}\n`); return; }
      const d = decisions[0];
      const what = Object.keys(d.fields).filter((f) => f !== 'systemId').map((f) => `${f}=${JSON.stringify((d.fields as any)[f])}`).join(' ');
      process.stdout.write(`${verdict === 'confirm' ? 'confirmed' : verdict === 'reject' ? 'rejected' : 'corrected'} ${flags.record ? `record ${id} (${decisions.length} mention${decisions.length === 1 ? '' : 's'})` : `event ${id}`}`
        + `${what ? `: ${what}` : ''} by ${d.author}; decision ${d.id}\n`);
    });
  });
}

export function registerReviewCommands(program: Command) {
  const review = program.command('review').description('confirm, reject or correct what was extracted; the review queue and the log of decisions');
  decideCommand(review, 'confirm', 'confirm an event (or with --record, a transfer record) as extracted');
  decideCommand(review, 'reject', 'reject an event or a record: it no longer counts in transfer records');
  decideCommand(review, 'correct', 'correct fields of an event or a record (the extraction itself is kept)');

  review.command('queue')
    .description('events not yet reviewed, those that most deserve a look first')
    .addOption(dbOption())
    .option('--supplier <code>').option('--recipient <code>').option('--country <code>', 'supplier, recipient or other party')
    .option('--category <category>').option('--status <status>')
    .option('--limit <n>', 'how many', '20')
    .option('--json', 'JSON output')
    .action(async (flags: { db: string; supplier?: string; recipient?: string; country?: string; category?: string; status?: string; limit: string; json?: boolean }) => {
      const { reviewQueue } = await import('../review/review.js');
      await withStore(flags.db, async (store) => {
        const q = await reviewQueue(store, {
          supplier: country(flags.supplier, '--supplier'), recipient: country(flags.recipient, '--recipient'), country: country(flags.country, '--country'),
          category: flags.category, status: flags.status,
        }, { limit: wholeNumber(flags.limit, '--limit') });
        if (flags.json) { process.stdout.write(`${JSON.stringify(q, null, 2)}\n`); return; }
        const lines = q.items.map((i) => `${i.priority.toFixed(2).padStart(5)}  ${i.event.id}  ${i.event.supplier ?? '?'} → ${i.event.recipient ?? '?'}  ${i.event.system ?? i.event.category ?? ''}  [${i.event.status}]`
          + `  ${i.event.document.published ?? 'undated'} ${i.event.document.source}\n         “${i.event.evidence.text}”${i.reasons.length ? `\n         ${i.reasons.join('; ')}` : ''}`);
        const total = q.decided + q.open;
        lines.push(`${q.open} open, ${q.decided} reviewed of ${total} (${total ? Math.round((100 * q.decided) / total) : 0} %)`);
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });

  review.command('log')
    .description('who decided what and when, and whether each decision still applies')
    .addOption(dbOption())
    .option('--author <name>').option('--record <id>', 'decisions made on this record as a whole')
    .option('--document <id>').option('--since <date>', 'decided on or after (YYYY-MM-DD)')
    .option('--json', 'JSON output')
    .action(async (flags: { db: string; author?: string; record?: string; document?: string; since?: string; json?: boolean }) => {
      const { decisionLog } = await import('../review/review.js');
      await withStore(flags.db, async (store) => {
        const log = await decisionLog(store, { author: flags.author, via: flags.record && `record:${flags.record}`, documentId: flags.document, since: flags.since });
        if (flags.json) { process.stdout.write(`${JSON.stringify(log, null, 2)}\n`); return; }
        const lines = log.map((d) => `${d.decidedAt.slice(0, 19).replace('T', ' ')}  ${d.author.padEnd(12)} ${d.verdict.padEnd(8)} ${d.state.padEnd(10)} ${d.claim}`
          + `${Object.keys(d.fields).length ? `  ${JSON.stringify(d.fields)}` : ''}${d.note ? `  “${d.note}”` : ''}`);
        lines.push(`${log.length} decision(s)`);
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });

  review.command('export')
    .description('decisions as JSON lines (for review import in another store), or with --gold as gold in the evaluation format')
    .addOption(dbOption())
    .option('--gold', 'write gold annotations (armscope-gold/1) of the reviewed documents instead')
    .option('--out <file>', 'write here instead of standard output')
    .action(async (flags: { db: string; gold?: boolean; out?: string }) => {
      const { exportDecisions } = await import('../review/review.js');
      const { reviewedGold } = await import('../review/gold.js');
      await withStore(flags.db, async (store) => {
        const text = flags.gold ? `${JSON.stringify(await reviewedGold(store), null, 1)}\n` : await exportDecisions(store);
        if (flags.out) writeFileSync(flags.out, text); else process.stdout.write(text);
      });
    });

  review.command('import')
    .description('add decisions exported from another store (decisions already present are skipped)')
    .argument('<file>', 'JSON lines written by armscope review export')
    .addOption(dbOption())
    .action(async (file: string, flags: { db: string }) => {
      const { importDecisions } = await import('../review/review.js');
      await withStore(flags.db, async (store) => {
        const r = await importDecisions(store, readFileSync(file, 'utf8'), file);
        process.stdout.write(`${r.added} decision(s) added, ${r.skipped} already present\n`);
      });
    });

  program.command('calibrate')
    .description('recalibrate the confidence model on analysts\' decisions: reliability before and after on decisions held apart')
    .addOption(dbOption())
    .option('--holdout <share>', 'share of documents whose decisions judge the fit', '0.25')
    .option('--out <file>', 'write the recalibrated model here (use it with ARMSCOPE_CONFIDENCE_MODEL=FILE, then armscope reextract)')
    .option('--json', 'JSON output')
    .action(async (flags: { db: string; holdout: string; out?: string; json?: boolean }) => {
      const { calibrate } = await import('../review/calibrate.js');
      const { reliabilityTable } = await import('../eval/labels.js');
      const holdout = Number(flags.holdout);
      await withStore(flags.db, async (store) => {
        const c = await calibrate(store, { holdout });
        if (flags.out) writeFileSync(flags.out, `${JSON.stringify(c.model, null, 2)}\n`);
        if (flags.json) { process.stdout.write(`${JSON.stringify(c, null, 2)}\n`); return; }
        process.stdout.write([
          `fitted on ${c.fitted} reviewed transfer claims; judged on ${c.heldOut} held apart (their documents never used to fit)`,
          `p' = sigmoid(${c.a} × logit(p) ${c.b < 0 ? '-' : '+'} ${Math.abs(c.b)})`,
          '', `before (log-loss ${c.before.logLoss}):`, reliabilityTable(c.before.bins),
          '', `after (log-loss ${c.after.logLoss}):`, reliabilityTable(c.after.bins),
          flags.out ? `\nwrote ${flags.out}: run with ARMSCOPE_CONFIDENCE_MODEL=${flags.out} and armscope reextract to apply it` : '',
        ].join('\n') + '\n');
      });
    });

  const publishers = program.command('publishers').description('reliability grades of publishers (Admiralty scale A–F; ungraded is F)');
  publishers.command('grade')
    .description('grade a publisher (a host such as reuters.com, or a feed or folder name)')
    .argument('<publisher>').argument('<grade>', 'A–F')
    .addOption(dbOption())
    .option('--note <text>', 'why')
    .addOption(new Option('--author <name>', 'who grades (env ARMSCOPE_REVIEWER)').default(loadConfig().reviewer))
    .action(async (publisher: string, grade: string, flags: { db: string; note?: string; author: string }) => {
      const g = parseGrade(grade);
      await withStore(flags.db, async (store) => {
        await store.setPublisherGrade({ publisher: publisher.toLowerCase(), grade: g, note: flags.note ?? null, author: flags.author, gradedAt: new Date().toISOString() });
        process.stdout.write(`${publisher.toLowerCase()}: ${g} (${GRADE_MEANING[g]})\n`);
      });
    });
  publishers.command('list')
    .description('the graded publishers')
    .addOption(dbOption())
    .option('--json', 'JSON output')
    .action(async (flags: { db: string; json?: boolean }) => {
      await withStore(flags.db, async (store) => {
        const grades = await store.publisherGrades();
        if (flags.json) { process.stdout.write(`${JSON.stringify(grades, null, 2)}\n`); return; }
        const lines = grades.map((g) => `${g.grade}  ${g.publisher.padEnd(30)} ${g.author} ${g.gradedAt.slice(0, 10)}${g.note ? `  “${g.note}”` : ''}`);
        lines.push(`${grades.length} graded publisher(s); any other is F (${GRADE_MEANING.F})`);
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}
