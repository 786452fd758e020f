import type { PgbenchResult } from './bench-results';
import { ensureDatabase, run } from './bench-database';

/** PostgreSQL's ceiling on this machine: pgbench select-only, prepared, on a database of its own. */
export async function runPgbench(
  databaseUrl: string,
  clients: number,
  seconds: number,
): Promise<PgbenchResult> {
  const url = new URL(databaseUrl);
  url.pathname = `${url.pathname}_pgbench`;
  await ensureDatabase(url.toString());
  const connection = [
    '-h',
    url.hostname,
    '-p',
    url.port || '5432',
    '-U',
    decodeURIComponent(url.username || 'postgres'),
  ];
  const database = url.pathname.slice(1);
  await run('pgbench', [...connection, '-i', '-q', '-s', '10', database]);
  const output = await run('pgbench', [
    ...connection,
    '--select-only',
    '--protocol=prepared',
    '-c',
    String(clients),
    '-j',
    '2',
    '-T',
    String(seconds),
    database,
  ]);
  return { clients, seconds, ...parsePgbench(output) };
}

export function parsePgbench(output: string): { tps: number; latencyMs: number } {
  const tps = /^tps = ([\d.]+)/m.exec(output)?.[1];
  const latency = /^latency average = ([\d.]+) ms/m.exec(output)?.[1];
  if (tps === undefined || latency === undefined) throw new Error(`unexpected pgbench output: ${output}`);
  return { tps: Number(tps), latencyMs: Number(latency) };
}
