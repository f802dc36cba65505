/**
 * Configuration from the environment, each setting also a CLI flag. Defaults are documented in the README.
 *
 * | variable | default | meaning |
 * | --- | --- | --- |
 * | ARMSCOPE_DB | ./armscope.db | SQLite file path, or a postgres:// URL |
 * | ARMSCOPE_PORT | 8787 | HTTP port of `armscope serve` |
 * | ARMSCOPE_HOST | 127.0.0.1 | address the server binds to |
 * | ARMSCOPE_TOKEN | (none) | bearer token that write requests need; without it the server takes no writes |
 * | ARMSCOPE_READ_ONLY | 0 | 1 makes `armscope serve` refuse every write |
 * | ARMSCOPE_INGEST_ROOT | (none) | the one folder `POST /api/ingest` may read paths from; without it ingest by path is refused |
 * | ARMSCOPE_BODY_LIMIT | 1MB | largest request body `armscope serve` accepts |
 * | ARMSCOPE_CORS_ORIGIN | (none) | an origin allowed to call the API from a browser (`*` for any); without it no CORS headers are sent |
 * | ARMSCOPE_MAX_BYTES | 20971520 | size cap per input file or download |
 * | ARMSCOPE_FETCH_TIMEOUT | 15000 | URL fetch timeout in ms |
 * | ARMSCOPE_ALLOW_PRIVATE | 0 | 1 lets URL fetching reach private addresses |
 * | ARMSCOPE_WEB_DIR | dist/web in the install | the built analyst workspace `armscope serve` serves at / |
 * | ARMSCOPE_WEB | 1 | 0 serves the API alone, without the workspace |
 * | ARMSCOPE_KB_HOME | ~/.armscope/kb | the folder `kb add` writes to; read at every start |
 * | ARMSCOPE_KB_DIR | (none) | more catalog folders, `:`-separated |
 * | ARMSCOPE_CACHE_DIR | ~/.cache/armscope | compiled-catalog cache (`src/kb/cache.ts`); `off` disables it |
 * | ARMSCOPE_JOB_TIMEOUT | 600 | seconds a queued job may stay active before it counts as lost (its worker died) and is retried |
 * | ARMSCOPE_REFRESH_SECONDS | 10 | how often a worker rebuilds the transfer records its jobs changed (reads of records refresh first anyway) |
 * | ARMSCOPE_JOB_RETRIES | 2 | retries of a failed or lost queued job before it stays failed |
 * | ARMSCOPE_SERVE_PROCESSES | 1 | server processes `armscope serve` starts, sharing its port (one per core uses every core) |
 * | ARMSCOPE_REVIEWER | the system user name | the author recorded on review decisions made from the command line |
 * | ARMSCOPE_WATCH_INTERVAL | 900 | seconds between polls of `armscope watch` |
 * | ARMSCOPE_WATCH_USER_AGENT | armscope-watch/0.1 (feed reader; polls at most every few minutes, sends If-None-Match) | User-Agent of the watcher's feed requests |
 * | ARMSCOPE_WEBHOOK_SECRET | (none) | key of the HMAC-SHA256 signature on webhook alerts; unsigned without it |
 * | ARMSCOPE_CHROMIUM | /usr/bin/chromium | the headless Chromium that renders PDF briefs |
 * | ARMSCOPE_CONFIDENCE_MODEL | data/confidence.json | the confidence model extraction uses: a file `armscope calibrate --out` wrote |
 * | ARMSCOPE_MIN_CONFIDENCE | the model's `threshold` (data/confidence.json) | events less likely to be right are left out of `export` and `transfers` |
 * | ARMSCOPE_MATCH_THRESHOLD | 0.72 (`DEFAULT_THRESHOLD`, src/screen/match.ts) | name-match score at or above which a listed party is a match (`screen`, `match`, `/api/match`) |
 * | ARMSCOPE_CHPL | data/screen/chpl.json | the Common High Priority List file screening reads (a newer version of the same shape) |
 */
import { userInfo } from 'node:os';
import { ConfigError } from './errors.js';
import { defaultConfidenceModel } from './extract/confidence.js';

export interface Config {
  db: string;
  port: number;
  host: string;
  token: string | undefined;
  readOnly: boolean;
  ingestRoot: string | undefined;
  bodyLimit: number;
  corsOrigin: string | undefined;
  maxBytes: number;
  fetchTimeoutMs: number;
  allowPrivate: boolean;
  /** The built workspace; undefined means the one in the install (`src/cli/serve.ts` knows where). */
  webDir: string | undefined;
  web: boolean;
  jobTimeoutSeconds: number;
  jobRetries: number;
  refreshSeconds: number;
  minConfidence: number;
  reviewer: string;
  serveProcesses: number;
  watchIntervalSeconds: number;
  watchUserAgent: string;
  webhookSecret: string | undefined;
  chromium: string;
  matchThreshold: number | undefined;
  chpl: string | undefined;
}

/** The account's name, for decisions made without ARMSCOPE_REVIEWER. */
function userName(): string {
  try { return userInfo().username || 'analyst'; } catch { return 'analyst'; }
}

export const WATCH_USER_AGENT = 'armscope-watch/0.1 (feed reader; polls at most every few minutes, sends If-None-Match)';

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new ConfigError(`${name} must be a whole number, got "${value}"`, { name, value });
  return n;
}

/** A probability from 0 to 1, as `--min-confidence` and ARMSCOPE_MIN_CONFIDENCE take it. */
export function parseProbability(value: string, name = 'min-confidence'): number {
  const n = value.trim() === '' ? NaN : Number(value);
  if (!(n >= 0 && n <= 1)) throw new ConfigError(`${name} must be a number from 0 to 1, got "${value}"`, { name, value });
  return n;
}

/** Parses sizes such as `20MB`, `512k`, `1048576`. */
export function parseSize(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$/i.exec(value);
  if (!m) throw new ConfigError(`not a size: "${value}" (use e.g. 20MB, 512KB)`, { value });
  const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(m[1]) * scale);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    db: env.ARMSCOPE_DB || './armscope.db',
    reviewer: env.ARMSCOPE_REVIEWER || userName(),
    serveProcesses: int('ARMSCOPE_SERVE_PROCESSES', env.ARMSCOPE_SERVE_PROCESSES, 1) || 1,
    port: int('ARMSCOPE_PORT', env.ARMSCOPE_PORT, 8787),
    host: env.ARMSCOPE_HOST || '127.0.0.1',
    token: env.ARMSCOPE_TOKEN || undefined,
    readOnly: env.ARMSCOPE_READ_ONLY === '1' || env.ARMSCOPE_READ_ONLY === 'true',
    ingestRoot: env.ARMSCOPE_INGEST_ROOT || undefined,
    bodyLimit: env.ARMSCOPE_BODY_LIMIT ? parseSize(env.ARMSCOPE_BODY_LIMIT) : 1024 * 1024,
    corsOrigin: env.ARMSCOPE_CORS_ORIGIN || undefined,
    maxBytes: env.ARMSCOPE_MAX_BYTES ? parseSize(env.ARMSCOPE_MAX_BYTES) : 20 * 1024 * 1024,
    fetchTimeoutMs: int('ARMSCOPE_FETCH_TIMEOUT', env.ARMSCOPE_FETCH_TIMEOUT, 15_000),
    allowPrivate: env.ARMSCOPE_ALLOW_PRIVATE === '1' || env.ARMSCOPE_ALLOW_PRIVATE === 'true',
    webDir: env.ARMSCOPE_WEB_DIR || undefined,
    web: env.ARMSCOPE_WEB !== '0' && env.ARMSCOPE_WEB !== 'false',
    jobTimeoutSeconds: Math.max(1, int('ARMSCOPE_JOB_TIMEOUT', env.ARMSCOPE_JOB_TIMEOUT, 600)),
    jobRetries: int('ARMSCOPE_JOB_RETRIES', env.ARMSCOPE_JOB_RETRIES, 2),
    refreshSeconds: int('ARMSCOPE_REFRESH_SECONDS', env.ARMSCOPE_REFRESH_SECONDS, 10),
    // The default is data: chosen on the development set each time the model is fitted.
    matchThreshold: env.ARMSCOPE_MATCH_THRESHOLD ? parseProbability(env.ARMSCOPE_MATCH_THRESHOLD, 'ARMSCOPE_MATCH_THRESHOLD') : undefined,
    chpl: env.ARMSCOPE_CHPL || undefined,
    minConfidence: env.ARMSCOPE_MIN_CONFIDENCE ? parseProbability(env.ARMSCOPE_MIN_CONFIDENCE, 'ARMSCOPE_MIN_CONFIDENCE') : defaultConfidenceModel().threshold,
    watchIntervalSeconds: Math.max(1, int('ARMSCOPE_WATCH_INTERVAL', env.ARMSCOPE_WATCH_INTERVAL, 900)),
    watchUserAgent: env.ARMSCOPE_WATCH_USER_AGENT || WATCH_USER_AGENT,
    webhookSecret: env.ARMSCOPE_WEBHOOK_SECRET || undefined,
    chromium: env.ARMSCOPE_CHROMIUM || '/usr/bin/chromium',
  };
}
