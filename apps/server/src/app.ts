import { marketSegmentsContract } from '@finx/contract';
import { createExpressEndpoints } from '@ts-rest/express';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { authenticate } from './auth/authenticate.middleware';
import type { DatabaseHandle } from './db/database';
import { errorHandler } from './errors/error-handler';
import { fromZodError } from './errors/validation-error';
import { idempotentRequests } from './idempotency/idempotency.middleware';
import { logRequests } from './http/access-log.middleware';
import { parseBody } from './http/body-parser.middleware';
import { allowOnly } from './http/method-not-allowed';
import { unknownRoute } from './http/not-found.middleware';
import { parseQueryString } from './http/query-string';
import { assignRequestId } from './http/request-id.middleware';
import { securityHeaders } from './http/security-headers.middleware';
import { serviceRoutes, type Readiness } from './http/service-routes';
import { marketSegmentsRouter } from './market-segments/market-segments.router';
import type { Metrics } from './metrics/metrics';
import { metricsRouter } from './metrics/metrics.router';
import { apiDocsRouter } from './openapi/api-docs.router';
import { limitRate } from './rate-limit/rate-limit.middleware';
import type { RateLimiter } from './rate-limit/rate-limiter';

export interface AppDependencies {
  database: DatabaseHandle;
  logger: Logger;
  readiness?: Readiness;
  /** Counts every request and serves GET /metrics; absent: no metrics, and /metrics is a 404. */
  metrics?: Metrics;
  /** Limits requests per token after authentication; absent: no rate limiting. */
  rateLimiter?: RateLimiter;
  /** Check every response against the contract (on in tests). */
  validateResponses?: boolean;
}

export function createApp({
  database,
  logger,
  readiness,
  metrics,
  rateLimiter,
  validateResponses = false,
}: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('query parser', parseQueryString);

  app.use(securityHeaders());
  app.use(assignRequestId(), logRequests(logger, metrics?.observeRequest));
  if (metrics !== undefined) app.use(metricsRouter(metrics));
  app.use(serviceRoutes(database, readiness ?? { isDraining: () => false }));
  app.use(apiDocsRouter());

  // A request without a valid token is answered 401 before anything else about it is checked.
  app.use(
    '/v1',
    authenticate(database.db),
    ...(rateLimiter ? [limitRate(rateLimiter)] : []),
    parseBody(),
    idempotentRequests(database.db, logger),
  );
  createExpressEndpoints(marketSegmentsContract, marketSegmentsRouter(database.db), app, {
    responseValidation: validateResponses,
    requestValidationErrorHandler: (error, _req, _res, next) => {
      const zodError = error.query ?? error.body ?? error.pathParams ?? error.headers;
      next(zodError ? fromZodError(zodError, error.query ? 'query' : 'body') : error);
    },
  });
  app.all('/v1/market-segments', allowOnly(['GET', 'HEAD', 'POST']));
  app.all('/v1/market-segments/:id', allowOnly(['GET', 'HEAD', 'PUT', 'DELETE']));

  app.use(unknownRoute());
  app.use(errorHandler(logger));
  return app;
}
