import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiToken } from '../../src/auth/api-tokens.repository';
import { apiClient, createSegment, errorBody, startTestServer, type Api, type TestServer } from '../support';

let server: TestServer;
let api: Api;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server.baseUrl, server.token);
});
afterAll(() => server.close());

function expectUnauthorized(response: { status: number; headers: Headers; body: unknown }, message: string) {
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toBe('Bearer');
  expect(response.body).toEqual(errorBody('authentication_error', message));
}

describe('authentication', () => {
  it.each([
    ['no Authorization header', undefined, 'No API token: send it as "Authorization: Bearer <token>"'],
    ['an empty header', '', 'No API token: send it as "Authorization: Bearer <token>"'],
    ['the Basic scheme', 'Basic dXNlcjpwYXNz', 'The Authorization header must use the Bearer scheme'],
    ['a bare token', 'fx_abc', 'The Authorization header must use the Bearer scheme'],
    ['Bearer without token', 'Bearer ', 'The Authorization header must use the Bearer scheme'],
    ['a malformed token', 'Bearer not-a-token', 'Invalid API token'],
    ['an unknown token', `Bearer fx_${'A'.repeat(40)}`, 'Invalid API token'],
    ['a token with its last character changed', 'CHANGED', 'Invalid API token'],
  ])('answers 401 with WWW-Authenticate for %s', async (_case, header, message) => {
    const headers: Record<string, string> = {};
    if (header === 'CHANGED') {
      const last = server.token.endsWith('A') ? 'B' : 'A';
      headers['authorization'] = `Bearer ${server.token.slice(0, -1)}${last}`;
    } else if (header !== undefined) {
      headers['authorization'] = header;
    }
    const response = await api('/v1/market-segments', { token: null, headers });
    expectUnauthorized(response, message);
  });

  it('accepts the scheme name in any case', async () => {
    for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
      const response = await api('/v1/market-segments', {
        token: null,
        headers: { authorization: `${scheme} ${server.token}` },
      });
      expect(response.status).toBe(200);
    }
  });

  it('rejects a revoked token at once', async () => {
    const { id, token } = await server.createToken('test');
    expect((await api('/v1/market-segments', { token })).status).toBe(200);
    await revokeApiToken(server.database.db, { id });
    expectUnauthorized(await api('/v1/market-segments', { token }), 'Invalid API token');
  });

  it('answers 401 before anything else is checked', async () => {
    const segment = await createSegment(api);
    const cases = [
      { path: '/v1/market-segments/AAAAAAAAAAAAAAAA' }, // would be 404
      { path: `/v1/market-segments/${segment.id}` }, // would be 200
      { path: '/v1/market-segments?limit=0' }, // would be 400
      { path: '/v1/market-segments', method: 'PATCH' }, // would be 405
      { path: '/v1/unknown' }, // would be 404
      {
        path: '/v1/market-segments',
        method: 'POST',
        raw: '{',
        headers: { 'content-type': 'application/json' },
      },
      { path: '/v1/market-segments', method: 'POST', raw: 'x', headers: { 'content-type': 'text/plain' } },
      {
        path: '/v1/market-segments',
        method: 'POST',
        raw: 'x'.repeat(70_000),
        headers: { 'content-type': 'application/json' },
      },
      { path: `/v1/market-segments/${segment.id}`, method: 'DELETE' },
    ];
    for (const request of cases) {
      const response = await api(request.path, { ...request, token: null });
      expect(response.status, `${request.method ?? 'GET'} ${request.path}`).toBe(401);
    }
    expect((await api(`/v1/market-segments/${segment.id}`)).status).toBe(200);
  });

  it('keeps each account to its own segments', async () => {
    const other = apiClient(server.baseUrl, (await server.createToken('another')).token);
    const mine = await createSegment(api);
    expect((await other(`/v1/market-segments/${mine.id}`)).status).toBe(404);
    const theirList = await other('/v1/market-segments');
    expect(theirList.body).toEqual({ has_more: false, data: [] });
  });
});
