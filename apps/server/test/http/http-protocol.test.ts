import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createSegment, errorBody, startTestServer, type Api, type TestServer } from '../support';

let server: TestServer;
let api: Api;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server.baseUrl, server.token);
});
afterAll(() => server.close());

describe('routes and methods', () => {
  it('answers an unknown route with a JSON 404', async () => {
    for (const path of ['/nope', '/v2/market-segments', '/v1/market-segments/abc/def']) {
      const response = await api(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.body).toEqual(errorBody('not_found', /^Unknown route: GET /));
    }
  });

  it.each([
    ['/v1/market-segments', 'PATCH', 'GET, HEAD, POST'],
    ['/v1/market-segments', 'DELETE', 'GET, HEAD, POST'],
    ['/v1/market-segments', 'PUT', 'GET, HEAD, POST'],
    ['/v1/market-segments/AAAAAAAAAAAAAAAA', 'POST', 'GET, HEAD, PUT, DELETE'],
    ['/v1/market-segments/AAAAAAAAAAAAAAAA', 'PATCH', 'GET, HEAD, PUT, DELETE'],
  ])('answers %s %s with 405 and Allow', async (path, method, allow) => {
    const response = await api(path, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    expect(response.body).toEqual(
      errorBody('invalid_request', `${method} is not allowed here; allowed: ${allow}`),
    );
  });

  it('answers OPTIONS with 204 and Allow', async () => {
    const response = await api('/v1/market-segments', { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('answers a malformed percent-escape in the path with a JSON 400', async () => {
    const response = await api('/v1/market-segments/%E0%A4%A');
    expect(response.status).toBe(400);
    expect(response.body).toEqual(errorBody('invalid_request', 'Malformed request'));
  });
});

describe('X-Request-Id', () => {
  it('is generated for every response and repeated in error bodies', async () => {
    const ok = await api('/v1/market-segments');
    expect(ok.headers.get('x-request-id')).toMatch(/^req_[0-9A-Za-z]{24}$/);
    const error = await api('/v1/market-segments?limit=0');
    expect(error.body.request_id).toBe(error.headers.get('x-request-id'));
    expect(error.headers.get('x-request-id')).not.toBe(ok.headers.get('x-request-id'));
    const health = await api('/healthz', { token: null });
    expect(health.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it("keeps the client's own id when it is sane", async () => {
    const response = await api('/v1/market-segments/AAAAAAAAAAAAAAAA', {
      headers: { 'x-request-id': 'client-trace.42:abc_DEF' },
    });
    expect(response.headers.get('x-request-id')).toBe('client-trace.42:abc_DEF');
    expect(response.body.request_id).toBe('client-trace.42:abc_DEF');
  });

  it('replaces an insane one', async () => {
    for (const given of ['x'.repeat(129), 'has space', '<script>', 'a;b', '']) {
      const response = await api('/v1/market-segments', { headers: { 'x-request-id': given } });
      expect(response.headers.get('x-request-id')).toMatch(/^req_[0-9A-Za-z]{24}$/);
    }
  });
});

describe('service endpoints', () => {
  it('GET /healthz answers 200 without a token', async () => {
    const response = await api('/healthz', { token: null });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 while the database answers, 503 while draining', async () => {
    const ready = await api('/readyz', { token: null });
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok' });
    server.setDraining(true);
    try {
      const draining = await api('/readyz', { token: null });
      expect(draining.status).toBe(503);
      expect(draining.body).toEqual(errorBody('api_error', 'Shutting down'));
      expect(draining.headers.get('retry-after')).toBe('1');
    } finally {
      server.setDraining(false);
    }
  });

  it('answers requests too large for the HTTP parser with a JSON error', async () => {
    const response = await api('/v1/market-segments', { headers: { 'x-filler': 'x'.repeat(200_000) } });
    expect(response.status).toBe(431);
    expect(response.body).toEqual(errorBody('invalid_request', 'Request headers too large'));
  });

  it('does not leak framework details', async () => {
    const segment = await createSegment(api);
    const response = await api(`/v1/market-segments/${segment.id}`);
    expect(response.headers.get('x-powered-by')).toBeNull();
  });
});
