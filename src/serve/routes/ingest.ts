/**
 * `POST /api/ingest`: one article's text, a URL the server fetches, or a file or folder under the ingest
 * root. The one write endpoint: token, read-only switch and body limit are checked before it runs
 * (`../app.ts`); URLs go through the same guarded fetcher as the command line (private addresses refused).
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { InputError } from '../../errors.js';
import { emptySummary, ingest, ingestArticle, type IngestOptions, type IngestResult } from '../../ingest/pipeline.js';
import type { Extractor } from '../../jobs/extractor.js';
import { confinedPath } from '../security.js';
import type { ApiContext } from '../context.js';
import { ERROR_RESPONSES, ErrorSchema, IngestBodySchema, IngestResultSchema } from '../schemas.js';

const route = createRoute({
  method: 'post', path: '/api/ingest', tags: ['ingest'],
  summary: 'Store and extract an article: text, a URL, or a path under the ingest root (needs the bearer token)',
  security: [{ bearer: [] }],
  request: { body: { content: { 'application/json': { schema: IngestBodySchema } }, required: true } },
  responses: {
    200: { content: { 'application/json': { schema: IngestResultSchema } }, description: 'what was stored; failed inputs are listed with their reason' },
    401: { content: { 'application/json': { schema: ErrorSchema } }, description: 'no bearer token, or the wrong one' },
    403: { content: { 'application/json': { schema: ErrorSchema } }, description: 'read-only server, no token configured, or a path outside the ingest root' },
    413: { content: { 'application/json': { schema: ErrorSchema } }, description: 'request body over the limit' },
    422: { content: { 'application/json': { schema: ErrorSchema } }, description: 'nothing could be stored: a refused or failed URL, an unreadable file' },
    ...ERROR_RESPONSES,
  },
});

export function ingestRoutes(app: OpenAPIHono, ctx: ApiContext) {
  let extractor: Promise<Extractor> | undefined;
  app.openapi(route, async (c) => {
    const body = c.req.valid('json');
    const results: IngestResult[] = [];
    extractor ??= import('../../jobs/extractor.js').then((m) => m.createExtractor());
    const options: IngestOptions = {
      extract: await extractor, allowPrivate: ctx.options.allowPrivate ?? false, maxBytes: ctx.options.maxBytes,
      timeoutMs: ctx.options.fetchTimeoutMs, onResult: (r) => results.push(r),
    };
    let summary;
    if (body.text !== undefined) {
      summary = emptySummary();
      summary.inputs = 1;
      summary.bytes = Buffer.byteLength(body.text);
      await ingestArticle({ source: body.source ?? 'api', title: body.title, published: body.published, body: body.text, format: 'text' }, ctx.store, options, summary);
      await ctx.store.refreshRecords();
    } else {
      const input = body.url ?? await confinedPath(ctx.options.ingestRoot, body.path!);
      summary = await ingest([input], ctx.store, options);
    }
    const { errors, ...counts } = summary;
    // Nothing stored: the request failed as a whole (a refused URL, an unreadable file), so say it with a status.
    if (errors.length && errors.length === results.length) throw new InputError(errors[0].source, errors[0].error, { failed: errors });
    return c.json({
      summary: counts,
      results: results.map((r) => (r.ok ? { ok: true, source: r.source, id: r.id, status: r.status, duplicateOf: r.duplicateOf } : r)),
    }, 200);
  });
}
