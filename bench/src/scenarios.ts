import type { Request } from 'autocannon';
import { COMMON_NAMES, LONG_CRITERIA, createSegmentGenerator } from './segment-generator';

/** The operations measured at every data size, in the order they run. */
export const SCENARIOS = [
  'retrieve',
  'list first page',
  'list deep page',
  'list by name',
  'list by long criteria',
  'update',
  'create',
  'delete',
] as const;

export type Scenario = (typeof SCENARIOS)[number];

/** Ids the requests draw from, read from the database before a scenario runs. */
export interface IdPools {
  /** Random ids of the measured account. */
  random: readonly string[];
  /** Ids among the account's oldest rows: a cursor there is the last pages of the list. */
  deep: readonly string[];
  /** Ids to delete (consumed: each is deleted once). */
  deletable: string[];
}

const PATH = '/v1/market-segments';
const JSON_HEADERS = { 'content-type': 'application/json' };

function cycle<T>(items: readonly T[]): () => T {
  let next = Math.floor(Math.random() * Math.max(items.length, 1));
  return () => {
    const item = items[next % items.length];
    next += 1;
    if (item === undefined) throw new Error('empty id pool');
    return item;
  };
}

/** The autocannon request of one scenario: every call of setupRequest builds the next request. */
export function requestFor(scenario: Scenario, pools: IdPools): Request {
  const generate = createSegmentGenerator();
  const randomId = cycle(pools.random);
  const setup = (build: () => Pick<Request, 'method' | 'path' | 'body' | 'headers'>): Request => ({
    setupRequest: (request) => {
      const next = build();
      return { ...request, ...next, headers: { ...request.headers, ...next.headers } };
    },
  });
  switch (scenario) {
    case 'retrieve':
      return setup(() => ({ method: 'GET', path: `${PATH}/${randomId()}` }));
    case 'list first page':
      return setup(() => ({ method: 'GET', path: PATH }));
    case 'list deep page': {
      const deepId = cycle(pools.deep);
      return setup(() => ({ method: 'GET', path: `${PATH}?starting_after=${deepId()}` }));
    }
    case 'list by name': {
      const name = cycle(COMMON_NAMES);
      return setup(() => ({ method: 'GET', path: `${PATH}?name=${encodeURIComponent(name())}` }));
    }
    case 'list by long criteria': {
      const criteria = cycle(LONG_CRITERIA);
      return setup(() => ({ method: 'GET', path: `${PATH}?criteria=${encodeURIComponent(criteria())}` }));
    }
    case 'update':
      return setup(() => ({
        method: 'PUT',
        path: `${PATH}/${randomId()}`,
        headers: JSON_HEADERS,
        body: JSON.stringify({ description: generate().description }),
      }));
    case 'create':
      return setup(() => {
        const { name, criteria, description } = generate();
        return {
          method: 'POST',
          path: PATH,
          headers: JSON_HEADERS,
          body: JSON.stringify({ name, criteria, description }),
        };
      });
    case 'delete':
      return setup(() => {
        const id = pools.deletable.pop();
        if (id === undefined) throw new Error('no ids left to delete');
        return { method: 'DELETE', path: `${PATH}/${id}` };
      });
  }
}
