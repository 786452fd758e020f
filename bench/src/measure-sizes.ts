import type { Measurement, Target } from './bench-results';
import type { Sql } from './bench-database';
import { backendPidsOf, deepIds, idsCreatedSince, randomIds } from './id-pools';
import { fire, measure, type LoadOptions } from './load-run';
import { SCENARIOS, type IdPools, type Scenario } from './scenarios';
import type { ServerProcess } from './server-process';

export interface SizeRunOptions {
  sql: Sql;
  accountId: string;
  size: number;
  token: string;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  runs: number;
  /** The servers measured at this size, in the order they alternate. */
  servers: { target: Target; server: ServerProcess; scenarios: readonly Scenario[] }[];
  log: (line: string) => void;
}

/** Every scenario at one data size: for each run, each server in turn (warm-up, then measured). */
export async function measureSize(options: SizeRunOptions): Promise<Measurement[]> {
  const { sql, accountId, size, log } = options;
  const measurements: Measurement[] = [];
  const started = new Date(Date.now() - 1000);
  const pools: IdPools = {
    random: await randomIds(sql, accountId, 5000),
    deep: await deepIds(sql, accountId, 50),
    deletable: [],
  };
  for (const scenario of SCENARIOS) {
    const servers = options.servers.filter((s) => s.scenarios.includes(scenario));
    let share: number | undefined;
    if (scenario === 'delete') {
      pools.deletable = await idsCreatedSince(sql, accountId, started);
      share = Math.floor(pools.deletable.length / (options.runs * servers.length));
      if (share < options.connections * 2) {
        log(`${size} delete skipped: only ${pools.deletable.length} created rows to delete`);
        continue;
      }
    }
    for (let run = 1; run <= options.runs; run++) {
      for (const { target, server } of servers) {
        const load: LoadOptions = {
          url: server.url,
          token: options.token,
          connections: options.connections,
          duration: options.durationSeconds,
        };
        const warmup =
          share === undefined
            ? { ...load, duration: options.warmupSeconds }
            : { ...load, amount: Math.max(options.connections, Math.floor(share * 0.2)) };
        await fire(scenario, pools, warmup);
        const measured = share === undefined ? load : { ...load, amount: share - (warmup.amount ?? 0) };
        const result = await measure(server.pid, backendPidsOf(sql), scenario, pools, measured);
        measurements.push({ size, scenario, target, run, result });
        log(
          `${size} ${scenario} ${target} run ${run}: ${result.requestsPerSecond.toFixed(0)} req/s, ` +
            `p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, ${result.errors} errors, ` +
            `RSS ${(result.peakRssBytes / 1048576).toFixed(0)} MB, CPU/req server ${result.serverCpuMsPerRequest.toFixed(3)} ms ` +
            `PG ${result.postgresCpuMsPerRequest.toFixed(3)} ms`,
        );
      }
    }
  }
  return measurements;
}
