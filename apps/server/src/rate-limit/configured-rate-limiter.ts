import type { Logger } from 'pino';
import type { Config } from '../config';
import { createClusterWorkerRateLimitStore } from './cluster-rate-limit.store';
import { createFallbackRateLimitStore } from './fallback-rate-limit.store';
import { createMemoryRateLimitStore } from './memory-rate-limit.store';
import { createRateLimiter, type RateLimiter } from './rate-limiter';
import { createRedisRateLimitStore } from './redis-rate-limit.store';

export type RateLimitConfig = Pick<
  Config,
  'RATE_LIMIT_REQUESTS' | 'RATE_LIMIT_WINDOW_SECONDS' | 'REDIS_URL' | 'REDIS_KEY_PREFIX'
>;

/**
 * The limiter the configuration asks for: none when RATE_LIMIT_REQUESTS is 0; counts in Redis when
 * REDIS_URL is set; else in the cluster primary (for a cluster worker) or in this process. Shared
 * stores fall back to this process's memory while they are unreachable.
 */
export async function createConfiguredRateLimiter(
  config: RateLimitConfig,
  logger: Logger,
  { clusterWorker }: { clusterWorker: boolean },
): Promise<RateLimiter | undefined> {
  if (config.RATE_LIMIT_REQUESTS === 0) return undefined;
  const policy = { requests: config.RATE_LIMIT_REQUESTS, windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS };
  const local = createMemoryRateLimitStore();
  if (config.REDIS_URL !== undefined) {
    const redis = await createRedisRateLimitStore({
      url: config.REDIS_URL,
      keyPrefix: config.REDIS_KEY_PREFIX,
      logger,
    });
    return createRateLimiter(policy, createFallbackRateLimitStore(redis, local, logger));
  }
  if (clusterWorker) {
    const primary = createClusterWorkerRateLimitStore();
    return createRateLimiter(policy, createFallbackRateLimitStore(primary, local, logger));
  }
  return createRateLimiter(policy, local);
}
