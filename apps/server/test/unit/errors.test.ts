import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors/api-error';
import { toApiError } from '../../src/errors/error-handler';
import { isDatabaseUnavailable, isUniqueViolation } from '../../src/errors/pg-errors';
import { fromZodError } from '../../src/errors/validation-error';

describe('ApiError', () => {
  it.each([
    [400, 'invalid_request'],
    [401, 'authentication_error'],
    [404, 'not_found'],
    [405, 'invalid_request'],
    [409, 'conflict'],
    [412, 'precondition_failed'],
    [413, 'invalid_request'],
    [415, 'invalid_request'],
    [422, 'idempotency_error'],
    [429, 'rate_limited'],
    [500, 'api_error'],
    [503, 'api_error'],
  ] as const)('maps status %i to type %s', (status, type) => {
    expect(new ApiError(status, 'x').type).toBe(type);
  });
});

describe('toApiError', () => {
  it('passes ApiErrors through', () => {
    const error = new ApiError(404, 'gone');
    expect(toApiError(error)).toBe(error);
  });

  it('turns an unreachable database into 503 with Retry-After, following the cause chain', () => {
    const wrapped = new Error('Failed query', {
      cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
    });
    const error = toApiError(wrapped);
    expect(error).toMatchObject({ status: 503, type: 'api_error', headers: { 'Retry-After': '5' } });
    expect(toApiError(Object.assign(new Error('admin shutdown'), { code: '57P01' }))?.status).toBe(503);
  });

  it('turns a value the database cannot store into 400', () => {
    expect(toApiError(Object.assign(new Error('invalid byte sequence'), { code: '22021' }))?.status).toBe(
      400,
    );
  });

  it("keeps Express's own 4xx errors as 4xx", () => {
    expect(toApiError(Object.assign(new URIError('bad'), { status: 400 }))?.status).toBe(400);
    expect(toApiError(Object.assign(new Error('teapot'), { status: 418 }))?.status).toBe(400);
  });

  it('leaves bugs unmapped (they become a logged 500)', () => {
    expect(toApiError(new TypeError('x is undefined'))).toBeUndefined();
    expect(toApiError(Object.assign(new Error('boom'), { status: 500 }))).toBeUndefined();
  });
});

describe('pg error recognition', () => {
  it('finds a unique violation under a wrapper', () => {
    expect(isUniqueViolation(new Error('wrapped', { cause: { code: '23505' } }))).toBe(true);
    expect(isUniqueViolation(new Error('other', { cause: { code: '23503' } }))).toBe(false);
    expect(isDatabaseUnavailable('not an error')).toBe(false);
  });
});

describe('fromZodError', () => {
  const schema = z
    .object({ name: z.string({ required_error: 'name is required' }), limit: z.number() })
    .strict();

  it('names the first offending field', () => {
    const result = schema.safeParse({ limit: 1 });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(fromZodError(result.error, 'body')).toMatchObject({
        status: 400,
        message: 'name is required',
        param: 'name',
      });
    }
  });

  it('names an unknown key, as a field or a query parameter', () => {
    const result = schema.safeParse({ name: 'a', limit: 1, extra: true });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(fromZodError(result.error, 'body')).toMatchObject({
        message: 'Unknown field: extra',
        param: 'extra',
      });
      expect(fromZodError(result.error, 'query')).toMatchObject({
        message: 'Unknown query parameter: extra',
      });
    }
  });

  it('describes a body that is not an object without a param', () => {
    const result = schema.safeParse([1]);
    expect(result.success).toBe(false);
    if (!result.success) {
      const error = fromZodError(result.error, 'body');
      expect(error.message).toBe('Request body must be a JSON object or form fields');
      expect(error.param).toBeUndefined();
    }
  });
});
