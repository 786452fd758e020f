import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/database';
import { accounts, apiTokens, marketSegments } from '../../src/db/schema';

/**
 * A digest of every stored row of accounts, tokens and market segments (every column, in key
 * order), computed in the database. `api_tokens.last_used_at` is left out: it is bookkeeping that
 * any authenticated request may touch.
 */
export async function databaseFingerprint(db: Database): Promise<string> {
  const [segments] = await db
    .select({
      count: sql<string>`count(*)::text`,
      digest: sql<string>`coalesce(md5(string_agg(${marketSegments}::text, '|' order by ${marketSegments.accountId}, ${marketSegments.id})), '')`,
    })
    .from(marketSegments);
  const [tokens] = await db
    .select({
      count: sql<string>`count(*)::text`,
      digest: sql<string>`coalesce(md5(string_agg(concat_ws(',', ${apiTokens.accountId}, ${apiTokens.id}, ${apiTokens.tokenHash}, ${apiTokens.displayPrefix}, ${apiTokens.createdAt}, ${apiTokens.revokedAt}), '|' order by ${apiTokens.id})), '')`,
    })
    .from(apiTokens);
  const [accountRows] = await db
    .select({
      count: sql<string>`count(*)::text`,
      digest: sql<string>`coalesce(md5(string_agg(${accounts}::text, '|' order by ${accounts.id})), '')`,
    })
    .from(accounts);
  return JSON.stringify({ segments, tokens, accounts: accountRows });
}
