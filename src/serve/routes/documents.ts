/** `/api/documents`, `/api/documents/{id}` and `/api/documents/{id}/annotations` (what the reader shows). */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { NotFoundError } from '../../errors.js';
import type { DocumentSummary } from '../../store/store.js';
import { eventHitRow, toCsv } from '../../analyse/export.js';
import { csvResponse, pageOf, flag, wantsCsv, type ApiContext } from '../context.js';
import { AnnotatedDocumentSchema, CSV_CONTENT, DocumentDetailSchema, DocumentsQuery, DocumentSummarySchema, ERROR_RESPONSES, ErrorSchema, IdParam, page } from '../schemas.js';

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

const annotations = createRoute({
  method: 'get', path: '/api/documents/{id}/annotations', tags: ['documents'],
  summary: 'A document’s text with the offsets of its sentences, recognised names and events, and the explanation of each event (rule, cues, confidence)',
  request: { params: IdParam },
  responses: {
    200: { content: { 'application/json': { schema: AnnotatedDocumentSchema } }, description: 'the annotated document' },
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

  app.openapi(annotations, async (c) => {
    const { id } = c.req.valid('param');
    const doc = await ctx.store.getDocument(id);
    if (!doc) throw new NotFoundError(`no document ${id}`, { id });
    const kb = await ctx.kb();
    const [events, { explainDocument }] = await Promise.all([
      ctx.store.findEvents({ documentId: doc.id, includeHypothetical: true, includeDuplicates: true }),
      import('../../extract/explain.js'),
    ]);
    // Names inside a cited source ("Reuters reported") are the report's attribution, not actors: left out as extraction leaves them out.
    const entities = kb.recognise(doc.text, { language: doc.language, exclude: doc.cited, sentenceStarts: new Set(doc.sentences.map((s) => s.start)) })
      .filter((m) => m.role !== 'citation')
      .map((m) => ({ start: m.start, end: m.end, text: m.text, entity: m.entity, type: m.type, role: m.role, country: m.country }));
    const explanations = explainDocument(kb, doc).map((s) => ({
      sentence: s.number - 1,
      events: s.events.map((e) => ({
        kind: e.kind, rule: e.evidence.rule, cues: e.evidence.cues, confidence: e.confidence, status: e.status, hedged: e.hedged, hypothetical: e.hypothetical,
        bias: e.bias ?? null, contributions: e.contributions ?? [],
      })),
      rejected: s.rejected,
    }));
    const sentenceOf = new Map(doc.sentences.map((s) => [s.index, s]));
    return c.json({
      id: doc.id, title: doc.title, language: doc.language, published: doc.published, source: doc.source, url: doc.url, text: doc.text,
      sentences: doc.sentences.map((s) => ({ index: s.index, start: s.start, end: s.end })),
      entities,
      events: events.map((e) => {
        const s = sentenceOf.get(e.evidence.sentence);
        return { ...eventHitRow(e), sentence: e.evidence.sentence, start: s?.start ?? e.evidence.start, end: s?.end ?? e.evidence.end };
      }),
      explanations,
      removed: doc.removed,
      cited: doc.cited,
    }, 200);
  });
}
