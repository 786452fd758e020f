import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../../src/accounts/accounts.repository';
import { createApp } from '../../src/app';
import { createApiToken } from '../../src/auth/api-tokens.repository';
import { connectPostgres, type DatabaseHandle } from '../../src/db/database';
import { listen, type RunningServer } from '../../src/http-server';
import { buildSegmentInput, createTestDatabase, errorBody, type TestDatabase } from '../support';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';

const postgresUrl = process.env['TEST_DATABASE_URL'];
const onPostgres = postgresUrl !== undefined && postgresUrl !== '';
/** "Quickly": a request that has not been answered by then counts as hanging and fails the test. */
const HANGING_MS = 10_000;
/**
 * Enough failed reconnects that postgres.js's default backoff (up to 20 s between attempts) would
 * make requests hang past HANGING_MS: the capped backoff in connectPostgres is what passes this.
 */
const OUTAGE_REQUESTS = 30;

if (!onPostgres) {
  console.warn(
    'SKIPPED the database-outage test: it cuts the network between the server and real PostgreSQL ' +
      '(the embedded database has no network); set TEST_DATABASE_URL to run it (CI does).',
  );
}

interface Answer {
  status: number;
  retryAfter: string | null;
  body: unknown;
  ms: number;
}

describe.skipIf(!onPostgres)('while PostgreSQL is unreachable (a TCP proxy cut and restored)', () => {
  let database: TestDatabase;
  let proxy: TcpProxy;
  let proxied: DatabaseHandle;
  let server: RunningServer;
  let token: string;

  async function call(path: string, init: RequestInit = {}): Promise<Answer> {
    const started = performance.now();
    const response = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
      signal: AbortSignal.timeout(HANGING_MS),
    });
    const text = await response.text();
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: text === '' ? text : JSON.parse(text),
      ms: performance.now() - started,
    };
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const direct = new URL(database.url ?? '');
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(direct);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    proxied = connectPostgres(viaProxy.toString());
    server = await listen(
      createApp({ database: proxied, logger: pino({ level: 'silent' }), validateResponses: true }),
      0,
      '127.0.0.1',
    );
    const account = await ensureAccount(database.db, { name: 'outage' });
    ({ token } = await createApiToken(database.db, { accountId: account.id }));
  });
  afterAll(async () => {
    await server?.close();
    await proxied?.close();
    await proxy?.close();
    await database?.close();
  });

  it('opens connections with a statement timeout and an idle-in-transaction timeout', async () => {
    // On PostgreSQL (the only database this file runs on) execute() returns the rows as an array.
    const rows = (await proxied.db.execute(
      sql`select current_setting('statement_timeout') as statement,
                 current_setting('idle_in_transaction_session_timeout') as idle`,
    )) as unknown as { statement: string; idle: string }[];
    expect([...rows]).toEqual([{ statement: '10s', idle: '15s' }]);
  });

  it('answers 503 with Retry-After at once, reports not ready, and recovers by itself', async () => {
    const created = await call('/v1/market-segments', {
      method: 'POST',
      body: JSON.stringify(buildSegmentInput()),
    });
    expect(created.status).toBe(201);
    expect((await call('/readyz')).status).toBe(200);

    await proxy.cut();
    const during: Answer[] = [];
    for (let i = 0; i < OUTAGE_REQUESTS; i++) {
      during.push(
        i % 2 === 0
          ? await call('/v1/market-segments')
          : await call('/v1/market-segments', { method: 'POST', body: JSON.stringify(buildSegmentInput()) }),
      );
    }
    for (const answer of during) {
      expect(answer).toMatchObject({
        status: 503,
        retryAfter: '5',
        body: errorBody('api_error', 'The database is unavailable; retry later'),
      });
    }
    const notReady = await call('/readyz');
    expect(notReady).toMatchObject({
      status: 503,
      retryAfter: '5',
      body: errorBody('api_error', 'The database is unavailable'),
    });
    expect((await call('/healthz')).status).toBe(200);

    await proxy.restore();
    const restoredAt = performance.now();
    let recovered: Answer | undefined;
    let attempts = 0;
    while (recovered === undefined && attempts < 100) {
      attempts += 1;
      const answer = await call('/v1/market-segments');
      if (answer.status === 200) recovered = answer;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const recoveryMs = performance.now() - restoredAt;
    expect(recovered?.status).toBe(200);
    expect((await call('/readyz')).status).toBe(200);
    const after = await call('/v1/market-segments', {
      method: 'POST',
      body: JSON.stringify(buildSegmentInput()),
    });
    expect(after.status).toBe(201);

    const latencies = during.map((answer) => answer.ms);
    console.info(
      `database outage: ${OUTAGE_REQUESTS} requests while cut, all 503 + Retry-After: 5 ` +
        `(slowest ${Math.max(...latencies).toFixed(0)} ms, median ${latencies.sort((a, b) => a - b)[OUTAGE_REQUESTS / 2]?.toFixed(0)} ms); ` +
        `/readyz 503 in ${notReady.ms.toFixed(0)} ms; first 200 ${recoveryMs.toFixed(0)} ms after the database came back ` +
        `(${attempts} attempt${attempts === 1 ? '' : 's'}), no restart`,
    );
  });
});
