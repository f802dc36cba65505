/** `/api/events` and `/api/records`: the two tables, as JSON pages or CSV. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { NotFoundError } from '../../errors.js';
import { eventHitRow, EVENT_COLUMNS, RECORD_COLUMNS, recordRow, toCsv } from '../../analyse/export.js';
import { transferRecords } from '../../analyse/records.js';
import { csvResponse, flag, pageOf, wantsCsv, type ApiContext } from '../context.js';
import { CSV_CONTENT, ERROR_RESPONSES, ErrorSchema, EventRowSchema, EventsQuery, IdParam, page, RecordSchema, RecordsQuery } from '../schemas.js';

const events = createRoute({
  method: 'get', path: '/api/events', tags: ['events'],
  summary: 'Extracted events, one per stored mention, newest document first',
  request: { query: EventsQuery },
  responses: {
    200: { content: { 'application/json': { schema: page(EventRowSchema, 'EventPage') }, ...CSV_CONTENT }, description: 'a page of events (CSV: the export columns with the event id first)' },
    ...ERROR_RESPONSES,
  },
});

const records = createRoute({
  method: 'get', path: '/api/records', tags: ['records'],
  summary: 'Transfer records merged across documents: status history, sources, corroboration, conflicts',
  request: { query: RecordsQuery },
  responses: {
    200: { content: { 'application/json': { schema: page(RecordSchema, 'RecordPage') }, ...CSV_CONTENT }, description: 'a page of records (CSV: one line per record)' },
    ...ERROR_RESPONSES,
  },
});

const record = createRoute({
  method: 'get', path: '/api/records/{id}', tags: ['records'],
  summary: 'One transfer record by its id',
  request: { params: IdParam },
  responses: {
    200: { content: { 'application/json': { schema: RecordSchema } }, description: 'the record' },
    404: { content: { 'application/json': { schema: ErrorSchema } }, description: 'no such record' },
    ...ERROR_RESPONSES,
  },
});

export function tableRoutes(app: OpenAPIHono, ctx: ApiContext) {
  app.openapi(events, async (c) => {
    const q = c.req.valid('query');
    const hits = await ctx.store.findEvents({
      kind: q.kind, supplier: q.supplier, recipient: q.recipient, country: q.country, system: q.system, category: q.category,
      status: q.status, hedged: flag(q.hedged), includeHypothetical: flag(q.hypothetical), minConfidence: q.min_confidence,
      from: q.from, to: q.to, limit: q.limit + 1, offset: q.offset,
    });
    const body = pageOf(hits.map(eventHitRow), q.limit, q.offset);
    if (wantsCsv(c, q.format)) return csvResponse(c, toCsv(body.items, ['id', ...EVENT_COLUMNS]));
    return c.json(body, 200);
  });

  app.openapi(records, async (c) => {
    const q = c.req.valid('query');
    const rows = await transferRecords(ctx.store, {
      supplier: q.supplier, recipient: q.recipient, country: q.country, category: q.category, system: q.system, status: q.status,
      yearFrom: q.year_from, yearTo: q.year_to, minCorroboration: q.min_corroboration, conflicts: flag(q.conflicts),
      order: q.sort, limit: q.limit + 1, offset: q.offset,
    }, q.min_confidence);
    const body = pageOf(rows, q.limit, q.offset);
    if (wantsCsv(c, q.format)) return csvResponse(c, toCsv(body.items.map(recordRow), RECORD_COLUMNS));
    return c.json(body, 200);
  });

  app.openapi(record, async (c) => {
    const { id } = c.req.valid('param');
    const found = await ctx.store.getTransferRecord(id);
    if (!found) throw new NotFoundError(`no transfer record ${id}`, { id });
    return c.json(found, 200);
  });
}
