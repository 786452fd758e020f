import type { MarketSegment } from '@finx/contract';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, startTestServer, type Api, type TestServer } from '../support';
import { checkProperty, fuzzRuns, StatusTally } from './fuzz-settings';
import { validName } from './hostile-inputs';

let server: TestServer;
let api: Api;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server.baseUrl, server.token);
});
afterAll(() => server.close());

const padding = fc.string({
  unit: fc.constantFrom(' ', '\t', '\n', '\r', '\u00a0', '\u2028', '\ufeff', '\u3000'),
  maxLength: 4,
});

/** Exactly `length` characters (code points), not starting or ending with white space. */
const textOfLength = (length: number) =>
  fc
    .string({
      unit: fc.oneof(
        fc.constantFrom('x', 'é', '😀', '%', '+', '&', '=', "'"),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      ),
      minLength: length - 2,
      maxLength: length - 2,
    })
    .map((middle) => `<${middle.split('\u0000').join('x')}>`);

/** Texts the API must store verbatim (after trimming): any code point but NUL, up to the limits. */
const nameInput = fc.oneof(
  { weight: 8, arbitrary: validName },
  { weight: 1, arbitrary: fc.tuple(padding, textOfLength(255), padding).map(([a, text, b]) => a + text + b) },
);
const longTextInput = fc.oneof(
  { weight: 8, arbitrary: validName },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        padding,
        fc.constantFrom(10_000).chain((n) => fc.constant('y'.repeat(n - 2))),
        padding,
      )
      .map(([a, text, b]) => `${a}<${text}>${b}`),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(padding, textOfLength(1_000), padding).map(([a, text, b]) => a + text + b),
  },
);

const input = fc.record({ name: nameInput, criteria: longTextInput, description: longTextInput });
const encoding = fc.constantFrom<'json' | 'form'>('json', 'form');
const changes = fc.record(
  { name: nameInput, criteria: longTextInput, description: longTextInput },
  { requiredKeys: [] },
);

const sendAs = (kind: 'json' | 'form', fields: Record<string, string>) =>
  kind === 'json' ? { json: fields } : { form: fields };

const trimmed = (fields: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, value?.trim()]));

describe('valid random input round-trips exactly', () => {
  it('create, retrieve, filter and update store the trimmed strings verbatim (JSON and form)', async () => {
    const tally = new StatusTally();
    await checkProperty(
      'round trip',
      fc.asyncProperty(input, encoding, changes, encoding, async (fields, createAs, update, updateAs) => {
        const created = await api<MarketSegment>('/v1/market-segments', {
          method: 'POST',
          ...sendAs(createAs, fields),
        });
        tally.add(created.status);
        expect(created.status, created.text.slice(0, 300)).toBe(201);
        expect(created.body).toMatchObject(trimmed(fields));

        const location = created.headers.get('location') ?? '';
        const retrieved = await api<MarketSegment>(location);
        tally.add(retrieved.status);
        expect(retrieved.body).toEqual(created.body);

        const query = new URLSearchParams({ name: fields.name, criteria: fields.criteria, limit: '100' });
        const filtered = await api<{ data: MarketSegment[] }>(`/v1/market-segments?${query.toString()}`);
        tally.add(filtered.status);
        expect(filtered.status, filtered.text.slice(0, 300)).toBe(200);
        expect(filtered.body.data.map((segment) => segment.id)).toContain(created.body.id);
        for (const segment of filtered.body.data) {
          expect(segment).toMatchObject({ name: created.body.name, criteria: created.body.criteria });
        }

        const updated = await api<MarketSegment>(location, { method: 'PUT', ...sendAs(updateAs, update) });
        tally.add(updated.status);
        expect(updated.status, updated.text.slice(0, 300)).toBe(200);
        const expected = { ...created.body, ...trimmed(update) };
        expect(updated.body).toMatchObject({ ...expected, updated_at: expect.any(Number) });
        expect((await api<MarketSegment>(location)).body).toEqual(updated.body);
      }),
      fuzzRuns(400),
      tally,
    );
  }, 300_000);
});
