import type { RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import type { Database } from '../db/database';
import { ApiError, invalidRequest } from '../errors/api-error';
import {
  deleteExpiredKeys,
  findStoredResponse,
  storeResponse,
  tryLockKey,
  type StoredResponse,
} from './idempotency-keys.repository';
import { fingerprintRequest } from './request-fingerprint';
import { captureResponse, type CapturedResponse } from './response-capture';

const IDEMPOTENT_METHODS = new Set(['POST', 'PUT', 'DELETE']);
const KEY_PATTERN = /^[\x20-\x7e]{1,255}$/;
const PARAM = 'Idempotency-Key';
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/** Outcomes of the operation itself are kept; rejections of the request (400, 401, 413, …) and 5xx are not. */
const isKept = (status: number) => (status >= 200 && status < 300) || status === 404 || status === 412;

/** Thrown inside the transaction to roll it back when the response is not to be kept. */
class NotKept extends Error {}

function replay(res: Response, stored: StoredResponse): void {
  res.status(stored.responseStatus);
  for (const [name, value] of Object.entries(stored.responseHeaders)) res.setHeader(name, value);
  res.setHeader('Idempotent-Replayed', 'true');
  res.end(stored.responseBody);
}

/**
 * Idempotency-Key on POST, PUT and DELETE. The key's lock, the operation and the stored response
 * share one transaction, and the response is sent only after it commits: a retry either replays
 * the committed response or, if nothing committed, runs the request again. Never both.
 * The lock is a PostgreSQL advisory lock, so this holds across server processes.
 */
export function idempotentRequests(db: Database, logger: Logger): RequestHandler {
  let lastPurge = 0;
  const purgeExpiredKeys = () => {
    if (Date.now() - lastPurge < PURGE_INTERVAL_MS) return;
    lastPurge = Date.now();
    deleteExpiredKeys(db)
      .then((count) => count > 0 && logger.info({ count }, 'purged expired idempotency keys'))
      .catch((error: unknown) => logger.warn({ err: error }, 'could not purge expired idempotency keys'));
  };

  return async (req, res, next) => {
    const key = req.get('idempotency-key');
    if (!IDEMPOTENT_METHODS.has(req.method) || key === undefined) {
      next();
      return;
    }
    if (!KEY_PATTERN.test(key))
      throw invalidRequest(`${PARAM} must be 1 to 255 printable ASCII characters`, PARAM);
    const { accountId } = res.locals;
    if (accountId === undefined) throw new Error('idempotency middleware reached without authentication');
    purgeExpiredKeys();

    const scope = { accountId, key };
    const fingerprint = fingerprintRequest(req);
    let stored: StoredResponse | undefined;
    let captured: CapturedResponse | undefined;
    try {
      await db.transaction(async (tx) => {
        if (!(await tryLockKey(tx, scope))) {
          throw new ApiError(409, `A request with this ${PARAM} is still in progress; retry it later`, PARAM);
        }
        stored = await findStoredResponse(tx, scope);
        if (stored) {
          if (stored.fingerprint !== fingerprint) {
            throw new ApiError(422, `This ${PARAM} was already used with a different request`, PARAM);
          }
          return;
        }
        res.locals.transaction = tx;
        captured = await captureResponse(res, next);
        res.locals.transaction = undefined;
        if (!isKept(captured.status)) throw new NotKept();
        await storeResponse(tx, scope, {
          fingerprint,
          responseStatus: captured.status,
          responseHeaders: captured.headers,
          responseBody: captured.body,
        });
      });
    } catch (error) {
      if (!(error instanceof NotKept)) {
        if (captured) {
          // The operation did not commit: its response must not be sent, nor its headers leak.
          for (const name of Object.keys(captured.headers)) res.removeHeader(name);
        }
        throw error;
      }
    }
    if (stored) replay(res, stored);
    else captured?.release();
  };
}
