import { ApiError } from './errors';

interface ContractResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

/**
 * The body of a success response of the status the contract declares for it. Error statuses never
 * get here (the sender throws them); any other status is a server that broke its contract.
 * `status` must be one the route declares, so a contract change the client does not follow fails
 * to compile.
 */
export function bodyOfStatus<R extends ContractResponse, S extends R['status']>(
  response: R,
  status: S,
): Extract<R, { status: S }>['body'] {
  if (!hasStatus(response, status)) {
    // The sender always puts the request id in the headers.
    throw new ApiError({
      message: `Expected HTTP ${status} from the API, got ${response.status}`,
      status: response.status,
      requestId: response.headers.get('x-request-id') ?? 'unknown',
      headers: Object.fromEntries(response.headers),
      body: response.body,
    });
  }
  return response.body;
}

function hasStatus<R extends ContractResponse, S extends R['status']>(
  response: R,
  status: S,
): response is Extract<R, { status: S }> {
  return response.status === status;
}
