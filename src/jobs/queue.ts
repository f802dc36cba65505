/**
 * The durable ingest queue: pg-boss, in the same PostgreSQL database as the store (its own `pgboss`
 * schema). `armscope ingest --enqueue` puts one job per input on it; `armscope worker` processes take them
 * from any machine. A job carries a file's bytes (so a worker needs no shared disk) or a URL to fetch.
 *
 * Exactly once per document comes from two things together: pg-boss gives every job to one worker at a
 * time and gives it again if that worker dies (after `ARMSCOPE_JOB_TIMEOUT`) or fails; the store writes
 * each document, its events and its records in one transaction keyed by the text's hash, so a job done
 * twice stores nothing twice and a job cut short stored whole documents or nothing.
 */
import PgBoss from 'pg-boss';
import { ConfigError } from '../errors.js';
import { connectionError, redactUrl } from '../store/dialect.js';
import { isPostgresUrl } from '../store/open.js';
import type { IngestSummary } from '../ingest/pipeline.js';
import { JOB_STATES, type JobState } from './states.js';

export const INGEST_QUEUE = 'armscope-ingest';

/** What one job holds: an input's name, and its bytes or the URL to fetch. */
export interface IngestJob {
  name: string;
  url?: string;
  /** Base64. */
  bytes?: string;
}

export { JOB_STATES, type JobState };

export interface JobRow {
  id: string;
  state: JobState;
  input: string;
  retries: number;
  createdOn: string;
  startedOn: string | null;
  completedOn: string | null;
  /** The error of a failed job, or the summary of a completed one. */
  output: unknown;
}

export interface QueueOptions {
  jobTimeoutSeconds: number;
  retries: number;
  /** Connections pg-boss may hold (workers: concurrency + 2). */
  poolSize?: number;
  /** Run expiry and retention (workers do; a listing need not). */
  supervise?: boolean;
}

export class IngestQueue {
  private constructor(readonly boss: PgBoss, readonly label: string) {}

  /**
   * Connects and installs or upgrades pg-boss's schema when needed (pg-boss migrates itself under a lock).
   * @example const queue = await IngestQueue.open('postgres://postgres@127.0.0.1/armscope', { jobTimeoutSeconds: 600, retries: 2 })
   */
  static async open(url: string, options: QueueOptions): Promise<IngestQueue> {
    if (!isPostgresUrl(url)) {
      throw new ConfigError(`the ingest queue needs PostgreSQL, and ${url} is not a postgres:// URL: set ARMSCOPE_DB or --db to the team's database`, { location: url });
    }
    const supervise = options.supervise ?? true;
    const boss = new PgBoss({
      connectionString: url, max: options.poolSize ?? 4, schedule: false, supervise,
      // Lost jobs are noticed within a second or two of their timeout, not minutes later.
      maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(options.jobTimeoutSeconds / 2))),
    });
    // Connection errors while running (a restarted server) are retried by pg-boss itself; they must not
    // end the process as unhandled 'error' events.
    boss.on('error', () => {});
    try {
      await boss.start();
    } catch (error) {
      await boss.stop({ graceful: false, wait: false }).catch(() => {});
      throw connectionError(url, error);
    }
    const queue = new IngestQueue(boss, redactUrl(url));
    const existing = await boss.getQueue(INGEST_QUEUE);
    const settings = { name: INGEST_QUEUE, retryLimit: options.retries, retryDelay: 1, expireInSeconds: options.jobTimeoutSeconds };
    if (!existing) await boss.createQueue(INGEST_QUEUE, settings).catch(async (error) => { if (!(await boss.getQueue(INGEST_QUEUE))) throw error; });
    else if (existing.retryLimit !== settings.retryLimit || existing.expireInSeconds !== settings.expireInSeconds) await boss.updateQueue(INGEST_QUEUE, settings);
    return queue;
  }

  /**
   * Puts one job per input on the queue: files (folders walked) with their bytes, URLs as URLs.
   * Inputs that cannot be read are reported, not queued.
   */
  async enqueue(inputs: string[], options: { maxBytes?: number; stdin?: () => Promise<Buffer>; onQueued?: (name: string) => void } = {}) {
    // The readers load only for commands that read articles.
    const { expandInputs, isUrl } = await import('../ingest/pipeline.js');
    const result = { queued: 0, failed: 0, errors: [] as { source: string; error: string }[] };
    let batch: PgBoss.JobInsert<IngestJob>[] = [];
    let batchBytes = 0;
    const flush = async () => {
      if (batch.length) await this.boss.insert(batch);
      batch = [];
      batchBytes = 0;
    };
    for await (const pending of expandInputs(inputs, { maxBytes: options.maxBytes, stdin: options.stdin })) {
      let data: IngestJob;
      if (isUrl(pending.name)) data = { name: pending.name, url: pending.name };
      else {
        try {
          const item = await pending.load();
          data = { name: item.name, bytes: item.bytes.toString('base64') };
        } catch (error) {
          result.failed++;
          result.errors.push({ source: pending.name, error: (error as Error).message });
          continue;
        }
      }
      batch.push({ name: INGEST_QUEUE, data });
      batchBytes += data.bytes?.length ?? 0;
      result.queued++;
      options.onQueued?.(pending.name);
      if (batch.length >= 100 || batchBytes > 8 * 1024 * 1024) await flush();
    }
    await flush();
    return result;
  }

  /**
   * Puts articles already read (a watched feed's new items) on the queue, one job each, as a JSON Lines
   * input of one line: a worker reads it back into the same article, so its document gets the same id.
   */
  async enqueueArticles(articles: { name: string; url?: string; title?: string; published?: string; language?: string; body: string }[]): Promise<number> {
    const jobs: PgBoss.JobInsert<IngestJob>[] = articles.map((a) => ({
      name: INGEST_QUEUE,
      data: { name: `${a.name}.jsonl`, bytes: Buffer.from(`${JSON.stringify({ url: a.url, title: a.title, published: a.published, language: a.language, text: a.body })}\n`).toString('base64') },
    }));
    for (let i = 0; i < jobs.length; i += 100) await this.boss.insert(jobs.slice(i, i + 100));
    return jobs.length;
  }

  /** Jobs per state (completed jobs archived by pg-boss after 12 hours are not counted). */
  async counts(): Promise<Record<JobState, number>> {
    const { rows } = await this.boss.getDb().executeSql(`SELECT state, count(*)::int AS n FROM pgboss.job WHERE name = $1 GROUP BY state`, [INGEST_QUEUE]);
    const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
    for (const r of rows) counts[r.state as JobState] = r.n;
    return counts;
  }

  async list(options: { state?: JobState; limit?: number } = {}): Promise<JobRow[]> {
    const { rows } = await this.boss.getDb().executeSql(
      `SELECT id, state, data->>'name' AS input, retry_count, created_on, started_on, completed_on, output FROM pgboss.job
       WHERE name = $1 AND ($2::text IS NULL OR state::text = $2) ORDER BY created_on, id LIMIT $3`,
      [INGEST_QUEUE, options.state ?? null, options.limit ?? 100]);
    return rows.map((r) => ({
      id: r.id, state: r.state, input: r.input, retries: r.retry_count, createdOn: iso(r.created_on), startedOn: r.started_on && iso(r.started_on),
      completedOn: r.completed_on && iso(r.completed_on), output: r.output,
    }));
  }

  /** Puts failed jobs back on the queue: the given ids, or every failed job. Returns how many. */
  async retry(ids?: string[]): Promise<number> {
    const targets = ids?.length ? ids : (await this.list({ state: 'failed', limit: 100_000 })).map((j) => j.id);
    if (targets.length) await this.boss.retry(INGEST_QUEUE, targets);
    return targets.length;
  }

  /** Runs `handler` for each job, `concurrency` at a time in this process; returns the worker ids. */
  async work(concurrency: number, handler: (job: IngestJob, id: string) => Promise<IngestSummary>): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < concurrency; i++) {
      ids.push(await this.boss.work<IngestJob>(INGEST_QUEUE, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => handler(job.data, job.id)));
    }
    return ids;
  }

  /** Stops taking jobs, lets running ones finish (up to `timeoutMs`), and disconnects. */
  async close(timeoutMs = 30_000): Promise<void> {
    await this.boss.stop({ graceful: true, wait: true, timeout: timeoutMs });
  }
}

function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : String(value);
}
