import { describe, expect, it } from 'vitest';
import type { Measurement, Target } from '../src/bench-results';
import type { RunResult } from '../src/load-run';
import { checkTargets, growth, summarize, summaryOf, throughputRatio } from '../src/report-summary';
import type { Scenario } from '../src/scenarios';

const result = (overrides: Partial<RunResult> = {}): RunResult => ({
  requests: 1000,
  requestsPerSecond: 1000,
  p50Ms: 5,
  p99Ms: 20,
  errors: 0,
  peakRssBytes: 100 * 1024 * 1024,
  serverCpuMsPerRequest: 1,
  postgresCpuMsPerRequest: 0.5,
  ...overrides,
});

const m = (
  size: number,
  scenario: Scenario,
  target: Target,
  run: number,
  overrides: Partial<RunResult> = {},
): Measurement => ({
  size,
  scenario,
  target,
  run,
  result: result(overrides),
});

describe('summaries', () => {
  it('averages the runs, sums errors and keeps the highest RSS', () => {
    const summary = summarize([
      result({ requestsPerSecond: 900, p99Ms: 10, errors: 1, peakRssBytes: 5 }),
      result({ requestsPerSecond: 1100, p99Ms: 30, errors: 2, peakRssBytes: 7 }),
    ]);
    expect(summary).toMatchObject({
      requestsPerSecond: 1000,
      runRequestsPerSecond: [900, 1100],
      p99Ms: 20,
      errors: 3,
      peakRssBytes: 7,
    });
    expect(summarize([])).toBeUndefined();
  });

  it('computes the ratio run by run, so a slow moment hits both servers alike', () => {
    const ours = summarize([result({ requestsPerSecond: 800 }), result({ requestsPerSecond: 400 })]);
    const baseline = summarize([result({ requestsPerSecond: 1000 }), result({ requestsPerSecond: 500 })]);
    expect(throughputRatio(ours, baseline)).toBeCloseTo(0.8);
    expect(throughputRatio(ours, undefined)).toBeUndefined();
  });

  it('measures p99 growth from the smallest size to the largest', () => {
    expect(growth(summarize([result({ p99Ms: 10 })]), summarize([result({ p99Ms: 12 })]))).toBeCloseTo(1.2);
  });
});

describe('targets', () => {
  const sizes = [1000, 1_000_000];
  const flat: Scenario[] = [
    'retrieve',
    'list first page',
    'list deep page',
    'list by name',
    'list by long criteria',
  ];
  const passing = [
    ...sizes.flatMap((size) =>
      flat.flatMap((scenario) => [
        m(size, scenario, 'ours', 1, { requestsPerSecond: 900 }),
        m(size, scenario, 'baseline', 1),
      ]),
    ),
    m(1_000_000, 'retrieve', 'ours, WEB_CONCURRENCY=2', 1, { requestsPerSecond: 1300 }),
    m(1_000_000, 'list first page', 'ours, WEB_CONCURRENCY=2', 1, { requestsPerSecond: 1300 }),
  ];

  it('are all met by good figures', () => {
    expect(checkTargets(passing, sizes).map((t) => t.met)).toEqual([true, true, true, true, true]);
  });

  it('each fails on the figure it is about', () => {
    const slowAtScale = passing.map((x) =>
      x.size === 1_000_000 && x.scenario === 'list deep page' && x.target === 'ours'
        ? m(x.size, x.scenario, 'ours', 1, { p99Ms: 27 })
        : x,
    );
    expect(checkTargets(slowAtScale, sizes)[0]).toMatchObject({ met: false });
    const slowServer = [
      ...passing.filter((x) => !(x.size === 1000 && x.scenario === 'retrieve' && x.target === 'ours')),
      m(1000, 'retrieve', 'ours', 1, { requestsPerSecond: 700 }),
    ];
    expect(checkTargets(slowServer, sizes)[1]).toMatchObject({ met: false });
    expect(checkTargets(slowServer, sizes)[1]?.detail).toContain('retrieve @1,000 70%');
    const noClusterGain = passing.filter((x) => x.target !== 'ours, WEB_CONCURRENCY=2');
    expect(checkTargets(noClusterGain, sizes)[2]).toMatchObject({ met: false });
    const fat = [...passing, m(1000, 'update', 'ours', 1, { peakRssBytes: 151 * 1024 * 1024 })];
    expect(checkTargets(fat, sizes)[3]).toMatchObject({ met: false, detail: 'peak 151 MB' });
    const failing = [...passing, m(1000, 'create', 'baseline', 1, { errors: 2 })];
    expect(checkTargets(failing, sizes)[4]).toMatchObject({ met: false });
  });

  it('finds the runs of one scenario, size and server', () => {
    expect(summaryOf(passing, 1000, 'retrieve', 'ours')?.requestsPerSecond).toBe(900);
    expect(summaryOf(passing, 1000, 'update', 'ours')).toBeUndefined();
  });
});
