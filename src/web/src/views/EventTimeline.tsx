/**
 * The timeline's second mode (`of=events`): extracted events of every kind (transfers, production,
 * cooperation, sanctions, routes) from `GET /api/events` under the same filters, placed at the date the
 * sentence gives or else the article's publication date, counted per year by kind and listed with a link
 * to the sentence each came from.
 */
import { api, unwrap, useLoad, type Schemas } from '../api';
import { Chart, type ChartOption } from '../chart';
import { Country, Empty, Link, Show, Status } from '../ui';
import { href } from '../url';

type Event = Schemas['Event'];
export const EVENT_KINDS = ['transfer', 'production', 'cooperation', 'sanction', 'route'] as const;
const KIND_COLOURS: Record<string, string> = { transfer: '#2f6db5', production: '#0b6e4f', cooperation: '#d4a017', sanction: '#c0392b', route: '#6a1b9a' };
/** A page of the newest events: enough for a picture, small enough to draw at once. */
const PAGE = 500;

const when = (e: Event) => e.date ?? e.published ?? null;

function parties(e: Event) {
  if (e.kind === 'transfer') return <><Country code={e.supplier} /> → <Country code={e.recipient} /> {e.system ?? e.category ?? ''}</>;
  if (e.kind === 'route') return <><Country code={e.origin} /> → {(e.via ?? []).join(' → ')} → <Country code={e.destination} /></>;
  if (e.kind === 'production') return <>{e.system ?? e.category ?? 'production'} by <Country code={e.producer} />{e.location ? ` at ${e.location}` : ''}</>;
  if (e.kind === 'sanction') return <><Country code={e.imposer} /> on <Country code={e.target} /></>;
  return <>{e.type ?? 'cooperation'}: {(e.parties ?? []).map((p, i) => <span key={p}>{i ? ', ' : ''}<Country code={p} /></span>)}</>;
}

function option(events: Event[]): ChartOption {
  const years = [...new Set(events.map((e) => when(e)?.slice(0, 4) ?? 'undated'))].sort();
  const kinds = EVENT_KINDS.filter((k) => events.some((e) => e.kind === k));
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { bottom: 0 },
    grid: { left: 40, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: years },
    yAxis: { type: 'value', minInterval: 1, name: 'events' },
    series: kinds.map((k) => ({
      type: 'bar', stack: 'events', name: k, barMaxWidth: 56, itemStyle: { color: KIND_COLOURS[k] },
      data: years.map((y) => events.filter((e) => e.kind === k && (when(e)?.slice(0, 4) ?? 'undated') === y).length),
    })),
  };
}

export function EventTimeline({ params }: { params: URLSearchParams }) {
  const get = (k: string) => params.get(k) || undefined;
  const query = {
    kind: get('kind'), supplier: get('supplier'), recipient: get('recipient'), country: get('country'), system: get('system'), category: get('category'),
    from: get('year_from'), to: get('year_to'), limit: PAGE,
  };
  const loaded = useLoad(() => unwrap(api.GET('/api/events', { params: { query: query as never } })), [JSON.stringify(query)]);
  return (
    <Show loaded={loaded} what="the events">
      {(page) => {
        const events = [...page.items].sort((a, b) => (when(b) ?? '').localeCompare(when(a) ?? ''));
        return events.length ? (
          <>
            <article className="card"><Chart option={option(events)} label="Extracted events per year, by kind" height={240} /></article>
            <p className="summary">{events.length} event{events.length === 1 ? '' : 's'}{page.next !== null ? `: the newest ${PAGE} articles' worth; narrow the filters for the rest` : ''}.
              Years are those the sentence gives, else the article’s publication; the year filters apply to publication.</p>
            <ol className="events">
              {events.map((e, i) => (
                <li key={e.id ?? i} data-kind={e.kind}>
                  <span className="date">{when(e) ?? 'undated'}</span> <span className="kind">{e.kind}</span> {e.status ? <><Status status={e.status} hedged={e.hedged} /> </> : null}{parties(e)}{' '}
                  <span className="muted">{Math.round(e.confidence * 100)}%</span>{' '}
                  <Link to={href('/reader', { doc: e.document_id, quote: e.evidence, explain: e.id })}>sentence</Link>
                </li>
              ))}
            </ol>
          </>
        ) : <Empty>No events under these filters. <Link to="/timeline?of=events">Clear them</Link>.</Empty>;
      }}
    </Show>
  );
}
