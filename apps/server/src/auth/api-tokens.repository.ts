import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/database';
import { preparedPerDatabase } from '../db/prepared-query-cache';
import { accounts, apiTokens } from '../db/schema';
import { generateApiToken } from './api-token';

const findActiveToken = preparedPerDatabase((db) =>
  db
    .select({ accountId: apiTokens.accountId, id: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sql.placeholder('tokenHash')), isNull(apiTokens.revokedAt)))
    // A prepared statement: one round trip on every request (see market-segments.repository.ts).
    .prepare('find_active_token'),
);

export async function findActiveTokenByHash(db: Database, tokenHash: string) {
  const [row] = await findActiveToken(db).execute({ tokenHash });
  return row;
}

export async function markTokenUsed(db: Database, { accountId, id }: { accountId: string; id: string }) {
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(and(eq(apiTokens.accountId, accountId), eq(apiTokens.id, id)));
}

/** Creates a token for the account; the plain token is in the result and nowhere else. */
export async function createApiToken(db: Database, { accountId }: { accountId: string }) {
  const token = generateApiToken();
  await db.insert(apiTokens).values({
    accountId,
    id: token.id,
    tokenHash: token.tokenHash,
    displayPrefix: token.displayPrefix,
  });
  return { id: token.id, token: token.token, displayPrefix: token.displayPrefix };
}

export async function listApiTokens(db: Database) {
  return db
    .select({
      id: apiTokens.id,
      account: accounts.name,
      displayPrefix: apiTokens.displayPrefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
    .orderBy(accounts.name, desc(apiTokens.createdAt));
}

/** Revokes by token id; false when no active token has that id. */
export async function revokeApiToken(db: Database, { id }: { id: string }): Promise<boolean> {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length > 0;
}
