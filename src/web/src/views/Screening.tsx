/**
 * Supply-chain screening: a parts file (CSV or xlsx, chosen or dropped) is sent to `POST /api/screen` and
 * its report shown line by line with the risk level in words and every reason, filtered by level and
 * reason kind (in the URL), sorted and walked from the keyboard like the register, and exported as CSV or
 * JSON from the response. Beside it the audit panel and a name check. The report itself is not in the URL:
 * it is the answer to a file only this tab holds.
 */
import { useMemo, useState, type DragEvent } from 'react';
import { DataTable, type ColumnDef } from '../table';
import { openSettings, useCredentials } from '../review';
import { bytes, chplTier, download, exportName, filterLines, LEVELS, LEVEL_WORDS, linesToCsv, linesToJson, REASON_KINDS, refuseFile, screenFile,
  type Line, type Report } from '../screen';
import { Empty, Field } from '../ui';
import { setParams, useLocation } from '../url';
import { Audit } from './screening/Audit';
import { NameCheck } from './screening/NameCheck';
import { LineReasons, RiskBadge } from './screening/Reasons';

const RANK = { high: 3, medium: 2, low: 1, none: 0 } as const;
const dash = <span className="muted">—</span>;
const text = (v: string | undefined) => (v ? v : dash);

const COLUMNS: ColumnDef<Line, any>[] = [
  { id: 'line', header: 'Line', accessorFn: (l) => l.line, sortDescFirst: false },
  { id: 'part', header: 'Part', accessorFn: (l) => l.values.part_number ?? '', cell: (c) => text(c.getValue()) },
  { id: 'description', header: 'Description', accessorFn: (l) => l.values.description ?? '', cell: (c) => text(c.getValue()) },
  { id: 'hs', header: 'HS code · CHPL', accessorFn: (l) => l.hs ?? l.values.hs_code ?? '', cell: (c) => {
    const l = c.row.original;
    const tier = chplTier(l);
    return <>{text(l.values.hs_code)}{tier ? <> <span className="chpl" title="Common High Priority List tier">CHPL tier {tier}</span></> : null}</>;
  } },
  { id: 'manufacturer', header: 'Manufacturer', accessorFn: (l) => l.values.manufacturer ?? '', cell: (c) => text(c.getValue()) },
  { id: 'customer', header: 'Customer', accessorFn: (l) => l.values.customer ?? '', cell: (c) => text(c.getValue()) },
  { id: 'countries', header: 'Countries', accessorFn: (l) => `${l.values.customer_country ?? ''} → ${l.values.ship_to_country ?? ''}`, cell: (c) => {
    const v = c.row.original.values;
    return <span title="customer country → ship-to country">{v.customer_country || '?'} → {v.ship_to_country || '?'}</span>;
  } },
  { id: 'end_user', header: 'End user', accessorFn: (l) => l.values.end_user ?? '', cell: (c) => text(c.getValue()) },
  { id: 'level', header: 'Risk', accessorFn: (l) => RANK[l.level], sortDescFirst: true, cell: (c) => <RiskBadge level={c.row.original.level} /> },
  { id: 'reasons', header: 'Reasons', accessorFn: (l) => l.reasons.length, cell: (c) => {
    const kinds = [...new Set(c.row.original.reasons.map((r) => r.kind))];
    return kinds.length ? <span className="reason-kinds">{kinds.join(', ')}</span> : dash;
  } },
];

function Upload({ onReport }: { onReport: (report: Report, file: File) => void }) {
  const creds = useCredentials();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [over, setOver] = useState(false);
  const choose = (f: File | undefined | null) => {
    setProblem(null);
    if (!f) return;
    const refused = refuseFile(f);
    if (refused) { setFile(null); setProblem(refused); } else setFile(f);
  };
  const drop = (e: DragEvent) => { e.preventDefault(); setOver(false); choose(e.dataTransfer.files[0]); };
  const send = async () => {
    if (!file) return;
    if (!creds.token) { setProblem('Screening records each run in the audit trail, so it is a write: enter the server’s token under “Reviewer” first.'); return; }
    setBusy(true); setProblem(null);
    try { onReport(await screenFile(file, creds.token, 'json'), file); } catch (e) { setProblem((e as Error).message); } finally { setBusy(false); }
  };
  return (
    <section className="card upload" aria-labelledby="upload-title">
      <h2 id="upload-title">Parts file</h2>
      <label className={`dropzone${over ? ' over' : ''}`} onDragOver={(e) => { e.preventDefault(); setOver(true); }} onDragLeave={() => setOver(false)} onDrop={drop}>
        <span>Drop a CSV or XLSX file here, or choose one:</span>
        <input type="file" name="parts" aria-label="Parts file (CSV or XLSX)" accept=".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => choose(e.target.files?.[0])} />
        <span className="small muted">Columns: part number, description, HS code, manufacturer, quantity, customer, customer country, ship-to country, end user (headers in any of the supported languages).</span>
      </label>
      <div className="upload-actions">
        {file ? <span className="chosen">{file.name} <span className="muted">({bytes(file.size)})</span></span> : <span className="muted">No file chosen.</span>}
        <button type="button" className="primary" disabled={!file || busy} onClick={send}>{busy ? 'Screening…' : 'Screen'}</button>
        {!creds.token ? <span className="small muted">Screening needs the server’s token. <button type="button" className="linkish" onClick={openSettings}>Reviewer…</button></span> : null}
      </div>
      {problem ? <div className="error" role="alert">{problem}</div> : null}
    </section>
  );
}

function ReportView({ report, params, onRun }: { report: Report; params: URLSearchParams; onRun: () => void }) {
  const level = params.get('level');
  const reason = params.get('reason');
  const q = params.get('q');
  const open = params.get('open');
  const shown = useMemo(() => filterLines(report.lines, { level, reason, q }), [report, level, reason, q]);
  const [fileBusy, setFileBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const creds = useCredentials();
  const counts = LEVELS.map((l) => `${report.run.levels[l]} ${l}`).join(', ');
  const filters = Object.fromEntries([['level', level], ['reason', reason], ['q', q]].filter(([, v]) => v)) as Record<string, string>;
  const present = new Set(report.lines.flatMap((l) => l.reasons.map((r) => r.kind)));
  return (
    <section className="report" aria-labelledby="report-title">
      <h2 id="report-title">Report: {report.file.name}</h2>
      <p className="summary" role="status">{report.run.lines} line{report.run.lines === 1 ? '' : 's'} screened: {counts}. Showing {shown.length}.</p>
      {report.warnings.length ? <ul className="warning">{report.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul> : null}
      <div className="filters" role="group" aria-label="Filter the report">
        <Field label="Risk level">
          <select name="level" value={level ?? ''} onChange={(e) => setParams({ level: e.target.value, open: undefined })}>
            <option value="">any</option>
            {LEVELS.map((l) => <option key={l} value={l}>{LEVEL_WORDS[l]} ({report.run.levels[l]})</option>)}
          </select>
        </Field>
        <Field label="Reason">
          <select name="reason" value={reason ?? ''} onChange={(e) => setParams({ reason: e.target.value, open: undefined })}>
            <option value="">any</option>
            {REASON_KINDS.filter((k) => present.has(k) || k === reason).map((k) => <option key={k} value={k}>{k}</option>)}
          </select>
        </Field>
        <Field label="Contains">
          <input name="q" defaultValue={q ?? ''} key={q ?? ''} size={18} placeholder="any cell"
            onKeyDown={(e) => { if (e.key === 'Enter') setParams({ q: (e.target as HTMLInputElement).value.trim() }); }}
            onBlur={(e) => { if (e.target.value.trim() !== (q ?? '')) setParams({ q: e.target.value.trim() }); }} />
        </Field>
        <div className="actions">
          <button type="button" onClick={() => download(exportName(report.file.name, 'csv'), linesToCsv(shown), 'text/csv')}>Export CSV</button>
          <button type="button" onClick={() => download(exportName(report.file.name, 'json'), linesToJson(report, shown, filters), 'application/json')}>Export JSON</button>
        </div>
      </div>
      {problem ? <div className="error" role="alert">{problem}</div> : null}
      {shown.length ? (
        <DataTable rows={shown} columns={COLUMNS} label="Screening report" rowId={(l) => String(l.line)}
          onOpen={(l) => setParams({ open: open === String(l.line) ? undefined : l.line })} expanded={open}
          renderExpanded={(l) => <LineReasons line={l} />} />
      ) : <Empty>No line of this file matches these filters: choose another level or reason.</Empty>}
      <HtmlReport report={report} busy={fileBusy} setBusy={setFileBusy} setProblem={setProblem} token={creds.token} onRun={onRun} />
    </section>
  );
}

/** The server's HTML report needs the file again; it is kept only for as long as the page holds the report. */
function HtmlReport({ report, busy, setBusy, setProblem, token, onRun }: {
  report: Report; busy: boolean; setBusy: (b: boolean) => void; setProblem: (p: string | null) => void; token: string; onRun: () => void;
}) {
  const file = FILES.get(report.run.id);
  if (!file) return null;
  const get = async () => {
    setBusy(true); setProblem(null);
    try { download(exportName(report.file.name, 'html'), await screenFile(file, token, 'html'), 'text/html'); onRun(); } catch (e) { setProblem((e as Error).message); } finally { setBusy(false); }
  };
  return (
    <p className="small muted">The server also writes the report as a standalone HTML page (screened again, so the audit trail records a second run):{' '}
      <button type="button" disabled={busy} onClick={get}>HTML report</button></p>
  );
}

/** The file behind each report on this page, for the HTML report. */
const FILES = new Map<string, File>();

export default function Screening() {
  const { params } = useLocation();
  const [report, setReport] = useState<Report | null>(null);
  const [version, setVersion] = useState(0);
  return (
    <section className="view screening">
      <h1>Supply-chain screening</h1>
      <p className="muted">Each line of a parts list checked for Common High Priority List codes, component classes found in drones and missiles,
        sanctioned parties, countries of concern and red flags; every flag with its reason.</p>
      <Upload onReport={(r, f) => { FILES.set(r.run.id, f); setReport(r); setVersion((v) => v + 1); setParams({ open: undefined }); }} />
      {report ? <ReportView report={report} params={params} onRun={() => setVersion((v) => v + 1)} /> : <Empty>Choose a parts file to see its report.</Empty>}
      <div className="screening-tools">
        <Audit report={report} version={version} />
        <NameCheck name={params.get('name') ?? ''} schema={params.get('schema') ?? 'LegalEntity'} />
      </div>
    </section>
  );
}
