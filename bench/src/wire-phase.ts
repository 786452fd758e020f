import type { ExplainedQuery, RoundTrips, Target } from './bench-results';
import type { Sql } from './bench-database';
import { explainStatement, isExplainable } from './explain-plans';
import { deepIds, idsCreatedSince, randomIds } from './id-pools';
import { fire } from './load-run';
import { SCENARIOS, type IdPools } from './scenarios';
import type { ServerProcess } from './server-process';
import { startSqlCaptureProxy, type CapturedStatement } from './sql-capture-proxy';

const REQUESTS = 20;

export interface WirePhaseOptions {
  sql: Sql;
  databaseUrl: string;
  accountId: string;
  token: string;
  start: Record<Exclude<Target, 'ours, WEB_CONCURRENCY=2'>, (databaseUrl: string) => Promise<ServerProcess>>;
  explain: boolean;
}

/**
 * Each server through its own capturing proxy: round trips and statements per request of every
 * operation (after warm-up, one connection), and the EXPLAIN of the statements ours sent.
 */
export async function runWirePhase(options: WirePhaseOptions) {
  const { sql, accountId } = options;
  const roundTrips: RoundTrips[] = [];
  const explain: ExplainedQuery[] = [];
  const explained = new Set<string>();
  const target = new URL(options.databaseUrl);
  for (const [name, start] of Object.entries(options.start) as [
    keyof WirePhaseOptions['start'],
    WirePhaseOptions['start']['ours'],
  ][]) {
    const proxy = await startSqlCaptureProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(options.databaseUrl);
    viaProxy.port = String(proxy.port);
    const server = await start(viaProxy.toString());
    const since = new Date(Date.now() - 1000);
    const pools: IdPools = {
      random: await randomIds(sql, accountId, 200),
      deep: await deepIds(sql, accountId, 20),
      deletable: [],
    };
    try {
      for (const scenario of SCENARIOS) {
        if (scenario === 'delete') pools.deletable = await idsCreatedSince(sql, accountId, since);
        const load = { url: server.url, token: options.token, connections: 1, duration: 1 };
        await fire(scenario, pools, { ...load, amount: REQUESTS });
        proxy.reset();
        await fire(scenario, pools, { ...load, amount: REQUESTS });
        const statements = proxy.statements();
        const executions = statements.reduce((sum, s) => sum + s.executions, 0);
        roundTrips.push({
          target: name,
          scenario,
          roundTripsPerRequest: proxy.roundTrips() / REQUESTS,
          statementsPerRequest: executions / REQUESTS,
          parsesPerRequest: statements.reduce((sum, s) => sum + s.parses, 0) / REQUESTS,
        });
        if (options.explain && name === 'ours') {
          // Each statement once: the token lookup, for one, is in every request.
          const queries = statements.filter(
            (s: CapturedStatement) => isExplainable(s.sql) && !explained.has(s.sql),
          );
          for (const statement of queries) explained.add(statement.sql);
          for (const statement of queries) {
            for (const mode of ['force_custom_plan', 'force_generic_plan'] as const) {
              explain.push({
                label: `${scenario}: ${mode === 'force_custom_plan' ? 'custom plan' : 'generic plan'} (${statement.executions / REQUESTS} per request)`,
                sql: statement.sql,
                params: statement.params,
                plan: await explainStatement(sql, statement, mode),
              });
            }
          }
        }
      }
    } finally {
      await server.stop();
      await proxy.close();
    }
  }
  return { roundTrips, explain };
}
