import type { ApiErrorType } from '@finx/contract';

/** Every HTTP status the API answers errors with, and the error type each one carries. */
const STATUS_TYPES = {
  400: 'invalid_request',
  401: 'authentication_error',
  404: 'not_found',
  405: 'invalid_request',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'invalid_request',
  415: 'invalid_request',
  422: 'idempotency_error',
  429: 'rate_limited',
  500: 'api_error',
  503: 'api_error',
} as const satisfies Record<number, ApiErrorType>;

export type ErrorStatus = keyof typeof STATUS_TYPES;

/** An error that becomes the API's JSON error envelope; the only kind handlers throw. */
export class ApiError extends Error {
  readonly type: ApiErrorType;

  constructor(
    readonly status: ErrorStatus,
    message: string,
    readonly param?: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.type = STATUS_TYPES[status];
  }
}

export const invalidRequest = (message: string, param?: string) => new ApiError(400, message, param);

export const notFound = (message = 'No such market segment') => new ApiError(404, message);

export const unauthenticated = (message: string) =>
  new ApiError(401, message, undefined, { 'WWW-Authenticate': 'Bearer' });
