/**
 * Sanctions lists in: OpenSanctions' FollowTheMoney entity files (`entities.ftm.json`, one JSON entity per
 * line) and its `targets.simple.csv`. Both are read as streams, entity by entity, straight into the store's
 * write transaction: a 1 GB export never sits in memory (a repeated id is refused by the store, batch by batch).
 * Only parties are kept (people, companies, organisations, vessels, aircraft); sanctions, addresses and
 * ownership rows of an FtM file are skipped and counted.
 *
 * A malformed line stops the load with the file, the line and the reason, and the list's earlier version
 * stays in place: a list is never half replaced.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import { InputError, ValidationError } from '../errors.js';
import type { Store } from '../store/store.js';
import { PARTY_SCHEMATA, type ListEntity, type ListVersion } from './types.js';

export type ListFormat = ListVersion['format'];

export interface LoadSummary {
  list: string;
  version: ListVersion;
  previous?: ListVersion;
  /** Rows of the file that are not parties (sanctions, addresses, ownership), skipped. */
  skipped: number;
  /** Parties without any name, skipped: nothing to match them by. */
  nameless: number;
  milliseconds: number;
}

const NAME_PROPERTIES = ['name', 'alias', 'previousName'] as const;
const COUNTRY_PROPERTIES = ['country', 'jurisdiction', 'nationality', 'citizenship', 'mainCountry'] as const;

/** A list name as given with `--name`: letters, digits, dots, dashes and underscores. */
export function parseListName(value: string): string {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(value)) throw new ValidationError(`list name "${value}" may hold only letters, digits, . _ and - (up to 64)`, { field: 'name', value });
  return value;
}

/** The format a file's name says, else its first character (`{` for FtM lines). */
export async function detectFormat(file: string): Promise<ListFormat> {
  if (/\.(json|jsonl|ndjson)$/i.test(file)) return 'ftm';
  if (/\.csv$/i.test(file)) return 'simple-csv';
  const stream = createReadStream(file, { start: 0, end: 63 });
  let head = '';
  for await (const chunk of stream) head += chunk.toString('utf8');
  return head.trimStart().startsWith('{') ? 'ftm' : 'simple-csv';
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : []);
const unique = (xs: string[]) => [...new Set(xs)];

interface Counters { skipped: number; nameless: number }

/** FtM entities of party schemata, line by line. `hash` sees every byte read. */
async function* readFtm(file: string, hash: ReturnType<typeof createHash>, counters: Counters): AsyncGenerator<ListEntity> {
  const stream = createReadStream(file);
  stream.on('data', (chunk) => hash.update(chunk));
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    let raw: { id?: unknown; schema?: unknown; caption?: unknown; properties?: Record<string, unknown>; datasets?: unknown; target?: unknown };
    try {
      raw = JSON.parse(line);
    } catch (error) {
      throw new InputError(`${file}:${n}`, `not a JSON entity (${(error as Error).message})`, { line: n }, { cause: error });
    }
    if (typeof raw !== 'object' || raw === null || typeof raw.id !== 'string' || typeof raw.schema !== 'string') {
      throw new InputError(`${file}:${n}`, 'an FtM entity needs a string "id" and "schema"', { line: n });
    }
    if (!(PARTY_SCHEMATA as readonly string[]).includes(raw.schema)) { counters.skipped++; continue; }
    const p = raw.properties ?? {};
    const names = unique(NAME_PROPERTIES.flatMap((k) => strings(p[k])).map((s) => s.trim()));
    if (!names.length) { counters.nameless++; continue; }
    yield {
      id: raw.id, schema: raw.schema, caption: typeof raw.caption === 'string' ? raw.caption : names[0], names,
      countries: unique(COUNTRY_PROPERTIES.flatMap((k) => strings(p[k])).map((c) => c.toLowerCase())),
      topics: unique(strings(p.topics)), datasets: strings(raw.datasets), target: raw.target === true,
    };
  }
}

/** `targets.simple.csv`: one target per row; aliases and countries are `;`-separated. */
async function* readSimpleCsv(file: string, hash: ReturnType<typeof createHash>, counters: Counters): AsyncGenerator<ListEntity> {
  const stream = createReadStream(file);
  stream.on('data', (chunk) => hash.update(chunk));
  const parser = stream.pipe(parse({ columns: true, bom: true, relax_column_count: false, skip_empty_lines: true, info: true }));
  const split = (v: string | undefined) => (v ?? '').split(';').map((s) => s.trim()).filter(Boolean);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!('id' in record) || !('name' in record) || !('schema' in record)) {
        throw new InputError(file, 'not a targets.simple.csv file: the columns id, schema and name are needed', { columns: Object.keys(record) });
      }
      if (!record.id) throw new InputError(`${file}:${info.lines}`, 'a row without an id', { line: info.lines });
      if (!(PARTY_SCHEMATA as readonly string[]).includes(record.schema)) { counters.skipped++; continue; }
      const names = unique([record.name, ...split(record.aliases)].map((s) => (s ?? '').trim()).filter(Boolean));
      if (!names.length) { counters.nameless++; continue; }
      yield {
        id: record.id, schema: record.schema, caption: names[0], names, countries: split(record.countries).map((c) => c.toLowerCase()),
        topics: [], datasets: split(record.dataset ?? record.datasets), target: true,
      };
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const e = error as Error & { lines?: number };
    throw new InputError(e.lines ? `${file}:${e.lines}` : file, `malformed CSV: ${e.message}`, { line: e.lines }, { cause: error });
  }
}

/**
 * Loads a list file into the store under `list`, replacing the list's earlier version atomically.
 * @example await loadList(store, 'entities.ftm.json', { list: 'opensanctions' }) // { version: { entities: 17, … } }
 */
export async function loadList(store: Store, file: string, options: { list?: string; format?: ListFormat; onProgress?: (done: number) => void } = {}): Promise<LoadSummary> {
  const started = Date.now();
  try {
    if (!(await stat(file)).isFile()) throw new InputError(file, 'not a file');
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(file, 'cannot be read', {}, { cause: error });
  }
  const list = parseListName(options.list ?? basename(file).replace(/\.(ftm\.json|json|jsonl|ndjson|csv)$/i, '').replace(/[^A-Za-z0-9._-]/g, '-'));
  const format = options.format ?? await detectFormat(file);
  const hash = createHash('sha256');
  const counters: Counters = { skipped: 0, nameless: 0 };
  const entities = format === 'ftm' ? readFtm(file, hash, counters) : readSimpleCsv(file, hash, counters);
  const loadedAt = new Date().toISOString();
  let replaced;
  try {
    replaced = await store.replaceScreenList(list, entities, (count) => {
      const sha256 = hash.digest('hex');
      return { list, version: `${list}@${loadedAt.replace(/[-:.]/g, '')}-${sha256.slice(0, 12)}`, file, format, sha256, entities: count, loadedAt };
    }, options.onProgress);
  } catch (error) {
    // The store names a repeated id; the user needs the file too.
    if (error instanceof ValidationError && error.details.duplicate) throw new InputError(file, error.message, error.details, { cause: error });
    throw error;
  }
  const { previous, version } = replaced;
  return { list, version, previous, skipped: counters.skipped, nameless: counters.nameless, milliseconds: Date.now() - started };
}
