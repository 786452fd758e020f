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

let keySequence = 0;
const newKey = () => `key-${Date.now()}-${++keySequence}`;

async function countSegments(client: Api = api): Promise<number> {
  return (await client('/v1/market-segments?limit=100')).body.data.length;
}

describe('Idempotency-Key', () => {
  it('replays the first response of a POST, with Idempotent-Replayed, and creates one segment', async () => {
    const key = newKey();
    const input = buildSegmentInput();
    const before = await countSegments();
    const first = await api('/v1/market-segments', {
      method: 'POST',
      json: input,
      headers: { 'idempotency-key': key },
    });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();

    const retry = await api('/v1/market-segments', {
      method: 'POST',
      json: input,
      headers: { 'idempotency-key': key },
    });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.headers.get('location')).toBe(first.headers.get('location'));
    expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(retry.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(retry.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    expect(await countSegments()).toBe(before + 1);
  });

  it('treats the same fields sent as a form as the same request', async () => {
    const key = newKey();
    const input = buildSegmentInput();
    const first = await api('/v1/market-segments', {
      method: 'POST',
      json: input,
      headers: { 'idempotency-key': key },
    });
    const retry = await api('/v1/market-segments', {
      method: 'POST',
      form: input,
      headers: { 'idempotency-key': key },
    });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
  });

  it('answers 422 when the key is reused with a different request, and changes nothing', async () => {
    const key = newKey();
    await api('/v1/market-segments', {
      method: 'POST',
      json: buildSegmentInput(),
      headers: { 'idempotency-key': key },
    });
    const before = await countSegments();
    const other = await api('/v1/market-segments', {
      method: 'POST',
      json: buildSegmentInput(),
      headers: { 'idempotency-key': key },
    });
    expect(other.status).toBe(422);
    expect(other.body).toEqual(
      errorBody(
        'idempotency_error',
        'This Idempotency-Key was already used with a different request',
        'Idempotency-Key',
      ),
    );
    expect(await countSegments()).toBe(before);
  });

  it('replays PUT and DELETE, and scopes keys to the path', async () => {
    const created = await api('/v1/market-segments', { method: 'POST', json: buildSegmentInput() });
    const id: string = created.body.id;
    const key = newKey();
    const update = await api(`/v1/market-segments/${id}`, {
      method: 'PUT',
      json: { name: 'renamed once' },
      headers: { 'idempotency-key': key },
    });
    expect(update.status).toBe(200);
    // Someone else renames it; a retry of the first update replays, it does not apply again.
    await api(`/v1/market-segments/${id}`, { method: 'PUT', json: { name: 'renamed twice' } });
    const retry = await api(`/v1/market-segments/${id}`, {
      method: 'PUT',
      json: { name: 'renamed once' },
      headers: { 'idempotency-key': key },
    });
    expect(retry.body).toEqual(update.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await api(`/v1/market-segments/${id}`)).body.name).toBe('renamed twice');

    const deleteKey = newKey();
    const deleted = await api(`/v1/market-segments/${id}`, {
      method: 'DELETE',
      headers: { 'idempotency-key': deleteKey },
    });
    expect(deleted.status).toBe(204);
    const deletedAgain = await api(`/v1/market-segments/${id}`, {
      method: 'DELETE',
      headers: { 'idempotency-key': deleteKey },
    });
    expect(deletedAgain.status).toBe(204);
    expect(deletedAgain.text).toBe('');
    expect(deletedAgain.headers.get('idempotent-replayed')).toBe('true');

    // The same key on another path is another request.
    const elsewhere = await api('/v1/market-segments/AAAAAAAAAAAAAAAA', {
      method: 'DELETE',
      headers: { 'idempotency-key': deleteKey },
    });
    expect(elsewhere.status).toBe(422);
  });

  it('keeps keys per account', async () => {
    const otherApi = apiClient(server.baseUrl, (await server.createToken('other-account')).token);
    const key = newKey();
    const input = buildSegmentInput();
    const mine = await api('/v1/market-segments', {
      method: 'POST',
      json: input,
      headers: { 'idempotency-key': key },
    });
    const theirs = await otherApi('/v1/market-segments', {
      method: 'POST',
      json: input,
      headers: { 'idempotency-key': key },
    });
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body.id).not.toBe(mine.body.id);
  });

  it('does not keep a rejected request: the corrected retry with the same key runs', async () => {
    const key = newKey();
    const invalid = await api('/v1/market-segments', {
      method: 'POST',
      json: { ...buildSegmentInput(), name: '' },
      headers: { 'idempotency-key': key },
    });
    expect(invalid.status).toBe(400);
    const corrected = await api('/v1/market-segments', {
      method: 'POST',
      json: buildSegmentInput(),
      headers: { 'idempotency-key': key },
    });
    expect(corrected.status).toBe(201);
    expect(corrected.headers.get('idempotent-replayed')).toBeNull();
  });

  it('ignores the key on GET', async () => {
    const response = await api('/v1/market-segments', { headers: { 'idempotency-key': newKey() } });
    expect(response.status).toBe(200);
    expect(response.headers.get('idempotent-replayed')).toBeNull();
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(256)],
  ])('rejects a key that is %s', async (_case, key) => {
    const response = await api('/v1/market-segments', {
      method: 'POST',
      json: buildSegmentInput(),
      headers: { 'idempotency-key': key },
    });
    expect(response.status).toBe(400);
    expect(response.body).toEqual(
      errorBody(
        'invalid_request',
        'Idempotency-Key must be 1 to 255 printable ASCII characters',
        'Idempotency-Key',
      ),
    );
  });

  it('accepts a key of 255 characters', async () => {
    const key = 'k'.repeat(254) + String(keySequence++ % 10);
    const response = await api('/v1/market-segments', {
      method: 'POST',
      json: buildSegmentInput(),
      headers: { 'idempotency-key': key },
    });
    expect(response.status).toBe(201);
  });

  it('creates exactly one segment for concurrent requests with one key', async () => {
    const key = newKey();
    const input = buildSegmentInput({ name: `concurrent-${key}` });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        api('/v1/market-segments', { method: 'POST', json: input, headers: { 'idempotency-key': key } }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    const created = responses.filter((response) => response.status === 201);
    expect(new Set(created.map((response) => response.body.id)).size).toBe(1);
    for (const conflict of responses.filter((response) => response.status === 409)) {
      expect(conflict.body).toEqual(
        errorBody(
          'conflict',
          'A request with this Idempotency-Key is still in progress; retry it later',
          'Idempotency-Key',
        ),
      );
    }
    const list = await api(`/v1/market-segments?name=${encodeURIComponent(input.name)}`);
    expect(list.body.data).toHaveLength(1);
  });
});
