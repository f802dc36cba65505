/**
 * Dates as articles write them. Month names in every supported language come from the runtime's ICU data
 * (Intl), in both the nominative ("март") and the form used with a day ("марта"), so "12. mart 2024.",
 * "12 maart 2024", "12 марта 2024 г." and "March 12, 2024" all parse the same way.
 */
import { LANGUAGES } from '../kb/schema.js';
import { foldWord } from './normalise.js';

/** Folded month name (and its 3+ letter abbreviations) → month number. */
const MONTHS = new Map<string, number>();
function addMonth(name: string, month: number) {
  const key = foldWord(name.replace(/[.\s]/g, '').toLowerCase());
  if (key.length >= 3 && !/\d/.test(key) && !MONTHS.has(key)) MONTHS.set(key, month);
}
for (const lang of [...LANGUAGES, 'sr-Latn', 'sr-Cyrl']) {
  for (let m = 0; m < 12; m++) {
    const d = new Date(Date.UTC(2024, m, 15));
    for (const options of [{ month: 'long' }, { month: 'short' }] as const) {
      addMonth(new Intl.DateTimeFormat(lang, { ...options, timeZone: 'UTC' }).format(d), m + 1);
    }
    // The genitive form: take the month part of a day-month date.
    const parts = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', timeZone: 'UTC' }).formatToParts(d);
    const month = parts.find((p) => p.type === 'month');
    if (month) addMonth(month.value, m + 1);
  }
}
// Abbreviations and forms ICU does not produce.
for (const [name, m] of Object.entries({ sept: 9, jan: 1, feb: 2, mar: 3, apr: 4, jun: 6, jul: 7, aug: 8, oct: 10, nov: 11, dec: 12, mrt: 3, okt: 10, mei: 5, maj: 5 })) addMonth(name, m);

const pad = (n: number) => String(n).padStart(2, '0');

/** True when a token key is a month name (or its form with a case ending) in a supported language. */
export function isMonthKey(key: string): boolean {
  return key.length >= 3 && (MONTHS.has(key) || MONTHS.has(key.replace(/(a|e|u|om)$/, '')));
}

function valid(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2100) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1;
}

function monthOf(word: string): number | undefined {
  const key = foldWord(word.replace(/\./g, '').toLowerCase());
  // Case endings ICU does not list (Serbian "фебруара", Croatian "veljače" is listed): try without them.
  return MONTHS.get(key) ?? MONTHS.get(key.replace(/(a|e|u|om)$/, ''));
}

const WORD = '([\\p{L}.]{3,12})';
const ISO = /\b(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\b/u;
const NUMERIC_DMY = /\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b/u;
const DAY_MONTH_YEAR = new RegExp(`\\b(\\d{1,2})\\.?\\s+(?:de\\s+)?${WORD}\\s+(?:de\\s+)?(\\d{4})`, 'u');
const MONTH_DAY_YEAR = new RegExp(`${WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`, 'u');
const DAY_MONTH = new RegExp(`^\\s*(\\d{1,2})\\.?\\s+${WORD}\\s*$`, 'u');
const MONTH_DAY = new RegExp(`^\\s*${WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*$`, 'u');
const MONTH_YEAR = new RegExp(`^\\s*${WORD}\\s+(\\d{4})\\s*$`, 'u');
const YEAR = /^\s*(\d{4})\s*$/;

/**
 * Finds a full calendar date (with year) anywhere in `text`.
 * @example findDate('Published: 12 March 2024') // '2024-03-12'
 */
export function findDate(text: string): string | null {
  let m = ISO.exec(text);
  if (m && valid(+m[1], +m[2], +m[3])) return `${m[1]}-${m[2]}-${m[3]}`;
  m = DAY_MONTH_YEAR.exec(text);
  if (m) { const mo = monthOf(m[2]); if (mo && valid(+m[3], mo, +m[1])) return `${m[3]}-${pad(mo)}-${pad(+m[1])}`; }
  m = MONTH_DAY_YEAR.exec(text);
  if (m) { const mo = monthOf(m[1]); if (mo && valid(+m[3], mo, +m[2])) return `${m[3]}-${pad(mo)}-${pad(+m[2])}`; }
  m = NUMERIC_DMY.exec(text);
  if (m && valid(+m[3], +m[2], +m[1])) return `${m[3]}-${pad(+m[2])}-${pad(+m[1])}`;
  return null;
}

/**
 * Parses the date part of a citation: a full date, a day and month without a year (`--MM-DD`), a month and
 * year (`YYYY-MM`) or a year.
 * @example parseLooseDate('October 19') // '--10-19'
 */
export function parseLooseDate(text: string): string | null {
  const full = findDate(text);
  if (full) return full;
  let m = MONTH_DAY.exec(text);
  if (m) { const mo = monthOf(m[1]); if (mo && +m[2] >= 1 && +m[2] <= 31) return `--${pad(mo)}-${pad(+m[2])}`; }
  m = DAY_MONTH.exec(text);
  if (m) { const mo = monthOf(m[2]); if (mo && +m[1] >= 1 && +m[1] <= 31) return `--${pad(mo)}-${pad(+m[1])}`; }
  m = MONTH_YEAR.exec(text);
  if (m) { const mo = monthOf(m[1]); if (mo) return `${m[2]}-${pad(mo)}`; }
  m = YEAR.exec(text);
  if (m && +m[1] >= 1900 && +m[1] <= 2100) return m[1];
  return null;
}

/** Parses a metadata date (feed pubDate, meta tag, JSONL field): ISO, RFC 822 or a written date. */
export function parseDateValue(value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const text = String(value).trim();
  if (!text) return null;
  const written = findDate(text);
  if (written) return written;
  const t = Date.parse(text);
  if (!Number.isNaN(t)) {
    const d = new Date(t);
    const y = d.getUTCFullYear();
    if (y >= 1900 && y <= 2100) return `${y}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  }
  return null;
}

// A line that exists to carry the date: short, and either labelled or little more than a date.
const DATE_LABEL = /^(published|updated|posted|date|gepubliceerd|geplaatst|bijgewerkt|veröffentlicht|aktualisiert|stand|publié|mis à jour|publicado|actualizado|pubblicato|aggiornato|opublikowano|objavljeno|објављено|опубликовано|обновлено|опубліковано|оновлено|публикувано|објавено|publikuar|yayınlanma|yayınlandı|güncellendi)\b/iu;

/**
 * The publication date stated in the first lines of an article, or null. Only a line that carries a date
 * (a "Published:" label or a short dateline) counts: dates inside the story are events, not publication.
 */
export function findPublishedLine(text: string): string | null {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean).slice(0, 8);
  for (const line of lines) {
    if (line.length > 120) continue;
    const date = findDate(line);
    if (!date) continue;
    const labelled = DATE_LABEL.test(line);
    const rest = line.replace(/[\d.,:/\-–—|()]+/g, ' ').split(/\s+/).filter((w) => w.length > 2);
    if (labelled || rest.length <= 4) return date;
  }
  return null;
}
