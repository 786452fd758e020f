import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAccount } from '../../src/accounts/accounts.repository';
import { createApp } from '../../src/app';
import { createApiToken } from '../../src/auth/api-tokens.repository';
import { listen, type RunningServer } from '../../src/http-server';
import { createMetrics } from '../../src/metrics/metrics';
import {
  apiClient,
  createSegment,
  createTestDatabase,
  errorBody,
  startTestServer,
  type Api,
  type TestDatabase,
  type TestServer,
} from '../support';

const METRICS_TOKEN = 'metrics-token-0123456789';

/** The real app with metrics switched on (the shared harness starts it with metrics off). */
async function startWithMetrics(database: TestDatabase, token: string | undefined) {
  const app = createApp({
    database,
    logger: pino({ level: 'silent' }),
    metrics: createMetrics({ database, token }),
    validateResponses: true,
  });
  return listen(app, 0, '127.0.0.1');
}

/** The value of one sample line, e.g. `http_requests_total{method="GET",...}`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

let database: TestDatabase;
let open: RunningServer;
let guarded: RunningServer;
let api: Api;
let apiToken: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const account = await ensureAccount(database.db, { name: 'metrics' });
  ({ token: apiToken } = await createApiToken(database.db, { accountId: account.id }));
  open = await startWithMetrics(database, undefined);
  guarded = await startWithMetrics(database, METRICS_TOKEN);
  api = apiClient(open.url, apiToken);
});
afterAll(async () => {
  await open.close();
  await guarded.close();
  await database.close();
});

describe('GET /metrics without a metrics token', () => {
  it('counts requests by method, route pattern and status, with their durations', async () => {
    const created = await createSegment(api);
    expect((await api(`/v1/market-segments/${created.id}`)).status).toBe(200);
    expect((await api('/v1/market-segments/missing000000000')).status).toBe(404);

    const response = await api<string>('/metrics', { token: null });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = response.body;
    expect(sample(text, 'http_requests_total{method="POST",route="/v1/market-segments",status="201"}')).toBe(
      1,
    );
    expect(
      sample(text, 'http_requests_total{method="GET",route="/v1/market-segments/:id",status="200"}'),
    ).toBe(1);
    expect(
      sample(text, 'http_requests_total{method="GET",route="/v1/market-segments/:id",status="404"}'),
    ).toBe(1);
    expect(
      sample(
        text,
        'http_request_duration_seconds_count{method="POST",route="/v1/market-segments",status="201"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/v1/market-segments",status="201"}',
      ),
    ).toBe(1);
  });

  it('labels a request that matched no route "unmatched", never with its raw path', async () => {
    expect((await api('/no/such/path-7f3a9', { token: null })).status).toBe(404);
    const text = (await api<string>('/metrics', { token: null })).body;
    expect(text).not.toContain('path-7f3a9');
    expect(
      sample(text, 'http_requests_total{method="GET",route="unmatched",status="404"}'),
    ).toBeGreaterThanOrEqual(1);
  });

  it('reports the database pool size and the process metrics', async () => {
    const text = (await api<string>('/metrics', { token: null })).body;
    expect(sample(text, `db_pool_max_connections{driver="${database.kind}"}`)).toBe(database.maxConnections);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('counts the scrapes themselves under the /metrics route', async () => {
    const text = (await api<string>('/metrics', { token: null })).body;
    expect(
      sample(text, 'http_requests_total{method="GET",route="/metrics",status="200"}'),
    ).toBeGreaterThanOrEqual(1);
  });
});

describe('GET /metrics with a metrics token', () => {
  const scrape = (authorization?: string) =>
    fetch(`${guarded.url}/metrics`, { headers: authorization === undefined ? {} : { authorization } });

  it('answers 401 with the error envelope without the token', async () => {
    const response = await scrape();
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.json()).toEqual(
      errorBody('authentication_error', 'GET /metrics needs the metrics token'),
    );
  });

  it('answers 401 to a wrong token, including an API token', async () => {
    expect((await scrape(`Bearer ${apiToken}`)).status).toBe(401);
    expect((await scrape(`Bearer ${METRICS_TOKEN}x`)).status).toBe(401);
    expect((await scrape(`Basic ${METRICS_TOKEN}`)).status).toBe(401);
    expect((await scrape(`Bearer ${METRICS_TOKEN.slice(0, -1)}`)).status).toBe(401);
  });

  it('serves the metrics to Bearer <token>', async () => {
    const response = await scrape(`Bearer ${METRICS_TOKEN}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('# TYPE http_requests_total counter');
  });
});

describe('GET /metrics when metrics are off (the default)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('is an unknown route', async () => {
    const response = await fetch(`${server.baseUrl}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual(errorBody('not_found', 'Unknown route: GET /metrics'));
  });
});
