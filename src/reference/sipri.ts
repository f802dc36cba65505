/**
 * Reads a SIPRI Arms Transfers Database trade-register export (CSV) into typed rows, as the file states
 * them; `sipri-map.ts` turns them into armscope's terms.
 *
 * The export's shape, and its traps:
 * - free-text preamble lines (what was selected, conventions, "Data generated: 18 May 2026 2:29:20 PM"),
 *   then a 16-column header, then one deal per line;
 * - three header cells are blank: each holds the `?` that marks the value before it (order year, number
 *   ordered, number delivered) as uncertain;
 * - the file is Windows-1252 ("Türkiye" is written "Turkiye", but comments hold "Wärtsilä"); a UTF-8 file
 *   (a re-saved export) is read as UTF-8;
 * - "Year(s) of delivery" is a `; `-separated list; an empty "Number ordered" means not yet known.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { CsvError } from 'csv-parse';
import { InputError } from '../errors.js';
import type { SuppliedAs } from './types.js';

export interface SipriRow {
  /** 1-based line of the file. */
  line: number;
  recipient: string;
  supplier: string;
  orderYear: number | null;
  orderYearUncertain: boolean;
  numberOrdered: number | null;
  numberOrderedUncertain: boolean;
  designation: string;
  description: string;
  numberDelivered: number | null;
  numberDeliveredUncertain: boolean;
  deliveryYears: number[];
  suppliedAs: SuppliedAs;
  comments: string;
  tivUnit: number | null;
  tivTotal: number | null;
  tivDelivered: number | null;
}

export interface SipriFile {
  path: string;
  /** The date the export says it was generated (YYYY-MM-DD), or null. */
  generated: string | null;
  sha256: string;
  rows: SipriRow[];
}

/** The header as SIPRI writes it; '' marks an uncertainty column belonging to the column before it. */
const HEADER = ['recipient', 'supplier', 'year of order', '', 'number ordered', '', 'weapon designation', 'weapon description',
  'number delivered', '', 'year(s) of delivery', 'status', 'comments', 'sipri tiv per unit', 'sipri tiv for total order',
  'sipri tiv of delivered weapons'];

const SUPPLIED_AS: Record<string, SuppliedAs> = { 'new': 'new', 'second hand': 'second-hand', 'second hand but modernized': 'second-hand-modernised' };

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Windows-1252 unless the bytes are valid UTF-8 (SIPRI exports in the former; a re-saved file may be the latter). */
export function decodeSipri(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** "Data generated: 18 May 2026 2:29:20 PM" → '2026-05-18'. */
function generatedDate(preamble: string[]): string | null {
  for (const line of preamble) {
    const m = /^Data generated:\s*(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})/.exec(line.trim());
    const month = m ? MONTHS.indexOf(m[2].toLowerCase()) : -1;
    if (m && month >= 0) return `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  }
  return null;
}

/** Typed cell readers: each names the file, line, column and value it refuses. */
class Cells {
  constructor(private readonly path: string, private readonly line: number, private readonly cells: string[]) {}

  private fail(column: number, expected: string): never {
    const name = HEADER[column] || `${HEADER[column - 1]} ?`;
    throw new InputError(`${this.path}:${this.line}`, `column "${name}": ${JSON.stringify(this.cells[column])} is not ${expected}`,
      { line: this.line, column: name, value: this.cells[column] });
  }

  text(column: number): string {
    return this.cells[column].trim();
  }

  required(column: number): string {
    const v = this.text(column);
    return v || this.fail(column, 'given (the cell is empty)');
  }

  year(column: number): number | null {
    const v = this.text(column);
    if (!v) return null;
    return /^\d{4}$/.test(v) ? Number(v) : this.fail(column, 'a year');
  }

  count(column: number): number | null {
    const v = this.text(column);
    if (!v) return null;
    return /^\d+$/.test(v) ? Number(v) : this.fail(column, 'a whole number');
  }

  tiv(column: number): number | null {
    const v = this.text(column);
    if (!v) return null;
    return /^\d+(\.\d+)?$/.test(v) ? Number(v) : this.fail(column, 'a TIV (a number such as 17.4)');
  }

  flag(column: number): boolean {
    const v = this.text(column);
    if (v === '' || v === '?') return v === '?';
    return this.fail(column, "'?' or empty");
  }

  years(column: number): number[] {
    const v = this.text(column);
    if (!v) return [];
    const years = v.split(';').map((y) => y.trim());
    return years.every((y) => /^\d{4}$/.test(y)) ? years.map(Number) : this.fail(column, 'a list of years such as "2011; 2012"');
  }

  suppliedAs(column: number): SuppliedAs {
    return SUPPLIED_AS[this.text(column).toLowerCase()] ?? this.fail(column, 'New, Second hand or Second hand but modernized');
  }
}

/**
 * Parses an export's text. `path` names the file in errors.
 * @example parseSipri(text, 'trade-register.csv').rows[0].designation // 'Mi-17'
 */
export function parseSipri(text: string, path: string): Omit<SipriFile, 'sha256'> {
  const lines = text.split(/\r?\n/, 200);
  const headerAt = lines.findIndex((l) => /^"?Recipient"?,"?Supplier"?,/i.test(l));
  if (headerAt < 0) throw new InputError(path, 'no header row "Recipient,Supplier,..." in the first 200 lines: not a SIPRI trade-register export');
  const header = parse(lines[headerAt], { relax_quotes: true })[0].map((h) => h.trim().toLowerCase());
  const mismatch = HEADER.findIndex((name, i) => header[i] !== name);
  if (mismatch >= 0 || header.length !== HEADER.length) {
    const at = mismatch >= 0 ? mismatch : Math.min(header.length, HEADER.length);
    throw new InputError(`${path}:${headerAt + 1}`, `unexpected header: column ${at + 1} is ${JSON.stringify(header[at] ?? '(missing)')}, expected ${JSON.stringify(HEADER[at] ?? '(none)')}`,
      { line: headerAt + 1 });
  }
  let records: { info: { lines: number }; record: string[] }[];
  try {
    records = parse(text, { from_line: headerAt + 2, info: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (error) {
    const e = error as CsvError & { lines?: number };
    throw new InputError(`${path}:${e.lines ?? '?'}`, e.message.replace(/^Invalid Record Length: /, ''), { line: e.lines }, { cause: error });
  }
  const rows = records.map(({ info, record }) => {
    const line = info.lines;
    if (record.length !== HEADER.length) {
      throw new InputError(`${path}:${line}`, `${record.length} columns, expected ${HEADER.length}`, { line });
    }
    const c = new Cells(path, line, record);
    return {
      line, recipient: c.required(0), supplier: c.required(1), orderYear: c.year(2), orderYearUncertain: c.flag(3),
      numberOrdered: c.count(4), numberOrderedUncertain: c.flag(5), designation: c.required(6), description: c.required(7),
      numberDelivered: c.count(8), numberDeliveredUncertain: c.flag(9), deliveryYears: c.years(10), suppliedAs: c.suppliedAs(11),
      comments: c.text(12), tivUnit: c.tiv(13), tivTotal: c.tiv(14), tivDelivered: c.tiv(15),
    } satisfies SipriRow;
  });
  return { path, generated: generatedDate(lines.slice(0, headerAt)), rows };
}

/**
 * Parses an export's bytes (as read from a file or received in a request); `name` names it in errors.
 * @example sipriFromBytes(readFileSync('trade-register.csv'), 'trade-register.csv').generated // '2026-05-18'
 */
export function sipriFromBytes(bytes: Buffer, name: string): SipriFile {
  return { ...parseSipri(decodeSipri(bytes), name), sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** Reads and parses an export file. */
export function readSipri(path: string): SipriFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InputError(path, `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {}, { cause: error });
  }
  return sipriFromBytes(bytes, path);
}
