import type { ErrorStatus } from '../errors/api-error';

/** The vendor reference page's example segment ("Tech Enthusiasts"), as our API returns it. */
export const TECH_ENTHUSIASTS = {
  id: 'xgQQXg3hrtjh7AvZ',
  name: 'Tech Enthusiasts',
  criteria: 'Customers interested in technology products',
  description: 'Segment of customers who frequently purchase technology products.',
  created_at: 705103200,
  updated_at: 705103200,
} as const;

export const CREATE_EXAMPLE = {
  name: TECH_ENTHUSIASTS.name,
  criteria: TECH_ENTHUSIASTS.criteria,
  description: TECH_ENTHUSIASTS.description,
} as const;

/** The vendor page's update: new criteria; `updated_at` moves because a field changed. */
export const UPDATE_EXAMPLE = { criteria: 'Customers interested in tech and gaming products' } as const;

export const UPDATED_TECH_ENTHUSIASTS = {
  ...TECH_ENTHUSIASTS,
  ...UPDATE_EXAMPLE,
  updated_at: 705189600,
} as const;

export const LIST_EXAMPLE = { has_more: false, data: [TECH_ENTHUSIASTS] } as const;

export const REQUEST_ID_EXAMPLE = 'req_7cTqz0lHkS2bW4nXyR9aPe1U';

interface ErrorExample {
  /** The response description. */
  readonly summary: string;
  readonly message: string;
  readonly param?: string;
}

/** One real-world example per error status the contract declares (messages as the server words them). */
export const ERROR_EXAMPLES: Partial<Record<ErrorStatus, ErrorExample>> = {
  400: {
    summary: 'Invalid request: a parameter or field is missing, unknown, repeated, malformed or out of range',
    message: 'limit must be an integer between 1 and 100',
    param: 'limit',
  },
  401: {
    summary: 'No valid API token (missing, malformed, unknown or revoked); carries WWW-Authenticate: Bearer',
    message: 'Invalid API token',
  },
  404: {
    summary: 'No market segment with this id in your account',
    message: 'No such market segment',
  },
  409: {
    summary: 'A request with the same Idempotency-Key is still in progress: retry it later',
    message: 'A request with this Idempotency-Key is still in progress; retry it later',
    param: 'Idempotency-Key',
  },
  412: {
    summary: 'If-Match does not name the current version of the segment (someone changed it since)',
    message: 'The market segment has changed since the version in If-Match',
    param: 'If-Match',
  },
  422: {
    summary: 'The Idempotency-Key was already used with a different request (method, path or body)',
    message: 'This Idempotency-Key was already used with a different request',
    param: 'Idempotency-Key',
  },
  429: {
    summary: 'Too many requests for this token in the current window: retry after Retry-After seconds',
    message: 'Rate limit exceeded: 1000 requests per 60 seconds per token; retry in 42 seconds',
  },
  413: {
    summary: 'The request body exceeds 64 KiB',
    message: 'The request body must not exceed 64 KiB',
  },
  415: {
    summary: 'A body in another format than JSON or form encoding',
    message: 'Send the body as application/json or application/x-www-form-urlencoded',
  },
  500: {
    summary: 'An unexpected error on our side (the details are in the server log under the request id)',
    message: 'An internal error occurred',
  },
  503: {
    summary: 'The database is unavailable: retry after the number of seconds in Retry-After',
    message: 'The database is unavailable; retry later',
  },
};
