/** `/api/countries/{code}`, `/api/network`, `/api/map` and `/api/timeline`: views computed in `src/analyse`. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { NotFoundError } from '../../errors.js';
import { loadCountryProfile } from '../../analyse/profile.js';
import { transferNetwork } from '../../analyse/network.js';
import { transferMap } from '../../analyse/map.js';
import { timeline } from '../../analyse/timeline.js';
import type { ApiContext } from '../context.js';
import { COUNTRY, ERROR_RESPONSES, ErrorSchema, GraphQuery, MapSchema, NetworkSchema, ProfileSchema, TimelineSchema } from '../schemas.js';
import { CATEGORIES } from '../../kb/schema.js';
import { tivBySupplierYear } from '../../reference/compare.js';
import { SIPRI_SOURCE } from '../../reference/sipri-map.js';

const profile = createRoute({
  method: 'get', path: '/api/countries/{code}', tags: ['analysis'],
  summary: 'A country’s profile: imports and exports by partner and year, systems, cooperation, latest reports, changes in the last days',
  request: {
    params: z.object({ code: COUNTRY.openapi({ param: { name: 'code', in: 'path' }, example: 'RS' }) }),
    query: z.object({
      as_of: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().openapi({ description: 'the last day of the "what changed" window (default today)' }),
      days: z.coerce.number().int().min(1).max(3660).default(30).openapi({ description: 'length of the "what changed" window' }),
      systems_limit: z.coerce.number().int().min(0).max(1000).default(100).openapi({ description: 'how many rows of the systems list' }),
      systems_offset: z.coerce.number().int().min(0).default(0).openapi({ description: 'where the systems list starts' }),
    }),
  },
  responses: {
    200: { content: { 'application/json': { schema: ProfileSchema } }, description: 'the profile' },
    404: { content: { 'application/json': { schema: ErrorSchema } }, description: 'no such country in the catalog' },
    ...ERROR_RESPONSES,
  },
});

const network = createRoute({
  method: 'get', path: '/api/network', tags: ['analysis'],
  summary: 'Supplier→recipient edges weighted by their transfer records, and the countries they join',
  request: { query: GraphQuery },
  responses: { 200: { content: { 'application/json': { schema: NetworkSchema } }, description: 'the network' }, ...ERROR_RESPONSES },
});

const map = createRoute({
  method: 'get', path: '/api/map', tags: ['analysis'],
  summary: 'GeoJSON: countries with import and export volumes (at their capitals, keyed by ISO code), production sites, routes as LineStrings',
  request: { query: GraphQuery },
  responses: { 200: { content: { 'application/geo+json': { schema: MapSchema }, 'application/json': { schema: MapSchema } }, description: 'a FeatureCollection' }, ...ERROR_RESPONSES },
});

const timelineRoute = createRoute({
  method: 'get', path: '/api/timeline', tags: ['analysis'],
  summary: 'Dated steps of transfer records’ status histories, in order and counted per year or month',
  request: {
    query: GraphQuery.extend({
      supplier: COUNTRY.optional(),
      recipient: COUNTRY.optional(),
      system: z.string().regex(/^(system:)?[a-z0-9][a-z0-9-]*$/).optional(),
      interval: z.enum(['year', 'month']).default('year'),
    }),
  },
  responses: { 200: { content: { 'application/json': { schema: TimelineSchema } }, description: 'the timeline' }, ...ERROR_RESPONSES },
});

type Graph = { category?: (typeof CATEGORIES)[number]; country?: string; year_from?: number; year_to?: number };
const recordFilter = (q: Graph) => ({ category: q.category, country: q.country, yearFrom: q.year_from, yearTo: q.year_to });

export function analysisRoutes(app: OpenAPIHono, ctx: ApiContext) {
  app.openapi(profile, async (c) => {
    const code = c.req.valid('param').code.toUpperCase();
    const q = c.req.valid('query');
    const { catalog } = await ctx.kb();
    const country = catalog.entities.get(`country:${code}`);
    if (!country) throw new NotFoundError(`no country ${code} in the catalog`, { code });
    const [profile, imported] = await Promise.all([
      loadCountryProfile(ctx.store, { code, name: country.name, asOf: q.as_of ?? ctx.today(), days: q.days, systemsLimit: q.systems_limit, systemsOffset: q.systems_offset }),
      ctx.store.getReferenceImport(SIPRI_SOURCE),
    ]);
    // The register's figures beside the news: what SIPRI counts of the country's imports, by supplier and order year.
    const reference = imported ? { source: imported.source, generated: imported.generated, tivBySupplierYear: await tivBySupplierYear(ctx.store, code) } : null;
    return c.json({ ...profile, reference }, 200);
  });

  app.openapi(network, async (c) => {
    const q = c.req.valid('query');
    const { catalog } = await ctx.kb();
    const pairs = await ctx.store.recordPairs(recordFilter(q));
    return c.json(transferNetwork(pairs, (code) => catalog.entities.get(`country:${code}`)?.name ?? code), 200);
  });

  app.openapi(map, async (c) => {
    const q = c.req.valid('query');
    const { catalog } = await ctx.kb();
    const from = q.year_from === undefined ? undefined : String(q.year_from);
    const to = q.year_to === undefined ? undefined : String(q.year_to);
    const [pairs, productions, routes] = await Promise.all([
      ctx.store.recordPairs(recordFilter(q)),
      ctx.store.findEvents({ kind: 'production', category: q.category, country: q.country, from, to }),
      ctx.store.findEvents({ kind: 'route', category: q.category, country: q.country, from, to }),
    ]);
    // Typed as JSON (checked against MapSchema), sent as GeoJSON's own media type.
    const res = c.json(transferMap({ pairs, productions, routes, catalog }), 200);
    res.headers.set('content-type', 'application/geo+json');
    return res;
  });

  app.openapi(timelineRoute, async (c) => {
    const q = c.req.valid('query');
    const records = await ctx.store.listTransferRecords({ ...recordFilter(q), supplier: q.supplier, recipient: q.recipient, system: q.system });
    return c.json(timeline(records, q.interval), 200);
  });
}
