import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  buildSegmentInput,
  createSegment,
  errorBody,
  startTestServer,
  type Api,
  type TestServer,
} from '../support';

let server: TestServer;
let api: Api;
let otherApi: Api;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server.baseUrl, server.token);
  otherApi = apiClient(server.baseUrl, (await server.createToken('other-account')).token);
});
afterAll(() => server.close());

const notFoundBody = errorBody('not_found', 'No such market segment');

describe('GET /v1/market-segments/:id', () => {
  it('returns the segment with exactly its six keys', async () => {
    const created = await createSegment(api);
    const response = await api(`/v1/market-segments/${created.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(created);
    expect(Object.keys(response.body)).toEqual([
      'id',
      'name',
      'criteria',
      'description',
      'created_at',
      'updated_at',
    ]);
  });

  it.each([
    ['well-formed', 'xgQQXg3hrtjh7AvZ'],
    ['too short', 'short'],
    ['with a dash', 'has-a-dash-12345'],
    ['300 characters', 'x'.repeat(300)],
    ['an emoji', '%F0%9F%98%80'],
  ])('answers 404 for an id that does not exist (%s)', async (_case, id) => {
    const response = await api(`/v1/market-segments/${id}`);
    expect(response.status).toBe(404);
    expect(response.body).toEqual(notFoundBody);
  });

  it("answers 404 for another account's segment, exactly as for an id that never existed", async () => {
    const theirs = await createSegment(otherApi);
    const response = await api(`/v1/market-segments/${theirs.id}`);
    const never = await api('/v1/market-segments/AAAAAAAAAAAAAAAA');
    expect(response.status).toBe(404);
    expect(response.body).toEqual(notFoundBody);
    expect({ ...response.body, request_id: '' }).toEqual({ ...never.body, request_id: '' });
  });

  it('rejects unknown query parameters', async () => {
    const created = await createSegment(api);
    const response = await api(`/v1/market-segments/${created.id}?expand=all`);
    expect(response.status).toBe(400);
    expect(response.body).toEqual(errorBody('invalid_request', 'Unknown query parameter: expand', 'expand'));
  });

  it('answers HEAD like GET without a body', async () => {
    const created = await createSegment(api);
    const response = await api(`/v1/market-segments/${created.id}`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
  });
});

describe('PUT /v1/market-segments/:id', () => {
  it('changes only the fields sent (JSON) and returns the updated segment', async () => {
    const created = await createSegment(api);
    const response = await api(`/v1/market-segments/${created.id}`, {
      method: 'PUT',
      json: { criteria: '  Customers interested in tech and gaming products ' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      ...created,
      criteria: 'Customers interested in tech and gaming products',
      updated_at: expect.any(Number),
    });
    expect((await api(`/v1/market-segments/${created.id}`)).body).toEqual(response.body);
  });

  it('accepts form fields, as the vendor page shows', async () => {
    const created = await createSegment(api);
    const response = await api(`/v1/market-segments/${created.id}`, {
      method: 'PUT',
      form: { criteria: 'Customers interested in tech and gaming products', description: 'New description' },
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: created.name,
      criteria: 'Customers interested in tech and gaming products',
      description: 'New description',
    });
  });

  it('moves updated_at on a real change only', async () => {
    const created = await createSegment(api);
    await new Promise((resolve) => setTimeout(resolve, 1_100));

    const same = await api(`/v1/market-segments/${created.id}`, {
      method: 'PUT',
      json: { name: created.name },
    });
    expect(same.status).toBe(200);
    expect(same.body).toEqual(created);

    const empty = await api(`/v1/market-segments/${created.id}`, { method: 'PUT', json: {} });
    expect(empty.body).toEqual(created);
    const noBody = await api(`/v1/market-segments/${created.id}`, { method: 'PUT' });
    expect(noBody.status).toBe(200);
    expect(noBody.body).toEqual(created);
    const emptyForm = await api(`/v1/market-segments/${created.id}`, { method: 'PUT', form: '' });
    expect(emptyForm.body).toEqual(created);

    const changed = await api(`/v1/market-segments/${created.id}`, {
      method: 'PUT',
      json: { name: `${created.name}!` },
    });
    expect(changed.body.updated_at).toBeGreaterThan(created.updated_at);
    expect(changed.body.created_at).toBe(created.created_at);
  });

  it.each([
    ['an empty name', { name: '' }, 'name', 'name must not be empty'],
    ['a null name', { name: null }, 'name', 'name must be a string'],
    ['a numeric criteria', { criteria: 5 }, 'criteria', 'criteria must be a string'],
    [
      'a description too long',
      { description: 'x'.repeat(10_001) },
      'description',
      'description must be at most 10,000 characters',
    ],
    ['an id', { id: 'AAAAAAAAAAAAAAAA' }, 'id', 'Unknown field: id'],
    ['a created_at', { created_at: 1 }, 'created_at', 'Unknown field: created_at'],
  ])('rejects %s with a 400 naming the field and changes nothing', async (_case, body, param, message) => {
    const created = await createSegment(api);
    const response = await api(`/v1/market-segments/${created.id}`, { method: 'PUT', json: body });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(errorBody('invalid_request', message, param));
    expect((await api(`/v1/market-segments/${created.id}`)).body).toEqual(created);
  });

  it("answers 404 for unknown ids and for another account's segment, which stays unchanged", async () => {
    const theirs = await createSegment(otherApi);
    const response = await api(`/v1/market-segments/${theirs.id}`, {
      method: 'PUT',
      json: { name: 'hijacked' },
    });
    expect(response.status).toBe(404);
    expect(response.body).toEqual(notFoundBody);
    expect((await otherApi(`/v1/market-segments/${theirs.id}`)).body).toEqual(theirs);

    const unknown = await api('/v1/market-segments/AAAAAAAAAAAAAAAA', { method: 'PUT', json: { name: 'x' } });
    expect(unknown.status).toBe(404);
  });
});

describe('DELETE /v1/market-segments/:id', () => {
  it('deletes permanently: 204 with an empty body, then 404', async () => {
    const created = await createSegment(api);
    const response = await api(`/v1/market-segments/${created.id}`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(response.text).toBe('');
    expect((await api(`/v1/market-segments/${created.id}`)).status).toBe(404);
    const again = await api(`/v1/market-segments/${created.id}`, { method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(again.body).toEqual(notFoundBody);
  });

  it("cannot delete another account's segment", async () => {
    const theirs = await createSegment(otherApi);
    const response = await api(`/v1/market-segments/${theirs.id}`, { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect((await otherApi(`/v1/market-segments/${theirs.id}`)).status).toBe(200);
  });

  it('removes the segment from lists', async () => {
    const created = await createSegment(api, buildSegmentInput({ name: 'to-be-deleted' }));
    await api(`/v1/market-segments/${created.id}`, { method: 'DELETE' });
    const list = await api('/v1/market-segments?name=to-be-deleted');
    expect(list.body).toEqual({ has_more: false, data: [] });
  });
});
