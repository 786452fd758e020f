import { and, asc, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/database';
import { preparedPerDatabase } from '../db/prepared-query-cache';
import { marketSegments, type MarketSegmentRow } from '../db/schema';
import type { PageCursor } from './keyset-page';

const t = marketSegments;

interface SegmentKey {
  accountId: string;
  id: string;
}

export interface SegmentFields {
  name: string;
  criteria: string;
  description: string;
}

const byKey = ({ accountId, id }: SegmentKey) => and(eq(t.accountId, accountId), eq(t.id, id));

/*
 * Every query runs through `.prepare(name).execute()`. On postgres.js that makes it a prepared
 * statement: parsed once per connection and then sent in one round trip. Unprepared, a query with
 * parameters costs two round trips (describe, then execute) and a parse every time (issue 6,
 * bench/README.md). postgres.js keys its statement cache by SQL text, so the name only switches
 * this on, and the few SQL shapes a function builds (which filters, which fields) each get their own.
 */

export async function insertMarketSegment(db: Database, values: SegmentKey & SegmentFields) {
  const [row] = await db.insert(t).values(values).returning().prepare('insert_market_segment').execute();
  return row as MarketSegmentRow;
}

const bySegmentKeyPlaceholders = and(
  eq(t.accountId, sql.placeholder('accountId')),
  eq(t.id, sql.placeholder('id')),
);
const findSegment = preparedPerDatabase((db) =>
  db.select().from(t).where(bySegmentKeyPlaceholders).prepare('find_market_segment'),
);
const findSegmentForUpdate = preparedPerDatabase((db) =>
  db.select().from(t).where(bySegmentKeyPlaceholders).for('update').prepare('find_market_segment_for_update'),
);

export async function findMarketSegment(
  db: Database,
  { accountId, id }: SegmentKey,
  { forUpdate = false }: { forUpdate?: boolean } = {},
): Promise<MarketSegmentRow | undefined> {
  const [row] = await (forUpdate ? findSegmentForUpdate : findSegment)(db).execute({ accountId, id });
  return row;
}

export async function marketSegmentExists(db: Database, key: SegmentKey): Promise<boolean> {
  const [row] = await db
    .select({ id: t.id })
    .from(t)
    .where(byKey(key))
    .prepare('market_segment_exists')
    .execute();
  return row !== undefined;
}

/** Applies the changes; updated_at and version move only when a value actually changes. */
export async function updateMarketSegment(
  db: Database,
  key: SegmentKey,
  changes: Partial<SegmentFields>,
): Promise<MarketSegmentRow | undefined> {
  const changedColumns = Object.entries(changes).flatMap(([field, value]) =>
    value === undefined ? [] : [sql`${t[field as keyof SegmentFields]} is distinct from ${value}`],
  );
  if (changedColumns.length === 0) return findMarketSegment(db, key);
  const [row] = await db
    .update(t)
    .set({
      ...changes,
      updatedAt: sql`case when ${or(...changedColumns)} then now() else ${t.updatedAt} end`,
      version: sql`case when ${or(...changedColumns)} then ${t.version} + 1 else ${t.version} end`,
    })
    .where(byKey(key))
    .returning()
    .prepare('update_market_segment')
    .execute();
  return row;
}

export async function deleteMarketSegment(db: Database, key: SegmentKey): Promise<boolean> {
  const deleted = await db
    .delete(t)
    .where(byKey(key))
    .returning({ id: t.id })
    .prepare('delete_market_segment')
    .execute();
  return deleted.length > 0;
}

export interface ListFilter {
  accountId: string;
  name?: string | undefined;
  criteria?: string | undefined;
}

function filterConditions({ accountId, name, criteria }: ListFilter): SQL[] {
  const conditions = [eq(t.accountId, accountId)];
  if (name !== undefined) conditions.push(eq(t.name, name));
  if (criteria !== undefined) {
    // md5 equality lets the criteria index serve the query; the plain equality makes it exact.
    conditions.push(sql`md5(${t.criteria}) = md5(${criteria})`, eq(t.criteria, criteria));
  }
  return conditions;
}

/**
 * Keyset comparison against the cursor row, resolved inside the query so timestamps compare at
 * full (microsecond) precision. A cursor id that does not exist makes the comparison null: no rows.
 */
function beyondCursor(accountId: string, cursor: PageCursor): SQL {
  const cursorKey = sql`(select c.created_at, c.id from ${t} as c where c.account_id = ${accountId} and c.id = ${cursor.id})`;
  return cursor.direction === 'forward'
    ? sql`(${t.createdAt}, ${t.id}) < ${cursorKey}`
    : sql`(${t.createdAt}, ${t.id}) > ${cursorKey}`;
}

/** The list query: up to `fetch` rows in the direction of travel (newest first going forward). */
export function listMarketSegmentsQuery(
  db: Database,
  filter: ListFilter,
  cursor: PageCursor | undefined,
  fetch: number,
) {
  const conditions = filterConditions(filter);
  if (cursor) conditions.push(beyondCursor(filter.accountId, cursor));
  const order =
    cursor?.direction === 'backward' ? [asc(t.createdAt), asc(t.id)] : [desc(t.createdAt), desc(t.id)];
  return db
    .select()
    .from(t)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(fetch);
}

export async function listMarketSegmentRows(
  db: Database,
  filter: ListFilter,
  cursor: PageCursor | undefined,
  fetch: number,
): Promise<MarketSegmentRow[]> {
  return listMarketSegmentsQuery(db, filter, cursor, fetch).prepare('list_market_segments').execute();
}
