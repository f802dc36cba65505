/**
 * One name against the loaded lists (`POST /api/match`, a read: no token): each result with its score,
 * whether it is a match, the features and the word-by-word explanation. The name, in any script, is kept
 * in the URL (`name`, `schema`) so a link reproduces the check.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api, unwrap, type Schemas } from '../../api';
import { Empty, ErrorNote, Field, Loading } from '../../ui';
import { setParams } from '../../url';
import { Features, Words } from './Reasons';

type Answer = Schemas['MatchResponse'];
const SCHEMATA = [['LegalEntity', 'a person or a company'], ['Person', 'a person'], ['Company', 'a company'], ['Organization', 'an organisation'], ['Vessel', 'a vessel'], ['Airplane', 'an aircraft']] as const;

export function NameCheck({ name, schema }: { name: string; schema: string }) {
  const [state, setState] = useState<{ state: 'idle' } | { state: 'loading' } | { state: 'error'; error: Error } | { state: 'ready'; data: Answer }>({ state: 'idle' });
  useEffect(() => {
    if (!name) { setState({ state: 'idle' }); return; }
    const abort = new AbortController();
    setState({ state: 'loading' });
    unwrap(api.POST('/api/match', { params: { query: { limit: 5 } }, body: { queries: { q: { schema, properties: { name: [name] } } } }, signal: abort.signal })).then(
      (data) => { if (!abort.signal.aborted) setState({ state: 'ready', data }); },
      (error) => { if (!abort.signal.aborted) setState({ state: 'error', error }); },
    );
    return () => abort.abort();
  }, [name, schema]);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setParams({ name: String(form.get('name') ?? '').trim(), schema: String(form.get('schema')) === 'LegalEntity' ? undefined : String(form.get('schema')) });
  };
  const answer = state.state === 'ready' ? state.data.responses.q : undefined;
  return (
    <section className="card name-check" aria-labelledby="name-check-title">
      <h2 id="name-check-title">Name check</h2>
      <form className="inline-form" role="search" aria-label="Check a name against the lists" onSubmit={submit}>
        <Field label="Name, in any script"><input name="name" defaultValue={name} key={name} size={30} maxLength={300} placeholder="Захаров Никита, Zala Aero…" /></Field>
        <Field label="Is"><select name="schema" defaultValue={schema} key={schema}>{SCHEMATA.map(([s, words]) => <option key={s} value={s}>{words}</option>)}</select></Field>
        <button type="submit" className="primary">Check</button>
      </form>
      {state.state === 'loading' ? <Loading what="the matches" /> : null}
      {state.state === 'error' ? <ErrorNote what="the matches" error={state.error} /> : null}
      {answer && state.state === 'ready' ? (
        <div className="match-results" aria-live="polite">
          <p className="small muted">Normalised: {answer.query.normalised.names.join('; ')}{answer.query.normalised.legal_forms.length ? ` (legal form ${answer.query.normalised.legal_forms.join(', ')})` : ''};
            {' '}threshold {state.data.matcher.threshold}, lists: {state.data.matcher.lists.map((l) => l.version).join(', ') || 'none loaded'}.</p>
          {answer.results.length ? (
            <ol className="matches">
              {answer.results.map((r) => (
                <li key={r.id} data-entity={r.id}>
                  <div><strong>{r.caption}</strong> <span className="muted">{r.schema} · <code>{r.id}</code> · {r.list}</span></div>
                  <div className="match-line">Score <strong>{r.score}</strong> · <span className={r.match ? 'match-yes' : 'match-no'}>{r.match ? 'Match: yes' : 'Match: no'}</span>
                    {' '}· matched name “{r.explanation.matched_name}”</div>
                  <p className="small">{r.explanation.notes.join('; ')}</p>
                  <details>
                    <summary>Features and words</summary>
                    <Features features={r.features} />
                    <Words words={r.explanation.words} />
                  </details>
                </li>
              ))}
            </ol>
          ) : <Empty>No listed party scores {state.data.matcher.cutoff} or more for this name.</Empty>}
        </div>
      ) : null}
    </section>
  );
}
