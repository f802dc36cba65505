/**
 * HS codes: normalised from what parts files hold (`8542.31`, `8542 31 00`, `85423100`, a number cell that
 * lost its dots) and looked up in the Common High Priority List. The list is by six-digit subheading; a longer
 * national code (8 or 10 digits) is read by its first six, a four-digit heading by the subheadings under it.
 */
import { ValidationError } from '../errors.js';
import type { Chpl } from './data.js';

export interface HsCode {
  /** Digits only, as given. */
  digits: string;
  /** The six-digit subheading, when at least six digits were given. */
  subheading: string | null;
  heading: string;
}

/**
 * @example parseHs('8542.31.00') // { digits: '85423100', subheading: '854231', heading: '8542' }
 * @throws ValidationError for anything but 4, 6, 8 or 10 digits after dots, spaces and dashes are removed.
 */
export function parseHs(value: string): HsCode {
  const digits = value.replace(/[\s.\-\u00a0]/g, '');
  if (!/^\d+$/.test(digits) || ![4, 6, 8, 10].includes(digits.length)) {
    throw new ValidationError(`"${value}" is not an HS code: 4, 6, 8 or 10 digits (dots and spaces allowed)`, { field: 'hs_code', value });
  }
  return { digits, subheading: digits.length >= 6 ? digits.slice(0, 6) : null, heading: digits.slice(0, 4) };
}

export interface ChplHit {
  code: string;
  tier: string;
  label: string;
}

export class ChplIndex {
  private readonly byCode = new Map<string, ChplHit>();
  constructor(readonly chpl: Chpl) {
    for (const t of chpl.tiers) for (const code of t.codes) this.byCode.set(code, { code, tier: t.tier, label: t.label });
  }

  get version(): string { return this.chpl.version; }

  /** The CHPL entry of a code's subheading, if any. */
  lookup(hs: HsCode): ChplHit | undefined {
    return hs.subheading ? this.byCode.get(hs.subheading) : undefined;
  }

  /** The CHPL subheadings under a four-digit heading. */
  underHeading(heading: string): ChplHit[] {
    return [...this.byCode.values()].filter((h) => h.code.startsWith(heading));
  }
}
