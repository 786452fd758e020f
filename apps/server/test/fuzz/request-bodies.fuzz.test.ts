import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createSegment, startTestServer, type TestServer } from '../support';
import { sendRaw, type RawRequest } from '../support/raw-http-client';
import { databaseFingerprint } from './database-fingerprint';
import { expectWellFormedResponse, isSuccess } from './error-envelope';
import { checkProperty, fuzzRuns, StatusTally } from './fuzz-settings';
import {
  contentType,
  deepJsonText,
  fieldName,
  formBodyText,
  hostileString,
  nearlyValidFormText,
  nearlyValidJsonText,
  sometimes,
  validName,
  wrongType,
} from './hostile-inputs';

let server: TestServer;
let existingIds: string[];

beforeAll(async () => {
  server = await startTestServer();
  const api = apiClient(server.baseUrl, server.token);
  existingIds = [(await createSegment(api)).id, (await createSegment(api)).id];
});
afterAll(() => server.close());

const fieldValueText = fc.oneof(
  { weight: 5, arbitrary: validName.map((value) => JSON.stringify(value)) },
  { weight: 4, arbitrary: hostileString.map((value) => JSON.stringify(value)) },
  { weight: 2, arbitrary: wrongType.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: deepJsonText },
);

/** A JSON object written member by member, so names can repeat and values can be deeply nested. */
const jsonObjectText = fc
  .array(fc.tuple(fieldName, fieldValueText), { maxLength: 5 })
  .map((members) => `{${members.map(([name, value]) => `${JSON.stringify(name)}:${value}`).join(',')}}`);

const bodyText = fc.oneof(
  { weight: 5, arbitrary: jsonObjectText },
  { weight: 5, arbitrary: nearlyValidJsonText },
  { weight: 3, arbitrary: nearlyValidFormText },
  { weight: 1, arbitrary: deepJsonText },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)) },
  {
    weight: 1,
    arbitrary: jsonObjectText.chain((text) => fc.nat(text.length).map((end) => text.slice(0, end))),
  },
  { weight: 5, arbitrary: formBodyText },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', ' ', '\r\n', 'null', '\ufeff{}', '{}garbage', '{"name":"a"}{}'),
  },
);

const body = fc.oneof(
  { weight: 10, arbitrary: bodyText.map((text) => Buffer.from(text, 'utf8')) },
  // Bytes that are not UTF-8, alone or inside a JSON string.
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)) },
  {
    weight: 1,
    arbitrary: fc
      .uint8Array({ minLength: 1, maxLength: 8, min: 0x80 })
      .map((bytes) =>
        Buffer.concat([
          Buffer.from('{"name":"'),
          Buffer.from(bytes),
          Buffer.from('","criteria":"c","description":"d"}'),
        ]),
      ),
  },
);

const bodyRequest = fc.record({
  method: fc.oneof(
    { weight: 5, arbitrary: fc.constant('POST') },
    { weight: 4, arbitrary: fc.constant('PUT') },
    { weight: 1, arbitrary: fc.constantFrom('DELETE', 'PATCH', 'GET') },
  ),
  target: fc.constantFrom<'existing' | 'unknown'>('existing', 'existing', 'existing', 'unknown'),
  contentType: fc.oneof({ weight: 14, arbitrary: contentType }, { weight: 1, arbitrary: fc.constant(null) }),
  body,
  chunked: fc.boolean(),
  authorized: fc.oneof(
    { weight: 9, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) },
  ),
  idempotencyKey: sometimes(fc.string({ unit: 'grapheme-ascii', maxLength: 300 }), 4),
});

type BodyCase = typeof bodyRequest extends fc.Arbitrary<infer T> ? T : never;

function toRawRequest(test: BodyCase, token: string): RawRequest {
  // DELETE only ever targets an unknown id here, so the segments PUT works on stay.
  const existing = test.target === 'existing' && test.method !== 'DELETE';
  const id = existing ? (existingIds[test.body.length % existingIds.length] ?? '') : 'ZZZZZZZZZZZZZZZZ';
  const path = test.method === 'POST' ? '/v1/market-segments' : `/v1/market-segments/${id}`;
  const headers: [string, string][] = [];
  if (test.authorized) headers.push(['Authorization', `Bearer ${token}`]);
  if (test.contentType !== null) headers.push(['Content-Type', test.contentType]);
  if (test.idempotencyKey !== null) headers.push(['Idempotency-Key', test.idempotencyKey]);
  if (!test.chunked) {
    headers.push(['Content-Length', String(test.body.length)]);
    return { method: test.method, target: path, headers, body: test.body };
  }
  headers.push(['Transfer-Encoding', 'chunked']);
  const half = Math.floor(test.body.length / 2);
  const chunks = [test.body.subarray(0, half), test.body.subarray(half)].filter((chunk) => chunk.length > 0);
  const framed = Buffer.concat([
    ...chunks.flatMap((chunk) => [
      Buffer.from(`${chunk.length.toString(16)}\r\n`),
      chunk,
      Buffer.from('\r\n'),
    ]),
    Buffer.from('0\r\n\r\n'),
  ]);
  return { method: test.method, target: path, headers, body: framed };
}

/** What the server would store for a JSON body it accepted, when the body is a plain JSON object. */
function expectedFields(test: BodyCase): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(test.body.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

describe('fuzzing request bodies (POST and PUT, JSON and form, any content type and framing)', () => {
  it('never answers 5xx, always the JSON envelope, and leaves the database unchanged when it rejects', async () => {
    const tally = new StatusTally();
    await checkProperty(
      'request bodies',
      fc.asyncProperty(bodyRequest, async (test) => {
        const before = await databaseFingerprint(server.database.db);
        const response = await sendRaw(server.baseUrl, toRawRequest(test, server.token));
        tally.add(response.status);
        expectWellFormedResponse(response, test.method);
        if (!isSuccess(response.status)) {
          expect(
            await databaseFingerprint(server.database.db),
            'a rejected request changed the database',
          ).toBe(before);
          return;
        }
        // An accepted JSON body is stored as sent, trimmed.
        const sent = expectedFields(test);
        if (
          sent !== undefined &&
          (test.method === 'POST' || test.method === 'PUT') &&
          response.status !== 304
        ) {
          const stored = JSON.parse(response.text) as Record<string, unknown>;
          for (const [field, value] of Object.entries(sent)) {
            expect(stored[field], field).toBe(typeof value === 'string' ? value.trim() : value);
          }
        }
      }),
      fuzzRuns(2500),
      tally,
    );
  }, 300_000);
});
