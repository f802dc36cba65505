/**
 * Precision and recall of the matcher on the name-pair set (`data/screen/name-pairs.tsv`). Each listed name
 * becomes a party of a small list, indexed as a real list is (so common words weigh less, as they would),
 * and each query is matched through the index: a pair counts as matched when its listed party comes back at
 * or above the threshold. Retrieval and scoring are measured together.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCREEN_DATA_DIR } from './data.js';
import { MatchIndex } from './match-index.js';
import { DEFAULT_THRESHOLD, matchQuery } from './match.js';

export interface NamePair { query: string; listed: string; schema: string; same: boolean; kind: string; line: number }

export function readNamePairs(file = join(SCREEN_DATA_DIR, 'name-pairs.tsv')): NamePair[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const pairs: NamePair[] = [];
  lines.forEach((text, i) => {
    if (!text.trim() || text.startsWith('#') || text.startsWith('query\t')) return;
    const [query, listed, schema, same, kind] = text.split('\t');
    pairs.push({ query, listed, schema, same: same === '1', kind, line: i + 1 });
  });
  return pairs;
}

export interface Evaluation {
  threshold: number;
  pairs: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
  errors: (NamePair & { score: number })[];
}

export function evaluateNamePairs(pairs: NamePair[], threshold = DEFAULT_THRESHOLD): Evaluation {
  const index = new MatchIndex();
  const ids = new Map<string, string>();
  for (const p of pairs) {
    if (ids.has(p.listed)) continue;
    const id = `pair-${ids.size + 1}`;
    ids.set(p.listed, id);
    index.add({ id, schema: p.schema, caption: p.listed, names: [p.listed], countries: [], topics: [], datasets: [], target: true, list: 'pairs', version: 'pairs' });
  }
  index.finish();
  let tp = 0, fp = 0, fn = 0, tn = 0;
  const errors: Evaluation['errors'] = [];
  for (const p of pairs) {
    const response = matchQuery(index, { schema: p.schema, properties: { name: [p.query] } }, { threshold, cutoff: 0.3, limit: 1000 });
    const score = response.results.find((r) => r.id === ids.get(p.listed))?.score ?? 0;
    const predicted = score >= threshold;
    if (predicted && p.same) tp++;
    else if (predicted) { fp++; errors.push({ ...p, score }); }
    else if (p.same) { fn++; errors.push({ ...p, score }); }
    else tn++;
  }
  const r3 = (n: number) => Math.round(n * 1000) / 1000;
  return { threshold, pairs: pairs.length, truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn,
    precision: r3(tp / Math.max(1, tp + fp)), recall: r3(tp / Math.max(1, tp + fn)), errors };
}
