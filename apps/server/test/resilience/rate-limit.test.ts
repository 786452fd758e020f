import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryRateLimitStore } from '../../src/rate-limit/memory-rate-limit.store';
import { createRateLimiter } from '../../src/rate-limit/rate-limiter';
import {
  apiClient,
  buildSegmentInput,
  errorBody,
  startTestServer,
  type Api,
  type ApiResponse,
  type TestServer,
} from '../support';

const LIMIT = 3;
const WINDOW_SECONDS = 60;

/** The t parameter of the RateLimit header: seconds until the window resets. */
const resetSecondsOf = (response: ApiResponse) =>
  Number(/;t=(\d+)$/.exec(response.headers.get('ratelimit') ?? '')?.[1]);

describe('rate limiting per token (one process, counted in memory)', () => {
  let server: TestServer;
  let api: Api;

  beforeAll(async () => {
    const rateLimiter = createRateLimiter(
      { requests: LIMIT, windowSeconds: WINDOW_SECONDS },
      createMemoryRateLimitStore(),
    );
    server = await startTestServer({ rateLimiter });
    api = apiClient(server.baseUrl, server.token);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('announces the policy and the remaining requests on every authenticated response', async () => {
    for (let remaining = LIMIT - 1; remaining >= 0; remaining--) {
      const response = await api('/v1/market-segments');
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit-policy')).toBe(`"default";q=${LIMIT};w=${WINDOW_SECONDS}`);
      expect(response.headers.get('ratelimit')).toMatch(new RegExp(`^"default";r=${remaining};t=\\d+$`));
      expect(resetSecondsOf(response)).toBeGreaterThanOrEqual(1);
      expect(resetSecondsOf(response)).toBeLessThanOrEqual(WINDOW_SECONDS);
    }
  });

  it('answers 429 rate_limited with Retry-After beyond the limit, and creates nothing', async () => {
    const other = await server.createToken('test');
    const before = await apiClient(server.baseUrl, other.token)('/v1/market-segments?limit=100');

    const refused = await api('/v1/market-segments', { method: 'POST', json: buildSegmentInput() });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
    expect(refused.body).toEqual(
      errorBody(
        'rate_limited',
        new RegExp(
          `^Rate limit exceeded: ${LIMIT} requests per ${WINDOW_SECONDS} seconds per token; retry in \\d+ seconds$`,
        ),
      ),
    );
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBe(resetSecondsOf(refused));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('ratelimit')).toMatch(/^"default";r=0;t=\d+$/);
    expect(refused.headers.get('ratelimit-policy')).toBe(`"default";q=${LIMIT};w=${WINDOW_SECONDS}`);

    // Every request beyond the limit counts as refused, whatever its method or path.
    expect((await api('/v1/market-segments/doesnotexist12345')).status).toBe(429);
    const after = await apiClient(server.baseUrl, other.token)('/v1/market-segments?limit=100');
    expect(after.body).toEqual(before.body);
  });

  it('leaves other tokens, of the same account and of another, unaffected', async () => {
    const sameAccount = await server.createToken('test');
    const otherAccount = await server.createToken('someone-else');
    for (const { token } of [sameAccount, otherAccount]) {
      const response = await apiClient(server.baseUrl, token)('/v1/market-segments');
      expect(response.status).toBe(200);
      expect(response.headers.get('ratelimit')).toMatch(new RegExp(`^"default";r=${LIMIT - 1};t=\\d+$`));
    }
    expect((await api('/v1/market-segments')).status).toBe(429);
  });

  it('does not count or announce requests without a valid token, nor service endpoints', async () => {
    const unauthenticated = await api('/v1/market-segments', { token: 'fx_not-a-real-token' });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('ratelimit')).toBeNull();
    const health = await fetch(`${server.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('ratelimit')).toBeNull();
  });
});

describe('without a rate limiter (RATE_LIMIT_REQUESTS=0)', () => {
  it('sends no rate-limit headers and never answers 429', async () => {
    const server = await startTestServer();
    try {
      const api = apiClient(server.baseUrl, server.token);
      for (let i = 0; i < 5; i++) {
        const response = await api('/v1/market-segments');
        expect(response.status).toBe(200);
        expect(response.headers.get('ratelimit')).toBeNull();
        expect(response.headers.get('ratelimit-policy')).toBeNull();
      }
    } finally {
      await server.close();
    }
  });
});
