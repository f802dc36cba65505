/**
 * `armscope watch`: poll feeds, take in what is new, run the rules, send the alerts. One poll:
 *
 * 1. every feed whose backoff has passed is fetched at once, conditionally (ETag, Last-Modified); a 304
 *    costs nothing, and a feed that fails (an error status, a timeout, malformed XML) waits twice as long
 *    after each failure in a row, up to `maxBackoffMs`, while the other feeds go on;
 * 2. items whose text the watcher has not seen become documents: stored and extracted here, or, with a
 *    PostgreSQL store and a queue, put on the ingest queue for the workers;
 * 3. every document brought in and not yet evaluated, once it is in the store, is evaluated: its alerts
 *    and the mark that it was evaluated are written in one transaction;
 * 4. alerts go to each sink that has not taken them (a webhook that keeps failing gets them next poll).
 *
 * Everything that must survive a restart is in the store (`src/store/watch.ts`), so a stopped watcher
 * started again resumes: unevaluated documents are evaluated, undelivered alerts delivered, and nothing
 * is alerted twice.
 */
import { fetchConditional } from '../ingest/fetch.js';
import { NO_ITEMS, readFeed } from '../ingest/feed.js';
import { decodeText } from '../ingest/decode.js';
import { prepareDocument } from '../ingest/prepare.js';
import type { RawArticle } from '../ingest/types.js';
import type { EventInput } from '../extract/types.js';
import type { PreparedDocument } from '../ingest/prepare.js';
import { ArmscopeError, InputError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { FeedState, StoredAlert } from '../store/watch.js';
import { evaluateDocument, type Alert } from './evaluate.js';
import type { FeedSpec } from './feeds.js';
import type { Rule } from './rules.js';
import type { AlertSink } from './sinks.js';

export interface WatchOptions {
  store: Store;
  feeds: FeedSpec[];
  rules: Rule[];
  sinks: AlertSink[];
  /** Stores new items in this process with their events (SQLite, or PostgreSQL without workers). */
  extract?: (doc: PreparedDocument) => EventInput[];
  /** Puts new items on the workers' queue instead (PostgreSQL). */
  enqueue?: (articles: (RawArticle & { name: string })[]) => Promise<unknown>;
  timeoutMs?: number;
  maxBytes?: number;
  allowPrivate?: boolean;
  userAgent?: string;
  /** The wait after a feed's first failure (default: the poll interval); doubled per failure in a row. */
  backoffMs?: number;
  maxBackoffMs?: number;
  now?: () => Date;
  /** Progress and problems, one line each (stderr in the CLI). */
  log?: (line: string) => void;
}

export interface FeedOutcome {
  url: string;
  status: 'ok' | 'not-modified' | 'error' | 'waiting';
  items: number;
  added: number;
  error?: string;
}

export interface PollReport {
  feeds: FeedOutcome[];
  evaluated: number;
  alerts: Alert[];
  /** Deliveries that failed this poll (sent again next poll). */
  failedDeliveries: { alert: string; sink: string; error: string }[];
}

/** A feed's articles; a feed with no items (or none with text) is a quiet feed, not a failure. */
function itemsOf(bytes: Buffer, url: string, contentType?: string): RawArticle[] {
  try {
    return readFeed(decodeText(bytes, url, contentType), url);
  } catch (error) {
    if (error instanceof InputError && error.details.reason === NO_ITEMS) return [];
    throw error;
  }
}

const message = (error: unknown) => (error instanceof ArmscopeError ? String(error.details.reason ?? error.message) : (error as Error)?.message ?? String(error));

export class Watcher {
  private readonly now: () => Date;
  /** Feeds are fetched side by side, their items stored one feed at a time (one writer, in feed order of arrival). */
  private writing: Promise<unknown> = Promise.resolve();
  constructor(private readonly options: WatchOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** One poll of every feed, then evaluation and delivery. */
  async poll(): Promise<PollReport> {
    const feeds = await Promise.all(this.options.feeds.map((feed) => this.pollFeed(feed)));
    await this.options.store.refreshRecords();
    const { evaluated, alerts: raised } = await this.evaluatePending();
    const { alerts, failed } = await this.deliver(raised.map((a) => a.id));
    return { feeds, evaluated, alerts, failedDeliveries: failed };
  }

  /** Polls every `intervalMs` until `signal` aborts. */
  async run(intervalMs: number, signal: AbortSignal, onPoll?: (report: PollReport) => void): Promise<void> {
    while (!signal.aborted) {
      onPoll?.(await this.poll());
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
      });
    }
  }

  private async pollFeed(feed: FeedSpec): Promise<FeedOutcome> {
    const state = this.options.store.watchState();
    const before: FeedState = await state.feed(feed.url) ?? { url: feed.url, etag: null, lastModified: null, checkedAt: null, status: null, failures: 0, nextAt: null, error: null };
    const now = this.now();
    if (before.nextAt && before.nextAt > now.toISOString()) return { url: feed.url, status: 'waiting', items: 0, added: 0, error: before.error ?? undefined };
    try {
      const result = await fetchConditional(feed.url, {
        etag: before.etag, lastModified: before.lastModified, timeoutMs: this.options.timeoutMs, maxBytes: this.options.maxBytes,
        allowPrivate: this.options.allowPrivate, userAgent: this.options.userAgent,
      });
      if (result.notModified) {
        await state.saveFeed({ ...before, checkedAt: now.toISOString(), status: 'not-modified', failures: 0, nextAt: null, error: null });
        return { url: feed.url, status: 'not-modified', items: 0, added: 0 };
      }
      const articles = itemsOf(result.item.bytes, feed.url, result.item.contentType);
      const added = await this.serial(() => this.takeIn(feed, articles));
      // Validators are kept only once the items are in: a crash before leaves the next poll to fetch them again.
      await state.saveFeed({ url: feed.url, etag: result.etag, lastModified: result.lastModified, checkedAt: now.toISOString(), status: 'ok', failures: 0, nextAt: null, error: null });
      return { url: feed.url, status: 'ok', items: articles.length, added };
    } catch (error) {
      const failures = before.failures + 1;
      const base = this.options.backoffMs ?? 60_000;
      const wait = Math.min(base * 2 ** (failures - 1), this.options.maxBackoffMs ?? 6 * 3_600_000);
      const reason = message(error);
      await state.saveFeed({ ...before, checkedAt: now.toISOString(), status: 'error', failures, nextAt: new Date(now.getTime() + wait).toISOString(), error: reason });
      this.options.log?.(`${feed.url}: ${reason} (failure ${failures} in a row; next try in ${Math.round(wait / 1000)} s)`);
      return { url: feed.url, status: 'error', items: 0, added: 0, error: reason };
    }
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.writing.then(fn);
    this.writing = run.catch(() => undefined);
    return run;
  }

  /** New items of a feed into the store (or the queue); returns how many were new. */
  private async takeIn(feed: FeedSpec, articles: RawArticle[]): Promise<number> {
    const { store } = this.options;
    const state = store.watchState();
    const prepared: { article: RawArticle; doc: PreparedDocument }[] = [];
    for (const article of articles) {
      const withLanguage = { ...article, language: article.language ?? feed.language };
      try {
        prepared.push({ article: withLanguage, doc: await prepareDocument(withLanguage) });
      } catch (error) {
        this.options.log?.(`${article.source}: ${message(error)}`);
      }
    }
    const known = await state.knownItems(prepared.map((p) => p.doc.id));
    const fresh = prepared.filter((p) => !known.has(p.doc.id));
    if (!fresh.length) return 0;
    if (this.options.enqueue) {
      await this.options.enqueue(fresh.map((p) => ({ ...p.article, name: `watch/${p.doc.id}` })));
    } else {
      for (const { doc } of fresh) {
        const events = (await store.hasDocument(doc.id)) ? undefined : this.options.extract?.(doc);
        await store.addDocument(doc, events);
      }
    }
    await state.addItems(fresh.map((p) => ({ documentId: p.doc.id, feed: feed.url, url: p.doc.url })));
    return fresh.length;
  }

  /** Runs the rules on every document brought in and stored but not yet evaluated. */
  async evaluatePending(): Promise<{ evaluated: number; alerts: StoredAlert[] }> {
    const { store, rules } = this.options;
    const state = store.watchState();
    const pending = await state.pendingItems();
    const pendingIds = new Set(pending.map((p) => p.documentId));
    let evaluated = 0;
    const alerts: StoredAlert[] = [];
    // Queued and not yet stored by a worker: evaluated on a later poll.
    const docs = (await Promise.all(pending.map((p) => store.getDocument(p.documentId)))).filter((d) => d !== undefined && pendingIds.has(d.id));
    // Older news first, so that what a rule calls new is new in the order things were reported.
    docs.sort((a, b) => (a!.published ?? '9999').localeCompare(b!.published ?? '9999') || a!.id.localeCompare(b!.id));
    for (const doc of docs as NonNullable<(typeof docs)[number]>[]) {
      const found = await evaluateDocument({ store, pending: pendingIds, now: this.now }, rules, doc);
      alerts.push(...await state.commitEvaluation(doc.id, found, this.options.sinks.map((sink) => sink.name)));
      pendingIds.delete(doc.id);
      evaluated++;
    }
    return { evaluated, alerts };
  }

  /**
   * Sends every alert to each sink that has not taken it: alerts of earlier polls first, then `raised` (this
   * poll's, in the order they were raised; they may share a timestamp).
   */
  async deliver(raised: string[] = []): Promise<{ alerts: Alert[]; failed: PollReport['failedDeliveries'] }> {
    const { store, sinks } = this.options;
    const state = store.watchState();
    const sent: Alert[] = [];
    const failed: PollReport['failedDeliveries'] = [];
    const order = new Map(raised.map((id, i) => [id, i]));
    const pending = (await state.undelivered(sinks.map((s) => s.name))).map((a, i) => ({ a, i }))
      .sort((x, y) => (order.get(x.a.id) ?? -1) - (order.get(y.a.id) ?? -1) || x.i - y.i).map((x) => x.a);
    // One alert at a time, so that every sink sees them in the same order.
    for (const stored of pending) {
      const alert = JSON.parse(stored.body) as Alert;
      await Promise.all(sinks.filter((s) => stored.missing.includes(s.name)).map(async (sink) => {
        try {
          await sink.send(alert, stored.body);
          await state.markDelivered(stored.id, sink.name);
        } catch (error) {
          failed.push({ alert: stored.id, sink: sink.name, error: message(error) });
          this.options.log?.(`alert ${stored.id} to ${sink.name}: ${message(error)}`);
        }
      }));
      sent.push(alert);
    }
    return { alerts: sent, failed };
  }
}
