/** Small pieces every view shares: links, loading, empty and error states, country names, status badges. */
import type { ReactNode } from 'react';
import type { Loaded } from './api';
import type { paths } from './api-types';
import { followLink } from './url';

export function Link({ to, children, className, title, current }: { to: string; children: ReactNode; className?: string; title?: string; current?: boolean }) {
  return <a href={to} onClick={followLink} className={className} title={title} aria-current={current ? 'page' : undefined}>{children}</a>;
}

export function Loading({ what }: { what: string }) {
  return <p className="loading" role="status" aria-live="polite"><span className="spinner" aria-hidden="true" /> Loading {what}…</p>;
}

export function ErrorNote({ what, error }: { what: string; error: Error }) {
  return <div className="error" role="alert"><strong>Could not load {what}.</strong> {error.message}</div>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

/** Renders `loaded` with `render` once ready, with the loading and error states in between. */
export function Show<T>({ loaded, what, children }: { loaded: Loaded<T>; what: string; children: (data: T) => ReactNode }) {
  if (loaded.state === 'loading') return <Loading what={what} />;
  if (loaded.state === 'error') return <ErrorNote what={what} error={loaded.error} />;
  return <>{children(loaded.data)}</>;
}

const names = new Intl.DisplayNames(['en'], { type: 'region' });

/** A country's English name from its ISO code (the browser's own table; the code itself when unknown). */
export function countryName(code: string | null | undefined): string {
  if (!code) return '';
  try { return names.of(code.toUpperCase()) ?? code; } catch { return code; }
}

/** Every ISO code the browser has an English name for, for country pickers: [code, name], by name. */
export const COUNTRY_CODES: [string, string][] = (() => {
  const out: [string, string][] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      const name = countryName(code);
      if (name !== code) out.push([code, name]);
    }
  }
  return out.sort((x, y) => x[1].localeCompare(y[1]));
})();

/** A two-letter code from what was typed: a code as it is, else the country whose name matches. */
export function countryCode(typed: string): string {
  const t = typed.trim();
  if (/^[a-z]{2}$/i.test(t)) return t.toUpperCase();
  const lower = t.toLowerCase();
  return (COUNTRY_CODES.find(([, n]) => n.toLowerCase() === lower) ?? COUNTRY_CODES.find(([, n]) => n.toLowerCase().startsWith(lower)))?.[0] ?? t;
}

/** A country as a link to its profile. */
export function Country({ code }: { code: string | null | undefined }) {
  if (!code) return <span className="muted">—</span>;
  return <Link to={`/country?code=${encodeURIComponent(code)}`} className="country" title={code}>{countryName(code)}</Link>;
}

export function Status({ status, hedged }: { status: string | null; hedged?: boolean }) {
  if (!status) return <span className="muted">—</span>;
  return <span className={`status status-${status}`}>{status}{hedged ? <span className="hedge" title="reported with hedging (reportedly, allegedly…)">?</span> : null}</span>;
}

type RecordsQuery = NonNullable<paths['/api/records']['get']['parameters']['query']>;
export type Category = NonNullable<RecordsQuery['category']>;
export type TransferStatus = NonNullable<RecordsQuery['status']>;
export type ReferenceClass = NonNullable<RecordsQuery['reference']>;

// The API's enums as lists for the filter menus; `Exhaustive` fails the type check when the API gains a value.
type Exhaustive<T, L extends readonly T[]> = [T] extends [L[number]] ? L : never;
const list = <T,>() => <L extends readonly T[]>(l: Exhaustive<T, L>) => l;
export const CATEGORIES = list<Category>()(['uav', 'combat-aircraft', 'trainer-aircraft', 'transport-aircraft', 'helicopter', 'air-defence', 'missile',
  'anti-tank', 'armoured-vehicle', 'artillery', 'ammunition', 'small-arms', 'ship', 'radar', 'electronic-warfare', 'surveillance', 'components', 'other'] as const);
export const STATUSES = list<TransferStatus>()(['interest', 'offered', 'negotiating', 'agreed', 'delivered', 'cancelled', 'denied'] as const);
export const REFERENCE_CLASSES = list<ReferenceClass>()(['matched', 'status-differs', 'reported-not-in-reference'] as const);

/** A field of a filter bar: a label above its control. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return <label className="field"><span>{label}</span>{children}</label>;
}
