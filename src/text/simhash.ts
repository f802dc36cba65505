/**
 * 64-bit SimHash over word trigrams, for near-duplicate detection: a re-published copy with small edits
 * differs in a few bits, an unrelated article in about half. Kept as a 16-hex-digit string; its four
 * 16-bit bands are indexed so candidates are found without scanning (3 differing bits leave one band equal).
 */
import { tokenize, type Token } from './normalise.js';

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** @example simhash('Iran sent drones to Russia last summer') // 'a3f0…' (16 hex digits) */
export function simhash(text: string, tokens: Token[] = tokenize(text)): string {
  // Each word is hashed once; a trigram's two 32-bit hashes mix its three word hashes.
  const hashes = new Uint32Array(tokens.length);
  let n = 0;
  for (const t of tokens) if (!t.digit || t.key.length > 1) hashes[n++] = fnv1a(t.key, 0x811c9dc5);
  // Per bit, how many shingles set it, kept as vertical counters: plane j holds bit j of all 32 counts of a
  // half, so adding a shingle is a short carry chain instead of 64 separate increments.
  const hiPlanes = new Int32Array(32);
  const loPlanes = new Int32Array(32);
  const shingles = Math.max(1, n - 2);
  for (let i = 0; i < shingles; i++) {
    const a = hashes[i] ?? 0, b = hashes[i + 1] ?? 0, c = hashes[i + 2] ?? 0;
    let hi = Math.imul(a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(c, 0x85ebca77), 0xc2b2ae3d);
    hi ^= hi >>> 15;
    let lo = Math.imul(c ^ Math.imul(a, 0x27d4eb2f) ^ Math.imul(b, 0x165667b1), 0x9e3779b1);
    lo ^= lo >>> 13;
    for (let j = 0, carry = hi; carry !== 0; j++) { const t = hiPlanes[j] & carry; hiPlanes[j] ^= carry; carry = t; }
    for (let j = 0, carry = lo; carry !== 0; j++) { const t = loPlanes[j] & carry; loPlanes[j] ^= carry; carry = t; }
  }
  // A bit of the hash is set when more than half the shingles set it.
  const planes = 32 - Math.clz32(shingles); // counts never exceed the number of shingles
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    let hiOnes = 0;
    let loOnes = 0;
    for (let j = 0; j < planes; j++) {
      hiOnes |= ((hiPlanes[j] >>> b) & 1) << j;
      loOnes |= ((loPlanes[j] >>> b) & 1) << j;
    }
    if (2 * hiOnes > shingles) hi |= 1 << b;
    if (2 * loOnes > shingles) lo |= 1 << b;
  }
  return (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
}

/** The four 16-bit bands of a simhash, as stored in indexed columns. */
export function bands(hash: string): [string, string, string, string] {
  return [hash.slice(0, 4), hash.slice(4, 8), hash.slice(8, 12), hash.slice(12, 16)];
}

export function hammingDistance(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 16; i += 8) {
    let x = (parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0;
    while (x) { x &= x - 1; d++; }
  }
  return d;
}

/** Bits two texts may differ in and still count as the same story. */
export const NEAR_DUPLICATE_BITS = 6;
