import type { ActionField } from '../../lib/service-types';

/** A key the schema accepts (`audience_size`) derived from a label ("Audience size"). */
export function keyFromLabel(label: string): string {
  const key = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40);
  return key || 'field';
}

export function uniqueKey(base: string, fields: ActionField[], except?: number): string {
  const taken = new Set(fields.filter((_, index) => index !== except).map((field) => field.key));
  if (!taken.has(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base.slice(0, 37)}_${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export function newField(fields: ActionField[]): ActionField {
  return { key: uniqueKey('new_field', fields), label: '', type: 'text', required: true, question: '', validation: {} };
}
