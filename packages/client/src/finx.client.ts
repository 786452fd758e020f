import { processEnvironment, resolveClientConfig, type FinXOptions } from './client-options';
import { createContractClient } from './contract-client';
import { MarketSegmentsResource } from './market-segments.resource';
import { RequestSender } from './request-sender';

/**
 * The Fin X API client.
 *
 * ```ts
 * const finx = new FinX({ token: process.env.FINX_TOKEN });
 * const segment = await finx.marketSegments.create({ name, criteria, description });
 * ```
 */
export class FinX {
  readonly marketSegments: MarketSegmentsResource;

  constructor(options: FinXOptions = {}) {
    const config = resolveClientConfig(options, processEnvironment());
    const api = createContractClient(config.baseUrl, new RequestSender(config));
    this.marketSegments = new MarketSegmentsResource(api);
  }
}
