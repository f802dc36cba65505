/**
 * What stands between a request and a write: the bearer token, the read-only switch, and the ingest root
 * that paths are confined to. Reads need none of it; the server binds to 127.0.0.1 unless told otherwise.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError, InputError, UnauthorizedError } from '../errors.js';

/** Compared as hashes, so the time taken says nothing about how much of the token was right. */
function sameToken(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * Guards a write endpoint: refused outright (403) on a read-only server or one with no token configured,
 * refused (401) without `Authorization: Bearer <token>` matching it.
 */
export function requireWriteToken(options: { token?: string; readOnly?: boolean }): MiddlewareHandler {
  return async (c, next) => {
    if (options.readOnly) throw new ForbiddenError('this server is read-only (--read-only): writes are refused', { reason: 'read-only' });
    if (!options.token) throw new ForbiddenError('writes are disabled: the server has no ARMSCOPE_TOKEN (or --token) configured', { reason: 'no-token' });
    const m = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '');
    if (!m) throw new UnauthorizedError('this request needs Authorization: Bearer <token>', { reason: 'missing-token' });
    if (!sameToken(m[1], options.token)) throw new UnauthorizedError('the bearer token is not the one configured', { reason: 'wrong-token' });
    await next();
  };
}

/**
 * The real path of `requested` inside `root`, or an error: no root configured, an absolute path, a `..`
 * segment, a path that does not exist, or one whose real path (symlinks followed) lies outside the root.
 * @example await confinedPath('/srv/articles', '2024/report.html') // '/srv/articles/2024/report.html'
 */
export async function confinedPath(root: string | undefined, requested: string): Promise<string> {
  if (!root) throw new ForbiddenError('ingest by path is off: the server has no ARMSCOPE_INGEST_ROOT (or --ingest-root) configured', { reason: 'no-root' });
  if (isAbsolute(requested) || /^[a-z]:/i.test(requested)) throw new ForbiddenError(`path must be relative to the ingest root, got "${requested}"`, { reason: 'absolute', path: requested });
  if (requested.split(/[\\/]/).includes('..')) throw new ForbiddenError(`path may not contain "..": "${requested}"`, { reason: 'parent', path: requested });
  if (requested.includes('\0')) throw new ForbiddenError('path holds a NUL byte', { reason: 'nul' });
  const base = await realpath(root);
  let full: string;
  try {
    full = await realpath(join(base, requested));
  } catch (error) {
    throw new InputError(requested, 'no such file or folder under the ingest root', { path: requested }, { cause: error });
  }
  // A symlink inside the root may point anywhere: the real path decides.
  if (full !== base && !full.startsWith(base + sep)) throw new ForbiddenError(`path leads outside the ingest root: "${requested}"`, { reason: 'escape', path: requested });
  await stat(full);
  return full;
}
