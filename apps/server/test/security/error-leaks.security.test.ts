import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  createSegment,
  startTestServer,
  type Api,
  type ApiResponse,
  type TestServer,
} from '../support';

let server: TestServer;
let api: Api;
let segmentId: string;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server.baseUrl, server.token);
  segmentId = (await createSegment(api)).id;
});
afterAll(() => server.close());

/** Signs of an internal detail: a stack frame, a source path, SQL, table names, driver messages. */
const LEAKS = [
  /\bat [\w.<>]+ \(/,
  /\n\s+at /,
  /node_modules/,
  /\.[cm]?[jt]s:\d+/,
  /\b(select|insert into|update|delete from)\b/i,
  /market_segments|api_tokens|accounts|idempotency_keys/,
  /Failed query|params:|PGlite|postgres|drizzle|ECONN|SQLSTATE/i,
  /Error:/,
];

function expectNoLeak(response: ApiResponse, what: string): void {
  expect(response.headers.get('content-type'), what).toMatch(/^application\/json/);
  expect(Object.keys(response.body as object).sort(), what).toEqual(['message', 'request_id', 'type']);
  for (const pattern of LEAKS) expect(response.text, `${what}: ${pattern}`).not.toMatch(pattern);
}

const requests = () =>
  [
    ['list', '/v1/market-segments', {}],
    [
      'create',
      '/v1/market-segments',
      { method: 'POST', json: { name: 'n', criteria: 'c', description: 'd' } },
    ],
    ['retrieve', `/v1/market-segments/${segmentId}`, {}],
    ['update', `/v1/market-segments/${segmentId}`, { method: 'PUT', json: { name: 'x' } }],
    ['delete', `/v1/market-segments/${segmentId}`, { method: 'DELETE' }],
    ['filter', "/v1/market-segments?name=x'%20or%201=1", {}],
  ] as const;

describe('no stack trace or SQL text in any response', () => {
  it('when a query fails inside the database (a table gone behind the app): a bare 500', async () => {
    await server.database.db.execute(sql`alter table market_segments rename to market_segments_gone`);
    try {
      for (const [what, path, request] of requests()) {
        const response = await api(path, request);
        expect(response.status, what).toBe(500);
        expect(response.body, what).toMatchObject({
          type: 'api_error',
          message: 'An internal error occurred',
        });
        expectNoLeak(response, what);
      }
    } finally {
      await server.database.db.execute(sql`alter table market_segments_gone rename to market_segments`);
    }
  });

  it('when the database handle is closed behind the app: a bare 5xx, also from /readyz', async () => {
    await server.database.close();
    for (const [what, path, request] of requests()) {
      const response = await api(path, request);
      expect([500, 503], what).toContain(response.status);
      expect(response.body, what).toMatchObject({ type: 'api_error' });
      expectNoLeak(response, what);
    }
    const ready = await api('/readyz', { token: null });
    expect(ready.status).toBe(503);
    expectNoLeak(ready, 'readyz');
  });
});
