import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { startServer, type ServerProcess } from './server-process';

/** How each server under test is started: our production build, and the baseline compiled by esbuild. */

export function startOurs(
  databaseUrl: string | undefined,
  port: number,
  extraEnv: Record<string, string> = {},
): Promise<ServerProcess> {
  return startServer({
    name: extraEnv.WEB_CONCURRENCY === undefined ? 'ours' : `ours x${extraEnv.WEB_CONCURRENCY}`,
    args: ['--enable-source-maps', 'apps/server/dist/main.js'],
    port,
    readyPath: '/readyz',
    env: {
      NODE_ENV: 'production',
      RATE_LIMIT_REQUESTS: '0',
      MIGRATE_ON_START: databaseUrl === undefined ? 'true' : 'false',
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      HOST: '127.0.0.1',
      ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }),
      ...extraEnv,
    },
  });
}

const BASELINE_SOURCE = fileURLToPath(new URL('./baseline/baseline-server.ts', import.meta.url));
const BASELINE_BUILD = fileURLToPath(new URL('../dist/baseline-server.js', import.meta.url));

/** Compiles the baseline to plain JavaScript, so it runs on bare Node like our production build. */
export async function buildBaseline(): Promise<void> {
  await build({
    entryPoints: [BASELINE_SOURCE],
    outfile: BASELINE_BUILD,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
}

export function startBaseline(databaseUrl: string, port: number): Promise<ServerProcess> {
  return startServer({
    name: 'baseline',
    args: [BASELINE_BUILD],
    port,
    readyPath: '/',
    env: { DATABASE_URL: databaseUrl, NODE_ENV: 'production' },
  });
}
