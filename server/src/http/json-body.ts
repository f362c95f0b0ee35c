import type { IncomingMessage } from 'node:http';
import express, { type Request, type RequestHandler } from 'express';
import { AppError } from '../core/errors';

/**
 * Request bodies are read as bytes and parsed only when a handler first reads `request.body`
 * (security review, finding 9: up to 7 MB of JSON used to be parsed for an unsigned request).
 * Handlers run after their route's checks (adminAuth verifies the signature over the raw bytes,
 * visitor routes verify the token before they read the body), so a refused request is never parsed.
 * Limits are per route (app.ts): the knowledge upload allows 7 MB, the visitor chat 64 KB.
 */
type RawRequest = Request & { rawBody?: Buffer };

function charsetOf(request: IncomingMessage): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(String(request.headers['content-type'] ?? ''));
  return match ? match[1].toLowerCase() : null;
}

function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw new AppError(`The request body is not valid JSON: ${error instanceof Error ? error.message : 'parse error'}.`, { status: 400, code: 'malformed_json' });
  }
  if (value === null || typeof value !== 'object') {
    throw new AppError('The request body must be a JSON object or array.', { status: 400, code: 'malformed_json' });
  }
  return value;
}

/** Reads the body (up to `limit`) into `rawBody` and makes `body` parse it on first read. */
export function rawJsonBody(limit: string): RequestHandler[] {
  return [
    express.raw({ type: 'application/json', limit }),
    (request, _response, next) => {
      const raw = request as RawRequest;
      if (raw.rawBody !== undefined) return next(); // an earlier, route-specific reader took it
      const charset = charsetOf(request);
      if (charset && charset !== 'utf-8' && charset !== 'utf8') {
        throw new AppError('The request body must be UTF-8 encoded JSON.', { status: 415, code: 'unsupported_encoding' });
      }
      raw.rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      let parsed: { value: unknown } | null = null;
      Object.defineProperty(request, 'body', {
        configurable: true,
        enumerable: true,
        get() {
          parsed ??= { value: parseJson(raw.rawBody!) };
          return parsed.value;
        },
        set(value: unknown) {
          parsed = { value };
        },
      });
      next();
    },
  ];
}
