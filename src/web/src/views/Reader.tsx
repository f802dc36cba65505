/**
 * The reader (`GET /api/documents/{id}/annotations`): an article's cleaned text with recognised names and
 * the sentences that gave events highlighted. Each event links to its sentence and each sentence lists its
 * events; the explanation (rule, cue words, confidence and what weighed in it) opens on demand. The text
 * is cut into spans by offsets and rendered as text, never as HTML.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { api, unwrap, useLoad, type Schemas } from '../api';
import { DecisionButtons, ReviewedMark } from '../review';
import { SourceLink } from '../text';
import { Country, Empty, Link, Show, Status } from '../ui';
import { href, setParams, useLocation } from '../url';

type Doc = Schemas['AnnotatedDocument'];
type Event = Doc['events'][number];

function eventLabel(e: Event): ReactNode {
  if (e.kind === 'transfer') return <><Country code={e.supplier} /> → <Country code={e.recipient} /> {e.system ?? e.category ?? ''}</>;
  if (e.kind === 'route') return <><Country code={e.origin} /> → {(e.via ?? []).join(' → ')} → <Country code={e.destination} /></>;
  if (e.kind === 'production') return <>{e.system ?? e.category ?? 'production'} by <Country code={e.producer} />{e.location ? ` at ${e.location}` : ''}</>;
  if (e.kind === 'cooperation') return <>{e.type ?? 'cooperation'}: {(e.parties ?? []).map((p, i) => <span key={p}>{i ? ', ' : ''}<Country code={p} /></span>)}</>;
  if (e.kind === 'sanction') return <><Country code={e.imposer} /> sanctions <Country code={e.target} /></>;
  return e.kind;
}

function Explanation({ doc, event }: { doc: Doc; event: Event }) {
  const sentence = doc.explanations.find((s) => s.sentence === event.sentence);
  const match = sentence?.events.find((x) => x.kind === event.kind && x.rule === event.rule) ?? sentence?.events[0];
  return (
    <div className="explanation">
      <p><strong>Rule</strong> <code>{event.rule}</code> · <strong>cues</strong> {event.cues.length ? [...new Set(event.cues)].map((c, i) => <span key={c}>{i ? ', ' : ''}<q>{c}</q></span>) : '—'} · <strong>confidence</strong> {Math.round(event.confidence * 100)}%
        {event.hedged ? ' · hedged' : ''}{event.hypothetical ? ' · hypothetical' : ''}</p>
      {match?.contributions.length ? (
        <table className="data compact"><caption>What weighed in the confidence (log-odds, starting from {match.bias?.toFixed(2)})</caption>
          <thead><tr><th>Feature</th><th>Value</th><th>Weight</th><th>Effect</th></tr></thead>
          <tbody>{match.contributions.map((c) => <tr key={c.feature}><td><code>{c.feature}</code></td><td>{c.value.toFixed(2)}</td><td>{c.weight.toFixed(2)}</td><td className={c.contribution < 0 ? 'neg' : 'pos'}>{c.contribution > 0 ? '+' : ''}{c.contribution.toFixed(2)}</td></tr>)}</tbody>
        </table>
      ) : <p className="muted">This rule gives a fixed confidence.</p>}
      {sentence?.rejected.length ? <details><summary>Turned down in this sentence ({sentence.rejected.reduce((n, r) => n + r.reasons.length, 0)})</summary>
        <ul>{sentence.rejected.map((r) => <li key={r.class}><strong>{r.class}</strong>: {r.reasons.join('; ')}</li>)}</ul></details> : null}
    </div>
  );
}

function Text({ doc, selected }: { doc: Doc; selected: number | null }) {
  const withEvents = new Set(doc.events.map((e) => e.sentence));
  const out: ReactNode[] = [];
  let at = 0;
  let m = 0;
  for (const s of doc.sentences) {
    if (s.start > at) out.push(doc.text.slice(at, s.start));
    const parts: ReactNode[] = [];
    let p = s.start;
    while (m < doc.entities.length && doc.entities[m].start < s.start) m++;
    for (let k = m; k < doc.entities.length && doc.entities[k].start < s.end; k++) {
      const e = doc.entities[k];
      if (e.start < p) continue;
      if (e.start > p) parts.push(doc.text.slice(p, e.start));
      const end = Math.min(e.end, s.end);
      parts.push(<mark key={k} className={`entity entity-${e.type}`} title={`${e.entity} (${e.role})`}>{doc.text.slice(e.start, end)}</mark>);
      p = end;
    }
    if (p < s.end) parts.push(doc.text.slice(p, s.end));
    const has = withEvents.has(s.index);
    out.push(
      <span key={`s${s.index}`} id={`s-${s.index}`} data-sentence={s.index}
        className={`sentence${has ? ' has-events' : ''}${selected === s.index ? ' selected' : ''}`}
        tabIndex={has ? 0 : undefined} role={has ? 'button' : undefined} aria-label={has ? `Sentence ${s.index + 1}: show its events` : undefined}
        onClick={has ? () => setParams({ s: s.index, quote: undefined }) : undefined} onKeyDown={has ? (k) => { if (k.key === 'Enter') setParams({ s: s.index, quote: undefined }); } : undefined}>
        {parts}
      </span>,
    );
    at = s.end;
  }
  if (at < doc.text.length) out.push(doc.text.slice(at));
  return <div className="article-text" lang={doc.language}>{out}</div>;
}

function DocumentList() {
  const docs = useLoad(() => unwrap(api.GET('/api/documents', { params: { query: { limit: 100 } } })), []);
  return (
    <Show loaded={docs} what="the documents">
      {(page) => page.items.length ? (
        <table className="data compact" aria-label="Documents"><thead><tr><th>Published</th><th>Lang.</th><th>Title</th><th>Sentences</th></tr></thead>
          <tbody>{page.items.map((d) => <tr key={d.id}><td>{d.published ?? '—'}</td><td>{d.language}</td><td><Link to={href('/reader', { doc: d.id })}>{d.title ?? d.source}</Link></td><td>{d.sentenceCount}</td></tr>)}</tbody>
        </table>
      ) : <Empty>No documents yet: <code>armscope ingest FILE</code> or <code>armscope demo</code> adds some.</Empty>}
    </Show>
  );
}

type Logged = Schemas['LoggedDecision'];

/** The decision standing on each of the document's events (by event id), from the review log. */
function useVerdicts(id: string | null, version: number): Map<string, Logged> {
  const log = useLoad(() => (id ? unwrap(api.GET('/api/review/log', { params: { query: { document: id, limit: 500 } } })) : Promise.resolve({ items: [] as Logged[] })), [id, version]);
  const out = new Map<string, Logged>();
  if (log.state === 'ready') for (const d of log.data.items) if (d.state === 'applied' && !out.has(d.eventId)) out.set(d.eventId, d);
  return out;
}

export default function Reader() {
  const { params } = useLocation();
  const id = params.get('doc');
  const explain = params.get('explain');
  const quote = params.get('quote');
  const loaded = useLoad(() => (id ? unwrap(api.GET('/api/documents/{id}/annotations', { params: { path: { id } } })) : Promise.resolve(null)), [id]);
  const [version, setVersion] = useState(0);
  const verdicts = useVerdicts(id, version);
  // A sentence chosen by number (`s`), or by its words (`quote`, as a record's status history links here).
  const doc = loaded.state === 'ready' ? loaded.data : null;
  const selected = params.has('s') ? Number(params.get('s'))
    : quote && doc ? doc.sentences.find((x) => doc.text.slice(x.start, x.end).includes(quote.trim()))?.index ?? null : null;
  useEffect(() => {
    if (selected === null || loaded.state !== 'ready') return;
    document.getElementById(`s-${selected}`)?.scrollIntoView({ block: 'center' });
  }, [selected, loaded.state]);
  if (!id) return <section className="view reader"><h1>Reader</h1><p>Pick an article to read.</p><DocumentList /></section>;
  return (
    <section className="view reader">
      <Show loaded={loaded} what="the article">
        {(doc) => doc && (
          <div className="reader-layout">
            <article className="card">
              <h1 className="doc-title">{doc.title ?? '(untitled)'}</h1>
              <p className="muted">{doc.published ?? 'undated'} · {doc.language} · <SourceLink url={doc.url}>{doc.url ?? doc.source}</SourceLink></p>
              <p className="bloc-key"><span><mark className="entity entity-country">country</mark></span><span><mark className="entity entity-system">system</mark></span>
                <span><mark className="entity entity-organisation">organisation</mark></span><span><mark className="entity entity-place">place</mark></span><span><span className="sentence has-events">sentence with events</span></span></p>
              <Text doc={doc} selected={selected} />
              <h2>Removed from the page</h2>
              {doc.removed.length ? <ul className="removed">{doc.removed.map((r, i) => <li key={i}><span className="tag">{r.reason}</span> {r.text}</li>)}</ul> : <Empty>Nothing was removed.</Empty>}
              <h2>Cited sources</h2>
              {doc.cited.length ? <ul className="plain">{doc.cited.map((c, i) => <li key={i}>{c.outlet}{c.date ? `, ${c.date}` : ''}</li>)}</ul> : <Empty>The article cites no other outlet.</Empty>}
            </article>
            <aside className="events-panel">
              <h2>Events ({doc.events.length})</h2>
              {selected !== null ? <p>Sentence {selected + 1} · <button type="button" className="linkish" onClick={() => setParams({ s: undefined, quote: undefined, explain: undefined })}>show all</button></p> : null}
              {doc.events.length ? (
                <ol className="event-list">
                  {doc.events.filter((e) => selected === null || e.sentence === selected).map((e, i) => {
                    const verdict = e.id ? verdicts.get(e.id) : undefined;
                    return (
                    <li key={e.id ?? i} data-event={e.id} className={selected === e.sentence ? 'selected' : undefined}>
                      <div><span className="kind">{e.kind}</span> {e.status ? <><Status status={e.status} hedged={e.hedged} /> </> : null}{eventLabel(e)}</div>
                      <div className="small">
                        <a href={href('/reader', { doc: doc.id, s: e.sentence })} onClick={(c) => { c.preventDefault(); setParams({ s: e.sentence, quote: undefined }); }}>sentence {e.sentence + 1}</a>{' · '}
                        <button type="button" className="linkish" aria-expanded={explain === e.id} onClick={() => setParams({ explain: explain === e.id ? undefined : e.id, s: e.sentence, quote: undefined })}>{explain === e.id ? 'hide explanation' : 'why?'}</button>
                        {' · '}{Math.round(e.confidence * 100)}%
                      </div>
                      {explain === e.id ? <Explanation doc={doc} event={e} /> : null}
                      {verdict ? <div className="small"><ReviewedMark verdict={verdict.verdict} author={verdict.author} at={verdict.decidedAt} fields={Object.keys(verdict.fields)} />
                        {verdict.note ? <span className="muted"> · {verdict.note}</span> : null}</div> : null}
                      {e.id ? <DecisionButtons target="event" id={e.id} label={`Review event ${i + 1}`} onDecided={() => setVersion((v) => v + 1)}
                        initial={{ supplier: e.supplier, recipient: e.recipient, system: e.system, category: e.category, status: e.status, date: e.date, quantity: e.quantity, hedged: e.hedged }} /> : null}
                    </li>
                    );
                  })}
                </ol>
              ) : <Empty>No events were read from this article.</Empty>}
            </aside>
          </div>
        )}
      </Show>
    </section>
  );
}
