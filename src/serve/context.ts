/** What every route of the API is given: the store, the catalog, and the server's settings. */
import type { Context } from 'hono';
import type { KnowledgeBase } from '../kb/recognise.js';
import { systemLinks, type SystemLinks } from '../resolve/goods.js';
import type { Store } from '../store/store.js';

export interface ServeOptions {
  store: Store;
  /** Bearer token write requests need; without one the server takes no writes. */
  token?: string;
  /** Refuse every write (403), token or not. */
  readOnly?: boolean;
  /** The one folder ingest by path may read from; without it ingest by path is refused. */
  ingestRoot?: string;
  /** An origin browsers may call the API from (`*` for any); without it no CORS headers are sent. */
  corsOrigin?: string;
  /** Largest request body in bytes (default 1 MB). */
  bodyLimit?: number;
  /** Ingest by URL: reach private and loopback addresses (off by default). */
  allowPrivate?: boolean;
  maxBytes?: number;
  fetchTimeoutMs?: number;
  /** The catalog; the bundled one, loaded on first use, unless given. */
  knowledgeBase?: () => KnowledgeBase;
  /** The built workspace (`dist/web`) to serve at `/`; without it only the API is served. */
  webRoot?: string;
  /** Today, for "the last 30 days" (tests fix it). */
  today?: () => string;
}

export interface ApiContext {
  options: ServeOptions;
  store: Store;
  kb(): Promise<KnowledgeBase>;
  /** The catalog's variant and category links, as the comparison with reference data uses them. */
  systemLinks(): Promise<SystemLinks>;
  today(): string;
  /** A country's English name from the catalog, or its code. */
  countryName(code: string): Promise<string>;
}

export function apiContext(options: ServeOptions): ApiContext {
  let kb: Promise<KnowledgeBase> | undefined;
  const load = () => kb ??= options.knowledgeBase
    ? Promise.resolve(options.knowledgeBase())
    : import('../extract/index.js').then((m) => m.defaultKnowledgeBase());
  return {
    options,
    store: options.store,
    kb: load,
    systemLinks: async () => systemLinks((await load()).catalog),
    today: options.today ?? (() => new Date().toISOString().slice(0, 10)),
    async countryName(code) {
      return (await load()).catalog.entities.get(`country:${code}`)?.name ?? code;
    },
  };
}

/** A page of rows fetched with one row more than asked, so the last page is known without counting. */
export function pageOf<T>(rows: T[], limit: number, offset: number) {
  return { items: rows.slice(0, limit), limit, offset, next: rows.length > limit ? offset + limit : null };
}

/** CSV when asked by `?format=csv` or by an Accept header that names text/csv; JSON otherwise. */
export function wantsCsv(c: Context, format: string | undefined): boolean {
  if (format) return format === 'csv';
  return /\btext\/csv\b/i.test(c.req.header('accept') ?? '');
}

export function csvResponse(c: Context, body: string): Response {
  return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8' });
}

export const flag = (v: 'true' | 'false' | undefined) => (v === undefined ? undefined : v === 'true');
