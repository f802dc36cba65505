/**
 * 64-bit SimHash over word trigrams, for near-duplicate detection: a re-published copy with small edits
 * differs in a few bits, an unrelated article in about half. Kept as a 16-hex-digit string; its four
 * 16-bit bands are indexed so candidates are found without scanning (3 differing bits leave one band equal).
 */
import { tokenize } from './normalise.js';

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** @example simhash('Iran sent drones to Russia last summer') // 'a3f0…' (16 hex digits) */
export function simhash(text: string): string {
  const words = tokenize(text).filter((t) => !t.digit || t.key.length > 1).map((t) => t.key);
  const counts = new Int32Array(64);
  const n = Math.max(1, words.length - 2);
  for (let i = 0; i < n; i++) {
    const shingle = words.slice(i, i + 3).join(' ');
    const hi = fnv1a(shingle, 0x811c9dc5);
    const lo = fnv1a(shingle, 0x01000193 ^ 0x5bd1e995);
    for (let b = 0; b < 32; b++) {
      counts[b] += (hi >>> b) & 1 ? 1 : -1;
      counts[32 + b] += (lo >>> b) & 1 ? 1 : -1;
    }
  }
  let hi = 0;
  let lo = 0;
  for (let b = 0; b < 32; b++) {
    if (counts[b] > 0) hi |= 1 << b;
    if (counts[32 + b] > 0) lo |= 1 << b;
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
