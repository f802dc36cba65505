/**
 * The screening data files (`data/screen/`), read and checked once: the Common High Priority List, the
 * component-class lexicon, which catalog systems use each class, countries of concern, red-flag words and
 * the parts-file header names. A broken file is a `CatalogError` naming the file and the field.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CatalogError } from '../errors.js';
import { DATA_DIR } from '../kb/catalog.js';
import { LANGUAGES } from '../kb/schema.js';

export const SCREEN_DATA_DIR = join(DATA_DIR, 'screen');

const ChplSchema = z.object({
  version: z.string().min(1),
  title: z.string(),
  source: z.string(),
  tiers: z.array(z.object({ tier: z.string().min(1), label: z.string(), codes: z.array(z.string().regex(/^\d{6}$/, 'a six-digit HS subheading')).min(1) })).min(1),
});
export type Chpl = z.infer<typeof ChplSchema>;

const languageTerms = z.object(Object.fromEntries(LANGUAGES.map((l) => [l, z.array(z.string().min(1)).min(1)])) as Record<(typeof LANGUAGES)[number], z.ZodArray<z.ZodString>>);
const ComponentsSchema = z.object({
  classes: z.array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), label: z.string(), description: z.string(), terms: languageTerms })),
});
export type ComponentClass = z.infer<typeof ComponentsSchema>['classes'][number];

const SystemLinksSchema = z.object({ note: z.string(), links: z.record(z.string(), z.array(z.string().regex(/^[a-z0-9-]+$/))) });
const CountriesSchema = z.object({
  note: z.string(),
  countries: z.array(z.object({ code: z.string().regex(/^[A-Z]{2}$/), risk: z.enum(['embargoed', 'diversion']), note: z.string().min(1) })),
});
export type CountryRisk = z.infer<typeof CountriesSchema>['countries'][number];
const RedFlagsSchema = z.object({ forwarder_words: z.record(z.string(), z.array(z.string().min(2))) });
const ColumnsSchema = z.object({ required: z.array(z.string()), columns: z.record(z.string(), z.array(z.string().min(1))) });

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CatalogError(`${file}: cannot be read as JSON (${(error as Error).message})`, { file }, { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CatalogError(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`, { file, path: issue.path });
  }
  return parsed.data;
}

/** The CHPL: the bundled February 2024 version, or a newer file of the same shape. */
export function loadChpl(file = join(SCREEN_DATA_DIR, 'chpl.json')): Chpl & { file: string } {
  return { ...readJson(file, ChplSchema), file };
}

export interface ScreenData {
  components: ComponentClass[];
  systemLinks: Record<string, string[]>;
  countries: CountryRisk[];
  forwarderWords: string[];
  columns: { required: string[]; names: Record<string, string[]> };
}

let cached: ScreenData | undefined;

export function screenData(): ScreenData {
  if (cached) return cached;
  const dir = SCREEN_DATA_DIR;
  const components = readJson(join(dir, 'components.json'), ComponentsSchema).classes;
  const links = readJson(join(dir, 'component-systems.json'), SystemLinksSchema).links;
  for (const id of Object.keys(links)) {
    if (!components.some((c) => c.id === id)) throw new CatalogError(`${join(dir, 'component-systems.json')}: links.${id}: no such component class`, { id });
  }
  const columns = readJson(join(dir, 'columns.json'), ColumnsSchema);
  cached = {
    components, systemLinks: links,
    countries: readJson(join(dir, 'countries.json'), CountriesSchema).countries,
    forwarderWords: Object.values(readJson(join(dir, 'red-flags.json'), RedFlagsSchema).forwarder_words).flat(),
    columns: { required: columns.required, names: columns.columns },
  };
  return cached;
}
