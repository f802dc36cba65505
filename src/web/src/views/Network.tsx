/**
 * The supplier → recipient graph (`GET /api/network`) drawn with Cytoscape.js: node size by volume, edge
 * width by the number of transfer records. Clicking an edge, or its row in the list beside the graph
 * (the keyboard's way in), lists that pair's records. Filters and the chosen edge live in the URL.
 */
import cytoscape from 'cytoscape';
import { useEffect, useRef } from 'react';
import { api, unwrap, useLoad, type Schemas } from '../api';
import { CATEGORIES, Country, countryName, Empty, Field, Link, Show, Status } from '../ui';
import { href, setParams, useLocation } from '../url';

type Network = Schemas['Network'];
/** Past this many edges the graph is laid out in rings, unlabelled, and the list beside it is cut to the heaviest pairs. */
const BIG = 300;
const LISTED = 100;

function Graph({ network, selected, onEdge }: { network: Network; selected: string | null; onEdge: (id: string) => void }) {
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<cytoscape.Core | null>(null);
  useEffect(() => {
    const max = Math.max(1, ...network.edges.map((e) => e.weight));
    cy.current = cytoscape({
      container: box.current,
      elements: [
        ...network.nodes.map((n) => ({ data: { id: n.id, label: n.name, size: 18 + 6 * Math.sqrt(n.imports + n.exports), role: n.exports >= n.imports ? 'supplier' : 'recipient' } })),
        ...network.edges.map((e) => ({ data: { id: `${e.supplier}-${e.recipient}`, source: e.supplier, target: e.recipient, weight: e.weight, width: 1.5 + 6 * (e.weight / max) } })),
      ],
      style: [
        { selector: 'node', style: { label: 'data(label)', width: 'data(size)', height: 'data(size)', 'background-color': '#5b7fa6', 'font-size': 11, color: '#1d2630', 'text-valign': 'bottom', 'text-margin-y': 3 } },
        { selector: 'node[role = "supplier"]', style: { 'background-color': '#c0692b' } },
        { selector: 'edge', style: { width: 'data(width)', 'line-color': '#9aa9b8', 'target-arrow-color': '#9aa9b8', 'target-arrow-shape': 'triangle', 'curve-style': 'bezier', 'font-size': 9, color: '#4a5663' } },
        // Weights written on the edges help on a small graph and bury a large one.
        ...(network.edges.length > BIG ? [] : [{ selector: 'edge', style: { label: 'data(weight)' } }]),
        { selector: 'edge:selected, edge.chosen', style: { 'line-color': '#d4341f', 'target-arrow-color': '#d4341f' } },
      ],
      // A force-directed layout reads best, but costs seconds past a few hundred edges: then rings by volume.
      layout: network.edges.length > BIG
        ? { name: 'concentric', animate: false, concentric: (n: cytoscape.NodeSingular) => n.data('size'), levelWidth: () => 12, minNodeSpacing: 12 } as cytoscape.LayoutOptions
        : { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90 } as cytoscape.LayoutOptions,
    });
    cy.current.on('tap', 'edge', (e) => onEdge(e.target.id()));
    cy.current.on('tap', 'node', (e) => setParams({ country: e.target.id() }, { push: true }));
    return () => { cy.current?.destroy(); cy.current = null; };
  }, [network]);
  useEffect(() => {
    cy.current?.edges().removeClass('chosen');
    if (selected) cy.current?.getElementById(selected).addClass('chosen');
  }, [selected, network]);
  return <div className="graph" ref={box} role="img" aria-label={`Transfer network: ${network.nodes.length} countries, ${network.edges.length} supplier–recipient pairs`} />;
}

function EdgeRecords({ edge, query }: { edge: string; query: { category?: string; year_from?: string; year_to?: string } }) {
  const [supplier, recipient] = edge.split('-');
  const records = useLoad(() => unwrap(api.GET('/api/records', { params: { query: { supplier, recipient, ...query, limit: 100 } as never } })), [edge, JSON.stringify(query)]);
  return (
    <div className="edge-records card">
      <h2>{countryName(supplier)} → {countryName(recipient)}</h2>
      <Show loaded={records} what="the pair's records">
        {(page) => page.items.length ? (
          <ul className="plain">
            {page.items.map((r) => (
              <li key={r.id}><Status status={r.status} hedged={r.hedged} /> {r.system ?? r.category ?? 'unspecified goods'} <span className="muted">{r.lastSeen ?? ''} · {r.sources.length} source{r.sources.length === 1 ? '' : 's'}</span>{' '}
                <Link to={href('/records', { supplier, recipient, open: r.id })}>open</Link></li>
            ))}
          </ul>
        ) : <Empty>No records for this pair under these filters.</Empty>}
      </Show>
    </div>
  );
}

export default function NetworkView() {
  const { params } = useLocation();
  const query = { category: params.get('category') ?? undefined, country: params.get('country') ?? undefined, year_from: params.get('year_from') ?? undefined, year_to: params.get('year_to') ?? undefined };
  const network = useLoad(() => unwrap(api.GET('/api/network', { params: { query: query as never } })), [JSON.stringify(query)]);
  const edge = params.get('edge');
  const pick = (id: string) => setParams({ edge: id }, { push: true });
  return (
    <section className="view network">
      <h1>Network</h1>
      <form className="filters" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
        <Field label="Category">
          <select value={query.category ?? ''} onChange={(e) => setParams({ category: e.target.value, edge: undefined })}>
            <option value="">any</option>{CATEGORIES.map((c) => <option key={c}>{c}</option>)}
          </select>
        </Field>
        <Field label="Country"><input defaultValue={query.country ?? ''} key={query.country} size={3} maxLength={2} onBlur={(e) => setParams({ country: e.target.value.toUpperCase(), edge: undefined })} /></Field>
        <Field label="From year"><input defaultValue={query.year_from ?? ''} key={`f${query.year_from}`} size={5} maxLength={4} onBlur={(e) => setParams({ year_from: e.target.value, edge: undefined })} /></Field>
        <Field label="To year"><input defaultValue={query.year_to ?? ''} key={`t${query.year_to}`} size={5} maxLength={4} onBlur={(e) => setParams({ year_to: e.target.value, edge: undefined })} /></Field>
        <div className="actions"><Link to="/network" className="button">Clear</Link></div>
      </form>
      <Show loaded={network} what="the network">
        {(n) => n.edges.length ? (
          <div className="network-layout">
            <Graph network={n} selected={edge} onEdge={pick} />
            <aside>
              {edge ? <EdgeRecords edge={edge} query={{ category: query.category, year_from: query.year_from, year_to: query.year_to }} /> : <p className="muted">Click an edge, or a pair below, to list its records.</p>}
              <table className="data compact edges" aria-label="Supplier–recipient pairs">
                <thead><tr><th>Supplier</th><th>Recipient</th><th>Records</th><th>Last seen</th></tr></thead>
                {n.edges.length > LISTED ? <caption>The {LISTED} heaviest of {n.edges.length} pairs{edge ? ' and the chosen one' : ''}; filter by country to see the others.</caption> : null}
                <tbody>
                  {[...n.edges].sort((a, b) => b.weight - a.weight).filter((e, i) => i < LISTED || `${e.supplier}-${e.recipient}` === edge).map((e) => {
                    const id = `${e.supplier}-${e.recipient}`;
                    return (
                      <tr key={id} tabIndex={0} className={id === edge ? 'open' : undefined} data-edge={id}
                        onClick={(c) => { if (!(c.target as HTMLElement).closest('a')) pick(id); }} onKeyDown={(k) => { if (k.key === 'Enter') pick(id); }}>
                        <td><Country code={e.supplier} /></td><td><Country code={e.recipient} /></td><td>{e.weight}</td><td>{e.lastSeen ?? ''}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </aside>
          </div>
        ) : <Empty>No transfers under these filters. <Link to="/network">Clear them</Link>.</Empty>}
      </Show>
    </section>
  );
}
