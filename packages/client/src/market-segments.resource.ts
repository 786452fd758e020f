import type { ContractClient } from './contract-client';
import type {
  DeletedMarketSegment,
  MarketSegment,
  MarketSegmentCreateParams,
  MarketSegmentListParams,
  MarketSegmentUpdateParams,
} from './market-segments.types';
import { PagePromise } from './pagination';
import type { RequestOptions } from './request-options';
import { bodyOfStatus } from './response-status';

/** An id as a path segment; an empty one would turn `/v1/market-segments/:id` into the list route. */
function pathId(id: string): string {
  if (typeof id !== 'string' || id.trim() === '') {
    throw new TypeError('A market segment id must be a non-empty string');
  }
  return encodeURIComponent(id);
}

/** `finx.marketSegments`: the five operations of the API on market segments. */
export class MarketSegmentsResource {
  readonly #api: ContractClient;

  constructor(api: ContractClient) {
    this.#api = api;
  }

  /**
   * Lists segments, newest first. Await it for the first page, or `for await` over it for every
   * segment of every page; see {@link PagePromise}.
   */
  list(
    params: MarketSegmentListParams = {},
    options?: RequestOptions,
  ): PagePromise<MarketSegment, MarketSegmentListParams> {
    return new PagePromise(params, async (query) => {
      const response = await this.#api.list({ query, requestOptions: options });
      return bodyOfStatus(response, 200);
    });
  }

  async create(params: MarketSegmentCreateParams, options?: RequestOptions): Promise<MarketSegment> {
    const response = await this.#api.create({ body: params, requestOptions: options });
    return bodyOfStatus(response, 201);
  }

  async retrieve(id: string, options?: RequestOptions): Promise<MarketSegment> {
    const response = await this.#api.retrieve({
      params: { id: pathId(id) },
      query: {},
      requestOptions: options,
    });
    return bodyOfStatus(response, 200);
  }

  /** Changes the fields given; the others keep their value. */
  async update(
    id: string,
    params: MarketSegmentUpdateParams,
    options?: RequestOptions,
  ): Promise<MarketSegment> {
    const response = await this.#api.update({
      params: { id: pathId(id) },
      query: {},
      body: params,
      requestOptions: options,
    });
    return bodyOfStatus(response, 200);
  }

  /** Deletes the segment for good. */
  async del(id: string, options?: RequestOptions): Promise<DeletedMarketSegment> {
    const response = await this.#api.delete({
      params: { id: pathId(id) },
      query: {},
      requestOptions: options,
    });
    bodyOfStatus(response, 204);
    return { id, deleted: true };
  }
}
