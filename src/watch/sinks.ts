/**
 * Where alerts go: standard output (a line an analyst reads), a JSON Lines file (one alert per line, for
 * other tools) and webhooks (the alert's JSON POSTed, retried with a doubling wait, optionally signed with
 * an HMAC-SHA256 of the body in `X-Armscope-Signature: sha256=<hex>`). Each sink has a stable name: an
 * alert is owed to the sinks configured when it was raised, and the store crosses off each sink that took
 * it, so a restart sends each alert only where it has not gone (a sink added later gets only newer alerts).
 */
import { createHmac } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DeliveryError } from '../errors.js';
import type { Alert } from './evaluate.js';

export interface AlertSink {
  /** `stdout`, `jsonl:PATH`, `webhook:URL`. */
  readonly name: string;
  send(alert: Alert, body: string): Promise<void>;
}

/** How an alert reads on a terminal: rule, parties and goods, status, the sentence, the link. */
export function alertLine(a: Alert): string {
  const e = a.event;
  const what = `${e.supplier ?? '?'} → ${e.recipient ?? '?'} ${e.system ?? e.category ?? 'goods'}`;
  const status = a.change ? `${a.change.from} → ${a.change.to}` : `${e.status ?? ''}${e.hedged ? ' (hedged)' : ''}`;
  const where = a.source.url ?? a.source.publisher;
  return `[${a.rule.id}] ${what} [${status}] ${a.source.published ?? 'undated'} ${a.source.publisher}: “${a.evidence}” ${where}`;
}

export function stdoutSink(write: (line: string) => void = (line) => process.stdout.write(line)): AlertSink {
  return { name: 'stdout', send: async (alert) => write(`${alertLine(alert)}\n`) };
}

export function jsonlSink(path: string): AlertSink {
  return {
    name: `jsonl:${path}`,
    async send(_alert, body) {
      await mkdir(dirname(path), { recursive: true });
      await appendFile(path, `${body}\n`);
    },
  };
}

export interface WebhookOptions {
  /** Key of the HMAC-SHA256 signature header; unsigned without one. */
  secret?: string;
  /** Attempts in all (default 5). */
  attempts?: number;
  /** Wait before the second attempt, doubled before each next one (default 1000 ms). */
  backoffMs?: number;
  timeoutMs?: number;
  userAgent?: string;
}

/** The signature header value of a body: `sha256=` and the hex HMAC. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @example webhookSink('https://hooks.example/armscope', { secret: process.env.ARMSCOPE_WEBHOOK_SECRET })
 */
export function webhookSink(url: string, options: WebhookOptions = {}): AlertSink {
  const { attempts = 5, backoffMs = 1000, timeoutMs = 10_000 } = options;
  return {
    name: `webhook:${url}`,
    async send(alert, body) {
      const headers: Record<string, string> = {
        'content-type': 'application/json', 'user-agent': options.userAgent ?? 'armscope-watch/0.1', 'x-armscope-alert': alert.id,
      };
      if (options.secret) headers['x-armscope-signature'] = signature(options.secret, body);
      let last = '';
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(timeoutMs) });
          await response.body?.cancel();
          if (response.ok) return;
          last = `HTTP ${response.status}`;
        } catch (error) {
          last = (error as Error).name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : String((error as Error).cause ?? (error as Error).message);
        }
        if (attempt < attempts) await sleep(backoffMs * 2 ** (attempt - 1));
      }
      throw new DeliveryError(`webhook ${url} did not take alert ${alert.id} after ${attempts} attempts (last: ${last}); it is sent again next poll`, { url, alert: alert.id });
    },
  };
}
