import { eq, sql, type SQLWrapper } from 'drizzle-orm';
import { accounts } from '../../src/db/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMarketSegmentsQuery } from '../../src/market-segments/market-segments.repository';
import { apiClient, createSegment, startTestServer, type TestServer } from '../support';

let server: TestServer;
let accountId: string;
let cursorId: string;

beforeAll(async () => {
  server = await startTestServer();
  const api = apiClient(server.baseUrl, server.token);
  for (let i = 0; i < 30; i++) cursorId = (await createSegment(api, { name: i % 2 ? 'odd' : 'even' })).id;
  const [account] = await server.database.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.name, 'test'));
  accountId = account?.id ?? '';
});
afterAll(() => server.close());

/**
 * The plan of a query with sequential scans, bitmap scans and sorts penalised: the planner then
 * still sorts or scans the table only when no index can serve the query in order, so a small
 * table cannot hide a missing or mis-ordered index.
 */
async function planOf(query: SQLWrapper): Promise<string> {
  return server.database.db.transaction(async (tx) => {
    for (const setting of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort']) {
      await tx.execute(sql.raw(`set local ${setting} = off`));
    }
    // PGlite returns { rows }, postgres.js an array.
    const result = (await tx.execute(sql`explain ${query}`)) as unknown as
      { 'QUERY PLAN': string }[] | { rows: { 'QUERY PLAN': string }[] };
    const rows = Array.isArray(result) ? result : result.rows;
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

describe('every list query is served by an index in keyset order (no sort, no OFFSET)', () => {
  const cases = [
    ['first page', {}, undefined, 'market_segments_keyset_idx'],
    ['next page', {}, 'forward', 'market_segments_keyset_idx'],
    ['previous page', {}, 'backward', 'market_segments_keyset_idx'],
    ['by name, next page', { name: 'odd' }, 'forward', 'market_segments_name_keyset_idx'],
    ['by name, previous page', { name: 'odd' }, 'backward', 'market_segments_name_keyset_idx'],
  ] as const;

  it.each(cases)('%s', async (_case, filter, direction, index) => {
    const cursor = direction === undefined ? undefined : { direction, id: cursorId };
    const plan = await planOf(
      listMarketSegmentsQuery(server.database.db, { accountId, ...filter }, cursor, 11),
    );
    expect(plan).toContain(`Index Scan`);
    expect(plan).toContain(index);
    expect(plan).not.toMatch(/\bSort\b|Seq Scan/);
  });

  it('by criteria uses the md5 expression index (long criteria cannot be btree keys)', async () => {
    const plan = await planOf(
      listMarketSegmentsQuery(server.database.db, { accountId, criteria: 'x'.repeat(10_000) }, undefined, 11),
    );
    expect(plan).toContain('market_segments_criteria_keyset_idx');
    expect(plan).not.toContain('Seq Scan');
  });
});
