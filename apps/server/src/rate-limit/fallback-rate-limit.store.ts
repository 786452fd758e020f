import type { Logger } from 'pino';
import type { RateLimitStore } from './rate-limiter';

/** At most one warning per this interval while the shared store keeps failing. */
const WARNING_INTERVAL_MS = 30_000;

/**
 * Uses the shared store, and the local one whenever the shared store fails (Redis down, cluster
 * primary not answering). Rate limiting stays on, per process instead of across processes, and
 * requests neither fail nor wait on an unreachable store. A warning is logged when this starts
 * and every 30 seconds while it lasts.
 */
export function createFallbackRateLimitStore(
  shared: RateLimitStore,
  local: RateLimitStore,
  logger: Logger,
): RateLimitStore {
  let lastWarningAt = Number.NEGATIVE_INFINITY;
  let degraded = false;
  return {
    async hit(key, windowMs) {
      try {
        const result = await shared.hit(key, windowMs);
        if (degraded) logger.info('Rate limits are shared across processes again');
        degraded = false;
        return result;
      } catch (error) {
        const now = Date.now();
        if (!degraded || now - lastWarningAt >= WARNING_INTERVAL_MS) {
          logger.warn(
            { err: error },
            'Rate-limit store unreachable: counting in this process only until it returns',
          );
          lastWarningAt = now;
        }
        degraded = true;
        return local.hit(key, windowMs);
      }
    },
    async close() {
      await Promise.all([shared.close(), local.close()]);
    },
  };
}
