/** `/api/entities`, `/api/entities/{id}` and `/api/search`: the catalog and full-text search. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { NotFoundError } from '../../errors.js';
import { eventHitRow, toCsv } from '../../analyse/export.js';
import { matchOffsets, snippet } from '../../analyse/snippets.js';
import { aliasesOf, browseCatalog, searchCatalog } from '../../kb/search.js';
import type { EntityType } from '../../kb/catalog.js';
import { searchWords } from '../../store/search.js';
import { csvResponse, pageOf, wantsCsv, type ApiContext } from '../context.js';
import { COUNTRY, CSV_CONTENT, EntityDetailSchema, EntitySchema, ERROR_RESPONSES, ErrorSchema, FormatQuery, IdParam, page, PageQuery, SearchResultSchema } from '../schemas.js';

const ENTITY_TYPES = ['country', 'system', 'organisation', 'person', 'place', 'bloc'] as const;

const list = createRoute({
  method: 'get', path: '/api/entities', tags: ['entities'],
  summary: 'Catalog entries: browse by type, or search by any alias in any script (Панцирь, Pantsir, pantsir)',
  request: {
    query: PageQuery.merge(FormatQuery).extend({
      q: z.string().min(1).max(200).optional().openapi({ description: 'a name, designation or alias; without it, entries in id order' }),
      type: z.enum(ENTITY_TYPES).optional().openapi({ description: 'only this type (default: countries and systems)' }),
      country: COUNTRY.optional().openapi({ description: 'only entries of this country (a person’s, an organisation’s seat, a system’s origin)' }),
    }),
  },
  responses: { 200: { content: { 'application/json': { schema: page(EntitySchema, 'EntityPage') }, ...CSV_CONTENT }, description: 'a page of entries' }, ...ERROR_RESPONSES },
});

const one = createRoute({
  method: 'get', path: '/api/entities/{id}', tags: ['entities'],
  summary: 'A catalog entry with its aliases, the events that name it and its transfer records (countries and systems)',
  request: { params: IdParam, query: PageQuery.pick({ limit: true }) },
  responses: {
    200: { content: { 'application/json': { schema: EntityDetailSchema } }, description: 'the entry' },
    404: { content: { 'application/json': { schema: ErrorSchema } }, description: 'no such entry' },
    ...ERROR_RESPONSES,
  },
});

const search = createRoute({
  method: 'get', path: '/api/search', tags: ['search'],
  summary: 'Full text over documents (every word, any script or accent) and catalog entries, with plain-text snippets and match offsets',
  request: {
    query: z.object({
      q: z.string().min(1).max(500),
      language: z.string().regex(/^[a-z]{2,3}$/).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
      offset: z.coerce.number().int().min(0).default(0),
    }),
  },
  responses: { 200: { content: { 'application/json': { schema: SearchResultSchema } }, description: 'matching documents and entries' }, ...ERROR_RESPONSES },
});

/** `country:rs` and `country:RS` are one id; other ids are slugs as declared. */
function canonicalId(id: string): string {
  return id.startsWith('country:') ? `country:${id.slice(8).toUpperCase()}` : id;
}

export function entityRoutes(app: OpenAPIHono, ctx: ApiContext) {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const { catalog } = await ctx.kb();
    const types: EntityType[] = q.type ? [q.type] : ['country', 'system'];
    const options = { limit: q.limit + 1, offset: q.offset, types };
    // A country narrows the whole list before paging: the catalog is in memory, and pages stay full.
    const code = q.country?.toUpperCase();
    const rows = code
      ? (q.q ? searchCatalog(catalog, q.q, { types, limit: catalog.entities.size }) : browseCatalog(catalog, { types, limit: catalog.entities.size }))
        .filter((e) => e.country === code).slice(q.offset, q.offset + q.limit + 1)
      : q.q ? searchCatalog(catalog, q.q, options) : browseCatalog(catalog, options);
    const body = pageOf(rows, q.limit, q.offset);
    if (wantsCsv(c, q.format)) return csvResponse(c, toCsv(body.items, ['id', 'type', 'name', 'country', 'category', 'matched']));
    return c.json(body, 200);
  });

  app.openapi(one, async (c) => {
    const id = canonicalId(c.req.valid('param').id);
    const { limit } = c.req.valid('query');
    const { catalog } = await ctx.kb();
    const e = catalog.entities.get(id);
    if (!e) throw new NotFoundError(`no catalog entry ${id}`, { id });
    const code = e.type === 'country' ? e.id.slice(8) : undefined;
    const system = e.type === 'system' ? e.id : undefined;
    const [mentions, records] = code || system
      ? await Promise.all([
        ctx.store.findEvents({ country: code, system, limit }),
        ctx.store.listTransferRecords({ country: code, system, limit }),
      ])
      : [[], []];
    return c.json({
      entity: {
        id: e.id, type: e.type, name: e.name, country: e.country, category: e.category ?? null, source: e.source,
        aliases: aliasesOf(catalog, e.id), lat: e.lat ?? null, lon: e.lon ?? null, parent: e.parent ?? null,
        members: (e.members ?? []).filter((m) => !m.to).map((m) => m.country),
      },
      mentions: mentions.map(eventHitRow),
      records,
    }, 200);
  });

  app.openapi(search, async (c) => {
    const q = c.req.valid('query');
    const docs = await ctx.store.searchDocuments(q.q, { limit: q.limit + 1, offset: q.offset, language: q.language });
    const { items, next } = pageOf(docs, q.limit, q.offset);
    // One query for the page's texts: a document each (with its sentences) cost a round trip per hit.
    const texts = await ctx.store.documentTexts(items.map((d) => d.id));
    const documents = items.map((d) => ({ ...d, titleMatches: d.title ? matchOffsets(d.title, q.q) : [], snippet: snippet(texts.get(d.id) ?? '', q.q) }));
    const { catalog } = await ctx.kb();
    const entities = (q.offset ? [] : searchCatalog(catalog, q.q, { limit: 10 })).map((e) => ({ ...e, matches: matchOffsets(e.matched, q.q) }));
    return c.json({ query: q.q, words: searchWords(q.q), documents, entities, next }, 200);
  });
}
