import { Router } from 'express';
import type { DatabaseHandle } from '../db/database';
import { ApiError } from '../errors/api-error';

const READINESS_TIMEOUT_MS = 2_000;

export interface Readiness {
  /** True once shutdown has begun: the instance should get no new traffic. */
  isDraining(): boolean;
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** /healthz (the process runs) and /readyz (the database answers and we are not draining). */
export function serviceRoutes(database: DatabaseHandle, readiness: Readiness): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (readiness.isDraining()) throw new ApiError(503, 'Shutting down', undefined, { 'Retry-After': '1' });
    try {
      await withTimeout(database.ping(), READINESS_TIMEOUT_MS);
    } catch {
      throw new ApiError(503, 'The database is unavailable', undefined, { 'Retry-After': '5' });
    }
    res.json({ status: 'ok' });
  });
  return router;
}
