import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

/** One log line per request: id, method, route pattern, status, duration. Never headers or bodies. */
export function logRequests(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const route: unknown = req.route?.path;
      logger.info({
        request_id: res.locals.requestId,
        method: req.method,
        route: typeof route === 'string' ? `${req.baseUrl}${route}` : null,
        status: res.statusCode,
        duration_ms: Number(process.hrtime.bigint() - started) / 1e6,
      });
    });
    next();
  };
}
