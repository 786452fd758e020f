import type { Measurement, Target } from './bench-results';
import type { RunResult } from './load-run';
import type { Scenario } from './scenarios';

/** The runs of one scenario at one size on one target, combined. */
export interface Summary {
  runs: number;
  requestsPerSecond: number;
  /** Each run's req/s, in run order. */
  runRequestsPerSecond: number[];
  p50Ms: number;
  p99Ms: number;
  errors: number;
  peakRssBytes: number;
  serverCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number;
}

const mean = (values: number[]) =>
  values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;

/** Means of the runs, except errors (summed) and peak RSS (the highest). */
export function summarize(results: RunResult[]): Summary | undefined {
  if (results.length === 0) return undefined;
  return {
    runs: results.length,
    requestsPerSecond: mean(results.map((r) => r.requestsPerSecond)),
    runRequestsPerSecond: results.map((r) => r.requestsPerSecond),
    p50Ms: mean(results.map((r) => r.p50Ms)),
    p99Ms: mean(results.map((r) => r.p99Ms)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    peakRssBytes: Math.max(...results.map((r) => r.peakRssBytes)),
    serverCpuMsPerRequest: mean(results.map((r) => r.serverCpuMsPerRequest)),
    postgresCpuMsPerRequest: mean(results.map((r) => r.postgresCpuMsPerRequest)),
  };
}

export function summaryOf(
  measurements: Measurement[],
  size: number,
  scenario: Scenario,
  target: Target,
): Summary | undefined {
  return summarize(
    measurements
      .filter((m) => m.size === size && m.scenario === scenario && m.target === target)
      .map((m) => m.result),
  );
}

/**
 * Our throughput as a share of the baseline's, run by run (run i of ours against run i of the
 * baseline, which ran right after it under the same conditions), then averaged.
 */
export function throughputRatio(
  ours: Summary | undefined,
  baseline: Summary | undefined,
): number | undefined {
  if (ours === undefined || baseline === undefined) return undefined;
  const pairs = ours.runRequestsPerSecond.flatMap((value, i) => {
    const base = baseline.runRequestsPerSecond[i];
    return base === undefined || base === 0 ? [] : [value / base];
  });
  return pairs.length === 0 ? undefined : mean(pairs);
}

/** How much a latency grew from the smallest to the largest size (1 = flat). */
export function growth(smallest: Summary | undefined, largest: Summary | undefined): number | undefined {
  if (smallest === undefined || largest === undefined || smallest.p99Ms === 0) return undefined;
  return largest.p99Ms / smallest.p99Ms;
}

export interface TargetCheck {
  target: string;
  met: boolean;
  detail: string;
}

const fmt = (value: number | undefined, digits = 2) => (value === undefined ? 'n/a' : value.toFixed(digits));

/** The targets, each judged from the measurements. */
export function checkTargets(measurements: Measurement[], sizes: number[]): TargetCheck[] {
  const smallest = Math.min(...sizes);
  const largest = Math.max(...sizes);
  const flat: Scenario[] = [
    'retrieve',
    'list first page',
    'list deep page',
    'list by name',
    'list by long criteria',
  ];
  const growths = flat.map((scenario) => ({
    scenario,
    growth: growth(
      summaryOf(measurements, smallest, scenario, 'ours'),
      summaryOf(measurements, largest, scenario, 'ours'),
    ),
  }));
  const ratios = (['retrieve', 'list first page'] as const).flatMap((scenario) =>
    sizes.map((size) => ({
      scenario,
      size,
      ratio: throughputRatio(
        summaryOf(measurements, size, scenario, 'ours'),
        summaryOf(measurements, size, scenario, 'baseline'),
      ),
    })),
  );
  const clusterGains = (['retrieve', 'list first page'] as const).map((scenario) => ({
    scenario,
    gain: throughputRatio(
      summaryOf(measurements, largest, scenario, 'ours, WEB_CONCURRENCY=2'),
      summaryOf(measurements, largest, scenario, 'ours'),
    ),
  }));
  const ours = measurements.filter((m) => m.target !== 'baseline');
  const peakRss = Math.max(0, ...ours.map((m) => m.result.peakRssBytes));
  const errors = measurements.reduce((sum, m) => sum + m.result.errors, 0);
  return [
    {
      target: `list and retrieve p99 flat from ${smallest.toLocaleString('en')} to ${largest.toLocaleString('en')} rows (within 1.3×)`,
      met: growths.every((g) => g.growth !== undefined && g.growth <= 1.3),
      detail: growths.map((g) => `${g.scenario} ${fmt(g.growth)}×`).join(', '),
    },
    {
      target: "req/s at least 80% of the baseline's on retrieve and list, one worker",
      met: ratios.every((r) => r.ratio !== undefined && r.ratio >= 0.8),
      detail: ratios
        .map((r) => `${r.scenario} @${r.size.toLocaleString('en')} ${fmt((r.ratio ?? 0) * 100, 0)}%`)
        .join(', '),
    },
    {
      target: "WEB_CONCURRENCY=2 gives more than one worker's throughput",
      met: clusterGains.every((c) => c.gain !== undefined && c.gain > 1),
      detail: clusterGains.map((c) => `${c.scenario} ${fmt(c.gain)}× one worker`).join(', '),
    },
    {
      target: 'RSS under 150 MB per worker on PostgreSQL under load',
      met: peakRss > 0 && peakRss < 150 * 1024 * 1024,
      detail: `peak ${(peakRss / 1024 / 1024).toFixed(0)} MB`,
    },
    { target: 'no errors', met: errors === 0, detail: `${errors} errors (all runs, both servers)` },
  ];
}
