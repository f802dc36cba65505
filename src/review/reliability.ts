/**
 * Two separate judgements, as the Admiralty (NATO) system keeps them apart: how reliable a *source* is
 * (A–F, set by analysts per publisher and kept as data; F, "cannot be judged", until someone grades it),
 * and how credible a *claim* is (1–6), which follows from what the reporting itself shows: how many
 * publishers state it, whether they hedge, whether they contradict each other. Neither is the extractor's
 * confidence, which says how likely the reading of a sentence is right.
 */
import { ValidationError } from '../errors.js';
import type { TransferRecord } from '../resolve/transfers.js';
import type { PublisherGrade } from '../store/store.js';

export const GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Grade = (typeof GRADES)[number];

export const GRADE_MEANING: Record<Grade, string> = {
  A: 'completely reliable', B: 'usually reliable', C: 'fairly reliable', D: 'not usually reliable', E: 'unreliable', F: 'reliability cannot be judged',
};

export const CREDIBILITY_MEANING: Record<number, string> = {
  1: 'confirmed by other sources', 2: 'probably true', 3: 'possibly true', 4: 'doubtful', 5: 'improbable', 6: 'truth cannot be judged',
};

export function parseGrade(value: string, field = 'grade'): Grade {
  const g = value.trim().toUpperCase();
  if (!(GRADES as readonly string[]).includes(g)) throw new ValidationError(`${field} must be one of A–F (Admiralty scale), got "${value}"`, { field, value });
  return g as Grade;
}

/** A grade lookup with the default: a publisher nobody graded is F. */
export function gradeBook(grades: PublisherGrade[]): (publisher: string) => Grade {
  const map = new Map(grades.map((g) => [g.publisher.toLowerCase(), g.grade as Grade]));
  return (publisher) => map.get(publisher.toLowerCase()) ?? 'F';
}

/** `a` is at least as reliable as `b` (A is best). */
export const atLeast = (a: Grade, b: Grade) => a <= b;

export interface RecordAssessment {
  /** The best grade among the record's publishers, and each publisher's. */
  reliability: Grade;
  publishers: { publisher: string; grade: Grade }[];
  /** 1–6: see `credibilityOf`. */
  credibility: number;
  /** Publishers graded at or above `minGrade` (all of them when none is chosen). */
  gradedCorroboration: number;
}

/**
 * The claim's credibility from its reporting:
 * 1 two or more publishers state it unhedged and none contradicts; 2 one publisher graded A or B states it
 * unhedged; 3 one other publisher states it unhedged, or several hedge it; 4 one publisher, hedged; 5 the
 * publishers contradict each other (delivered against denied); 6 nothing to judge by (no source kept).
 * @example credibilityOf(record, gradeBook(grades)) // 1 for a delivery three outlets report plainly
 */
export function credibilityOf(r: Pick<TransferRecord, 'sources' | 'hedged' | 'conflicts'>, gradeOf: (publisher: string) => Grade): number {
  const publishers = [...new Set(r.sources.map((s) => s.publisher))];
  if (!publishers.length) return 6;
  if (r.conflicts.length) return 5;
  if (publishers.length >= 2) return r.hedged ? 3 : 1;
  if (r.hedged) return 4;
  return atLeast(gradeOf(publishers[0]), 'B') ? 2 : 3;
}

export function assess(r: TransferRecord, gradeOf: (publisher: string) => Grade, minGrade?: Grade): RecordAssessment {
  const publishers = [...new Set(r.sources.map((s) => s.publisher))].map((publisher) => ({ publisher, grade: gradeOf(publisher) }));
  const reliability = publishers.map((p) => p.grade).sort()[0] ?? 'F';
  return {
    reliability, publishers, credibility: credibilityOf(r, gradeOf),
    gradedCorroboration: minGrade ? publishers.filter((p) => atLeast(p.grade, minGrade)).length : publishers.length,
  };
}
