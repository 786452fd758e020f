import type { NextFunction, Response } from 'express';

/** Headers a replay repeats; the rest (request id, rate limits, dates) belong to each response. */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag'] as const;

export interface CapturedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Sends the held-back response for real. */
  release(): void;
}

/**
 * Runs the rest of the middleware chain but holds its response back (res.end is intercepted), so
 * the caller can commit before anything is acknowledged to the client.
 */
export function captureResponse(res: Response, next: NextFunction): Promise<CapturedResponse> {
  return new Promise((resolve) => {
    const end = res.end;
    const interceptedEnd = function (this: Response, chunk?: unknown, encoding?: unknown) {
      res.end = end;
      const body = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
      const headers: Record<string, string> = {};
      for (const name of REPLAYED_HEADERS) {
        const value = res.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      resolve({
        status: res.statusCode,
        headers,
        body,
        release: () => {
          if (typeof encoding === 'string') res.end(chunk, encoding as BufferEncoding);
          else res.end(chunk as string | Buffer | undefined);
        },
      });
      return res;
    };
    res.end = interceptedEnd as Response['end'];
    next();
  });
}
