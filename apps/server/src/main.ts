import cluster from 'node:cluster';
import { runClusterPrimary } from './cluster/cluster-primary';
import { loadConfig } from './config';
import { connectPostgres } from './db/database';
import { openConfiguredDatabase } from './db/open-configured-database';
import { createLogger } from './logger';
import { prepareDatabase } from './startup/prepare-database';
import { serve } from './startup/serve';
import { exitOnStartupError } from './startup-error';

/**
 * One process by default. With WEB_CONCURRENCY=N (N > 1) on PostgreSQL, this process becomes the
 * cluster primary: it migrates and makes the first token once, then forks N workers that serve.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config);

  if (cluster.isWorker) {
    const database = await openConfiguredDatabase(config);
    await serve({
      config,
      logger: logger.child({ worker: cluster.worker?.id, pid: process.pid }),
      database,
      clusterWorker: true,
    });
    return;
  }

  if (config.WEB_CONCURRENCY > 1 && config.DATABASE_URL !== undefined) {
    const database = connectPostgres(config.DATABASE_URL, { maxConnections: 1 });
    try {
      await prepareDatabase(database, config);
    } finally {
      await database.close();
    }
    runClusterPrimary({ config, logger, workers: config.WEB_CONCURRENCY });
    return;
  }

  if (config.WEB_CONCURRENCY > 1) {
    logger.warn(
      `WEB_CONCURRENCY=${config.WEB_CONCURRENCY} ignored: the embedded database (no DATABASE_URL) ` +
        'can be opened by one process only, so this runs one; set DATABASE_URL to run several workers',
    );
  }
  const database = await openConfiguredDatabase(config);
  await prepareDatabase(database, config);
  await serve({ config, logger, database, clusterWorker: false });
}

main().catch(exitOnStartupError);
