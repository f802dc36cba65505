/**
 * The review queue (`GET /api/review/queue`): events not yet decided on, those that most deserve a look
 * first, each with its reasons. Worked from the keyboard: j/k move, c confirms, x rejects, e corrects, o reads
 * the sentence. A decided item leaves the list and the next one takes the focus; the progress bar counts
 * what this queue's filters hold, decided against open.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { api, unwrap, useLoad } from '../api';
import { CorrectionForm, decide, openSettings, useCredentials, writesOff, type Fields, type Verdict } from '../review';
import { CATEGORIES, Country, Empty, Field, Link, Show, STATUSES, Status } from '../ui';
import { href, navigate, setParams, useLocation } from '../url';

/** The queue's event as the API sends it (its schema leaves the event open): the fields shown here. */
interface QueueEvent {
  id: string; documentId: string; kind: string; confidence: number; hedged: boolean;
  supplier?: string | null; recipient?: string | null; system?: string | null; category?: string | null; status: string | null;
  date?: string | null; quantity?: number | null;
  evidence: { sentence: number; text: string; rule: string };
  document: { title: string | null; source: string; published: string | null };
}
interface Item { event: QueueEvent; priority: number; reasons: string[] }

const FILTERS = ['supplier', 'recipient', 'country', 'category', 'status'] as const;
const PAGE = 100;

export const SHORTCUTS: [string, string][] = [
  ['j / ↓', 'next item'], ['k / ↑', 'previous item'], ['c', 'confirm'], ['x', 'reject'], ['e', 'correct: a form, Enter saves, Esc cancels'],
  ['o', 'open the sentence in the reader'], ['?', 'show or hide these keys'],
];

function Shortcuts() {
  return <dl className="shortcuts">{SHORTCUTS.map(([k, what]) => <div key={k}><dt><kbd>{k}</kbd></dt><dd>{what}</dd></div>)}</dl>;
}

function Progress({ decided, open }: { decided: number; open: number }) {
  const total = decided + open;
  return (
    <div className="progress-line">
      <progress value={decided} max={total || 1} aria-label="Reviewed so far" />
      <span className="summary" aria-live="polite">{decided} decided, {open} open{total ? ` (${Math.round((decided / total) * 100)}% of ${total})` : ''}</span>
    </div>
  );
}

function Queue({ initial, decided0, open0 }: { initial: Item[]; decided0: number; open0: number }) {
  const creds = useCredentials();
  const off = writesOff(creds);
  const [items, setItems] = useState(initial);
  const [at, setAt] = useState(0);
  const [counts, setCounts] = useState({ decided: decided0, open: open0 });
  const [correcting, setCorrecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string } | null>(null);
  const [help, setHelp] = useState(false);
  const list = useRef<HTMLOListElement>(null);
  const current = items[Math.min(at, items.length - 1)];

  useEffect(() => {
    const el = list.current?.querySelector<HTMLElement>('li[aria-current="true"]');
    if (el && !correcting) { el.focus({ preventScroll: true }); el.scrollIntoView({ block: 'nearest' }); }
  }, [at, items, correcting]);

  const send = async (verdict: Verdict, fields?: Fields) => {
    if (!current || busy) return;
    if (off) { setMessage({ kind: 'error', text: `${off}.` }); return; }
    setBusy(true); setMessage(null);
    try {
      await decide(creds, { target: 'event', id: current.event.id, verdict, fields });
      const word = verdict === 'confirm' ? 'Confirmed' : verdict === 'reject' ? 'Rejected' : `Corrected (${Object.keys(fields ?? {}).join(', ')})`;
      setMessage({ kind: 'done', text: `${word}: ${current.event.supplier ?? '?'} → ${current.event.recipient ?? '?'} ${current.event.system ?? current.event.category ?? ''}` });
      setItems((all) => all.filter((i) => i !== current));
      setCounts((c) => ({ decided: c.decided + 1, open: c.open - 1 }));
      setCorrecting(false);
    } catch (e) {
      setMessage({ kind: 'error', text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement;
      if (correcting || e.ctrlKey || e.metaKey || e.altKey || t.closest('input,select,textarea,[role=dialog]')) return;
      const move = (d: number) => { e.preventDefault(); setAt((i) => Math.max(0, Math.min(items.length - 1, i + d))); };
      if (e.key === 'j' || e.key === 'ArrowDown') move(1);
      else if (e.key === 'k' || e.key === 'ArrowUp') move(-1);
      else if (e.key === 'c') { e.preventDefault(); void send('confirm'); }
      else if (e.key === 'x') { e.preventDefault(); void send('reject'); }
      else if (e.key === 'e' && current) { e.preventDefault(); if (off) setMessage({ kind: 'error', text: `${off}.` }); else setCorrecting(true); }
      else if (e.key === 'o' && current) { e.preventDefault(); navigate(href('/reader', { doc: current.event.documentId, s: current.event.evidence.sentence, explain: current.event.id })); }
      else if (e.key === '?') { e.preventDefault(); setHelp((h) => !h); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <>
      <Progress decided={counts.decided} open={counts.open} />
      <div className="queue-layout">
        <div>
          {message ? <div className={message.kind === 'error' ? 'error' : 'note-done'} role={message.kind === 'error' ? 'alert' : 'status'}>{message.text}</div> : null}
          {off ? <p className="note">Decisions are off: {off}. <button type="button" className="linkish" onClick={openSettings}>Reviewer…</button></p> : null}
          {items.length ? (
            <ol className="queue" ref={list} aria-label="Review queue">
              {items.map((item, i) => {
                const e = item.event;
                const here = item === current;
                return (
                  <li key={e.id} data-event={e.id} tabIndex={-1} aria-current={here ? 'true' : undefined} className={here ? 'current' : undefined} onClick={() => setAt(i)}>
                    <div className="queue-head">
                      <span className="priority" title="priority: higher first">{item.priority.toFixed(2)}</span>
                      <Country code={e.supplier} /> → <Country code={e.recipient} /> <strong>{e.system ?? e.category ?? ''}</strong>{' '}
                      <Status status={e.status} hedged={e.hedged} />{e.quantity != null ? <span className="muted"> · {e.quantity} units</span> : null}
                      {e.date ? <span className="muted"> · {e.date}</span> : null}
                      <span className="muted"> · {Math.round(e.confidence * 100)}%</span>
                    </div>
                    <ul className="reasons">{item.reasons.map((r) => <li key={r}>{r}</li>)}</ul>
                    <blockquote>{e.evidence.text}</blockquote>
                    <div className="small muted">{e.document.title ?? e.document.source} · {e.document.published ?? 'undated'} ·{' '}
                      <Link to={href('/reader', { doc: e.documentId, s: e.evidence.sentence, explain: e.id })}>read (o)</Link></div>
                    {here && correcting ? (
                      <CorrectionForm busy={busy} initial={{ supplier: e.supplier, recipient: e.recipient, system: e.system, category: e.category, status: e.status, date: e.date, quantity: e.quantity, hedged: e.hedged }}
                        onSave={(f) => void send('correct', f)} onCancel={() => setCorrecting(false)} />
                    ) : null}
                  </li>
                );
              })}
            </ol>
          ) : <Empty>Nothing left to review under these filters.</Empty>}
        </div>
        <aside className="card shortcuts-card" aria-label="Keyboard shortcuts">
          <h2>Keys</h2>
          <Shortcuts />
          {help ? null : <p className="small muted">Press <kbd>?</kbd> to show them over the queue.</p>}
        </aside>
      </div>
      {help ? (
        <div className="backdrop" onClick={() => setHelp(false)}>
          <div className="dialog card" role="dialog" aria-label="Keyboard shortcuts"><h2>Keyboard shortcuts</h2><Shortcuts /><p className="small muted">? or a click closes this.</p></div>
        </div>
      ) : null}
    </>
  );
}

export default function Review() {
  const { params } = useLocation();
  const query = useMemo(() => {
    const q: { [k: string]: string | number } = { limit: PAGE };
    for (const k of FILTERS) { const v = params.get(k); if (v) q[k] = v; }
    return q;
  }, [params.toString()]);
  const key = JSON.stringify(query);
  const loaded = useLoad(() => unwrap(api.GET('/api/review/queue', { params: { query: query as never } })), [key]);
  const input = (k: string, placeholder: string) => (
    <input name={k} defaultValue={params.get(k) ?? ''} key={`${k}=${params.get(k) ?? ''}`} placeholder={placeholder} size={3} maxLength={2}
      onKeyDown={(e) => { if (e.key === 'Enter') setParams({ [k]: (e.target as HTMLInputElement).value.trim().toUpperCase() }); }}
      onBlur={(e) => { if (e.target.value.trim().toUpperCase() !== (params.get(k) ?? '')) setParams({ [k]: e.target.value.trim().toUpperCase() }); }} />
  );
  const select = (k: string, options: readonly string[]) => (
    <select name={k} value={params.get(k) ?? ''} onChange={(e) => setParams({ [k]: e.target.value })}>
      <option value="">any</option>{options.map((o) => <option key={o}>{o}</option>)}
    </select>
  );
  return (
    <section className="view review">
      <h1>Review queue</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filters">
        <Field label="Supplier">{input('supplier', 'RU')}</Field>
        <Field label="Recipient">{input('recipient', 'RS')}</Field>
        <Field label="Either party">{input('country', 'IR')}</Field>
        <Field label="Category">{select('category', CATEGORIES)}</Field>
        <Field label="Status">{select('status', STATUSES)}</Field>
        <div className="actions"><Link to="/review" className="button">Clear</Link><Link to="/publishers" className="button">Publishers’ grades</Link></div>
      </form>
      <Show loaded={loaded} what="the review queue">
        {(page) => <Queue key={key} initial={page.items as unknown as Item[]} decided0={page.decided} open0={page.open} />}
      </Show>
    </section>
  );
}
