import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';

export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] || 'redis://127.0.0.1:6379';

/** True when Redis answers PING at TEST_REDIS_URL (default 127.0.0.1:6379) within a second. */
export async function isRedisReachable(url = TEST_REDIS_URL): Promise<boolean> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 1000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** A key prefix of this test run's own, so runs sharing one Redis never see each other's counts. */
export const uniqueRedisKeyPrefix = () => `finx-test:${randomBytes(6).toString('hex')}:`;
