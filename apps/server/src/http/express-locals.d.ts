declare global {
  namespace Express {
    interface Locals {
      requestId: string;
      /** Set by the authentication middleware on every /v1 request that gets past it. */
      accountId?: string;
    }
  }
}

export {};
