import { z, type ZodType } from 'zod';
import { createLogger, type Logger } from '../logging/logger';

/**
 * The one way repositories read and write their JSON columns. The service writes these columns
 * itself, so a value that does not parse (or no longer has the shape the code expects) means a
 * damaged file or a hand edit: the row is still served with a typed fallback, and one warning
 * names the column and row, instead of one bad row failing every list that contains it.
 */
export interface JsonColumnRead {
  /** `table.column`, for the warning. */
  column: string;
  /** The row's key, for the warning. */
  rowId?: string | number | null;
  /** Checked where the shape matters (arrays of strings the code iterates, objects it spreads); the fallback's type is the result's. */
  schema?: ZodType;
}

let warnings: Logger = createLogger('warn');
// One warning per damaged cell: a list that reads the same row on every request must not flood the log.
const warned = new Set<string>();
const WARNED_LIMIT = 1000;

/** The container hands over the service's logger; until then warnings go to stderr as JSON lines. */
export function setJsonColumnLogger(logger: Logger): void {
  warnings = logger;
}

function warnOnce(read: JsonColumnRead, problem: string): void {
  const key = `${read.column}\u0000${read.rowId ?? ''}`;
  if (warned.has(key)) return;
  if (warned.size >= WARNED_LIMIT) warned.clear();
  warned.add(key);
  warnings.warn('stored JSON column could not be read; using its empty value', { column: read.column, rowId: read.rowId ?? null, problem });
}

/** SQL NULL (or a missing column) is the fallback without a warning; only a damaged value warns. */
export function readJsonColumn<T>(text: string | null | undefined, fallback: T, read: JsonColumnRead): T {
  if (text === null || text === undefined) return fallback;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not the parser's message: it quotes the stored text, which may hold a visitor's details.
    warnOnce(read, `not JSON (${text.length} characters)`);
    return fallback;
  }
  if (!read.schema) return value as T;
  const checked = read.schema.safeParse(value);
  // The stored value itself, not the schema's output: a check must not strip or default anything.
  if (checked.success) return value as T;
  const issue = checked.error.issues[0];
  warnOnce(read, `unexpected shape at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`);
  return fallback;
}

export function writeJsonColumn(value: unknown): string {
  return JSON.stringify(value);
}

/** For nullable columns: null and undefined are stored as SQL NULL, not as the text "null". */
export function writeNullableJsonColumn(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** Shapes several columns share. */
export const jsonShapes = {
  strings: z.array(z.string()),
  object: z.record(z.string(), z.unknown()),
  list: z.array(z.unknown()),
};
