import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../../src/accounts/accounts.repository';
import { createApiToken } from '../../src/auth/api-tokens.repository';
import {
  apiClient,
  buildSegmentInput,
  createTestDatabase,
  startServerProcess,
  type Api,
  type ServerProcess,
  type TestDatabase,
} from '../support';

const postgresUrl = process.env['TEST_DATABASE_URL'];
const onPostgres = postgresUrl !== undefined && postgresUrl !== '';

if (!onPostgres) {
  console.warn(
    'SKIPPED the two-process idempotency test: it needs real PostgreSQL (the embedded database is one ' +
      'process only); set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres to run it (CI does).',
  );
}

describe.skipIf(!onPostgres)('Idempotency-Key across two server processes', () => {
  let database: TestDatabase;
  let processes: ServerProcess[] = [];
  let clients: Api[];

  beforeAll(async () => {
    database = await createTestDatabase();
    const account = await ensureAccount(database.db, { name: 'acme' });
    const { token } = await createApiToken(database.db, { accountId: account.id });
    const env = { DATABASE_URL: database.url ?? '' };
    processes = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    clients = processes.map((server) => apiClient(server.url, token));
  });
  afterAll(async () => {
    await Promise.all(processes.map((server) => server.stop('SIGKILL')));
    await database?.close();
  });

  it('creates exactly one segment for 20 concurrent requests with one key, split over both', async () => {
    for (let round = 0; round < 3; round++) {
      const key = `two-process-${round}-${Date.now()}`;
      const input = buildSegmentInput({ name: `two-process ${round}` });
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          (clients[i % 2] as Api)('/v1/market-segments', {
            method: 'POST',
            json: input,
            headers: { 'idempotency-key': key },
          }),
        ),
      );
      const statuses = responses.map((response) => response.status);
      expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
      const ids = new Set(responses.filter((r) => r.status === 201).map((r) => r.body.id as string));
      expect(ids.size).toBe(1);

      // A retry after the storm replays the one segment on either process.
      for (const client of clients) {
        const retry = await client('/v1/market-segments', {
          method: 'POST',
          json: input,
          headers: { 'idempotency-key': key },
        });
        expect(retry.status).toBe(201);
        expect(retry.headers.get('idempotent-replayed')).toBe('true');
        expect(ids.has(retry.body.id)).toBe(true);
      }
      const stored = await (clients[0] as Api)(`/v1/market-segments?name=${encodeURIComponent(input.name)}`);
      expect(stored.body.data).toHaveLength(1);
    }
  });
});
