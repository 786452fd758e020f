import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { connect, DEFAULT_BENCH_DATABASE_URL, ensureDatabase, migrate, run } from './bench-database';
import type { BenchResults, Measurement, Target } from './bench-results';
import { runEmbeddedPhase } from './embedded-phase';
import { latencyChartSvg, renderPng } from './latency-chart';
import { measureSize } from './measure-sizes';
import { runPgbench } from './pgbench-phase';
import { renderMarkdown } from './report-markdown';
import { SCENARIOS } from './scenarios';
import { countSegments, ensureAccount, seedSegments } from './seed';
import { buildBaseline, startBaseline, startOurs } from './servers';
import { createProgressBar } from './progress-bar';
import { runWirePhase } from './wire-phase';

const USAGE = `Usage: npm run bench -- [--sizes 1000,100000,1000000] [--duration 6] [--warmup 2]
  [--connections 16] [--others 200000] [--runs 2] [--database-url postgres://...] [--skip-build]
  [--no-embedded] [--no-pgbench] [--out bench]
Recreates the benchmark database (default ${DEFAULT_BENCH_DATABASE_URL}), seeds it, measures our
server (production build) and the baseline, and writes RESULTS.md, results.json and latency.png.`;

const PORTS = { ours: 3301, baseline: 3302, cluster: 3303, wire: 3304, embedded: 3305 };
const CLUSTER_SCENARIOS = ['retrieve', 'list first page'] as const;
const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,100000,1000000' },
      duration: { type: 'string', default: '6' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '16' },
      others: { type: 'string', default: '200000' },
      runs: { type: 'string', default: '2' },
      'database-url': { type: 'string' },
      'skip-build': { type: 'boolean', default: false },
      'no-embedded': { type: 'boolean', default: false },
      'no-pgbench': { type: 'boolean', default: false },
      out: { type: 'string', default: fileURLToPath(new URL('..', import.meta.url)) },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const sizes = values.sizes
    .split(',')
    .map(Number)
    .sort((a, b) => a - b);
  const [durationSeconds, warmupSeconds, connections, others, runs] = [
    values.duration,
    values.warmup,
    values.connections,
    values.others,
    values.runs,
  ].map(Number) as [number, number, number, number, number];
  if ([...sizes, durationSeconds, connections, others, runs].some((v) => !Number.isSafeInteger(v) || v < 0)) {
    throw new Error(`invalid arguments\n${USAGE}`);
  }
  const databaseUrl = values['database-url'] ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_DATABASE_URL;
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, '');
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadavg();

  if (!values['skip-build']) {
    log('building the server (npm run build)');
    await run('npm', ['run', 'build', '--', '--projects=@finx/server', '--output-style=static']);
  }
  await buildBaseline();
  log(`recreating ${databaseUrl}`);
  await dropDatabase(databaseUrl);
  await ensureDatabase(databaseUrl);
  await migrate(databaseUrl, { built: true });
  const sql = connect(databaseUrl);
  const tokenOutput = await run(
    process.execPath,
    ['apps/server/dist/tokens.cli.js', 'create', '--account', 'bench'],
    {
      DATABASE_URL: databaseUrl,
    },
  );
  const token = tokenOutput.trim().split('\n').pop()?.trim() ?? '';
  const accountId = await ensureAccount(sql, 'bench');
  for (const [i, name] of ['neighbour-a', 'neighbour-b'].entries()) {
    const count = Math.floor(others / 2) + (i === 0 ? others % 2 : 0);
    await seedWithBar(sql, await ensureAccount(sql, name), name, count);
  }

  const ours = await startOurs(databaseUrl, PORTS.ours);
  const baseline = await startBaseline(databaseUrl, PORTS.baseline);
  const measurements: Measurement[] = [];
  const largest = Math.max(...sizes);
  try {
    for (const size of sizes) {
      const missing = size - (await countSegments(sql, accountId));
      if (missing > 0) await seedWithBar(sql, accountId, 'bench', missing);
      // The previous size's create and delete runs left dead rows at the head of the keyset index
      // (the newest rows); autovacuum would clear them in time, the measurement should not wait for it.
      await sql`vacuum (analyze) market_segments`;
      const cluster =
        size === largest ? await startOurs(databaseUrl, PORTS.cluster, { WEB_CONCURRENCY: '2' }) : undefined;
      try {
        const servers: {
          target: Target;
          server: typeof ours;
          scenarios: readonly (typeof SCENARIOS)[number][];
        }[] = [
          { target: 'ours', server: ours, scenarios: SCENARIOS },
          { target: 'baseline', server: baseline, scenarios: SCENARIOS },
          ...(cluster
            ? [{ target: 'ours, WEB_CONCURRENCY=2' as const, server: cluster, scenarios: CLUSTER_SCENARIOS }]
            : []),
        ];
        measurements.push(
          ...(await measureSize({
            sql,
            accountId,
            size,
            token,
            connections,
            durationSeconds,
            warmupSeconds,
            runs,
            servers,
            log,
          })),
        );
      } finally {
        await cluster?.stop();
      }
    }
  } finally {
    await ours.stop();
    await baseline.stop();
  }

  log('counting round trips and explaining the queries');
  await sql`vacuum (analyze) market_segments`;
  const wire = await runWirePhase({
    sql,
    databaseUrl,
    accountId,
    token,
    explain: true,
    start: {
      ours: (url) => startOurs(url, PORTS.wire),
      baseline: (url) => startBaseline(url, PORTS.wire),
    },
  });
  await sql.end();

  const pgbench = values['no-pgbench']
    ? undefined
    : (log('pgbench'), await runPgbench(databaseUrl, connections, durationSeconds));
  const embedded = values['no-embedded']
    ? undefined
    : (log('embedded database'),
      await runEmbeddedPhase({ port: PORTS.embedded, connections, durationSeconds, warmupSeconds }));

  const results: BenchResults = {
    startedAt,
    finishedAt: new Date().toISOString(),
    command,
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown CPU',
      cores: cpus().length,
      memoryGiB: totalmem() / 1024 ** 3,
      os: `${type()} ${release()}`,
      node: process.version,
      postgres: await postgresVersion(databaseUrl),
      loadAverageAtStart,
      loadAverageAtEnd: loadavg(),
    },
    settings: { connections, durationSeconds, warmupSeconds, runs, sizes, otherAccountsRows: others },
    measurements,
    roundTrips: wire.roundTrips,
    explain: wire.explain,
    ...(embedded ? { embedded } : {}),
    ...(pgbench ? { pgbench } : {}),
  };
  await mkdir(values.out, { recursive: true });
  await writeFormatted(`${values.out}/results.json`, JSON.stringify(results));
  await writeFile(`${values.out}/latency.png`, renderPng(latencyChartSvg(measurements, sizes)));
  await writeFormatted(`${values.out}/RESULTS.md`, renderMarkdown(results, 'latency.png'));
  log(`wrote ${values.out}/RESULTS.md, results.json and latency.png`);
}

/** Writes a report file as the repository's Prettier settings format it, so `prettier --check` passes. */
async function writeFormatted(path: string, text: string): Promise<void> {
  const options = (await resolveConfig(path)) ?? {};
  await writeFile(path, await format(text, { ...options, filepath: path }));
}

async function seedWithBar(sql: ReturnType<typeof connect>, accountId: string, name: string, count: number) {
  const bar = createProgressBar(count, `seeding ${name}`);
  await seedSegments(sql, { accountId, count, onProgress: (done) => bar.update(done) });
  bar.finish(count);
}

async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const sql = connect(admin.toString(), 1);
  try {
    if (!/^[a-z_][a-z0-9_]*$/.test(name) || /test/.test(name)) throw new Error(`refusing to drop ${name}`);
    await sql.unsafe(`drop database if exists ${name} with (force)`);
  } finally {
    await sql.end();
  }
}

async function postgresVersion(url: string): Promise<string> {
  const sql = connect(url, 1);
  try {
    const [row] = await sql<{ version: string }[]>`select version()`;
    return row?.version.split(' on ')[0] ?? 'PostgreSQL';
  } finally {
    await sql.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
