/**
 * The trade register: transfer records merged across documents, filtered on the server by the URL's
 * parameters (the same names as `GET /api/records`), sorted and narrowed further in the table, exported
 * as the API's own CSV. Opening a row shows its status history, every source and each mention's confidence.
 */
import { useMemo, useState } from 'react';
import { api, unwrap, useLoad, type Schemas } from '../api';
import { DataTable, type ColumnDef } from '../table';
import { CREDIBILITY, DecisionButtons, GRADES, RELIABILITY, ReviewedMark } from '../review';
import { safeUrl, SourceLink } from '../text';
import { CATEGORIES, Country, countryName, Empty, Field, Link, REFERENCE_CLASSES, Show, STATUSES, Status } from '../ui';
import { href, setParams, useLocation } from '../url';

type Record = Schemas['TransferRecordWithReference'];

/** Server-side filters: URL parameter → what the API is sent. */
const SERVER = ['supplier', 'recipient', 'country', 'category', 'system', 'status', 'year_from', 'year_to', 'min_corroboration', 'min_confidence', 'conflicts', 'reference', 'reliability', 'max_credibility', 'min_grade', 'sort', 'offset'] as const;
const PAGE = 100;

function years(r: Record): string {
  const a = r.firstSeen?.slice(0, 4);
  const b = r.lastSeen?.slice(0, 4);
  return a && b && a !== b ? `${a}–${b}` : a ?? b ?? '';
}

function referenceLabel(r: Record): string {
  if (!r.reference) return '';
  return { matched: 'in register', 'status-differs': 'status differs', 'reported-not-in-reference': 'not in register' }[r.reference.class];
}

type Confidence = Schemas['RecordConfidence']['items'][number];

function confidenceCell(c: Confidence | undefined, loading: boolean) {
  if (!c) return <span className="muted">{loading ? '…' : '—'}</span>;
  if (c.best === null) return <span className="muted">—</span>;
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  return <span title={`best of ${c.mentions} mention${c.mentions === 1 ? '' : 's'}${c.lowest !== null && c.mentions > 1 ? `; lowest ${pct(c.lowest)}` : ''}`}>{pct(c.best)}</span>;
}

/** The register's columns; confidence comes from a second request for the page's records, shown as it arrives. */
const columnsWith = (confidence: Map<string, Confidence>, loading: boolean): ColumnDef<Record, any>[] => [
  { id: 'supplier', header: 'Supplier', accessorFn: (r) => countryName(r.supplier), cell: (c) => <Country code={c.row.original.supplier} /> },
  { id: 'recipient', header: 'Recipient', accessorFn: (r) => countryName(r.recipient), cell: (c) => <Country code={c.row.original.recipient} /> },
  { id: 'system', header: 'System', accessorFn: (r) => r.system ?? undefined, sortUndefined: 'last', cell: (c) => c.row.original.systemId
    ? <Link to={href('/records', { system: c.row.original.systemId })}>{c.row.original.system}</Link> : <span className="muted">{c.getValue() ?? '—'}</span> },
  { id: 'category', header: 'Category', accessorFn: (r) => r.category ?? undefined, sortUndefined: 'last' },
  { id: 'quantity', header: 'Qty', accessorFn: (r) => r.quantity ?? undefined, cell: (c) => c.row.original.quantity ?? '', sortUndefined: 'last' },
  { id: 'status', header: 'Status', accessorFn: (r) => r.status, cell: (c) => <Status status={c.row.original.status} /> },
  { id: 'years', header: 'Years', accessorFn: years },
  { id: 'hedged', header: 'Hedged', accessorFn: (r) => (r.hedged ? 'hedged' : ''), cell: (c) => (c.row.original.hedged ? <span className="hedged" title="every source hedges">hedged</span> : '') },
  { id: 'conflicts', header: 'Conflicts', accessorFn: (r) => r.conflicts.length, cell: (c) => (c.row.original.conflicts.length ? <span className="conflict" title={c.row.original.conflicts.join('; ')}>{c.row.original.conflicts.length}</span> : '') },
  { id: 'confidence', header: 'Confidence', accessorFn: (r) => confidence.get(r.id)?.best ?? undefined, sortUndefined: 'last', cell: (c) => confidenceCell(confidence.get(c.row.original.id), loading) },
  { id: 'sources', header: 'Sources', accessorFn: (r) => r.sources.length, cell: (c) => <span title={`${c.row.original.corroboration} distinct publisher(s)`}>{c.row.original.sources.length}</span> },
  { id: 'reliability', header: 'Reliability', accessorFn: (r) => r.assessment.reliability, cell: (c) => {
    const a = c.row.original.assessment;
    return <span className={`grade grade-${a.reliability}`} title={`best grade of its publishers: ${RELIABILITY[a.reliability]}; ${a.publishers.map((p) => `${p.publisher} ${p.grade}`).join(', ')}`}>{a.reliability}</span>;
  } },
  { id: 'credibility', header: 'Credibility', accessorFn: (r) => r.assessment.credibility, cell: (c) => {
    const n = c.row.original.assessment.credibility;
    return <span className={`cred cred-${n}`}>{n} {CREDIBILITY[n]}</span>;
  } },
  { id: 'reviewed', header: 'Reviewed', accessorFn: (r) => (r.review ? r.review.latest.decidedAt : undefined), sortUndefined: 'last', cell: (c) => {
    const rv = c.row.original.review;
    return rv ? <ReviewedMark verdict={rv.latest.verdict} author={rv.latest.author} at={rv.latest.decidedAt} fields={rv.fields} compact /> : '';
  } },
  { id: 'reference', header: 'Reference', accessorFn: referenceLabel, cell: (c) => {
    const ref = c.row.original.reference;
    return ref ? <span className={`ref ref-${ref.class}`} title={ref.reason}>{referenceLabel(c.row.original)}</span> : <span className="muted" title="no reference register imported">—</span>;
  } },
];

function RecordDetail({ record, onDecided }: { record: Record; onDecided: () => void }) {
  const mentions = useLoad(() => unwrap(api.GET('/api/records/{id}/mentions', { params: { path: { id: record.id } } })), [record.id]);
  const rv = record.review;
  return (
    <div className="record-detail">
      <section className="record-review">
        <h4>Review</h4>
        {rv ? <p><ReviewedMark verdict={rv.latest.verdict} author={rv.latest.author} at={rv.latest.decidedAt} fields={rv.fields} />{' '}
          <span className="muted">{rv.reviewed} of {rv.mentions} mention{rv.mentions === 1 ? '' : 's'} reviewed{rv.fields.length ? `; fields set by analysts: ${rv.fields.join(', ')}` : ''}</span></p>
          : <p className="muted">Not reviewed yet.</p>}
        <p className="small muted">Reliability {record.assessment.reliability} ({RELIABILITY[record.assessment.reliability]}), credibility {record.assessment.credibility} ({CREDIBILITY[record.assessment.credibility]}).
          {' '}A decision here applies to each of its {record.mentionIds.length} mention{record.mentionIds.length === 1 ? '' : 's'}.</p>
        <DecisionButtons target="record" id={record.id} label="Review the whole record" onDecided={onDecided}
          initial={{ supplier: record.supplier, recipient: record.recipient, system: record.system, category: record.category, status: record.status, quantity: record.quantity, hedged: record.hedged }} />
      </section>
      <section>
        <h4>Status history</h4>
        <ol className="history">
          {record.history.map((h, i) => (
            <li key={i}>
              <Status status={h.status} hedged={h.hedged} /> <span className="date">{h.date ?? 'undated'}</span> · {h.publisher}{' '}
              <Link to={href('/reader', { doc: h.documentId, quote: h.evidence })}>read</Link>
              <blockquote>{h.evidence}</blockquote>
            </li>
          ))}
        </ol>
      </section>
      <section>
        <h4>Sources ({record.sources.length}, {record.corroboration} publisher{record.corroboration === 1 ? '' : 's'})</h4>
        <ul className="sources">
          {record.sources.map((s) => (
            <li key={s.documentId}>
              <Link to={href('/reader', { doc: s.documentId })}>{s.title ?? s.source}</Link> <span className="muted">{s.published ?? 'undated'} · {s.publisher}</span>{' '}
              {safeUrl(s.url) ? <SourceLink url={s.url}>original</SourceLink> : null}
            </li>
          ))}
        </ul>
        {record.reference ? <p className="ref-reason"><strong>Reference:</strong> {record.reference.reason}</p> : null}
        {record.conflicts.length ? <p className="conflict-note"><strong>Conflicts:</strong> {record.conflicts.join('; ')}</p> : null}
        <h4>Mentions and confidence</h4>
        <Show loaded={mentions} what="the mentions">
          {(page) => (page.items.length ? (
            <ul className="mentions">
              {page.items.map((e) => (
                <li key={e.id}><span className="confidence">{Math.round(e.confidence * 100)}%</span> <code>{e.rule}</code> <span className="muted">cues: {e.cues.join(', ') || '—'}</span>{' '}
                  <Link to={href('/reader', { doc: e.document_id, quote: e.evidence, explain: e.id })}>why?</Link></li>
              ))}
            </ul>
          ) : <Empty>The store keeps no mention of this record (it was merged at another confidence threshold).</Empty>)}
        </Show>
      </section>
    </div>
  );
}

export default function Records() {
  const { params } = useLocation();
  const serverQuery = useMemo(() => {
    const q: { [k: string]: string | number } = { limit: PAGE };
    for (const k of SERVER) { const v = params.get(k); if (v) q[k] = v; }
    return q;
  }, [params.toString()]);
  // Bumped after a decision, so the register shows the reviewed values.
  const [version, setVersion] = useState(0);
  const loaded = useLoad(() => unwrap(api.GET('/api/records', { params: { query: serverQuery as never } })), [JSON.stringify(serverQuery), version]);
  const ids = loaded.state === 'ready' ? loaded.data.items.map((r) => r.id).join(',') : '';
  const confidences = useLoad(() => (ids ? unwrap(api.GET('/api/records/confidence', { params: { query: { ids } } })) : Promise.resolve({ items: [] })), [ids]);
  const columns = useMemo(() => columnsWith(new Map((confidences.state === 'ready' ? confidences.data.items : []).map((c) => [c.id, c])), confidences.state === 'loading'), [confidences]);
  const text = (params.get('q') ?? '').toLowerCase();
  const hedged = params.get('hedged');
  const reviewed = params.get('reviewed');
  const open = params.get('open');
  const csv = href('/api/records', { ...serverQuery, limit: 500, format: 'csv' });
  const offset = Number(params.get('offset') ?? 0);
  const input = (key: string, props: { placeholder?: string; size?: number; maxLength?: number; type?: string; step?: string } = {}) => (
    <input name={key} defaultValue={params.get(key) ?? ''} key={`${key}=${params.get(key) ?? ''}`} {...props}
      onKeyDown={(e) => { if (e.key === 'Enter') setParams({ [key]: (e.target as HTMLInputElement).value.trim(), offset: undefined }); }}
      onBlur={(e) => { if (e.target.value.trim() !== (params.get(key) ?? '')) setParams({ [key]: e.target.value.trim(), offset: undefined }); }} />
  );
  const select = (key: string, options: readonly string[], all = 'any') => (
    <select name={key} value={params.get(key) ?? ''} onChange={(e) => setParams({ [key]: e.target.value, offset: undefined })}>
      <option value="">{all}</option>
      {options.map((o) => <option key={o} value={o}>{o}</option>)}
    </select>
  );
  return (
    <section className="view records">
      <h1>Trade register</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <Field label="Supplier">{input('supplier', { placeholder: 'RU', size: 3, maxLength: 2 })}</Field>
        <Field label="Recipient">{input('recipient', { placeholder: 'RS', size: 3, maxLength: 2 })}</Field>
        <Field label="Either party">{input('country', { placeholder: 'IR', size: 3, maxLength: 2 })}</Field>
        <Field label="System">{input('system', { placeholder: 'system:su-35', size: 12 })}</Field>
        <Field label="Category">{select('category', CATEGORIES)}</Field>
        <Field label="Status">{select('status', STATUSES)}</Field>
        <Field label="From year">{input('year_from', { placeholder: '2015', size: 5, maxLength: 4 })}</Field>
        <Field label="To year">{input('year_to', { placeholder: '2025', size: 5, maxLength: 4 })}</Field>
        <Field label="Min. sources">{input('min_corroboration', { placeholder: '1', size: 3 })}</Field>
        <Field label="Min. confidence">{input('min_confidence', { placeholder: '0.5', size: 4 })}</Field>
        <Field label="Hedging">{select('hedged', ['hedged', 'not hedged'])}</Field>
        <Field label="Conflicts">{select('conflicts', ['true'], 'any')}</Field>
        <Field label="Reference">{select('reference', REFERENCE_CLASSES)}</Field>
        <Field label="Reliability">{select('reliability', GRADES.slice(0, 5).map((g) => g))}</Field>
        <Field label="Max. credibility">
          <select name="max_credibility" value={params.get('max_credibility') ?? ''} onChange={(e) => setParams({ max_credibility: e.target.value, offset: undefined })}>
            <option value="">any</option>{[1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{n} {CREDIBILITY[n]}</option>)}
          </select>
        </Field>
        <Field label="Sources graded at least">{select('min_grade', GRADES.slice(0, 5).map((g) => g))}</Field>
        <Field label="Reviewed">{select('reviewed', ['yes', 'no'])}</Field>
        <Field label="Order">{select('sort', ['recent'], 'corroboration')}</Field>
        <Field label="Any column contains">{input('q', { placeholder: 'Pantsir', size: 12 })}</Field>
        <div className="actions">
          <Link to="/records" className="button">Clear</Link>
          <a className="button" href={csv} download="armscope-records.csv">Export CSV</a>
        </div>
      </form>
      <Show loaded={loaded} what="the trade register">
        {(page) => {
          const rows = page.items.filter((r) => (!hedged || (hedged === 'hedged') === r.hedged) && (!reviewed || (reviewed === 'yes') === Boolean(r.review))
            && (!text || [r.supplier, countryName(r.supplier), r.recipient, countryName(r.recipient), r.system, r.category, r.status, years(r), referenceLabel(r), ...r.sources.map((s) => s.title ?? '')]
              .some((v) => v?.toLowerCase().includes(text))));
          return (
            <>
              <p className="summary" aria-live="polite">
                {rows.length} record{rows.length === 1 ? '' : 's'}{rows.length !== page.items.length ? ` of ${page.items.length} on this page` : ''}
                {offset ? ` from #${offset + 1}` : ''}. Click a header to sort; ↑/↓ and Enter open a record.
              </p>
              {rows.length ? (
                <DataTable rows={rows} columns={columns} label="Transfer records" rowId={(r) => r.id}
                  expanded={open} onOpen={(r) => setParams({ open: open === r.id ? undefined : r.id })}
                  renderExpanded={(r) => <RecordDetail record={r} onDecided={() => setVersion((v) => v + 1)} />} />
              ) : <Empty>No transfer record matches these filters. <Link to="/records">Clear them</Link>.</Empty>}
              <div className="pager">
                {offset > 0 ? <button type="button" onClick={() => setParams({ offset: Math.max(0, offset - PAGE) || undefined }, { push: true })}>← Previous {PAGE}</button> : null}
                {page.next !== null ? <button type="button" onClick={() => setParams({ offset: page.next }, { push: true })}>Next {PAGE} →</button> : null}
              </div>
            </>
          );
        }}
      </Show>
    </section>
  );
}
