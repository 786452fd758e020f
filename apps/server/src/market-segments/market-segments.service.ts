import type {
  CreateMarketSegmentInput,
  ListMarketSegmentsQuery,
  MarketSegment,
  MarketSegmentList,
} from '@finx/contract';
import { MARKET_SEGMENT_ID_PATTERN } from '@finx/contract';
import type { Database } from '../db/database';
import { invalidRequest, notFound } from '../errors/api-error';
import { isUniqueViolation } from '../errors/pg-errors';
import { newMarketSegmentId } from '../ids';
import { cursorParam, toPage, toPageCursor } from './keyset-page';
import { toMarketSegment } from './market-segments.mapper';
import * as repository from './market-segments.repository';

const ID_COLLISION_RETRIES = 3;

/** A malformed id can never exist: answered 404 like any unknown id, without a query. */
function segmentKey(accountId: string, id: string) {
  if (!MARKET_SEGMENT_ID_PATTERN.test(id)) throw notFound();
  return { accountId, id };
}

export async function createMarketSegment(
  db: Database,
  accountId: string,
  fields: repository.SegmentFields,
): Promise<MarketSegment> {
  for (let attempt = 1; ; attempt++) {
    try {
      const row = await repository.insertMarketSegment(db, {
        accountId,
        id: newMarketSegmentId(),
        ...fields,
      });
      return toMarketSegment(row);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= ID_COLLISION_RETRIES) throw error;
    }
  }
}

export async function retrieveMarketSegment(
  db: Database,
  accountId: string,
  id: string,
): Promise<MarketSegment> {
  const row = await repository.findMarketSegment(db, segmentKey(accountId, id));
  if (!row) throw notFound();
  return toMarketSegment(row);
}

export async function updateMarketSegment(
  db: Database,
  accountId: string,
  id: string,
  changes: Partial<CreateMarketSegmentInput>,
): Promise<MarketSegment> {
  const row = await repository.updateMarketSegment(db, segmentKey(accountId, id), changes);
  if (!row) throw notFound();
  return toMarketSegment(row);
}

export async function deleteMarketSegment(db: Database, accountId: string, id: string): Promise<void> {
  const deleted = await repository.deleteMarketSegment(db, segmentKey(accountId, id));
  if (!deleted) throw notFound();
}

export async function listMarketSegments(
  db: Database,
  accountId: string,
  query: ListMarketSegmentsQuery,
): Promise<MarketSegmentList> {
  const cursor = toPageCursor({ startingAfter: query.starting_after, endingBefore: query.ending_before });
  const filter = { accountId, name: query.name, criteria: query.criteria };
  const rows = await repository.listMarketSegmentRows(db, filter, cursor, query.limit + 1);
  // An unknown cursor yields no rows; only then is it worth a second query to tell the two apart.
  if (
    rows.length === 0 &&
    cursor &&
    !(await repository.marketSegmentExists(db, { accountId, id: cursor.id }))
  ) {
    throw invalidRequest(`No such market segment: ${cursor.id}`, cursorParam(cursor));
  }
  const page = toPage(rows, query.limit, cursor?.direction ?? 'forward');
  return { has_more: page.hasMore, data: page.items.map(toMarketSegment) };
}
