import { describe, expect, it } from 'vitest';
import {
  backoffDelay,
  isRetryableStatus,
  MAX_RETRY_DELAY_MS,
  parseRetryAfter,
  retryDelay,
} from '../src/retry-policy';

describe('backoffDelay', () => {
  it('doubles from 0.5 s and caps at 8 s, jitter taking off up to half', () => {
    const highest = () => 0.999_999;
    const lowest = () => 0;
    expect([1, 2, 3, 4, 5, 6, 10].map((retry) => backoffDelay(retry, highest))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect([1, 2, 3, 4, 5, 6].map((retry) => backoffDelay(retry, lowest))).toEqual([
      250, 500, 1000, 2000, 4000, 4000,
    ]);
  });

  it('spreads clients that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(3)));
    expect(delays.size).toBeGreaterThan(1);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(1000);
      expect(delay).toBeLessThanOrEqual(2000);
    }
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');

  it('reads delay-seconds and HTTP dates', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 7 ', now)).toBe(7000);
    expect(parseRetryAfter('Wed, 01 May 2024 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 May 2024 11:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    for (const value of [undefined, '', 'soon', '-5', '1.5'])
      expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe('retryDelay', () => {
  it('waits exactly what the server asks, up to a minute', () => {
    expect(retryDelay(1, 0)).toBe(0);
    expect(retryDelay(4, 3000)).toBe(3000);
    expect(retryDelay(1, 60_000)).toBe(60_000);
  });

  it('does not retry when the server asks for more than a minute', () => {
    expect(retryDelay(1, 60_001)).toBeUndefined();
  });

  it('backs off when the server does not say', () => {
    expect(retryDelay(9, undefined, () => 0.999_999)).toBe(MAX_RETRY_DELAY_MS);
  });
});

describe('isRetryableStatus', () => {
  it('retries 409, 429 and the 5xx of a failing or overloaded server only', () => {
    const retryable = [
      200, 201, 204, 400, 401, 403, 404, 405, 409, 412, 413, 415, 422, 429, 500, 501, 502, 503, 504,
    ].filter(isRetryableStatus);
    expect(retryable).toEqual([409, 429, 500, 502, 503, 504]);
  });
});
