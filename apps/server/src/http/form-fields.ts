import { invalidRequest } from '../errors/api-error';

function decodeComponent(raw: string, what: string, param?: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw invalidRequest(`Malformed percent-encoding in ${what}`, param);
  }
}

/**
 * Parses `a=1&b=2` (form bodies and query strings alike) into a flat object.
 * Strict: malformed %-escapes and repeated names are 400s naming the parameter.
 */
export function parseFormFields(text: string, kind: 'field' | 'query parameter'): Record<string, string> {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  if (text === '') return fields;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const separator = pair.indexOf('=');
    const rawName = separator === -1 ? pair : pair.slice(0, separator);
    const rawValue = separator === -1 ? '' : pair.slice(separator + 1);
    const name = decodeComponent(rawName, `a ${kind} name`);
    const value = decodeComponent(rawValue, name, name);
    if (Object.hasOwn(fields, name)) {
      throw invalidRequest(`The ${kind} ${name} may appear only once`, name);
    }
    fields[name] = value;
  }
  return { ...fields };
}
