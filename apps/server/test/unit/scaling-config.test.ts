import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';

describe('rate-limit, Redis and worker configuration', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      RATE_LIMIT_REQUESTS: 1000,
      RATE_LIMIT_WINDOW_SECONDS: 60,
      REDIS_KEY_PREFIX: 'finx:',
      WEB_CONCURRENCY: 1,
    });
    expect(loadConfig({}).REDIS_URL).toBeUndefined();
  });

  it('accepts 0 to switch rate limiting off, and redis:// or rediss:// URLs', () => {
    const config = loadConfig({
      RATE_LIMIT_REQUESTS: '0',
      RATE_LIMIT_WINDOW_SECONDS: '1',
      REDIS_URL: 'rediss://user:secret@cache.internal:6380/2',
      WEB_CONCURRENCY: '4',
    });
    expect(config).toMatchObject({
      RATE_LIMIT_REQUESTS: 0,
      RATE_LIMIT_WINDOW_SECONDS: 1,
      REDIS_URL: 'rediss://user:secret@cache.internal:6380/2',
      WEB_CONCURRENCY: 4,
    });
  });

  it.each([
    [{ RATE_LIMIT_REQUESTS: '-1' }, 'RATE_LIMIT_REQUESTS must be an integer between 0 and 1000000000'],
    [{ RATE_LIMIT_REQUESTS: 'lots' }, 'RATE_LIMIT_REQUESTS must be an integer between 0 and 1000000000'],
    [{ RATE_LIMIT_WINDOW_SECONDS: '0' }, 'RATE_LIMIT_WINDOW_SECONDS must be an integer between 1 and 86400'],
    [
      { RATE_LIMIT_WINDOW_SECONDS: '1.5' },
      'RATE_LIMIT_WINDOW_SECONDS must be an integer between 1 and 86400',
    ],
    [
      { REDIS_URL: 'http://cache:6379' },
      'REDIS_URL must be a redis:// or rediss:// URL (leave it unset to count in memory)',
    ],
    [{ WEB_CONCURRENCY: '0' }, 'WEB_CONCURRENCY must be an integer between 1 and 64'],
  ])('rejects %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(`Invalid configuration: ${message}`);
  });
});
