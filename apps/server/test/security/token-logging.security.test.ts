import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/auth/api-token';
import { createLogger } from '../../src/logger';
import { apiClient, startTestServer, type Api, type TestServer } from '../support';

/** Every line the production logger writes, at its most verbose level. */
const lines: string[] = [];
let server: TestServer;
let api: Api;

beforeAll(async () => {
  const logger = createLogger(
    { LOG_LEVEL: 'trace', NODE_ENV: 'production' },
    { write: (line: string) => void lines.push(line) },
  );
  server = await startTestServer({ logger });
  api = apiClient(server.baseUrl, server.token);
});
afterAll(() => server.close());

/** The token, its secret part and its stored hash: none may appear in any log line. */
const secretsOf = (token: string) => [token, token.slice('fx_'.length), hashToken(token)];

const flipLast = (token: string) => `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;

describe('API tokens never appear in the logs', () => {
  it('not for successful requests, rejected tokens, tokens in odd places, nor logged errors', async () => {
    const { token: other } = await server.createToken('other');
    const wrong = flipLast(server.token);

    // Normal use.
    const created = await api('/v1/market-segments', {
      method: 'POST',
      json: { name: 'n', criteria: 'c', description: 'd' },
    });
    expect(created.status).toBe(201);
    await api(`/v1/market-segments/${created.body.id}`);
    await api(`/v1/market-segments/${created.body.id}`, { method: 'PUT', form: { name: 'm' } });
    await api('/v1/market-segments', { token: other });
    // Rejected or misplaced tokens.
    await api('/v1/market-segments', { token: wrong });
    await api('/v1/market-segments', { token: null, headers: { authorization: `bearer ${server.token}` } });
    await api('/v1/market-segments', { token: null, headers: { authorization: `Basic ${server.token}` } });
    await api(`/v1/market-segments?token=${server.token}`);
    await api(`/v1/market-segments?name=${server.token}`);
    await api(`/v1/market-segments/${server.token}`);
    await api(`/nope/${server.token}`, { token: null });
    await api('/v1/market-segments', { method: 'POST', json: { token: server.token } });
    await api('/v1/market-segments', { headers: { 'idempotency-key': server.token }, method: 'DELETE' });

    // Errors that are logged with their cause: the database goes away behind the app.
    await server.database.close();
    const failed = await api('/v1/market-segments', { token: wrong });
    expect(failed.status).toBeGreaterThanOrEqual(500);
    await api('/v1/market-segments');
    await api('/v1/market-segments', {
      method: 'POST',
      json: { name: server.token, criteria: 'c', description: 'd' },
    });

    const log = lines.join('');
    // The capture works and holds what was done: one access line per request, and the logged errors.
    expect(lines.length).toBeGreaterThanOrEqual(16);
    expect(lines.some((line) => (JSON.parse(line) as { level: number }).level >= 40)).toBe(true);
    for (const secret of [...secretsOf(server.token), ...secretsOf(other), ...secretsOf(wrong)]) {
      expect(log).not.toContain(secret);
    }
  });
});
