import { describe, expect, it } from 'vitest';
import {
  countCharacters,
  createMarketSegmentSchema,
  isWellFormedUnicode,
  listMarketSegmentsQuerySchema,
  updateMarketSegmentSchema,
} from '../src';

describe('countCharacters', () => {
  it('counts code points, not UTF-16 units', () => {
    expect(countCharacters('abc')).toBe(3);
    expect(countCharacters('😀😀')).toBe(2);
    expect(countCharacters('e\u0301')).toBe(2);
    expect(countCharacters('\ud800x')).toBe(2);
    expect(countCharacters('')).toBe(0);
  });
});

describe('isWellFormedUnicode', () => {
  it('rejects lone surrogates only', () => {
    expect(isWellFormedUnicode('😀 ok')).toBe(true);
    expect(isWellFormedUnicode('\ud800')).toBe(false);
    expect(isWellFormedUnicode('x\udc00')).toBe(false);
  });
});

describe('createMarketSegmentSchema', () => {
  it('trims and accepts the three fields', () => {
    expect(createMarketSegmentSchema.parse({ name: ' a ', criteria: 'b', description: 'c' })).toEqual({
      name: 'a',
      criteria: 'b',
      description: 'c',
    });
  });

  it('rejects unknown keys', () => {
    expect(
      createMarketSegmentSchema.safeParse({ name: 'a', criteria: 'b', description: 'c', x: 1 }).success,
    ).toBe(false);
  });
});

describe('updateMarketSegmentSchema', () => {
  it('accepts any subset, including none', () => {
    expect(updateMarketSegmentSchema.parse({})).toEqual({});
    expect(updateMarketSegmentSchema.parse({ name: ' n ' })).toEqual({ name: 'n' });
  });
});

describe('listMarketSegmentsQuerySchema', () => {
  it('defaults limit to 10 and coerces it from the query string', () => {
    expect(listMarketSegmentsQuerySchema.parse({})).toEqual({ limit: 10 });
    expect(listMarketSegmentsQuerySchema.parse({ limit: '100' })).toEqual({ limit: 100 });
  });

  it('bounds limit to 1..100 with one message', () => {
    for (const limit of ['0', '101', 'x', '2.5', '1e1', '0x10', ' 5', '', 5.5]) {
      const result = listMarketSegmentsQuerySchema.safeParse({ limit });
      expect(result.success).toBe(false);
      if (!result.success)
        expect(result.error.issues[0]?.message).toBe('limit must be an integer between 1 and 100');
    }
  });

  it('requires cursors to look like ids', () => {
    expect(listMarketSegmentsQuerySchema.safeParse({ starting_after: 'xgQQXg3hrtjh7AvZ' }).success).toBe(
      true,
    );
    expect(listMarketSegmentsQuerySchema.safeParse({ starting_after: 'short' }).success).toBe(false);
  });
});
