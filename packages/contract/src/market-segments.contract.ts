import { initContract } from '@ts-rest/core';
import { z } from 'zod';
import { errorBodySchema } from './errors.schemas';
import {
  createMarketSegmentSchema,
  listMarketSegmentsQuerySchema,
  marketSegmentListSchema,
  marketSegmentSchema,
  updateMarketSegmentSchema,
} from './market-segments.schemas';

const c = initContract();

/** Error responses every endpoint can give. */
const commonResponses = {
  400: errorBodySchema('invalid_request'),
  401: errorBodySchema('authentication_error'),
  413: errorBodySchema('invalid_request'),
  415: errorBodySchema('invalid_request'),
  429: errorBodySchema('rate_limited'),
  500: errorBodySchema('api_error'),
  503: errorBodySchema('api_error'),
} as const;

/** Responses of the writes that take an Idempotency-Key. */
const idempotentWriteResponses = {
  409: errorBodySchema('conflict'),
  422: errorBodySchema('idempotency_error'),
} as const;

const idempotencyKeyHeader = z
  .string()
  .optional()
  .describe(
    'Up to 255 printable ASCII characters. The first response for a key is kept for 24 hours and ' +
      'replayed (with Idempotent-Replayed: true) for a retry of the same request.',
  );
const ifMatchHeader = z
  .string()
  .optional()
  .describe('ETag of the version you expect; 412 precondition_failed when the segment has changed since');

const createHeaders = z.object({ 'idempotency-key': idempotencyKeyHeader });
const conditionalWriteHeaders = z.object({
  'idempotency-key': idempotencyKeyHeader,
  'if-match': ifMatchHeader,
});
const retrieveHeaders = z.object({
  'if-none-match': z
    .string()
    .optional()
    .describe('ETag(s) you hold; 304 Not Modified when the segment still has one of them'),
});

const byIdPathParams = z.object({
  id: z.string().describe('Market segment id'),
});

/** Routes that take no query parameters still reject unknown ones. */
const noQuery = z.object({}).strict();

export const marketSegmentsContract = c.router(
  {
    list: {
      method: 'GET',
      path: '/v1/market-segments',
      query: listMarketSegmentsQuerySchema,
      responses: { 200: marketSegmentListSchema },
      summary: 'List all market segments',
      description:
        'Retrieve a paginated list of all your market segment records, newest first. ' +
        'By default, a maximum of ten records are shown per page.',
    },
    create: {
      method: 'POST',
      path: '/v1/market-segments',
      contentType: 'application/json',
      headers: createHeaders,
      body: createMarketSegmentSchema,
      responses: { 201: marketSegmentSchema, ...idempotentWriteResponses },
      summary: 'Create a market segment',
      description:
        'Add a new market segment. You need to provide the segment name, criteria, and description.',
    },
    retrieve: {
      method: 'GET',
      path: '/v1/market-segments/:id',
      pathParams: byIdPathParams,
      query: noQuery,
      headers: retrieveHeaders,
      responses: { 200: marketSegmentSchema, 304: c.noBody(), 404: errorBodySchema('not_found') },
      summary: 'Retrieve a market segment',
      description: 'Retrieve a market segment by providing the segment id.',
    },
    update: {
      method: 'PUT',
      path: '/v1/market-segments/:id',
      pathParams: byIdPathParams,
      query: noQuery,
      contentType: 'application/json',
      headers: conditionalWriteHeaders,
      body: updateMarketSegmentSchema,
      responses: {
        200: marketSegmentSchema,
        404: errorBodySchema('not_found'),
        412: errorBodySchema('precondition_failed'),
        ...idempotentWriteResponses,
      },
      summary: 'Update a market segment',
      description:
        'Change any of the segment name, criteria or description; attributes left out keep their value.',
    },
    delete: {
      method: 'DELETE',
      path: '/v1/market-segments/:id',
      pathParams: byIdPathParams,
      query: noQuery,
      headers: conditionalWriteHeaders,
      body: c.noBody(),
      responses: {
        204: c.noBody(),
        404: errorBodySchema('not_found'),
        412: errorBodySchema('precondition_failed'),
        ...idempotentWriteResponses,
      },
      summary: 'Delete a market segment',
      description: 'Permanently delete a market segment record and all its data.',
    },
  },
  { strictStatusCodes: true, commonResponses },
);

export type MarketSegmentsContract = typeof marketSegmentsContract;
