/**
 * Component classes recognised in a part's description, in any supported language: `Servomotor 12 kg`,
 * `GPS-приёмник`, `condensateur céramique`. Descriptions and terms are folded alike (`foldWord`); a term word of
 * five letters or more matches any word that begins with it (inflections: приёмника, Kondensatoren), a shorter
 * one only itself (`gps`, `imu`), so short words never match inside longer ones.
 */
import { foldWord } from '../text/normalise.js';
import type { ComponentClass } from './data.js';

const WORD = /[\p{L}\p{M}]+|\p{N}+/gu;
const words = (text: string) => [...text.normalize('NFKC').matchAll(WORD)].map((m) => foldWord(m[0])).filter(Boolean);

export interface ComponentHit {
  class: string;
  label: string;
  /** The term as written in the lexicon, its language, and the words of the description it matched. */
  term: string;
  language: string;
  matched: string;
}

interface Term { words: string[]; term: string; language: string; cls: ComponentClass }

export class ComponentRecogniser {
  private readonly byFirst = new Map<string, Term[]>();
  /** Terms whose first word has 5+ letters, by its first five: a description word finds them by its own first five. */
  private readonly byStem = new Map<string, Term[]>();

  constructor(classes: ComponentClass[]) {
    for (const cls of classes) {
      for (const [language, terms] of Object.entries(cls.terms)) {
        for (const term of terms) {
          const ws = words(term);
          if (!ws.length) continue;
          const t = { words: ws, term, language, cls };
          // Words of 5+ letters match by their beginning: kept apart, tested against every description word.
          const map = ws[0].length >= 5 ? this.byStem : this.byFirst;
          const key = ws[0].length >= 5 ? ws[0].slice(0, 5) : ws[0];
          const list = map.get(key);
          if (list) list.push(t); else map.set(key, [t]);
        }
      }
    }
  }

  /** Every class named in the description, once each, with the first term that named it. */
  recognise(description: string): ComponentHit[] {
    const ws = words(description);
    const found = new Map<string, ComponentHit>();
    const fits = (t: Term, at: number) => t.words.every((w, k) => {
      const d = ws[at + k];
      return d !== undefined && (w.length >= 5 ? d.startsWith(w) : d === w);
    });
    for (let i = 0; i < ws.length; i++) {
      const candidates = [...(this.byFirst.get(ws[i]) ?? []), ...(ws[i].length >= 5 ? this.byStem.get(ws[i].slice(0, 5)) ?? [] : [])];
      for (const t of candidates) {
        if (found.has(t.cls.id) || !fits(t, i)) continue;
        found.set(t.cls.id, { class: t.cls.id, label: t.cls.label, term: t.term, language: t.language, matched: ws.slice(i, i + t.words.length).join(' ') });
      }
    }
    return [...found.values()];
  }
}
