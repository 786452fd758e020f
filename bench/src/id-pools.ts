import type { Sql } from './bench-database';

/** Random ids of the account (ORDER BY random() reads the account's rows once: fine for a harness). */
export async function randomIds(sql: Sql, accountId: string, count: number): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select id from market_segments where account_id = ${accountId} order by random() limit ${count}`;
  return rows.map((row) => row.id);
}

/** Ids among the oldest rows, skipping the last page: a cursor there asks for one of the last full pages. */
export async function deepIds(sql: Sql, accountId: string, count: number): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select id from market_segments where account_id = ${accountId}
    order by created_at asc, id asc offset 11 limit ${count}`;
  return rows.map((row) => row.id);
}

/** Ids of the rows created since `since` (by the create scenario): the delete scenario removes them. */
export async function idsCreatedSince(sql: Sql, accountId: string, since: Date): Promise<string[]> {
  const rows = await sql<{ id: string }[]>`
    select id from market_segments where account_id = ${accountId} and created_at >= ${since}`;
  return rows.map((row) => row.id);
}

/** Process ids of the backends connected to the benchmark database, except this harness's own. */
export function backendPidsOf(sql: Sql): () => Promise<number[]> {
  return async () => {
    const rows = await sql<{ pid: number }[]>`
      select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
    return rows.map((row) => row.pid);
  };
}
