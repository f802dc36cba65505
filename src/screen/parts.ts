/**
 * Parts files in: CSV (comma, semicolon or tab; UTF-8, or Windows-1252 as older Excel writes it) through
 * csv-parse, and xlsx workbooks through exceljs. Headers are mapped to fields by the names in
 * `data/screen/columns.json`, in any supported language; a file that lacks a field is refused with every
 * missing field named and the headers it does have. Every data row becomes a line, empty cells included:
 * nothing is dropped without a word.
 */
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import ExcelJS from 'exceljs';
import { InputError } from '../errors.js';
import { foldWord } from '../text/normalise.js';
import { screenData } from './data.js';

export const FIELDS = ['part_number', 'description', 'hs_code', 'manufacturer', 'quantity', 'customer', 'customer_country', 'ship_to_country',
  'end_user', 'customer_address', 'ship_to_address'] as const;
export type Field = (typeof FIELDS)[number];

export interface PartLine {
  /** The line (CSV) or row (xlsx) in the file, counting the header. */
  line: number;
  values: Record<Field, string>;
}

export interface PartsFile {
  name: string;
  format: 'csv' | 'xlsx';
  /** Which header each field was read from. */
  columns: Partial<Record<Field, string>>;
  /** Headers no field was mapped to (kept in the report, never used). */
  ignored: string[];
  lines: PartLine[];
}

const headerKey = (text: string) => [...text.normalize('NFKC').matchAll(/[\p{L}\p{M}]+|\p{N}+|#/gu)].map((m) => foldWord(m[0]) || m[0]).join(' ');

let headerTable: Map<string, Field> | undefined;
function headers(): Map<string, Field> {
  if (headerTable) return headerTable;
  headerTable = new Map();
  for (const [field, names] of Object.entries(screenData().columns.names)) {
    headerTable.set(headerKey(field.replace(/_/g, ' ')), field as Field);
    for (const n of names) if (!headerTable.has(headerKey(n))) headerTable.set(headerKey(n), field as Field);
  }
  return headerTable;
}

/**
 * Maps a header row to fields; refuses a file that lacks a required one, naming all that are missing.
 * @example mapColumns(['Artikelnummer', 'Beschreibung', …], 'parts.csv').columns.part_number // 'Artikelnummer'
 */
export function mapColumns(header: string[], file: string): { columns: Partial<Record<Field, string>>; index: Partial<Record<Field, number>>; ignored: string[] } {
  const table = headers();
  const columns: Partial<Record<Field, string>> = {};
  const index: Partial<Record<Field, number>> = {};
  const ignored: string[] = [];
  header.forEach((h, i) => {
    const field = table.get(headerKey(h));
    if (field && index[field] === undefined) { columns[field] = h; index[field] = i; } else if (h.trim()) ignored.push(h);
  });
  const missing = screenData().columns.required.filter((f) => index[f as Field] === undefined);
  if (missing.length) {
    throw new InputError(file, `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (found: ${header.filter((h) => h.trim()).join(', ') || 'no header'}); `
      + 'data/screen/columns.json lists the header names recognised for each', { missing, found: header });
  }
  return { columns, index, ignored };
}

function rowsToFile(name: string, format: PartsFile['format'], rows: { line: number; cells: string[] }[]): PartsFile {
  const headerAt = rows.findIndex((r) => r.cells.some((c) => c.trim()));
  if (headerAt < 0) throw new InputError(name, 'the file is empty: no header row');
  const { columns, index, ignored } = mapColumns(rows[headerAt].cells, name);
  const lines: PartLine[] = [];
  for (const r of rows.slice(headerAt + 1)) {
    if (!r.cells.some((c) => c.trim())) continue;
    const values = Object.fromEntries(FIELDS.map((f) => [f, index[f] === undefined ? '' : (r.cells[index[f]!] ?? '').trim()])) as Record<Field, string>;
    lines.push({ line: r.line, values });
  }
  return { name, format, columns, ignored, lines };
}

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(Buffer.from(bytes), 'windows-1252');
  }
}

/** The delimiter the header line uses most: `,`, `;` or a tab. */
function delimiterOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0];
  const counts = [',', ';', '\t'].map((d) => [d, first.split(d).length - 1] as const).sort((a, b) => b[1] - a[1]);
  return counts[0][1] > 0 ? counts[0][0] : ',';
}

export function readPartsCsv(bytes: Uint8Array, name: string): PartsFile {
  const text = decodeText(bytes);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { delimiter: delimiterOf(text), relax_column_count: true, skip_empty_lines: false, info: true, trim: false }) as unknown as typeof records;
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new InputError(e.lines ? `${name}:${e.lines}` : name, `malformed CSV: ${e.message}`, { line: e.lines }, { cause: error });
  }
  return rowsToFile(name, 'csv', records.map((r) => ({ line: r.info.lines, cells: r.record })));
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

export async function readPartsXlsx(bytes: Uint8Array, name: string, sheet?: string): Promise<PartsFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new InputError(name, `not a readable xlsx workbook (${(error as Error).message})`, {}, { cause: error });
  }
  const ws = sheet ? workbook.getWorksheet(sheet) : workbook.worksheets[0];
  if (!ws) throw new InputError(name, sheet ? `no sheet "${sheet}" (sheets: ${workbook.worksheets.map((w) => w.name).join(', ')})` : 'the workbook has no sheet');
  const rows: { line: number; cells: string[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: string[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(cellText(row.getCell(c).value));
    rows.push({ line: number, cells });
  });
  return rowsToFile(name, 'xlsx', rows);
}

/** A parts file by its name's extension (`.xlsx`), else by its bytes (a zip signature is xlsx). */
export async function readParts(bytes: Uint8Array, name: string, options: { sheet?: string } = {}): Promise<PartsFile> {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (/\.xlsx$/i.test(name) || zip) return readPartsXlsx(bytes, name, options.sheet);
  if (/\.xls$/i.test(name)) throw new InputError(name, 'the old binary .xls format is not read: save the sheet as .xlsx or CSV');
  return readPartsCsv(bytes, name);
}
