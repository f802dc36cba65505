/** `/api/events` and `/api/records`: the two tables, as JSON pages or CSV; and a record's own mentions. */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { NotFoundError } from '../../errors.js';
import { eventHitRow, EVENT_COLUMNS, RECORD_COLUMNS, recordRow, toCsv } from '../../analyse/export.js';
import { transferRecords } from '../../analyse/records.js';
import { assess, atLeast, gradeBook, type Grade } from '../../review/reliability.js';
import { csvResponse, flag, pageOf, wantsCsv, type ApiContext } from '../context.js';
import { CSV_CONTENT, ERROR_RESPONSES, ErrorSchema, EventRowSchema, EventsQuery, IdParam, page, RecordsQuery, RecordWithReferenceSchema } from '../schemas.js';
import { classifyRecords, type RecordComparison } from '../../reference/compare.js';
import { SIPRI_SOURCE } from '../../reference/sipri-map.js';
import type { TransferRecord } from '../../resolve/transfers.js';

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
    200: { content: { 'application/json': { schema: page(RecordWithReferenceSchema, 'RecordPage') }, ...CSV_CONTENT }, description: 'a page of records (CSV: one line per record)' },
    ...ERROR_RESPONSES,
  },
});

const record = createRoute({
  method: 'get', path: '/api/records/{id}', tags: ['records'],
  summary: 'One transfer record by its id',
  request: { params: IdParam },
  responses: {
    200: { content: { 'application/json': { schema: RecordWithReferenceSchema } }, description: 'the record' },
    404: { content: { 'application/json': { schema: ErrorSchema } }, description: 'no such record' },
    ...ERROR_RESPONSES,
  },
});

const mentions = createRoute({
  method: 'get', path: '/api/records/{id}/mentions', tags: ['records'],
  summary: 'The stored mentions a transfer record was assembled from, each with its confidence, rule, cue words and sentence',
  request: { params: IdParam },
  responses: {
    200: { content: { 'application/json': { schema: z.object({ items: z.array(EventRowSchema) }).openapi('RecordMentions') } }, description: 'the mentions, newest document first' },
    404: { content: { 'application/json': { schema: ErrorSchema } }, description: 'no such record' },
    ...ERROR_RESPONSES,
  },
});

const confidence = createRoute({
  method: 'get', path: '/api/records/confidence', tags: ['records'],
  summary: 'For each of up to 500 records, how likely its mentions are to be right: the best and lowest confidence of its stored mentions',
  request: {
    query: z.object({
      ids: z.string().regex(/^[0-9a-f]{1,64}(,[0-9a-f]{1,64}){0,499}$/, 'up to 500 record ids, comma-separated').openapi({ description: 'record ids, comma-separated' }),
    }),
  },
  responses: {
    200: {
      content: { 'application/json': { schema: z.object({ items: z.array(z.object({ id: z.string(), mentions: z.number().int(), best: z.number().nullable(), lowest: z.number().nullable() })) }).openapi('RecordConfidence') } },
      description: 'one item per known id, in the order asked (unknown ids are left out)',
    },
    ...ERROR_RESPONSES,
  },
});

/** Confidence of every stored transfer mention of the records' pairs, by mention id: one query per pair. */
async function mentionConfidence(ctx: ApiContext, records: TransferRecord[]): Promise<Map<string, number>> {
  const pairs = new Map(records.map((r) => [`${r.supplier}>${r.recipient}`, r]));
  const out = new Map<string, number>();
  for (const r of pairs.values()) {
    const hits = await ctx.store.findEvents({ kind: 'transfer', supplier: r.supplier, recipient: r.recipient, includeHypothetical: true, includeDuplicates: true, limit: 1_000_000 });
    for (const e of hits) out.set(e.id, e.confidence);
  }
  return out;
}

const referenceOf = (c: RecordComparison) => ({ class: c.class, referenceId: c.reference?.id ?? null, goods: c.goods, reason: c.reason });

/** Records with their class against the imported register (`reference: null` for each when none is imported). */
async function withReference(ctx: ApiContext, records: TransferRecord[], minGrade?: Grade) {
  const gradeOf = gradeBook(await ctx.store.publisherGrades());
  const assessed = records.map((r) => ({ ...r, assessment: assess(r, gradeOf, minGrade) }));
  if (!records.length || !(await ctx.store.getReferenceImport(SIPRI_SOURCE))) return assessed.map((r) => ({ ...r, reference: null }));
  const classes = await classifyRecords(ctx.store, await ctx.systemLinks(), records);
  return assessed.map((r, i) => ({ ...r, reference: referenceOf(classes[i]) }));
}

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
    const filter = {
      supplier: q.supplier, recipient: q.recipient, country: q.country, category: q.category, system: q.system, status: q.status,
      yearFrom: q.year_from, yearTo: q.year_to, minCorroboration: q.min_corroboration, conflicts: flag(q.conflicts), order: q.sort,
    };
    let rows;
    const graded = q.min_grade !== undefined || q.reliability !== undefined || q.max_credibility !== undefined;
    if (q.reference === undefined && !graded) {
      rows = await withReference(ctx, await transferRecords(ctx.store, { ...filter, limit: q.limit + 1, offset: q.offset }, q.min_confidence));
    } else {
      // Neither the class nor the grades are kept in the store: every record of the other filters is judged, then paged.
      if (q.reference !== undefined && !(await ctx.store.getReferenceImport(SIPRI_SOURCE))) {
        throw new NotFoundError('reference: no SIPRI trade register imported to compare with', { parameter: 'reference', source: SIPRI_SOURCE });
      }
      rows = (await withReference(ctx, await transferRecords(ctx.store, { ...filter, minCorroboration: q.min_grade ? undefined : filter.minCorroboration }, q.min_confidence), q.min_grade))
        .filter((r) => (q.reference === undefined || r.reference?.class === q.reference)
          && (q.min_grade === undefined || r.assessment.gradedCorroboration >= (q.min_corroboration ?? 1))
          && (q.reliability === undefined || atLeast(r.assessment.reliability, q.reliability))
          && (q.max_credibility === undefined || r.assessment.credibility <= q.max_credibility))
        .slice(q.offset, q.offset + q.limit + 1);
    }
    const body = pageOf(rows, q.limit, q.offset);
    if (wantsCsv(c, q.format)) {
      return csvResponse(c, toCsv(body.items.map((r) => ({ ...recordRow(r), reference: r.reference?.class ?? '', reference_id: r.reference?.referenceId ?? '' })),
        [...RECORD_COLUMNS, 'reference', 'reference_id']));
    }
    return c.json(body, 200);
  });

  // Before `/api/records/{id}`, which would take "confidence" for an id.
  app.openapi(confidence, async (c) => {
    const ids = [...new Set(c.req.valid('query').ids.split(','))];
    const records = (await Promise.all(ids.map((id) => ctx.store.getTransferRecord(id)))).filter((r): r is TransferRecord => r !== undefined);
    const known = await mentionConfidence(ctx, records);
    return c.json({
      items: records.map((r) => {
        const values = r.mentionIds.map((id) => known.get(id)).filter((v): v is number => v !== undefined);
        return { id: r.id, mentions: values.length, best: values.length ? Math.max(...values) : null, lowest: values.length ? Math.min(...values) : null };
      }),
    }, 200);
  });

  app.openapi(record, async (c) => {
    const { id } = c.req.valid('param');
    const found = await ctx.store.getTransferRecord(id);
    if (!found) throw new NotFoundError(`no transfer record ${id}`, { id });
    return c.json((await withReference(ctx, [found]))[0], 200);
  });

  app.openapi(mentions, async (c) => {
    const { id } = c.req.valid('param');
    const found = await ctx.store.getTransferRecord(id);
    if (!found) throw new NotFoundError(`no transfer record ${id}`, { id });
    // A record keeps its mentions' ids; the pair's transfer events hold them (variants and categories folded into
    // the record carry other goods, so the goods are not a filter here).
    const wanted = new Set(found.mentionIds);
    const hits = await ctx.store.findEvents({ kind: 'transfer', supplier: found.supplier, recipient: found.recipient, includeHypothetical: true, includeDuplicates: true, limit: 1_000_000 });
    return c.json({ items: hits.filter((e) => wanted.has(e.id)).map(eventHitRow) }, 200);
  });
}
