/**
 * When an event happened or is due, resolved against the article's publication date: explicit years
 * ("in 2021", "at the end of 2022"), dates ("December 4", "4 december") through chrono-node where it knows
 * the language, and relative periods ("last summer", "afgelopen zomer", "next year", "volgend jaar").
 */
import * as chrono from 'chrono-node';

export interface ResolvedTime {
  date: string;
  text: string;
}

const CHRONO: Record<string, { parse(text: string, ref?: Date): chrono.ParsedResult[] }> = {
  en: chrono.en, nl: chrono.nl, de: chrono.de, fr: chrono.fr, es: chrono.es, it: chrono.it, pt: chrono.pt, ru: chrono.ru, uk: chrono.uk,
};

// Relative periods in the languages read, as words of the lowercased text: a sentence is split into words
// once and each word looked up, which costs far less than a search per word list.
const words = (list: string) => new Set(list.split('|'));
const RELATIVE: [Set<string>, number][] = [
  [words('last|past|previous|afgelopen|vorige|vorig|letzten|letztes|vergangenen|dernier|dernière|pasado|scorso|scorsa|passado|ubiegłego|zeszłego|prošlog|prošle|prošlo|прошлог|прошле|прошлого|прошлым|прошлом|минулого|минулої|минулий|миналата|миналото|минатата|минатото|geçen|kaluar|kaluarën'), -1],
  [words('next|coming|volgend|volgende|komend|komende|nächsten|nächstes|kommenden|prochain|prochaine|próximo|próxima|prossimo|prossima|przyszłym|przyszłego|sledeće|sledećeg|sljedeće|sljedećeg|iduće|следеће|следећег|следующем|следующего|наступного|наступному|следващата|следващия|следната|gelecek|ardhshëm|ardhshme'), 1],
  [words('this|dit|dieses|diesen|cette|este|esta|questo|questa|tego|ovog|ove|овог|ове|этом|этого|этим|цього|цьому|тази|тоя|оваа|овој|bu|këtë|këtij'), 0],
];
const YEAR_WORDS = words('year|jaar|jahr|jahres|année|an|año|anno|ano|roku|rok|godine|godini|godina|године|години|году|года|році|року|година|годината|yıl|yılın|vit|vitin');
const SEASONS: [Set<string>, string][] = [
  [words('summer|zomer|sommer|été|verano|estate|verão|lecie|lato|leto|leta|ljeto|ljeta|лето|лета|летом|літа|влітку|літо|лятото|летото|yaz|yazın|verë|verën'), '06'],
  [words('winter|hiver|invierno|inverno|zimie|zima|zimi|зимой|зима|зиме|взимку|зимата|kış|kışın|dimër|dimrin'), '12'],
  [words('spring|lente|voorjaar|frühling|frühjahr|printemps|primavera|wiosną|wiosna|proleće|proljeće|пролеће|весной|весна|навесні|пролетта|ilkbahar|pranverë'), '03'],
  [words('autumn|fall|herfst|najaar|herbst|automne|otoño|autunno|outono|jesienią|jesień|jesen|jesenas|јесен|осенью|осень|восени|есента|sonbahar|vjeshtë'), '09'],
];
const LETTERS = /\p{L}+/gu;

/** The offset of the first relative word within `reach` characters around [from, to), with its offset. */
function relativeNear(found: { word: string; index: number }[], from: number, to: number, before: number, after: number): number | undefined {
  for (const [set, offset] of RELATIVE) {
    for (const w of found) if (w.index >= from - before && w.index + w.word.length <= to + after && set.has(w.word)) return offset;
  }
  return undefined;
}

const YEAR = /\b(19[5-9]\d|20[0-4]\d)\b/;

/**
 * The time a sentence states, or null.
 * @example resolveTime('Sinds de levering van de eerste drones afgelopen zomer', 'nl', '2023-06-09') // { date: '2022-06', ... }
 */
export function resolveTime(sentence: string, language: string, published: string | null, options: { monthWord?: boolean } = {}): ResolvedTime | null {
  const pubYear = published ? Number(published.slice(0, 4)) : undefined;
  // A relative period needs the publication date to mean anything.
  if (pubYear) {
    const found: { word: string; index: number }[] = [];
    for (const m of sentence.toLowerCase().matchAll(LETTERS)) found.push({ word: m[0], index: m.index! });
    for (const [season, month] of SEASONS) {
      const m = found.find((w) => season.has(w.word));
      if (!m) continue;
      const offset = relativeNear(found, m.index, m.index + m.word.length, 25, 25);
      if (offset !== undefined) {
        // "Last summer" in an article from spring is the summer of the year before.
        const pubMonth = Number(published!.slice(5, 7) || '12');
        let year = pubYear + offset;
        if (offset === -1 && pubMonth > Number(month) + 2) year = pubYear;
        return { date: `${year}-${month}`, text: m.word };
      }
    }
    const yearWord = found.find((w) => YEAR_WORDS.has(w.word));
    if (yearWord) {
      const offset = relativeNear(found, yearWord.index, yearWord.index + yearWord.word.length, 25, 5);
      if (offset !== undefined) return { date: String(pubYear + offset), text: yearWord.word };
    }
  }
  const year = YEAR.exec(sentence);
  const parser = CHRONO[language];
  // A calendar date needs a month name; chrono is costly, so sentences without one skip it.
  if (parser && options.monthWord !== false) {
    const ref = published ? new Date(`${published.length === 4 ? `${published}-07-01` : published}T12:00:00Z`) : undefined;
    for (const r of parser.parse(sentence, ref)) {
      const c = r.start;
      if (!c.isCertain('month')) continue;
      // "in August 2024": a month of a stated year.
      if (!c.isCertain('day')) {
        if (c.isCertain('year')) return { date: `${c.get('year')}-${String(c.get('month')).padStart(2, '0')}`, text: r.text };
        continue;
      }
      if (!c.isCertain('year') && !ref) continue;
      const d = c.date();
      const text = r.text;
      const y = c.isCertain('year') ? c.get('year')! : d.getUTCFullYear();
      return { date: `${y}-${String(c.get('month')).padStart(2, '0')}-${String(c.get('day')).padStart(2, '0')}`, text };
    }
  }
  if (year) return { date: year[1], text: year[0] };
  return null;
}
