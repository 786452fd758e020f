/** Per-call settings; each overrides the client's own for this one call. */
export interface RequestOptions {
  /**
   * Sent as `Idempotency-Key` (POST, PUT and DELETE). By default the client makes a random one per
   * call and sends it on every retry of that call.
   */
  readonly idempotencyKey?: string;
  /** Milliseconds to wait for each attempt's response before giving up on it. */
  readonly timeoutMs?: number;
  /** How many times to retry after the first attempt. */
  readonly maxRetries?: number;
  /** Aborts the call (and its pending retries); the call then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}
