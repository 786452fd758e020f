import pino from 'pino';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConfiguredRateLimiter } from '../../src/rate-limit/configured-rate-limiter';
import { createFallbackRateLimitStore } from '../../src/rate-limit/fallback-rate-limit.store';
import { createMemoryRateLimitStore } from '../../src/rate-limit/memory-rate-limit.store';
import { rateLimitHeaders } from '../../src/rate-limit/rate-limit-headers';
import { createRateLimiter, type RateLimitStore } from '../../src/rate-limit/rate-limiter';

function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('the rate limiter over the memory store', () => {
  it('allows the quota per window, counts down, then refuses until the window ends', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(
      { requests: 2, windowSeconds: 60 },
      createMemoryRateLimitStore(clock.now),
    );
    expect(await limiter.consume('tok_a')).toEqual({ allowed: true, remaining: 1, resetSeconds: 60 });
    clock.advance(10_500);
    expect(await limiter.consume('tok_a')).toEqual({ allowed: true, remaining: 0, resetSeconds: 50 });
    expect(await limiter.consume('tok_a')).toEqual({ allowed: false, remaining: 0, resetSeconds: 50 });
    clock.advance(49_499);
    expect(await limiter.consume('tok_a')).toEqual({ allowed: false, remaining: 0, resetSeconds: 1 });
    clock.advance(1);
    expect(await limiter.consume('tok_a')).toEqual({ allowed: true, remaining: 1, resetSeconds: 60 });
  });

  it('counts each key on its own', async () => {
    const limiter = createRateLimiter({ requests: 1, windowSeconds: 1 }, createMemoryRateLimitStore());
    expect((await limiter.consume('tok_a')).allowed).toBe(true);
    expect((await limiter.consume('tok_a')).allowed).toBe(false);
    expect((await limiter.consume('tok_b')).allowed).toBe(true);
  });

  it('forgets windows that ended (no unbounded growth with many tokens)', async () => {
    const clock = fakeClock();
    const store = createMemoryRateLimitStore(clock.now);
    for (let i = 0; i < 1000; i++) await store.hit(`tok_${i}`, 1000);
    clock.advance(1000);
    // The sweep runs on the next hit: every old window is gone, so each key starts again at 1.
    expect(await store.hit('tok_new', 1000)).toEqual({ count: 1, resetMs: 1000 });
    expect(await store.hit('tok_0', 1000)).toEqual({ count: 1, resetMs: 1000 });
  });
});

describe('rateLimitHeaders', () => {
  it('writes the structured fields of draft-ietf-httpapi-ratelimit-headers', () => {
    expect(
      rateLimitHeaders(
        { requests: 1000, windowSeconds: 60 },
        { allowed: true, remaining: 998, resetSeconds: 42 },
      ),
    ).toEqual({ 'RateLimit-Policy': '"default";q=1000;w=60', RateLimit: '"default";r=998;t=42' });
  });
});

describe('the fallback store', () => {
  function captureLogs() {
    const lines: Record<string, unknown>[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    return { logger: pino({ level: 'info' }, stream), lines };
  }

  it('counts locally, with one warning, while the shared store fails, and goes back to it', async () => {
    let sharedUp = false;
    const shared: RateLimitStore = {
      async hit() {
        if (!sharedUp) throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
        return { count: 100, resetMs: 5000 };
      },
      async close() {},
    };
    const { logger, lines } = captureLogs();
    const store = createFallbackRateLimitStore(shared, createMemoryRateLimitStore(), logger);
    expect((await store.hit('tok_a', 60_000)).count).toBe(1);
    expect((await store.hit('tok_a', 60_000)).count).toBe(2);
    expect(lines.map((line) => line['msg'])).toEqual([
      'Rate-limit store unreachable: counting in this process only until it returns',
    ]);
    sharedUp = true;
    expect(await store.hit('tok_a', 60_000)).toEqual({ count: 100, resetMs: 5000 });
    expect(lines.at(-1)?.['msg']).toBe('Rate limits are shared across processes again');
  });
});

describe('createConfiguredRateLimiter', () => {
  const config = { RATE_LIMIT_WINDOW_SECONDS: 60, REDIS_URL: undefined, REDIS_KEY_PREFIX: 'finx:' };
  const logger = pino({ level: 'silent' });

  it('builds no limiter when RATE_LIMIT_REQUESTS is 0', async () => {
    expect(
      await createConfiguredRateLimiter({ ...config, RATE_LIMIT_REQUESTS: 0 }, logger, {
        clusterWorker: false,
      }),
    ).toBeUndefined();
  });

  it('builds one with the configured policy otherwise', async () => {
    const limiter = await createConfiguredRateLimiter({ ...config, RATE_LIMIT_REQUESTS: 7 }, logger, {
      clusterWorker: false,
    });
    expect(limiter?.policy).toEqual({ requests: 7, windowSeconds: 60 });
    expect(await limiter?.consume('tok_a')).toMatchObject({ allowed: true, remaining: 6 });
    await limiter?.close();
  });
});
