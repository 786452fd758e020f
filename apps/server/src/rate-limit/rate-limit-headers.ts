import type { RateLimitDecision, RateLimitPolicy } from './rate-limiter';

/** The policy's name in the headers: there is one policy, per token. */
export const POLICY_NAME = 'default';

/**
 * The structured fields of draft-ietf-httpapi-ratelimit-headers: the quota (q) per window (w) in
 * seconds, and the remaining requests (r) with the seconds (t) until the window resets.
 */
export function rateLimitHeaders(
  policy: RateLimitPolicy,
  decision: RateLimitDecision,
): Record<'RateLimit-Policy' | 'RateLimit', string> {
  return {
    'RateLimit-Policy': `"${POLICY_NAME}";q=${policy.requests};w=${policy.windowSeconds}`,
    RateLimit: `"${POLICY_NAME}";r=${decision.remaining};t=${decision.resetSeconds}`,
  };
}
