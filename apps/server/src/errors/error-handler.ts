import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { ApiError, type ErrorStatus } from './api-error';
import { isDataException, isDatabaseUnavailable } from './pg-errors';

const DATABASE_RETRY_AFTER_SECONDS = '5';

/** Writes the API's error envelope; the only place an error becomes a response. */
export function sendError(res: Response, error: ApiError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(error.status).json({
    type: error.type,
    message: error.message,
    ...(error.param === undefined ? {} : { param: error.param }),
    request_id: res.locals.requestId,
  });
}

/** Errors raised by Express or Node itself for a bad request (e.g. a malformed %-escape in the path). */
function httpClientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status =
    (error as { status?: unknown; statusCode?: unknown }).status ??
    (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** Maps anything thrown to an ApiError; undefined means a bug (answered 500). */
export function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (isDatabaseUnavailable(error)) {
    return new ApiError(503, 'The database is unavailable; retry later', undefined, {
      'Retry-After': DATABASE_RETRY_AFTER_SECONDS,
    });
  }
  if (isDataException(error)) return new ApiError(400, 'A value in the request cannot be stored');
  const status = httpClientErrorStatus(error);
  if (status !== undefined) {
    const known: readonly number[] = [400, 404, 405, 413, 415];
    return new ApiError((known.includes(status) ? status : 400) as ErrorStatus, 'Malformed request');
  }
  return undefined;
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    let apiError = toApiError(error);
    if (apiError === undefined) {
      logger.error({ err: error, request_id: res.locals.requestId }, 'unhandled error');
      apiError = new ApiError(500, 'An internal error occurred');
    } else if (apiError.status >= 500) {
      logger.warn({ err: error, request_id: res.locals.requestId }, apiError.message);
    }
    sendError(res, apiError);
  };
}
