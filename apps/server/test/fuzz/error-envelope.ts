import { expect } from 'vitest';
import type { RawResponse } from '../support/raw-http-client';

/** The error type each status carries (API.md, "Errors"); 414, 417 and 431 come from the HTTP layer. */
const TYPE_OF_STATUS: Readonly<Record<number, string>> = {
  400: 'invalid_request',
  401: 'authentication_error',
  404: 'not_found',
  405: 'invalid_request',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'invalid_request',
  414: 'invalid_request',
  415: 'invalid_request',
  417: 'invalid_request',
  422: 'idempotency_error',
  429: 'rate_limited',
  431: 'invalid_request',
};

export const isSuccess = (status: number) => (status >= 200 && status < 300) || status === 304;

const isRedirect = (response: RawResponse) =>
  [301, 302, 307, 308].includes(response.status) && response.headers['location'] !== undefined;

/**
 * The properties every response must have: never a 5xx; anything but a success or a redirect is
 * the JSON error envelope (exactly type, message, optional param, request_id) whose request_id is
 * the X-Request-Id header, with no stack trace in it. A HEAD response has no body, but the same headers.
 */
export function expectWellFormedResponse(response: RawResponse, method: string): void {
  const context = `${response.status} ${response.text.slice(0, 300)}`;
  expect(response.status, context).toBeLessThan(500);
  const requestId = response.headers['x-request-id'];
  expect(requestId, context).toMatch(/^\S+$/);
  if (isSuccess(response.status) || isRedirect(response)) return;

  expect(response.headers['content-type'], context).toMatch(/^application\/json(;|$)/);
  if (method === 'HEAD') return;
  expect(response.text, 'no stack trace or source path').not.toMatch(
    /\n\s+at |node_modules|\.[cm]?[jt]s:\d+/,
  );
  const body: unknown = JSON.parse(response.text);
  expect(body, context).toEqual({
    type: TYPE_OF_STATUS[response.status] ?? `(no type for status ${response.status})`,
    message: expect.any(String),
    ...(typeof body === 'object' && body !== null && 'param' in body ? { param: expect.any(String) } : {}),
    request_id: requestId,
  });
}
