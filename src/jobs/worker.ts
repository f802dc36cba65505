/**
 * A worker: takes ingest jobs from the queue and runs the same stages as `armscope ingest` (fetch or
 * read, clean, extract, store with records), `concurrency` jobs at a time. Any number of workers on any
 * number of machines may share one queue and one store.
 */
import { emptySummary, ingestItem, type IngestResult, type IngestSummary } from '../ingest/pipeline.js';
import { fetchUrl, type FetchOptions } from '../ingest/fetch.js';
import type { Store } from '../store/store.js';
import { detectLanguage } from '../text/language.js';
import type { Extractor } from './extractor.js';
import type { IngestJob, IngestQueue } from './queue.js';

export interface WorkerOptions extends FetchOptions {
  concurrency: number;
  extract?: Extractor;
  onResult?: (result: IngestResult, jobId: string) => void;
  /**
   * Seconds between rebuilds of the records this worker's jobs marked stale (0: after every job). Records
   * are rebuilt per batch, not per document: a rebuild reads all mentions of each changed supplier–recipient
   * pair, so doing it after every job would cost a busy pair time in proportion to its size every time.
   * Readers never see stale records either way: a read of records refreshes first.
   */
  refreshSeconds?: number;
  /** Stop once no job is waiting, retrying or running anywhere (batch runs and tests). */
  exitWhenEmpty?: boolean;
  signal?: AbortSignal;
}

export interface WorkerSummary {
  jobs: number;
  added: number;
  unchanged: number;
  duplicates: number;
  failedJobs: number;
}

/**
 * One job: the input it names, into the store. A job whose every article failed throws, so pg-boss keeps
 * the error and retries it; a job with some bad articles completes, listing them in its output.
 */
export async function runJob(job: IngestJob, store: Store, options: Omit<WorkerOptions, 'concurrency'>, onResult?: (r: IngestResult) => void): Promise<IngestSummary> {
  const summary = emptySummary();
  summary.inputs = 1;
  const item = job.url ? await fetchUrl(job.url, options) : { name: job.name, bytes: Buffer.from(job.bytes ?? '', 'base64') };
  await ingestItem(item, store, { extract: options.extract, onResult }, summary);
  if (summary.failed && !summary.added && !summary.unchanged && !summary.duplicates) {
    throw new Error(summary.errors.map((e) => `${e.source}: ${e.error}`).join('; '));
  }
  return summary;
}

/**
 * Works until `signal` aborts (or, with `exitWhenEmpty`, until the queue is empty), then lets running jobs
 * finish and returns what this worker did.
 * @example await runWorker(store, queue, { concurrency: 2, extract: createExtractor(), signal })
 */
export async function runWorker(store: Store, queue: IngestQueue, options: WorkerOptions): Promise<WorkerSummary> {
  const summary: WorkerSummary = { jobs: 0, added: 0, unchanged: 0, duplicates: 0, failedJobs: 0 };
  // pg-boss marks a failed job in a call of its own; when the server goes away at that moment (a restart)
  // the call's rejection reaches no handler. The job is retried once the server is back, so a lost
  // connection must not end the worker; anything else still does.
  const onRejection = (reason: unknown) => {
    if (!isConnectionLoss(reason)) throw reason;
  };
  process.on('unhandledRejection', onRejection);
  try {
    return await work(store, queue, options, summary);
  } finally {
    process.off('unhandledRejection', onRejection);
  }
}

/** A PostgreSQL error or socket error that means the server went away, not that the work was wrong. */
export function isConnectionLoss(reason: unknown): boolean {
  const e = reason as { code?: string; message?: string } | undefined;
  if (!e) return false;
  if (e.code && /^(57P0[123]|08\d{3}|ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT)$/.test(e.code)) return true;
  return /Connection terminated|connection error|terminating connection/i.test(e.message ?? '');
}

async function work(store: Store, queue: IngestQueue, options: WorkerOptions, summary: WorkerSummary): Promise<WorkerSummary> {
  // The language model loads before the first job, so no job's time (and timeout) includes it.
  await detectLanguage('warm-up');
  const refresher = new Refresher(store, (options.refreshSeconds ?? 10) * 1000);
  await queue.work(options.concurrency, async (job, id) => {
    try {
      const result = await runJob(job, store, options, (r) => options.onResult?.(r, id));
      await refresher.due();
      summary.jobs++;
      summary.added += result.added;
      summary.unchanged += result.unchanged;
      summary.duplicates += result.duplicates;
      return result;
    } catch (error) {
      summary.failedJobs++;
      throw error;
    }
  });
  await new Promise<void>((resolve) => {
    if (options.signal?.aborted) return resolve();
    options.signal?.addEventListener('abort', () => resolve(), { once: true });
    if (options.exitWhenEmpty) {
      const poll = async () => {
        if (options.signal?.aborted) return;
        try {
          const c = await queue.counts();
          if (c.created + c.retry + c.active === 0) return resolve();
        } catch { /* the server may be restarting: ask again */ }
        setTimeout(poll, 500);
      };
      setTimeout(poll, 500);
    }
  });
  await queue.close();
  await refresher.now();
  return summary;
}

/**
 * Rebuilds stale records at most once per interval, one rebuild at a time in a process. The interval
 * stretches to four times the last rebuild's duration, so a worker spends at most about a fifth of its time
 * on records however large the busiest pairs grow.
 */
class Refresher {
  private last = Date.now();
  private took = 0;
  private running: Promise<void> | undefined;

  constructor(private readonly store: Store, private readonly intervalMs: number) {}

  /** After a job: rebuilds when the interval has passed and no rebuild is running. */
  async due(): Promise<void> {
    if (this.running) return;
    if (Date.now() - this.last >= Math.max(this.intervalMs, 4 * this.took)) await this.now();
  }

  async now(): Promise<void> {
    if (this.running) return this.running;
    const started = Date.now();
    this.running = this.store.refreshRecords().then(() => undefined).finally(() => {
      this.last = Date.now();
      this.took = this.last - started;
      this.running = undefined;
    });
    return this.running;
  }
}
