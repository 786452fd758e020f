import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createSegment, errorBody, startTestServer, type Api, type TestServer } from '../support';

let server: TestServer;
let api: Api;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server.baseUrl, server.token);
});
afterAll(() => server.close());

const preconditionFailed = errorBody(
  'precondition_failed',
  'The market segment has changed since the version in If-Match',
  'If-Match',
);

async function etagOf(id: string): Promise<string> {
  const response = await api(`/v1/market-segments/${id}`);
  return response.headers.get('etag') ?? '';
}

describe('ETag', () => {
  it('is on every single-segment response and changes on every real update only', async () => {
    const created = await api('/v1/market-segments', {
      method: 'POST',
      json: { name: 'n', criteria: 'c', description: 'd' },
    });
    const etag = created.headers.get('etag');
    expect(etag).toMatch(/^"[0-9A-Za-z]{16}-\d+"$/);
    expect(await etagOf(created.body.id)).toBe(etag);

    const unchanged = await api(`/v1/market-segments/${created.body.id}`, {
      method: 'PUT',
      json: { name: 'n' },
    });
    expect(unchanged.headers.get('etag')).toBe(etag);

    const changed = await api(`/v1/market-segments/${created.body.id}`, {
      method: 'PUT',
      json: { name: 'm' },
    });
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(await etagOf(created.body.id)).toBe(changed.headers.get('etag'));
  });
});

describe('If-None-Match on retrieve', () => {
  it('answers 304 without a body while the segment is unchanged, 200 after a change', async () => {
    const segment = await createSegment(api);
    const etag = await etagOf(segment.id);
    const notModified = await api(`/v1/market-segments/${segment.id}`, {
      headers: { 'if-none-match': etag },
    });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
    expect(notModified.headers.get('etag')).toBe(etag);

    expect(
      (await api(`/v1/market-segments/${segment.id}`, { headers: { 'if-none-match': `W/${etag}` } })).status,
    ).toBe(304);
    expect(
      (await api(`/v1/market-segments/${segment.id}`, { headers: { 'if-none-match': `"x", ${etag}` } }))
        .status,
    ).toBe(304);
    expect(
      (await api(`/v1/market-segments/${segment.id}`, { headers: { 'if-none-match': '*' } })).status,
    ).toBe(304);

    await api(`/v1/market-segments/${segment.id}`, { method: 'PUT', json: { description: 'changed' } });
    const modified = await api(`/v1/market-segments/${segment.id}`, { headers: { 'if-none-match': etag } });
    expect(modified.status).toBe(200);
    expect(modified.body.description).toBe('changed');
  });

  it('still answers 404 for an unknown id', async () => {
    const response = await api('/v1/market-segments/AAAAAAAAAAAAAAAA', { headers: { 'if-none-match': '*' } });
    expect(response.status).toBe(404);
  });
});

describe('If-Match on PUT and DELETE', () => {
  it('applies a PUT whose If-Match is current', async () => {
    const segment = await createSegment(api);
    const response = await api(`/v1/market-segments/${segment.id}`, {
      method: 'PUT',
      json: { name: 'matched' },
      headers: { 'if-match': await etagOf(segment.id) },
    });
    expect(response.status).toBe(200);
    expect(response.body.name).toBe('matched');
  });

  it('refuses a stale If-Match on PUT with 412 and changes nothing', async () => {
    const segment = await createSegment(api);
    const stale = await etagOf(segment.id);
    await api(`/v1/market-segments/${segment.id}`, { method: 'PUT', json: { name: 'first' } });
    const response = await api(`/v1/market-segments/${segment.id}`, {
      method: 'PUT',
      json: { name: 'second' },
      headers: { 'if-match': stale },
    });
    expect(response.status).toBe(412);
    expect(response.body).toEqual(preconditionFailed);
    expect((await api(`/v1/market-segments/${segment.id}`)).body.name).toBe('first');
  });

  it('refuses a stale If-Match on DELETE with 412 and keeps the segment', async () => {
    const segment = await createSegment(api);
    const stale = await etagOf(segment.id);
    await api(`/v1/market-segments/${segment.id}`, { method: 'PUT', json: { name: 'changed' } });
    const response = await api(`/v1/market-segments/${segment.id}`, {
      method: 'DELETE',
      headers: { 'if-match': stale },
    });
    expect(response.status).toBe(412);
    expect(response.body).toEqual(preconditionFailed);
    expect((await api(`/v1/market-segments/${segment.id}`)).status).toBe(200);

    const current = await etagOf(segment.id);
    const deleted = await api(`/v1/market-segments/${segment.id}`, {
      method: 'DELETE',
      headers: { 'if-match': current },
    });
    expect(deleted.status).toBe(204);
  });

  it('uses the strong comparison (a weak tag never matches) and accepts * and lists', async () => {
    const segment = await createSegment(api);
    const etag = await etagOf(segment.id);
    const weak = await api(`/v1/market-segments/${segment.id}`, {
      method: 'PUT',
      json: { name: 'w' },
      headers: { 'if-match': `W/${etag}` },
    });
    expect(weak.status).toBe(412);
    const listed = await api(`/v1/market-segments/${segment.id}`, {
      method: 'PUT',
      json: { name: 'l' },
      headers: { 'if-match': `"nope", ${etag}` },
    });
    expect(listed.status).toBe(200);
    const any = await api(`/v1/market-segments/${segment.id}`, {
      method: 'PUT',
      json: { name: 'a' },
      headers: { 'if-match': '*' },
    });
    expect(any.status).toBe(200);
  });

  it('checks If-Match even for an update that changes nothing', async () => {
    const segment = await createSegment(api);
    const stale = await etagOf(segment.id);
    await api(`/v1/market-segments/${segment.id}`, { method: 'PUT', json: { name: 'moved on' } });
    const response = await api(`/v1/market-segments/${segment.id}`, {
      method: 'PUT',
      json: {},
      headers: { 'if-match': stale },
    });
    expect(response.status).toBe(412);
  });

  it('answers 404, not 412, for an unknown id', async () => {
    const response = await api('/v1/market-segments/AAAAAAAAAAAAAAAA', {
      method: 'PUT',
      json: { name: 'x' },
      headers: { 'if-match': '"AAAAAAAAAAAAAAAA-1"' },
    });
    expect(response.status).toBe(404);
  });

  it('lets exactly one of two racing If-Match updaters win: no lost update', async () => {
    for (let round = 0; round < 5; round++) {
      const segment = await createSegment(api);
      const etag = await etagOf(segment.id);
      const [a, b] = await Promise.all(
        ['A', 'B'].map((writer) =>
          api(`/v1/market-segments/${segment.id}`, {
            method: 'PUT',
            json: { description: `written by ${writer}` },
            headers: { 'if-match': etag },
          }),
        ),
      );
      const statuses = [a?.status, b?.status].sort();
      expect(statuses).toEqual([200, 412]);
      const winner = a?.status === 200 ? a : b;
      expect((await api(`/v1/market-segments/${segment.id}`)).body.description).toBe(
        winner?.body.description,
      );
    }
  });
});
