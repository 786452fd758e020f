import type { MarketSegment } from '@finx/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiClient,
  buildSegmentInput,
  createTestDatabase,
  errorBody,
  startServerProcess,
  type Api,
  type ApiResponse,
  type ServerProcess,
  type TestDatabase,
} from '../support';
import { startRoundRobinProxy, UPSTREAM_HEADER, type RoundRobinProxy } from '../support/round-robin-proxy';

/**
 * The docker-compose topology without Docker: two server processes on one PostgreSQL database
 * (and one Redis) behind a load balancer. Statelessness means any replica answers any request.
 */
const postgresUrl = process.env['TEST_DATABASE_URL'];
const onPostgres = postgresUrl !== undefined && postgresUrl !== '';
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

if (!onPostgres) {
  console.warn(
    'SKIPPED the two-replica test: it needs real PostgreSQL (the embedded database is one process only); ' +
      'set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres to run it (CI does).',
  );
}

type Page = { has_more: boolean; data: MarketSegment[] };

const upstreamOf = (response: ApiResponse) => response.headers.get(UPSTREAM_HEADER);

describe.skipIf(!onPostgres)('two server replicas behind a round-robin proxy', () => {
  let database: TestDatabase;
  let replicas: ServerProcess[] = [];
  let proxy: RoundRobinProxy;
  let api: Api;

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = { DATABASE_URL: database.url ?? '', REDIS_URL, NODE_ENV: 'production' };
    // Started together on one empty database: they race through migrations and the first start.
    replicas = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    proxy = await startRoundRobinProxy(replicas.map((replica) => replica.url));
  });
  afterAll(async () => {
    await proxy?.close();
    await Promise.all(replicas.map((replica) => replica.stop('SIGKILL')));
    await database?.close();
  });

  it('creates the default account and its token on exactly one replica', () => {
    const tokens = replicas
      .map((replica) =>
        /First start: created the account "default"[\s\S]*?\n\s+(fx_\w+)\n/.exec(replica.output()),
      )
      .filter((match) => match !== null)
      .map((match) => match[1] ?? '');
    expect(tokens).toHaveLength(1);
    api = apiClient(proxy.url, tokens[0] ?? '');
  });

  it('spreads requests over both replicas in turn', async () => {
    const seen = [];
    for (let i = 0; i < 4; i++) {
      const response = await api('/v1/market-segments?limit=1');
      expect(response.status).toBe(200);
      seen.push(upstreamOf(response));
    }
    expect(seen).toEqual(seen[0] === '0' ? ['0', '1', '0', '1'] : ['1', '0', '1', '0']);
  });

  it('creates, reads, updates and deletes a segment, each step on the other replica', async () => {
    const input = buildSegmentInput();
    const created = await api<MarketSegment>('/v1/market-segments', { method: 'POST', form: { ...input } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject(input);
    const path = `/v1/market-segments/${created.body.id}`;

    const read = await api<MarketSegment>(path);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const updated = await api<MarketSegment>(path, { method: 'PUT', json: { criteria: 'Updated criteria' } });
    expect(updated.status).toBe(200);
    const reread = await api<MarketSegment>(path);
    expect(reread.body).toEqual({
      ...created.body,
      criteria: 'Updated criteria',
      updated_at: reread.body.updated_at,
    });

    const deleted = await api(path, { method: 'DELETE' });
    expect(deleted.status).toBe(204);
    const gone = await api(path);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual(errorBody('not_found', 'No such market segment'));

    const upstreams = [created, read, updated, reread, deleted, gone].map(upstreamOf);
    expect(new Set(upstreams)).toEqual(new Set(['0', '1']));
    upstreams.slice(1).forEach((upstream, i) => expect(upstream).not.toBe(upstreams[i]));
  });

  it('pages with cursors across replicas, forward and back, with no item lost or repeated', async () => {
    const created = [];
    for (let i = 0; i < 25; i++) {
      const response = await api<MarketSegment>('/v1/market-segments', {
        method: 'POST',
        json: buildSegmentInput(),
      });
      expect(response.status).toBe(201);
      created.push(response.body.id);
    }
    const whole = await api<Page>('/v1/market-segments?limit=100');
    expect(whole.body.has_more).toBe(false);
    const all = whole.body.data;
    expect(new Set(all.map((segment) => segment.id))).toEqual(new Set(created));

    const forward: ApiResponse<Page>[] = [await api<Page>('/v1/market-segments?limit=10')];
    while (forward.at(-1)?.body.has_more) {
      const last = forward.at(-1)?.body.data.at(-1)?.id;
      forward.push(await api<Page>(`/v1/market-segments?limit=10&starting_after=${last}`));
    }
    expect(forward.map((page) => page.body.data.length)).toEqual([10, 10, 5]);
    expect(forward.flatMap((page) => page.body.data)).toEqual(all);

    const first = forward.at(-1)?.body.data[0]?.id;
    const back = await api<Page>(`/v1/market-segments?limit=10&ending_before=${first}`);
    expect(back.body).toEqual({ has_more: true, data: all.slice(10, 20) });
    const front = await api<Page>(`/v1/market-segments?limit=10&ending_before=${all[10]?.id}`);
    expect(front.body).toEqual({ has_more: false, data: all.slice(0, 10) });

    const upstreams = [...forward, back, front].map(upstreamOf);
    expect(new Set(upstreams)).toEqual(new Set(['0', '1']));
  });

  it('stops each replica cleanly on SIGTERM', async () => {
    const codes = await Promise.all(replicas.map((replica) => replica.stop('SIGTERM')));
    expect(codes).toEqual([0, 0]);
    for (const replica of replicas) expect(replica.output()).toContain('"msg":"stopped"');
  });
});
