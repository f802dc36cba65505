/**
 * `/api/export/{what}` and `/api/brief`: the exports and briefs `armscope export` and `armscope brief`
 * write, from the same core functions (`exportText`, `buildBrief` and its renderers). PDF briefs stay on
 * the command line: printing needs a browser process per request, which a read endpoint should not start.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { ValidationError } from '../../errors.js';
import { exportText } from '../../analyse/export.js';
import { buildBrief } from '../../analyse/brief.js';
import { renderHtml, renderMarkdown } from '../../analyse/brief-render.js';
import type { ApiContext } from '../context.js';
import { COUNTRY, ERROR_RESPONSES } from '../schemas.js';

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

const MEDIA: Record<string, string> = {
  csv: 'text/csv; charset=utf-8', json: 'application/json; charset=utf-8', jsonl: 'application/x-ndjson; charset=utf-8',
  geojson: 'application/geo+json; charset=utf-8', stix: 'application/stix+json;version=2.1; charset=utf-8', ftm: 'application/x-ndjson; charset=utf-8',
};

const exportRoute = createRoute({
  method: 'get', path: '/api/export/{what}', tags: ['exports'],
  summary: 'Transfer records as CSV, JSON or JSONL; the map as GeoJSON; a STIX 2.1 bundle; FollowTheMoney entities (one JSON object per line)',
  request: {
    params: z.object({ what: z.enum(['records', 'geojson', 'stix', 'ftm']).openapi({ param: { name: 'what', in: 'path' }, example: 'stix' }) }),
    query: z.object({
      supplier: COUNTRY.optional(), recipient: COUNTRY.optional(), country: COUNTRY.optional(),
      format: z.enum(['jsonl', 'json', 'csv']).default('json').openapi({ description: 'records only' }),
      min_confidence: z.coerce.number().min(0).max(1).optional(),
    }),
  },
  responses: {
    200: {
      content: {
        'application/json': { schema: z.unknown() }, 'text/csv': { schema: z.string() }, 'application/x-ndjson': { schema: z.string() },
        'application/geo+json': { schema: z.unknown() }, 'application/stix+json': { schema: z.unknown() },
      },
      description: 'the export, in the media type of its format',
    },
    ...ERROR_RESPONSES,
  },
});

const briefRoute = createRoute({
  method: 'get', path: '/api/brief', tags: ['exports'],
  summary: 'An analyst’s brief on a country, a supplier or a system since a date, every claim with numbered citations (Markdown or HTML)',
  request: {
    query: z.object({
      country: COUNTRY.optional(), supplier: COUNTRY.optional(), system: z.string().regex(/^(system:)?[a-z0-9][a-z0-9-]*$/).optional(),
      since: DAY, until: DAY.optional().openapi({ description: 'default today' }),
      format: z.enum(['md', 'html']).default('md'),
    }),
  },
  responses: {
    200: { content: { 'text/markdown': { schema: z.string() }, 'text/html': { schema: z.string() } }, description: 'the brief' },
    ...ERROR_RESPONSES,
  },
});

export function exchangeRoutes(app: OpenAPIHono, ctx: ApiContext) {
  app.openapi(exportRoute, async (c) => {
    const { what } = c.req.valid('param');
    const q = c.req.valid('query');
    const filter = { supplier: q.supplier?.toUpperCase(), recipient: q.recipient?.toUpperCase(), country: q.country?.toUpperCase() };
    const body = await exportText(ctx.store, what, { format: q.format, filter, minConfidence: q.min_confidence });
    return c.body(body, 200, { 'content-type': MEDIA[what === 'records' ? q.format : what] }) as never;
  });

  app.openapi(briefRoute, async (c) => {
    const q = c.req.valid('query');
    const scopes = [q.country, q.supplier, q.system].filter(Boolean).length;
    if (scopes !== 1) throw new ValidationError('name exactly one of country, supplier or system', { parameter: 'country' });
    const brief = await buildBrief({
      store: ctx.store, kb: await ctx.kb(), since: q.since, until: q.until ?? ctx.today(),
      scope: { country: q.country?.toUpperCase(), supplier: q.supplier?.toUpperCase(), system: q.system },
    });
    if (q.format === 'html') {
      // The page holds article text: it may load nothing and run nothing, whoever serves it.
      return c.body(await renderHtml(brief), 200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; img-src data:; style-src 'unsafe-inline'" }) as never;
    }
    return c.body(renderMarkdown(brief), 200, { 'content-type': 'text/markdown; charset=utf-8' }) as never;
  });
}
