import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { RateLimitStore, WindowCount } from './rate-limiter';

/**
 * One atomic step per request: INCR the key, and start its window (PEXPIRE) when it has none, so a
 * window begins at the key's first request exactly as in the memory store. Returns {count, pttl}.
 */
const HIT_SCRIPT = `
local count = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {count, ttl}
`;

/** A request must not wait on Redis longer than this; a slower answer counts as unreachable. */
const COMMAND_TIMEOUT_MS = 500;
const CONNECT_TIMEOUT_MS = 2_000;
const MAX_RECONNECT_DELAY_MS = 2_000;

export interface RedisRateLimitStoreOptions {
  url: string;
  /** Prepended to every key, so several deployments (or test runs) can share one Redis. */
  keyPrefix: string;
  logger: Logger;
}

function toWindowCount(reply: unknown): WindowCount {
  if (Array.isArray(reply) && typeof reply[0] === 'number' && typeof reply[1] === 'number') {
    return { count: reply[0], resetMs: reply[1] };
  }
  throw new Error('Unexpected reply from Redis to the rate-limit script');
}

/**
 * Counts in Redis, shared by every process that uses the same Redis and prefix. Commands fail at
 * once while the connection is down (no offline queue) and the client keeps reconnecting in the
 * background; callers decide what a failure means (see createFallbackRateLimitStore).
 */
export async function createRedisRateLimitStore({
  url,
  keyPrefix,
  logger,
}: RedisRateLimitStoreOptions): Promise<RateLimitStore> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 200, MAX_RECONNECT_DELAY_MS),
  });
  let lastErrorCode: string | undefined;
  redis.on('error', (error: NodeJS.ErrnoException) => {
    // ioredis emits this on every failed reconnect: log a change of state, not each attempt.
    const code = error.code ?? error.message;
    if (code !== lastErrorCode) logger.warn({ err: error }, 'Redis (rate limits) is unreachable');
    lastErrorCode = code;
  });
  redis.on('ready', () => {
    if (lastErrorCode !== undefined) logger.info('Redis (rate limits) is reachable again');
    lastErrorCode = undefined;
  });
  try {
    await redis.connect();
  } catch {
    // Logged by the error listener; the client goes on reconnecting, and requests count meanwhile
    // as the fallback says.
  }

  return {
    async hit(key, windowMs) {
      return toWindowCount(await redis.eval(HIT_SCRIPT, 1, `${keyPrefix}rate-limit:${key}`, windowMs));
    },
    async close() {
      redis.disconnect();
    },
  };
}
