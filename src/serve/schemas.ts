/**
 * The API's request and response shapes, declared once: routes validate requests with them, the handlers'
 * responses are type-checked against them, and `/api/openapi.json` is generated from them. A field added
 * to a core type without being declared here fails the type check of the route that returns it.
 */
import { z } from '@hono/zod-openapi';
import { CATEGORIES, TRANSFER_STATUSES } from '../kb/schema.js';
import { COMPARISON_CLASSES } from '../reference/compare.js';
import { ONLY } from '../reference/rows.js';
import { REFERENCE_STATUSES, SUPPLIED_AS } from '../reference/types.js';

// ---- request pieces ----

export const DATE = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD');
export const COUNTRY = z.string().regex(/^[A-Za-z]{2}$/, 'ISO 3166-1 alpha-2 code');
const BOOL = z.enum(['true', 'false']);
const YEAR = z.coerce.number().int().min(1900).max(2100);

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).openapi({ description: 'page size, at most 500' }),
  offset: z.coerce.number().int().min(0).default(0).openapi({ description: 'rows to skip; a page’s `next` gives the following offset' }),
});

export const FormatQuery = z.object({
  format: z.enum(['json', 'csv']).optional().openapi({ description: 'csv for a table (also chosen by `Accept: text/csv`); json by default' }),
});

export const DocumentsQuery = PageQuery.merge(FormatQuery).extend({
  language: z.string().regex(/^[a-z]{2,3}$/).optional(),
  from: DATE.optional().openapi({ description: 'published on or after (inclusive)' }),
  to: DATE.optional().openapi({ description: 'published on or before (inclusive: `2024` takes the whole year)' }),
  source: z.string().min(1).max(200).optional().openapi({ description: 'text the source path or URL contains (a publisher host, a folder)' }),
  sort: z.enum(['newest', 'oldest']).default('newest'),
  duplicates: BOOL.optional().openapi({ description: 'true: include near-duplicate documents' }),
});

export const EventsQuery = PageQuery.merge(FormatQuery).extend({
  kind: z.enum(['transfer', 'production', 'cooperation', 'sanction', 'route']).optional(),
  supplier: COUNTRY.optional(),
  recipient: COUNTRY.optional(),
  country: COUNTRY.optional().openapi({ description: 'the country in any role: supplier, recipient, producer, origin, party, imposer, target, destination' }),
  system: z.string().min(1).max(100).optional().openapi({ description: 'catalog system id (system:su-35) or the designation as written' }),
  category: z.enum(CATEGORIES).optional(),
  status: z.string().min(1).max(40).optional(),
  hedged: BOOL.optional(),
  hypothetical: BOOL.optional().openapi({ description: 'true: include events stated only as scenarios' }),
  min_confidence: z.coerce.number().min(0).max(1).optional(),
  from: DATE.optional().openapi({ description: 'document published on or after' }),
  to: DATE.optional().openapi({ description: 'document published on or before' }),
});

export const RecordsQuery = PageQuery.merge(FormatQuery).extend({
  supplier: COUNTRY.optional(),
  recipient: COUNTRY.optional(),
  country: COUNTRY.optional().openapi({ description: 'supplier or recipient' }),
  category: z.enum(CATEGORIES).optional(),
  system: z.string().regex(/^(system:)?[a-z0-9][a-z0-9-]*$/).optional().openapi({ description: 'catalog system id' }),
  status: z.enum(TRANSFER_STATUSES).optional(),
  year_from: YEAR.optional().openapi({ description: 'last reported in or after this year' }),
  year_to: YEAR.optional().openapi({ description: 'first reported in or before this year' }),
  min_corroboration: z.coerce.number().int().min(1).optional().openapi({ description: 'at least this many distinct publishers' }),
  min_confidence: z.coerce.number().min(0).max(1).optional().openapi({ description: 'merge from mentions at least this likely to be right (default: the configured threshold)' }),
  conflicts: BOOL.optional().openapi({ description: 'true: only records whose sources disagree' }),
  min_grade: z.enum(['A', 'B', 'C', 'D', 'E', 'F']).optional().openapi({ description: 'count only publishers graded at or above this (Admiralty A–F) in corroboration and min_corroboration' }),
  reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']).optional().openapi({ description: 'only records with a publisher graded at or above this' }),
  max_credibility: z.coerce.number().int().min(1).max(6).optional().openapi({ description: 'only records at least this credible (1 confirmed … 6 cannot be judged)' }),
  sort: z.enum(['corroboration', 'recent']).default('corroboration'),
  reference: z.enum(COMPARISON_CLASSES).optional().openapi({ description: 'only records of this class against the imported SIPRI register' }),
});

const SYSTEM_ID = z.string().regex(/^(system:)?[a-z0-9][a-z0-9-]*$/, 'a catalog system id such as system:su-35');

export const ReferenceQuery = PageQuery.merge(FormatQuery).extend({
  supplier: COUNTRY.optional(),
  recipient: COUNTRY.optional(),
  system: SYSTEM_ID.optional().openapi({ description: 'catalog system id: deals mapped to exactly this system' }),
  category: z.enum(CATEGORIES).optional(),
  year_from: YEAR.optional().openapi({ description: 'ordered in or after this year' }),
  year_to: YEAR.optional().openapi({ description: 'ordered in or before this year' }),
  reported: BOOL.optional().openapi({ description: 'false: only the register’s deals no transfer record was matched to (reference-only); true: only those a record was matched to' }),
});

export const ComparisonQuery = PageQuery.merge(FormatQuery).extend({
  class: z.enum(ONLY).optional().openapi({ description: 'one class of records, or reference-only for the register’s deals no record was matched to (default: every record)' }),
  supplier: COUNTRY.optional(),
  recipient: COUNTRY.optional(),
  year_from: YEAR.optional().openapi({ description: 'reference-only deals ordered in or after this year' }),
  year_to: YEAR.optional().openapi({ description: 'reference-only deals ordered in or before this year' }),
});

export const GraphQuery = z.object({
  category: z.enum(CATEGORIES).optional(),
  country: COUNTRY.optional(),
  year_from: YEAR.optional(),
  year_to: YEAR.optional(),
});

export const IdParam = z.object({ id: z.string().min(1).max(200).openapi({ param: { name: 'id', in: 'path' } }) });

// ---- response pieces ----

export const ErrorSchema = z.object({
  error: z.string().openapi({ example: 'invalid' }),
  message: z.string().openapi({ example: 'limit: Too big: expected number to be <=500' }),
  details: z.record(z.string(), z.unknown()),
}).openapi('Error');

export function page<T extends z.ZodTypeAny>(item: T, name: string) {
  return z.object({
    items: z.array(item), limit: z.number().int(), offset: z.number().int(),
    next: z.number().int().nullable().openapi({ description: 'offset of the next page; null on the last' }),
  }).openapi(name);
}

export const DocumentSummarySchema = z.object({
  id: z.string(), source: z.string(), url: z.string().nullable(), title: z.string().nullable(), published: z.string().nullable(),
  language: z.string(), duplicateOf: z.string().nullable(), ingestedAt: z.string(), sentenceCount: z.number().int(),
}).openapi('DocumentSummary');

export const EventRowSchema = z.object({
  id: z.string().optional(), document: z.string(), document_id: z.string(), kind: z.string(),
  supplier: z.string().nullable().optional(), recipient: z.string().nullable().optional(), system: z.string().nullable().optional(),
  category: z.string().nullable().optional(), status: z.string().nullable(), hedged: z.boolean(), hypothetical: z.boolean(),
  producer: z.string().nullable().optional(), origin: z.string().nullable().optional(), parties: z.array(z.string()).optional(),
  type: z.string().nullable().optional(), imposer: z.string().nullable().optional(), target: z.string().nullable().optional(),
  destination: z.string().nullable().optional(), via: z.array(z.string()).optional(), quantity: z.number().nullable().optional(),
  value: z.number().nullable().optional(), currency: z.string().nullable().optional(), date: z.string().nullable().optional(),
  location: z.string().nullable().optional(), location_id: z.string().nullable().optional(), via_ids: z.array(z.string()).optional(),
  system_id: z.string().nullable().optional(), confidence: z.number(), mentions: z.number().int(), evidence: z.string(),
  cues: z.array(z.string()), rule: z.string(), published: z.string().nullable(), language: z.string(),
}).openapi('Event');

export const DocumentDetailSchema = DocumentSummarySchema.extend({
  publishedFrom: z.string(), languageConfidence: z.number(), format: z.string(),
  sentences: z.array(z.object({ index: z.number().int(), start: z.number().int(), end: z.number().int(), text: z.string() })),
  removed: z.array(z.object({ at: z.number().int(), text: z.string(), reason: z.string() })),
  cited: z.array(z.object({ outlet: z.string(), date: z.string().nullable(), start: z.number().int(), end: z.number().int() })),
  events: z.array(EventRowSchema),
}).openapi('Document');

const SpanSchema = { start: z.number().int(), end: z.number().int() };

export const AnnotatedDocumentSchema = z.object({
  id: z.string(), title: z.string().nullable(), language: z.string(), published: z.string().nullable(), source: z.string(), url: z.string().nullable(),
  text: z.string().openapi({ description: 'the cleaned text, plain: every offset below points into it (UTF-16 code units)' }),
  sentences: z.array(z.object({ index: z.number().int(), ...SpanSchema })),
  entities: z.array(z.object({ ...SpanSchema, text: z.string(), entity: z.string(), type: z.string(), role: z.string(), country: z.string().nullable() }))
    .openapi({ description: 'catalog names recognised in the text, in text order (cited sources are left out)' }),
  events: z.array(EventRowSchema.extend({ sentence: z.number().int().openapi({ description: '0-based index into `sentences`' }), ...SpanSchema }))
    .openapi({ description: 'the stored events with the span of the sentence each was read from' }),
  explanations: z.array(z.object({
    sentence: z.number().int().openapi({ description: '0-based sentence index' }),
    events: z.array(z.object({
      kind: z.string(), rule: z.string(), cues: z.array(z.string()), confidence: z.number(), status: z.string().nullable(), hedged: z.boolean(), hypothetical: z.boolean(),
      bias: z.number().nullable(), contributions: z.array(z.object({ feature: z.string(), value: z.number(), weight: z.number(), contribution: z.number() })),
    })),
    rejected: z.array(z.object({ class: z.string(), reasons: z.array(z.string()) })),
  })).openapi({ description: 'what `armscope explain` says of each sentence where something was found or turned down' }),
  removed: z.array(z.object({ at: z.number().int(), text: z.string(), reason: z.string() })),
  cited: z.array(z.object({ outlet: z.string(), date: z.string().nullable(), ...SpanSchema })),
}).openapi('AnnotatedDocument');

const StatusStepSchema = z.object({
  status: z.string(), date: z.string().nullable(), hedged: z.boolean(), documentId: z.string(), source: z.string(), publisher: z.string(), evidence: z.string(),
});

export const RecordSchema = z.object({
  id: z.string(), supplier: z.string(), recipient: z.string(), system: z.string().nullable(), systemId: z.string().nullable(),
  category: z.string().nullable(), status: z.string(), history: z.array(StatusStepSchema),
  sources: z.array(z.object({ documentId: z.string(), source: z.string(), url: z.string().nullable(), publisher: z.string(), published: z.string().nullable(), title: z.string().nullable() })),
  corroboration: z.number().int(), conflicts: z.array(z.string()), hedged: z.boolean(), quantity: z.number().nullable(),
  value: z.number().nullable(), currency: z.string().nullable(), firstSeen: z.string().nullable(), lastSeen: z.string().nullable(),
  mentionIds: z.array(z.string()),
  goods: z.array(z.object({ system: z.string().nullable(), systemId: z.string().nullable(), category: z.string().nullable(), rule: z.enum(['self', 'variant', 'category', 'weapons']), mentions: z.number().int() })),
  review: z.object({
    reviewed: z.number().int(), mentions: z.number().int(), fields: z.array(z.string()),
    latest: z.object({ verdict: z.string(), author: z.string(), decidedAt: z.string(), decision: z.string() }),
  }).optional().openapi({ description: 'present when analysts confirmed or corrected some of its mentions: the fields they set, and the latest decision' }),
}).openapi('TransferRecord');

export const AssessmentSchema = z.object({
  reliability: z.enum(['A', 'B', 'C', 'D', 'E', 'F']).openapi({ description: 'the best Admiralty grade among its publishers (F: cannot be judged, also for ungraded ones)' }),
  publishers: z.array(z.object({ publisher: z.string(), grade: z.enum(['A', 'B', 'C', 'D', 'E', 'F']) })),
  credibility: z.number().int().min(1).max(6).openapi({ description: '1 confirmed by other sources … 5 improbable, 6 cannot be judged: from corroboration, hedging and conflicts' }),
  gradedCorroboration: z.number().int().openapi({ description: 'publishers graded at or above min_grade (all publishers without it)' }),
}).openapi('RecordAssessment');

export const RecordReferenceSchema = z.object({
  class: z.enum(COMPARISON_CLASSES),
  referenceId: z.string().nullable().openapi({ description: 'the register deal the record was matched to (GET /api/reference lists it)' }),
  goods: z.enum(['system', 'variant', 'category']).nullable(),
  reason: z.string(),
}).openapi('RecordReference');

export const RecordWithReferenceSchema = RecordSchema.extend({
  reference: RecordReferenceSchema.nullable().openapi({ description: 'the record against the imported SIPRI register; null when none is imported' }),
  assessment: AssessmentSchema,
}).openapi('TransferRecordWithReference');

export const EntitySchema = z.object({
  id: z.string(), type: z.string(), name: z.string(), country: z.string().nullable(), category: z.string().nullable(),
  matched: z.string().openapi({ description: 'the alias that matched the query (the name when browsing)' }), source: z.string(),
}).openapi('Entity');

export const EntityDetailSchema = z.object({
  entity: EntitySchema.omit({ matched: true }).extend({
    aliases: z.record(z.string(), z.array(z.string())).openapi({ description: 'aliases by language; * for those of no language' }),
    lat: z.number().nullable(), lon: z.number().nullable(), parent: z.string().nullable(),
    members: z.array(z.string()).openapi({ description: 'a bloc’s present members as ISO codes; empty for other entries' }),
  }),
  mentions: z.array(EventRowSchema),
  records: z.array(RecordSchema),
}).openapi('EntityDetail');

export const SnippetSchema = z.object({
  start: z.number().int().openapi({ description: 'offset of the snippet in the document text' }),
  text: z.string().openapi({ description: 'plain text, never markup' }),
  matches: z.array(z.object({ start: z.number().int(), end: z.number().int() })).openapi({ description: 'matched words as offsets into `text` (UTF-16 code units)' }),
}).openapi('Snippet');

export const SearchResultSchema = z.object({
  query: z.string(), words: z.array(z.string()).openapi({ description: 'the query’s words as the index folds them' }),
  documents: z.array(DocumentSummarySchema.extend({ titleMatches: z.array(z.object({ start: z.number().int(), end: z.number().int() })), snippet: SnippetSchema })),
  entities: z.array(EntitySchema.extend({ matches: z.array(z.object({ start: z.number().int(), end: z.number().int() })).openapi({ description: 'the query’s words in `matched`, as offsets' }) })),
  next: z.number().int().nullable(),
}).openapi('SearchResult');

const Uncertain = z.object({ value: z.number().nullable(), uncertain: z.boolean().openapi({ description: 'the register marks the value with ?' }) });

export const ReferenceRecordSchema = z.object({
  id: z.string(), source: z.string(), line: z.number().int().openapi({ description: 'line of the imported file' }),
  supplier: z.string().nullable(), supplierName: z.string(), recipient: z.string().nullable(), recipientName: z.string(),
  designation: z.string(), description: z.string(), systemId: z.string().nullable(), category: z.string(),
  orderYear: Uncertain, numberOrdered: Uncertain, numberDelivered: Uncertain, deliveryYears: z.array(z.number().int()),
  status: z.enum(REFERENCE_STATUSES), suppliedAs: z.enum(SUPPLIED_AS), comments: z.string(),
  tivUnit: z.number().nullable(), tivTotal: z.number().nullable(), tivDelivered: z.number().nullable(),
}).openapi('ReferenceRecord');

export const ComparisonRowSchema = z.object({
  class: z.enum(ONLY), supplier: z.string().nullable(), recipient: z.string().nullable(), goods: z.string().nullable(),
  news_status: z.string().nullable(), first_seen: z.string().nullable(), last_seen: z.string().nullable(), record_id: z.string().nullable(),
  goods_match: z.string().nullable(), reference_id: z.string().nullable(), line: z.number().int().nullable(), designation: z.string().nullable(),
  order_year: z.number().int().nullable(), number_ordered: z.string().nullable(), number_delivered: z.string().nullable(),
  reference_status: z.string().nullable(), reason: z.string(),
}).openapi('ComparisonRow');

export const ComparisonSchema = page(ComparisonRowSchema, 'ComparisonRowPage').extend({
  counts: z.object({ matched: z.number().int(), 'status-differs': z.number().int(), 'reported-not-in-reference': z.number().int(), 'reference-only': z.number().int() })
    .openapi({ description: 'of the whole comparison of the parties asked, whatever the page or class' }),
}).openapi('Comparison');

export const TivSchema = z.object({
  supplier: z.string().nullable(), supplierName: z.string(), year: z.number().int().openapi({ description: 'year of order' }), deals: z.number().int(),
  tivOrdered: z.number().nullable(), tivDelivered: z.number(),
}).openapi('TivBySupplierYear');

export const ReferenceImportBodySchema = z.object({
  path: z.string().min(1).max(1000).openapi({ description: 'a SIPRI trade-register CSV export under the server’s ingest root, relative to it' }),
}).openapi('ReferenceImportRequest');

export const ReferenceImportResultSchema = z.object({
  source: z.string(), file: z.string(), generated: z.string().nullable(), rows: z.number().int(), partiesMapped: z.number().int(),
  systemsMapped: z.number().int(), genericRows: z.number().int(),
  unmappedParties: z.array(z.object({ name: z.string(), kind: z.string(), rows: z.number().int() })),
  unmappedDesignations: z.array(z.object({ designation: z.string(), rows: z.number().int() })),
  replaced: z.object({ source: z.string(), file: z.string(), generated: z.string().nullable(), sha256: z.string(), rowCount: z.number().int(), importedAt: z.string() }).nullable(),
  milliseconds: z.object({ read: z.number(), map: z.number(), store: z.number() }),
}).openapi('ReferenceImportResult');

const TradeSchema = z.object({
  partner: z.string(), records: z.number().int(), byYear: z.record(z.string(), z.number().int()),
  systems: z.array(z.string()).openapi({ description: 'the systems (else categories) of the partner’s records, most records first: the first ten' }),
  systemCount: z.number().int().openapi({ description: 'how many distinct systems and categories in all' }),
});

export const ProfileSchema = z.object({
  code: z.string(), name: z.string(), imports: z.array(TradeSchema), exports: z.array(TradeSchema),
  systems: z.array(z.object({ systemId: z.string().nullable(), system: z.string().nullable(), category: z.string().nullable(), direction: z.enum(['import', 'export']), partner: z.string(), status: z.string(), recordId: z.string(), records: z.number().int() }))
    .openapi({ description: 'a page of the systems traded with each partner, most records first; status and recordId are the most corroborated record’s' }),
  systemsTotal: z.number().int().openapi({ description: 'how many system–partner rows there are in all (page with systems_limit and systems_offset)' }),
  cooperation: z.array(z.object({ partner: z.string(), types: z.array(z.string()), events: z.number().int(), lastReported: z.string().nullable() })),
  latestReports: z.array(z.object({ documentId: z.string(), title: z.string().nullable(), published: z.string().nullable(), source: z.string(), url: z.string().nullable() })),
  changes: z.object({
    since: z.string(), until: z.string(),
    newSuppliers: z.array(z.object({ supplier: z.string(), firstSeen: z.string(), recordIds: z.array(z.string()) })),
    statusChanges: z.array(z.object({ recordId: z.string(), supplier: z.string(), recipient: z.string(), system: z.string().nullable(), category: z.string().nullable(), from: z.string(), to: z.string(), date: z.string(), publisher: z.string() })),
  }),
  reference: z.object({
    source: z.string(), generated: z.string().nullable(),
    tivBySupplierYear: z.array(TivSchema).openapi({ description: 'the country’s imports in the register by supplier and year of order, in year then supplier order' }),
  }).nullable().openapi({ description: 'SIPRI TIV beside the news-reported records; null when no register is imported' }),
}).openapi('CountryProfile');

export const NetworkSchema = z.object({
  nodes: z.array(z.object({ id: z.string(), name: z.string(), imports: z.number().int(), exports: z.number().int() })),
  edges: z.array(z.object({ supplier: z.string(), recipient: z.string(), weight: z.number().int(), corroboration: z.number().int(), firstSeen: z.string().nullable(), lastSeen: z.string().nullable() })),
}).openapi('Network');

const Position = z.tuple([z.number(), z.number()]);
export const MapSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({
    type: z.literal('Feature'), id: z.string(),
    geometry: z.union([z.object({ type: z.literal('Point'), coordinates: Position }), z.object({ type: z.literal('LineString'), coordinates: z.array(Position) })]).nullable(),
    properties: z.record(z.string(), z.unknown()).openapi({ description: 'kind: country (iso, imports, exports), production-site (placeId, producers, systems) or route (eventId, via, viaIds)' }),
  })),
}).openapi('MapFeatureCollection');

export const TimelineSchema = z.object({
  interval: z.enum(['year', 'month']),
  buckets: z.array(z.object({ period: z.string(), steps: z.number().int(), byStatus: z.record(z.string(), z.number().int()) })),
  steps: z.array(z.object({ date: z.string(), status: z.string(), hedged: z.boolean(), recordId: z.string(), supplier: z.string(), recipient: z.string(), system: z.string().nullable(), category: z.string().nullable(), documentId: z.string(), publisher: z.string() })),
  undated: z.number().int(),
}).openapi('Timeline');

export const IngestBodySchema = z.object({
  text: z.string().min(1).optional().openapi({ description: 'an article’s text' }),
  title: z.string().max(500).optional(),
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  source: z.string().max(500).optional().openapi({ description: 'a name for the text’s origin (default `api`)' }),
  url: z.string().regex(/^https?:\/\/\S+$/i, 'an http(s) URL').max(2000).optional().openapi({ description: 'fetched by the server: private and loopback addresses are refused unless allowed' }),
  path: z.string().min(1).max(1000).optional().openapi({ description: 'a file or folder under the server’s ingest root, relative to it' }),
}).refine((b) => [b.text, b.url, b.path].filter((v) => v !== undefined).length === 1, { message: 'give exactly one of text, url or path', path: ['text'] })
  .openapi('IngestRequest');

export const IngestResultSchema = z.object({
  summary: z.object({ inputs: z.number().int(), added: z.number().int(), unchanged: z.number().int(), duplicates: z.number().int(), failed: z.number().int(), bytes: z.number().int() }),
  results: z.array(z.object({ ok: z.boolean(), source: z.string(), id: z.string().optional(), status: z.string().optional(), duplicateOf: z.string().optional(), error: z.string().optional() })),
}).openapi('IngestResult');

export const HealthSchema = z.object({ ok: z.boolean(), store: z.enum(['sqlite', 'postgres']), documents: z.number().int() }).openapi('Health');

/** The responses every route may give besides its own. */
export const ERROR_RESPONSES = {
  400: { content: { 'application/json': { schema: ErrorSchema } }, description: 'a parameter failed validation; `details.parameter` names it' },
  500: { content: { 'application/json': { schema: ErrorSchema } }, description: 'unexpected failure' },
} as const;

export const CSV_CONTENT = { 'text/csv': { schema: z.string() } } as const;
