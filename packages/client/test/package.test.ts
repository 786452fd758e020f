// The tests run the real server (a devDependency); the client itself depends on the contract only.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { startTestServer, type TestServer } from '@finx/server/testing';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VERSION } from '../src';

/*
 * The package as a customer gets it: built, packed with npm, installed from the tarball into a
 * fresh folder outside the workspace, then used from plain Node.js (ESM and CommonJS) against a
 * live server, and its type declarations compiled on their own.
 */

const run = promisify(execFile);
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/consumer', import.meta.url));
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

/** This process's environment without npm's own variables, which would steer the child npm. */
function cleanEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const entries = Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name));
  return { ...Object.fromEntries(entries), ...extra };
}

let server: TestServer;
let workDir: string;
let consumerDir: string;
let packedFiles: string[];

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'finx-client-pack-'));
  const stageDir = join(workDir, 'stage');
  consumerDir = join(workDir, 'consumer');
  const [started] = await Promise.all([
    startTestServer(),
    (async () => {
      // Built into a staging copy of the package, so the checkout's own dist/ is left alone.
      await run('npx', ['tsup', '--out-dir', join(stageDir, 'dist')], {
        cwd: PACKAGE_DIR,
        env: cleanEnvironment(),
      });
      for (const file of ['package.json', 'README.md']) cpSync(join(PACKAGE_DIR, file), join(stageDir, file));
      const { stdout } = await run(
        'npm',
        ['pack', '--json', '--ignore-scripts', '--pack-destination', workDir],
        {
          cwd: stageDir,
          env: cleanEnvironment(),
        },
      );
      const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
      if (packed === undefined) throw new Error(`npm pack printed no package: ${stdout}`);
      packedFiles = packed.files.map((file) => file.path).sort();
      cpSync(FIXTURES, consumerDir, { recursive: true });
      writeFileSync(join(consumerDir, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
      await run(
        'npm',
        ['install', '--prefer-offline', '--no-audit', '--no-fund', join(workDir, packed.filename)],
        { cwd: consumerDir, env: cleanEnvironment() },
      );
    })(),
  ]);
  server = started;
}, 180_000);

afterAll(async () => {
  await server?.close();
  if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
});

async function runConsumer(script: string): Promise<unknown> {
  const { stdout } = await run(process.execPath, [script], {
    cwd: consumerDir,
    env: cleanEnvironment({ FINX_TOKEN: server.token, FINX_BASE_URL: server.baseUrl }),
  });
  return JSON.parse(stdout);
}

describe('the packed package', () => {
  it('holds the builds, their declarations and the README, nothing else', () => {
    expect(packedFiles).toEqual([
      'README.md',
      'dist/index.cjs',
      'dist/index.cjs.map',
      'dist/index.d.cts',
      'dist/index.d.ts',
      'dist/index.js',
      'dist/index.js.map',
      'package.json',
    ]);
  });

  it('depends on ts-rest core and zod only (the contract is bundled in)', () => {
    expect(Object.keys(manifest.dependencies).sort()).toEqual(['@ts-rest/core', 'zod']);
    const installed = JSON.parse(
      readFileSync(join(consumerDir, 'node_modules/@finx/client/package.json'), 'utf8'),
    ) as { version: string };
    expect(installed.version).toBe(manifest.version);
    expect(VERSION).toBe(manifest.version);
    for (const file of ['index.js', 'index.cjs', 'index.d.ts', 'index.d.cts']) {
      const text = readFileSync(join(consumerDir, 'node_modules/@finx/client/dist', file), 'utf8');
      expect(text).not.toContain('@finx/contract');
    }
  });

  it('works from an ES module', async () => {
    const result = (await runConsumer('esm.mjs')) as {
      created: string[];
      listed: string[];
      [key: string]: unknown;
    };
    expect(result).toMatchObject({
      version: manifest.version,
      updatedDescription: 'updated from ESM',
      error: {
        name: 'NotFoundError',
        notFound: true,
        finx: true,
        status: 404,
        requestId: expect.stringMatching(/^req_/),
      },
    });
    expect(result.listed).toEqual([...result.created].reverse());
  });

  it('works from CommonJS', async () => {
    const result = (await runConsumer('cjs.cjs')) as { listed: string[] };
    expect(result).toMatchObject({
      same: true,
      invalid: { invalidRequest: true, param: 'name' },
      gone: true,
    });
    expect(result.listed).toHaveLength(1);
  });

  it('type-checks from TypeScript, for import and require alike, with no @types/node', async () => {
    const check = run(process.execPath, [TSC, '-p', 'tsconfig.json'], { cwd: consumerDir }).catch(
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(await check).toEqual(expect.objectContaining({ stdout: '' }));
  });
});
