import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createSegment, startTestServer, type TestServer } from '../support';
import { sendRaw } from '../support/raw-http-client';
import { databaseFingerprint } from './database-fingerprint';
import { expectWellFormedResponse } from './error-envelope';
import { checkProperty, fuzzRuns, StatusTally } from './fuzz-settings';
import { formComponent, hostileString, validName } from './hostile-inputs';

let server: TestServer;
let ids: string[];

/** Names the fuzzer also uses as filters, so some filters match stored rows. */
const STORED_NAMES = ['alpha', "x'; drop table market_segments; --", '100%_match', 'é'];

beforeAll(async () => {
  server = await startTestServer();
  const api = apiClient(server.baseUrl, server.token);
  ids = [];
  for (const name of STORED_NAMES) ids.push((await createSegment(api, { name, criteria: name })).id);
});
afterAll(() => server.close());

const limitValue = fc.oneof(
  fc.integer({ min: -5, max: 120 }).map(String),
  fc.constantFrom(
    '',
    '1e1',
    '0x10',
    '1.5',
    '10.0',
    '+5',
    ' 5',
    'Infinity',
    'NaN',
    '99999999999999999999',
    '-0',
    'ten',
  ),
  fc.string({ maxLength: 6 }),
);

const cursorValue = fc.oneof(
  fc.constantFrom(...['ZZZZZZZZZZZZZZZZ', '', 'short']),
  fc.nat().map((index) => ids[index % ids.length] ?? ''),
  fc.string({ unit: fc.constantFrom(...'0123456789AZaz%_-'), minLength: 15, maxLength: 17 }),
);

const textValue = fc.oneof(fc.constantFrom(...STORED_NAMES), validName, hostileString);

const parameter = fc.oneof(
  { weight: 3, arbitrary: limitValue.map((value) => ['limit', value] as const) },
  { weight: 3, arbitrary: textValue.map((value) => ['name', value] as const) },
  { weight: 2, arbitrary: textValue.map((value) => ['criteria', value] as const) },
  { weight: 2, arbitrary: cursorValue.map((value) => ['starting_after', value] as const) },
  { weight: 2, arbitrary: cursorValue.map((value) => ['ending_before', value] as const) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('Limit', 'NAME', '__proto__', 'constructor', 'limit[]', 'a', '', 'limit.x'),
        fc.string(),
      )
      .map(([name, value]) => [name, value] as const),
  },
);

/** The query string as it goes on the wire: repeats, empty pairs, odd escapes and raw characters included. */
const queryString = fc
  .array(
    fc.oneof(
      {
        weight: 10,
        arbitrary: parameter.chain(([name, value]) =>
          fc
            .tuple(formComponent(fc.constant(name)), formComponent(fc.constant(value)))
            .map(([n, v]) => `${n}=${v}`),
        ),
      },
      { weight: 1, arbitrary: fc.constantFrom('', '=', 'limit', '&', ';', '%', '#x', '?') },
    ),
    { maxLength: 5 },
  )
  .map((pairs) => pairs.join('&'));

describe('fuzzing the list query string', () => {
  it('never answers 5xx; a 200 is a well-formed page; anything else is the JSON envelope; nothing changes', async () => {
    const before = await databaseFingerprint(server.database.db);
    const tally = new StatusTally();
    await checkProperty(
      'list query strings',
      fc.asyncProperty(queryString, fc.constantFrom('GET', 'GET', 'GET', 'HEAD'), async (query, method) => {
        const response = await sendRaw(server.baseUrl, {
          method,
          target: `/v1/market-segments?${query}`,
          headers: [['Authorization', `Bearer ${server.token}`]],
        });
        tally.add(response.status);
        expectWellFormedResponse(response, method);
        if (response.status === 200 && method === 'GET') {
          const page = JSON.parse(response.text) as { has_more: unknown; data: unknown[] };
          expect(Object.keys(page)).toEqual(['has_more', 'data']);
          expect(typeof page.has_more).toBe('boolean');
          expect(page.data.length).toBeLessThanOrEqual(100);
        }
      }),
      fuzzRuns(2500),
      tally,
    );
    expect(await databaseFingerprint(server.database.db)).toBe(before);
  }, 300_000);
});
