import { ensureAccount } from '../accounts/accounts.repository';
import { createApiToken, listApiTokens, revokeApiToken } from '../auth/api-tokens.repository';
import type { Database } from '../db/database';

export type TokenCommand =
  { command: 'create'; account: string } | { command: 'list' } | { command: 'revoke'; id: string };

export interface TokenListRow {
  id: string;
  account: string;
  prefix: string;
  created: string;
  last_used: string;
  revoked: string;
}

export type TokenCommandResult =
  | { command: 'create'; accountCreated: boolean; account: string; id: string; token: string }
  | { command: 'list'; tokens: TokenListRow[] }
  | { command: 'revoke'; id: string; revoked: boolean };

const iso = (date: Date | null) => date?.toISOString() ?? '-';

/** The token commands, as data in and data out: run by the CLI, or by the server for the CLI. */
export async function runTokenCommand(db: Database, request: TokenCommand): Promise<TokenCommandResult> {
  switch (request.command) {
    case 'create': {
      const account = await ensureAccount(db, { name: request.account });
      const token = await createApiToken(db, { accountId: account.id });
      return { command: 'create', accountCreated: account.created, account: request.account, ...token };
    }
    case 'list': {
      const rows = await listApiTokens(db);
      return {
        command: 'list',
        tokens: rows.map((row) => ({
          id: row.id,
          account: row.account,
          prefix: `${row.displayPrefix}…`,
          created: iso(row.createdAt),
          last_used: iso(row.lastUsedAt),
          revoked: iso(row.revokedAt),
        })),
      };
    }
    case 'revoke':
      return { command: 'revoke', id: request.id, revoked: await revokeApiToken(db, { id: request.id }) };
  }
}
