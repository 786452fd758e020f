import type { ZodError, ZodIssue } from 'zod';
import { type ApiError, invalidRequest } from './api-error';

export type InputSource = 'body' | 'query';

/** The first problem of a failed validation, as the API's 400 naming the offending field. */
export function fromZodIssue(issue: ZodIssue, source: InputSource): ApiError {
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const what = source === 'query' ? 'query parameter' : 'field';
    return invalidRequest(`Unknown ${what}: ${key}`, key);
  }
  const param = issue.path.map(String).join('.');
  if (param === '') {
    return invalidRequest('Request body must be a JSON object or form fields');
  }
  return invalidRequest(issue.message, param);
}

export function fromZodError(error: ZodError, source: InputSource): ApiError {
  const issue = error.issues[0];
  return issue ? fromZodIssue(issue, source) : invalidRequest(`Invalid ${source}`);
}
