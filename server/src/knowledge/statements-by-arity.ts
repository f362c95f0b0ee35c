import type BetterSqlite3 from 'better-sqlite3';

/**
 * Prepared statements for SQL with an `IN (?, ?, …)` list, one per list length, prepared once:
 * `statementFor(count, (marks) => \`… IN (${marks})\`)`. Each call site keeps its own cache.
 */
export function statementsByArity(db: BetterSqlite3.Database) {
  const cache = new Map<number, BetterSqlite3.Statement>();
  return function statementFor(count: number, sql: (marks: string) => string): BetterSqlite3.Statement {
    let statement = cache.get(count);
    if (!statement) {
      statement = db.prepare(sql(Array.from({ length: count }, () => '?').join(', ')));
      cache.set(count, statement);
    }
    return statement;
  };
}
