import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bands, hammingDistance, simhash } from './simhash.js';

const A = 'Iran has delivered Shahed-136 drones to Russia, according to officials in Kyiv, who said the first batch arrived in the autumn.';
const EDITED = 'Iran has delivered Shahed-136 drones to Russia, according to officials in Kyiv, who said the first batch arrived in autumn.';
const OTHER = 'Serbia received FK-3 air defence batteries from China in April, six transport aircraft landing at Batajnica.';

test('hashes are stable: stored fingerprints stay comparable across versions', () => {
  assert.equal(simhash(A), 'ba02968b0acfdd30');
  assert.equal(simhash(EDITED), 'faa29e8b4eefdd31');
  assert.equal(simhash(OTHER), '480c4a1e11e4e808');
  assert.deepEqual(bands(simhash(A)), ['ba02', '968b', '0acf', 'dd30']);
});

test('a small edit moves few bits, another story about half', () => {
  // One word dropped from a 22-word sentence (longer articles move far fewer bits per edit).
  assert.equal(hammingDistance(simhash(A), simhash(EDITED)), 8);
  assert.equal(hammingDistance(simhash(A), simhash(OTHER)), 32);
  assert.equal(simhash(''), simhash(''));
});
