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
  500: errorBodySchema('api_error'),
  503: errorBodySchema('api_error'),
} as const;

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
      body: createMarketSegmentSchema,
      responses: { 201: marketSegmentSchema },
      summary: 'Create a market segment',
      description:
        'Add a new market segment. You need to provide the segment name, criteria, and description.',
    },
    retrieve: {
      method: 'GET',
      path: '/v1/market-segments/:id',
      pathParams: byIdPathParams,
      query: noQuery,
      responses: { 200: marketSegmentSchema, 404: errorBodySchema('not_found') },
      summary: 'Retrieve a market segment',
      description: 'Retrieve a market segment by providing the segment id.',
    },
    update: {
      method: 'PUT',
      path: '/v1/market-segments/:id',
      pathParams: byIdPathParams,
      query: noQuery,
      contentType: 'application/json',
      body: updateMarketSegmentSchema,
      responses: { 200: marketSegmentSchema, 404: errorBodySchema('not_found') },
      summary: 'Update a market segment',
      description:
        'Change any of the segment name, criteria or description; attributes left out keep their value.',
    },
    delete: {
      method: 'DELETE',
      path: '/v1/market-segments/:id',
      pathParams: byIdPathParams,
      query: noQuery,
      body: c.noBody(),
      responses: { 204: c.noBody(), 404: errorBodySchema('not_found') },
      summary: 'Delete a market segment',
      description: 'Permanently delete a market segment record and all its data.',
    },
  },
  { strictStatusCodes: true, commonResponses },
);

export type MarketSegmentsContract = typeof marketSegmentsContract;
