import type { RequestHandler } from 'express';
import type { Database } from '../db/database';
import { unauthenticated } from '../errors/api-error';
import { hashToken, isWellFormedToken } from './api-token';
import { findActiveTokenByHash, markTokenUsed } from './api-tokens.repository';

const BEARER = /^bearer +([^ ]+) *$/i;
// last_used_at is only written when older than this, so a busy token does not write on every request.
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves the Bearer token to its account (res.locals.accountId, and the token's own id in
 * res.locals.tokenId) or answers 401.
 * The lookup is by SHA-256 hash, so the comparison never runs over the secret itself.
 */
export function authenticate(db: Database): RequestHandler {
  return async (req, res, next) => {
    const header = req.get('authorization');
    if (header === undefined || header.trim() === '') {
      throw unauthenticated('No API token: send it as "Authorization: Bearer <token>"');
    }
    const token = BEARER.exec(header)?.[1];
    if (token === undefined) {
      throw unauthenticated('The Authorization header must use the Bearer scheme');
    }
    const found = isWellFormedToken(token) ? await findActiveTokenByHash(db, hashToken(token)) : undefined;
    if (found === undefined) throw unauthenticated('Invalid API token');

    res.locals.accountId = found.accountId;
    res.locals.tokenId = found.id;
    const lastUsed = found.lastUsedAt?.getTime() ?? 0;
    if (Date.now() - lastUsed > LAST_USED_RESOLUTION_MS) {
      // Bookkeeping only: the request does not wait for it, and its failure must not fail the request.
      markTokenUsed(db, found).catch(() => undefined);
    }
    next();
  };
}
