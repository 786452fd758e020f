import autocannon from 'autocannon';
import { cpuByPid, cpuDelta, sampleTree, startRssSampler } from './proc-stats';
import { requestFor, type IdPools, type Scenario } from './scenarios';

/** One measured run of one scenario against one server. */
export interface RunResult {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Connection errors, timeouts and non-2xx answers. */
  errors: number;
  peakRssBytes: number;
  /** CPU milliseconds per request: the server's processes, and the database's backends. */
  serverCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number;
}

export interface LoadOptions {
  url: string;
  token: string;
  connections: number;
  /** Seconds; ignored when `amount` is set. */
  duration: number;
  /** A fixed number of requests instead of a duration (deletes consume their ids). */
  amount?: number;
}

export function fire(scenario: Scenario, pools: IdPools, options: LoadOptions): Promise<autocannon.Result> {
  return autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount === undefined ? { duration: options.duration } : { amount: options.amount }),
    headers: { authorization: `Bearer ${options.token}` },
    requests: [requestFor(scenario, pools)],
    timeout: 10,
  });
}

/** Runs the scenario while sampling the server's process tree and PostgreSQL's CPU. */
export async function measure(
  serverPid: number,
  /** The PostgreSQL backends serving the benchmark database (they are long-lived pool connections). */
  backendPids: () => Promise<number[]>,
  scenario: Scenario,
  pools: IdPools,
  options: LoadOptions,
): Promise<RunResult> {
  const before = { server: sampleTree(serverPid).cpuSeconds, postgres: cpuByPid(await backendPids()) };
  const rss = startRssSampler(serverPid);
  const result = await fire(scenario, pools, options);
  const peakRssBytes = rss.stop();
  const after = { server: sampleTree(serverPid).cpuSeconds, postgres: cpuByPid(await backendPids()) };
  const requests = result.requests.total;
  const perRequest = (seconds: number) => (requests > 0 ? (seconds * 1000) / requests : 0);
  return {
    requests,
    requestsPerSecond: result.duration > 0 ? requests / result.duration : 0,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    peakRssBytes,
    serverCpuMsPerRequest: perRequest(after.server - before.server),
    postgresCpuMsPerRequest: perRequest(cpuDelta(before.postgres, after.postgres)),
  };
}
