/**
 * The HTTP API: a thin shell over the store and `src/analyse`. Every route is declared with its zod
 * schemas (`schemas.ts`) and `/api/openapi.json` is generated from them; errors become responses in
 * `errors.ts` only. Reads are open (`POST /api/match` among them: it stores nothing); the writes (`POST /api/ingest`,
 * `POST /api/reference/import`, `POST /api/screen`, `POST /api/review/decisions`, `PUT /api/publishers/{publisher}`)
 * need the bearer token.
 *
 * With `webRoot`, the analyst workspace is served at `/` beside it (`web.ts`).
 *
 * Test it in process: `await createApp({ store }).request('/api/records?supplier=RU')`.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { ERROR_RESPONSES, HealthSchema } from './schemas.js';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { etag } from 'hono/etag';
import { PayloadTooLargeError } from '../errors.js';
import { apiContext, type ServeOptions } from './context.js';
import { errorResponse, notFound, validationHook } from './errors.js';
import { requireWriteToken } from './security.js';
import { documentRoutes } from './routes/documents.js';
import { tableRoutes } from './routes/tables.js';
import { entityRoutes } from './routes/entities.js';
import { analysisRoutes } from './routes/analysis.js';
import { ingestRoutes } from './routes/ingest.js';
import { referenceRoutes } from './routes/reference.js';
import { reviewRoutes } from './routes/review.js';
import { exchangeRoutes } from './routes/exchange.js';
import { webRoutes } from './web.js';
import { screenRoutes } from './routes/screen.js';

export type { ServeOptions } from './context.js';

export function createApp(options: ServeOptions): OpenAPIHono {
  const ctx = apiContext(options);
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.onError(errorResponse);
  app.notFound(notFound);

  // No CORS headers at all unless an origin is configured: a page elsewhere cannot read the API from a browser.
  if (options.corsOrigin) app.use('/api/*', cors({ origin: options.corsOrigin, allowMethods: ['GET', 'POST'], allowHeaders: ['Authorization', 'Content-Type'] }));
  // Writes: refused before the body is read.
  app.use('/api/ingest', requireWriteToken(options));
  app.use('/api/reference/import', requireWriteToken(options));
  app.use('/api/review/decisions', requireWriteToken(options));
  app.on(['PUT', 'POST', 'DELETE'], '/api/publishers/*', requireWriteToken(options));
  // Screening records each run (the audit trail): a write. Matching stores nothing: a read.
  app.use('/api/screen', requireWriteToken(options));
  const limit = options.bodyLimit ?? 1024 * 1024;
  app.use('/api/*', bodyLimit({
    maxSize: limit,
    onError: () => { throw new PayloadTooLargeError(`request body over the ${limit} byte limit`, { limit }); },
  }));
  // Reads: an ETag of the body, and clients must revalidate (the store changes with every ingest).
  app.use('/api/*', async (c, next) => {
    await next();
    if (c.req.method === 'GET' && c.res.status === 200) c.header('Cache-Control', 'no-cache');
  });
  app.use('/api/*', etag());

  // One module per group of routes; the reference layer (the SIPRI register, kept in its own store tables)
  // reads records through the same Store as the others.
  app.openapi(createRoute({
    method: 'get', path: '/api/health', tags: ['server'], summary: 'The server is up: its store’s kind and how many documents it holds',
    responses: { 200: { content: { 'application/json': { schema: HealthSchema } }, description: 'up' }, ...ERROR_RESPONSES },
  }), async (c) => c.json({ ok: true, store: ctx.store.kind, documents: await ctx.store.countDocuments() }, 200));
  documentRoutes(app, ctx);
  tableRoutes(app, ctx);
  entityRoutes(app, ctx);
  analysisRoutes(app, ctx);
  ingestRoutes(app, ctx);
  referenceRoutes(app, ctx);
  reviewRoutes(app, ctx);
  exchangeRoutes(app, ctx);
  screenRoutes(app, ctx);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', description: 'ARMSCOPE_TOKEN' });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'armscope API', version: '0.1.0',
      description: 'Arms transfers and military cooperation extracted from open reporting, each fact tied to the sentence that states it.',
    },
  });
  // The workspace last: it answers every path the API does not claim.
  if (options.webRoot) webRoutes(app, options.webRoot);
  return app;
}

