import { parseFormFields } from './form-fields';

/**
 * Express's query parser: flat and strict (a repeated or malformed parameter throws a 400, which
 * Express hands to the error handler when a route first reads req.query).
 */
export function parseQueryString(queryString: string | null | undefined): Record<string, string> {
  return parseFormFields(queryString ?? '', 'query parameter');
}
