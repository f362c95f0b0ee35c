import type { Request } from 'express';

/** The origin the browser used to reach this service, e.g. http://127.0.0.1:8787. */
export function ownOrigin(request: Request): string {
  return `${request.protocol}://${request.get('host') ?? 'localhost'}`;
}
