import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, startServerProcess, type ServerProcess, type TestDatabase } from '../support';
import { logLines, waitUntil } from '../support/log-lines';

const postgresUrl = process.env['TEST_DATABASE_URL'];
const onPostgres = postgresUrl !== undefined && postgresUrl !== '';
const WORKERS = 2;
const LIMIT = 6;

if (!onPostgres) {
  console.warn(
    'SKIPPED the WEB_CONCURRENCY cluster tests on PostgreSQL: workers need real PostgreSQL (the embedded ' +
      'database is one process only); set TEST_DATABASE_URL to run them (CI does).',
  );
}

/** A GET on a connection of its own, so the cluster primary hands each request to the next worker. */
function getOnNewConnection(url: string, token: string, requestId: string) {
  return new Promise<{ status: number; rateLimit: string | undefined }>((resolve, reject) => {
    const outgoing = request(url, {
      agent: false,
      headers: { authorization: `Bearer ${token}`, 'x-request-id': requestId, connection: 'close' },
    });
    outgoing.on('response', (response) => {
      response.resume();
      response.on('end', () => {
        const rateLimit = response.headers['ratelimit'];
        resolve({
          status: response.statusCode ?? 0,
          rateLimit: Array.isArray(rateLimit) ? rateLimit[0] : rateLimit,
        });
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

const workerListening = (server: ServerProcess) =>
  logLines(server.output()).filter((line) => line['msg'] === 'listening' && line['worker'] !== undefined);

describe.skipIf(!onPostgres)('WEB_CONCURRENCY=2 on PostgreSQL (node:cluster)', () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let token: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startServerProcess({
      DATABASE_URL: database.url ?? '',
      WEB_CONCURRENCY: String(WORKERS),
      RATE_LIMIT_REQUESTS: String(LIMIT),
    });
    await waitUntil(() => server.output().includes('"msg":"all workers listening"'), 'all workers listening');
    token = /\n\s+(fx_[0-9A-Za-z]{40})\n/.exec(server.output())?.[1] ?? '';
  });
  afterAll(async () => {
    if (server?.child.exitCode === null) await server.stop('SIGKILL');
    await database?.close();
  });

  it('runs the first start once, in the primary, and then the workers on one port', () => {
    expect(server.output().match(/First start: created the account/g)).toHaveLength(1);
    const listening = workerListening(server);
    expect(listening).toHaveLength(WORKERS);
    expect(new Set(listening.map((line) => line['url'])).size).toBe(1);
    expect(new Set(listening.map((line) => line['pid'])).size).toBe(WORKERS);
  });

  it('holds the rate limit across the workers without Redis', async () => {
    const answers = [];
    for (let i = 0; i < LIMIT + 2; i++)
      answers.push(await getOnNewConnection(`${server.url}/v1/market-segments`, token, `cluster-rl-${i}`));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    expect(answers.map((answer) => /;r=(\d+);/.exec(answer.rateLimit ?? '')?.[1])).toEqual([
      '5',
      '4',
      '3',
      '2',
      '1',
      '0',
      '0',
      '0',
    ]);
    // Both workers answered some of them, so a per-process count would have allowed more.
    const answeredBy = logLines(server.output())
      .filter((line) => String(line['request_id']).startsWith('cluster-rl-'))
      .map((line) => line['worker']);
    expect(new Set(answeredBy).size).toBe(WORKERS);
  });

  it('replaces a worker that dies and keeps serving', async () => {
    const victim = Number(workerListening(server)[0]?.['pid']);
    process.kill(victim, 'SIGKILL');
    await waitUntil(() => workerListening(server).length === WORKERS + 1, 'a new worker to listen');
    const died = logLines(server.output()).find((line) => line['msg'] === 'worker died; starting another');
    expect(died).toMatchObject({ pid: victim, signal: 'SIGKILL' });
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('drains every worker on SIGTERM and exits 0', async () => {
    expect(await server.stop('SIGTERM')).toBe(0);
    const lines = logLines(server.output());
    expect(lines.filter((line) => line['msg'] === 'stopped' && line['worker'] !== undefined)).toHaveLength(
      WORKERS,
    );
    expect(lines.at(-1)).toMatchObject({ msg: 'stopped', code: 0 });
  });
});

describe('WEB_CONCURRENCY=2 on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'finx-cluster-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('says why, and runs one process', async () => {
    const server = await startServerProcess({ FINX_DATA_DIR: dataDir, WEB_CONCURRENCY: '2' });
    try {
      const lines = logLines(server.output());
      expect(lines.find((line) => line['level'] === 40)?.['msg']).toBe(
        'WEB_CONCURRENCY=2 ignored: the embedded database (no DATABASE_URL) can be opened by one process only, ' +
          'so this runs one; set DATABASE_URL to run several workers',
      );
      expect(lines.filter((line) => line['msg'] === 'listening')).toHaveLength(1);
      expect(lines.find((line) => line['msg'] === 'listening')?.['worker']).toBeUndefined();
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
  });
});
