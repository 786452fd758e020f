import { createApiToken } from '../auth/api-tokens.repository';
import type { Database } from '../db/database';
import { ensureAccount, hasAnyAccount } from './accounts.repository';

export const DEFAULT_ACCOUNT = 'default';

/**
 * On an empty database, creates the `default` account and a token so a new user can call the
 * API at once. Returns the token (to print once), or undefined when the database had accounts.
 */
export async function createDefaultAccountIfEmpty(db: Database): Promise<string | undefined> {
  if (await hasAnyAccount(db)) return undefined;
  return db.transaction(async (tx) => {
    const account = await ensureAccount(tx, { name: DEFAULT_ACCOUNT });
    // Another process may have won the race to create it: only the creator makes the token.
    if (!account.created) return undefined;
    const { token } = await createApiToken(tx, { accountId: account.id });
    return token;
  });
}
