/**
 * The one error hierarchy. Every failure a user can cause is an `ArmscopeError` subclass carrying an HTTP
 * status, a machine-readable code and structured details; the CLI and the HTTP API each turn it into a
 * message in exactly one place (`src/cli/main.ts`, `src/serve/errors.ts`).
 */
export class ArmscopeError extends Error {
  readonly status: number = 500;
  readonly code: string = 'internal';
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** A value that failed its type's `parse`: names the field and the value. */
export class ValidationError extends ArmscopeError {
  override readonly status = 400;
  override readonly code = 'invalid';
}

/** An input (file, URL, feed item, line) that cannot be read as an article. */
export class InputError extends ArmscopeError {
  override readonly status = 422;
  override readonly code = 'bad-input';
  constructor(
    readonly input: string,
    reason: string,
    details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(`${input}: ${reason}`, { input, reason, ...details }, options);
  }
}

/** Catalog data that breaks its schema: names the file, the entry and the field. */
export class CatalogError extends ArmscopeError {
  override readonly status = 400;
  override readonly code = 'bad-catalog';
}

export class NotFoundError extends ArmscopeError {
  override readonly status = 404;
  override readonly code = 'not-found';
}

/** A request without the credentials a write needs. */
export class UnauthorizedError extends ArmscopeError {
  override readonly status = 401;
  override readonly code = 'unauthorized';
}

/** A request the server refuses whoever asks: writes on a read-only server, a path outside the ingest root. */
export class ForbiddenError extends ArmscopeError {
  override readonly status = 403;
  override readonly code = 'forbidden';
}

/** A request body over the server's size limit. */
export class PayloadTooLargeError extends ArmscopeError {
  override readonly status = 413;
  override readonly code = 'too-large';
}

export class ConfigError extends ArmscopeError {
  override readonly status = 500;
  override readonly code = 'config';
}

/** The store cannot take a write (disk full, server gone): what was stored stays intact; the batch stops. */
export class StoreError extends ArmscopeError {
  override readonly status = 503;
  override readonly code = 'store';
}

/** A URL the fetcher refuses: private address, wrong scheme, too large, wrong content type. */
export class FetchError extends InputError {}

/** Problems in a watch rules file, each with the file, the line and the field (all of a file at once). */
export class RuleFileError extends ValidationError {
  constructor(readonly problems: { file: string; line: number; field: string; message: string }[]) {
    super(problems.map((p) => `${p.file}:${p.line}: ${p.field}: ${p.message}`).join('\n'), { problems });
  }
}

/** A webhook that did not accept an alert after every attempt (the alert stays owed to it). */
export class DeliveryError extends ArmscopeError {
  override readonly status = 502;
  override readonly code = 'delivery';
}
