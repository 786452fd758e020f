import { createDefaultAccountIfEmpty, DEFAULT_ACCOUNT } from './accounts/first-start';
import { createApp } from './app';
import { loadConfig } from './config';
import { openConfiguredDatabase } from './db/open-configured-database';
import { listen } from './http-server';
import { createLogger } from './logger';
import { createMetrics } from './metrics/metrics';
import { exitOnStartupError } from './startup-error';

const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);
  const database = await openConfiguredDatabase(config);
  if (config.MIGRATE_ON_START) await database.migrate();

  const firstToken = await createDefaultAccountIfEmpty(database.db);
  if (firstToken !== undefined) {
    process.stdout.write(
      `\nFirst start: created the account "${DEFAULT_ACCOUNT}" and its API token (shown only this once):\n\n` +
        `    ${firstToken}\n\nTry: curl -H "Authorization: Bearer ${firstToken}" ` +
        `http://localhost:${config.PORT}/v1/market-segments\n\n`,
    );
  }

  let draining = false;
  const metrics = config.METRICS_ENABLED
    ? createMetrics({ database, token: config.METRICS_TOKEN })
    : undefined;
  const app = createApp({ database, logger, metrics, readiness: { isDraining: () => draining } });
  const running = await listen(app, config.PORT, config.HOST);
  logger.info({ url: running.url, database: database.kind }, 'listening');

  const shutdown = async (signal: NodeJS.Signals) => {
    if (draining) return;
    draining = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    await running.close();
    await database.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', (signal) => void shutdown(signal));
  process.on('SIGINT', (signal) => void shutdown(signal));
}

main().catch(exitOnStartupError);
