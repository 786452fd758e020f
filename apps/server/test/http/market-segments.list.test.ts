import type { MarketSegment } from '@finx/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createSegment, errorBody, startTestServer, type Api, type TestServer } from '../support';

let server: TestServer;
let api: Api;
let otherApi: Api;
/** Everything the test account created, newest first. */
let all: MarketSegment[];
let tech: MarketSegment[];
let techGaming: MarketSegment[];

const TOTAL = 57;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server.baseUrl, server.token);
  otherApi = apiClient(server.baseUrl, (await server.createToken('other-account')).token);
  const created: MarketSegment[] = [];
  for (let i = 0; i < TOTAL; i++) {
    // Every third is "Tech"; among those, every other one also has the gaming criteria.
    const name = i % 3 === 0 ? 'Tech' : `Segment ${i}`;
    const criteria = i % 6 === 0 ? 'gaming' : `criteria ${i}`;
    created.push(await createSegment(api, { name, criteria }));
    // Other accounts' rows interleave with ours and must never show up.
    if (i % 10 === 0) await createSegment(otherApi, { name: 'Tech', criteria: 'gaming' });
  }
  all = created.reverse();
  tech = all.filter((segment) => segment.name === 'Tech');
  techGaming = tech.filter((segment) => segment.criteria === 'gaming');
});
afterAll(() => server.close());

type Page = { has_more: boolean; data: MarketSegment[] };

async function list(query: string): Promise<Page> {
  const response = await api<Page>(`/v1/market-segments${query}`);
  expect(response.status).toBe(200);
  expect(Object.keys(response.body)).toEqual(['has_more', 'data']);
  return response.body;
}

/** Walks forward with starting_after from the first page, then back with ending_before. */
async function walk(filter: string, limit: number) {
  const forward: Page[] = [await list(`?limit=${limit}${filter}`)];
  for (let page = forward[0]; page?.has_more; page = forward.at(-1)) {
    forward.push(await list(`?limit=${limit}${filter}&starting_after=${page.data.at(-1)?.id}`));
  }
  const backward: Page[] = [forward.at(-1) as Page];
  for (let page = backward[0]; backward.length <= forward.length;) {
    const previous = await list(`?limit=${limit}${filter}&ending_before=${page?.data[0]?.id}`);
    backward.push(previous);
    if (!previous.has_more) break;
    page = previous;
  }
  return { forward, backward };
}

describe('GET /v1/market-segments', () => {
  it('lists newest first, 10 by default, with has_more', async () => {
    const page = await list('');
    expect(page.data).toEqual(all.slice(0, 10));
    expect(page.has_more).toBe(true);
  });

  it('honours limit from 1 to 100', async () => {
    expect((await list('?limit=1')).data).toEqual(all.slice(0, 1));
    const hundred = await list('?limit=100');
    expect(hundred.data).toEqual(all);
    expect(hundred.has_more).toBe(false);
    const exact = await list(`?limit=${TOTAL}`);
    expect(exact.data).toHaveLength(TOTAL);
    expect(exact.has_more).toBe(false);
  });

  it.each(['0', '101', '-1', '1.5', 'abc', '', '10abc', '1e1', '0x10', '+5', '%205', '5%20'])(
    'rejects limit=%s',
    async (limit) => {
      const response = await api(`/v1/market-segments?limit=${limit}`);
      expect(response.status).toBe(400);
      expect(response.body).toEqual(
        errorBody('invalid_request', 'limit must be an integer between 1 and 100', 'limit'),
      );
    },
  );

  it('walks forward and backward over more than five pages, the same items in the same order', async () => {
    const { forward, backward } = await walk('', 5);
    expect(forward.length).toBeGreaterThan(5);
    expect(forward.flatMap((page) => page.data)).toEqual(all);
    expect(forward.slice(0, -1).every((page) => page.has_more)).toBe(true);
    expect(forward.at(-1)?.has_more).toBe(false);
    // Backward from the last page yields the same pages in reverse.
    expect(backward.map((page) => page.data)).toEqual(forward.map((page) => page.data).reverse());
    expect(backward.at(-1)?.has_more).toBe(false);
    expect(backward.slice(1, -1).every((page) => page.has_more)).toBe(true);
  });

  it('walks filtered lists in both directions (name, then name AND criteria)', async () => {
    const byName = await walk('&name=Tech', 3);
    expect(byName.forward.length).toBeGreaterThan(5);
    expect(byName.forward.flatMap((page) => page.data)).toEqual(tech);
    expect(byName.backward.flatMap((page) => [...page.data].reverse())).toEqual([...tech].reverse());

    const both = await walk('&name=Tech&criteria=gaming', 2);
    expect(both.forward.flatMap((page) => page.data)).toEqual(techGaming);
    expect(both.backward.map((page) => page.data)).toEqual(both.forward.map((page) => page.data).reverse());
  });

  it('filters by criteria alone', async () => {
    const page = await list('?criteria=gaming&limit=100');
    expect(page.data).toEqual(all.filter((segment) => segment.criteria === 'gaming'));
  });

  it('has_more is false on a previous page at the start of the list', async () => {
    const page = await list(`?limit=3&ending_before=${all[3]?.id}`);
    expect(page.data).toEqual(all.slice(0, 3));
    expect(page.has_more).toBe(false);
    const partial = await list(`?limit=5&ending_before=${all[2]?.id}`);
    expect(partial.data).toEqual(all.slice(0, 2));
    expect(partial.has_more).toBe(false);
  });

  it('returns an empty page after the last item', async () => {
    expect(await list(`?starting_after=${all.at(-1)?.id}`)).toEqual({ has_more: false, data: [] });
  });

  it('matches filters exactly: after trimming, case-sensitive, % and _ are ordinary characters', async () => {
    const percent = await createSegment(api, { name: '100% _real_', criteria: 'Long criteria '.repeat(700) });
    expect((await list('?name=%20%20100%25%20_real_%20')).data).toEqual([percent]);
    expect((await list('?name=100%25')).data).toEqual([]);
    expect((await list('?name=%25')).data).toEqual([]);
    expect((await list('?name=_00%25%20_real_')).data).toEqual([]);
    expect((await list('?name=tech')).data).toEqual([]);
    expect((await list('?name=Tec')).data).toEqual([]);
    // A long criteria (9,800 characters) is found by exact match.
    const criteria = encodeURIComponent(percent.criteria);
    expect((await list(`?criteria=${criteria}`)).data).toEqual([percent]);
    await api(`/v1/market-segments/${percent.id}`, { method: 'DELETE' });
  });

  it('finds a 10,000-character criteria of multi-byte characters through the query string', async () => {
    const criteria = 'é'.repeat(10_000);
    const segment = await createSegment(api, { criteria });
    const response = await api(`/v1/market-segments?criteria=${encodeURIComponent(criteria)}`);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual([segment]);
    await api(`/v1/market-segments/${segment.id}`, { method: 'DELETE' });
  });

  it('never shows other accounts’ segments', async () => {
    const theirs = await otherApi<Page>('/v1/market-segments?limit=100');
    expect(theirs.body.data).toHaveLength(6);
    const ourIds = new Set(all.map((segment) => segment.id));
    expect(theirs.body.data.some((segment) => ourIds.has(segment.id))).toBe(false);
  });

  it("rejects a cursor that does not exist for this account, including another account's id", async () => {
    const theirs = (await otherApi<Page>('/v1/market-segments?limit=1')).body.data[0];
    for (const [param, id] of [
      ['starting_after', 'AAAAAAAAAAAAAAAA'],
      ['ending_before', 'AAAAAAAAAAAAAAAA'],
      ['starting_after', theirs?.id],
    ]) {
      const response = await api(`/v1/market-segments?${param}=${id}`);
      expect(response.status).toBe(400);
      expect(response.body).toEqual(errorBody('invalid_request', `No such market segment: ${id}`, param));
    }
  });

  it('rejects a malformed cursor', async () => {
    const response = await api('/v1/market-segments?starting_after=not-an-id');
    expect(response.status).toBe(400);
    expect(response.body).toEqual(
      errorBody('invalid_request', 'starting_after must be a market segment id', 'starting_after'),
    );
  });

  it('rejects both cursors at once', async () => {
    const response = await api(
      `/v1/market-segments?starting_after=${all[5]?.id}&ending_before=${all[1]?.id}`,
    );
    expect(response.status).toBe(400);
    expect(response.body).toEqual(
      errorBody('invalid_request', 'Send at most one of starting_after and ending_before', 'ending_before'),
    );
  });

  it.each([
    ['an unknown parameter', '?color=red', 'Unknown query parameter: color', 'color'],
    ['a repeated parameter', '?limit=1&limit=2', 'The query parameter limit may appear only once', 'limit'],
    ['a bracketed parameter', '?name[]=a', 'Unknown query parameter: name[]', 'name[]'],
    ['an empty name', '?name=', 'name must not be empty', 'name'],
    ['a name over 255 characters', `?name=${'n'.repeat(256)}`, 'name must be at most 255 characters', 'name'],
    ['a NUL in a filter', '?criteria=a%00b', 'criteria must not contain NUL characters', 'criteria'],
    ['bad percent-encoding', '?name=%E0%A4%A', 'Malformed percent-encoding in name', 'name'],
  ])('rejects %s with a 400 naming it', async (_case, query, message, param) => {
    const response = await api(`/v1/market-segments${query}`);
    expect(response.status).toBe(400);
    expect(response.body).toEqual(errorBody('invalid_request', message, param));
  });
});
