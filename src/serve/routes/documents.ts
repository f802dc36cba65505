/** `/api/documents` and `/api/documents/{id}`. */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { NotFoundError } from '../../errors.js';
import type { DocumentSummary } from '../../store/store.js';
import { eventHitRow, toCsv } from '../../analyse/export.js';
import { csvResponse, pageOf, flag, wantsCsv, type ApiContext } from '../context.js';
import { CSV_CONTENT, DocumentDetailSchema, DocumentsQuery, DocumentSummarySchema, ERROR_RESPONSES, ErrorSchema, IdParam, page } from '../schemas.js';

const list = createRoute({
  method: 'get', path: '/api/documents', tags: ['documents'],
  summary: 'Stored documents, newest first (near-duplicates left out unless asked)',
  request: { query: DocumentsQuery },
  responses: { 200: { content: { 'application/json': { schema: page(DocumentSummarySchema, 'DocumentPage') }, ...CSV_CONTENT }, description: 'a page of documents' }, ...ERROR_RESPONSES },
});

const DOCUMENT_COLUMNS: (keyof DocumentSummary)[] = ['id', 'published', 'language', 'title', 'source', 'url', 'duplicateOf', 'sentenceCount', 'ingestedAt'];

const one = createRoute({
  method: 'get', path: '/api/documents/{id}', tags: ['documents'],
  summary: 'A document: its sentences, removed debris, cited sources and extracted events',
  request: { params: IdParam },
  responses: {
    200: { content: { 'application/json': { schema: DocumentDetailSchema } }, description: 'the document' },
    404: { content: { 'application/json': { schema: ErrorSchema } }, description: 'no such document' },
    ...ERROR_RESPONSES,
  },
});

export function documentRoutes(app: OpenAPIHono, ctx: ApiContext) {
  app.openapi(list, async (c) => {
    const q = c.req.valid('query');
    const rows = await ctx.store.listDocuments({
      limit: q.limit + 1, offset: q.offset, language: q.language, from: q.from, to: q.to, source: q.source,
      order: q.sort, includeDuplicates: flag(q.duplicates),
    });
    const body = pageOf(rows, q.limit, q.offset);
    if (wantsCsv(c, q.format)) return csvResponse(c, toCsv(body.items, DOCUMENT_COLUMNS));
    return c.json(body, 200);
  });

  app.openapi(one, async (c) => {
    const { id } = c.req.valid('param');
    const doc = await ctx.store.getDocument(id);
    if (!doc) throw new NotFoundError(`no document ${id}`, { id });
    const events = await ctx.store.findEvents({ documentId: doc.id, includeHypothetical: true, includeDuplicates: true });
    const { text, simhash: _simhash, ...rest } = doc;
    return c.json({
      ...rest,
      sentences: doc.sentences.map((s) => ({ ...s, text: text.slice(s.start, s.end) })),
      events: events.map(eventHitRow),
    }, 200);
  });
}
