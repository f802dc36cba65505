/**
 * The ingest job: expand inputs (files, folders, URLs, stdin), read each into articles, prepare and store
 * them one at a time (memory stays flat however large the corpus), and report every outcome. A bad input
 * is reported with its name and reason and the batch goes on.
 */
import { opendir, stat, readFile } from 'node:fs/promises';
import { join, extname } from 'node:path';
import { ArmscopeError, InputError, StoreError } from '../errors.js';
import type { Store, AddStatus } from '../store/store.js';
import { fetchUrl, type FetchOptions } from './fetch.js';
import { prepareDocument, type PreparedDocument } from './prepare.js';
import { readInput, KNOWN_EXTENSIONS } from './read.js';
import type { InputItem, RawArticle } from './types.js';
import type { EventInput } from '../extract/types.js';

export interface IngestOptions extends FetchOptions {
  /** Bytes of stdin, when an input is `-`. */
  stdin?: () => Promise<Buffer>;
  /** Extracts a new document's events, stored with it in the same transaction. */
  extract?: (doc: PreparedDocument) => EventInput[];
  onResult?: (result: IngestResult) => void;
  /** Called after every input with the running totals. */
  onProgress?: (progress: IngestProgress) => void;
}

export type IngestResult =
  | { ok: true; source: string; id: string; status: AddStatus; duplicateOf?: string; title: string | null; language: string }
  | { ok: false; source: string; error: string };

export interface IngestProgress {
  inputsDone: number;
  inputsTotal: number;
  bytes: number;
}

export interface IngestSummary {
  inputs: number;
  added: number;
  unchanged: number;
  duplicates: number;
  failed: number;
  bytes: number;
  errors: { source: string; error: string }[];
}

export interface Pending {
  name: string;
  load(): Promise<InputItem>;
}

export const isUrl = (s: string) => /^https?:\/\//i.test(s);

async function* walk(dir: string): AsyncGenerator<string> {
  const entries: string[] = [];
  for await (const entry of await opendir(dir)) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) entries.push(path);
    else if (entry.isFile() && KNOWN_EXTENSIONS.has(extname(entry.name).toLowerCase())) entries.push(path);
  }
  entries.sort();
  for (const path of entries) {
    if ((await stat(path)).isDirectory()) yield* walk(path);
    else yield path;
  }
}

function fileInput(path: string, maxBytes: number): Pending {
  return {
    name: path,
    async load() {
      const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
        throw new InputError(path, error.code === 'ENOENT' ? 'no such file or folder' : error.message, {}, { cause: error });
      });
      if (info.size > maxBytes) throw new InputError(path, `file is ${info.size} bytes, over the ${maxBytes} byte cap (raise it with --max-bytes)`);
      return { name: path, bytes: await readFile(path) };
    },
  };
}

/** Expands the command line's inputs lazily; folders are walked in name order, recursively. */
export async function* expandInputs(inputs: string[], options: IngestOptions): AsyncGenerator<Pending> {
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  for (const input of inputs) {
    if (input === '-') {
      yield {
        name: 'stdin',
        async load() {
          if (!options.stdin) throw new InputError('stdin', 'no standard input available');
          const bytes = await options.stdin();
          if (bytes.length > maxBytes) throw new InputError('stdin', `input is over the ${maxBytes} byte cap`);
          return { name: 'stdin', bytes };
        },
      };
    } else if (isUrl(input)) {
      yield { name: input, load: () => fetchUrl(input, options) };
    } else {
      const info = await stat(input).catch(() => undefined);
      if (info?.isDirectory()) for await (const path of walk(input)) yield fileInput(path, maxBytes);
      else yield fileInput(input, maxBytes);
    }
  }
}

/** Counts inputs without reading them, for the progress bar's total. */
export async function countInputs(inputs: string[]): Promise<number> {
  let n = 0;
  for (const input of inputs) {
    const info = !isUrl(input) && input !== '-' ? await stat(input).catch(() => undefined) : undefined;
    if (info?.isDirectory()) for await (const _ of walk(input)) n++;
    else n++;
  }
  return n;
}

function message(error: unknown): string {
  if (error instanceof InputError) return String(error.details.reason);
  if (error instanceof ArmscopeError) return error.message;
  return (error as Error)?.message ?? String(error);
}

function fail(summary: IngestSummary, options: IngestOptions, source: string, error: unknown) {
  const text = message(error);
  summary.failed++;
  summary.errors.push({ source, error: text });
  options.onResult?.({ ok: false, source, error: text });
}

export function emptySummary(): IngestSummary {
  return { inputs: 0, added: 0, unchanged: 0, duplicates: 0, failed: 0, bytes: 0, errors: [] };
}

/**
 * One loaded input into the store: read into articles, each prepared, extracted and stored in its own
 * transaction. Outcomes are counted in `summary`; a bad article is reported and the rest go on. The
 * ingest job below and the queue's workers both call this.
 * @example await ingestItem({ name: 'a.txt', bytes }, store, { extract }, summary)
 */
export async function ingestItem(item: InputItem, store: Store, options: IngestOptions, summary: IngestSummary): Promise<void> {
  summary.bytes += item.bytes.length;
  for (const article of await readInput(item)) {
    if (article instanceof Error) { fail(summary, options, article instanceof InputError ? article.input : item.name, article); continue; }
    await ingestArticle(article, store, options, summary);
  }
}

/**
 * One article (read from an input, or given whole, as the API's ingest of text does): prepared, extracted
 * and stored in its own transaction, its outcome counted in `summary`.
 */
export async function ingestArticle(article: RawArticle, store: Store, options: IngestOptions, summary: IngestSummary): Promise<void> {
  try {
    const doc = await prepareDocument(article);
    // Text already stored is not extracted again: its events are there.
    const known = await store.hasDocument(doc.id);
    // No extractor: stored as not yet extracted (`reextract` finds it), not as extracted with nothing found.
    const events = !known && options.extract ? options.extract(doc) : undefined;
    const result = await store.addDocument(doc, events);
    if (result.status === 'added') summary.added++;
    else if (result.status === 'duplicate') summary.duplicates++;
    else summary.unchanged++;
    options.onResult?.({ ok: true, source: article.source, id: result.id, status: result.status, duplicateOf: result.duplicateOf, title: doc.title, language: doc.language });
  } catch (error) {
    // A bad article is reported and skipped; a store that cannot write ends the batch.
    if (!(error instanceof ArmscopeError) || error instanceof StoreError) throw error;
    fail(summary, options, article.source, error);
  }
}

/**
 * Ingests inputs into a store.
 * @example await ingest(['../shared/seeds'], store, { onResult: console.log })
 */
export async function ingest(inputs: string[], store: Store, options: IngestOptions = {}): Promise<IngestSummary> {
  const summary = emptySummary();
  const total = options.onProgress ? await countInputs(inputs) : 0;
  // Reading the next input overlaps with processing this one: disk and network wait is hidden, memory
  // holds at most two inputs.
  const loaded = async function* () {
    let next: { pending: Pending; item: Promise<InputItem> } | undefined;
    for await (const pending of expandInputs(inputs, options)) {
      const item = pending.load();
      item.catch(() => undefined);
      if (next) yield next;
      next = { pending, item };
    }
    if (next) yield next;
  };
  for await (const { pending, item: loading } of loaded()) {
    summary.inputs++;
    try {
      await ingestItem(await loading, store, options, summary);
    } catch (error) {
      if (error instanceof StoreError) throw error;
      if (error instanceof ArmscopeError) fail(summary, options, error instanceof InputError ? error.input : pending.name, error);
      else fail(summary, options, pending.name, error);
    }
    options.onProgress?.({ inputsDone: summary.inputs, inputsTotal: Math.max(total, summary.inputs), bytes: summary.bytes });
  }
  // The batch's records, once: each changed supplier–recipient pair is rebuilt one time.
  await store.refreshRecords();
  return summary;
}
