import type { RequestHandler } from 'express';
import { ApiError } from '../errors/api-error';
import { rateLimitHeaders } from './rate-limit-headers';
import type { RateLimiter } from './rate-limiter';

/**
 * Counts the request against its token (res.locals.tokenId, set by authenticate), announces the
 * limit on the response, and answers 429 with Retry-After beyond it. Mount after authenticate.
 */
export function limitRate(limiter: RateLimiter): RequestHandler {
  return async (_req, res, next) => {
    const { tokenId } = res.locals;
    if (tokenId === undefined) throw new Error('limitRate must be mounted after authenticate');
    const decision = await limiter.consume(tokenId);
    for (const [name, value] of Object.entries(rateLimitHeaders(limiter.policy, decision))) {
      res.setHeader(name, value);
    }
    if (!decision.allowed) {
      const { requests, windowSeconds } = limiter.policy;
      throw new ApiError(
        429,
        `Rate limit exceeded: ${requests} requests per ${windowSeconds} seconds per token; retry in ${decision.resetSeconds} seconds`,
        undefined,
        { 'Retry-After': String(decision.resetSeconds) },
      );
    }
    next();
  };
}
