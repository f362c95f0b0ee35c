import type { z } from 'zod';
import { ValidationError, type FieldIssue } from './errors';

/** Formats a zod path as `fields[2].type`, the way a person reads a JSON document. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/**
 * Parses untrusted input with a schema; on failure throws a ValidationError whose message lists
 * every problem as "path: what is accepted".
 */
export function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = issuesFromZod(result.error);
  const summary = issues
    .slice(0, 10)
    .map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message))
    .join('; ');
  throw new ValidationError(`Invalid ${what}: ${summary}`, issues);
}
