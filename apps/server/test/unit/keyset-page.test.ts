import { describe, expect, it } from 'vitest';
import { type ApiError } from '../../src/errors/api-error';
import { cursorParam, toPage, toPageCursor } from '../../src/market-segments/keyset-page';

describe('toPageCursor', () => {
  it('pages forward from the first page when no cursor is given', () => {
    expect(toPageCursor({})).toBeUndefined();
  });

  it('pages forward after starting_after and backward before ending_before', () => {
    expect(toPageCursor({ startingAfter: 'a' })).toEqual({ direction: 'forward', id: 'a' });
    expect(toPageCursor({ endingBefore: 'b' })).toEqual({ direction: 'backward', id: 'b' });
  });

  it('refuses both cursors, naming ending_before', () => {
    expect(() => toPageCursor({ startingAfter: 'a', endingBefore: 'b' })).toThrow(
      expect.objectContaining({ status: 400, param: 'ending_before' }) as ApiError,
    );
  });

  it('names the parameter a cursor came from', () => {
    expect(cursorParam({ direction: 'forward', id: 'a' })).toBe('starting_after');
    expect(cursorParam({ direction: 'backward', id: 'a' })).toBe('ending_before');
  });
});

describe('toPage', () => {
  it('drops the look-ahead row and reports has_more', () => {
    expect(toPage([5, 4, 3], 2, 'forward')).toEqual({ hasMore: true, items: [5, 4] });
    expect(toPage([5, 4], 2, 'forward')).toEqual({ hasMore: false, items: [5, 4] });
    expect(toPage([], 2, 'forward')).toEqual({ hasMore: false, items: [] });
  });

  it('turns rows fetched oldest-first going backward into newest-first order', () => {
    expect(toPage([1, 2, 3], 2, 'backward')).toEqual({ hasMore: true, items: [2, 1] });
    expect(toPage([1], 2, 'backward')).toEqual({ hasMore: false, items: [1] });
  });

  it('does not modify the rows it is given', () => {
    const rows = [1, 2, 3];
    toPage(rows, 2, 'backward');
    expect(rows).toEqual([1, 2, 3]);
  });
});
