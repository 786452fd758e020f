/** How many requests one token may make per window. */
export interface RateLimitPolicy {
  readonly requests: number;
  readonly windowSeconds: number;
}

/** The count of one key in its current window, this request included. */
export interface WindowCount {
  readonly count: number;
  /** Milliseconds until the window ends and the count starts again from zero. */
  readonly resetMs: number;
}

/**
 * Where counts live: one process's memory, the cluster primary, or Redis. A window starts at a
 * key's first request and lasts windowMs; every store counts the same way.
 */
export interface RateLimitStore {
  hit(key: string, windowMs: number): Promise<WindowCount>;
  close(): Promise<void>;
}

export interface RateLimitDecision {
  readonly allowed: boolean;
  readonly remaining: number;
  /** Whole seconds until the window resets (at least 1 while the window is open). */
  readonly resetSeconds: number;
}

export interface RateLimiter {
  readonly policy: RateLimitPolicy;
  /** Counts one request of the key and says whether it is within the policy. */
  consume(key: string): Promise<RateLimitDecision>;
  close(): Promise<void>;
}

export function createRateLimiter(policy: RateLimitPolicy, store: RateLimitStore): RateLimiter {
  const windowMs = policy.windowSeconds * 1000;
  return {
    policy,
    async consume(key) {
      const { count, resetMs } = await store.hit(key, windowMs);
      return {
        allowed: count <= policy.requests,
        remaining: Math.max(0, policy.requests - count),
        resetSeconds: Math.max(1, Math.ceil(resetMs / 1000)),
      };
    },
    close: () => store.close(),
  };
}
