import { invalidRequest } from '../errors/api-error';

export type PageDirection = 'forward' | 'backward';

export interface PageCursor {
  direction: PageDirection;
  /** The id of the segment the page starts after (forward) or ends before (backward). */
  id: string;
}

export interface PageRequest {
  startingAfter?: string | undefined;
  endingBefore?: string | undefined;
}

/** Which way a list request pages, from its cursor parameters (at most one of the two). */
export function toPageCursor({ startingAfter, endingBefore }: PageRequest): PageCursor | undefined {
  if (startingAfter !== undefined && endingBefore !== undefined) {
    throw invalidRequest('Send at most one of starting_after and ending_before', 'ending_before');
  }
  if (startingAfter !== undefined) return { direction: 'forward', id: startingAfter };
  if (endingBefore !== undefined) return { direction: 'backward', id: endingBefore };
  return undefined;
}

/** The cursor parameter that named the given cursor, for error messages. */
export const cursorParam = (cursor: PageCursor) =>
  cursor.direction === 'forward' ? 'starting_after' : 'ending_before';

/**
 * Turns rows fetched with `limit + 1` in the direction of travel into one page in newest-first
 * order: the extra row only tells that more exist.
 */
export function toPage<T>(rows: readonly T[], limit: number, direction: PageDirection) {
  const hasMore = rows.length > limit;
  const items = rows.slice(0, limit);
  if (direction === 'backward') items.reverse();
  return { hasMore, items };
}
