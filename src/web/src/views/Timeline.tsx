/**
 * The timeline (`GET /api/timeline`): every dated step of the transfer records under the URL's filters,
 * counted per year or month by status, then listed with links to the record and the article. With
 * `of=events`, the extracted events of every kind instead (`EventTimeline.tsx`).
 */
import { useMemo } from 'react';
import { api, unwrap, useLoad, type Schemas } from '../api';
import { Chart, type ChartOption } from '../chart';
import { CATEGORIES, Country, Empty, Field, Link, Show, Status } from '../ui';
import { href, setParams, useLocation } from '../url';
import { EVENT_KINDS, EventTimeline } from './EventTimeline';

const STATUS_COLOURS: Record<string, string> = { interest: '#b0bec5', offered: '#90a4ae', negotiating: '#f0b429', agreed: '#2f6db5', delivered: '#2e8b57', cancelled: '#c0392b', denied: '#7f1d1d' };
/** Steps listed under the chart: the chart counts them all, a list of tens of thousands helps nobody. */
const LISTED = 300;
const KEYS = ['supplier', 'recipient', 'country', 'system', 'category', 'year_from', 'year_to', 'interval'] as const;

function option(t: Schemas['Timeline']): ChartOption {
  const statuses = [...new Set(t.buckets.flatMap((b) => Object.keys(b.byStatus)))];
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: t.buckets.map((b) => b.period) },
    yAxis: { type: 'value', minInterval: 1, name: 'steps' },
    series: statuses.map((s) => ({ type: 'bar', stack: 'steps', name: s, barMaxWidth: 56, itemStyle: { color: STATUS_COLOURS[s] ?? '#888' }, data: t.buckets.map((b) => b.byStatus[s] ?? 0) })),
  };
}

export default function Timeline() {
  const { params } = useLocation();
  const query = Object.fromEntries(KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v));
  const events = params.get('of') === 'events';
  const loaded = useLoad(() => (events ? Promise.resolve(null) : unwrap(api.GET('/api/timeline', { params: { query: query as never } }))), [JSON.stringify(query), events]);
  const chart = useMemo(() => (loaded.state === 'ready' && loaded.data ? option(loaded.data) : null), [loaded]);
  const field = (key: (typeof KEYS)[number], label: string, size = 4) => (
    <Field label={label}><input defaultValue={params.get(key) ?? ''} key={`${key}${params.get(key)}`} size={size} onBlur={(e) => setParams({ [key]: e.target.value.trim() })}
      onKeyDown={(e) => { if (e.key === 'Enter') setParams({ [key]: (e.target as HTMLInputElement).value.trim() }); }} /></Field>
  );
  return (
    <section className="view timeline">
      <h1>Timeline</h1>
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <Field label="Of">
          <select name="of" value={events ? 'events' : 'records'} onChange={(e) => setParams({ of: e.target.value === 'records' ? undefined : e.target.value, interval: undefined, kind: undefined })}>
            <option value="records">transfer records’ steps</option><option value="events">extracted events, every kind</option>
          </select>
        </Field>
        {events ? (
          <Field label="Kind">
            <select name="kind" value={params.get('kind') ?? ''} onChange={(e) => setParams({ kind: e.target.value })}><option value="">any</option>{EVENT_KINDS.map((k) => <option key={k}>{k}</option>)}</select>
          </Field>
        ) : null}
        {field('supplier', 'Supplier', 3)}{field('recipient', 'Recipient', 3)}{field('country', 'Either party', 3)}{field('system', 'System', 12)}
        <Field label="Category">
          <select value={params.get('category') ?? ''} onChange={(e) => setParams({ category: e.target.value })}><option value="">any</option>{CATEGORIES.map((c) => <option key={c}>{c}</option>)}</select>
        </Field>
        {field('year_from', 'From year', 5)}{field('year_to', 'To year', 5)}
        {events ? null : <Field label="Per">
          <select value={params.get('interval') ?? 'year'} onChange={(e) => setParams({ interval: e.target.value === 'year' ? undefined : e.target.value })}><option>year</option><option>month</option></select>
        </Field>}
        <div className="actions"><Link to="/timeline" className="button">Clear</Link></div>
      </form>
      {events ? <EventTimeline params={params} /> : <Show loaded={loaded} what="the timeline">
        {(t) => !t ? null : t.steps.length ? (
          <>
            <article className="card">{chart ? <Chart option={chart} label="Dated steps of transfer records per period, by status" height={240} /> : null}</article>
            <p className="summary">{t.steps.length} dated step{t.steps.length === 1 ? '' : 's'}{t.undated ? `, ${t.undated} undated left out` : ''}
              {t.steps.length > LISTED ? `; the latest ${LISTED} are listed: narrow the filters or the years for the others` : ''}.</p>
            <ol className="events">
              {t.steps.slice(-LISTED).reverse().map((s, i) => (
                <li key={`${s.recordId}-${s.documentId}-${i}`}>
                  <span className="date">{s.date}</span> <Status status={s.status} hedged={s.hedged} /> <Country code={s.supplier} /> → <Country code={s.recipient} />{' '}
                  <strong>{s.system ?? s.category ?? 'unspecified goods'}</strong> <span className="muted">{s.publisher}</span>{' '}
                  <Link to={href('/records', { supplier: s.supplier, recipient: s.recipient, open: s.recordId })}>record</Link> · <Link to={href('/reader', { doc: s.documentId })}>article</Link>
                </li>
              ))}
            </ol>
          </>
        ) : <Empty>No dated steps under these filters. <Link to="/timeline">Clear them</Link>.</Empty>}
      </Show>}
    </section>
  );
}
