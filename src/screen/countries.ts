/**
 * Country cells of a parts file (`DE`, `DEU`, `Germany`, `Allemagne`, `Германия`, `Türkiye`) read as ISO
 * alpha-2 codes, in every supported language, and the codes of concern looked up: destinations under
 * embargo (Russia, Belarus, Iran…) and the diversion and transshipment routes official guidance names.
 */
import { createRequire } from 'node:module';
import { foldWord } from '../text/normalise.js';
import { LANGUAGES } from '../kb/schema.js';
import type { CountryRisk } from './data.js';

interface Countries {
  registerLocale(data: unknown): void;
  getNames(lang: string, o?: { select: 'all' }): Record<string, string[]>;
  alpha3ToAlpha2(code: string): string | undefined;
  isValid(code: string): boolean;
}

/** Names people write that the ISO name lists lack. */
const EXTRA: Record<string, string> = {
  uae: 'AE', 'u a e': 'AE', emirates: 'AE', usa: 'US', 'u s a': 'US', uk: 'GB', 'great britain': 'GB', england: 'GB',
  turkiye: 'TR', 'hong kong sar': 'HK', 'russian federation': 'RU', 'rossija': 'RU', 'rossiya': 'RU', 'korea south': 'KR',
  'north korea': 'KP', 'south korea': 'KR', 'iran islamic republic of': 'IR', kyrgyzstan: 'KG', 'kyrgyz republic': 'KG', czechia: 'CZ',
};

const key = (text: string) => [...text.normalize('NFKC').matchAll(/[\p{L}\p{M}]+|\p{N}+/gu)].map((m) => foldWord(m[0])).join(' ');

let names: Map<string, string> | undefined;
let iso: Countries | undefined;

function table(): Map<string, string> {
  if (names) return names;
  const require = createRequire(import.meta.url);
  iso = require('i18n-iso-countries') as Countries;
  names = new Map();
  for (const lang of LANGUAGES) {
    let locale: unknown;
    try { locale = require(`i18n-iso-countries/langs/${lang}.json`); } catch { continue; }
    iso.registerLocale(locale);
    for (const [code, list] of Object.entries(iso.getNames(lang, { select: 'all' }))) {
      for (const n of list) if (!names.has(key(n))) names.set(key(n), code);
    }
  }
  for (const [n, code] of Object.entries(EXTRA)) names.set(key(n), code);
  return names;
}

/**
 * An ISO alpha-2 code for a country cell, or undefined when it names no country.
 * @example countryCode('Kirgisistan') // 'KG'
 */
export function countryCode(value: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  const map = table();
  if (/^[A-Za-z]{2}$/.test(v) && iso!.isValid(v.toUpperCase())) return v.toUpperCase();
  if (/^[A-Za-z]{3}$/.test(v)) {
    const two = iso!.alpha3ToAlpha2(v.toUpperCase());
    if (two) return two;
  }
  return map.get(key(v));
}

export class CountryRisks {
  private readonly byCode: Map<string, CountryRisk>;
  constructor(list: CountryRisk[]) { this.byCode = new Map(list.map((c) => [c.code, c])); }
  lookup(code: string): CountryRisk | undefined { return this.byCode.get(code); }
}
