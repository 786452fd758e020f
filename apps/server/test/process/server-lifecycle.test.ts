import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessStorage, runCommand, startServerProcess, type ProcessStorage } from '../support';

let storage: ProcessStorage;
let env: Record<string, string>;

beforeAll(async () => {
  storage = await createProcessStorage('lifecycle');
  env = storage.env;
});
afterAll(() => storage.dispose());

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('the server process', () => {
  let firstToken: string;

  it('on first start creates the default account and prints its token once', async () => {
    const server = await startServerProcess(env);
    try {
      const printed = /First start: created the account "default"[\s\S]*?\n\s+(fx_[0-9A-Za-z]{40})\n/.exec(
        server.output(),
      );
      expect(printed).not.toBeNull();
      firstToken = printed?.[1] ?? '';
      const created = await fetch(`${server.url}/v1/market-segments`, {
        method: 'POST',
        headers: { ...auth(firstToken), 'content-type': 'application/x-www-form-urlencoded' },
        body: 'name=Tech+Enthusiasts&criteria=tech&description=desc',
      });
      expect(created.status).toBe(201);
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
    expect(server.output()).toContain('"msg":"stopped"');
  });

  it('keeps its data across restarts and prints no token the second time', async () => {
    const server = await startServerProcess(env);
    try {
      expect(server.output()).not.toContain('First start');
      const list = await fetch(`${server.url}/v1/market-segments`, { headers: auth(firstToken) });
      const body = (await list.json()) as { data: { name: string }[] };
      expect(body.data.map((segment) => segment.name)).toEqual(['Tech Enthusiasts']);
    } finally {
      expect(await server.stop('SIGINT')).toBe(0);
    }
  });

  it('logs one JSON line per request without the token or the body', async () => {
    const server = await startServerProcess(env);
    await fetch(`${server.url}/v1/market-segments`, {
      method: 'POST',
      headers: { ...auth(firstToken), 'content-type': 'application/json', 'x-request-id': 'trace-log-1' },
      body: JSON.stringify({
        name: 'secret-name',
        criteria: 'secret-criteria',
        description: 'secret-description',
      }),
    });
    await server.stop();
    const line = server
      .output()
      .split('\n')
      .find((text) => text.includes('trace-log-1'));
    expect(JSON.parse(line ?? '{}')).toMatchObject({
      request_id: 'trace-log-1',
      method: 'POST',
      route: '/v1/market-segments',
      status: 201,
      duration_ms: expect.any(Number),
    });
    expect(server.output()).not.toContain(firstToken);
    expect(server.output()).not.toContain('secret-');
  });

  it('finishes a request in flight when told to stop, and accepts no new connection', async () => {
    const server = await startServerProcess(env);
    const body = JSON.stringify({ name: 'in flight', criteria: 'c', description: 'd' });
    // Send the headers and half of the body, stop the server, then send the rest.
    const request = httpRequest(`${server.url}/v1/market-segments`, {
      method: 'POST',
      headers: {
        ...auth(firstToken),
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      },
    });
    const response = new Promise<number | undefined>((resolve, reject) => {
      request.on('response', (res) => {
        res.resume();
        resolve(res.statusCode);
      });
      request.on('error', reject);
    });
    request.write(body.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exitCode = server.stop('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    request.end(body.slice(10));
    expect(await response).toBe(201);
    expect(await exitCode).toBe(0);
  });
});

describe('configuration errors stop the start with one clear line', () => {
  it.each([
    [{ PORT: 'abc' }, 'Invalid configuration: PORT must be an integer between 0 and 65535'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'Invalid configuration: DATABASE_URL must be a postgres://'],
    [{ DATABASE_URL: 'postgres://127.0.0.1:1/finx' }, 'Cannot reach the database at DATABASE_URL'],
  ])('%j', async (badEnv, message) => {
    const result = await runCommand('main', [], { ...env, ...badEnv });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(message);
  });

  it('refuses a second process on the same embedded database', async () => {
    const ownDir = mkdtempSync(join(tmpdir(), 'finx-lock-'));
    const server = await startServerProcess({ FINX_DATA_DIR: ownDir });
    try {
      const second = await runCommand('main', [], { FINX_DATA_DIR: ownDir });
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(
        /^The embedded database in .* is in use by process \d+ \(stop it first, or set DATABASE_URL\)\n$/,
      );
    } finally {
      await server.stop();
      rmSync(ownDir, { recursive: true, force: true });
    }
  });
});
