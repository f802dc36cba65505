/**
 * What `armscope watch` keeps between runs (migration 9): each feed's validators and backoff, the documents
 * its feeds brought in and whether the rules ran on them, and every alert raised. A document's alerts and
 * the mark that it was evaluated are written in one transaction, an alert's id is a hash of its rule and
 * subject, and what each sink is owed is written with the alert and crossed off when it is sent, so a watcher stopped at any
 * point and started again neither skips nor repeats an alert.
 */
import type { Kysely } from 'kysely';
import type { Backend } from './dialect.js';
import type { Schema } from './schema.js';

export interface FeedState {
  url: string;
  etag: string | null;
  lastModified: string | null;
  checkedAt: string | null;
  status: 'ok' | 'not-modified' | 'error' | null;
  failures: number;
  /** Not to be polled before this time (ISO), after failures. */
  nextAt: string | null;
  error: string | null;
}

export interface WatchItem {
  documentId: string;
  feed: string;
  url: string | null;
}

/** An alert as stored: the JSON body is what the sinks were given. */
export interface StoredAlert {
  id: string;
  rule: string;
  subject: string;
  createdAt: string;
  body: string;
}

export interface WatchState {
  feed(url: string): Promise<FeedState | undefined>;
  saveFeed(state: FeedState): Promise<void>;
  /** Remembers documents a feed brought in; ones already known are left as they are. */
  addItems(items: WatchItem[]): Promise<void>;
  /** Documents not yet evaluated, oldest first. */
  pendingItems(limit?: number): Promise<WatchItem[]>;
  /** Whether a document was brought in by a feed and evaluated before now. */
  evaluatedBefore(documentIds: string[]): Promise<Set<string>>;
  /**
   * Stores a document's alerts (those already stored are skipped), each owed to `sinks`, and marks the
   * document evaluated, in one transaction. Returns the alerts that are new.
   */
  commitEvaluation(documentId: string | null, alerts: StoredAlert[], sinks: string[]): Promise<StoredAlert[]>;
  /** Of these documents, the ones a feed brought in before. */
  knownItems(documentIds: string[]): Promise<Set<string>>;
  /** Alerts owed to some of `sinks`, oldest first, each with the sinks still to send it to. */
  undelivered(sinks: string[]): Promise<(StoredAlert & { missing: string[] })[]>;
  markDelivered(id: string, sink: string): Promise<void>;
  alerts(): Promise<StoredAlert[]>;
}

const now = () => new Date().toISOString();

/** The watch tables over a store's backend (`Store.watchState()`). */
export function watchState(backend: Backend, ready: Promise<unknown>): WatchState {
  const db: Kysely<Schema> = backend.db;
  return {
    async feed(url) {
      await ready;
      const r = await db.selectFrom('watch_feeds').selectAll().where('url', '=', url).executeTakeFirst();
      return r && {
        url: r.url, etag: r.etag, lastModified: r.last_modified, checkedAt: r.checked_at, status: r.status as FeedState['status'],
        failures: Number(r.failures), nextAt: r.next_at, error: r.error,
      };
    },
    async saveFeed(s) {
      await ready;
      const row = { url: s.url, etag: s.etag, last_modified: s.lastModified, checked_at: s.checkedAt, status: s.status, failures: s.failures, next_at: s.nextAt, error: s.error };
      await db.insertInto('watch_feeds').values(row).onConflict((oc) => oc.column('url').doUpdateSet(row)).execute();
    },
    async addItems(items) {
      await ready;
      if (!items.length) return;
      const seen = now();
      await db.insertInto('watch_items').values(items.map((i) => ({ document_id: i.documentId, feed: i.feed, url: i.url, seen_at: seen, evaluated_at: null })))
        .onConflict((oc) => oc.column('document_id').doNothing()).execute();
    },
    async pendingItems(limit = 1000) {
      await ready;
      const rows = await db.selectFrom('watch_items').select(['document_id', 'feed', 'url']).where('evaluated_at', 'is', null)
        .orderBy('seen_at').orderBy('document_id').limit(limit).execute();
      return rows.map((r) => ({ documentId: r.document_id, feed: r.feed, url: r.url }));
    },
    async knownItems(ids) {
      await ready;
      if (!ids.length) return new Set();
      const rows = await db.selectFrom('watch_items').select('document_id').where('document_id', 'in', ids).execute();
      return new Set(rows.map((r) => r.document_id));
    },
    async evaluatedBefore(ids) {
      await ready;
      if (!ids.length) return new Set();
      const rows = await db.selectFrom('watch_items').select('document_id').where('document_id', 'in', ids).where('evaluated_at', 'is not', null).execute();
      return new Set(rows.map((r) => r.document_id));
    },
    async commitEvaluation(documentId, alerts, sinks) {
      await ready;
      return backend.write(async (trx) => {
        const fresh: StoredAlert[] = [];
        for (const a of alerts) {
          const result = await trx.insertInto('watch_alerts')
            .values({ id: a.id, rule: a.rule, subject: a.subject, created_at: a.createdAt, body: a.body })
            .onConflict((oc) => oc.column('id').doNothing()).executeTakeFirst();
          if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) fresh.push(a);
        }
        for (const a of fresh) {
          if (sinks.length) await trx.insertInto('watch_deliveries').values(sinks.map((sink) => ({ alert_id: a.id, sink, delivered_at: null }))).execute();
        }
        if (documentId) await trx.updateTable('watch_items').set({ evaluated_at: now() }).where('document_id', '=', documentId).execute();
        return fresh;
      });
    },
    async undelivered(sinks) {
      await ready;
      if (!sinks.length) return [];
      const owed = await db.selectFrom('watch_deliveries').select(['alert_id', 'sink']).where('delivered_at', 'is', null).where('sink', 'in', sinks).execute();
      if (!owed.length) return [];
      const rows = await db.selectFrom('watch_alerts').select(['id', 'rule', 'subject', 'created_at', 'body'])
        .where('id', 'in', [...new Set(owed.map((o) => o.alert_id))]).orderBy('created_at').orderBy('id').execute();
      return rows.map((r) => ({
        id: r.id, rule: r.rule, subject: r.subject, createdAt: r.created_at, body: r.body,
        missing: sinks.filter((sink) => owed.some((o) => o.alert_id === r.id && o.sink === sink)),
      }));
    },
    async markDelivered(id, sink) {
      await ready;
      await db.updateTable('watch_deliveries').set({ delivered_at: now() }).where('alert_id', '=', id).where('sink', '=', sink).execute();
    },
    async alerts() {
      await ready;
      const rows = await db.selectFrom('watch_alerts').select(['id', 'rule', 'subject', 'created_at', 'body']).orderBy('created_at').orderBy('id').execute();
      return rows.map((r) => ({ id: r.id, rule: r.rule, subject: r.subject, createdAt: r.created_at, body: r.body }));
    },
  };
}
