import { API_ERROR_TYPES, type ApiErrorType } from '@finx/contract';

/** The `type` of every error the client throws: the API's error types, plus two of the client's own. */
export type FinXErrorType = ApiErrorType | 'connection_error' | 'timeout_error';

export interface FinXErrorFields {
  readonly message: string;
  /** The HTTP status; undefined when no response arrived. */
  readonly status?: number | undefined;
  readonly param?: string | undefined;
  /** The request id: the server's, else the one the client sent with the request. */
  readonly requestId: string;
  /** Response headers, names in lower case; empty when no response arrived. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The parsed response body, as received. */
  readonly body?: unknown;
  readonly cause?: unknown;
}

/** The base of every error the client throws; `instanceof` one of its subclasses to tell them apart. */
export abstract class FinXError extends Error {
  abstract readonly type: FinXErrorType;
  /** Set explicitly: a minifier may rename the classes. */
  abstract override readonly name: string;
  readonly status: number | undefined;
  readonly param: string | undefined;
  readonly requestId: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;

  constructor(fields: FinXErrorFields) {
    super(fields.message, fields.cause === undefined ? undefined : { cause: fields.cause });
    this.status = fields.status;
    this.param = fields.param;
    this.requestId = fields.requestId;
    this.headers = fields.headers ?? {};
    this.body = fields.body;
  }
}

/** 400, 405, 413, 415: the request is malformed; `param` names the offending field where there is one. */
export class InvalidRequestError extends FinXError {
  override readonly name = 'InvalidRequestError';
  readonly type = 'invalid_request';
}

/** 401: the token is missing, malformed, unknown or revoked. */
export class AuthenticationError extends FinXError {
  override readonly name = 'AuthenticationError';
  readonly type = 'authentication_error';
}

/** 404: no such market segment for this account (or no such route). */
export class NotFoundError extends FinXError {
  override readonly name = 'NotFoundError';
  readonly type = 'not_found';
}

/** 409: a request with the same idempotency key is still in flight. */
export class ConflictError extends FinXError {
  override readonly name = 'ConflictError';
  readonly type = 'conflict';
}

/** 412: `If-Match` did not match the segment's current ETag. */
export class PreconditionFailedError extends FinXError {
  override readonly name = 'PreconditionFailedError';
  readonly type = 'precondition_failed';
}

/** 422: the idempotency key was already used with a different request. */
export class IdempotencyError extends FinXError {
  override readonly name = 'IdempotencyError';
  readonly type = 'idempotency_error';
}

/** 429: too many requests; the server says when to come back in `Retry-After`. */
export class RateLimitError extends FinXError {
  override readonly name = 'RateLimitError';
  readonly type = 'rate_limited';
}

/** 5xx: the server failed (500) or is unavailable (503). */
export class ApiError extends FinXError {
  override readonly name = 'ApiError';
  readonly type = 'api_error';
}

/** No response arrived: the connection failed or was reset. `cause` holds what fetch threw. */
export class ConnectionError extends FinXError {
  override readonly name: string = 'ConnectionError';
  readonly type: 'connection_error' | 'timeout_error' = 'connection_error';
}

/** No response arrived within `timeoutMs`. */
export class RequestTimeoutError extends ConnectionError {
  override readonly name = 'RequestTimeoutError';
  override readonly type = 'timeout_error';
}

type ErrorClass = new (fields: FinXErrorFields) => FinXError;

/** One class per error type of the API; a type added to the contract fails to compile here until mapped. */
const ERROR_CLASSES: Readonly<Record<ApiErrorType, ErrorClass>> = {
  invalid_request: InvalidRequestError,
  authentication_error: AuthenticationError,
  not_found: NotFoundError,
  conflict: ConflictError,
  precondition_failed: PreconditionFailedError,
  idempotency_error: IdempotencyError,
  rate_limited: RateLimitError,
  api_error: ApiError,
};

/** The error type of a status, for responses whose body does not say (a proxy's HTML page, say). */
function typeOfStatus(status: number): ApiErrorType {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 412:
      return 'precondition_failed';
    case 422:
      return 'idempotency_error';
    case 429:
      return 'rate_limited';
    default:
      return status >= 400 && status < 500 ? 'invalid_request' : 'api_error';
  }
}

function isApiErrorType(value: unknown): value is ApiErrorType {
  return API_ERROR_TYPES.some((type) => type === value);
}

function stringField(body: unknown, key: string): string | undefined {
  if (typeof body !== 'object' || body === null || !(key in body)) return undefined;
  const value: unknown = (body as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

export interface ErrorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** The id the client sent in `X-Request-Id`, used when neither body nor headers carry one. */
  readonly sentRequestId: string;
}

/** The one place a response becomes an error: the body's `type` decides, else the status. */
export function errorFromResponse({ status, headers, body, sentRequestId }: ErrorResponse): FinXError {
  const bodyType: unknown =
    typeof body === 'object' && body !== null && 'type' in body ? body.type : undefined;
  const type = isApiErrorType(bodyType) ? bodyType : typeOfStatus(status);
  const ErrorType = ERROR_CLASSES[type];
  return new ErrorType({
    message: stringField(body, 'message') ?? `The API answered with HTTP status ${status}`,
    status,
    param: stringField(body, 'param'),
    requestId: stringField(body, 'request_id') ?? headers['x-request-id'] ?? sentRequestId,
    headers,
    body,
  });
}
