/**
 * One cold catalog load (read + validate + compile the matcher) in a fresh process, as every command pays it;
 * prints the milliseconds. Run by `bench/kb.ts`.
 */
import { loadCatalog } from '../src/kb/catalog.js';
import { KnowledgeBase } from '../src/kb/recognise.js';

const t0 = performance.now();
const kb = new KnowledgeBase(loadCatalog({ strict: true, extraDirs: [] }));
const ms = performance.now() - t0;
console.log(JSON.stringify({ ms, entities: kb.catalog.entities.size, aliases: kb.matcher.size }));
