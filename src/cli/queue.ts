/** `armscope ingest --enqueue`, `armscope worker` and `armscope queue`: the distributed ingest. */
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { ValidationError } from '../errors.js';
import { JOB_STATES, type JobState } from '../jobs/states.js';
import { dbOption, openCliStore, sizeOption } from './shared.js';

async function openQueue(db: string, extra: { poolSize?: number; supervise?: boolean } = {}) {
  const config = loadConfig();
  // pg-boss loads only for the queue's own commands.
  const { IngestQueue } = await import('../jobs/queue.js');
  return IngestQueue.open(db, { jobTimeoutSeconds: config.jobTimeoutSeconds, retries: config.jobRetries, ...extra });
}

/** `ingest --enqueue`: queue the inputs instead of processing them here. */
export async function runEnqueue(inputs: string[], flags: { db: string; maxBytes: number; json?: boolean; quiet?: boolean }, stdin: () => Promise<Buffer>) {
  const queue = await openQueue(flags.db, { supervise: false });
  try {
    const result = await queue.enqueue(inputs, { maxBytes: flags.maxBytes, stdin });
    for (const e of result.errors) process.stderr.write(`error: ${e.source}: ${e.error}\n`);
    if (flags.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else process.stderr.write(`queued ${result.queued} input(s) on ${queue.label}, ${result.failed} failed; start workers with: armscope worker\n`);
    if (result.failed) process.exitCode = 1;
  } finally {
    await queue.close();
  }
}

export function registerQueueCommands(program: Command) {
  program.command('worker')
    .description('take ingest jobs from the queue in PostgreSQL and process them (run any number, on any number of machines)')
    .addOption(dbOption())
    .option('--concurrency <n>', 'jobs at a time in this process', '2')
    .option('--no-extract', 'store documents without extracting events')
    .option('--exit-when-empty', 'stop once no job is waiting, retrying or running')
    .option('--refresh-every <s>', 'seconds between rebuilds of the transfer records the jobs changed; 0 after every job (env ARMSCOPE_REFRESH_SECONDS)', String(loadConfig().refreshSeconds))
    .addOption(sizeOption())
    .option('--allow-private', 'let URL fetching reach private and loopback addresses (env ARMSCOPE_ALLOW_PRIVATE=1)')
    .option('--timeout <ms>', 'URL fetch timeout in ms (env ARMSCOPE_FETCH_TIMEOUT)', String(loadConfig().fetchTimeoutMs))
    .option('--json', 'one JSON line per stored article')
    .action(async (flags: { db: string; concurrency: string; extract: boolean; exitWhenEmpty?: boolean; refreshEvery: string; maxBytes: number; allowPrivate?: boolean; timeout: string; json?: boolean }) => {
      const concurrency = Number(flags.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new ValidationError(`--concurrency must be a whole number of at least 1, got "${flags.concurrency}"`, { concurrency: flags.concurrency });
      const refreshSeconds = Number(flags.refreshEvery);
      if (!(refreshSeconds >= 0)) throw new ValidationError(`--refresh-every must be a number of seconds, 0 or more, got "${flags.refreshEvery}"`, { refreshEvery: flags.refreshEvery });
      const queue = await openQueue(flags.db, { poolSize: concurrency + 2 });
      const store = await openCliStore(flags.db, { poolSize: concurrency + 1 }).catch(async (error) => { await queue.close(); throw error; });
      const { runWorker } = await import('../jobs/worker.js');
      const extract = flags.extract ? (await import('../jobs/extractor.js')).createExtractor() : undefined;
      const abort = new AbortController();
      const stop = () => abort.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      process.stderr.write(`worker on ${queue.label}, ${concurrency} at a time\n`);
      try {
        const summary = await runWorker(store, queue, {
          concurrency, extract, exitWhenEmpty: flags.exitWhenEmpty, refreshSeconds, signal: abort.signal,
          maxBytes: flags.maxBytes, allowPrivate: flags.allowPrivate ?? loadConfig().allowPrivate, timeoutMs: Number(flags.timeout),
          onResult: (r, job) => {
            if (flags.json) process.stdout.write(`${JSON.stringify({ job, ...r })}\n`);
            else if (!r.ok) process.stderr.write(`error: ${r.source}: ${r.error}\n`);
          },
        });
        process.stderr.write(`worker done: ${summary.jobs} job(s), ${summary.added} new, ${summary.duplicates} near-duplicate, ${summary.unchanged} unchanged, ${summary.failedJobs} failed attempt(s)\n`);
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await store.close();
      }
    });

  program.command('queue')
    .description('jobs on the ingest queue: counts by state, failed jobs with their errors; retry failed jobs')
    .addOption(dbOption())
    .option('--state <state>', `list jobs in this state (${JOB_STATES.join(', ')})`)
    .option('--limit <n>', 'at most this many jobs listed', '50')
    .option('--retry [ids...]', 'put failed jobs back on the queue: these ids, or every failed job')
    .option('--json', 'JSON output')
    .action(async (flags: { db: string; state?: string; limit: string; retry?: string[] | true; json?: boolean }) => {
      if (flags.state && !JOB_STATES.includes(flags.state as JobState)) throw new ValidationError(`unknown job state "${flags.state}" (${JOB_STATES.join(', ')})`, { state: flags.state });
      const queue = await openQueue(flags.db, { supervise: false });
      try {
        if (flags.retry) {
          const n = await queue.retry(flags.retry === true ? undefined : flags.retry);
          process.stdout.write(flags.json ? `${JSON.stringify({ retried: n })}\n` : `${n} failed job(s) put back on the queue\n`);
          return;
        }
        const counts = await queue.counts();
        const state = (flags.state ?? (counts.failed ? 'failed' : undefined)) as JobState | undefined;
        const jobs = state ? await queue.list({ state, limit: Number(flags.limit) }) : [];
        if (flags.json) { process.stdout.write(`${JSON.stringify({ counts, jobs }, null, 2)}\n`); return; }
        const out = [JOB_STATES.map((s) => `${s} ${counts[s]}`).join(' · ')];
        if (state) out.push('', `${state} jobs:`);
        for (const j of jobs) {
          const error = j.state === 'failed' ? `  ${(j.output as { message?: string } | null)?.message ?? JSON.stringify(j.output)}` : '';
          out.push(`  ${j.id}  ${j.input}  retries ${j.retries}${error}`);
        }
        if (counts.failed && !flags.state) out.push('', 'retry them with: armscope queue --retry (or --retry ID...)');
        process.stdout.write(`${out.join('\n')}\n`);
      } finally {
        await queue.close();
      }
    });
}
