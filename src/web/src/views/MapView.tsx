/**
 * The map (`GET /api/map`): countries shaded by the transfer records they import, production sites as
 * points, supply routes as lines through their waypoints. Drawn as SVG with d3-geo over the Natural Earth
 * outlines bundled by world-atlas: nothing is fetched from outside (no tiles, no fonts).
 */
import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Topology, GeometryCollection } from 'topojson-specification';
import countries from 'i18n-iso-countries';
import world from 'world-atlas/countries-110m.json';
import { useMemo, useState } from 'react';
import { api, unwrap, useLoad } from '../api';
import { CATEGORIES, Country, countryName, Empty, Field, Link, Show } from '../ui';
import { href, navigate, setParams, useLocation } from '../url';

/** A feature as the map reads it: geometry drawn by d3-geo, properties by kind (see `GET /api/map`). */
type Feature = { id: string; geometry: unknown; properties: Record<string, unknown> };
/** Regions the map can zoom to, as [west, south] and [east, north] corners in degrees. */
const REGIONS: Record<string, { label: string; corners: [[number, number], [number, number]] | null }> = {
  world: { label: 'World', corners: null },
  europe: { label: 'Europe and the Middle East', corners: [[-12, 12], [62, 70]] },
  asia: { label: 'Asia and the Pacific', corners: [[60, -15], [150, 55]] },
  africa: { label: 'Africa', corners: [[-20, -36], [55, 38]] },
  americas: { label: 'The Americas', corners: [[-130, -56], [-32, 60]] },
};
const WIDTH = 960;
const HEIGHT = 500;

// world-atlas keys countries by ISO numeric code; the few without one (Kosovo, N. Cyprus, Somaliland) by name.
const BY_NAME: Record<string, string> = { Kosovo: 'XK' };
const outlines = (() => {
  const topo = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const fc = feature(topo, topo.objects.countries);
  return fc.features.map((f) => ({ f, iso: (f.id !== undefined ? countries.numericToAlpha2(String(f.id)) : undefined) ?? BY_NAME[f.properties.name] ?? null, name: f.properties.name }));
})();

function shade(imports: number, max: number): string {
  if (!imports) return '#e8ecf0';
  const t = Math.sqrt(imports / max);
  const mix = (a: number, b: number) => Math.round(a + (b - a) * t);
  return `rgb(${mix(253, 165)},${mix(212, 15)},${mix(158, 21)})`;
}

export default function MapView() {
  const { params } = useLocation();
  const query = { category: params.get('category') ?? undefined, year_from: params.get('year_from') ?? undefined, year_to: params.get('year_to') ?? undefined };
  const map = useLoad(() => unwrap(api.GET('/api/map', { params: { query: query as never } })), [JSON.stringify(query)]);
  const [hover, setHover] = useState<string | null>(null);
  const region = REGIONS[params.get('region') ?? 'world'] ?? REGIONS.world;
  const projection = useMemo(() => {
    const c = region.corners;
    // A region is fitted by a grid of its points: a box's edges are not straight lines on the projection.
    const target = c ? { type: 'MultiPoint' as const, coordinates: [0, 0.25, 0.5, 0.75, 1].flatMap((x) => [0, 0.5, 1].map((y) => [c[0][0] + x * (c[1][0] - c[0][0]), c[0][1] + y * (c[1][1] - c[0][1])])) } : { type: 'Sphere' as const };
    return geoEqualEarth().fitExtent([[8, 8], [WIDTH - 8, HEIGHT - 8]], target as never);
  }, [region]);
  const path = useMemo(() => geoPath(projection), [projection]);
  return (
    <section className="view map">
      <h1>Map</h1>
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <Field label="Category">
          <select value={query.category ?? ''} onChange={(e) => setParams({ category: e.target.value })}>
            <option value="">any</option>{CATEGORIES.map((c) => <option key={c}>{c}</option>)}
          </select>
        </Field>
        <Field label="From year"><input defaultValue={query.year_from ?? ''} key={`f${query.year_from}`} size={5} maxLength={4} onBlur={(e) => setParams({ year_from: e.target.value })} /></Field>
        <Field label="To year"><input defaultValue={query.year_to ?? ''} key={`t${query.year_to}`} size={5} maxLength={4} onBlur={(e) => setParams({ year_to: e.target.value })} /></Field>
        <Field label="Region">
          <select name="region" value={params.get('region') ?? 'world'} onChange={(e) => setParams({ region: e.target.value === 'world' ? undefined : e.target.value })}>
            {Object.entries(REGIONS).map(([k, r]) => <option key={k} value={k}>{r.label}</option>)}
          </select>
        </Field>
        <div className="actions"><Link to="/map" className="button">Clear</Link></div>
      </form>
      <Show loaded={map} what="the map">
        {(fc) => {
          const byIso = new Map<string, Feature>();
          const sites: Feature[] = [];
          const routes: Feature[] = [];
          for (const f of fc.features) {
            const kind = f.properties.kind;
            if (kind === 'country') byIso.set(String(f.properties.iso), f);
            else if (kind === 'production-site' && f.geometry) sites.push(f);
            else if (kind === 'route' && f.geometry) routes.push(f);
          }
          const max = Math.max(1, ...[...byIso.values()].map((f) => Number(f.properties.imports ?? 0)));
          const hovered = hover ? byIso.get(hover) : undefined;
          const routeLabel = (r: Feature) => [countryName(String(r.properties.origin)), ...((r.properties.via as string[]) ?? []), countryName(String(r.properties.destination))].join(' → ');
          return (
            <div className="map-layout">
              <figure className="card">
                <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className={`world${region.corners ? ' zoomed' : ''}`} role="img" aria-label="World map of arms imports, production sites and supply routes">
                  <rect width={WIDTH} height={HEIGHT} className="sea" />
                  <path d={path({ type: 'Sphere' }) ?? ''} className="sphere" />
                  {outlines.map(({ f, iso, name }, i) => {
                    const data = iso ? byIso.get(iso) : undefined;
                    const imports = Number(data?.properties.imports ?? 0);
                    return (
                      <path key={iso ?? `n${i}`} d={path(f) ?? ''} fill={shade(imports, max)} className="land" data-iso={iso ?? undefined}
                        onMouseEnter={() => setHover(iso)} onMouseLeave={() => setHover(null)} onClick={() => iso && data && navigate(href('/country', { code: iso }))}>
                        <title>{`${name}: ${imports} import record${imports === 1 ? '' : 's'}, ${Number(data?.properties.exports ?? 0)} export`}</title>
                      </path>
                    );
                  })}
                  {routes.map((r) => (
                    <path key={r.id} className="route" data-id={r.id} d={path(r.geometry as never) ?? ''}>
                      <title>{`Route: ${routeLabel(r)}`}</title>
                    </path>
                  ))}
                  {sites.map((s) => {
                    const xy = projection((s.geometry as { coordinates: [number, number] }).coordinates);
                    return xy ? <circle key={s.id} className="site" data-id={s.id} cx={xy[0]} cy={xy[1]} r={5}><title>{`Production site: ${String(s.properties.name)}`}</title></circle> : null;
                  })}
                </svg>
                <figcaption className="legend">
                  <span><i className="swatch low" /> few imports</span><span><i className="swatch high" /> many imports</span>
                  <span><i className="swatch site" /> production site</span><span><i className="swatch route" /> supply route</span>
                  {hovered ? <strong>{countryName(hover)}: {String(hovered.properties.imports)} imports, {String(hovered.properties.exports)} exports</strong> : null}
                </figcaption>
              </figure>
              <aside>
                <h2>Supply routes</h2>
                {routes.length ? <ul className="plain routes">{routes.map((r) => <li key={r.id} data-id={r.id}>{routeLabel(r)} <span className="muted">{String(r.properties.category ?? r.properties.system ?? '')}</span> <Link to={href('/reader', { doc: String(r.properties.documentId) })}>source</Link></li>)}</ul> : <Empty>No routes reported.</Empty>}
                <h2>Production sites</h2>
                {sites.length ? <ul className="plain">{sites.map((s) => <li key={s.id}>{String(s.properties.name)} <span className="muted">(<Country code={String(s.properties.country)} />)</span></li>)}</ul> : <Empty>No production sites reported.</Empty>}
                <h2>Importers</h2>
                <ul className="plain">{[...byIso.values()].filter((f) => Number(f.properties.imports) > 0).sort((a, b) => Number(b.properties.imports) - Number(a.properties.imports)).slice(0, 15)
                  .map((f) => <li key={f.id}><Country code={String(f.properties.iso)} /> {String(f.properties.imports)}</li>)}</ul>
              </aside>
            </div>
          );
        }}
      </Show>
    </section>
  );
}
