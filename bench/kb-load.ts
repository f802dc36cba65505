/**
 * One cold knowledge-base load in a fresh process, as every command pays it: from the compiled-catalog
 * cache when `ARMSCOPE_CACHE_DIR` holds one, else read + validate + compile. Prints the milliseconds.
 * Run by `bench/kb.ts`.
 */
import { KnowledgeBase } from '../src/kb/recognise.js';

const t0 = performance.now();
const kb = KnowledgeBase.load({ extraDirs: [] });
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, entities: kb.catalog.entities.size, aliases: kb.matcher.size }));
