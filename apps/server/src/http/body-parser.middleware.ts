import type { RequestHandler } from 'express';
import type { IncomingMessage } from 'node:http';
import { ApiError, invalidRequest } from '../errors/api-error';
import { parseFormFields } from './form-fields';
import { parseJsonObject } from './json-body';

export const MAX_BODY_BYTES = 64 * 1024;

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
