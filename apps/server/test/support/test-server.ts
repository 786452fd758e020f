import pino, { type Logger } from 'pino';
import { ensureAccount } from '../../src/accounts/accounts.repository';
import { createApp } from '../../src/app';
import { createApiToken } from '../../src/auth/api-tokens.repository';
import { listen } from '../../src/http-server';
import type { RateLimiter } from '../../src/rate-limit/rate-limiter';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly baseUrl: string;
  readonly database: TestDatabase;
  /** A token of the account `test`. */
  readonly token: string;
  /** A new token for the named account (created if needed). */
  createToken(accountName: string): Promise<{ id: string; token: string }>;
  /** Flags the app as draining, as SIGTERM does. */
  setDraining(draining: boolean): void;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Rate limiting as in production; absent (the default in tests): no rate limiting. */
  rateLimiter?: RateLimiter;
  /** The app's logger; absent (the default): pino at TEST_LOG_LEVEL, silent unless set. */
  logger?: Logger;
}

/**
 * The real app on an ephemeral port over the test file's own database, with response validation
 * against the contract switched on. Close it in afterAll.
 */
export async function startTestServer({ rateLimiter, logger }: TestServerOptions = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  let draining = false;
  const app = createApp({
    database,
    logger: logger ?? pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }),
    readiness: { isDraining: () => draining },
    rateLimiter,
    validateResponses: true,
  });
  const running = await listen(app, 0, '127.0.0.1');
  const createToken = async (accountName: string) => {
    const account = await ensureAccount(database.db, { name: accountName });
    return createApiToken(database.db, { accountId: account.id });
  };
  const { token } = await createToken('test');
  return {
    baseUrl: running.url,
    database,
    token,
    createToken,
    setDraining: (value) => {
      draining = value;
    },
    async close() {
      await running.close();
      await rateLimiter?.close();
      await database.close();
    },
  };
}
