import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  ConflictError,
  ConnectionError,
  FinX,
  RateLimitError,
  RequestTimeoutError,
  type FinXOptions,
} from '../src';
import { apiErrorReply, ok, startScriptedServer, type ScriptedServer } from './support/scripted-server';

const SEGMENT = {
  id: 'xgQQXg3hrtjh7AvZ',
  name: 'Tech Enthusiasts',
  criteria: 'Customers interested in technology products',
  description: 'Segment of customers who frequently purchase technology products.',
  created_at: 705103200,
  updated_at: 705103200,
};
const INPUT = { name: SEGMENT.name, criteria: SEGMENT.criteria, description: SEGMENT.description };

/** Retry-After: 0 keeps these tests quick where the wait itself is not what they are about. */
const unavailable = (retryAfter = '0') => apiErrorReply(503, 'api_error', { 'retry-after': retryAfter });

let server: ScriptedServer;
const client = (options: FinXOptions = {}) =>
  new FinX({ token: 'fx_test', baseUrl: server.baseUrl, ...options });

beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

describe('retries', () => {
  it('retries 503 and 429 until a success, with the same Idempotency-Key on every attempt', async () => {
    server.script([
      unavailable(),
      apiErrorReply(429, 'rate_limited', { 'retry-after': '0' }),
      ok(SEGMENT, 201),
    ]);
    expect(await client().marketSegments.create(INPUT)).toEqual(SEGMENT);
    expect(server.received).toHaveLength(3);
    const keys = server.received.map((request) => request.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys)).toEqual(new Set([keys[0]]));
    expect(new Set(server.received.map((request) => request.body))).toEqual(new Set([JSON.stringify(INPUT)]));
    // Each attempt is its own HTTP request, with its own request id.
    expect(new Set(server.received.map((request) => request.headers['x-request-id'])).size).toBe(3);
  });

  it('uses the caller’s idempotency key when given, on PUT and DELETE too', async () => {
    server.script([unavailable(), ok(SEGMENT), unavailable(), { status: 204 }]);
    await client().marketSegments.update(SEGMENT.id, { name: 'x' }, { idempotencyKey: 'key-update' });
    await client().marketSegments.del(SEGMENT.id, { idempotencyKey: 'key-delete' });
    expect(server.received.map((request) => [request.method, request.headers['idempotency-key']])).toEqual([
      ['PUT', 'key-update'],
      ['PUT', 'key-update'],
      ['DELETE', 'key-delete'],
      ['DELETE', 'key-delete'],
    ]);
  });

  it('sends no Idempotency-Key on GET, and retries GETs all the same', async () => {
    server.script([apiErrorReply(500, 'api_error'), ok(SEGMENT)]);
    expect(await client().marketSegments.retrieve(SEGMENT.id)).toEqual(SEGMENT);
    expect(server.received).toHaveLength(2);
    expect(server.received.every((request) => request.headers['idempotency-key'] === undefined)).toBe(true);
  });

  it('gives up after maxRetries (2 by default) and throws the last error', async () => {
    server.script([], unavailable());
    const error = await client()
      .marketSegments.retrieve(SEGMENT.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 503, type: 'api_error', requestId: 'req_scripted503' });
    expect(server.received).toHaveLength(3);

    server.script([], unavailable());
    await expect(client({ maxRetries: 4 }).marketSegments.retrieve(SEGMENT.id)).rejects.toBeInstanceOf(
      ApiError,
    );
    expect(server.received).toHaveLength(5);

    server.script([], unavailable());
    await expect(
      client({ maxRetries: 4 }).marketSegments.retrieve(SEGMENT.id, { maxRetries: 0 }),
    ).rejects.toBeInstanceOf(ApiError);
    expect(server.received).toHaveLength(1);
  });

  it('retries a 409 (the same key still in flight)', async () => {
    server.script([apiErrorReply(409, 'conflict', { 'retry-after': '0' }), ok(SEGMENT, 201)]);
    expect(await client().marketSegments.create(INPUT)).toEqual(SEGMENT);
    expect(server.received).toHaveLength(2);
  });

  it.each([
    [400, 'invalid_request'],
    [401, 'authentication_error'],
    [404, 'not_found'],
    [412, 'precondition_failed'],
    [413, 'invalid_request'],
    [415, 'invalid_request'],
    [422, 'idempotency_error'],
  ])('does not retry a %i', async (status, type) => {
    server.script([apiErrorReply(status, type), ok(SEGMENT, 201)]);
    await expect(client().marketSegments.create(INPUT)).rejects.toMatchObject({ status, type });
    expect(server.received).toHaveLength(1);
  });

  it('waits what Retry-After asks before the next attempt', async () => {
    server.script([apiErrorReply(429, 'rate_limited', { 'retry-after': '1' }), ok(SEGMENT)]);
    await client().marketSegments.retrieve(SEGMENT.id);
    const [first, second] = server.received;
    expect(second).toBeDefined();
    // A lower bound only: a slow machine can make the gap longer, never shorter.
    expect((second?.receivedAt ?? 0) - (first?.receivedAt ?? 0)).toBeGreaterThanOrEqual(990);
  });

  it('does not wait for a Retry-After over a minute: the error goes to the caller at once', async () => {
    server.script([apiErrorReply(429, 'rate_limited', { 'retry-after': '3600' }), ok(SEGMENT)]);
    const error = await client()
      .marketSegments.retrieve(SEGMENT.id)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).headers['retry-after']).toBe('3600');
    expect(server.received).toHaveLength(1);
  });

  it('backs off without Retry-After, and retries a dropped connection', async () => {
    server.script(['drop-connection', apiErrorReply(502, 'api_error'), ok(SEGMENT)]);
    expect(await client().marketSegments.retrieve(SEGMENT.id)).toEqual(SEGMENT);
    expect(server.received).toHaveLength(3);
  });

  it('throws a ConnectionError, with the request id it sent, when the server cannot be reached', async () => {
    const closed = await startScriptedServer();
    const baseUrl = closed.baseUrl;
    await closed.close();
    const error = await new FinX({ token: 'fx_test', baseUrl, maxRetries: 1 }).marketSegments
      .list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ type: 'connection_error', status: undefined, headers: {} });
    expect((error as ConnectionError).requestId).toMatch(/^req_[0-9a-f]{32}$/);
    expect((error as ConnectionError).cause).toBeInstanceOf(Error);
  });

  it('does not retry when retries are off', async () => {
    server.script([apiErrorReply(409, 'conflict'), ok(SEGMENT)]);
    await expect(client({ maxRetries: 0 }).marketSegments.create(INPUT)).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(server.received).toHaveLength(1);
  });
});

describe('timeouts and aborts', () => {
  it('gives up on a silent attempt after timeoutMs and retries it with the same key', async () => {
    server.script(['never-answer', ok(SEGMENT, 201)]);
    expect(await client({ timeoutMs: 200 }).marketSegments.create(INPUT)).toEqual(SEGMENT);
    expect(server.received).toHaveLength(2);
    expect(server.received[1]?.headers['idempotency-key']).toBe(
      server.received[0]?.headers['idempotency-key'],
    );
  });

  it('throws a RequestTimeoutError when no attempt answers in time', async () => {
    server.script([], 'never-answer');
    const error = await client({ maxRetries: 0 })
      .marketSegments.retrieve(SEGMENT.id, { timeoutMs: 100 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestTimeoutError);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ type: 'timeout_error', message: 'No response from the API within 100 ms' });
    expect((error as RequestTimeoutError).requestId).toBe(server.received[0]?.headers['x-request-id']);
  });

  it('stops at once when the caller aborts, retries included', async () => {
    server.script([], unavailable('30'));
    const controller = new AbortController();
    const call = client().marketSegments.retrieve(SEGMENT.id, { signal: controller.signal });
    while (server.received.length === 0) await new Promise((resolve) => setImmediate(resolve));
    controller.abort(new Error('caller gave up'));
    await expect(call).rejects.toThrow('caller gave up');
    expect(server.received).toHaveLength(1);
  });

  it('an already aborted signal sends nothing', async () => {
    server.script([ok(SEGMENT)]);
    await expect(
      client().marketSegments.retrieve(SEGMENT.id, { signal: AbortSignal.abort(new Error('no')) }),
    ).rejects.toThrow('no');
    expect(server.received).toHaveLength(0);
  });
});
