import { z } from 'zod';
import { boundedText } from './text-fields';

export const NAME_MAX_LENGTH = 255;
export const CRITERIA_MAX_LENGTH = 10_000;
export const DESCRIPTION_MAX_LENGTH = 10_000;
export const LIST_LIMIT_DEFAULT = 10;
export const LIST_LIMIT_MAX = 100;

/** 16 characters of [0-9A-Za-z], e.g. `xgQQXg3hrtjh7AvZ`. */
export const MARKET_SEGMENT_ID_PATTERN = /^[0-9A-Za-z]{16}$/;

export const marketSegmentIdSchema = z
  .string()
  .regex(MARKET_SEGMENT_ID_PATTERN)
  .describe('Market segment id: 16 characters of [0-9A-Za-z]');

const unixSeconds = z.number().int().describe('Unix time in seconds');

export const marketSegmentSchema = z
  .object({
    id: marketSegmentIdSchema,
    name: z.string(),
    criteria: z.string(),
    description: z.string(),
    created_at: unixSeconds,
    updated_at: unixSeconds,
  })
  .strict();

export const marketSegmentListSchema = z
  .object({
    has_more: z.boolean().describe('Whether more items exist beyond this page in the direction of travel'),
    data: z.array(marketSegmentSchema),
  })
  .strict();

export const createMarketSegmentSchema = z
  .object({
    name: boundedText('name', NAME_MAX_LENGTH),
    criteria: boundedText('criteria', CRITERIA_MAX_LENGTH),
    description: boundedText('description', DESCRIPTION_MAX_LENGTH),
  })
  .strict();

export const updateMarketSegmentSchema = createMarketSegmentSchema.partial().strict();

const cursor = (name: string) =>
  z
    .string({ invalid_type_error: `${name} must be a market segment id` })
    .regex(MARKET_SEGMENT_ID_PATTERN, `${name} must be a market segment id`);

/**
 * A number parameter of the query string: only plain decimal digits are read as a number, so
 * "1e1", "0x10", "+5" or " 5" are refused rather than guessed at. Typed callers pass numbers,
 * which go through unchanged (hence the input type: number, not unknown).
 */
function strictInteger(schema: z.ZodNumber) {
  const readDigits = (value: unknown) =>
    typeof value === 'string' && /^[0-9]+$/.test(value) ? Number(value) : value;
  return z.preprocess(readDigits, schema) as unknown as z.ZodEffects<z.ZodNumber, number, number>;
}

const LIMIT_MESSAGE = `limit must be an integer between 1 and ${LIST_LIMIT_MAX}`;

export const listMarketSegmentsQuerySchema = z
  .object({
    limit: strictInteger(
      z
        .number({ invalid_type_error: LIMIT_MESSAGE })
        .int(LIMIT_MESSAGE)
        .min(1, LIMIT_MESSAGE)
        .max(LIST_LIMIT_MAX, LIMIT_MESSAGE),
    )
      .default(LIST_LIMIT_DEFAULT)
      .describe(`Page size, an integer from 1 to ${LIST_LIMIT_MAX}`),
    name: boundedText('name', NAME_MAX_LENGTH).optional(),
    criteria: boundedText('criteria', CRITERIA_MAX_LENGTH).optional(),
    starting_after: cursor('starting_after')
      .optional()
      .describe('Id of the last item of the current page: returns the next page'),
    ending_before: cursor('ending_before')
      .optional()
      .describe('Id of the first item of the current page: returns the previous page'),
  })
  .strict();

export type MarketSegment = z.infer<typeof marketSegmentSchema>;
export type MarketSegmentList = z.infer<typeof marketSegmentListSchema>;
export type CreateMarketSegmentInput = z.input<typeof createMarketSegmentSchema>;
export type UpdateMarketSegmentInput = z.input<typeof updateMarketSegmentSchema>;
export type ListMarketSegmentsParams = z.input<typeof listMarketSegmentsQuerySchema>;
export type ListMarketSegmentsQuery = z.output<typeof listMarketSegmentsQuerySchema>;
