/** `armscope explain ID`: the text (or JSON) view of `explainDocument`. */
import type { Command } from 'commander';
import type { ExplainedEvent, ExplainedSentence } from '../extract/explain.js';
import { dbOption, documentOrFail, withStore } from './shared.js';

const signed = (x: number) => `${x < 0 ? '−' : '+'}${Math.abs(x).toFixed(3)}`;

function describe(e: ExplainedEvent): string {
  switch (e.kind) {
    case 'transfer': return `${e.supplier} → ${e.recipient} ${e.system ?? e.category} [${e.status}]`;
    case 'production': return `${e.producer} produces ${e.system ?? e.category} of ${e.origin ?? 'unstated'} origin [${e.status}]${e.location ? ` at ${e.location}${e.locationId ? ` (${e.locationId})` : ''}` : ''}`;
    case 'cooperation': return `${(e.parties ?? []).join(' + ')} ${e.type} [${e.status}]`;
    case 'sanction': return `${e.imposer ?? '?'} sanctions ${e.target}`;
    default: return `${e.origin} → ${(e.via ?? []).join(' → ')} → ${e.destination}`;
  }
}

/** The lines of one sentence: entities, cues, events with their confidence's make-up, rejections by class. */
export function sentenceLines(s: ExplainedSentence): string[] {
  const out = ['', `[${s.number}] ${s.text}`];
  if (s.entities.length) out.push(`    entities: ${s.entities.map((m) => `${m.text}=${m.entity}${m.role === 'metonym' ? `→${m.country}` : ''}`).join(', ')}`);
  if (s.cues.length) out.push(`    cues: ${s.cues.map((c) => `${c.text} (${c.types.join('/')})`).join(', ')}`);
  if (s.hypotheticalScope) out.push('    inside a scenario section: hypothetical');
  for (const e of s.events) {
    const flags = [e.hedged && 'hedged', e.hypothetical && 'hypothetical', e.date && `date ${e.date}`, e.quantity && `quantity ${e.quantity}`].filter(Boolean).join(', ');
    out.push(`    + ${e.kind}: ${describe(e)}${flags ? ` (${flags})` : ''}  rule ${e.evidence.rule}; cues: ${e.evidence.cues.join(', ')}`);
    if (!e.contributions) { out.push(`      confidence ${e.confidence} (fixed by the rule)`); continue; }
    const z = e.bias! + e.contributions.reduce((a, c) => a + c.contribution, 0);
    out.push(`      confidence ${e.confidence} = sigmoid(${z.toFixed(3)}): bias ${signed(e.bias!)}`);
    for (const c of e.contributions) {
      out.push(`        ${signed(c.contribution)}  ${c.feature}${c.value === 1 ? '' : ` = ${Number(c.value.toFixed(3))} × ${c.weight}`}`);
    }
  }
  if (s.rejected.length) out.push('    rejected:');
  for (const g of s.rejected) for (const r of g.reasons) out.push(`      ${g.class}: ${r}`);
  return out;
}

export function registerExplainCommand(program: Command) {
  program.command('explain')
    .description('show, sentence by sentence, the events of a document with the rule, cue words and confidence behind each, and what was rejected and why')
    .argument('<id>', 'document id or unique prefix')
    .addOption(dbOption())
    .option('--all', 'also sentences with nothing found')
    .option('--json', 'JSON output: the same sentences, events, contributions and rejections')
    .action(async (id: string, flags: { db: string; all?: boolean; json?: boolean }) => {
      await withStore(flags.db, async (store) => {
        const doc = await documentOrFail(store, id, flags.db);
        const { defaultKnowledgeBase } = await import('../extract/index.js');
        const { explainDocument } = await import('../extract/explain.js');
        const sentences = explainDocument(defaultKnowledgeBase(), doc, { all: flags.all });
        if (flags.json) {
          const document = { id: doc.id, source: doc.source, title: doc.title, language: doc.language, published: doc.published };
          process.stdout.write(`${JSON.stringify({ document, sentences }, null, 2)}\n`);
          return;
        }
        const out = [`${doc.title ?? doc.source} (${doc.language}, published ${doc.published ?? 'unknown'})`, ...sentences.flatMap(sentenceLines)];
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });
}
