/** `npm run eval:names`: precision and recall of the name matcher on data/screen/name-pairs.tsv, and every pair it gets wrong. */
import { evaluateNamePairs, readNamePairs } from '../src/screen/evaluate.js';

const threshold = process.argv[2] ? Number(process.argv[2]) : undefined;
const e = evaluateNamePairs(readNamePairs(), threshold);
console.log(`threshold ${e.threshold}: ${e.pairs} pairs, precision ${e.precision}, recall ${e.recall} (tp ${e.truePositives}, fp ${e.falsePositives}, fn ${e.falseNegatives}, tn ${e.trueNegatives})`);
for (const x of e.errors) console.log(`  ${x.same ? 'missed' : 'false match'} ${x.score.toFixed(3)} [${x.kind}] ${x.query} ~ ${x.listed}`);
