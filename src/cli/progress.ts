/**
 * Progress for long jobs: a redrawn bar with rate and ETA on a terminal, plain summary lines every few
 * seconds elsewhere (CI logs, pipes), so neither floods nor stays silent.
 */
import type { RebuildProgress } from '../store/store.js';

export interface ProgressReporter {
  update(done: number, total: number, bytes: number): void;
  /** Prints a line without breaking the bar. */
  log(line: string): void;
  done(): void;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m}m${String(Math.round(seconds % 60)).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** @param unit what is counted, in the plain lines (`inputs` for ingest, `documents`, `rows`). */
export function createProgress(label: string, stream: NodeJS.WriteStream = process.stderr, unit = 'inputs', isTty = Boolean(stream.isTTY) && !process.env.CI): ProgressReporter {
  const started = Date.now();
  let lastDraw = 0;
  let lastLine = 0;
  let drawn = false;
  let state = { done: 0, total: 0, bytes: 0 };
  const text = () => {
    const elapsed = (Date.now() - started) / 1000;
    const rate = elapsed > 0 ? state.done / elapsed : 0;
    const mbs = elapsed > 0 ? state.bytes / 1e6 / elapsed : 0;
    const eta = rate > 0 ? (state.total - state.done) / rate : Infinity;
    return { elapsed, rate, mbs, eta };
  };
  const clear = () => { if (drawn) { stream.write('\r\x1b[2K'); drawn = false; } };
  const draw = () => {
    const { rate, mbs, eta } = text();
    const width = 28;
    const share = state.total ? Math.min(1, state.done / state.total) : 0;
    const bar = '█'.repeat(Math.round(share * width)).padEnd(width, '░');
    stream.write(`\r\x1b[2K${label} ${bar} ${state.done}/${state.total} ${rate.toFixed(1)}/s ${mbs.toFixed(2)} MB/s ETA ${duration(eta)}`);
    drawn = true;
  };
  return {
    update(done, total, bytes) {
      state = { done, total, bytes };
      const now = Date.now();
      if (isTty) {
        if (now - lastDraw > 100 || done === total) { draw(); lastDraw = now; }
      } else if (now - lastLine > 5000 && done < total) {
        const { rate, eta } = text();
        stream.write(`${label}: ${done}/${total} ${unit}, ${rate.toFixed(1)}/s, about ${duration(eta)} left\n`);
        lastLine = now;
      }
    },
    log(line) {
      clear();
      stream.write(`${line}\n`);
      if (isTty && state.total) draw();
    },
    done() { clear(); },
  };
}

/**
 * Progress of the rebuild a migration asks for when a store from an older armscope is first opened (the
 * search index or the transfer records, read again from every document): silent when there is none.
 */
export function rebuildProgress(stream: NodeJS.WriteStream = process.stderr): (p: RebuildProgress) => void {
  let current: { what: string; bar: ProgressReporter } | undefined;
  return (p) => {
    const { name, unit } = REBUILT[p.what];
    if (current?.what !== p.what) {
      current?.bar.done();
      current = { what: p.what, bar: createProgress(`rebuilding the ${name}`, stream, unit) };
    }
    current.bar.update(p.done, p.total, 0);
    if (p.done >= p.total) {
      current.bar.done();
      stream.write(`${name} rebuilt: ${p.total} ${unit}\n`);
      current = undefined;
    }
  };
}

/** What each rebuild is called, and what it counts. */
export const REBUILT: Record<RebuildProgress['what'], { name: string; unit: string }> = {
  search: { name: 'search index', unit: 'documents' },
  records: { name: 'transfer records', unit: 'supplier-recipient pairs' },
};
