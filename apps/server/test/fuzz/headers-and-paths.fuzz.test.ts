import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createSegment, startTestServer, type TestServer } from '../support';
import { sendRaw } from '../support/raw-http-client';
import { databaseFingerprint } from './database-fingerprint';
import { expectWellFormedResponse, isSuccess } from './error-envelope';
import { checkProperty, fuzzRuns, StatusTally } from './fuzz-settings';
import { contentType, httpMethod, sometimes } from './hostile-inputs';

let server: TestServer;
const ids: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const api = apiClient(server.baseUrl, server.token);
  for (let i = 0; i < 3; i++) ids.push((await createSegment(api)).id);
});
afterAll(() => server.close());

/** Header value bytes: anything but CR and LF (those end the header line; a separate case below). */
const headerBytes = (maxLength: number) =>
  fc
    .uint8Array({ maxLength })
    .map((bytes) => Buffer.from(bytes.filter((byte) => byte !== 0x0d && byte !== 0x0a)));

const headerValue = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 40 }).map((text) => Buffer.from(text)),
  },
  { weight: 1, arbitrary: headerBytes(40) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('', ' ', '*', '"x"', 'W/"x"', '"a", "b"', 'null')
      .map((text) => Buffer.from(text)),
  },
  { weight: 1, arbitrary: fc.constantFrom(300, 5_000).map((length) => Buffer.from('k'.repeat(length))) },
);

/** Authorization: none, ours, ours slightly wrong, another scheme, or garbage. */
type AuthorizationKind = 'valid' | 'lowercase-scheme' | 'first-char' | 'last-char' | 'truncated' | 'suffix';

function authorization(token: string, kind: AuthorizationKind): string {
  const flip = (char: string) => (char === 'A' ? 'B' : 'A');
  switch (kind) {
    case 'valid':
      return `Bearer ${token}`;
    case 'lowercase-scheme':
      return `bearer   ${token}`;
    case 'first-char':
      return `Bearer ${flip(token.charAt(0))}${token.slice(1)}`;
    case 'last-char':
      return `Bearer ${token.slice(0, -1)}${flip(token.charAt(token.length - 1))}`;
    case 'truncated':
      return `Bearer ${token.slice(0, -1)}`;
    case 'suffix':
      return `Bearer ${token}x`;
  }
}

const authorizationHeader = fc.oneof(
  { weight: 6, arbitrary: fc.constant<AuthorizationKind>('valid').map((kind) => ({ kind })) },
  {
    weight: 2,
    arbitrary: fc
      .constantFrom<AuthorizationKind>('lowercase-scheme', 'first-char', 'last-char', 'truncated', 'suffix')
      .map((kind) => ({ kind })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        headerValue,
        fc.string({ maxLength: 50 }).map((text) => Buffer.from(`Bearer ${text}`)),
        fc
          .constantFrom('Basic dXNlcjpwYXNz', 'Bearer', 'Bearer ', 'Bearer fx_', 'Token x', 'Bearer  a b')
          .map(Buffer.from),
      )
      .map((raw) => ({ kind: 'raw' as const, raw })),
  },
);

const pathSegment = fc.oneof(
  fc.constantFrom(
    'market-segments',
    'v1',
    'docs',
    'healthz',
    '',
    '.',
    '..',
    '%2e%2e',
    '%2F',
    '%00',
    '%',
    '%ZZ',
    '%C0%AF',
    ';x',
    '*',
  ),
  fc.string({ unit: fc.constantFrom(..."abcAZ09-_.~%!$&'()*+,;=:@"), maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 8 }).map((text) => encodeURIComponent(text)),
);

const path = fc.oneof(
  { weight: 4, arbitrary: fc.constant('/v1/market-segments') },
  { weight: 4, arbitrary: fc.nat().map((index) => `/v1/market-segments/${ids[index % ids.length] ?? ''}`) },
  { weight: 2, arbitrary: pathSegment.map((segment) => `/v1/market-segments/${segment}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '/healthz',
      '/readyz',
      '/openapi.json',
      '/docs/',
      '/docs',
      '/metrics',
      '/',
      '*',
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .array(pathSegment, { minLength: 1, maxLength: 5 })
      .map((segments) => `/${segments.join('/')}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(20_000, 140_000).map((length) => `/v1/market-segments/${'a'.repeat(length)}`),
  },
);

const extraHeaderName = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.constantFrom(
      'Idempotency-Key',
      'If-Match',
      'If-None-Match',
      'X-Request-Id',
      'Accept',
      'Accept-Encoding',
      'Expect',
      'Transfer-Encoding',
      'Content-Encoding',
      'Host',
      'Connection',
      'Upgrade',
      'Range',
      'If-Modified-Since',
      'Origin',
      'X-Forwarded-For',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.constantFrom(...'abcXYZ-_ :@\t"'), minLength: 1, maxLength: 12 }),
  },
);

const request = fc.record({
  method: httpMethod,
  path,
  query: sometimes(fc.constantFrom('limit=2', 'limit=%', 'name=a&name=b', 'x=1'), 4),
  authorization: authorizationHeader,
  headers: fc.array(fc.tuple(extraHeaderName, headerValue), { maxLength: 4 }),
  body: sometimes(
    fc.tuple(contentType, fc.constantFrom('{"name":"fuzzed"}', '{}', 'name=fuzzed', '{"name":', '')),
    3,
  ),
  // A header line folded onto the next one (obsolete syntax) or broken by a bare CR or LF.
  brokenLine: sometimes(
    fc.constantFrom('X-Folded: a\r\n b', 'X-Bare-Cr: a\rb', 'X-Bare-Lf: a\nb', 'NoColon'),
    15,
  ),
});

type FuzzedRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

function headersOf(test: FuzzedRequest, token: string): [string, string | Buffer][] {
  const headers: [string, string | Buffer][] = [];
  if (test.authorization.kind === 'raw') headers.push(['Authorization', test.authorization.raw]);
  else if (test.authorization.kind !== 'none')
    headers.push(['Authorization', authorization(token, test.authorization.kind)]);
  headers.push(...test.headers);
  if (test.body !== null) {
    const [type, body] = test.body;
    headers.push(['Content-Type', type], ['Content-Length', String(Buffer.byteLength(body))]);
  }
  return headers;
}

/** A raw header line as the name/value pair sendRaw writes back as `name: value`. */
function splitHeaderLine(line: string): [string, string] {
  const colon = line.indexOf(':');
  return colon === -1 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 2)];
}

describe('fuzzing methods, paths and headers', () => {
  it('never answers 5xx, always the JSON envelope, and leaves the database unchanged when it rejects', async () => {
    const tally = new StatusTally();
    await checkProperty(
      'methods, paths and headers',
      fc.asyncProperty(request, async (test) => {
        const before = await databaseFingerprint(server.database.db);
        const headers = headersOf(test, server.token);
        if (test.brokenLine !== null) headers.push(splitHeaderLine(test.brokenLine));
        const response = await sendRaw(server.baseUrl, {
          method: test.method,
          target: test.query === null ? test.path : `${test.path}?${test.query}`,
          headers,
          ...(test.body === null ? {} : { body: test.body[1] }),
        });
        tally.add(response.status);
        expectWellFormedResponse(response, test.method);
        if (!isSuccess(response.status)) {
          expect(
            await databaseFingerprint(server.database.db),
            'a rejected request changed the database',
          ).toBe(before);
        }
      }),
      fuzzRuns(2500),
      tally,
    );
  }, 300_000);
});
