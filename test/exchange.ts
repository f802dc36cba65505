/**
 * Fixture for the exports and the briefs: short reports of our own, stored in a real SQLite file through
 * the ingest pipeline. The four export articles: FK-3 for Serbia agreed then delivered (two outlets),
 * Geran-2 production at Alabuga and a drone route to Russia, Iranian drones for Venezuela (hedged). The
 * brief articles add a joint exercise named by Serbia's president, a hedged Pantsir delivery, a howitzer
 * contract of Yugoimport (with markup in its title), and a denial of the FK-3 delivery.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tempDir } from './helpers.js';
import { SqliteStore } from '../src/store/sqlite.js';
import { emptySummary, ingestArticle } from '../src/ingest/pipeline.js';
import { createExtractor } from '../src/jobs/extractor.js';
import type { Store } from '../src/store/store.js';
import type { RawArticle } from '../src/ingest/types.js';

export const EXPORT_ARTICLES: RawArticle[] = [
  { source: 'feed#1', url: 'https://news.test/fk3-contract', title: 'Serbia signs for Chinese air defence', published: '2022-01-15', format: 'text',
    body: 'Serbia signed a contract with China for FK-3 air defence systems.' },
  { source: 'feed#2', url: 'https://other.test/fk3-delivered', title: 'FK-3 batteries arrive', published: '2022-04-11', format: 'text',
    body: 'China delivered FK-3 air defence systems to Serbia, the defence ministry said.' },
  { source: 'feed#3', url: 'https://news.test/alabuga', title: 'Drone works on the Volga', published: '2023-03-02', format: 'text',
    body: 'Russia builds Geran-2 drones at the Alabuga special economic zone in Tatarstan. Iran shipped Shahed-136 drones to Russia across the Caspian Sea via Astrakhan.' },
  { source: 'feed#4', url: 'https://third.test/venezuela', title: '=Drones for Caracas', published: '2023-05-05', format: 'text',
    body: 'Iran has reportedly delivered Shahed-136 drones to Venezuela.' },
];

/** A store holding the fixture articles, closed when the test ends. */
export async function exportStore(t: Parameters<typeof tempDir>[0] & { after(fn: () => Promise<void>): void }, articles = EXPORT_ARTICLES): Promise<Store> {
  const store = new SqliteStore(join(tempDir(t), 'export.db'));
  t.after(() => store.close());
  const summary = emptySummary();
  for (const a of articles) await ingestArticle(a, store, { extract: createExtractor() }, summary);
  assert.equal(summary.added, articles.length);
  await store.refreshRecords();
  return store;
}

export const BRIEF_ARTICLES: RawArticle[] = [
  ...EXPORT_ARTICLES,
  { source: 'feed#5', url: 'https://third.test/exercise', title: 'Exercise near Belgrade', published: '2023-02-10', format: 'text',
    body: 'Serbian President Aleksandar Vučić said Serbia and Russia held a joint military exercise near Belgrade.' },
  { source: 'feed#6', url: 'https://news.test/pantsir', title: 'Pantsir rumours', published: '2023-06-01', format: 'text',
    body: 'Russia has allegedly delivered Pantsir air defence systems to Serbia.' },
  { source: 'feed#7', url: 'https://other.test/nora', title: '<script>alert(1)</script> Howitzers for the Gulf', published: '2023-07-01', format: 'text',
    body: 'Yugoimport SDPR signed a contract with the United Arab Emirates for Nora B-52 howitzers.' },
  { source: 'feed#8', url: 'https://third.test/denial', title: 'Beijing denies', published: '2023-08-01', format: 'text',
    body: 'Beijing denied reports that it had delivered FK-3 air defence systems to Serbia.' },
];
