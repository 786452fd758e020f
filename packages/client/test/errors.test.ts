import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiError,
  AuthenticationError,
  ConflictError,
  FinX,
  FinXError,
  IdempotencyError,
  InvalidRequestError,
  NotFoundError,
  PreconditionFailedError,
  RateLimitError,
} from '../src';
import { startScriptedServer, type ScriptedServer } from './support/scripted-server';

let server: ScriptedServer;
let finx: FinX;

beforeAll(async () => {
  server = await startScriptedServer();
  finx = new FinX({ token: 'fx_test', baseUrl: server.baseUrl, maxRetries: 0 });
});
afterAll(() => server.close());

const failure = (call: PromiseLike<unknown>): Promise<unknown> =>
  Promise.resolve(call).then(
    () => expect.fail('expected the call to fail'),
    (error: unknown) => error,
  );

describe('one error class per error type of the API', () => {
  it.each([
    [400, 'invalid_request', InvalidRequestError],
    [401, 'authentication_error', AuthenticationError],
    [404, 'not_found', NotFoundError],
    [409, 'conflict', ConflictError],
    [412, 'precondition_failed', PreconditionFailedError],
    [422, 'idempotency_error', IdempotencyError],
    [429, 'rate_limited', RateLimitError],
    [500, 'api_error', ApiError],
  ] as const)('%i %s', async (status, type, ErrorClass) => {
    const body = { type, message: `Scripted ${type}`, param: 'name', request_id: 'req_fromTheBody' };
    server.script([{ status, headers: { 'x-request-id': 'req_fromTheHeader', 'x-extra': 'yes' }, body }]);
    const error = await failure(finx.marketSegments.list());
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(FinXError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: ErrorClass.name,
      status,
      type,
      message: `Scripted ${type}`,
      param: 'name',
      requestId: 'req_fromTheBody',
      body,
    });
    expect((error as FinXError).headers).toMatchObject({
      'x-request-id': 'req_fromTheHeader',
      'x-extra': 'yes',
    });
  });
});

describe('responses that are not the API’s envelope', () => {
  it('a body without a type: the status decides, the header gives the request id', async () => {
    server.script([{ status: 404, headers: { 'x-request-id': 'req_header' }, body: { error: 'nope' } }]);
    const error = await failure(finx.marketSegments.retrieve('xgQQXg3hrtjh7AvZ'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      requestId: 'req_header',
      message: 'The API answered with HTTP status 404',
    });
  });

  it('an HTML page from a proxy: an ApiError carrying the text and the request id the client sent', async () => {
    server.script([{ status: 502, headers: { 'content-type': 'text/html' } }]);
    const error = await failure(finx.marketSegments.list());
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).requestId).toBe(server.received[0]?.headers['x-request-id']);
  });

  it('an unknown 4xx is an InvalidRequestError', async () => {
    server.script([{ status: 418, body: { message: 'teapot' } }]);
    await expect(finx.marketSegments.list()).rejects.toMatchObject({
      constructor: InvalidRequestError,
      status: 418,
      message: 'teapot',
    });
  });

  it('a success status with a body that is not JSON is an ApiError, not a string posing as a segment', async () => {
    server.script([{ status: 200, headers: { 'content-type': 'text/plain' }, body: 'hello' }]);
    await expect(finx.marketSegments.retrieve('xgQQXg3hrtjh7AvZ')).rejects.toMatchObject({
      constructor: ApiError,
      status: 200,
    });
  });

  it('a success status other than the contract’s is an ApiError, with the request id sent', async () => {
    server.script([{ status: 200, body: {} }]);
    const error = await failure(finx.marketSegments.del('xgQQXg3hrtjh7AvZ'));
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      message: 'Expected HTTP 204 from the API, got 200',
      requestId: server.received[0]?.headers['x-request-id'],
    });
    expect((error as ApiError).requestId).toMatch(/^req_[0-9a-f]{32}$/);
  });
});

describe('configuration errors', () => {
  it('needs a token, from the options or FINX_TOKEN', () => {
    const saved = process.env['FINX_TOKEN'];
    delete process.env['FINX_TOKEN'];
    try {
      expect(() => new FinX({ baseUrl: server.baseUrl })).toThrow(/no API token/);
      process.env['FINX_TOKEN'] = 'fx_fromTheEnvironment';
      expect(new FinX({ baseUrl: server.baseUrl })).toBeInstanceOf(FinX);
    } finally {
      if (saved === undefined) delete process.env['FINX_TOKEN'];
      else process.env['FINX_TOKEN'] = saved;
    }
  });

  it('sends the token from FINX_TOKEN', async () => {
    const saved = process.env['FINX_TOKEN'];
    process.env['FINX_TOKEN'] = 'fx_fromTheEnvironment';
    try {
      server.script([{ status: 200, body: { has_more: false, data: [] } }]);
      await new FinX({ baseUrl: server.baseUrl }).marketSegments.list();
      expect(server.received[0]?.headers.authorization).toBe('Bearer fx_fromTheEnvironment');
    } finally {
      if (saved === undefined) delete process.env['FINX_TOKEN'];
      else process.env['FINX_TOKEN'] = saved;
    }
  });

  it.each([
    [{ baseUrl: 'not a url' }, TypeError],
    [{ baseUrl: 'ftp://example.com' }, TypeError],
    [{ timeoutMs: 0 }, RangeError],
    [{ timeoutMs: Number.NaN }, RangeError],
    [{ maxRetries: -1 }, RangeError],
    [{ maxRetries: 1.5 }, RangeError],
  ])('rejects %o', (options, ErrorClass) => {
    expect(() => new FinX({ token: 'fx_test', ...options })).toThrow(ErrorClass);
  });

  it('drops a trailing slash from baseUrl', async () => {
    server.script([{ status: 200, body: { has_more: false, data: [] } }]);
    await new FinX({ token: 'fx_test', baseUrl: `${server.baseUrl}/` }).marketSegments.list();
    expect(server.received[0]?.url).toBe('/v1/market-segments');
  });
});
