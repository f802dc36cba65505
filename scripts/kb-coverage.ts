/**
 * npm run kb:coverage [-- --from 2015 --to 2025 --csv PATH --misses N]
 * Measures how much of the real arms trade the catalog recognises: the share of SIPRI trade-register deals
 * ordered in the period whose weapon designation the matcher resolves to a catalog system (or, counted
 * apart, only to a generic category term), overall and per supplier.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KnowledgeBase } from '../src/kb/recognise.js';
import { PROJECT_DIR } from '../src/cli/paths.js';

const arg = (name: string, fallback: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const from = Number(arg('--from', '2015'));
const to = Number(arg('--to', '2025'));
const csvPath = arg('--csv', join(PROJECT_DIR, '..', 'shared', 'data', 'sipri-trade-register-2026-05-18.csv'));
const showMisses = Number(arg('--misses', '0'));

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const rows = parseCsv(readFileSync(csvPath, 'utf8'));
const headerAt = rows.findIndex((r) => r[0] === 'Recipient' && r[1] === 'Supplier');
const header = rows[headerAt];
const col = (name: string) => header.indexOf(name);
const [cSupplier, cYear, cDesignation, cDescription] = [col('Supplier'), col('Year of order'), col('Weapon designation'), col('Weapon description')];
const kb = KnowledgeBase.load();

interface Tally { deals: number; system: number; generic: number }
const total: Tally = { deals: 0, system: 0, generic: 0 };
const bySupplier = new Map<string, Tally>();
const misses = new Map<string, number>();
for (const r of rows.slice(headerAt + 1)) {
  const year = Number(r[cYear]);
  if (!(year >= from && year <= to)) continue;
  const designation = r[cDesignation]?.trim();
  if (!designation) continue;
  const mentions = kb.recognise(designation, { language: 'en' });
  // Catalog entries for unnamed goods ("aircraft engine") are generic, like category terms.
  const system = mentions.some((m) => m.type === 'system' && !m.entity.startsWith('system:generic-'));
  const generic = !system && mentions.some((m) => m.type === 'category' || m.entity.startsWith('system:generic-'));
  const t = bySupplier.get(r[cSupplier]) ?? { deals: 0, system: 0, generic: 0 };
  for (const x of [t, total]) { x.deals++; if (system) x.system++; if (generic) x.generic++; }
  bySupplier.set(r[cSupplier], t);
  if (!system && !generic) misses.set(`${designation} (${r[cDescription]}, ${r[cSupplier]})`, (misses.get(`${designation} (${r[cDescription]}, ${r[cSupplier]})`) ?? 0) + 1);
}
const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)} %`;
console.log(`kb:coverage  SIPRI deals ordered ${from}-${to}: ${total.deals}`);
console.log(`  recognised ${pct(total.system + total.generic, total.deals)} (named system ${pct(total.system, total.deals)}, generic term only ${pct(total.generic, total.deals)})`);
console.log('  by supplier (deals: recognised, named system):');
for (const [supplier, t] of [...bySupplier].sort((a, b) => b[1].deals - a[1].deals)) {
  if (t.deals < 10) continue;
  console.log(`    ${supplier.padEnd(24)} ${String(t.deals).padStart(5)}: ${pct(t.system + t.generic, t.deals).padStart(7)}, ${pct(t.system, t.deals).padStart(7)}`);
}
if (showMisses) {
  console.log(`  most frequent unrecognised designations:`);
  for (const [d, n] of [...misses].sort((a, b) => b[1] - a[1]).slice(0, showMisses)) console.log(`    ${n} × ${d}`);
}
