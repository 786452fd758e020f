import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  buildSegmentInput,
  errorBody,
  startTestServer,
  type Api,
  type TestServer,
} from '../support';

let server: TestServer;
let api: Api;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server.baseUrl, server.token);
});
afterAll(() => server.close());

describe('POST /v1/market-segments', () => {
  it('creates a segment from JSON and answers 201 with the segment and its Location', async () => {
    const input = buildSegmentInput();
    const before = Math.floor(Date.now() / 1000);
    const response = await api('/v1/market-segments', { method: 'POST', json: input });
    expect(response.status).toBe(201);
    expect(Object.keys(response.body)).toEqual([
      'id',
      'name',
      'criteria',
      'description',
      'created_at',
      'updated_at',
    ]);
    expect(response.body).toMatchObject(input);
    expect(response.body.id).toMatch(/^[0-9A-Za-z]{16}$/);
    expect(Number.isInteger(response.body.created_at)).toBe(true);
    expect(response.body.created_at).toBeGreaterThanOrEqual(before);
    expect(response.body.updated_at).toBe(response.body.created_at);
    expect(response.headers.get('location')).toBe(`/v1/market-segments/${response.body.id}`);
  });

  it('rejects an unknown field naming it', async () => {
    const response = await api('/v1/market-segments', {
      method: 'POST',
      json: { ...buildSegmentInput(), color: 'red' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(errorBody('invalid_request', 'Unknown field: color', 'color'));
  });
});
