/**
 * Field-level issues from the service (`fields[2].type: expected one of …`) kept as path segments,
 * so each editor can take the issues under its own part and show them next to the right input.
 */
export type PathSegment = string | number;

export interface FieldIssue {
  path: PathSegment[];
  message: string;
}

export function parseIssuePath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const pattern = /([^.[\]]+)|\[(\d+)\]/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(path)) !== null) {
    if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(/^\d+$/.test(match[1]) ? Number(match[1]) : match[1]);
  }
  return segments;
}

export function formatIssuePath(path: PathSegment[]): string {
  return path.reduce<string>((out, segment) => (typeof segment === 'number' ? `${out}[${segment}]` : out ? `${out}.${segment}` : segment), '');
}

export function normalizeIssues(raw: unknown[]): FieldIssue[] {
  return raw
    .filter((item): item is { path?: unknown; message?: unknown } => Boolean(item) && typeof item === 'object')
    .map((item) => {
      const path = Array.isArray(item.path) ? (item.path as PathSegment[]) : parseIssuePath(String(item.path ?? ''));
      // Requests wrap the definition as `{ definition }`; the editors work relative to the definition.
      return { path: path[0] === 'definition' ? path.slice(1) : path, message: String(item.message ?? '') };
    });
}

const startsWith = (path: PathSegment[], prefix: PathSegment[]) => prefix.every((segment, index) => path[index] === segment);

/** The issues under a part of the document, with paths relative to it. */
export function issuesUnder(issues: FieldIssue[], ...prefix: PathSegment[]): FieldIssue[] {
  return issues.filter((issue) => startsWith(issue.path, prefix)).map((issue) => ({ ...issue, path: issue.path.slice(prefix.length) }));
}

/** The message for exactly this path (and anything below it), or undefined. */
export function issueAt(issues: FieldIssue[], ...path: PathSegment[]): string | undefined {
  const found = issuesUnder(issues, ...path);
  return found.length ? found.map((issue) => (issue.path.length ? `${formatIssuePath(issue.path)}: ${issue.message}` : issue.message)).join('; ') : undefined;
}
