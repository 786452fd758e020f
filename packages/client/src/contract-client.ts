import { marketSegmentsContract } from '@finx/contract';
import { initClient, type ApiFetcherArgs } from '@ts-rest/core';
import type { RequestOptions } from './request-options';
import type { RequestSender } from './request-sender';

/** The arguments ts-rest hands our fetcher, plus the per-call options each method passes through. */
type FetcherArgs = ApiFetcherArgs & { readonly requestOptions?: RequestOptions | undefined };

/**
 * ts-rest's client over the contract, with every request going through our sender (retries,
 * timeouts, idempotency keys, typed errors). Responses are not validated: a field the server adds
 * later must not break clients already installed.
 */
export function createContractClient(baseUrl: string, sender: RequestSender) {
  return initClient(marketSegmentsContract, {
    baseUrl,
    validateResponse: false,
    throwOnUnknownStatus: false,
    api: async ({ method, path, headers, body, requestOptions }: FetcherArgs) => {
      if (body instanceof FormData || body instanceof URLSearchParams) {
        throw new TypeError('The Fin X client sends JSON bodies only');
      }
      return sender.send({ method, url: path, headers, body }, requestOptions);
    },
  });
}

export type ContractClient = ReturnType<typeof createContractClient>;
