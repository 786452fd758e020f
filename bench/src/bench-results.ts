import type { RunResult } from './load-run';
import type { Scenario } from './scenarios';

/** Everything one `npm run bench` measured: the report and the chart are rendered from this. */

export type Target = 'ours' | 'baseline' | 'ours, WEB_CONCURRENCY=2';

export interface Measurement {
  size: number;
  scenario: Scenario;
  target: Target;
  run: number;
  result: RunResult;
}

export interface ExplainedQuery {
  label: string;
  sql: string;
  params: (string | null)[];
  plan: string;
}

export interface RoundTrips {
  target: Target;
  scenario: Scenario;
  roundTripsPerRequest: number;
  statementsPerRequest: number;
  parsesPerRequest: number;
}

export interface EmbeddedResults {
  firstStartMs: number;
  secondStartMs: number;
  idleRssBytes: number;
  runs: { scenario: Scenario; result: RunResult }[];
}

export interface PgbenchResult {
  clients: number;
  seconds: number;
  tps: number;
  latencyMs: number;
}

export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  command: string;
  machine: {
    cpu: string;
    cores: number;
    memoryGiB: number;
    os: string;
    node: string;
    postgres: string;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
  };
  settings: {
    connections: number;
    durationSeconds: number;
    warmupSeconds: number;
    runs: number;
    sizes: number[];
    otherAccountsRows: number;
  };
  measurements: Measurement[];
  roundTrips: RoundTrips[];
  explain: ExplainedQuery[];
  embedded?: EmbeddedResults;
  pgbench?: PgbenchResult;
}
