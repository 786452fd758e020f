import type { Database } from './database';

/**
 * One prepared query per database handle, built on first use. Drizzle then neither rebuilds the
 * SQL text nor walks its query tree on each call (a fifth of the CPU time of a retrieve request
 * went there; bench/README.md). Values are passed with `sql.placeholder(...)` at execution. A
 * transaction is a handle of its own: its queries are built for it, and forgotten with it.
 */
export function preparedPerDatabase<Query>(build: (db: Database) => Query): (db: Database) => Query {
  const cache = new WeakMap<Database, Query>();
  return (db) => {
    let query = cache.get(db);
    if (query === undefined) {
      query = build(db);
      cache.set(db, query);
    }
    return query;
  };
}
