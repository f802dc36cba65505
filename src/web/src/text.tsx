/**
 * Untrusted text on screen. Article text, titles, snippets and source names come from the open web: they
 * are only ever React text children (escaped), never HTML. Highlighting cuts the text into spans by
 * offsets; a URL becomes a link only when it is http(s).
 */
import type { ReactNode } from 'react';

export interface Span { start: number; end: number }

/**
 * `text` with the `spans` (offsets into it, UTF-16 code units) wrapped by `wrap`; overlapping or
 * out-of-range spans are clipped, so any offsets give well-formed output.
 * @example <Marked text="Pantsir S1 arrived" spans={[{ start: 0, end: 7 }]} />
 */
export function Marked({ text, spans, wrap = (t, i) => <mark key={i}>{t}</mark> }: { text: string; spans: Span[]; wrap?: (t: string, i: number) => ReactNode }) {
  const out: ReactNode[] = [];
  let at = 0;
  [...spans].sort((a, b) => a.start - b.start).forEach((s, i) => {
    const start = Math.max(at, Math.min(s.start, text.length));
    const end = Math.max(start, Math.min(s.end, text.length));
    if (start > at) out.push(text.slice(at, start));
    if (end > start) out.push(wrap(text.slice(start, end), i));
    at = Math.max(at, end);
  });
  if (at < text.length) out.push(text.slice(at));
  return <>{out}</>;
}

/** An http(s) address, or null for anything else (`javascript:`, `data:`, a bare path). */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** A link out to the original article when its address is http(s); otherwise the address as plain text. */
export function SourceLink({ url, children }: { url: string | null | undefined; children: ReactNode }) {
  const safe = safeUrl(url);
  if (!safe) return <span>{children}</span>;
  return <a href={safe} target="_blank" rel="noopener noreferrer nofollow" className="external">{children}</a>;
}
