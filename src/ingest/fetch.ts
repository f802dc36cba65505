/**
 * Fetching articles by URL, defensively: http(s) only, a timeout, a size cap enforced while streaming, a
 * redirect limit with every hop re-checked, a refusal of private, loopback and link-local addresses unless
 * allowed, and a clear error for content that is not text, a feed or a PDF.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { FetchError } from '../errors.js';
import type { InputItem } from './types.js';

export interface FetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  allowPrivate?: boolean;
}

const ACCEPTED = /^(text\/|application\/(xhtml\+xml|xml|rss\+xml|atom\+xml|rdf\+xml|json|x-ndjson|jsonl|pdf))/i;

/** True for addresses a server-side fetch must not reach by default. */
export function isPrivateAddress(address: string): boolean {
  const v = isIP(address);
  if (v === 4) {
    const [a, b] = address.split('.').map(Number);
    return a === 10 || a === 127 || a === 0 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31)
      || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127) || a >= 224;
  }
  if (v === 6) {
    const x = address.toLowerCase();
    if (x.startsWith('::ffff:')) return isPrivateAddress(x.slice(7));
    return x === '::1' || x === '::' || x.startsWith('fc') || x.startsWith('fd') || x.startsWith('fe8') || x.startsWith('fe9')
      || x.startsWith('fea') || x.startsWith('feb') || x.startsWith('ff');
  }
  return true;
}

async function checkHost(url: URL, allowPrivate: boolean) {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError(url.href, `unsupported scheme ${url.protocol}`);
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch((error) => {
    throw new FetchError(url.href, `host not found (${(error as Error).message})`, {}, { cause: error });
  })).map((a) => a.address);
  const blocked = addresses.find(isPrivateAddress);
  if (blocked) throw new FetchError(url.href, `refused: ${host} resolves to a private address (${blocked}); pass --allow-private to fetch it`);
}

export interface ConditionalFetchOptions extends FetchOptions {
  /** Validators of the last answer: sent back as If-None-Match and If-Modified-Since. */
  etag?: string | null;
  lastModified?: string | null;
  userAgent?: string;
}

/** What a conditional fetch got: the content with its new validators, or word that nothing changed. */
export type ConditionalResult =
  | { notModified: true }
  | { notModified: false; item: InputItem; etag: string | null; lastModified: string | null };

export const USER_AGENT = 'armscope/0.1 (+article reader)';

/**
 * Fetches one URL into an input item.
 * @example await fetchUrl('https://example.org/feed.xml', { timeoutMs: 10_000 })
 */
export async function fetchUrl(href: string, options: FetchOptions = {}): Promise<InputItem> {
  const result = await fetchConditional(href, options);
  if (result.notModified) throw new FetchError(href, 'HTTP 304 without a conditional request');
  return result.item;
}

/**
 * Fetches a URL with the validators of an earlier answer: a server that has nothing new answers 304 and
 * sends no body. Every check of `fetchUrl` applies (scheme, private addresses, redirects, size, type).
 * @example await fetchConditional(feed, { etag: '"abc"', userAgent: 'armscope-watch/0.1' }) // { notModified: true }
 */
export async function fetchConditional(href: string, options: ConditionalFetchOptions = {}): Promise<ConditionalResult> {
  const { timeoutMs = 15_000, maxBytes = 20 * 1024 * 1024, maxRedirects = 5, allowPrivate = false } = options;
  let url: URL;
  try { url = new URL(href); } catch { throw new FetchError(href, 'not a valid URL'); }
  const signal = AbortSignal.timeout(timeoutMs);
  const headers: Record<string, string> = {
    'user-agent': options.userAgent ?? USER_AGENT,
    accept: 'text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,application/pdf;q=0.7',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  for (let hop = 0; ; hop++) {
    await checkHost(url, allowPrivate);
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'manual', signal, headers });
    } catch (error) {
      const reason = signal.aborted ? `timed out after ${timeoutMs} ms` : `request failed (${(error as Error).cause ?? (error as Error).message})`;
      throw new FetchError(href, reason, {}, { cause: error });
    }
    if (response.status === 304) { await response.body?.cancel(); return { notModified: true }; }
    if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
      await response.body?.cancel();
      if (hop >= maxRedirects) throw new FetchError(href, `more than ${maxRedirects} redirects`);
      url = new URL(response.headers.get('location')!, url);
      continue;
    }
    if (!response.ok) { await response.body?.cancel(); throw new FetchError(href, `HTTP ${response.status} ${response.statusText}`.trim(), { status: response.status }); }
    const type = response.headers.get('content-type') ?? '';
    if (type && !ACCEPTED.test(type)) { await response.body?.cancel(); throw new FetchError(href, `not text content (${type.split(';')[0]})`); }
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > maxBytes) { await response.body?.cancel(); throw new FetchError(href, `larger than the ${maxBytes} byte cap (${declared} bytes)`); }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        size += chunk.length;
        if (size > maxBytes) throw new FetchError(href, `larger than the ${maxBytes} byte cap`);
        chunks.push(Buffer.from(chunk));
      }
    } catch (error) {
      if (error instanceof FetchError) throw error;
      throw new FetchError(href, signal.aborted ? `timed out after ${timeoutMs} ms` : `download failed (${(error as Error).message})`, {}, { cause: error });
    }
    return {
      notModified: false, item: { name: url.href, bytes: Buffer.concat(chunks), contentType: type || undefined },
      etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified'),
    };
  }
}
