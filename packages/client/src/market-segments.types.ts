import type { MarketSegmentsContract } from '@finx/contract';
import type { ClientInferRequest, ClientInferResponseBody } from '@ts-rest/core';

/*
 * Every request and response type of the client is inferred from the contract, never written by
 * hand: a change to the contract changes these types, and code that does not follow fails to compile.
 */

/** A market segment, as the API returns it. */
export type MarketSegment = ClientInferResponseBody<MarketSegmentsContract['retrieve'], 200>;

/** One page of a list: `{ has_more, data }`. */
export type MarketSegmentList = ClientInferResponseBody<MarketSegmentsContract['list'], 200>;

/** The body of `create`: `name`, `criteria` and `description`, all required. */
export type MarketSegmentCreateParams = ClientInferRequest<MarketSegmentsContract['create']>['body'];

/** The body of `update`: any subset of `name`, `criteria` and `description`. */
export type MarketSegmentUpdateParams = ClientInferRequest<MarketSegmentsContract['update']>['body'];

/** The query of `list`: `limit`, `name`, `criteria`, and at most one of `starting_after` / `ending_before`. */
export type MarketSegmentListParams = ClientInferRequest<MarketSegmentsContract['list']>['query'];

/** What `del` resolves to: the API answers 204 with no body, the client says which segment went. */
export interface DeletedMarketSegment {
  readonly id: string;
  readonly deleted: true;
}
