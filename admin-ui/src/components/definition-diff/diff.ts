import type { DiffLine } from './types';

/** Flattens a JSON document to `fields[2].label → "Email"`, so two versions compare line by line. */
export function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(prefix, '[]');
    value.forEach((item, index) => flatten(item, `${prefix}[${index}]`, out));
  } else if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    if (entries.length === 0) out.set(prefix, '{}');
    entries.forEach(([key, item]) => flatten(item, prefix ? `${prefix}.${key}` : key, out));
  } else if (value !== undefined) {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

export function diffDefinitions(before: unknown, after: unknown): DiffLine[] {
  const left = flatten(before);
  const right = flatten(after);
  const lines: DiffLine[] = [];
  for (const [path, value] of left) {
    if (!right.has(path)) lines.push({ path, kind: 'removed', before: value });
    else if (right.get(path) !== value) lines.push({ path, kind: 'changed', before: value, after: right.get(path) });
  }
  for (const [path, value] of right) if (!left.has(path)) lines.push({ path, kind: 'added', after: value });
  return lines;
}
