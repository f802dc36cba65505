/** CSV output of the commands that offer it: one quoting rule, safe to open in a spreadsheet. */

/** One cell: lists joined by ';', quoted where needed, and text that a spreadsheet would run as a formula defused. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = Array.isArray(v) ? v.join(';') : String(v);
  // Leading = + - @ would run as formulas in spreadsheets: article text is untrusted.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A header line and one line per row, in `columns` order. */
export function csvLines<T>(columns: readonly (keyof T & string)[], rows: T[]): string {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
}
