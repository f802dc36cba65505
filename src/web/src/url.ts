/**
 * View state lives in the URL: each view reads its filters from the query string and writes them back, so
 * a copied link reproduces what the analyst saw. Navigation is the History API; no router library is
 * needed for a handful of flat paths.
 */
import { useEffect, useState, type MouseEvent } from 'react';

const CHANGED = 'armscope:navigate';

export function navigate(to: string, options: { replace?: boolean } = {}) {
  if (to === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, '', to); else history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGED));
}

/** The current path and query, re-read on every navigation and on back/forward. */
export function useLocation(): { path: string; params: URLSearchParams } {
  const read = () => ({ path: location.pathname, params: new URLSearchParams(location.search) });
  const [current, setCurrent] = useState(read);
  useEffect(() => {
    const update = () => setCurrent(read());
    window.addEventListener('popstate', update);
    window.addEventListener(CHANGED, update);
    return () => { window.removeEventListener('popstate', update); window.removeEventListener(CHANGED, update); };
  }, []);
  return current;
}

/** A link to `path` with `params` (empty values left out). */
export function href(path: string, params: Record<string, string | number | undefined | null> = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** The view's query with `patch` applied (undefined or '' removes a key); filters replace the history entry. */
export function setParams(patch: Record<string, string | number | undefined | null>, options: { push?: boolean } = {}) {
  const q = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined || v === null || v === '') q.delete(k); else q.set(k, String(v));
  }
  const s = q.toString();
  navigate(s ? `${location.pathname}?${s}` : location.pathname, { replace: !options.push });
}

/** Follows a same-origin link without reloading the page (modified clicks keep the browser's meaning). */
export function followLink(event: MouseEvent<HTMLAnchorElement>) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const a = event.currentTarget;
  if (a.target || a.origin !== location.origin || a.pathname.startsWith('/api/')) return;
  event.preventDefault();
  navigate(a.pathname + a.search);
  window.scrollTo(0, 0);
}
