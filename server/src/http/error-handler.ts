import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../core/errors';
import type { Logger } from '../logging/logger';

export function notFoundHandler(): RequestHandler {
  return (request, response) => {
    response.status(404).json({
      error: {
        code: 'route_not_found',
        message: `No route for ${request.method} ${request.path}. See docs/admin-api.md for the available routes.`,
      },
    });
  };
}

/** Maps body-parser's own errors (malformed JSON, oversized, wrong charset) to clear JSON errors. */
function fromBodyParser(error: { type?: string; status?: number; limit?: number; message?: string }): AppError | null {
  switch (error.type) {
    case 'entity.parse.failed':
      return new AppError(`The request body is not valid JSON: ${error.message ?? 'parse error'}.`, {
        status: 400,
        code: 'malformed_json',
      });
    case 'entity.too.large':
      return new AppError(`The request body is larger than the ${error.limit ?? ''} byte limit.`, {
        status: 413,
        code: 'body_too_large',
      });
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('The request body must be UTF-8 encoded JSON.', { status: 415, code: 'unsupported_encoding' });
    default:
      return null;
  }
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error, request, response, _next) => {
    const known = error instanceof AppError ? error : fromBodyParser(error ?? {});
    if (known) {
      if (known.status >= 500) logger.warn('request failed', { path: request.path, code: known.code, message: known.message });
      response.status(known.status).json({
        error: { code: known.code, message: known.message, ...(known.details === undefined ? {} : { details: known.details }) },
      });
      return;
    }
    logger.error('unexpected error', { path: request.path, method: request.method, error: String(error?.stack ?? error) });
    if (response.headersSent) return;
    response.status(500).json({ error: { code: 'internal_error', message: 'Something went wrong on our side; the error has been logged.' } });
  };
}
