/**
 * The service's one error model. Every failure a caller can act on is an AppError
 * subclass with a stable `code`; the central error handler turns it into
 * `{ error: { code, message, details } }` with `status`.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details?: unknown;

  constructor(message: string, options: { status: number; code: string; details?: unknown }) {
    super(message);
    this.name = new.target.name;
    this.status = options.status;
    this.code = options.code;
    this.details = options.details;
  }
}

export interface FieldIssue {
  path: string;
  message: string;
}

export class ValidationError extends AppError {
  constructor(message: string, issues: FieldIssue[] = [], code = 'validation_failed') {
    super(message, { status: 400, code, details: { issues } });
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super(`${what} '${id}' was not found.`, { status: 404, code: 'not_found', details: { what, id } });
  }
}

export class ConflictError extends AppError {
  constructor(message: string, code = 'conflict', details?: unknown) {
    super(message, { status: 409, code, details });
  }
}

export class AuthenticationError extends AppError {
  constructor(message: string, code: string) {
    super(message, { status: 401, code });
  }
}

export class ForbiddenError extends AppError {
  constructor(message: string, code = 'forbidden') {
    super(message, { status: 403, code });
  }
}

export class RateLimitError extends AppError {
  constructor(message: string, retryAfterSeconds: number) {
    super(message, { status: 429, code: 'rate_limited', details: { retryAfterSeconds } });
  }
}

export class UpstreamError extends AppError {
  constructor(message: string, code = 'upstream_failed', details?: unknown, status = 502) {
    super(message, { status, code, details });
  }
}
