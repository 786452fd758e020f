import { invalidRequest } from '../errors/api-error';

/** Our bodies are flat objects of strings; deeper nesting only serves to exhaust the stack downstream. */
export const MAX_JSON_DEPTH = 32;

interface JsonShape {
  deepest: number;
  /** A key that appears twice in the top-level object (JSON.parse would silently keep the last). */
  repeatedKey: string | undefined;
}

/** One pass over JSON text: nesting depth, and repeated keys of the top-level object. */
function scanJson(text: string): JsonShape {
  let depth = 0;
  let deepest = 0;
  let stringStart = -1;
  let expectingKey = false;
  let repeatedKey: string | undefined;
  const keys = new Set<string>();
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (stringStart !== -1) {
      if (char === '\\') i++;
      else if (char === '"') {
        if (expectingKey && depth === 1) {
          const key = readJsonString(text.slice(stringStart, i + 1));
          if (key !== undefined && keys.has(key)) repeatedKey ??= key;
          if (key !== undefined) keys.add(key);
        }
        expectingKey = false;
        stringStart = -1;
      }
    } else if (char === '"') {
      stringStart = i;
    } else if (char === '{' || char === '[') {
      depth++;
      deepest = Math.max(deepest, depth);
      expectingKey = char === '{' && depth === 1;
    } else if (char === '}' || char === ']') {
      depth--;
    } else if (char === ',' && depth === 1) {
      expectingKey = true;
    }
  }
  return { deepest, repeatedKey };
}

function readJsonString(token: string): string | undefined {
  try {
    return JSON.parse(token) as string;
  } catch {
    return undefined; // the whole body fails to parse and is answered as such
  }
}

/** Parses a JSON body that must be one flat-enough object whose keys each appear once. */
export function parseJsonObject(text: string): Record<string, unknown> {
  const shape = scanJson(text);
  if (shape.deepest > MAX_JSON_DEPTH) {
    throw invalidRequest(`The request body must not nest arrays or objects more than ${MAX_JSON_DEPTH} deep`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidRequest('The request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest('The request body must be a JSON object');
  }
  if (shape.repeatedKey !== undefined) {
    throw invalidRequest(`The field ${shape.repeatedKey} may appear only once`, shape.repeatedKey);
  }
  return value as Record<string, unknown>;
}
