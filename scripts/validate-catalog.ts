// Validates every file under data/ against src/kb/schema.ts and prints one line per problem.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog, DATA_DIR } from '../src/kb/catalog.js';
import { CueLexiconSchema } from '../src/kb/schema.js';

const catalog = loadCatalog({ strict: false, extraDirs: [] });
const problems = catalog.issues.map((i) => `${i.file}: ${i.entry}: ${i.field}: ${i.message}`);
const cuesDir = join(DATA_DIR, 'cues');
if (existsSync(cuesDir)) {
  for (const name of readdirSync(cuesDir).filter((n) => n.endsWith('.json'))) {
    const file = join(cuesDir, name);
    try {
      const parsed = CueLexiconSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) for (const i of parsed.error.issues) problems.push(`${file}: ${i.path.join('.')}: ${i.message}`);
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
    }
  }
}
const counts = new Map<string, number>();
for (const e of catalog.entities.values()) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
console.log(`entities: ${[...counts].map(([t, n]) => `${t} ${n}`).join(', ')}; aliases: ${catalog.aliases.length}`);
for (const p of problems) console.log(p);
console.log(problems.length ? `${problems.length} problem(s)` : 'catalog valid');
process.exit(problems.length ? 1 : 0);
