import pino from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { listen, type RunningServer } from '../../src/http-server';
import { createConfiguredRateLimiter } from '../../src/rate-limit/configured-rate-limiter';
import type { RateLimiter } from '../../src/rate-limit/rate-limiter';
import {
  apiClient,
  createTestDatabase,
  startServerProcess,
  startTestServer,
  type Api,
  type ApiResponse,
  type ServerProcess,
  type TestDatabase,
  type TestServer,
} from '../support';
import { isRedisReachable, TEST_REDIS_URL, uniqueRedisKeyPrefix } from '../support/redis-probe';

const LIMIT = 4;
const redisUp = await isRedisReachable();
const postgresUrl = process.env['TEST_DATABASE_URL'];
const onPostgres = postgresUrl !== undefined && postgresUrl !== '';

if (!redisUp) {
  console.warn(
    `SKIPPED the Redis rate-limit tests: no Redis answers at ${TEST_REDIS_URL} ` +
      '(start one, e.g. redis-server --port 6379, or set TEST_REDIS_URL; CI starts it).',
  );
}
if (!onPostgres) {
  console.warn(
    'SKIPPED the two-process Redis rate-limit test: two server processes need real PostgreSQL ' +
      '(the embedded database is one process only); set TEST_DATABASE_URL to run it (CI does).',
  );
}

const remainingOf = (response: ApiResponse) =>
  Number(/;r=(\d+);/.exec(response.headers.get('ratelimit') ?? '')?.[1]);

/** Sends count GETs, taking the APIs in turn, and records each status and remaining count. */
async function alternate(apis: Api[], count: number) {
  const answers: { status: number; remaining: number }[] = [];
  for (let i = 0; i < count; i++) {
    const api = apis[i % apis.length];
    if (api === undefined) throw new Error('no API to call');
    const response = await api('/v1/market-segments');
    answers.push({ status: response.status, remaining: remainingOf(response) });
  }
  return answers;
}

function redisLimiter(keyPrefix: string, url = TEST_REDIS_URL, logger = pino({ level: 'silent' })) {
  return createConfiguredRateLimiter(
    {
      RATE_LIMIT_REQUESTS: LIMIT,
      RATE_LIMIT_WINDOW_SECONDS: 60,
      REDIS_URL: url,
      REDIS_KEY_PREFIX: keyPrefix,
    },
    logger,
    { clusterWorker: false },
  ) as Promise<RateLimiter>;
}

describe.skipIf(!redisUp)('rate limits counted in Redis', () => {
  let server: TestServer;
  let secondLimiter: RateLimiter;
  let second: RunningServer;

  beforeAll(async () => {
    const keyPrefix = uniqueRedisKeyPrefix();
    server = await startTestServer({ rateLimiter: await redisLimiter(keyPrefix) });
    // A second app over the same database whose limiter shares nothing with the first but Redis.
    secondLimiter = await redisLimiter(keyPrefix);
    second = await listen(
      createApp({ database: server.database, logger: pino({ level: 'silent' }), rateLimiter: secondLimiter }),
      0,
      '127.0.0.1',
    );
  });
  afterAll(async () => {
    await second?.close();
    await secondLimiter?.close();
    await server?.close();
  });

  it('holds one count for a token across two app instances', async () => {
    const apis = [apiClient(server.baseUrl, server.token), apiClient(second.url, server.token)];
    const answers = await alternate(apis, LIMIT + 2);
    expect(answers).toEqual([
      { status: 200, remaining: 3 },
      { status: 200, remaining: 2 },
      { status: 200, remaining: 1 },
      { status: 200, remaining: 0 },
      { status: 429, remaining: 0 },
      { status: 429, remaining: 0 },
    ]);
  });

  it('keeps limiting, per process, with a logged warning, while Redis is unreachable', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'warn' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    // Port 1 on the loopback: nothing listens, so every connection attempt is refused at once.
    const limiter = await redisLimiter(uniqueRedisKeyPrefix(), 'redis://127.0.0.1:1', logger);
    const app = await listen(
      createApp({ database: server.database, logger: pino({ level: 'silent' }), rateLimiter: limiter }),
      0,
      '127.0.0.1',
    );
    try {
      const { token } = await server.createToken('redis-down');
      const api = apiClient(app.url, token);
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT + 1; i++) statuses.push((await api('/v1/market-segments')).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429]);
      expect(lines.join('')).toContain('Rate-limit store unreachable: counting in this process only');
    } finally {
      await app.close();
      await limiter.close();
    }
  });
});

describe.skipIf(!redisUp || !onPostgres)('rate limits shared by two server processes over Redis', () => {
  let database: TestDatabase;
  let processes: ServerProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = {
      DATABASE_URL: database.url ?? '',
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: uniqueRedisKeyPrefix(),
      RATE_LIMIT_REQUESTS: String(LIMIT),
    };
    processes = [await startServerProcess(env), await startServerProcess(env)];
  });
  afterAll(async () => {
    await Promise.all(processes.map((server) => server.stop('SIGTERM')));
    await database?.close();
  });

  it('counts a token once across both processes', async () => {
    const token = /\n\s+(fx_[0-9A-Za-z]{40})\n/.exec(processes[0]?.output() ?? '')?.[1] ?? '';
    const apis = processes.map((server) => apiClient(server.url, token));
    const answers = await alternate(apis, LIMIT + 2);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 429, 429]);
    expect(answers.map((answer) => answer.remaining)).toEqual([3, 2, 1, 0, 0, 0]);
  });
});
