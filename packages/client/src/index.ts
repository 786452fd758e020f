export { FinX } from './finx.client';
export {
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type FinXOptions,
} from './client-options';
export type { RequestOptions } from './request-options';
export type { FetchFunction } from './request-sender';
export { MarketSegmentsResource } from './market-segments.resource';
export type {
  DeletedMarketSegment,
  MarketSegment,
  MarketSegmentCreateParams,
  MarketSegmentList,
  MarketSegmentListParams,
  MarketSegmentUpdateParams,
} from './market-segments.types';
export { Page, PagePromise, type CursorParams, type ListBody } from './pagination';
export {
  ApiError,
  AuthenticationError,
  ConflictError,
  ConnectionError,
  FinXError,
  IdempotencyError,
  InvalidRequestError,
  NotFoundError,
  PreconditionFailedError,
  RateLimitError,
  RequestTimeoutError,
  type FinXErrorType,
} from './errors';
export { VERSION } from './version';
