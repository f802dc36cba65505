/**
 * Fixtures of the HTTP API tests, and how they are made: the bundled samples (`samples/`, nine files, 13
 * articles in seven languages) and the four seed articles (../shared/seeds) are ingested once per backend
 * with the real extractor into a fresh store, exactly as `armscope ingest` does. Every expected id, count
 * and party in the tests comes from those 17 documents; a test that writes makes a store of its own.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { ROOT, SEEDS } from './helpers.js';
import type { TestBackend } from './stores.js';
import { ingest } from '../src/ingest/pipeline.js';
import { createExtractor } from '../src/jobs/extractor.js';
import { openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';

export const SAMPLES = join(ROOT, 'samples');

/** The sample files in name order, then the seeds folder: what `armscope demo` reads, plus the seeds. */
export function corpusInputs(): string[] {
  return [...readdirSync(SAMPLES).filter((f) => f !== 'README.md').sort().map((f) => join(SAMPLES, f)), SEEDS];
}

/**
 * A store of the backend holding the samples and seeds, made on first use in a suite and removed when
 * the test file ends (a PostgreSQL database is dropped).
 */
export function corpusStore(backend: TestBackend): () => Promise<Store> {
  let made: Promise<Store> | undefined;
  const cleanups: (() => Promise<void> | void)[] = [];
  after(async () => {
    if (made) await (await made).close();
    for (const fn of cleanups.reverse()) await fn();
  });
  return () => made ??= (async () => {
    let location: string;
    if (backend.name === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'armscope-api-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      location = join(dir, 'corpus.db');
    } else {
      location = await backend.location({ after: (fn: () => Promise<void> | void) => { cleanups.push(fn); } } as never);
    }
    const store = await openStore(location);
    const summary = await ingest(corpusInputs(), store, { extract: createExtractor() });
    if (summary.added !== 17 || summary.failed) throw new Error(`corpus ingest: ${JSON.stringify(summary)}`);
    return store;
  })();
}
