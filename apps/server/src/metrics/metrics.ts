import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DatabaseHandle } from '../db/database';
import type { RequestSummary } from '../http/access-log.middleware';

/** The route label of a request that matched no route: raw paths would make unbounded series. */
export const UNMATCHED_ROUTE = 'unmatched';

const HTTP_LABELS = ['method', 'route', 'status'] as const;

export interface Metrics {
  readonly registry: Registry;
  /** Bearer token that GET /metrics requires; undefined: none (keep the endpoint off public networks). */
  readonly token: string | undefined;
  /** Counts one finished request (the access log's hook). */
  observeRequest(summary: RequestSummary): void;
}

export interface MetricsOptions {
  database: Pick<DatabaseHandle, 'kind' | 'maxConnections'>;
  token?: string | undefined;
}

/**
 * Prometheus metrics of one process, in a registry of its own (never prom-client's global one, so
 * several apps in one process do not share series): HTTP requests by method, route pattern and
 * status; the database pool's size; Node.js process metrics.
 */
export function createMetrics({ database, token }: MetricsOptions): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: HTTP_LABELS,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving a request to finishing its response, by method, route pattern and status',
    labelNames: HTTP_LABELS,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  // postgres.js does not expose how many of its connections are open or busy: the pool's size is
  // what can be told from here; PostgreSQL's pg_stat_activity (or PgBouncer's SHOW POOLS) has the rest.
  new Gauge({
    name: 'db_pool_max_connections',
    help: 'Connections the database pool may open (PGlite: one, in process)',
    labelNames: ['driver'],
    registers: [registry],
  })
    .labels(database.kind)
    .set(database.maxConnections);

  return {
    registry,
    token,
    observeRequest({ method, route, status, durationMs }) {
      const labels = { method, route: route ?? UNMATCHED_ROUTE, status: String(status) };
      requests.inc(labels);
      duration.observe(labels, durationMs / 1000);
    },
  };
}
