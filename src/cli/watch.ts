/** `armscope watch`: poll feeds, run the rules, send the alerts (the core is `src/watch/watcher.ts`). */
import type { Command } from 'commander';
import { loadConfig } from '../config.js';
import { ValidationError } from '../errors.js';
import { dbOption, openCliStore, sizeOption } from './shared.js';

interface WatchFlags {
  db: string;
  feeds: string[];
  feed: string[];
  rules?: string;
  interval: string;
  once?: boolean;
  check?: boolean;
  jsonl?: string;
  webhook: string[];
  webhookSecret?: string;
  webhookAttempts: string;
  json?: boolean;
  quiet?: boolean;
  local?: boolean;
  maxBytes: number;
  timeout: string;
  allowPrivate?: boolean;
  userAgent: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function seconds(value: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(value.trim());
  if (!m) throw new ValidationError(`${flag} must be a duration such as 900, 90s, 15m or 1h, got "${value}"`, { [flag]: value });
  return Number(m[1]) * { s: 1, m: 60, h: 3600 }[(m[2] ?? 's') as 's' | 'm' | 'h'];
}

export function registerWatchCommand(program: Command) {
  const config = loadConfig();
  program.command('watch')
    .description('poll RSS/Atom feeds, take in new items, and alert on watch rules (stdout, a JSONL file, webhooks)')
    .addOption(dbOption())
    .option('--feeds <list>', 'a feed list (YAML or JSON: feeds: [{url, language, publisher}]), or "starter" for the shipped list; repeatable', collect, [])
    .option('--feed <url>', 'one more feed URL; repeatable', collect, [])
    .option('--rules <file>', 'watch rules (YAML); without it, items are taken in and nothing alerts')
    .option('--check', 'check the rules and feed lists, print them, and exit')
    .option('--interval <duration>', 'time between polls: 900, 90s, 15m, 1h (env ARMSCOPE_WATCH_INTERVAL, seconds)', String(config.watchIntervalSeconds))
    .option('--once', 'poll once, deliver, and exit')
    .option('--jsonl <file>', 'also append every alert as a JSON line to this file')
    .option('--webhook <url>', 'also POST every alert as JSON to this URL; repeatable', collect, [])
    .option('--webhook-secret <key>', 'sign webhook bodies: X-Armscope-Signature: sha256=HMAC (env ARMSCOPE_WEBHOOK_SECRET)')
    .option('--webhook-attempts <n>', 'attempts per webhook and alert before it waits for the next poll', '5')
    .option('--json', 'alerts on stdout as JSON lines instead of one readable line each')
    .option('-q, --quiet', 'no alerts on stdout (only the other sinks) and no poll summaries')
    .option('--local', 'with PostgreSQL: store and extract new items in this process instead of queueing them for workers')
    .addOption(sizeOption())
    .option('--timeout <ms>', 'feed fetch timeout in ms (env ARMSCOPE_FETCH_TIMEOUT)', String(config.fetchTimeoutMs))
    .option('--allow-private', 'let feed fetching reach private and loopback addresses (env ARMSCOPE_ALLOW_PRIVATE=1)')
    .option('--user-agent <text>', 'User-Agent of feed requests (env ARMSCOPE_WATCH_USER_AGENT)', config.watchUserAgent)
    .action(async (flags: WatchFlags) => {
      const { loadFeeds } = await import('../watch/feeds.js');
      const { loadRules } = await import('../watch/rules.js');
      const { defaultKnowledgeBase } = await import('../extract/index.js');
      const feeds = [...flags.feeds.flatMap((f) => loadFeeds(f)), ...flags.feed.map((url) => ({ url }))];
      if (!feeds.length) throw new ValidationError('no feeds to watch: pass --feeds starter, --feeds FILE or --feed URL', {});
      const rules = flags.rules ? loadRules(flags.rules, defaultKnowledgeBase().catalog) : [];
      const interval = seconds(flags.interval, '--interval');
      const attempts = Number(flags.webhookAttempts);
      if (!Number.isInteger(attempts) || attempts < 1) throw new ValidationError(`--webhook-attempts must be a whole number of at least 1, got "${flags.webhookAttempts}"`, {});
      if (flags.check) {
        process.stdout.write(`${rules.length} rule(s): ${rules.map((r) => r.id).join(', ') || 'none'}\n${feeds.length} feed(s):\n`);
        for (const f of feeds) process.stdout.write(`  ${f.url}${'language' in f && f.language ? ` [${f.language}]` : ''}${'publisher' in f && f.publisher ? ` ${f.publisher}` : ''}\n`);
        return;
      }
      const { Watcher } = await import('../watch/watcher.js');
      const { jsonlSink, stdoutSink, webhookSink } = await import('../watch/sinks.js');
      const sinks = [];
      if (!flags.quiet) sinks.push(flags.json ? { name: 'stdout', send: async (_a: unknown, body: string) => { process.stdout.write(`${body}\n`); } } : stdoutSink());
      if (flags.jsonl) sinks.push(jsonlSink(flags.jsonl));
      const secret = flags.webhookSecret ?? config.webhookSecret;
      for (const url of flags.webhook) sinks.push(webhookSink(url, { secret, attempts, userAgent: flags.userAgent }));

      const store = await openCliStore(flags.db);
      let queue: Awaited<ReturnType<typeof import('../jobs/queue.js').IngestQueue.open>> | undefined;
      try {
        if (store.kind === 'postgres' && !flags.local) {
          const { IngestQueue } = await import('../jobs/queue.js');
          queue = await IngestQueue.open(flags.db, { jobTimeoutSeconds: config.jobTimeoutSeconds, retries: config.jobRetries, supervise: false });
        }
        const extract = queue ? undefined : (await import('../jobs/extractor.js')).createExtractor();
        const watcher = new Watcher({
          store, feeds, rules, sinks, extract, enqueue: queue && ((articles) => queue!.enqueueArticles(articles)),
          timeoutMs: Number(flags.timeout), maxBytes: flags.maxBytes, allowPrivate: flags.allowPrivate ?? config.allowPrivate, userAgent: flags.userAgent,
          backoffMs: interval * 1000, log: (line) => process.stderr.write(`armscope watch: ${line}\n`),
        });
        const summarise = (r: Awaited<ReturnType<typeof watcher.poll>>) => {
          if (flags.quiet) return;
          const count = (s: string) => r.feeds.filter((f) => f.status === s).length;
          process.stderr.write(`armscope watch: ${r.feeds.length} feed(s): ${count('ok')} new content, ${count('not-modified')} unchanged, ${count('error')} failed, ${count('waiting')} waiting; `
            + `${r.feeds.reduce((n, f) => n + f.added, 0)} new item(s)${queue ? ' queued' : ''}, ${r.evaluated} evaluated, ${r.alerts.length} alert(s)\n`);
        };
        if (flags.once) {
          const report = await watcher.poll();
          summarise(report);
          if (report.failedDeliveries.length || report.feeds.some((f) => f.status === 'error')) process.exitCode = 1;
          return;
        }
        const abort = new AbortController();
        process.once('SIGINT', () => abort.abort());
        process.once('SIGTERM', () => abort.abort());
        if (!flags.quiet) process.stderr.write(`armscope watch: ${feeds.length} feed(s), ${rules.length} rule(s), every ${interval} s on ${store.location}${queue ? ` (new items queued on ${queue.label})` : ''}; Ctrl-C stops\n`);
        await watcher.run(interval * 1000, abort.signal, summarise);
      } finally {
        await queue?.close(5000);
        await store.close();
      }
    });
}
