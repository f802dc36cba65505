/**
 * The backends every store-level test runs against: a SQLite file in a fresh temporary folder, and a
 * PostgreSQL database of the test's own on the real server (test/pg.ts), skipped with the reason where no
 * server can be reached (in CI that fails instead).
 */
import { join } from 'node:path';
import { tempDir } from './helpers.js';
import { createTestDatabase, postgresUnavailable } from './pg.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { migrateStore, openStore } from '../src/store/open.js';
import type { Store } from '../src/store/store.js';

export type TestContext = Parameters<typeof tempDir>[0] & { after(fn: () => Promise<void>): void };

export interface TestBackend {
  name: 'sqlite' | 'postgres';
  /** Why this backend's tests are skipped here. */
  skip?: string;
  /** A new, empty, migrated store, closed (and for PostgreSQL dropped) when the test ends. */
  open(t: TestContext): Promise<Store>;
  /** The location of a new, empty, migrated store, for tests that run the CLI or workers. */
  location(t: TestContext): Promise<string>;
}

export const STORE_BACKENDS: TestBackend[] = [
  {
    name: 'sqlite',
    async location(t) {
      return join(tempDir(t), 'store.db');
    },
    async open(t) {
      const store = new SqliteStore(await this.location(t));
      t.after(() => store.close());
      return store;
    },
  },
  {
    name: 'postgres',
    skip: await postgresUnavailable(),
    async location(t) {
      const url = await createTestDatabase(t);
      await migrateStore(url);
      return url;
    },
    async open(t) {
      const store = await openStore(await this.location(t));
      t.after(() => store.close());
      return store;
    },
  },
];

/**
 * What a full merge of every stored mention gives, as `armscope transfers` computed it before records were
 * kept: the materialised records must equal it.
 */
export async function mergedRecords(store: Store) {
  const { mergeTransfers } = await import('../src/resolve/transfers.js');
  const { recordContext } = await import('../src/store/records.js');
  const { systems, minConfidence } = await recordContext();
  const { applyDecisions } = await import('../src/review/decisions.js');
  const mentions = applyDecisions(await store.listEvents({ kind: 'transfer' }), await store.listDecisions()).filter((e) => e.confidence >= minConfidence);
  return mergeTransfers(mentions, await store.listDocuments(), systems);
}

/** The per-pair sums a full merge gives (`pairSums` over `mergedRecords`), as `Store.pairDetails` must return them. */
export async function mergedPairs(store: Store) {
  const { pairSums, toPairDetail } = await import('../src/store/records.js');
  const byPair = new Map<string, Awaited<ReturnType<typeof mergedRecords>>>();
  for (const r of await mergedRecords(store)) byPair.set(`${r.supplier}|${r.recipient}`, [...(byPair.get(`${r.supplier}|${r.recipient}`) ?? []), r]);
  return [...byPair.values()].map((records) => toPairDetail(pairSums(records[0].supplier, records[0].recipient, records).summary))
    .sort((a, b) => b.records - a.records || a.supplier.localeCompare(b.supplier) || a.recipient.localeCompare(b.recipient));
}
