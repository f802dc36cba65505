/**
 * npx tsx scripts/try.ts LANG "sentence …" — the events armscope extracts from a text given on the command
 * line (or stdin with "-"), with the rejected candidates: a quick way to see what a rule does.
 */
import { readFileSync } from 'node:fs';
import { KnowledgeBase } from '../src/kb/recognise.js';
import { splitSentences } from '../src/text/sentences.js';
import { extractDocument, foldDocumentEvents } from '../src/extract/document.js';
import { systemLinks } from '../src/resolve/goods.js';

const [language, input] = process.argv.slice(2);
if (!language || input === undefined) {
  console.error('usage: npm run try -- LANG "a sentence …"   (or - to read the text from stdin)');
  process.exit(2);
}
const text = input === '-' ? readFileSync(0, 'utf8') : input;
const kb = KnowledgeBase.load();
const { events, trace } = extractDocument(kb, { text, language, published: '2024-03-01', sentences: splitSentences(text) });
for (const e of foldDocumentEvents(events, systemLinks(kb.catalog))) {
  const what = e.kind === 'transfer' ? `${e.supplier}>${e.recipient} ${e.system ?? e.category}` : e.kind === 'production' ? `${e.producer}/${e.origin} ${e.system ?? e.category} @${e.location}` : `${(e.parties ?? []).join(',')} ${e.type ?? ''}${e.destination ?? ''}`;
  console.log(`${e.kind} ${what} ${e.status}${e.hedged ? ' hedged' : ''} c=${e.confidence} ${e.evidence.rule} [${e.evidence.cues.join('|')}]`);
}
for (const t of trace) {
  for (const r of t.rejected) console.log(`  rejected s${t.analysis.index}: ${r}`);
  if (process.env.VERBOSE) console.log(`  s${t.analysis.index} parties=${t.analysis.parties.map((p) => `${p.country}${p.marker ? ':' + p.marker : ''}${p.weak ? '(w)' : ''}`).join(' ')} items=${t.analysis.items.map((i) => `${i.system ?? i.category}<${i.origins}>`).join(' ')} chains=${t.analysis.chains.map((c) => `${c.cues.join('+')}:${c.role}`).join(' ')} attributed=${t.analysis.attributed.map((m) => m.text).join(',')}`);
}
