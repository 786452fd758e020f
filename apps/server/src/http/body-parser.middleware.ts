import type { RequestHandler } from 'express';
import type { IncomingMessage } from 'node:http';
import { ApiError, invalidRequest } from '../errors/api-error';
import { parseFormFields } from './form-fields';

export const MAX_BODY_BYTES = 64 * 1024;
/** Our bodies are flat objects of strings; deeper nesting only serves to exhaust the stack downstream. */
export const MAX_JSON_DEPTH = 32;

const utf8 = new TextDecoder('utf-8', { fatal: true });

type BodyFormat = 'json' | 'form';

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return length !== '0';
  return req.headers['transfer-encoding'] !== undefined;
}

/** Media type without parameters, lower-cased: charset and case do not matter. */
function bodyFormat(contentType: string | undefined): BodyFormat | undefined {
  const mediaType = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  if (mediaType === 'application/json') return 'json';
  if (mediaType === 'application/x-www-form-urlencoded') return 'form';
  return undefined;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_BODY_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > MAX_BODY_BYTES) {
        req.off('data', onData);
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => reject(invalidRequest('The request body could not be read')));
  });
}

const tooLarge = () => new ApiError(413, `The request body must not exceed ${MAX_BODY_BYTES / 1024} KiB`);

function decodeUtf8(bytes: Buffer): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw invalidRequest('The request body is not valid UTF-8');
  }
}

/** Deepest nesting of arrays and objects in JSON text (brackets inside strings do not count). */
function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '[' || char === '{') {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (char === ']' || char === '}') {
      depth--;
    }
  }
  return deepest;
}

function parseJsonObject(text: string): Record<string, unknown> {
  if (jsonNestingDepth(text) > MAX_JSON_DEPTH) {
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
  return value as Record<string, unknown>;
}

/**
 * Reads JSON and form-encoded bodies (64 KiB at most) into req.body; no body means `{}`.
 * Any other content type with a body is a 415.
 */
export function parseBody(): RequestHandler {
  return async (req, _res, next) => {
    if (!hasBody(req)) {
      req.body = {};
      next();
      return;
    }
    const format = bodyFormat(req.get('content-type'));
    if (format === undefined) {
      throw new ApiError(415, 'Send the body as application/json or application/x-www-form-urlencoded');
    }
    const text = decodeUtf8(await readBody(req));
    if (format === 'json') {
      req.body = text.trim() === '' ? {} : parseJsonObject(text);
    } else {
      req.body = parseFormFields(text, 'field');
    }
    next();
  };
}
