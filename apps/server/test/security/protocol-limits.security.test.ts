import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../../src/http/body-parser.middleware';
import { MAX_JSON_DEPTH } from '../../src/http/json-body';
import { errorBody, startTestServer, type TestServer } from '../support';
import { sendRaw, type RawResponse } from '../support/raw-http-client';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const auth = (): [string, string] => ['Authorization', `Bearer ${server.token}`];

function post(body: string, extraHeaders: [string, string][] = []): Promise<RawResponse> {
  return sendRaw(server.baseUrl, {
    method: 'POST',
    target: '/v1/market-segments',
    headers: [
      auth(),
      ['Content-Type', 'application/json'],
      ['Content-Length', String(Buffer.byteLength(body))],
      ...extraHeaders,
    ],
    body,
  });
}

function expectEnvelope(
  response: RawResponse,
  status: number,
  type: string,
  message: string | RegExp,
  param?: string,
) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  const body: unknown = JSON.parse(response.text);
  expect(body).toEqual(errorBody(type, message, param));
  expect((body as { request_id: string }).request_id).toBe(response.headers['x-request-id']);
}

const VALID = '{"name":"n","criteria":"c","description":"d"}';
const padTo = (text: string, bytes: number) => text + ' '.repeat(bytes - Buffer.byteLength(text));

describe('request body size limit (64 KiB)', () => {
  it('accepts a body of exactly 64 KiB', async () => {
    const response = await post(padTo(VALID, MAX_BODY_BYTES));
    expect(response.status).toBe(201);
  });

  it('answers one byte more with a JSON 413, by Content-Length', async () => {
    const response = await post(padTo(VALID, MAX_BODY_BYTES + 1));
    expectEnvelope(response, 413, 'invalid_request', 'The request body must not exceed 64 KiB');
  });

  it('answers a chunked body that grows past the limit with a JSON 413', async () => {
    const chunk = 'x'.repeat(16 * 1024);
    const framed = `${chunk.length.toString(16)}\r\n${chunk}\r\n`.repeat(5) + '0\r\n\r\n';
    const response = await sendRaw(server.baseUrl, {
      method: 'POST',
      target: '/v1/market-segments',
      headers: [auth(), ['Content-Type', 'application/json'], ['Transfer-Encoding', 'chunked']],
      body: framed,
    });
    expectEnvelope(response, 413, 'invalid_request', 'The request body must not exceed 64 KiB');
  });
});

describe('request header size limit (128 KiB)', () => {
  it('accepts headers just under 128 KiB', async () => {
    const response = await sendRaw(server.baseUrl, {
      method: 'GET',
      target: '/v1/market-segments',
      headers: [auth(), ['X-Filler', 'x'.repeat(127 * 1024)]],
    });
    expect(response.status).toBe(200);
  });

  it('answers headers over 128 KiB with a JSON 431', async () => {
    const response = await sendRaw(server.baseUrl, {
      method: 'GET',
      target: '/v1/market-segments',
      headers: [auth(), ['X-Filler', 'x'.repeat(129 * 1024)]],
    });
    expectEnvelope(response, 431, 'invalid_request', 'Request headers too large');
  });
});

describe('JSON nesting depth', () => {
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it(`reads ${MAX_JSON_DEPTH} levels (the body and a value nested ${MAX_JSON_DEPTH - 1} deep)`, async () => {
    const response = await post(`{"name":${nested(MAX_JSON_DEPTH - 1)},"criteria":"c","description":"d"}`);
    expectEnvelope(response, 400, 'invalid_request', 'name must be a string', 'name');
  });

  it('rejects deeper nesting before anything walks it (was a 500 with an Idempotency-Key)', async () => {
    for (const depth of [MAX_JSON_DEPTH, 20_000]) {
      const response = await post(`{"name":${nested(depth)},"criteria":"c","description":"d"}`, [
        ['Idempotency-Key', `deep-${depth}`],
      ]);
      expectEnvelope(
        response,
        400,
        'invalid_request',
        `The request body must not nest arrays or objects more than ${MAX_JSON_DEPTH} deep`,
      );
    }
  });

  it('does not count brackets inside strings', async () => {
    const response = await post(`{"name":"${'['.repeat(100)}\\"{","criteria":"c","description":"d"}`);
    expect(response.status).toBe(201);
    expect(JSON.parse(response.text)).toMatchObject({ name: `${'['.repeat(100)}"{` });
  });
});

describe('requests Node answers below Express get the JSON envelope too', () => {
  it('an HTTP/1.1 request without Host: 400', async () => {
    const response = await sendRaw(server.baseUrl, {
      method: 'GET',
      target: '/v1/market-segments',
      addDefaultHeaders: false,
      headers: [auth(), ['Connection', 'close']],
    });
    expectEnvelope(response, 400, 'invalid_request', 'The Host header is required');
  });

  it('an Expect other than 100-continue: 417', async () => {
    const response = await sendRaw(server.baseUrl, {
      method: 'GET',
      target: '/v1/market-segments',
      headers: [auth(), ['Expect', 'something-else']],
    });
    expectEnvelope(response, 417, 'invalid_request', 'Only "Expect: 100-continue" is supported');
  });

  it('CONNECT: 405 (the connection used to be dropped without an answer)', async () => {
    const response = await sendRaw(server.baseUrl, { method: 'CONNECT', target: '127.0.0.1:5432' });
    expectEnvelope(response, 405, 'invalid_request', 'CONNECT is not allowed here');
  });

  it('Expect: 100-continue still works', async () => {
    const response = await sendRaw(server.baseUrl, {
      method: 'GET',
      target: '/v1/market-segments',
      headers: [auth(), ['Expect', '100-continue']],
    });
    expect(response.status).toBe(200);
  });
});
