import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { idempotencyKeys } from '../db/schema';

const k = idempotencyKeys;
const RETENTION = sql`interval '24 hours'`;

export interface KeyScope {
  accountId: string;
  key: string;
}

export interface StoredResponse {
  fingerprint: string;
  responseStatus: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
}

/**
 * Takes the key's lock for the rest of the transaction, or returns false at once when another
 * transaction (in any server process) holds it.
 */
export async function tryLockKey(tx: Database, { accountId, key }: KeyScope): Promise<boolean> {
  const [row] = await tx
    .select({
      locked: sql<boolean>`pg_try_advisory_xact_lock(hashtextextended(${accountId}::text || ':' || ${key}::text, 0))`,
    })
    .from(sql`(select 1) as lock_probe`);
  return row?.locked === true;
}

/** The stored first response for the key, unless it has expired. */
export async function findStoredResponse(
  db: Database,
  { accountId, key }: KeyScope,
): Promise<StoredResponse | undefined> {
  const [row] = await db
    .select({
      fingerprint: k.fingerprint,
      responseStatus: k.responseStatus,
      responseHeaders: k.responseHeaders,
      responseBody: k.responseBody,
    })
    .from(k)
    .where(and(eq(k.accountId, accountId), eq(k.key, key), gt(k.createdAt, sql`now() - ${RETENTION}`)));
  return row;
}

export async function storeResponse(db: Database, scope: KeyScope, response: StoredResponse): Promise<void> {
  await db
    .insert(k)
    .values({ ...scope, ...response })
    .onConflictDoUpdate({ target: [k.accountId, k.key], set: { ...response, createdAt: sql`now()` } });
}

export async function deleteExpiredKeys(db: Database): Promise<number> {
  const deleted = await db
    .delete(k)
    .where(lt(k.createdAt, sql`now() - ${RETENTION}`))
    .returning({ key: k.key });
  return deleted.length;
}
