/**
 * A line's reasons, each with the column it comes from and its explanation. A name match shows what the
 * matcher saw: the listed party, the name that matched, score against threshold, the features and each
 * query word with the listed word it was aligned to. Every value is a text child: cells and list names
 * come from outside and are never markup.
 */
import type { ReactNode } from 'react';
import { LEVEL_WORDS, PARTY_KINDS, type Level, type Line, type Reason } from '../../screen';

/** A risk level as a badge: coloured, and always in words. */
export function RiskBadge({ level }: { level: Level }) {
  return <span className={`risk risk-${level}`}>{LEVEL_WORDS[level]}</span>;
}

/** The features of a match in words, for the per-feature table. */
export const FEATURE_WORDS: Record<string, string> = {
  name_match: 'name similarity (weighted words)',
  name_literal_match: 'a listed name written the same way',
  name_phonetic_words: 'share of words that only sound alike',
  name_fuzzy_words: 'share of words alike but for a few letters',
  name_word_substituted: 'words of one name missing from the other',
  country_match: 'the same country on both sides',
  country_disjoint: 'countries on both sides, none shared (−0.1)',
  legal_form_mismatch: 'legal forms of different classes',
};

interface Word { query: string; listed: string | null; similarity: number; weight: number }

export function Features({ features }: { features: Record<string, number> }) {
  const entries = Object.entries(features);
  if (!entries.length) return null;
  return (
    <table className="data compact features" aria-label="Features">
      <thead><tr><th>Feature</th><th>Value</th><th>Meaning</th></tr></thead>
      <tbody>{entries.map(([k, v]) => <tr key={k}><td><code>{k}</code></td><td>{v}</td><td>{FEATURE_WORDS[k] ?? ''}</td></tr>)}</tbody>
    </table>
  );
}

export function Words({ words }: { words: Word[] }) {
  if (!words.length) return null;
  return (
    <table className="data compact words" aria-label="Words aligned">
      <thead><tr><th>Query word</th><th>Listed word</th><th>Similarity</th><th>Weight</th></tr></thead>
      <tbody>{words.map((w, i) => <tr key={i}><td>{w.query}</td><td>{w.listed ?? <span className="muted">not found</span>}</td><td>{w.similarity}</td><td>{w.weight}</td></tr>)}</tbody>
    </table>
  );
}

function PartyMatch({ details }: { details: Record<string, unknown> }) {
  const s = (k: string) => (typeof details[k] === 'string' ? (details[k] as string) : '');
  const score = Number(details.score);
  const threshold = Number(details.threshold);
  const topics = Array.isArray(details.topics) ? (details.topics as string[]).join(', ') : '';
  return (
    <div className="party-match">
      <dl className="facts">
        <dt>Listed party</dt><dd>{s('caption')} <span className="muted">({s('schema')}, <code>{s('entity')}</code>)</span></dd>
        <dt>Matched name</dt><dd>{s('matched_name')} <span className="muted">normalised query: {s('normalised')}</span></dd>
        <dt>Score</dt><dd><strong>{score}</strong> {score >= threshold ? '≥' : '<'} threshold {threshold}: {score >= threshold ? 'a match' : 'not a match'}</dd>
        <dt>List version</dt><dd><code>{s('list_version')}</code></dd>
        {topics ? <><dt>Topics</dt><dd>{topics}</dd></> : null}
      </dl>
      <Features features={(details.features ?? {}) as Record<string, number>} />
      <Words words={(Array.isArray(details.words) ? details.words : []) as Word[]} />
    </div>
  );
}

function Extra({ reason }: { reason: Reason }): ReactNode {
  if (PARTY_KINDS.has(reason.kind)) return <PartyMatch details={reason.details} />;
  if (reason.kind === 'component' && Array.isArray(reason.details.systems)) {
    const systems = reason.details.systems as { name: string }[];
    return systems.length ? <p className="small muted">Documented in: {systems.map((x) => x.name).join(', ')}</p> : null;
  }
  return null;
}

/** Every reason behind a line's level, highest first as the screen gave them. */
export function LineReasons({ line }: { line: Line }) {
  if (!line.reasons.length) return <p className="muted">No reason to look at this line: no CHPL code, component class, listed party, country of concern or red flag.</p>;
  return (
    <ol className="reasons-list" aria-label={`Reasons for line ${line.line}`}>
      {line.reasons.map((r, i) => (
        <li key={i} data-kind={r.kind}>
          <RiskBadge level={r.level} /> <strong className="reason-kind">{r.kind}</strong> <span className="muted">from {r.field}</span>
          <p className="reason-message">{r.message}</p>
          <Extra reason={r} />
        </li>
      ))}
    </ol>
  );
}
