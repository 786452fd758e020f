import type { Sql } from './bench-database';
import type { CapturedStatement } from './sql-capture-proxy';

const literal = (value: string | null) => (value === null ? 'null' : `'${value.replace(/'/g, "''")}'`);

/** Statements worth explaining: the queries, not transaction control or session settings. */
export const isExplainable = (sql: string) => /^\s*(select|insert|update|delete|with)\b/i.test(sql);

/**
 * EXPLAIN (ANALYZE, BUFFERS) of a captured statement executed with its captured parameters, as a
 * prepared statement under the given plan cache mode (custom: planned for these values; generic:
 * the plan a prepared statement settles on). Runs in a transaction that is rolled back.
 */
export async function explainStatement(
  sql: Sql,
  statement: CapturedStatement,
  mode: 'force_custom_plan' | 'force_generic_plan',
): Promise<string> {
  try {
    return await explainOnce(sql, statement, mode, 'analyze, buffers');
  } catch (error) {
    // An insert re-run with its captured id collides with the row the request created.
    const reason = error instanceof Error ? error.message : String(error);
    const plan = await explainOnce(sql, statement, mode, 'costs');
    return `${plan}\n(plan only, not executed: ${reason})`;
  }
}

async function explainOnce(
  sql: Sql,
  statement: CapturedStatement,
  mode: 'force_custom_plan' | 'force_generic_plan',
  options: string,
): Promise<string> {
  const connection = await sql.reserve();
  try {
    await connection.unsafe('begin');
    await connection.unsafe(`set local plan_cache_mode = ${mode}`);
    await connection.unsafe(`prepare bench_explain as ${statement.sql}`);
    const args = statement.params.length === 0 ? '' : `(${statement.params.map(literal).join(', ')})`;
    const rows = await connection.unsafe<{ 'QUERY PLAN': string }[]>(
      `explain (${options}) execute bench_explain${args}`,
    );
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  } finally {
    await connection.unsafe('rollback');
    await connection.unsafe('deallocate all');
    connection.release();
  }
}
