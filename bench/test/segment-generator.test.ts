import { describe, expect, it } from 'vitest';
import {
  COMMON_NAMES,
  LONG_CRITERIA,
  createSegmentGenerator,
  escapeCopyText,
  toCopyLine,
  toTimestampLiteral,
} from '../src/segment-generator';

/** A small deterministic generator (mulberry32) so the test sees the same rows every time. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('segment generator', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const rows = Array.from(
    { length: 10_000 },
    createSegmentGenerator({ random: seeded(42), now, spreadDays: 10 }),
  );

  it('makes rows the API accepts: 16-character base62 ids, lengths within the limits', () => {
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9A-Za-z]{16}$/);
      expect(row.name.length).toBeGreaterThan(0);
      expect([...row.name].length).toBeLessThanOrEqual(255);
      expect([...row.criteria].length).toBeLessThanOrEqual(10_000);
      expect([...row.description].length).toBeLessThanOrEqual(10_000);
      expect(row.name).toBe(row.name.trim());
    }
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
  });

  it('repeats common names and long criteria often enough for the filters, and varies the rest', () => {
    const common = rows.filter((row) => COMMON_NAMES.includes(row.name)).length / rows.length;
    expect(common).toBeGreaterThan(0.25);
    expect(common).toBeLessThan(0.42);
    const long = rows.filter((row) => LONG_CRITERIA.includes(row.criteria)).length;
    expect(long).toBeGreaterThan(5);
    expect(long).toBeLessThan(60);
    expect(new Set(rows.map((row) => row.name)).size).toBeGreaterThan(5_000);
    for (const criteria of LONG_CRITERIA) expect(criteria.length).toBeGreaterThan(2000);
  });

  it('spreads creation times over the window before now, to the microsecond', () => {
    const nowMicros = BigInt(now.getTime()) * 1000n;
    const windowMicros = 10n * 86_400n * 1_000_000n;
    for (const row of rows) {
      expect(row.createdAtMicros).toBeLessThanOrEqual(nowMicros);
      expect(row.createdAtMicros).toBeGreaterThan(nowMicros - windowMicros);
    }
    expect(new Set(rows.map((row) => row.createdAtMicros % 1000n)).size).toBeGreaterThan(900);
  });
});

describe('COPY text format', () => {
  it('writes microsecond timestamps in UTC', () => {
    expect(toTimestampLiteral(1_767_225_600_123_456n)).toBe('2026-01-01T00:00:00.123456Z');
    expect(toTimestampLiteral(705_103_200_000_001n)).toBe('1992-05-05T22:00:00.000001Z');
  });

  it('escapes backslashes, tabs and line breaks', () => {
    expect(escapeCopyText('a\\b\tc\nd\re')).toBe('a\\\\b\\tc\\nd\\re');
  });

  it('lays out one line of seven tab-separated columns', () => {
    const line = toCopyLine('acc', {
      id: 'xgQQXg3hrtjh7AvZ',
      name: 'Tech\tEnthusiasts',
      criteria: 'c',
      description: 'd',
      createdAtMicros: 705_103_200_000_000n,
    });
    expect(line).toBe(
      'acc\txgQQXg3hrtjh7AvZ\tTech\\tEnthusiasts\tc\td\t1992-05-05T22:00:00.000000Z\t1992-05-05T22:00:00.000000Z\n',
    );
  });
});
