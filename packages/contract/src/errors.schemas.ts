import { z } from 'zod';

export const API_ERROR_TYPES = [
  'invalid_request',
  'authentication_error',
  'not_found',
  'conflict',
  'precondition_failed',
  'idempotency_error',
  'rate_limited',
  'api_error',
] as const;

export type ApiErrorType = (typeof API_ERROR_TYPES)[number];

/** The one error envelope of the API; `type` narrowed per status where the contract fixes it. */
export function errorBodySchema<T extends ApiErrorType>(type: T) {
  return z
    .object({
      type: z.literal(type),
      message: z.string(),
      param: z.string().optional().describe('The offending parameter or field, where there is one'),
      request_id: z.string(),
    })
    .strict();
}

export const apiErrorSchema = z
  .object({
    type: z.enum(API_ERROR_TYPES),
    message: z.string(),
    param: z.string().optional(),
    request_id: z.string(),
  })
  .strict();

export type ApiErrorBody = z.infer<typeof apiErrorSchema>;
