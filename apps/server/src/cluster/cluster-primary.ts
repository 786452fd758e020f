import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { createMemoryRateLimitStore } from '../rate-limit/memory-rate-limit.store';
import { serveRateLimitsToWorkers } from '../rate-limit/cluster-rate-limit.store';

/** A worker that dies unexpectedly is replaced after this pause. */
const RESTART_DELAY_MS = 1_000;
/** More unexpected deaths than this within the period means a crash loop: give up. */
const MAX_RESTARTS = 5;
const RESTART_PERIOD_MS = 60_000;
/** Workers drain in up to 10 seconds (serve.ts); past this the primary kills what is left. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

export interface ClusterPrimaryOptions {
  config: Pick<Config, 'RATE_LIMIT_REQUESTS' | 'REDIS_URL'>;
  logger: Logger;
  workers: number;
}

/**
 * The primary of `WEB_CONCURRENCY` > 1: forks the workers (they share the port; the primary hands
 * connections to them in turn), keeps the rate-limit counts for them when there is no Redis,
 * replaces a worker that dies, and on SIGTERM/SIGINT passes the signal on and exits once every
 * worker has drained (0 when all of them stopped cleanly).
 */
export function runClusterPrimary({ config, logger, workers }: ClusterPrimaryOptions): void {
  const stopServingRateLimits =
    config.RATE_LIMIT_REQUESTS > 0 && config.REDIS_URL === undefined
      ? serveRateLimitsToWorkers(createMemoryRateLimitStore())
      : () => undefined;
  let stopping = false;
  let cleanExits = true;
  let listening = 0;
  const recentDeaths: number[] = [];
  // Our own record: cluster.workers drops a worker at disconnect, before its process has exited.
  const running = new Set<Worker>();
  const liveWorkers = () => [...running];

  const fork = () => {
    if (!stopping) running.add(cluster.fork());
  };
  const finish = (code: number) => {
    stopServingRateLimits();
    logger.info({ code }, 'stopped');
    process.exit(code);
  };

  cluster.on('listening', (worker) => {
    listening += 1;
    if (listening === workers) logger.info({ workers }, 'all workers listening');
    logger.debug({ worker: worker.id }, 'worker listening');
  });
  cluster.on('exit', (worker, code, signal) => {
    running.delete(worker);
    if (stopping) {
      cleanExits &&= code === 0;
      if (liveWorkers().length === 0) finish(cleanExits ? 0 : 1);
      return;
    }
    const now = Date.now();
    recentDeaths.push(now);
    while ((recentDeaths[0] ?? now) < now - RESTART_PERIOD_MS) recentDeaths.shift();
    if (recentDeaths.length > MAX_RESTARTS) {
      logger.fatal(
        { worker: worker.id, code, signal },
        `workers died ${recentDeaths.length} times within a minute; stopping`,
      );
      stopping = true;
      cleanExits = false;
      for (const live of liveWorkers()) live.process.kill('SIGTERM');
      if (liveWorkers().length === 0) finish(1);
      return;
    }
    logger.error(
      { worker: worker.id, pid: worker.process.pid, code, signal },
      'worker died; starting another',
    );
    setTimeout(fork, RESTART_DELAY_MS);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: liveWorkers().length }, 'shutting down: draining the workers');
    setTimeout(() => {
      logger.error('workers did not stop in time; killing them');
      for (const live of liveWorkers()) live.process.kill('SIGKILL');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    for (const live of liveWorkers()) live.process.kill(signal);
    if (liveWorkers().length === 0) finish(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  logger.info({ workers }, 'starting workers');
  for (let i = 0; i < workers; i++) fork();
}
