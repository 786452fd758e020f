import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

/** What is known of a request once its response is sent. */
export interface RequestSummary {
  method: string;
  /** The matched route pattern (`/v1/market-segments/:id`), never the raw path; null when none matched. */
  route: string | null;
  status: number;
  durationMs: number;
}

/**
 * One log line per request: id, method, route pattern, status, duration. Never headers or bodies.
 * `onFinish` gets the same summary (the metrics hook).
 */
export function logRequests(logger: Logger, onFinish?: (summary: RequestSummary) => void): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route: unknown = req.route?.path;
      const summary: RequestSummary = {
        method: req.method,
        route: typeof route === 'string' ? `${req.baseUrl}${route}` : null,
        status: res.statusCode,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      };
      logger.info({
        request_id: res.locals.requestId,
        method: summary.method,
        route: summary.route,
        status: summary.status,
        duration_ms: summary.durationMs,
      });
      onFinish?.(summary);
    });
    next();
  };
}
