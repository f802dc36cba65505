/**
 * Queries of screening data (`src/screen`), shared by both backends. A list load replaces the list's parties
 * and its version row in one transaction, so a screening reads the old version or the new one, never a mix;
 * parties are read back in pages by key, so a million of them never sit in one result set.
 */
import type { Kysely } from 'kysely';
import { ValidationError } from '../errors.js';
import type { ListEntity, ListVersion, RiskLevel, ScreenRun } from '../screen/types.js';
import type { Schema, ScreenListsTable, ScreenRunsTable } from './schema.js';

/** Rows per INSERT: 9 columns each stays far below both backends' limit on bound parameters. */
const INSERT_BATCH = 500;
/** Parties per page when they are read back to build the match index. */
const READ_PAGE = 5000;

function toVersion(r: ScreenListsTable): ListVersion {
  return { list: r.list, version: r.version, file: r.file, format: r.format as ListVersion['format'], sha256: r.sha256, entities: Number(r.entities), loadedAt: r.loaded_at };
}

/**
 * Replaces a list (inside the caller's write transaction): its earlier parties go, `entities` are written as
 * they are read, and the version row is written last, from what `describe` says once every party is in.
 * Returns the version replaced, if any.
 */
export async function replaceList(trx: Kysely<Schema>, list: string, entities: AsyncIterable<ListEntity>,
  describe: (count: number) => ListVersion, onProgress?: (done: number) => void): Promise<{ previous?: ListVersion; version: ListVersion }> {
  const previousRow = await trx.selectFrom('screen_lists').selectAll().where('list', '=', list).executeTakeFirst();
  await trx.deleteFrom('screen_entities').where('list', '=', list).execute();
  await trx.deleteFrom('screen_lists').where('list', '=', list).execute();
  let batch: Schema['screen_entities'][] = [];
  let count = 0;
  // A party id twice in one file would hide one of them: refused, named. Found without holding every id read
  // (a 5-million-party file would need hundreds of MB for that): within a batch by a set, across batches by
  // the rows the database declines to insert a second time.
  const flush = async () => {
    if (!batch.length) return;
    const ids = new Set<string>();
    for (const row of batch) {
      if (ids.has(row.id)) throw new ValidationError(`the id ${row.id} occurs twice`, { id: row.id, duplicate: true });
      ids.add(row.id);
    }
    const inserted = await trx.insertInto('screen_entities').values(batch).onConflict((oc) => oc.columns(['list', 'id']).doNothing()).returning('id').execute();
    if (inserted.length < batch.length) {
      const stored = new Set(inserted.map((r) => r.id));
      const id = batch.find((row) => !stored.has(row.id))!.id;
      throw new ValidationError(`the id ${id} occurs twice`, { id, duplicate: true });
    }
    batch = [];
    onProgress?.(count);
  };
  for await (const e of entities) {
    batch.push({
      list, id: e.id, schema: e.schema, caption: e.caption, names: JSON.stringify(e.names), countries: JSON.stringify(e.countries),
      topics: JSON.stringify(e.topics), datasets: JSON.stringify(e.datasets), target: e.target ? 1 : 0,
    });
    count++;
    if (batch.length >= INSERT_BATCH) await flush();
  }
  await flush();
  const version = describe(count);
  await trx.insertInto('screen_lists').values({
    list, version: version.version, file: version.file, format: version.format, sha256: version.sha256, entities: version.entities, loaded_at: version.loadedAt,
  }).execute();
  return { previous: previousRow ? toVersion(previousRow) : undefined, version };
}

export async function listVersions(db: Kysely<Schema>): Promise<ListVersion[]> {
  return (await db.selectFrom('screen_lists').selectAll().orderBy('list').execute()).map(toVersion);
}

/** Every party of the named lists (all lists without names), in pages ordered by list and id. */
export async function* listEntities(db: Kysely<Schema>, lists?: string[]): AsyncGenerator<ListEntity & { list: string }> {
  // Countries, topics and datasets repeat from party to party: one shared (frozen) array per distinct value,
  // so a million parties do not hold three million small arrays (the match index keeps them all).
  const shared = new Map<string, string[]>();
  const intern = (json: string) => {
    let v = shared.get(json);
    if (!v) { v = Object.freeze(JSON.parse(json)) as string[]; if (shared.size < 100_000) shared.set(json, v); }
    return v;
  };
  let after: { list: string; id: string } | undefined;
  for (;;) {
    let q = db.selectFrom('screen_entities').selectAll();
    if (lists) q = q.where('list', 'in', lists.length ? lists : ['']);
    if (after) {
      const a = after;
      q = q.where((eb) => eb.or([eb('list', '>', a.list), eb.and([eb('list', '=', a.list), eb('id', '>', a.id)])]));
    }
    const rows = await q.orderBy('list').orderBy('id').limit(READ_PAGE).execute();
    for (const r of rows) {
      yield {
        list: r.list, id: r.id, schema: r.schema, caption: r.caption, names: JSON.parse(r.names), countries: intern(r.countries),
        topics: intern(r.topics), datasets: intern(r.datasets), target: Number(r.target) === 1,
      };
    }
    if (rows.length < READ_PAGE) return;
    after = { list: rows[rows.length - 1].list, id: rows[rows.length - 1].id };
  }
}

export async function insertRun(db: Kysely<Schema>, run: ScreenRun): Promise<void> {
  await db.insertInto('screen_runs').values({
    id: run.id, file: run.file, sha256: run.sha256, started_at: run.startedAt, lines: run.lines, levels: JSON.stringify(run.levels),
    lists: JSON.stringify(run.lists), chpl: run.chpl, threshold: run.threshold,
  }).execute();
}

function toRun(r: ScreenRunsTable): ScreenRun {
  return {
    id: r.id, file: r.file, sha256: r.sha256, startedAt: r.started_at, lines: Number(r.lines), levels: JSON.parse(r.levels) as Record<RiskLevel, number>,
    lists: JSON.parse(r.lists), chpl: r.chpl, threshold: Number(r.threshold),
  };
}

/** Runs newest first. */
export async function listRuns(db: Kysely<Schema>, limit: number): Promise<ScreenRun[]> {
  return (await db.selectFrom('screen_runs').selectAll().orderBy('started_at', 'desc').orderBy('id').limit(limit).execute()).map(toRun);
}
