/**
 * The reference layer: `/api/reference` (the imported SIPRI register's deals), `/api/comparison` (every
 * transfer record classed against it, and the deals no record matched) and `POST /api/reference/import`.
 * Each calls the core the command line calls: `compareWithReference` as `armscope reference` does, and
 * `importSipriFile` as `armscope import sipri` does, so the two never disagree.
 */
import { readFile } from 'node:fs/promises';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { InputError, NotFoundError, ValidationError } from '../../errors.js';
import { toCsv } from '../../analyse/export.js';
import { compareWithReference } from '../../reference/compare.js';
import { importSipriFile } from '../../reference/import.js';
import { COMPARISON_COLUMNS, comparisonRows } from '../../reference/rows.js';
import { sipriFromBytes } from '../../reference/sipri.js';
import { SIPRI_SOURCE } from '../../reference/sipri-map.js';
import type { ReferenceFilter, ReferenceRecord } from '../../reference/types.js';
import { confinedPath } from '../security.js';
import { csvResponse, flag, pageOf, wantsCsv, type ApiContext } from '../context.js';
import {
  ComparisonQuery, ComparisonSchema, CSV_CONTENT, ERROR_RESPONSES, ErrorSchema, page, ReferenceImportBodySchema, ReferenceImportResultSchema,
  ReferenceQuery, ReferenceRecordSchema,
} from '../schemas.js';

const NO_REGISTER = { 404: { content: { 'application/json': { schema: ErrorSchema } }, description: 'no SIPRI register imported' } } as const;

const list = createRoute({
  method: 'get', path: '/api/reference', tags: ['reference'],
  summary: 'Deals of the imported SIPRI trade register in file order; reported=false for those no transfer record was matched to',
  request: { query: ReferenceQuery },
  responses: {
    200: { content: { 'application/json': { schema: page(ReferenceRecordSchema, 'ReferenceRecordPage') }, ...CSV_CONTENT }, description: 'a page of deals (CSV: one line per deal)' },
    ...NO_REGISTER, ...ERROR_RESPONSES,
  },
});

const comparison = createRoute({
  method: 'get', path: '/api/comparison', tags: ['reference'],
  summary: 'Transfer records against the SIPRI register (matched, status-differs, reported-not-in-reference) and the register’s deals without reporting (reference-only)',
  request: { query: ComparisonQuery },
  responses: {
    200: { content: { 'application/json': { schema: ComparisonSchema }, ...CSV_CONTENT }, description: 'the counts and a page of rows (CSV: the rows, as `armscope reference --format csv`)' },
    ...NO_REGISTER, ...ERROR_RESPONSES,
  },
});

const importRoute = createRoute({
  method: 'post', path: '/api/reference/import', tags: ['reference'],
  summary: 'Import a SIPRI trade-register export, replacing the earlier import: the CSV as the body (text/csv), or {"path"} under the ingest root (needs the bearer token)',
  security: [{ bearer: [] }],
  request: {
    body: {
      content: {
        'application/json': { schema: ReferenceImportBodySchema },
        'text/csv': { schema: z.string().openapi({ description: 'the export itself, within the body limit' }) },
      },
      // Not `required`: with it the JSON schema would be checked against a CSV body too. A request with
      // neither is refused in the handler, naming `path`.
      required: false,
    },
  },
  responses: {
    200: { content: { 'application/json': { schema: ReferenceImportResultSchema } }, description: 'what was imported, and the names that could not be mapped' },
    401: { content: { 'application/json': { schema: ErrorSchema } }, description: 'no bearer token, or the wrong one' },
    403: { content: { 'application/json': { schema: ErrorSchema } }, description: 'read-only server, no token configured, or a path outside the ingest root' },
    413: { content: { 'application/json': { schema: ErrorSchema } }, description: 'request body over the limit' },
    415: { content: { 'application/json': { schema: ErrorSchema } }, description: 'a body neither JSON nor text/csv' },
    422: { content: { 'application/json': { schema: ErrorSchema } }, description: 'not a trade-register export, or a malformed line (named with its line and column)' },
    ...ERROR_RESPONSES,
  },
});

const REFERENCE_COLUMNS = ['id', 'line', 'supplier', 'supplier_name', 'recipient', 'recipient_name', 'designation', 'description', 'system_id', 'category',
  'order_year', 'number_ordered', 'number_delivered', 'delivery_years', 'status', 'supplied_as', 'tiv_unit', 'tiv_total', 'tiv_delivered', 'comments'] as const;

const uncertain = (v: { value: number | null; uncertain: boolean }) => (v.value === null ? null : `${v.value}${v.uncertain ? '?' : ''}`);

/** A deal as one CSV line: the register's `?` written beside its number, as in the export. */
function referenceRow(r: ReferenceRecord): Record<(typeof REFERENCE_COLUMNS)[number], string | number | null> {
  return {
    id: r.id, line: r.line, supplier: r.supplier, supplier_name: r.supplierName, recipient: r.recipient, recipient_name: r.recipientName,
    designation: r.designation, description: r.description, system_id: r.systemId, category: r.category, order_year: uncertain(r.orderYear),
    number_ordered: uncertain(r.numberOrdered), number_delivered: uncertain(r.numberDelivered), delivery_years: r.deliveryYears.join('; '),
    status: r.status, supplied_as: r.suppliedAs, tiv_unit: r.tivUnit, tiv_total: r.tivTotal, tiv_delivered: r.tivDelivered, comments: r.comments,
  };
}

function yearRange(from: number | undefined, to: number | undefined) {
  if (from !== undefined && to !== undefined && from > to) {
    throw new ValidationError(`year_from: ${from} is after year_to ${to}`, { in: 'query', parameter: 'year_from', issues: [{ parameter: 'year_from', message: `after year_to ${to}` }] });
  }
}

async function requireRegister(ctx: ApiContext) {
  const imported = await ctx.store.getReferenceImport(SIPRI_SOURCE);
  if (!imported) throw new NotFoundError('no SIPRI trade register imported: POST /api/reference/import or armscope import sipri FILE first', { source: SIPRI_SOURCE });
  return imported;
}

export function referenceRoutes(app: OpenAPIHono, ctx: ApiContext) {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    yearRange(q.year_from, q.year_to);
    await requireRegister(ctx);
    const filter: ReferenceFilter = {
      source: SIPRI_SOURCE, supplier: q.supplier?.toUpperCase(), recipient: q.recipient?.toUpperCase(), category: q.category,
      systemId: q.system && (q.system.startsWith('system:') ? q.system : `system:${q.system}`), fromYear: q.year_from, toYear: q.year_to,
    };
    const reported = flag(q.reported);
    let rows: ReferenceRecord[];
    if (reported === undefined) {
      rows = await ctx.store.listReferenceRecords({ ...filter, limit: q.limit + 1, offset: q.offset });
    } else {
      // Which deals a record was matched to is the comparison's to say, over the same parties.
      const { records } = await compareWithReference(ctx.store, await ctx.systemLinks(), { supplier: filter.supplier, recipient: filter.recipient });
      const matched = new Set(records.flatMap((r) => (r.reference ? [r.reference.id] : [])));
      rows = (await ctx.store.listReferenceRecords(filter)).filter((r) => matched.has(r.id) === reported).slice(q.offset, q.offset + q.limit + 1);
    }
    const body = pageOf(rows, q.limit, q.offset);
    if (wantsCsv(c, q.format)) return csvResponse(c, toCsv(body.items.map(referenceRow), [...REFERENCE_COLUMNS]));
    return c.json(body, 200);
  });

  app.openapi(comparison, async (c) => {
    const q = c.req.valid('query');
    yearRange(q.year_from, q.year_to);
    await requireRegister(ctx);
    const result = await compareWithReference(ctx.store, await ctx.systemLinks(), {
      supplier: q.supplier?.toUpperCase(), recipient: q.recipient?.toUpperCase(), fromYear: q.year_from, toYear: q.year_to,
    });
    const rows = comparisonRows(result, q.class).slice(q.offset, q.offset + q.limit + 1);
    const body = pageOf(rows, q.limit, q.offset);
    if (wantsCsv(c, q.format)) return csvResponse(c, toCsv(body.items, [...COMPARISON_COLUMNS]));
    return c.json({ ...body, counts: result.counts }, 200);
  });

  app.openapi(importRoute, async (c) => {
    const type = c.req.header('content-type') ?? '';
    let file;
    if (/^text\/csv\b/i.test(type)) {
      const bytes = Buffer.from(await c.req.arrayBuffer());
      if (!bytes.length) throw new InputError('request body', 'empty: send the CSV export as the body');
      file = sipriFromBytes(bytes, 'request body');
    } else {
      // Named by the path as given: errors and the stored import say nothing of where the root lies.
      // Typed as either declared body; a CSV body never reaches here, so this is the JSON one.
      const body = c.req.valid('json') as { path?: string } | string;
      const path = typeof body === 'string' ? body : body.path;
      if (!path) throw new ValidationError('path: give a path under the ingest root as JSON, or send the export as text/csv', { in: 'json', parameter: 'path' });
      file = sipriFromBytes(await readFile(await confinedPath(ctx.options.ingestRoot, path)), path);
    }
    const summary = await importSipriFile(ctx.store, file, await ctx.kb());
    return c.json(summary, 200);
  });
}
