/**
 * Review from the workspace: who the analyst is and the bearer token writes need, the decision buttons the
 * queue, the reader and the register share, and the correction form. The name and token are kept in
 * `sessionStorage` only (gone when the tab closes), never in localStorage or the URL, and travel only in the
 * `Authorization` header of a write. Reads need neither.
 */
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent, type KeyboardEvent } from 'react';
import { api, ApiError, explainFailure, type Schemas } from './api';
import { CATEGORIES, STATUSES } from './ui';

const NAME_KEY = 'armscope.reviewer';
const TOKEN_KEY = 'armscope.token';
const CHANGED = 'armscope:credentials';

export interface Credentials { author: string; token: string }

function read(): string {
  return JSON.stringify({ author: sessionStorage.getItem(NAME_KEY) ?? '', token: sessionStorage.getItem(TOKEN_KEY) ?? '' });
}

/** The analyst's name and token for this tab; both empty until the settings dialog sets them. */
export function useCredentials(): Credentials & { ready: boolean } {
  const raw = useSyncExternalStore((on) => { window.addEventListener(CHANGED, on); return () => window.removeEventListener(CHANGED, on); }, read);
  const c = JSON.parse(raw) as Credentials;
  return { ...c, ready: Boolean(c.author && c.token) };
}

export function saveCredentials({ author, token }: Credentials) {
  if (author) sessionStorage.setItem(NAME_KEY, author); else sessionStorage.removeItem(NAME_KEY);
  if (token) sessionStorage.setItem(TOKEN_KEY, token); else sessionStorage.removeItem(TOKEN_KEY);
  window.dispatchEvent(new Event(CHANGED));
}

/** Asks the shell to open the settings dialog (from a disabled button's hint, say). */
export function openSettings() { window.dispatchEvent(new Event('armscope:settings')); }

/** Why the server refused a write, in words the analyst can act on. */
export function explainWrite(error: ApiError): ApiError {
  if (error.status === 403) return new ApiError(`The server takes no writes: start it with --token (or ARMSCOPE_TOKEN) and without --read-only. ${error.message}`, 403);
  if (error.status === 401) return new ApiError(`The server refused the token: check it under “Reviewer”. ${error.message}`, 401);
  return error;
}

async function write<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: Awaited<typeof call>;
  try { result = await call; } catch (error) { throw explainFailure(error); }
  if (result.error !== undefined || result.data === undefined) throw explainWrite(explainFailure(result.error, result.response));
  return result.data;
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

export type Verdict = 'confirm' | 'reject' | 'correct';
export type Fields = NonNullable<Schemas['DecisionRequest']['fields']>;

/**
 * Stores a decision on an event or a whole record as the signed-in analyst.
 * @example await decide(creds, { target: 'event', id: 'a1b2c3d4e5f60718', verdict: 'confirm' })
 */
export function decide(creds: Credentials, body: { target: 'event' | 'record'; id: string; verdict: Verdict; fields?: Fields; note?: string }) {
  return write(api.POST('/api/review/decisions', { body: { ...body, author: creds.author }, headers: bearer(creds.token) }));
}

export function gradePublisher(creds: Credentials, publisher: string, grade: 'A' | 'B' | 'C' | 'D' | 'E' | 'F', note: string) {
  return write(api.PUT('/api/publishers/{publisher}', { params: { path: { publisher } }, body: { grade, note: note || undefined, author: creds.author }, headers: bearer(creds.token) }));
}

/** The settings dialog: name and token for this tab. Esc or Cancel closes it unchanged. */
export function SettingsDialog({ onClose }: { onClose: () => void }) {
  const creds = useCredentials();
  const [author, setAuthor] = useState(creds.author);
  const [token, setToken] = useState(creds.token);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const submit = (e: FormEvent) => { e.preventDefault(); saveCredentials({ author: author.trim(), token: token.trim() }); onClose(); };
  return (
    <div className="backdrop" onClick={(e) => { if (e.target === e.currentTarget) onClose(); }}>
      <form className="dialog card" role="dialog" aria-modal="true" aria-labelledby="settings-title" onSubmit={submit}
        onKeyDown={(e) => { if (e.key === 'Escape') { e.preventDefault(); onClose(); } }}>
        <h2 id="settings-title">Reviewer</h2>
        <p className="small muted">Decisions and grades are stored under your name. The token is the server’s <code>--token</code> (<code>ARMSCOPE_TOKEN</code>);
          it is kept in this tab only and sent only with writes.</p>
        <label className="field"><span>Your name</span><input ref={first} name="author" value={author} maxLength={100} autoComplete="name" onChange={(e) => setAuthor(e.target.value)} /></label>
        <label className="field"><span>Token</span><input name="token" type="password" value={token} autoComplete="off" onChange={(e) => setToken(e.target.value)} /></label>
        <div className="actions">
          {creds.token ? <button type="button" onClick={() => { saveCredentials({ author: '', token: '' }); onClose(); }}>Forget</button> : null}
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary">Save</button>
        </div>
      </form>
    </div>
  );
}

/** Why the write buttons are off, or null when they are on. */
export function writesOff(creds: Credentials & { ready: boolean }): string | null {
  if (creds.ready) return null;
  return creds.author ? 'Enter the server’s token under “Reviewer” to decide' : 'Enter your name and the server’s token under “Reviewer” to decide';
}

/** What a correction can start from: an event's or a record's values. */
export interface Correctable {
  supplier?: string | null; recipient?: string | null; system?: string | null; category?: string | null;
  status?: string | null; date?: string | null; quantity?: number | null; hedged?: boolean;
}

/** Only what the analyst changed, in the API's types. */
function changedFields(initial: Correctable, form: FormData): Fields {
  const out: Fields = {};
  const text = (k: string) => String(form.get(k) ?? '').trim();
  for (const k of ['supplier', 'recipient'] as const) { const v = text(k).toUpperCase(); if (v !== (initial[k] ?? '')) out[k] = v || null; }
  for (const k of ['system', 'category', 'date'] as const) { const v = text(k); if (v !== (initial[k] ?? '')) out[k] = v || null; }
  const status = text('status');
  if (status && status !== (initial.status ?? '')) out.status = status;
  const qty = text('quantity');
  if (qty !== String(initial.quantity ?? '')) out.quantity = qty === '' ? null : Number(qty);
  const hedged = form.get('hedged') === 'on';
  if (hedged !== Boolean(initial.hedged)) out.hedged = hedged;
  return out;
}

/**
 * The correction form: Enter saves only the fields that changed, Esc cancels. Focus starts on the status,
 * the field most often corrected.
 */
export function CorrectionForm({ initial, onSave, onCancel, busy }: { initial: Correctable; onSave: (fields: Fields) => void; onCancel: () => void; busy?: boolean }) {
  const status = useRef<HTMLSelectElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => status.current?.focus(), []);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fields = changedFields(initial, new FormData(e.currentTarget));
    const qty = fields.quantity;
    if (typeof qty === 'number' && !(Number.isInteger(qty) && qty >= 0)) { setProblem('Quantity must be a whole number.'); return; }
    if (!Object.keys(fields).length) { setProblem('Nothing changed: change a field, or Esc to cancel.'); return; }
    onSave(fields);
  };
  const keys = (e: KeyboardEvent<HTMLFormElement>) => {
    e.stopPropagation();
    if (e.key === 'Escape') { e.preventDefault(); onCancel(); }
    // Enter saves from a select or checkbox too, not only from a text box.
    else if (e.key === 'Enter' && (e.target as HTMLElement).tagName !== 'BUTTON') { e.preventDefault(); e.currentTarget.requestSubmit(); }
  };
  return (
    <form className="correction" aria-label="Correction" onSubmit={submit} onKeyDown={keys}>
      <label className="field"><span>Supplier</span><input name="supplier" defaultValue={initial.supplier ?? ''} size={3} maxLength={2} /></label>
      <label className="field"><span>Recipient</span><input name="recipient" defaultValue={initial.recipient ?? ''} size={3} maxLength={2} /></label>
      <label className="field"><span>System</span><input name="system" defaultValue={initial.system ?? ''} size={14} maxLength={200} /></label>
      <label className="field"><span>Category</span><select name="category" defaultValue={initial.category ?? ''}><option value="">—</option>{CATEGORIES.map((c) => <option key={c}>{c}</option>)}</select></label>
      <label className="field"><span>Status</span><select ref={status} name="status" defaultValue={initial.status ?? ''}><option value="">—</option>{STATUSES.map((s) => <option key={s}>{s}</option>)}</select></label>
      <label className="field"><span>Date</span><input name="date" defaultValue={initial.date ?? ''} size={10} placeholder="YYYY-MM-DD" /></label>
      <label className="field"><span>Quantity</span><input name="quantity" defaultValue={initial.quantity ?? ''} size={5} inputMode="numeric" /></label>
      <label className="field check"><span>Hedged</span><input name="hedged" type="checkbox" defaultChecked={Boolean(initial.hedged)} /></label>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>Save (Enter)</button>
        <button type="button" onClick={onCancel}>Cancel (Esc)</button>
      </div>
      {problem ? <p className="error small" role="alert">{problem}</p> : null}
    </form>
  );
}

/**
 * Confirm / reject / correct for one event or one whole record. Without a token the buttons are off and
 * say why; a refused write shows the server's reason in words.
 */
export function DecisionButtons({ target, id, initial, onDecided, label }: { target: 'event' | 'record'; id: string; initial: Correctable; onDecided?: () => void; label?: string }) {
  const creds = useCredentials();
  const off = writesOff(creds);
  const [correcting, setCorrecting] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const send = async (verdict: Verdict, fields?: Fields) => {
    setBusy(true); setError(null);
    try {
      await decide(creds, { target, id, verdict, fields });
      setDone(verdict === 'correct' ? `corrected (${Object.keys(fields ?? {}).join(', ')})` : verdict === 'confirm' ? 'confirmed' : 'rejected');
      setCorrecting(false);
      onDecided?.();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="decide" role="group" aria-label={label ?? `Review this ${target}`}>
      <button type="button" disabled={Boolean(off) || busy} title={off ?? undefined} onClick={() => send('confirm')}>Confirm</button>
      <button type="button" disabled={Boolean(off) || busy} title={off ?? undefined} onClick={() => send('reject')}>Reject</button>
      <button type="button" disabled={Boolean(off) || busy} title={off ?? undefined} aria-expanded={correcting} onClick={() => setCorrecting(!correcting)}>Correct</button>
      {off ? <span className="small muted"> {off}. <button type="button" className="linkish" onClick={openSettings}>Reviewer…</button></span> : null}
      {done ? <span className="small verdict-done" role="status"> {done} by {creds.author}</span> : null}
      {correcting ? <CorrectionForm initial={initial} busy={busy} onSave={(f) => send('correct', f)} onCancel={() => setCorrecting(false)} /> : null}
      {error ? <div className="error small" role="alert">{error}</div> : null}
    </div>
  );
}

/** A reviewed mark: the verdict, which fields, by whom and when. */
export function ReviewedMark({ verdict, author, at, fields, compact }: { verdict: string; author: string; at: string; fields?: string[]; compact?: boolean }) {
  const word = verdict === 'confirm' ? 'confirmed' : verdict === 'reject' ? 'rejected' : 'corrected';
  const what = `${word}${fields?.length ? `: ${fields.join(', ')}` : ''}`;
  return (
    <span className={`reviewed reviewed-${verdict}${compact ? ' compact' : ''}`} title={`${what} by ${author}, ${at.slice(0, 16).replace('T', ' ')} UTC`}>
      ✓ {what} · {author}{compact ? '' : ` · ${at.slice(0, 10)}`}
    </span>
  );
}

/** Admiralty credibility in words. */
export const CREDIBILITY: Record<number, string> = {
  1: 'confirmed by other sources', 2: 'probably true', 3: 'possibly true', 4: 'doubtful', 5: 'improbable', 6: 'cannot be judged',
};
export const RELIABILITY: Record<string, string> = {
  A: 'completely reliable', B: 'usually reliable', C: 'fairly reliable', D: 'not usually reliable', E: 'unreliable', F: 'cannot be judged',
};
export const GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
