/**
 * A country's profile (`GET /api/countries/{code}`): imports and exports by partner and year coloured by
 * bloc, the SIPRI register's TIV beside the news-reported records, systems, cooperation, the catalog's
 * people and organisations of the country, the latest reports and what changed in the window.
 */
import { useMemo } from 'react';
import { api, unwrap, useLoad, type Schemas } from '../api';
import { DEFAULT_BLOCS, OTHER_COLOUR, parseBlocs, partnerColours, type Bloc } from '../blocs';
import { Chart, type ChartOption } from '../chart';
import { Country as CountryLink, COUNTRY_CODES, countryCode, countryName, Empty, Field, Link, Show, Status } from '../ui';
import { href, setParams, useLocation } from '../url';

type Profile = Schemas['CountryProfile'];
type Trade = Profile['imports'][number];

function tradeChart(trade: Trade[], blocs: Bloc[], title: string): ChartOption {
  const years = [...new Set(trade.flatMap((t) => Object.keys(t.byYear)))].sort();
  const colours = partnerColours(blocs, trade.map((t) => t.partner));
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 40, right: 16, top: 28, bottom: 48 },
    title: undefined,
    xAxis: { type: 'category', data: years, name: title, nameLocation: 'start', nameGap: 0 },
    yAxis: { type: 'value', minInterval: 1, name: 'records' },
    series: trade.map((t, i) => ({
      type: 'bar', stack: 'all', name: countryName(t.partner), barMaxWidth: 56,
      itemStyle: { color: colours[i], borderColor: '#fff', borderWidth: 1 },
      data: years.map((y) => t.byYear[y] ?? 0),
    })),
  };
}

function tivChart(rows: NonNullable<Profile['reference']>['tivBySupplierYear'], blocs: Bloc[], from: number): ChartOption {
  const recent = rows.filter((r) => r.year >= from);
  const years = [...new Set(recent.map((r) => r.year))].sort((a, b) => a - b).map(String);
  const suppliers = [...new Set(recent.map((r) => r.supplier ?? r.supplierName))];
  const colours = partnerColours(blocs, suppliers);
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 48, right: 16, top: 28, bottom: 48 },
    xAxis: { type: 'category', data: years },
    yAxis: { type: 'value', name: 'TIV delivered' },
    series: suppliers.map((s, i) => ({
      type: 'bar', stack: 'tiv', barMaxWidth: 56, name: /^[A-Z]{2}$/.test(s) ? countryName(s) : s,
      itemStyle: { color: colours[i], borderColor: '#fff', borderWidth: 1 },
      data: years.map((y) => recent.filter((r) => String(r.year) === y && (r.supplier ?? r.supplierName) === s).reduce((n, r) => n + r.tivDelivered, 0)),
    })),
  };
}

function BlocKey({ blocs }: { blocs: Bloc[] }) {
  return (
    <p className="bloc-key">
      {blocs.map((b) => <span key={b.label}><i style={{ background: b.colour }} />{b.label}</span>)}
      <span><i style={{ background: OTHER_COLOUR }} />other</span>
    </p>
  );
}

function People({ code }: { code: string }) {
  const people = useLoad(() => Promise.all((['person', 'organisation'] as const).map((type) =>
    unwrap(api.GET('/api/entities', { params: { query: { type, country: code, limit: 40 } } })))), [code]);
  return (
    <Show loaded={people} what="people and organisations">
      {([persons, orgs]) => (persons.items.length + orgs.items.length ? (
        <div className="two">
          <div><h4>People</h4><ul className="plain">{persons.items.map((p) => <li key={p.id}><Link to={href('/search', { q: p.name })}>{p.name}</Link></li>)}</ul></div>
          <div><h4>Organisations</h4><ul className="plain">{orgs.items.map((o) => <li key={o.id}><Link to={href('/search', { q: o.name })}>{o.name}</Link></li>)}</ul></div>
        </div>
      ) : <Empty>The catalog lists no people or organisations of this country.</Empty>)}
    </Show>
  );
}

export default function Country() {
  const { params } = useLocation();
  const code = (params.get('code') ?? '').toUpperCase();
  const days = Number(params.get('days') ?? 30) || 30;
  const spec = params.get('blocs') ?? DEFAULT_BLOCS;
  const groups = useLoad(async () => {
    const [nato, eu] = await Promise.all(['bloc:nato', 'bloc:eu'].map((id) => unwrap(api.GET('/api/entities/{id}', { params: { path: { id }, query: { limit: 1 } } }))));
    return { nato: nato.entity.members, eu: eu.entity.members };
  }, []);
  const blocs = useMemo(() => parseBlocs(spec, groups.state === 'ready' ? groups.data : {}), [spec, groups.state]);
  const profile = useLoad(() => (code ? unwrap(api.GET('/api/countries/{code}', { params: { path: { code }, query: { days } } })) : Promise.resolve(null)), [code, days]);
  const tivFrom = Number(params.get('tiv_from') ?? 2000);
  return (
    <section className="view country">
      <form className="filters" aria-label="Country" onSubmit={(e) => { e.preventDefault(); const f = new FormData(e.currentTarget); setParams({ code: countryCode(String(f.get('code') ?? '')) }, { push: true }); }}>
        <Field label="Country (name or ISO code)">
          <input name="code" defaultValue={code} key={code} size={14} placeholder="Serbia or RS" list="country-codes" />
          <datalist id="country-codes">{COUNTRY_CODES.map(([c, n]) => <option key={c} value={c}>{n}</option>)}</datalist>
        </Field>
        <Field label="Changes in the last … days"><input name="days" type="number" min={1} max={3660} defaultValue={days} key={`d${days}`} onBlur={(e) => setParams({ days: e.target.value === '30' ? undefined : e.target.value })} /></Field>
        <Field label="TIV from year"><input name="tiv_from" type="number" defaultValue={tivFrom} key={`t${tivFrom}`} onBlur={(e) => setParams({ tiv_from: e.target.value === '2000' ? undefined : e.target.value })} /></Field>
        <Field label="Blocs (Label:CODE+CODE|…)"><input name="blocs" defaultValue={spec} key={spec} size={36} onBlur={(e) => setParams({ blocs: e.target.value === DEFAULT_BLOCS ? undefined : e.target.value })} /></Field>
        <div className="actions"><button type="submit">Show</button></div>
      </form>
      {!code ? <Empty>Type a country’s name or two-letter code (Serbia or RS, Iran or IR), or follow a country link from any view.</Empty> : (
        <Show loaded={profile} what={`the profile of ${code}`}>
          {(p) => p && (
            <>
              <h1>{p.name} <span className="muted">{p.code}</span></h1>
              <BlocKey blocs={blocs} />
              <div className="grid2">
                <article className="card">
                  <h2>Imports by supplier (news-reported records)</h2>
                  {p.imports.length ? <Chart label={`${p.name}: imports by supplier and year`} option={tradeChart(p.imports, blocs, '')} /> : <Empty>No reported imports.</Empty>}
                </article>
                <article className="card">
                  <h2>SIPRI register: TIV delivered by supplier</h2>
                  {p.reference
                    ? (p.reference.tivBySupplierYear.some((r) => r.year >= tivFrom)
                      ? <Chart label={`${p.name}: SIPRI TIV by supplier and order year`} option={tivChart(p.reference.tivBySupplierYear, blocs, tivFrom)} />
                      : <Empty>The register lists no imports ordered since {tivFrom}.</Empty>)
                    : <Empty>No reference register imported: <code>armscope import sipri FILE</code> adds SIPRI’s figures here.</Empty>}
                  {p.reference ? <p className="muted small">SIPRI trade register of {p.reference.generated ?? 'unknown date'}, by year of order.</p> : null}
                </article>
                <article className="card">
                  <h2>Exports by recipient</h2>
                  {p.exports.length ? <Chart label={`${p.name}: exports by recipient and year`} option={tradeChart(p.exports, blocs, '')} /> : <Empty>No reported exports.</Empty>}
                </article>
                <article className="card">
                  <h2>What changed in the last {days} days <span className="muted small">({p.changes.since} – {p.changes.until})</span></h2>
                  {p.changes.newSuppliers.length || p.changes.statusChanges.length ? (
                    <ul className="plain changes">
                      {p.changes.newSuppliers.map((s) => <li key={s.supplier}>New supplier <CountryLink code={s.supplier} /> first seen {s.firstSeen}</li>)}
                      {p.changes.statusChanges.map((s) => <li key={s.recordId + s.date}><CountryLink code={s.supplier} /> → <CountryLink code={s.recipient} /> {s.system ?? s.category}: <Status status={s.from} /> → <Status status={s.to} /> on {s.date} ({s.publisher})</li>)}
                    </ul>
                  ) : <Empty>No new supplier and no status change in this window. <Link to={href('/country', { code, days: 3660 })}>Look back ten years</Link>.</Empty>}
                </article>
              </div>
              <div className="grid2">
                <article className="card">
                  <h2>Systems</h2>
                  {p.systems.length ? (
                    <table className="data compact"><thead><tr><th>System</th><th>Category</th><th>Direction</th><th>Partner</th><th>Status</th></tr></thead>
                      <tbody>{p.systems.map((s) => (
                        <tr key={s.recordId}><td><Link to={href('/records', { system: s.systemId ?? undefined, country: code })}>{s.system ?? '—'}</Link></td><td>{s.category}</td><td>{s.direction}</td><td><CountryLink code={s.partner} /></td><td><Status status={s.status} /></td></tr>
                      ))}</tbody></table>
                  ) : <Empty>No named systems.</Empty>}
                </article>
                <article className="card">
                  <h2>Cooperation</h2>
                  {p.cooperation.length ? (
                    <ul className="plain">{p.cooperation.map((c) => <li key={c.partner}><CountryLink code={c.partner} />: {c.types.join(', ')} <span className="muted">({c.events} event{c.events === 1 ? '' : 's'}, last {c.lastReported ?? 'undated'})</span></li>)}</ul>
                  ) : <Empty>No cooperation reported.</Empty>}
                  <h2>People and organisations</h2>
                  <People code={code} />
                </article>
              </div>
              <article className="card">
                <h2>Latest reports</h2>
                {p.latestReports.length ? (
                  <ul className="plain">{p.latestReports.map((r) => <li key={r.documentId}><span className="date">{r.published ?? 'undated'}</span> <Link to={href('/reader', { doc: r.documentId })}>{r.title ?? r.source}</Link></li>)}</ul>
                ) : <Empty>No reports name this country.</Empty>}
                <p><Link to={href('/records', { country: code })}>All records of {p.name}</Link> · <Link to={href('/timeline', { country: code })}>Timeline</Link> · <Link to={href('/network', { country: code })}>Network</Link></p>
              </article>
            </>
          )}
        </Show>
      )}
    </section>
  );
}
