import type { FieldValue } from '../actions/qualification';

/**
 * Merge tags such as {{name}} in completion messages and step templates. Unknown tags are left
 * visible rather than blanked, so a typo in the builder shows up in the playground.
 */
export function renderTemplate(template: string, values: Record<string, FieldValue | string | number | undefined>): string {
  return template.replace(/\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/gi, (whole, key: string) => {
    const value = values[key];
    return value === undefined || value === null ? whole : String(value);
  });
}
