/**
 * Loads the catalog declared under `data/` (plus any user folders) into one in-memory index of entities and
 * the aliases that name them. Every entry is validated by `schema.ts`; problems are collected per entry so a
 * user file with one bad entry reports that entry, and the bundled catalog refuses to load when broken.
 */
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, dirname, basename } from 'node:path';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { z } from 'zod';
import { CatalogError } from '../errors.js';
import { normaliseText } from '../text/normalise.js';
import {
  FILE_LISTS, CategoryTermsSchema, HomonymsSchema, LANGUAGES, type Category, type Language, type ListName,
} from './schema.js';

export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');

export type EntityType = 'country' | 'system' | 'organisation' | 'person' | 'place' | 'bloc' | 'category';

export interface Entity {
  /** Type-prefixed id: `country:IR`, `system:su-35`, `category:uav`. */
  id: string;
  type: EntityType;
  name: string;
  /** The country the entity belongs to (the origin for systems, the designer country). */
  country: string | null;
  category?: Category;
  kind?: string;
  parent?: string | null;
  manufacturer?: string | null;
  metonymFor?: string;
  lat?: number;
  lon?: number;
  ambiguous?: boolean;
  roles?: { role: string; org?: string; from?: string | null; to?: string | null }[];
  members?: { country: string; from?: string | null; to?: string | null }[];
  /** Systems built by several countries together: the partner countries. */
  partners?: string[];
  /** Where the entry was declared (file path), for `kb search` and error messages. */
  source: string;
}

export type AliasKind = 'name' | 'adjective' | 'demonym' | 'alias' | 'designation' | 'term';

export interface Alias {
  entity: string;
  text: string;
  kind: AliasKind;
  lang?: Language;
}

export interface CatalogIssue {
  file: string;
  entry: string;
  field: string;
  message: string;
}

export interface Catalog {
  entities: Map<string, Entity>;
  aliases: Alias[];
  homonyms: Partial<Record<Language, Set<string>>>;
  issues: CatalogIssue[];
}

const TYPE_OF_LIST: Record<ListName, EntityType> = {
  countries: 'country', places: 'place', blocs: 'bloc', systems: 'system', organisations: 'organisation',
  people: 'person',
};

function idOf(type: EntityType, id: string): string {
  return `${type}:${id}`;
}

export function jsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...jsonFiles(path));
    else if (name.endsWith('.json')) out.push(path);
  }
  return out;
}

function issueFrom(file: string, entry: string, error: z.ZodError): CatalogIssue[] {
  return error.issues.map((i) => ({ file, entry, field: i.path.join('.') || '(entry)', message: i.message }));
}

/**
 * Validates one catalog file's lists and adds its entries. Returns the number of entries added.
 * Bad entries are reported in `catalog.issues` and skipped; the rest of the file still loads.
 */
export function addCatalogFile(catalog: Catalog, file: string, json: unknown): number {
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    catalog.issues.push({ file, entry: '(file)', field: '(root)', message: 'expected a JSON object with lists such as "systems"' });
    return 0;
  }
  let added = 0;
  const lists = Object.entries(json as Record<string, unknown>);
  for (const [list, value] of lists) {
    if (list === '$schema' || list === 'note') continue;
    if (!(list in FILE_LISTS)) {
      catalog.issues.push({ file, entry: '(file)', field: list, message: `unknown list "${list}"; expected one of ${Object.keys(FILE_LISTS).join(', ')}` });
      continue;
    }
    if (!Array.isArray(value)) {
      catalog.issues.push({ file, entry: '(file)', field: list, message: 'expected an array' });
      continue;
    }
    const schema = FILE_LISTS[list as ListName];
    const type = TYPE_OF_LIST[list as ListName];
    value.forEach((raw, index) => {
      const label = (raw && typeof raw === 'object' && typeof (raw as { id?: unknown }).id === 'string')
        ? String((raw as { id: string }).id) : `#${index}`;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) { catalog.issues.push(...issueFrom(file, `${list}[${label}]`, parsed.error)); return; }
      const id = idOf(type, parsed.data.id);
      if (catalog.entities.has(id) && type !== 'country') {
        catalog.issues.push({ file, entry: `${list}[${label}]`, field: 'id', message: `duplicate id ${id} (first declared in ${catalog.entities.get(id)!.source})` });
        return;
      }
      addEntry(catalog, type, id, parsed.data as Record<string, unknown>, file);
      added++;
    });
  }
  return added;
}

function addEntry(catalog: Catalog, type: EntityType, id: string, e: Record<string, unknown>, source: string) {
  const push = (text: string, kind: AliasKind, lang?: Language) => catalog.aliases.push({ entity: id, text, kind, lang });
  const perLang = (v: unknown, kind: AliasKind) => {
    for (const [lang, list] of Object.entries((v ?? {}) as Record<string, string[]>)) for (const t of list) push(t, kind, lang as Language);
  };
  const existing = catalog.entities.get(id);
  switch (type) {
    case 'country': {
      // Countries may be declared in more than one file (a user's extra names): merge, do not replace.
      if (!existing) catalog.entities.set(id, { id, type, name: e.name as string, country: e.id as string, source });
      push(e.name as string, 'name', 'en');
      perLang(e.names, 'name');
      perLang(e.adjectives, 'adjective');
      perLang(e.demonyms, 'demonym');
      return;
    }
    case 'system':
      catalog.entities.set(id, {
        id, type, name: e.designation as string, country: (e.origin as string | null) ?? null,
        category: e.category as Category, parent: e.parent ? idOf('system', e.parent as string) : null,
        manufacturer: e.manufacturer ? idOf('organisation', e.manufacturer as string) : null,
        ambiguous: e.ambiguous as boolean | undefined, partners: e.partners as string[] | undefined, source,
      });
      push(e.designation as string, 'designation');
      break;
    case 'place':
      catalog.entities.set(id, {
        id, type, name: e.name as string, country: (e.country as string | null) ?? null, kind: e.kind as string,
        lat: e.lat as number, lon: e.lon as number, metonymFor: e.metonymFor as string | undefined,
        ambiguous: e.ambiguous as boolean | undefined, source,
      });
      push(e.name as string, 'name');
      break;
    case 'organisation':
      catalog.entities.set(id, {
        id, type, name: e.name as string, country: (e.country as string | null) ?? null, kind: e.kind as string,
        parent: e.parent ? idOf('organisation', e.parent as string) : null, ambiguous: e.ambiguous as boolean | undefined, source,
      });
      push(e.name as string, 'name');
      break;
    case 'person':
      catalog.entities.set(id, {
        id, type, name: e.name as string, country: (e.country as string | null) ?? null,
        roles: e.roles as Entity['roles'], ambiguous: e.ambiguous as boolean | undefined, source,
      });
      push(e.name as string, 'name');
      break;
    case 'bloc':
      catalog.entities.set(id, {
        id, type, name: e.name as string, country: null, members: e.members as Entity['members'], source,
      });
      push(e.name as string, 'name');
      break;
    default:
      return;
  }
  for (const a of (e.aliases as string[] | undefined) ?? []) push(a, 'alias');
}

/** Base country names per language from i18n-iso-countries, so the curated file lists only what it lacks. */
function addBaseCountryNames(catalog: Catalog) {
  const require = createRequire(import.meta.url);
  const countries = require('i18n-iso-countries') as {
    registerLocale(data: unknown): void; getNames(lang: string, o?: { select: 'all' }): Record<string, string[]>;
  };
  for (const lang of LANGUAGES) {
    let locale: unknown;
    try { locale = require(`i18n-iso-countries/langs/${lang}.json`); } catch { continue; }
    countries.registerLocale(locale);
    for (const [code, names] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
      const id = idOf('country', code);
      if (!catalog.entities.has(id)) continue;
      for (const name of names) catalog.aliases.push({ entity: id, text: name, kind: 'name', lang });
    }
  }
}

function addCategoryTerms(catalog: Catalog, file: string) {
  const parsed = CategoryTermsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) { catalog.issues.push(...issueFrom(file, 'categories', parsed.error)); return; }
  for (const [category, langs] of Object.entries(parsed.data.categories)) {
    const id = idOf('category', category);
    if (!catalog.entities.has(id)) {
      catalog.entities.set(id, { id, type: 'category', name: category, country: null, category: category as Category, source: file });
    }
    for (const [lang, terms] of Object.entries(langs ?? {})) {
      for (const t of terms ?? []) catalog.aliases.push({ entity: id, text: t, kind: 'term', lang: lang as Language });
    }
  }
}

function readJson(catalog: Catalog, file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    catalog.issues.push({ file, entry: '(file)', field: '(json)', message: (error as Error).message });
    return undefined;
  }
}

/**
 * "F-35 Lightning II", "MIM-104 Patriot", "AH-64E Apache": reporting often gives only the code. The code
 * part of a designation becomes an alias of its own, unless another entry already claims it.
 */
function addDesignationCodes(catalog: Catalog) {
  // Codes carry digits, and normalising keeps them: only aliases with a digit can claim one.
  const claimed = new Map<string, string>();
  for (const a of catalog.aliases) if (/\d/.test(a.text)) claimed.set(normaliseText(a.text.replace(/\*$/, '')), a.entity);
  for (const e of catalog.entities.values()) {
    if (e.type !== 'system') continue;
    const m = /^([A-Za-z]{1,5}[-/ ]?\d{1,4}[A-Za-z0-9-]*)\s+\S/.exec(e.name);
    if (!m || !/\d/.test(m[1]) || !/[A-Za-z]/.test(m[1])) continue;
    const key = normaliseText(m[1]);
    if (key.replace(/\s/g, '').length < 2 || (claimed.has(key) && claimed.get(key) !== e.id)) continue;
    claimed.set(key, e.id);
    catalog.aliases.push({ entity: e.id, text: m[1], kind: 'designation' });
  }
}

/** Checks references between entries (parent, manufacturer) once everything is loaded. */
function checkReferences(catalog: Catalog) {
  for (const e of catalog.entities.values()) {
    if (e.parent && !catalog.entities.has(e.parent)) {
      catalog.issues.push({ file: e.source, entry: e.id, field: 'parent', message: `unknown ${e.parent}` });
    }
  }
}

export interface LoadOptions {
  dataDir?: string;
  /** Extra folders of user entries (`ARMSCOPE_KB_DIR`, `armscope kb add`). */
  extraDirs?: string[];
  /** Throw a CatalogError when any entry is invalid (the default for the bundled catalog). */
  strict?: boolean;
}

/**
 * Loads and validates the whole catalog.
 * @example const kb = loadCatalog(); kb.entities.get('country:RS')?.name // 'Serbia'
 */
export function loadCatalog(options: LoadOptions = {}): Catalog {
  const dataDir = options.dataDir ?? DATA_DIR;
  const catalog: Catalog = { entities: new Map(), aliases: [], homonyms: {}, issues: [] };
  const catalogDir = join(dataDir, 'catalog');
  const files = jsonFiles(catalogDir);
  // Countries first: the base names attach to the entities it declares.
  files.sort((a, b) => Number(basename(b) === 'countries.json') - Number(basename(a) === 'countries.json'));
  for (const file of files) {
    const json = readJson(catalog, file);
    if (json !== undefined) addCatalogFile(catalog, file, json);
  }
  addBaseCountryNames(catalog);
  const categories = join(dataDir, 'lexicon', 'categories.json');
  if (existsSync(categories)) addCategoryTerms(catalog, categories);
  const homonyms = join(dataDir, 'lexicon', 'homonyms.json');
  if (existsSync(homonyms)) {
    const parsed = HomonymsSchema.safeParse(readJson(catalog, homonyms));
    if (parsed.success) {
      for (const [lang, words] of Object.entries(parsed.data.homonyms)) {
        catalog.homonyms[lang as Language] = new Set((words ?? []).map((w) => w.toLowerCase()));
      }
    } else catalog.issues.push(...issueFrom(homonyms, 'homonyms', parsed.error));
  }
  for (const dir of options.extraDirs ?? extraDirsFromEnv()) {
    for (const file of jsonFiles(dir)) {
      const json = readJson(catalog, file);
      if (json !== undefined) addCatalogFile(catalog, file, json);
    }
  }
  addDesignationCodes(catalog);
  checkReferences(catalog);
  if ((options.strict ?? false) && catalog.issues.length) {
    const head = catalog.issues.slice(0, 20).map((i) => `${i.file}: ${i.entry}: ${i.field}: ${i.message}`).join('\n');
    throw new CatalogError(`catalog has ${catalog.issues.length} invalid entr${catalog.issues.length === 1 ? 'y' : 'ies'}:\n${head}`, { issues: catalog.issues });
  }
  return catalog;
}

/**
 * Every file `loadCatalog` reads, in order, and the disambiguation rules the knowledge base marks the
 * compiled aliases with: what a compiled catalog depends on.
 */
export function catalogInputs(options: LoadOptions = {}): string[] {
  const dataDir = options.dataDir ?? DATA_DIR;
  return [
    ...jsonFiles(join(dataDir, 'catalog')),
    ...['categories.json', 'homonyms.json', 'disambiguation.json'].map((f) => join(dataDir, 'lexicon', f)).filter((f) => existsSync(f)),
    ...(options.extraDirs ?? extraDirsFromEnv()).flatMap((dir) => jsonFiles(dir)),
  ];
}

/** The folder `armscope kb add` copies validated files into (`ARMSCOPE_KB_HOME`, default `~/.armscope/kb`). */
export function userKbDir(): string {
  return process.env.ARMSCOPE_KB_HOME ?? join(homedir(), '.armscope', 'kb');
}

/** The user's own catalog folders, read at every load: the `kb add` folder, then `ARMSCOPE_KB_DIR`. */
export function extraDirsFromEnv(): string[] {
  return [userKbDir(), ...(process.env.ARMSCOPE_KB_DIR ?? '').split(':').filter(Boolean)];
}
