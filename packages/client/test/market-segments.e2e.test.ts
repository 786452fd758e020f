// The tests run the real server (a devDependency); the client itself depends on the contract only.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { buildSegmentInput, startTestServer, type TestServer } from '@finx/server/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  FinX,
  FinXError,
  InvalidRequestError,
  NotFoundError,
  type MarketSegment,
} from '../src';
import { recordingFetch, type RecordedRequest } from './support/recording-fetch';

let server: TestServer;
let finx: FinX;
const requests: RecordedRequest[] = [];

beforeAll(async () => {
  server = await startTestServer();
  finx = new FinX({ token: server.token, baseUrl: server.baseUrl, fetch: recordingFetch(requests) });
});
afterAll(() => server.close());
beforeEach(() => {
  requests.length = 0;
});

const SEGMENT_KEYS = ['id', 'name', 'criteria', 'description', 'created_at', 'updated_at'];

describe('finx.marketSegments: the five operations', () => {
  it('create returns the new segment as a plain object', async () => {
    const input = buildSegmentInput();
    const segment = await finx.marketSegments.create(input);
    expect(Object.keys(segment)).toEqual(SEGMENT_KEYS);
    expect(segment).toMatchObject(input);
    expect(segment.id).toMatch(/^[0-9A-Za-z]{16}$/);
    expect(segment.updated_at).toBe(segment.created_at);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.headers.get('content-type')).toBe('application/json');
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual(input);
  });

  it('sends the token, a request id and, on POST/PUT/DELETE, an idempotency key', async () => {
    const segment = await finx.marketSegments.create(buildSegmentInput());
    await finx.marketSegments.retrieve(segment.id);
    await finx.marketSegments.update(segment.id, { name: 'Renamed' });
    await finx.marketSegments.del(segment.id);
    expect(requests.map((request) => request.method)).toEqual(['POST', 'GET', 'PUT', 'DELETE']);
    for (const request of requests) {
      expect(request.headers.get('authorization')).toBe(`Bearer ${server.token}`);
      expect(request.headers.get('x-request-id')).toMatch(/^req_[0-9a-f]{32}$/);
      expect(request.headers.get('user-agent')).toMatch(/^finx-client-js\/\d+\.\d+\.\d+$/);
    }
    const keys = requests.map((request) => request.headers.get('idempotency-key'));
    expect(keys[1]).toBeNull();
    for (const key of [keys[0], keys[2], keys[3]]) expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(4);
  });

  it('retrieve returns the segment', async () => {
    const created = await finx.marketSegments.create(buildSegmentInput());
    const retrieved = await finx.marketSegments.retrieve(created.id);
    expect(retrieved).toEqual(created);
    expect(Object.keys(retrieved)).toEqual(SEGMENT_KEYS);
  });

  it('update changes the fields given and keeps the others', async () => {
    const created = await finx.marketSegments.create(buildSegmentInput());
    const updated = await finx.marketSegments.update(created.id, { criteria: 'Customers into gaming' });
    expect(updated).toEqual({
      ...created,
      criteria: 'Customers into gaming',
      updated_at: expect.any(Number),
    });
    expect(updated.updated_at).toBeGreaterThanOrEqual(created.updated_at);
    expect(await finx.marketSegments.retrieve(created.id)).toEqual(updated);
  });

  it('update with no fields returns the segment unchanged', async () => {
    const created = await finx.marketSegments.create(buildSegmentInput());
    expect(await finx.marketSegments.update(created.id, {})).toEqual(created);
  });

  it('del deletes for good and says which segment went', async () => {
    const created = await finx.marketSegments.create(buildSegmentInput());
    expect(await finx.marketSegments.del(created.id)).toEqual({ id: created.id, deleted: true });
    await expect(finx.marketSegments.retrieve(created.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(finx.marketSegments.del(created.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('list resolves to the first page, { has_more, data } and nothing else', async () => {
    const name = 'First page only';
    const created = [];
    for (let i = 0; i < 3; i++) created.push(await finx.marketSegments.create(buildSegmentInput({ name })));
    const page = await finx.marketSegments.list({ name, limit: 2 });
    expect(JSON.parse(JSON.stringify(page))).toEqual({
      has_more: true,
      data: [created[2], created[1]],
    });
    expect(requests.filter((request) => request.method === 'GET')).toHaveLength(1);
  });

  it('encodes an id so that it cannot reach another route, and refuses an empty one', async () => {
    await expect(finx.marketSegments.retrieve('../market-segments')).rejects.toBeInstanceOf(NotFoundError);
    expect(requests[0]?.url.pathname).toBe('/v1/market-segments/..%2Fmarket-segments');
    await expect(finx.marketSegments.retrieve('')).rejects.toThrow(TypeError);
    await expect(finx.marketSegments.del(' ')).rejects.toThrow(TypeError);
    expect(requests).toHaveLength(1);
  });
});

describe('finx.marketSegments.list: auto-pagination', () => {
  const name = 'Paged segment';
  const TOTAL = 23;
  const LIMIT = 5; // 5 pages: 5, 5, 5, 5, 3
  /** Newest first, as the API lists them. */
  let all: MarketSegment[];

  beforeAll(async () => {
    const created: MarketSegment[] = [];
    for (let i = 0; i < TOTAL; i++) {
      created.push(await finx.marketSegments.create(buildSegmentInput({ name })));
      // Rows that the name filter must leave out, interleaved with ours.
      if (i % 4 === 0) await finx.marketSegments.create(buildSegmentInput());
    }
    all = created.reverse();
  });

  const listRequests = () => requests.filter((request) => request.method === 'GET');

  it('for await walks every page through starting_after', async () => {
    const seen: MarketSegment[] = [];
    for await (const segment of finx.marketSegments.list({ name, limit: LIMIT })) seen.push(segment);
    expect(seen).toEqual(all);
    const cursors = listRequests().map((request) => request.url.searchParams.get('starting_after'));
    expect(cursors).toEqual([null, all[4]?.id, all[9]?.id, all[14]?.id, all[19]?.id]);
    for (const request of listRequests()) {
      expect(request.url.searchParams.get('name')).toBe(name);
      expect(request.url.searchParams.get('limit')).toBe(String(LIMIT));
    }
  });

  it('stops fetching when the loop stops', async () => {
    const seen: MarketSegment[] = [];
    for await (const segment of finx.marketSegments.list({ name, limit: LIMIT })) {
      seen.push(segment);
      if (seen.length === 7) break;
    }
    expect(seen).toEqual(all.slice(0, 7));
    expect(listRequests()).toHaveLength(2);
  });

  it('toArray({ max }) collects at most max items, fetching only the pages it needs', async () => {
    expect(await finx.marketSegments.list({ name, limit: LIMIT }).toArray({ max: 11 })).toEqual(
      all.slice(0, 11),
    );
    expect(listRequests()).toHaveLength(3);
    expect(await finx.marketSegments.list({ name, limit: LIMIT }).toArray({ max: 1000 })).toEqual(all);
    await expect(finx.marketSegments.list({ name }).toArray({ max: 0 })).rejects.toThrow(RangeError);
  });

  it('pages() walks one page at a time', async () => {
    const sizes: number[] = [];
    const flags: boolean[] = [];
    for await (const page of finx.marketSegments.list({ name, limit: LIMIT }).pages()) {
      sizes.push(page.data.length);
      flags.push(page.has_more);
    }
    expect(sizes).toEqual([5, 5, 5, 5, 3]);
    expect(flags).toEqual([true, true, true, true, false]);
  });

  it('a page fetches the next one, and the last one says there is none', async () => {
    let page = await finx.marketSegments.list({ name, limit: 10 });
    const ids = page.data.map((segment) => segment.id);
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      ids.push(...page.data.map((segment) => segment.id));
    }
    expect(ids).toEqual(all.map((segment) => segment.id));
    expect(page.nextPageParams()).toBeUndefined();
    await expect(page.getNextPage()).rejects.toThrow(RangeError);
  });

  it('awaiting and then iterating the same list fetches the first page once', async () => {
    const list = finx.marketSegments.list({ name, limit: 20 });
    const first = await list;
    expect(first.data).toEqual(all.slice(0, 20));
    expect(await list.toArray({ max: 100 })).toEqual(all);
    expect(listRequests()).toHaveLength(2);
  });

  it('started with ending_before, walks back towards the newest, nearest first', async () => {
    const oldest = all[TOTAL - 1];
    const seen: MarketSegment[] = [];
    for await (const segment of finx.marketSegments.list({ name, limit: LIMIT, ending_before: oldest?.id })) {
      seen.push(segment);
    }
    expect(seen).toEqual(all.slice(0, TOTAL - 1).reverse());
    const cursors = listRequests().map((request) => request.url.searchParams.get('ending_before'));
    expect(cursors[0]).toBe(oldest?.id);
    expect(listRequests().every((request) => !request.url.searchParams.has('starting_after'))).toBe(true);
  });

  it('an empty list is one page with no items', async () => {
    const page = await finx.marketSegments.list({ name: 'No segment has this name' });
    expect(JSON.parse(JSON.stringify(page))).toEqual({ has_more: false, data: [] });
    expect(await finx.marketSegments.list({ name: 'No segment has this name' }).toArray({ max: 5 })).toEqual(
      [],
    );
  });
});

describe('errors from the server', () => {
  it('a 400 is an InvalidRequestError naming the field, with the request id', async () => {
    const error = await finx.marketSegments
      .create(buildSegmentInput({ name: '   ' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toBeInstanceOf(FinXError);
    expect(error).toMatchObject({
      name: 'InvalidRequestError',
      type: 'invalid_request',
      status: 400,
      message: 'name must not be empty',
      param: 'name',
    });
    const invalid = error as InvalidRequestError;
    expect(invalid.requestId).toBe(requests[0]?.headers.get('x-request-id'));
    expect(invalid.headers['x-request-id']).toBe(invalid.requestId);
    expect(invalid.headers['content-type']).toMatch(/^application\/json/);
    expect(requests).toHaveLength(1); // a 400 is not retried
  });

  it('bad list parameters are the server’s to judge: a 400 naming limit', async () => {
    await expect(finx.marketSegments.list({ limit: 0 })).rejects.toMatchObject({
      constructor: InvalidRequestError,
      param: 'limit',
      message: 'limit must be an integer between 1 and 100',
    });
  });

  it('a 401 is an AuthenticationError with the WWW-Authenticate header', async () => {
    const stranger = new FinX({ token: 'fx_not_a_real_token', baseUrl: server.baseUrl, maxRetries: 0 });
    const error = await stranger.marketSegments.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ type: 'authentication_error', status: 401, param: undefined });
    expect((error as AuthenticationError).headers['www-authenticate']).toBe('Bearer');
  });

  it('a 404 is a NotFoundError, for unknown ids and other accounts’ ids alike', async () => {
    const other = new FinX({ token: (await server.createToken('other')).token, baseUrl: server.baseUrl });
    const theirs = await other.marketSegments.create(buildSegmentInput());
    for (const id of ['0000000000000000', theirs.id]) {
      await expect(finx.marketSegments.retrieve(id)).rejects.toMatchObject({
        constructor: NotFoundError,
        type: 'not_found',
        status: 404,
        requestId: expect.stringMatching(/^req_/),
      });
    }
  });
});
