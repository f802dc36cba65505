/**
 * Errors become HTTP responses here and only here: every `ArmscopeError` subclass carries its status, so a
 * handler throws and this maps it to `{ error, message, details }`. Request validation (zod, through
 * `@hono/zod-openapi`) throws a `ValidationError` naming the parameter; anything else is a 500 whose
 * message says nothing of the server's internals.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from '@hono/zod-openapi';
import { ArmscopeError, NotFoundError, ValidationError } from '../errors.js';

export interface ErrorBody {
  error: string;
  message: string;
  details: Record<string, unknown>;
}

/** `app.onError`: the one mapping from errors to responses. */
export function errorResponse(error: Error, c: Context): Response {
  if (error instanceof ArmscopeError) {
    if (error.status === 401) c.header('WWW-Authenticate', 'Bearer realm="armscope"');
    return c.json({ error: error.code, message: error.message, details: error.details } satisfies ErrorBody, error.status as ContentfulStatusCode);
  }
  // Hono's own refusals before a handler runs: a body that is not JSON (400), a wrong content type (415).
  if (error instanceof HTTPException) {
    const code = error.status === 400 ? 'invalid' : error.status === 415 ? 'unsupported-media-type' : 'http';
    return c.json({ error: code, message: error.message || 'request refused', details: {} } satisfies ErrorBody, error.status);
  }
  // Unexpected: logged for the operator, never echoed to the client (it may hold paths or SQL).
  console.error(error);
  return c.json({ error: 'internal', message: 'internal error', details: {} } satisfies ErrorBody, 500);
}

/** `app.notFound`: unknown paths answer in the same shape as every other error. */
export function notFound(c: Context): Response {
  return errorResponse(new NotFoundError(`no such endpoint: ${c.req.method} ${c.req.path}`, { path: c.req.path }), c);
}

type HookResult = { success: true } | { success: false; error: z.ZodError; target: string };

/**
 * The validation hook of every route: a request that fails its zod schema is a `ValidationError` naming
 * the first bad parameter (`limit: Too big: expected number to be <=500`), with every issue in the details.
 */
export function validationHook(result: HookResult): void {
  if (result.success) return;
  const issues = result.error.issues.map((i) => ({ parameter: i.path.join('.') || '(body)', message: i.message }));
  const first = issues[0];
  throw new ValidationError(`${first.parameter}: ${first.message}`, { in: result.target, parameter: first.parameter, issues });
}
