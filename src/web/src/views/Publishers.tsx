/**
 * Publishers' reliability on the Admiralty scale (`GET /api/publishers`, `PUT /api/publishers/{publisher}`):
 * the graded ones listed, and a form to grade any publisher A–F with a note. The register's reliability
 * column follows at its next load. Publishers seen in the documents but not graded count as F.
 */
import { useState, type FormEvent } from 'react';
import { api, unwrap, useLoad } from '../api';
import { GRADES, gradePublisher, openSettings, RELIABILITY, useCredentials, writesOff } from '../review';
import { Empty, Field, Link, Show } from '../ui';
import { href, setParams, useLocation } from '../url';

export default function Publishers() {
  const { params } = useLocation();
  const creds = useCredentials();
  const off = writesOff(creds);
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);
  const loaded = useLoad(() => unwrap(api.GET('/api/publishers')), [version]);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const publisher = String(form.get('publisher') ?? '').trim();
    const grade = String(form.get('grade')) as (typeof GRADES)[number];
    if (!publisher) { setMessage({ kind: 'error', text: 'Name the publisher (its domain, e.g. reuters.com).' }); return; }
    try {
      const row = await gradePublisher(creds, publisher, grade, String(form.get('note') ?? '').trim());
      setMessage({ kind: 'done', text: `${row.publisher} graded ${row.grade} (${RELIABILITY[row.grade]}) by ${row.author}.` });
      setVersion((v) => v + 1);
    } catch (error) {
      setMessage({ kind: 'error', text: (error as Error).message });
    }
  };
  const chosen = params.get('publisher') ?? '';
  return (
    <section className="view publishers">
      <h1>Publishers’ reliability</h1>
      <p className="muted">The Admiralty scale: A completely reliable, B usually reliable, C fairly reliable, D not usually reliable, E unreliable,
        F cannot be judged (every publisher not graded here). A record’s reliability is the best grade among its publishers.</p>
      <form className="filters" aria-label="Grade a publisher" onSubmit={submit}>
        <Field label="Publisher"><input name="publisher" defaultValue={chosen} key={chosen} placeholder="reuters.com" size={22} maxLength={200} /></Field>
        <Field label="Grade"><select name="grade" defaultValue="B">{GRADES.map((g) => <option key={g} value={g}>{g} · {RELIABILITY[g]}</option>)}</select></Field>
        <Field label="Note"><input name="note" size={36} maxLength={2000} placeholder="why this grade" /></Field>
        <div className="actions"><button type="submit" className="primary" disabled={Boolean(off)} title={off ?? undefined}>Set grade</button></div>
        {off ? <p className="small muted wide-note">{off}. <button type="button" className="linkish" onClick={openSettings}>Reviewer…</button></p> : null}
      </form>
      {message ? <div className={message.kind === 'error' ? 'error' : 'note-done'} role={message.kind === 'error' ? 'alert' : 'status'}>{message.text}</div> : null}
      <Show loaded={loaded} what="the publishers’ grades">
        {(data) => data.items.length ? (
          <div className="table-wrap">
            <table className="data" aria-label="Graded publishers">
              <thead><tr><th>Publisher</th><th>Grade</th><th>Note</th><th>By</th><th>When</th><th /></tr></thead>
              <tbody>
                {data.items.map((g) => (
                  <tr key={g.publisher}>
                    <td>{g.publisher}</td><td><span className={`grade grade-${g.grade}`} title={RELIABILITY[g.grade]}>{g.grade}</span> {RELIABILITY[g.grade]}</td>
                    <td>{g.note ?? ''}</td><td>{g.author}</td><td>{g.gradedAt.slice(0, 16).replace('T', ' ')}</td>
                    <td><Link to={href('/records', { reliability: g.grade })}>records graded {g.grade} or better</Link>{' · '}
                      <button type="button" className="linkish" onClick={() => setParams({ publisher: g.publisher })}>regrade</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : <Empty>No publisher is graded yet: every one counts as F, cannot be judged.</Empty>}
      </Show>
    </section>
  );
}
