/**
 * The catalog's schema: one zod definition per data file type under `data/`. Loading, `kb add`, the
 * validation script and the tests all go through these, so a bad entry fails the same way everywhere.
 */
import { z } from 'zod';

export const CATEGORIES = [
  'uav', 'combat-aircraft', 'trainer-aircraft', 'transport-aircraft', 'helicopter', 'air-defence', 'missile',
  'anti-tank', 'armoured-vehicle', 'artillery', 'ammunition', 'small-arms', 'ship', 'radar', 'electronic-warfare',
  'surveillance', 'components', 'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const LANGUAGES = [
  'en', 'nl', 'de', 'fr', 'es', 'it', 'pt', 'pl', 'sr', 'hr', 'bs', 'ru', 'uk', 'bg', 'mk', 'sq', 'tr',
] as const;
export type Language = (typeof LANGUAGES)[number];

export const TRANSFER_STATUSES = ['interest', 'offered', 'negotiating', 'agreed', 'delivered', 'cancelled', 'denied'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase ascii slug (a-z, 0-9, -)');
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code');
const alias = z.string().trim().min(1);
const date = z.union([z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'YYYY, YYYY-MM or YYYY-MM-DD'), z.null()]);
/** Per-language alias lists; unknown language codes are rejected so typos do not silently vanish. */
const perLanguage = z.partialRecord(z.enum(LANGUAGES), z.array(alias));

export const CountrySchema = z.object({
  id: countryCode,
  name: alias,
  names: perLanguage.optional(),
  adjectives: perLanguage.optional(),
  demonyms: perLanguage.optional(),
  note: z.string().optional(),
}).strict();

export const PLACE_KINDS = [
  'capital', 'city', 'region', 'port', 'base', 'airfield', 'production-site', 'economic-zone', 'sea', 'strait',
  'border-crossing', 'building', 'venue',
] as const;

export const PlaceSchema = z.object({
  id: slug,
  name: alias,
  aliases: z.array(alias).default([]),
  kind: z.enum(PLACE_KINDS),
  country: countryCode.nullable().default(null),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  metonymFor: countryCode.optional(),
  ambiguous: z.boolean().optional(),
  note: z.string().optional(),
}).strict();

export const BlocSchema = z.object({
  id: slug,
  name: alias,
  aliases: z.array(alias).default([]),
  members: z.array(z.object({
    country: countryCode,
    from: date.optional(),
    to: date.optional(),
    note: z.string().optional(),
  }).strict()),
  note: z.string().optional(),
}).strict();

export const SystemSchema = z.object({
  id: slug,
  designation: alias,
  aliases: z.array(alias).default([]),
  category: z.enum(CATEGORIES),
  origin: countryCode.nullable(),
  manufacturer: slug.nullable().default(null),
  parent: slug.nullable().default(null),
  description: z.string().optional(),
  ambiguous: z.boolean().optional(),
  /** Countries that build a multinational system together (Eurofighter: DE, GB, IT, ES): a partner buying
   *  it procures at home, which is no transfer. */
  partners: z.array(countryCode).optional(),
}).strict();

export const ORGANISATION_KINDS = [
  'armed-forces', 'ministry', 'government', 'intelligence', 'manufacturer', 'exporter', 'research', 'alliance',
  'international', 'paramilitary', 'think-tank', 'media',
] as const;

export const OrganisationSchema = z.object({
  id: slug,
  name: alias,
  aliases: z.array(alias).default([]),
  kind: z.enum(ORGANISATION_KINDS),
  country: countryCode.nullable(),
  parent: slug.nullable().default(null),
  ambiguous: z.boolean().optional(),
  note: z.string().optional(),
}).strict();

export const PersonSchema = z.object({
  id: slug,
  name: alias,
  aliases: z.array(alias).default([]),
  country: countryCode.nullable(),
  roles: z.array(z.object({
    role: alias,
    org: slug.optional(),
    from: date.optional(),
    to: date.optional(),
  }).strict()).default([]),
  ambiguous: z.boolean().optional(),
}).strict();

export const CategoryTermsSchema = z.object({
  categories: z.partialRecord(z.enum(CATEGORIES), perLanguage),
}).strict();

export const HomonymsSchema = z.object({
  homonyms: z.partialRecord(z.enum(LANGUAGES), z.array(z.string())),
}).strict();

const forms = z.array(alias);
export const CueLexiconSchema = z.object({
  language: z.enum(LANGUAGES),
  transfer: z.array(z.object({
    forms,
    role: z.enum(['supplier', 'recipient', 'none']),
    status: z.enum(TRANSFER_STATUSES),
    /** Verbs of use. `event`: a use that happened ("launched", "has used"), a transfer only when the goods
     * carry a foreign origin ("Russia launched Iranian drones"). `operate`: possession and operation
     * ("operates", "in service", "arsenal"), an inventory, never a transfer. */
    use: z.enum(['event', 'operate']).optional(),
  }).strict()),
  markers: z.object({ recipient: forms, supplier: forms, partner: forms }).strict(),
  modifiers: z.object({
    hedge: forms, negation: forms, denial: forms, cancel: forms, hypothetical: forms, future: forms,
    report: forms.default([]),
    /** Words before a source ("according to", "laut", "selon", "према"): what they name is never a party. */
    attribution: forms.default([]),
    /** The same, after the source ("der Zeitung zufolge", "Reuters'a göre"). */
    attributionPostposed: forms.default([]),
    /** Words for what new goods replace ("to replace its ageing C-130s", "zamjena"): those goods are the old
     *  inventory, not part of the transfer. */
    replace: forms.default([]),
    /** Words of fighting and use ("the war in", "for use in", "against"): a country they lead to is where the
     *  goods are used or whom they strike, never a party to their transfer. */
    conflict: forms.default([]),
    /** Definite articles and demonstratives: "the aircraft", "estos aviones" point back to a system named
     *  before. */
    definite: forms.default([]),
    /** Counting words that stand for goods named before: "24 units", "96 sztuk", "44 adet", "24 komada". */
    units: forms.default([]),
    /** Words for an aircraft of no stated kind ("the aircraft", "a aeronave", "самолетите"): they point back
     *  to the one aircraft named before. */
    aircraft: forms.default([]),
    /** Words that attach goods to goods named just before ("drones armed with guided missiles", "bewaffnet
     *  mit"): the attached goods are part of the first, not a transfer of their own. */
    attached: forms.default([]),
  }).strict(),
  production: z.object({
    cues: z.array(z.object({ forms, status: z.enum(['planned', 'operating', 'hypothetical']).nullable() }).strict()),
    licence: forms, operating: forms, planned: forms,
    /** Words that put a name as the place of production ("in", "em", "във"); "-da" is a case suffix. */
    locative: forms.default([]),
    /** Separable particles that, closing the clause, make a production verb another verb ("baut ... auf"). */
    particles: forms.default([]),
  }).strict(),
  cooperation: z.array(z.object({
    forms,
    type: z.enum(['exercise', 'agreement', 'training', 'technology-transfer', 'visit', 'military-technical']),
  }).strict()),
  sanction: z.object({ cues: forms, reason: forms }).strict(),
  route: z.object({ cues: forms, via: forms, from: forms, to: forms }).strict(),
  anaphora: forms,
  /** Separable verbs whose particle closes the clause: "sagte … zu", "schafte … aan". */
  separable: z.array(z.object({
    stems: forms, particle: alias,
    role: z.enum(['supplier', 'recipient', 'none']),
    status: z.enum(TRANSFER_STATUSES),
  }).strict()).default([]),
  /** Words that stand for a group of countries named just before ("both countries", "beide landen"). */
  groupAnaphora: forms.default([]),
  /** Words that stand for the one country the article has been speaking of ("the country", "het land",
   *  "страната"). */
  countryAnaphora: forms.default([]),
  quantity: z.object({ numbers: z.record(z.string(), z.number()), scale: z.record(z.string(), z.number()) }).strict(),
  currency: z.record(z.string(), z.string().regex(/^[A-Z]{3}$/)),
}).strict();

export type CountryEntry = z.infer<typeof CountrySchema>;
export type PlaceEntry = z.infer<typeof PlaceSchema>;
export type BlocEntry = z.infer<typeof BlocSchema>;
export type SystemEntry = z.infer<typeof SystemSchema>;
export type OrganisationEntry = z.infer<typeof OrganisationSchema>;
export type PersonEntry = z.infer<typeof PersonSchema>;
export type CueLexicon = z.infer<typeof CueLexiconSchema>;

/** Which schema validates which list in which file; `kb add` uses the same table for user files. */
export const FILE_LISTS = {
  countries: CountrySchema,
  places: PlaceSchema,
  blocs: BlocSchema,
  systems: SystemSchema,
  organisations: OrganisationSchema,
  people: PersonSchema,
} as const;
export type ListName = keyof typeof FILE_LISTS;
