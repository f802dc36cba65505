/**
 * Review over HTTP: the queue, decisions (a write: bearer token), the log of who decided what, and
 * publishers' reliability grades (setting one is a write). Shells over `src/review`.
 */
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { decideEvent, decideRecord, decisionLog, reviewQueue } from '../../review/review.js';
import { CATEGORIES, TRANSFER_STATUSES } from '../../kb/schema.js';
import type { ApiContext } from '../context.js';
import { pageOf } from '../context.js';
import { COUNTRY, ERROR_RESPONSES, ErrorSchema, page, PageQuery } from '../schemas.js';

const GRADE = z.enum(['A', 'B', 'C', 'D', 'E', 'F']);

const DecisionSchema = z.object({
  id: z.string(), claim: z.string().openapi({ description: 'document|sentence|kind|supplier|recipient|goods: what the decision is about, stable across re-extraction' }),
  eventId: z.string(), documentId: z.string(), pairFrom: z.string(), pairTo: z.string(),
  verdict: z.enum(['confirm', 'reject', 'correct']), fields: z.record(z.string(), z.unknown()), note: z.string().nullable(),
  author: z.string(), decidedAt: z.string(), via: z.string().nullable(),
}).openapi('Decision');

const LoggedDecisionSchema = DecisionSchema.extend({
  state: z.enum(['applied', 'overridden', 'orphaned']).openapi({ description: 'applied; overridden by a later decision on the claim; orphaned: no event makes the claim any more' }),
}).openapi('LoggedDecision');

const DecisionBody = z.object({
  target: z.enum(['event', 'record']).default('event'),
  id: z.string().min(1).max(64),
  verdict: z.enum(['confirm', 'reject', 'correct']),
  fields: z.record(z.string(), z.unknown()).optional().openapi({ description: 'for correct: supplier, recipient, system, category, status, date, quantity, hedged' }),
  note: z.string().max(2000).optional(),
  author: z.string().min(1).max(100),
}).openapi('DecisionRequest');

const nullable = <T extends z.ZodType>(t: T) => t.nullable().optional();

/** The queued event as the store holds it (reviewed values applied), with its document; other event fields pass through. */
const QueueEventSchema = z.looseObject({
  id: z.string(), documentId: z.string(), kind: z.string(), confidence: z.number(), status: z.string().nullable(), hedged: z.boolean(), hypothetical: z.boolean(),
  supplier: nullable(z.string()), recipient: nullable(z.string()), system: nullable(z.string()), systemId: nullable(z.string()), category: nullable(z.string()),
  date: nullable(z.string()), quantity: nullable(z.number()), value: nullable(z.number()), currency: nullable(z.string()),
  evidence: z.object({ sentence: z.number().int(), start: z.number().int(), end: z.number().int(), text: z.string(), cues: z.array(z.string()), rule: z.string() }),
  document: z.object({ source: z.string(), url: z.string().nullable(), title: z.string().nullable(), published: z.string().nullable() }),
}).openapi('QueueEvent');

const QueueItemSchema = z.object({
  event: QueueEventSchema.openapi({ description: 'the event as extracted, with its document' }),
  priority: z.number(), reasons: z.array(z.string()),
}).openapi('QueueItem');

const GradeSchema = z.object({ publisher: z.string(), grade: GRADE, note: z.string().nullable(), author: z.string(), gradedAt: z.string() }).openapi('PublisherGrade');

const WRITE_ERRORS = {
  401: { content: { 'application/json': { schema: ErrorSchema } }, description: 'no bearer token, or the wrong one' },
  403: { content: { 'application/json': { schema: ErrorSchema } }, description: 'read-only server, or no token configured' },
  404: { content: { 'application/json': { schema: ErrorSchema } }, description: 'no such event or record' },
};

const queue = createRoute({
  method: 'get', path: '/api/review/queue', tags: ['review'],
  summary: 'Events not yet reviewed, those that most deserve a look first (weak readings, disputed claims, a first report, large deals), with progress',
  request: {
    query: PageQuery.extend({
      supplier: COUNTRY.optional(), recipient: COUNTRY.optional(), country: COUNTRY.optional(),
      category: z.enum(CATEGORIES).optional(), status: z.enum(TRANSFER_STATUSES).optional(),
    }),
  },
  responses: {
    200: { content: { 'application/json': { schema: page(QueueItemSchema, 'QueuePage').extend({ decided: z.number().int(), open: z.number().int() }) } }, description: 'a page of the queue' },
    ...ERROR_RESPONSES,
  },
});

const decisions = createRoute({
  method: 'post', path: '/api/review/decisions', tags: ['review'],
  summary: 'Confirm, reject or correct an event or a whole transfer record (needs the bearer token)',
  security: [{ bearer: [] }],
  request: { body: { content: { 'application/json': { schema: DecisionBody } }, required: true } },
  responses: { 200: { content: { 'application/json': { schema: z.object({ decisions: z.array(DecisionSchema) }) } }, description: 'the stored decisions (one per mention for a record)' }, ...WRITE_ERRORS, ...ERROR_RESPONSES },
});

const log = createRoute({
  method: 'get', path: '/api/review/log', tags: ['review'],
  summary: 'Who decided what and when, newest first, and whether each decision still applies',
  request: { query: PageQuery.extend({ author: z.string().optional(), record: z.string().optional(), document: z.string().optional(), since: z.string().optional() }) },
  responses: { 200: { content: { 'application/json': { schema: page(LoggedDecisionSchema, 'DecisionPage') } }, description: 'a page of decisions' }, ...ERROR_RESPONSES },
});

const grades = createRoute({
  method: 'get', path: '/api/publishers', tags: ['review'],
  summary: 'Publishers graded on the Admiralty scale (any other is F, cannot be judged)',
  responses: { 200: { content: { 'application/json': { schema: z.object({ items: z.array(GradeSchema) }) } }, description: 'the grades' }, ...ERROR_RESPONSES },
});

const grade = createRoute({
  method: 'put', path: '/api/publishers/{publisher}', tags: ['review'],
  summary: 'Grade a publisher A–F (needs the bearer token)',
  security: [{ bearer: [] }],
  request: {
    params: z.object({ publisher: z.string().min(1).max(200).openapi({ param: { name: 'publisher', in: 'path' }, example: 'reuters.com' }) }),
    body: { content: { 'application/json': { schema: z.object({ grade: GRADE, note: z.string().max(2000).optional(), author: z.string().min(1).max(100) }) } }, required: true },
  },
  responses: { 200: { content: { 'application/json': { schema: GradeSchema } }, description: 'the grade as stored' }, ...WRITE_ERRORS, ...ERROR_RESPONSES },
});

export function reviewRoutes(app: OpenAPIHono, ctx: ApiContext) {
  app.openapi(queue, async (c) => {
    const q = c.req.valid('query');
    const result = await reviewQueue(ctx.store, { supplier: q.supplier, recipient: q.recipient, country: q.country, category: q.category, status: q.status }, { limit: q.limit + 1, offset: q.offset });
    return c.json({ ...pageOf(result.items, q.limit, q.offset), decided: result.decided, open: result.open }, 200);
  });

  app.openapi(decisions, async (c) => {
    const body = c.req.valid('json');
    const { catalog } = await ctx.kb();
    const request = { verdict: body.verdict, fields: body.fields, note: body.note, author: body.author };
    const made = body.target === 'record' ? await decideRecord(ctx.store, body.id, request, catalog) : [await decideEvent(ctx.store, body.id, request, catalog)];
    return c.json({ decisions: made }, 200);
  });

  app.openapi(log, async (c) => {
    const q = c.req.valid('query');
    const rows = await decisionLog(ctx.store, { author: q.author, via: q.record && `record:${q.record}`, documentId: q.document, since: q.since, newestFirst: true, limit: q.limit + 1, offset: q.offset });
    return c.json(pageOf(rows, q.limit, q.offset), 200);
  });

  app.openapi(grades, async (c) => c.json({ items: await ctx.store.publisherGrades() }, 200));

  app.openapi(grade, async (c) => {
    const { publisher } = c.req.valid('param');
    const body = c.req.valid('json');
    const row = { publisher: publisher.toLowerCase(), grade: body.grade, note: body.note ?? null, author: body.author, gradedAt: new Date().toISOString() };
    await ctx.store.setPublisherGrade(row);
    return c.json(row, 200);
  });
}
