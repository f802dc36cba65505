/**
 * Builds a synthetic benchmark corpus from the bundled samples: each article is ~5 KB of sample sentences
 * drawn with a seeded generator, so runs are repeatable and articles are distinct.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { cleanText } from '../src/text/clean.js';
import { splitSentences } from '../src/text/sentences.js';
import { readHtml } from '../src/ingest/html.js';
import { readFeed } from '../src/ingest/feed.js';
import { PROJECT_DIR } from '../src/cli/paths.js';

function samplesSentences(): string[] {
  const dir = join(PROJECT_DIR, 'samples');
  const out: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n !== 'README.md')) {
    const raw = readFileSync(join(dir, name), 'utf8');
    const bodies = name.endsWith('.html') ? [readHtml(raw, name).body] : name.endsWith('.xml') ? readFeed(raw, name).map((a) => a.body) : [raw];
    for (const body of bodies) {
      const { text } = cleanText(body);
      for (const s of splitSentences(text)) { const t = text.slice(s.start, s.end); if (t.length > 40) out.push(t); }
    }
  }
  return out;
}

/** Mulberry32: a small seeded PRNG. */
export function prng(seed: number) {
  return () => { seed |= 0; seed = (seed + 0x6d2b79f5) | 0; let t = Math.imul(seed ^ (seed >>> 15), 1 | seed); t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t; return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
}

export function article(sentences: string[], random: () => number, i: number, size = 5000): string {
  let text = `Report ${i}: ${sentences[Math.floor(random() * sentences.length)]}\nPublished: ${1 + (i % 28)} March ${2015 + (i % 10)}\n\n`;
  while (text.length < size) {
    let para = '';
    for (let k = 0; k < 4 && text.length + para.length < size; k++) para += `${sentences[Math.floor(random() * sentences.length)]} `;
    text += `${para.trim()}\n\n`;
  }
  return text;
}

/** Writes `count` articles into `dir` (once; reused when already there). Returns the folder. */
export function buildCorpus(dir: string, count: number): string {
  const marker = join(dir, `.complete-${count}`);
  if (existsSync(marker)) return dir;
  mkdirSync(dir, { recursive: true });
  const sentences = samplesSentences();
  const random = prng(42);
  for (let i = 0; i < count; i++) {
    const sub = join(dir, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, `article-${String(i).padStart(6, '0')}.txt`), article(sentences, random, i));
  }
  writeFileSync(marker, '');
  return dir;
}
