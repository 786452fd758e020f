import type { CreateMarketSegmentInput, MarketSegment } from '@finx/contract';
import { expect } from 'vitest';
import type { Api } from './http-client';

let sequence = 0;

export function buildSegmentInput(
  overrides: Partial<CreateMarketSegmentInput> = {},
): CreateMarketSegmentInput {
  sequence += 1;
  return {
    name: `Segment ${sequence}`,
    criteria: `Customers matching rule ${sequence}`,
    description: `Description of segment ${sequence}`,
    ...overrides,
  };
}

export async function createSegment(
  api: Api,
  overrides: Partial<CreateMarketSegmentInput> = {},
  token?: string,
): Promise<MarketSegment> {
  const response = await api<MarketSegment>('/v1/market-segments', {
    method: 'POST',
    json: buildSegmentInput(overrides),
    ...(token === undefined ? {} : { token }),
  });
  expect(response.status).toBe(201);
  return response.body;
}

/** The exact error envelope, with any request id. */
export function errorBody(type: string, message: string | RegExp, param?: string) {
  return {
    type,
    message: typeof message === 'string' ? message : expect.stringMatching(message),
    ...(param === undefined ? {} : { param }),
    request_id: expect.stringMatching(/^\S+$/),
  };
}
