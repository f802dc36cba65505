/** Search (`GET /api/search`): documents and catalog entries, any script or accent, matches highlighted by offsets. */
import { api, unwrap, useLoad } from '../api';
import { Marked } from '../text';
import { Empty, Link, Show } from '../ui';
import { href, setParams, useLocation } from '../url';

export default function Search() {
  const { params } = useLocation();
  const q = params.get('q') ?? '';
  const language = params.get('language') ?? undefined;
  const offset = Number(params.get('offset') ?? 0);
  const loaded = useLoad(() => (q ? unwrap(api.GET('/api/search', { params: { query: { q, language, limit: 20, offset } } })) : Promise.resolve(null)), [q, language, offset]);
  return (
    <section className="view search">
      <h1>Search</h1>
      <form className="filters" role="search" onSubmit={(e) => { e.preventDefault(); const f = new FormData(e.currentTarget); setParams({ q: String(f.get('q') ?? '').trim(), offset: undefined }, { push: true }); }}>
        <label className="field wide"><span>Words, names or designations, in any script</span><input name="q" type="search" defaultValue={q} key={q} placeholder="Панцирь, Shahed, Rafale…" /></label>
        <label className="field"><span>Language</span><input name="language" defaultValue={language ?? ''} size={3} onBlur={(e) => setParams({ language: e.target.value.trim() })} /></label>
        <div className="actions"><button type="submit">Search</button></div>
      </form>
      {!q ? <Empty>Type a word or a name. Cyrillic and Latin spellings find each other (Панцирь finds Pantsir).</Empty> : (
        <Show loaded={loaded} what="the results">
          {(r) => r && (
            <div className="grid2 search-results">
              <div>
                <h2>Documents</h2>
                {r.documents.length ? (
                  <ol className="results">
                    {r.documents.map((d) => (
                      <li key={d.id}>
                        <Link to={href('/reader', { doc: d.id })} className="result-title">{d.title ? <Marked text={d.title} spans={d.titleMatches} /> : d.source}</Link>
                        <div className="muted small">{d.published ?? 'undated'} · {d.language} · {d.source}</div>
                        <p className="snippet">{d.snippet.start > 0 ? '… ' : ''}<Marked text={d.snippet.text} spans={d.snippet.matches} /> …</p>
                      </li>
                    ))}
                  </ol>
                ) : <Empty>No document contains every word of “{q}”.</Empty>}
                {r.next !== null || offset ? (
                  <div className="pager">
                    {offset ? <button type="button" onClick={() => setParams({ offset: Math.max(0, offset - 20) || undefined }, { push: true })}>← Previous</button> : null}
                    {r.next !== null ? <button type="button" onClick={() => setParams({ offset: r.next }, { push: true })}>Next →</button> : null}
                  </div>
                ) : null}
              </div>
              <div>
                <h2>Catalog entries</h2>
                {r.entities.length ? (
                  <ul className="plain results">
                    {r.entities.map((e) => (
                      <li key={e.id}>
                        <strong>{e.name}</strong> <span className="tag">{e.type}</span>{e.matched !== e.name ? <> as “<Marked text={e.matched} spans={e.matches} />”</> : null}{' '}
                        {e.type === 'country' ? <Link to={href('/country', { code: e.id.slice(8) })}>profile</Link>
                          : e.type === 'system' ? <Link to={href('/records', { system: e.id })}>records</Link> : null}
                      </li>
                    ))}
                  </ul>
                ) : <Empty>No catalog entry matches.</Empty>}
              </div>
            </div>
          )}
        </Show>
      )}
    </section>
  );
}
