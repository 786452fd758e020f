import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support';

/**
 * `npm run build && npm run start:prod`: the tsup bundle runs on plain Node (no TypeScript runtime),
 * finds its migrations, and imports only the server's production dependencies (all the Docker
 * image installs). Built into a folder of its own under dist/ (git-ignored, removed afterwards).
 */
const SERVER_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT_DIR = join('dist', `test-build-${randomBytes(4).toString('hex')}`);
const OUT = join(SERVER_ROOT, OUT_DIR);
const TSUP = fileURLToPath(new URL('../../../../node_modules/.bin/tsup', import.meta.url));
const postgresUrl = process.env['TEST_DATABASE_URL'];
const onPostgres = postgresUrl !== undefined && postgresUrl !== '';

if (!onPostgres) {
  console.warn(
    'SKIPPED the production build test: it runs the bundle against real PostgreSQL; ' +
      'set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres to run it (CI does).',
  );
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function collect(child: ChildProcess): { output: () => Finished; exited: Promise<Finished> } {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const output = () => ({ code: child.exitCode, stdout, stderr });
  const exited = new Promise<Finished>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { output, exited };
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Finished> {
  const child = spawn(command, args, {
    cwd: SERVER_ROOT,
    env: { PATH: process.env['PATH'], NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child).exited;
}

/** Bare specifiers the bundle imports, reduced to package names (`drizzle-orm/pglite` → `drizzle-orm`). */
function importedPackages(): string[] {
  const names = new Set<string>();
  for (const file of readdirSync(OUT).filter((name) => name.endsWith('.js'))) {
    for (const [, specifier = ''] of readFileSync(join(OUT, file), 'utf8').matchAll(
      /^import .*?from "([^"]+)";$/gm,
    )) {
      if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier))
        continue;
      const parts = specifier.split('/');
      names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier));
    }
  }
  return [...names].sort();
}

beforeAll(async () => {
  const built = await run(TSUP, ['--out-dir', OUT_DIR]);
  if (built.code !== 0) throw new Error(`tsup failed (${built.code}): ${built.stderr}${built.stdout}`);
});
afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe('the production build', () => {
  it('holds the server, both command-line tools and the migrations beside them', () => {
    for (const file of ['main.js', 'tokens.cli.js', 'migrate.cli.js', 'migrations/meta/_journal.json']) {
      expect(existsSync(join(OUT, file)), file).toBe(true);
    }
  });

  it('inlines the workspace packages and imports only production dependencies of the server', () => {
    const manifest = JSON.parse(readFileSync(join(SERVER_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const imported = importedPackages();
    expect(imported).toContain('express');
    expect(imported.filter((name) => name.startsWith('@finx/'))).toEqual([]);
    expect(imported.filter((name) => !(name in manifest.dependencies))).toEqual([]);
  });
});

describe.skipIf(!onPostgres)('the production build on PostgreSQL', () => {
  let database: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    env = { DATABASE_URL: database.url ?? '' };
  });
  afterAll(() => database?.close());

  it('migrates, issues a token and serves the API, metrics included, then stops on SIGTERM', async () => {
    const migrated = await run(process.execPath, [join(OUT_DIR, 'migrate.cli.js')], env);
    expect(migrated).toMatchObject({ code: 0, stdout: 'Migrations applied (postgres).\n' });
    const issued = await run(
      process.execPath,
      [join(OUT_DIR, 'tokens.cli.js'), 'create', '--account', 'build'],
      env,
    );
    expect(issued.code).toBe(0);
    const token = /^(fx_\w+)$/m.exec(issued.stdout)?.[1] ?? '';
    expect(token).not.toBe('');

    const server = spawn(process.execPath, [join(OUT_DIR, 'main.js')], {
      cwd: SERVER_ROOT,
      env: {
        PATH: process.env['PATH'],
        NODE_ENV: 'production',
        PORT: '0',
        HOST: '127.0.0.1',
        METRICS_ENABLED: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const { output, exited } = collect(server);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        server.stdout?.on('data', () => {
          const listening = /"url":"(http:\/\/[^"]+)".*"msg":"listening"/.exec(output().stdout)?.[1];
          if (listening !== undefined) resolve(listening);
        });
        void exited.then((finished) => reject(new Error(`exited before listening: ${finished.stderr}`)));
      });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const created = await fetch(`${url}/v1/market-segments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'name=Built&criteria=From+the+bundle&description=Plain+JavaScript',
      });
      expect(created.status).toBe(201);
      const metrics = await (await fetch(`${url}/metrics`)).text();
      expect(metrics).toContain(
        'http_requests_total{method="POST",route="/v1/market-segments",status="201"} 1',
      );
    } finally {
      server.kill('SIGTERM');
    }
    const stopped = await exited;
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain('"msg":"stopped"');
  });
});
