/**
 * A screening report in four forms: a table for the terminal, CSV (one row per line, reasons joined), JSON
 * (everything, as the API returns it) and a self-contained HTML page. Every value in a parts file is
 * untrusted: the HTML escapes all text it writes and loads nothing from elsewhere (no scripts, no links out).
 */
import { toCsv } from '../analyse/export.js';
import type { ScreenReport } from './screen.js';
import { RISK_LEVELS } from './types.js';

export const REPORT_FORMATS = ['table', 'csv', 'json', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CSV_COLUMNS = ['line', 'level', 'part_number', 'description', 'hs_code', 'manufacturer', 'quantity', 'customer', 'customer_country',
  'ship_to_country', 'end_user', 'reason_kinds', 'reasons', 'run', 'list_versions'] as const;

/** One CSV row per line of the file. */
export function csvRows(report: ScreenReport): Record<(typeof CSV_COLUMNS)[number], string | number>[] {
  const versions = report.lists.map((l) => l.version).join(' ');
  return report.lines.map((l) => ({
    line: l.line, level: l.level, part_number: l.values.part_number, description: l.values.description, hs_code: l.values.hs_code,
    manufacturer: l.values.manufacturer, quantity: l.values.quantity, customer: l.values.customer, customer_country: l.values.customer_country,
    ship_to_country: l.values.ship_to_country, end_user: l.values.end_user,
    reason_kinds: [...new Set(l.reasons.map((r) => r.kind))].join(' '),
    reasons: l.reasons.map((r) => `[${r.level}] ${r.message}`).join(' | '), run: report.run.id, list_versions: versions,
  }));
}

function summary(report: ScreenReport): string[] {
  const r = report.run;
  return [
    `screened ${r.lines} lines of ${report.file.name} (sha256 ${r.sha256.slice(0, 16)}…): ${RISK_LEVELS.map((l) => `${r.levels[l]} ${l}`).join(', ')}`,
    `run ${r.id} at ${r.startedAt}; CHPL ${report.chpl.version}; match threshold ${report.threshold}`,
    `lists: ${report.lists.length ? report.lists.map((l) => `${l.version} (${l.entities} parties)`).join(', ') : 'none'}`,
    ...report.warnings.map((w) => `warning: ${w}`),
    ...(report.file.ignored.length ? [`columns not used: ${report.file.ignored.join(', ')}`] : []),
  ];
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** The terminal table: each flagged line with its reasons beneath it; `all` lists clean lines too. */
export function renderTable(report: ScreenReport, all = false): string {
  const out: string[] = [];
  out.push(`${'line'.padStart(5)}  ${'level'.padEnd(6)}  ${'part'.padEnd(16)}  ${'hs'.padEnd(10)}  ${'customer'.padEnd(28)}  ${'ship to'.padEnd(7)}  reasons`);
  for (const l of report.lines) {
    if (!all && l.level === 'none') continue;
    out.push(`${String(l.line).padStart(5)}  ${l.level.padEnd(6)}  ${clip(l.values.part_number, 16).padEnd(16)}  ${clip(l.values.hs_code, 10).padEnd(10)}  `
      + `${clip(l.values.customer, 28).padEnd(28)}  ${clip(l.values.ship_to_country, 7).padEnd(7)}  ${l.reasons.length}`);
    for (const r of l.reasons) out.push(`${' '.repeat(15)}- [${r.level}] ${r.message}`);
  }
  return `${[...out, '', ...summary(report)].join('\n')}\n`;
}

export function renderCsv(report: ScreenReport): string {
  return toCsv(csvRows(report), [...CSV_COLUMNS]);
}

export function renderJson(report: ScreenReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Every text written into the page goes through here. */
export const escapeHtml = (value: unknown) => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** A self-contained HTML report: a summary, then one row per line with its reasons. */
export function renderHtml(report: ScreenReport): string {
  const e = escapeHtml;
  const rows = report.lines.map((l) => `<tr class="${e(l.level)}"><td>${e(l.line)}</td><td><b>${e(l.level)}</b></td><td>${e(l.values.part_number)}</td>`
    + `<td>${e(l.values.description)}</td><td>${e(l.values.hs_code)}</td><td>${e(l.values.manufacturer)}</td><td>${e(l.values.quantity)}</td>`
    + `<td>${e(l.values.customer)}<br><small>${e(l.values.customer_country)}</small></td><td>${e(l.values.end_user)}<br><small>${e(l.values.ship_to_country)}</small></td>`
    + `<td><ul>${l.reasons.map((r) => `<li><b>${e(r.level)}</b> <code>${e(r.kind)}</code> ${e(r.message)}</li>`).join('')}</ul></td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Screening of ${e(report.file.name)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px;vertical-align:top;text-align:left}
tr.high td:nth-child(2){background:#f4c7c3}tr.medium td:nth-child(2){background:#fce8b2}tr.low td:nth-child(2){background:#e8f0fe}ul{margin:0;padding-left:1.2em}
</style></head><body>
<h1>Screening of ${e(report.file.name)}</h1>
<ul>${summary(report).map((s) => `<li>${e(s)}</li>`).join('')}</ul>
<table><thead><tr><th>line</th><th>level</th><th>part</th><th>description</th><th>HS</th><th>manufacturer</th><th>qty</th><th>customer</th><th>end user</th><th>reasons</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
}

export function render(report: ScreenReport, format: ReportFormat, all = false): string {
  switch (format) {
    case 'csv': return renderCsv(report);
    case 'json': return renderJson(report);
    case 'html': return renderHtml(report);
    default: return renderTable(report, all);
  }
}
