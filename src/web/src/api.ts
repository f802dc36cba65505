/**
 * The one way the workspace reaches the API: openapi-fetch typed by `api-types.ts`, which is generated from
 * the server's OpenAPI document (`npm run web:api-types`). A field renamed in the API fails this app's
 * type check, not an analyst's screen. Errors arrive as `ApiError` carrying the server's own words.
 */
import createClient from 'openapi-fetch';
import { useEffect, useState } from 'react';
import type { components, paths } from './api-types';

export type Schemas = components['schemas'];
export const api = createClient<paths>({ baseUrl: '' });

export class ApiError extends Error {
  constructor(message: string, readonly status: number) { super(message); }
}

/** The server's `{ error, message }` body in words, or what went wrong on the way. */
export function explainFailure(error: unknown, response?: Response): ApiError {
  const status = response?.status ?? 0;
  const body = error as { message?: string; error?: string } | undefined;
  if (body && typeof body.message === 'string') return new ApiError(`${body.message} (HTTP ${status}${body.error ? `, ${body.error}` : ''})`, status);
  if (status) return new ApiError(`the server answered HTTP ${status}`, status);
  return new ApiError(`the server could not be reached: ${(error as Error)?.message ?? String(error)}`, 0);
}

/** Unwraps an openapi-fetch result: the data, or an ApiError. The workspace asks for JSON only, never the CSV variants. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<Exclude<T, string>> {
  let result: Awaited<typeof call>;
  try {
    result = await call;
  } catch (error) {
    if ((error as Error)?.name === 'AbortError') throw error;
    throw explainFailure(error);
  }
  if (result.error !== undefined || result.data === undefined) throw explainFailure(result.error, result.response);
  return result.data as Exclude<T, string>;
}

export type Loaded<T> = { state: 'loading' } | { state: 'error'; error: ApiError } | { state: 'ready'; data: T };

/**
 * Runs `load` whenever `key` changes, dropping answers to questions no longer asked.
 * @example const records = useLoad(() => unwrap(api.GET('/api/records', { params: { query } })), [url])
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: unknown[]): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    const abort = new AbortController();
    setResult({ state: 'loading' });
    load(abort.signal).then(
      (data) => { if (!abort.signal.aborted) setResult({ state: 'ready', data }); },
      (error) => { if (!abort.signal.aborted) setResult({ state: 'error', error: error instanceof ApiError ? error : explainFailure(error) }); },
    );
    return () => abort.abort();
  }, key);
  return result;
}
