import { Router } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { unauthenticated } from '../errors/api-error';
import type { Metrics } from './metrics';

const BEARER = /^bearer +([^ ]+) *$/i;

const sha256 = (value: string) => createHash('sha256').update(value).digest();

/** Compares digests, so neither the length nor the content of the token leaks through timing. */
function isToken(given: string | undefined, expected: string): boolean {
  return given !== undefined && timingSafeEqual(sha256(given), sha256(expected));
}

/** GET /metrics in Prometheus' text format; with a token configured, only for `Bearer <token>`. */
export function metricsRouter(metrics: Metrics): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (metrics.token !== undefined) {
      const given = BEARER.exec(req.get('authorization') ?? '')?.[1];
      if (!isToken(given, metrics.token)) throw unauthenticated('GET /metrics needs the metrics token');
    }
    const body = await metrics.registry.metrics();
    res.setHeader('Content-Type', metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(body);
  });
  return router;
}
