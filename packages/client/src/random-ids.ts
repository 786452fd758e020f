/** A fresh idempotency key: a random UUID. */
export function newIdempotencyKey(): string {
  return globalThis.crypto.randomUUID();
}

/** A fresh request id, in the server's own format family (`req_` and 32 hex digits). */
export function newRequestId(): string {
  return `req_${globalThis.crypto.randomUUID().replaceAll('-', '')}`;
}
