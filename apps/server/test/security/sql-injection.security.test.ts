import type { MarketSegment } from '@finx/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createSegment, startTestServer, type Api, type TestServer } from '../support';
import { databaseFingerprint } from '../fuzz/database-fingerprint';

let server: TestServer;
let api: Api;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server.baseUrl, server.token);
});
afterAll(() => server.close());

const PAYLOADS = [
  "'; DROP TABLE market_segments; --",
  "x' OR '1'='1",
  '" OR ""="',
  "') OR 1=1 --",
  "1; DELETE FROM api_tokens WHERE '1'='1",
  "' UNION SELECT token_hash, token_hash, token_hash FROM api_tokens --",
  '$1',
  '$$; DROP TABLE accounts; $$',
  "E'\\\\x41'",
  '\\',
  "\\'; SELECT pg_sleep(0); --",
  '*/ /*',
  '%',
  '_',
  '%%',
  "%' OR name LIKE '%",
];

const list = (query: Record<string, string>) =>
  api<{ has_more: boolean; data: MarketSegment[] }>(
    `/v1/market-segments?${new URLSearchParams(query).toString()}`,
  );

describe('SQL-looking input is stored verbatim and harmless', () => {
  it('round-trips through create and retrieve, as JSON and as form fields', async () => {
    for (const payload of PAYLOADS) {
      for (const body of [{ json: {} }, { form: {} }] as const) {
        const fields = {
          name: payload,
          criteria: `criteria ${payload}`,
          description: `${payload} description`,
        };
        const created = await api<MarketSegment>('/v1/market-segments', {
          method: 'POST',
          ...('json' in body ? { json: fields } : { form: fields }),
        });
        expect(created.status, payload).toBe(201);
        expect(created.body).toMatchObject(fields);
        const retrieved = await api<MarketSegment>(`/v1/market-segments/${created.body.id}`);
        expect(retrieved.body).toEqual(created.body);
      }
    }
  });

  it('matches filters exactly: % and _ are ordinary characters, quotes change nothing', async () => {
    const names = ['alpha', 'a%', 'a_c', 'abc', "o'brien", 'o"brien'];
    const ids = new Map<string, string>();
    for (const name of names)
      ids.set(name, (await createSegment(api, { name, criteria: `only ${name}` })).id);

    for (const name of names) {
      const found = await list({ name, limit: '100' });
      expect(found.status).toBe(200);
      expect(
        found.body.data.map((segment) => segment.id),
        name,
      ).toEqual([ids.get(name)]);
      const byCriteria = await list({ criteria: `only ${name}`, limit: '100' });
      expect(
        byCriteria.body.data.map((segment) => segment.id),
        name,
      ).toEqual([ids.get(name)]);
    }
    for (const payload of ['%', '_', 'a_', '%a%', "' OR '1'='1", "alpha' --", '.*', 'ALPHA']) {
      const found = await list({ name: payload, limit: '100' });
      expect(found.status, payload).toBe(200);
      expect(
        found.body.data.filter((segment) => segment.name !== payload),
        payload,
      ).toEqual([]);
    }
  });

  it('in ids and cursors is a plain 404 / 400, and changes nothing', async () => {
    const before = await databaseFingerprint(server.database.db);
    for (const payload of PAYLOADS) {
      const encoded = encodeURIComponent(payload);
      for (const method of ['GET', 'PUT', 'DELETE']) {
        const response = await api(`/v1/market-segments/${encoded}`, {
          method,
          ...(method === 'PUT' ? { json: { name: 'x' } } : {}),
        });
        expect(response.status, `${method} ${payload}`).toBe(404);
      }
      const cursor = await list({ starting_after: payload });
      expect(cursor.status, payload).toBe(400);
    }
    expect(await databaseFingerprint(server.database.db)).toBe(before);
  });

  it('leaves every table and token intact', async () => {
    const response = await list({ limit: '100' });
    expect(response.status).toBe(200);
    expect(response.body.data.length).toBeGreaterThan(0);
    const { token } = await server.createToken('second');
    expect((await api('/v1/market-segments', { token })).status).toBe(200);
  });
});
