import { ApiError, ConnectionError, errorFromResponse, RequestTimeoutError, type FinXError } from './errors';
import { newIdempotencyKey, newRequestId } from './random-ids';
import type { RequestOptions } from './request-options';
import { backoffDelay, isRetryableStatus, parseRetryAfter, retryDelay } from './retry-policy';
import { sleep } from './sleep';
import { VERSION } from './version';

export type FetchFunction = typeof globalThis.fetch;

export interface RequestSenderConfig {
  readonly token: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly fetch: FetchFunction;
}

export interface HttpRequest {
  readonly method: string;
  /** The complete URL, query string included. */
  readonly url: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null | undefined;
}

export interface HttpResponse {
  readonly status: number;
  /** The response's headers; `x-request-id` always among them (the one sent, if the server gave none). */
  readonly headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  readonly body: unknown;
}

/** Methods that change state: they carry an `Idempotency-Key`, the same one on every retry. */
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const USER_AGENT = `finx-client-js/${VERSION}`;

/** One attempt's result: the response with its body read, or the error that stood for no response. */
type Attempt =
  | {
      readonly kind: 'response';
      readonly requestId: string;
      readonly response: Response;
      readonly text: string;
    }
  | { readonly kind: 'no-response'; readonly error: FinXError };

/** The parsed JSON body (undefined when empty), or `json: false` and the text when it is not JSON. */
function parseBody(
  text: string,
  contentType: string | null,
): { readonly json: boolean; readonly value: unknown } {
  if (text === '') return { json: true, value: undefined };
  if (contentType === null || !/\bjson\b/i.test(contentType)) return { json: false, value: text };
  try {
    return { json: true, value: JSON.parse(text) };
  } catch {
    return { json: false, value: text };
  }
}

/** A success response with its parsed body, or the error that a failed response stands for. */
function readResponse({
  response,
  text,
  requestId,
}: Extract<Attempt, { kind: 'response' }>):
  { readonly ok: true; readonly response: HttpResponse } | { readonly ok: false; readonly error: FinXError } {
  const { status } = response;
  const body = parseBody(text, response.headers.get('content-type'));
  if (status < 400 && body.json) {
    // The server echoes the id the client sent; where something in between dropped it, say it anyway.
    const withRequestId = new Headers(response.headers);
    if (!withRequestId.has('x-request-id')) withRequestId.set('x-request-id', requestId);
    return { ok: true, response: { status, headers: withRequestId, body: body.value } };
  }
  const headers = Object.fromEntries(response.headers);
  if (status >= 400) {
    return {
      ok: false,
      error: errorFromResponse({ status, headers, body: body.value, sentRequestId: requestId }),
    };
  }
  const message = `The API answered HTTP ${status} with a body that is not JSON`;
  const error = new ApiError({
    message,
    status,
    requestId: headers['x-request-id'] ?? requestId,
    headers,
    body: body.value,
  });
  return { ok: false, error };
}

/**
 * Sends one call to the API: each attempt with its own `X-Request-Id` and timeout, retried with
 * backoff after a network error, a timeout or a retryable status (see `retry-policy.ts`), with one
 * `Idempotency-Key` for all attempts of a state-changing call. Resolves with a success response;
 * rejects with a {@link FinXError}, or with the signal's reason when the caller aborted.
 */
export class RequestSender {
  readonly #config: RequestSenderConfig;

  constructor(config: RequestSenderConfig) {
    this.#config = config;
  }

  async send(request: HttpRequest, options: RequestOptions = {}): Promise<HttpResponse> {
    const maxRetries = options.maxRetries ?? this.#config.maxRetries;
    const idempotencyKey = IDEMPOTENT_METHODS.has(request.method)
      ? (options.idempotencyKey ?? newIdempotencyKey())
      : undefined;
    const headers: Readonly<Record<string, string>> = {
      ...request.headers,
      accept: 'application/json',
      authorization: `Bearer ${this.#config.token}`,
      'user-agent': USER_AGENT,
      ...(idempotencyKey === undefined ? {} : { 'idempotency-key': idempotencyKey }),
    };
    for (let retry = 1; ; retry++) {
      const attempt = await this.#attempt(request, headers, options);
      if (attempt.kind === 'no-response') {
        if (retry > maxRetries) throw attempt.error;
        await sleep(backoffDelay(retry), options.signal);
        continue;
      }
      const result = readResponse(attempt);
      if (result.ok) return result.response;
      const { response } = attempt;
      const delay = isRetryableStatus(response.status)
        ? retryDelay(retry, parseRetryAfter(response.headers.get('retry-after') ?? undefined, Date.now()))
        : undefined;
      if (delay === undefined || retry > maxRetries) throw result.error;
      await sleep(delay, options.signal);
    }
  }

  async #attempt(
    request: HttpRequest,
    headers: Readonly<Record<string, string>>,
    options: RequestOptions,
  ): Promise<Attempt> {
    const { signal } = options;
    if (signal?.aborted === true) throw signal.reason;
    const requestId = newRequestId();
    const timeoutMs = options.timeoutMs ?? this.#config.timeoutMs;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const response = await this.#config.fetch(request.url, {
        method: request.method,
        headers: { ...headers, 'x-request-id': requestId },
        body: request.body ?? null,
        signal: controller.signal,
      });
      // The timeout covers the body too: a server that stalls mid-body is as dead as a silent one.
      const text = await response.text();
      return { kind: 'response', requestId, response, text };
    } catch (cause) {
      // Aborted by the caller's signal: no retry, the caller gets the signal's reason as it is.
      if (!timedOut && controller.signal.aborted) throw controller.signal.reason;
      if (timedOut) {
        const message = `No response from the API within ${timeoutMs} ms`;
        return { kind: 'no-response', error: new RequestTimeoutError({ message, requestId, cause }) };
      }
      const reason = cause instanceof Error ? cause.message : String(cause);
      const message = `Could not reach the API at ${new URL(request.url).origin}: ${reason}`;
      return { kind: 'no-response', error: new ConnectionError({ message, requestId, cause }) };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
