/**
 * Screening from the workspace: the parts file goes to `POST /api/screen` as the request body, with the
 * bearer token of the settings dialog (screening records each run in the audit trail, so it is a write).
 * The report comes back as JSON; the exports here are made from that response in the browser, so they
 * hold exactly the lines on screen, never a second run.
 */
import { api, ApiError, explainFailure, type Schemas } from './api';
import { explainWrite } from './review';

export type Report = Schemas['ScreenReport'];
export type Line = Report['lines'][number];
export type Reason = Line['reasons'][number];
export type Level = Line['level'];

export const LEVELS: Level[] = ['high', 'medium', 'low', 'none'];
export const LEVEL_WORDS: Record<Level, string> = { high: 'High risk', medium: 'Medium risk', low: 'Low risk', none: 'No flag' };
/** Reason kinds as the report names them, for the filter menu, in the order the README explains them. */
export const REASON_KINDS = ['chpl', 'chpl-heading', 'hs-invalid', 'hs-missing', 'component', 'sanctioned-party', 'listed-party', 'possible-party',
  'embargoed-country', 'diversion-country', 'country-unknown', 'red-flag', 'combination'] as const;
/** Reasons that come from a name match, whose details carry the score, features and words. */
export const PARTY_KINDS = new Set(['sanctioned-party', 'listed-party', 'possible-party']);

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Why a chosen file cannot be sent, or null: only CSV and xlsx are parts files. */
export function refuseFile(file: File): string | null {
  if (/\.(csv|txt|tsv)$/i.test(file.name) || /\.xlsx$/i.test(file.name)) return file.size ? null : `${file.name} is empty.`;
  return `${file.name} is not a parts file: choose a CSV (.csv) or an Excel workbook (.xlsx); older .xls workbooks must be saved as .xlsx first.`;
}

export const contentType = (file: File) => (/\.xlsx$/i.test(file.name) ? XLSX : 'text/csv');

/** A byte count in words: 1.4 MB, 820 KB. */
export function bytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/**
 * Sends the file and returns the report. Refusals come back in words: no token or the wrong one through
 * `explainWrite`, a body over the server's limit with the limit named, missing columns in the API's words.
 * @example const report = await screenFile(file, creds.token, 'json')
 */
export async function screenFile(file: File, token: string, format: 'json'): Promise<Report>;
export async function screenFile(file: File, token: string, format: 'html'): Promise<Blob>;
export async function screenFile(file: File, token: string, format: 'json' | 'html'): Promise<Report | Blob> {
  let result;
  try {
    result = await api.POST('/api/screen', {
      params: { query: { name: file.name, format } },
      // The file itself is the body: openapi-fetch would otherwise serialise it as JSON.
      body: file as unknown as string,
      bodySerializer: (body: unknown) => body as BodyInit,
      headers: { 'Content-Type': contentType(file), Authorization: `Bearer ${token}` },
      parseAs: format === 'html' ? 'blob' : 'json',
    });
  } catch (error) {
    throw explainFailure(error);
  }
  const { data, error, response } = result;
  if (error !== undefined || data === undefined) {
    if (response.status === 413) {
      const limit = Number((error as { details?: { limit?: number } })?.details?.limit);
      const limitWords = Number.isFinite(limit) && limit > 0 ? `${bytes(limit)} (${limit.toLocaleString('en')} bytes)` : 'its configured size';
      throw new ApiError(`${file.name} (${bytes(file.size)}) is over the server’s limit of ${limitWords} for a request body. `
        + 'Split the file, or start the server with a larger --body-limit (ARMSCOPE_BODY_LIMIT).', 413);
    }
    throw explainWrite(explainFailure(error, response));
  }
  return data as Report | Blob;
}

/** The CHPL tier of a line, when its HS code is on the list. */
export function chplTier(line: Line): string | null {
  const r = line.reasons.find((x) => x.kind === 'chpl');
  const tier = r?.details.tier;
  return typeof tier === 'string' ? tier : null;
}

/** Lines narrowed by level, reason kind and text (any cell contains it). */
export function filterLines(lines: Line[], { level, reason, q }: { level?: string | null; reason?: string | null; q?: string | null }): Line[] {
  const text = (q ?? '').trim().toLowerCase();
  return lines.filter((l) => (!level || l.level === level)
    && (!reason || l.reasons.some((r) => r.kind === reason))
    && (!text || Object.values(l.values).some((v) => v.toLowerCase().includes(text))));
}

/**
 * A spreadsheet cannot mistake a cell for a formula: cells starting with = + - @ (or a tab or carriage
 * return) get a leading apostrophe, since parts files come from outside.
 */
function csvCell(value: string | number): string {
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const CSV_COLUMNS = ['line', 'part_number', 'description', 'hs_code', 'hs_normalised', 'chpl_tier', 'manufacturer', 'quantity', 'customer', 'customer_country',
  'ship_to_country', 'end_user', 'level', 'reason_kinds', 'reasons'] as const;

/** The shown lines as CSV: one row a line, its reasons joined by ` | `. */
export function linesToCsv(lines: Line[]): string {
  const rows = lines.map((l) => [l.line, l.values.part_number ?? '', l.values.description ?? '', l.values.hs_code ?? '', l.hs ?? '', chplTier(l) ?? '',
    l.values.manufacturer ?? '', l.values.quantity ?? '', l.values.customer ?? '', l.values.customer_country ?? '', l.values.ship_to_country ?? '',
    l.values.end_user ?? '', l.level, l.reasons.map((r) => r.kind).join(';'), l.reasons.map((r) => `${r.level} ${r.kind} (${r.field}): ${r.message}`).join(' | ')]);
  return [CSV_COLUMNS.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}

/** The shown lines as JSON, with the run, the file and the list versions that screened it. */
export function linesToJson(report: Report, lines: Line[], filters: Record<string, string>): string {
  const { lines: _all, ...rest } = report;
  return `${JSON.stringify({ ...rest, filters, shown: lines.length, lines }, null, 2)}\n`;
}

/** Saves `content` as a download named `name` (made in the browser: nothing is fetched). */
export function download(name: string, content: Blob | string, type: string) {
  const blob = content instanceof Blob ? content : new Blob([content], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `parts.xlsx` → `parts-screened.csv`. */
export const exportName = (file: string, ext: string) => `${file.replace(/\.[^.]+$/, '') || 'parts'}-screened.${ext}`;
