import type {
  CreateMarketSegmentInput,
  ListMarketSegmentsQuery,
  MarketSegment,
  MarketSegmentList,
} from '@finx/contract';
import { MARKET_SEGMENT_ID_PATTERN } from '@finx/contract';
import type { Database } from '../db/database';
import type { MarketSegmentRow } from '../db/schema';
import { ApiError, invalidRequest, notFound } from '../errors/api-error';
import { isUniqueViolation } from '../errors/pg-errors';
import { newMarketSegmentId } from '../ids';
import { ifMatchSatisfied, ifNoneMatchMatches, segmentEtag } from './entity-tag';
import { cursorParam, toPage, toPageCursor } from './keyset-page';
import { toMarketSegment } from './market-segments.mapper';
import * as repository from './market-segments.repository';

const ID_COLLISION_RETRIES = 3;

/** A single-segment result: the API object and the ETag of its version. */
export interface VersionedSegment {
  segment: MarketSegment;
  etag: string;
}

const versioned = (row: MarketSegmentRow): VersionedSegment => ({
  segment: toMarketSegment(row),
  etag: segmentEtag(row.id, row.version),
});

const preconditionFailed = () =>
  new ApiError(412, 'The market segment has changed since the version in If-Match', 'If-Match');

/** A malformed id can never exist: answered 404 like any unknown id, without a query. */
function segmentKey(accountId: string, id: string) {
  if (!MARKET_SEGMENT_ID_PATTERN.test(id)) throw notFound();
  return { accountId, id };
}

/**
 * Runs `write` on the segment locked for update after checking If-Match against its current
 * version, so two writers holding the same ETag cannot both succeed.
 */
function withCurrentVersion<T>(
  db: Database,
  key: { accountId: string; id: string },
  ifMatch: string,
  write: (tx: Database, current: MarketSegmentRow) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    const current = await repository.findMarketSegment(tx, key, { forUpdate: true });
    if (!current) throw notFound();
    if (!ifMatchSatisfied(ifMatch, segmentEtag(current.id, current.version))) throw preconditionFailed();
    return write(tx, current);
  });
}

export async function createMarketSegment(
  db: Database,
  accountId: string,
  fields: repository.SegmentFields,
): Promise<VersionedSegment> {
  for (let attempt = 1; ; attempt++) {
    try {
      return versioned(
        await repository.insertMarketSegment(db, { accountId, id: newMarketSegmentId(), ...fields }),
      );
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= ID_COLLISION_RETRIES) throw error;
    }
  }
}

/** The segment, or `notModified` when If-None-Match names its current version. */
export async function retrieveMarketSegment(
  db: Database,
  accountId: string,
  id: string,
  ifNoneMatch?: string,
): Promise<VersionedSegment | { notModified: true; etag: string }> {
  const row = await repository.findMarketSegment(db, segmentKey(accountId, id));
  if (!row) throw notFound();
  const result = versioned(row);
  if (ifNoneMatch !== undefined && ifNoneMatchMatches(ifNoneMatch, result.etag)) {
    return { notModified: true, etag: result.etag };
  }
  return result;
}

export async function updateMarketSegment(
  db: Database,
  accountId: string,
  id: string,
  changes: Partial<CreateMarketSegmentInput>,
  ifMatch?: string,
): Promise<VersionedSegment> {
  const key = segmentKey(accountId, id);
  const row =
    ifMatch === undefined
      ? await repository.updateMarketSegment(db, key, changes)
      : await withCurrentVersion(db, key, ifMatch, (tx) => repository.updateMarketSegment(tx, key, changes));
  if (!row) throw notFound();
  return versioned(row);
}

export async function deleteMarketSegment(
  db: Database,
  accountId: string,
  id: string,
  ifMatch?: string,
): Promise<void> {
  const key = segmentKey(accountId, id);
  const deleted =
    ifMatch === undefined
      ? await repository.deleteMarketSegment(db, key)
      : await withCurrentVersion(db, key, ifMatch, (tx) => repository.deleteMarketSegment(tx, key));
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
