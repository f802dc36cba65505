/**
 * Screening over HTTP: `POST /api/match` in the request and response shape of OpenSanctions' yente `/match`
 * (a read: nothing is stored), `POST /api/screen` (a parts file as the body; a write, since each run is
 * recorded in the audit trail, so it needs the token), `GET /api/lists` (the loaded list versions and recent
 * runs). Each calls the core `armscope match`, `armscope screen` and `armscope lists` call.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { InputError, NotFoundError } from '../../errors.js';
import { currentIndex } from '../../screen/index-cache.js';
import { DEFAULT_CUTOFF, DEFAULT_THRESHOLD, matchQuery } from '../../screen/match.js';
import { readParts } from '../../screen/parts.js';
import { renderCsv, renderHtml } from '../../screen/report.js';
import { screenParts } from '../../screen/screen.js';
import { loadConfig } from '../../config.js';
import type { ApiContext } from '../context.js';
import { ERROR_RESPONSES, ErrorSchema } from '../schemas.js';

const score = z.coerce.number().min(0).max(1);

const MatchQuerySchema = z.object({
  schema: z.string().openapi({ example: 'Company' }),
  properties: z.record(z.string(), z.array(z.string())).openapi({ example: { name: ['Zala Aero LLC'], country: ['ru'] } }),
}).openapi('MatchQuery');

const MatchBodySchema = z.object({
  queries: z.record(z.string(), MatchQuerySchema).refine((q) => Object.keys(q).length > 0, 'at least one query'),
}).openapi('MatchRequest');

const MatchResultSchema = z.object({
  id: z.string(), caption: z.string(), schema: z.string(),
  properties: z.object({ name: z.array(z.string()), country: z.array(z.string()), topics: z.array(z.string()) }),
  datasets: z.array(z.string()), target: z.boolean(), score: z.number(), match: z.boolean(),
  features: z.record(z.string(), z.number()),
  explanation: z.object({
    query_name: z.string(), query_normalised: z.string(), matched_name: z.string(), matched_normalised: z.string(),
    words: z.array(z.object({ query: z.string(), listed: z.string().nullable(), similarity: z.number(), weight: z.number() })),
    query_coverage: z.number(), listed_coverage: z.number(), notes: z.array(z.string()),
  }),
  list: z.string(), list_version: z.string(),
}).openapi('MatchResult');

const ListVersionSchema = z.object({
  list: z.string(), version: z.string(), file: z.string(), format: z.enum(['ftm', 'simple-csv']), sha256: z.string(), entities: z.number().int(), loadedAt: z.string(),
}).openapi('ListVersion');

const MatchResponseSchema = z.object({
  responses: z.record(z.string(), z.object({
    status: z.literal(200), results: z.array(MatchResultSchema), total: z.object({ value: z.number().int(), relation: z.literal('eq') }),
    query: MatchQuerySchema.extend({ normalised: z.object({ names: z.array(z.string()), legal_forms: z.array(z.string()) }) }),
  })),
  limit: z.number().int(),
  matcher: z.object({ threshold: z.number(), cutoff: z.number(), lists: z.array(ListVersionSchema) }),
}).openapi('MatchResponse');

const ScreenRunSchema = z.object({
  id: z.string(), file: z.string(), sha256: z.string(), startedAt: z.string(), lines: z.number().int(),
  levels: z.object({ high: z.number().int(), medium: z.number().int(), low: z.number().int(), none: z.number().int() }),
  lists: z.array(z.object({ list: z.string(), version: z.string(), sha256: z.string() })), chpl: z.string(), threshold: z.number(),
}).openapi('ScreenRun');

const ReasonSchema = z.object({
  kind: z.string(), level: z.enum(['high', 'medium', 'low']), field: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()),
}).openapi('ScreenReason');

const ScreenReportSchema = z.object({
  run: ScreenRunSchema,
  file: z.object({ name: z.string(), format: z.enum(['csv', 'xlsx']), columns: z.record(z.string(), z.string()), ignored: z.array(z.string()) }),
  lists: z.array(ListVersionSchema),
  chpl: z.object({ version: z.string(), file: z.string() }),
  threshold: z.number(),
  lines: z.array(z.object({
    line: z.number().int(), values: z.record(z.string(), z.string()), level: z.enum(['high', 'medium', 'low', 'none']),
    reasons: z.array(ReasonSchema), hs: z.string().nullable(), components: z.array(z.string()),
  })),
  warnings: z.array(z.string()),
}).openapi('ScreenReport');

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const match = createRoute({
  method: 'post', path: '/api/match', tags: ['screening'],
  summary: 'Match parties against the loaded sanctions lists, in the request and response shape of yente’s /match: each result with score, match and features, and why',
  request: {
    query: z.object({
      threshold: score.optional().openapi({ description: `score at or above which a result is a match (default ARMSCOPE_MATCH_THRESHOLD or ${DEFAULT_THRESHOLD})` }),
      cutoff: score.optional().openapi({ description: `results below this are left out (default ${DEFAULT_CUTOFF})` }),
      limit: z.coerce.number().int().min(1).max(100).default(5),
    }),
    body: { content: { 'application/json': { schema: MatchBodySchema } }, required: true },
  },
  responses: { 200: { content: { 'application/json': { schema: MatchResponseSchema } }, description: 'one response per query key' }, ...ERROR_RESPONSES },
});

const matchDataset = createRoute({
  method: 'post', path: '/api/match/{dataset}', tags: ['screening'],
  summary: 'As POST /api/match, at the path yente clients call (`/match/{dataset}`): `default` matches every loaded list, a list name only that list',
  request: {
    params: z.object({ dataset: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).openapi({ example: 'default' }) }),
    query: match.request!.query!,
    body: match.request!.body!,
  },
  responses: {
    200: { content: { 'application/json': { schema: MatchResponseSchema } }, description: 'one response per query key' },
    404: { content: { 'application/json': { schema: ErrorSchema } }, description: 'no list of that name is loaded' },
    ...ERROR_RESPONSES,
  },
});

const screen = createRoute({
  method: 'post', path: '/api/screen', tags: ['screening'],
  summary: 'Screen a parts file sent as the body (text/csv or xlsx) and record the run; the report as JSON, CSV or HTML (needs the bearer token)',
  security: [{ bearer: [] }],
  request: {
    query: z.object({
      name: z.string().max(200).optional().openapi({ description: 'the file name the report and audit trail show', example: 'parts.csv' }),
      format: z.enum(['json', 'csv', 'html']).default('json'),
      threshold: score.optional(),
      sheet: z.string().max(100).optional().openapi({ description: 'xlsx: the sheet to read (default the first)' }),
    }),
    body: {
      content: { 'text/csv': { schema: z.string() }, [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } },
      required: false,
    },
  },
  responses: {
    200: { content: { 'application/json': { schema: ScreenReportSchema }, 'text/csv': { schema: z.string() }, 'text/html': { schema: z.string() } }, description: 'the screening report' },
    401: { content: { 'application/json': { schema: ErrorSchema } }, description: 'no bearer token, or the wrong one' },
    403: { content: { 'application/json': { schema: ErrorSchema } }, description: 'read-only server, or no token configured' },
    413: { content: { 'application/json': { schema: ErrorSchema } }, description: 'request body over the limit' },
    422: { content: { 'application/json': { schema: ErrorSchema } }, description: 'not a parts file: missing columns (each named), malformed CSV, unreadable workbook' },
    ...ERROR_RESPONSES,
  },
});

const lists = createRoute({
  method: 'get', path: '/api/lists', tags: ['screening'],
  summary: 'The loaded sanctions-list versions and the latest screening runs (the audit trail: which list versions screened which file)',
  request: { query: z.object({ runs: z.coerce.number().int().min(0).max(500).default(20) }) },
  responses: {
    200: { content: { 'application/json': { schema: z.object({ lists: z.array(ListVersionSchema), runs: z.array(ScreenRunSchema) }).openapi('ScreenLists') } }, description: 'lists and runs' },
    ...ERROR_RESPONSES,
  },
});

export function screenRoutes(app: OpenAPIHono, ctx: ApiContext) {
  const answer = async (q: { threshold?: number; cutoff?: number; limit: number }, body: z.infer<typeof MatchBodySchema>, dataset?: string) => {
    const threshold = q.threshold ?? loadConfig().matchThreshold ?? DEFAULT_THRESHOLD;
    const cutoff = Math.min(q.cutoff ?? DEFAULT_CUTOFF, threshold);
    const { index, versions } = await currentIndex(ctx.store);
    const list = dataset === undefined || dataset === 'default' ? undefined : dataset;
    if (list !== undefined && !versions.some((v) => v.list === list)) {
      throw new NotFoundError(`no list "${list}" is loaded (loaded: ${versions.map((v) => v.list).join(', ') || 'none'}); default matches them all`, { dataset: list });
    }
    const responses = Object.fromEntries(Object.entries(body.queries).map(([key, query]) => [key, matchQuery(index, query, { threshold, cutoff, limit: q.limit, list })]));
    return { responses, limit: q.limit, matcher: { threshold, cutoff, lists: list === undefined ? versions : versions.filter((v) => v.list === list) } };
  };

  app.openapi(match, async (c) => c.json(await answer(c.req.valid('query'), c.req.valid('json')), 200));
  app.openapi(matchDataset, async (c) => c.json(await answer(c.req.valid('query'), c.req.valid('json'), c.req.valid('param').dataset), 200));

  app.openapi(screen, async (c) => {
    const q = c.req.valid('query');
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (!bytes.length) throw new InputError('request body', 'empty: send the parts file (CSV or xlsx) as the body');
    const type = c.req.header('content-type') ?? '';
    const name = q.name ?? (type.includes('spreadsheetml') ? 'upload.xlsx' : 'upload.csv');
    const parts = await readParts(bytes, name, { sheet: q.sheet });
    const { index, versions } = await currentIndex(ctx.store);
    const config = loadConfig();
    const report = await screenParts(ctx.store, parts, bytes, { index, versions, chplFile: config.chpl, threshold: q.threshold ?? config.matchThreshold });
    if (q.format === 'csv') return c.body(renderCsv(report), 200, { 'content-type': 'text/csv; charset=utf-8' });
    if (q.format === 'html') {
      return c.body(renderHtml(report), 200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
    }
    return c.json(report as z.infer<typeof ScreenReportSchema>, 200);
  });

  app.openapi(lists, async (c) => {
    const q = c.req.valid('query');
    return c.json({ lists: await ctx.store.listScreenLists(), runs: await ctx.store.listScreenRuns(q.runs) }, 200);
  });
}
