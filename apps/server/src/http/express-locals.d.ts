import type { Database } from '../db/database';

declare global {
  namespace Express {
    interface Locals {
      requestId: string;
      /** Set by the authentication middleware on every /v1 request that gets past it. */
      accountId?: string;
      /** The id (not the secret) of the token that authenticated the request; set with accountId. */
      tokenId?: string;
      /** The transaction an Idempotency-Key request runs in; handlers must use it instead of the pool. */
      transaction?: Database;
    }
  }
}

export {};
