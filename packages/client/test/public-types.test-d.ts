import type {
  ApiErrorType,
  createMarketSegmentSchema,
  listMarketSegmentsQuerySchema,
  marketSegmentListSchema,
  marketSegmentSchema,
  updateMarketSegmentSchema,
} from '@finx/contract';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  FinX,
  type ApiError,
  type ConnectionError,
  type DeletedMarketSegment,
  type FinXError,
  type FinXErrorType,
  type MarketSegment,
  type MarketSegmentCreateParams,
  type MarketSegmentList,
  type MarketSegmentListParams,
  type MarketSegmentUpdateParams,
  type NotFoundError,
  type Page,
  type RequestOptions,
  type RequestTimeoutError,
} from '../src';

declare const finx: FinX;
const segments = () => finx.marketSegments;

describe('the client’s types are the contract’s (no hand-written twin can drift)', () => {
  it('responses are what the contract’s schemas parse to', () => {
    expectTypeOf<MarketSegment>().toEqualTypeOf<z.output<typeof marketSegmentSchema>>();
    expectTypeOf<MarketSegmentList>().toEqualTypeOf<z.output<typeof marketSegmentListSchema>>();
  });

  it('requests are what the contract’s schemas accept', () => {
    expectTypeOf<MarketSegmentCreateParams>().toEqualTypeOf<z.input<typeof createMarketSegmentSchema>>();
    expectTypeOf<MarketSegmentUpdateParams>().toEqualTypeOf<z.input<typeof updateMarketSegmentSchema>>();
    expectTypeOf<MarketSegmentListParams>().toEqualTypeOf<z.input<typeof listMarketSegmentsQuerySchema>>();
  });

  it('there is an error type for every error type of the contract', () => {
    expectTypeOf<FinXErrorType>().toEqualTypeOf<ApiErrorType | 'connection_error' | 'timeout_error'>();
  });
});

describe('the public types, pinned', () => {
  it('a segment', () => {
    expectTypeOf<MarketSegment>().toEqualTypeOf<{
      id: string;
      name: string;
      criteria: string;
      description: string;
      created_at: number;
      updated_at: number;
    }>();
  });

  it('the inputs', () => {
    expectTypeOf<MarketSegmentCreateParams>().toEqualTypeOf<{
      name: string;
      criteria: string;
      description: string;
    }>();
    expectTypeOf<MarketSegmentUpdateParams>().toEqualTypeOf<{
      name?: string | undefined;
      criteria?: string | undefined;
      description?: string | undefined;
    }>();
    expectTypeOf<MarketSegmentListParams>().toEqualTypeOf<{
      limit?: number | undefined;
      name?: string | undefined;
      criteria?: string | undefined;
      starting_after?: string | undefined;
      ending_before?: string | undefined;
    }>();
  });

  it('the methods return plain objects, not { status, body } unions', () => {
    expectTypeOf(segments().create).parameters.toEqualTypeOf<
      [MarketSegmentCreateParams, (RequestOptions | undefined)?]
    >();
    expectTypeOf(segments().create).returns.resolves.toEqualTypeOf<MarketSegment>();
    expectTypeOf(segments().retrieve).parameters.toEqualTypeOf<[string, (RequestOptions | undefined)?]>();
    expectTypeOf(segments().retrieve).returns.resolves.toEqualTypeOf<MarketSegment>();
    expectTypeOf(segments().update).parameters.toEqualTypeOf<
      [string, MarketSegmentUpdateParams, (RequestOptions | undefined)?]
    >();
    expectTypeOf(segments().update).returns.resolves.toEqualTypeOf<MarketSegment>();
    expectTypeOf(segments().del).returns.resolves.toEqualTypeOf<DeletedMarketSegment>();
  });

  it('list: awaited a page, iterated segments', async () => {
    const list = segments().list({ name: 'Tech', limit: 10 });
    expectTypeOf(await list).toEqualTypeOf<Page<MarketSegment, MarketSegmentListParams>>();
    expectTypeOf((await list).data).toEqualTypeOf<MarketSegment[]>();
    expectTypeOf((await list).has_more).toEqualTypeOf<boolean>();
    for await (const segment of list) expectTypeOf(segment).toEqualTypeOf<MarketSegment>();
    for await (const page of list.pages()) expectTypeOf(page.data).toEqualTypeOf<MarketSegment[]>();
    expectTypeOf(list.toArray).returns.resolves.toEqualTypeOf<MarketSegment[]>();
    expectTypeOf(segments().list).toBeCallableWith();
  });

  it('errors', () => {
    expectTypeOf<NotFoundError>().toExtend<FinXError>();
    expectTypeOf<NotFoundError['type']>().toEqualTypeOf<'not_found'>();
    expectTypeOf<ApiError['type']>().toEqualTypeOf<'api_error'>();
    expectTypeOf<RequestTimeoutError>().toExtend<ConnectionError>();
    expectTypeOf<FinXError['status']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<FinXError['requestId']>().toEqualTypeOf<string>();
    expectTypeOf<FinXError['param']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<FinXError['headers']>().toEqualTypeOf<Readonly<Record<string, string>>>();
  });

  it('rejects what the API would reject, at compile time', () => {
    // @ts-expect-error: description is required
    void segments().create({ name: 'n', criteria: 'c' });
    // @ts-expect-error: unknown field
    void segments().create({ name: 'n', criteria: 'c', description: 'd', color: 'red' });
    // @ts-expect-error: limit is a number
    void segments().list({ limit: '10' });
    // @ts-expect-error: no such parameter
    void segments().list({ offset: 10 });
    // @ts-expect-error: ids are strings
    void segments().retrieve(42);
    // @ts-expect-error: the token is a string
    void new FinX({ token: 1 });
  });
});
