import type { Logger } from 'pino';
import { serveAdminSocket } from '../admin/admin-socket';
import { createApp } from '../app';
import type { Config } from '../config';
import type { DatabaseHandle } from '../db/database';
import { listen } from '../http-server';
import { createMetrics } from '../metrics/metrics';
import { createConfiguredRateLimiter } from '../rate-limit/configured-rate-limiter';

const SHUTDOWN_TIMEOUT_MS = 10_000;

/** Lets the tokens CLI work while this process holds the embedded database (see admin-socket.ts). */
async function openAdminSocket(config: Config, database: DatabaseHandle, logger: Logger) {
  try {
    return await serveAdminSocket(config.FINX_DATA_DIR, database.db, logger);
  } catch (error) {
    logger.warn({ err: error }, 'no admin socket: the tokens CLI will need the server stopped');
    return undefined;
  }
}

export interface ServeOptions {
  config: Config;
  logger: Logger;
  database: DatabaseHandle;
  /** True in a worker of `WEB_CONCURRENCY` > 1: rate limits are counted by the cluster primary. */
  clusterWorker: boolean;
}

/**
 * Serves the API on PORT until SIGTERM or SIGINT, then stops accepting connections, finishes the
 * requests in flight, closes the database and exits (1 if that takes over 10 seconds).
 */
export async function serve({ config, logger, database, clusterWorker }: ServeOptions): Promise<void> {
  let draining = false;
  const metrics = config.METRICS_ENABLED
    ? createMetrics({ database, token: config.METRICS_TOKEN })
    : undefined;
  const rateLimiter = await createConfiguredRateLimiter(config, logger, { clusterWorker });
  const app = createApp({
    database,
    logger,
    metrics,
    rateLimiter,
    readiness: { isDraining: () => draining },
  });
  const closeAdminSocket =
    database.kind === 'pglite' ? await openAdminSocket(config, database, logger) : undefined;
  const running = await listen(app, config.PORT, config.HOST);

  const shutdown = async (signal: NodeJS.Signals) => {
    if (draining) return;
    draining = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    await running.close();
    await rateLimiter?.close();
    await closeAdminSocket?.();
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
  // Only now: whoever waits for this line may signal at once, and without a handler the signal kills.
  logger.info({ url: running.url, database: database.kind }, 'listening');
}
