import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';

/** The dedicated benchmark database on the local PostgreSQL; never a test database. */
export const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/finx_bench';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export type Sql = ReturnType<typeof postgres>;

export function connect(url: string, max = 4): Sql {
  return postgres(url, { max, onnotice: () => undefined });
}

/** Creates the database named in `url` when it does not exist yet (through the `postgres` database). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Unsupported benchmark database name: ${name}`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const sql = connect(admin.toString(), 1);
  try {
    const [found] = await sql`select 1 as found from pg_database where datname = ${name}`;
    if (found === undefined) await sql.unsafe(`create database ${name}`);
  } finally {
    await sql.end();
  }
}

/** Applies the server's migrations with its own migrate command (built or from source). */
export async function migrate(url: string, { built }: { built: boolean }): Promise<void> {
  const args = built
    ? ['apps/server/dist/migrate.cli.js']
    : ['--import', 'tsx', 'apps/server/src/cli/migrate.cli.ts'];
  await run(process.execPath, args, { DATABASE_URL: url, LOG_LEVEL: 'warn' });
}

/** Runs a command from the repository root; resolves with its standard output, rejects on failure. */
export function run(command: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err || out}`)),
    );
  });
}
