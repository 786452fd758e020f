import { marketSegmentsContract, type MarketSegmentsContract } from '@finx/contract';
import { isZodType } from '@ts-rest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FinX } from '../src';
import { startScriptedServer, type ScriptedServer } from './support/scripted-server';

const SEGMENT = {
  id: 'xgQQXg3hrtjh7AvZ',
  name: 'Tech Enthusiasts',
  criteria: 'Customers interested in technology products',
  description: 'Segment of customers who frequently purchase technology products.',
  created_at: 705103200,
  updated_at: 705103200,
};

interface RouteCall {
  readonly reply: { readonly status: number; readonly body?: unknown };
  readonly call: (finx: FinX) => Promise<unknown>;
}

/**
 * One client call per route of the contract. Typed by the contract's route names: a route added to
 * the contract fails to compile here until the client has a method for it.
 */
const CALLS: { readonly [Route in keyof MarketSegmentsContract]: RouteCall } = {
  list: {
    reply: { status: 200, body: { has_more: false, data: [SEGMENT] } },
    call: (finx) => finx.marketSegments.list({ name: 'Tech Enthusiasts', limit: 3 }).toArray({ max: 10 }),
  },
  create: {
    reply: { status: 201, body: SEGMENT },
    call: (finx) =>
      finx.marketSegments.create({
        name: SEGMENT.name,
        criteria: SEGMENT.criteria,
        description: SEGMENT.description,
      }),
  },
  retrieve: {
    reply: { status: 200, body: SEGMENT },
    call: (finx) => finx.marketSegments.retrieve(SEGMENT.id),
  },
  update: {
    reply: { status: 200, body: SEGMENT },
    call: (finx) => finx.marketSegments.update(SEGMENT.id, { criteria: 'Customers into gaming' }),
  },
  delete: { reply: { status: 204 }, call: (finx) => finx.marketSegments.del(SEGMENT.id) },
};

let server: ScriptedServer;

beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

describe('the client sends what the contract defines', () => {
  it.each(Object.keys(CALLS) as (keyof MarketSegmentsContract)[])('%s', async (name) => {
    const route = marketSegmentsContract[name];
    const { reply, call } = CALLS[name];
    server.script([reply]);
    await call(new FinX({ token: 'fx_test', baseUrl: server.baseUrl, maxRetries: 0 }));
    expect(server.received).toHaveLength(1);
    const [request] = server.received;
    const url = new URL(request?.url ?? '', server.baseUrl);
    expect(request?.method).toBe(route.method);
    expect(url.pathname).toBe(route.path.replace(':id', SEGMENT.id));
    // The query and the body the client sent pass the contract's own schemas.
    if ('query' in route && isZodType(route.query)) {
      expect(route.query.safeParse(Object.fromEntries(url.searchParams)).success).toBe(true);
    }
    if (route.method === 'POST' || route.method === 'PUT') {
      expect(request?.headers['content-type']).toBe('application/json');
      if (isZodType(route.body))
        expect(route.body.safeParse(JSON.parse(request?.body ?? '')).success).toBe(true);
    } else {
      expect(request?.body).toBe('');
    }
    // The status the client accepts as success is the one the contract declares.
    expect(Object.keys(route.responses)).toContain(String(reply.status));
  });
});
