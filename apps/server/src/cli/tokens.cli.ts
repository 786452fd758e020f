import { parseArgs } from 'node:util';
import { ensureAccount } from '../accounts/accounts.repository';
import { createApiToken, listApiTokens, revokeApiToken } from '../auth/api-tokens.repository';
import { loadConfig } from '../config';
import type { Database } from '../db/database';
import { openConfiguredDatabase } from '../db/open-configured-database';
import { exitOnStartupError } from '../startup-error';

const USAGE = `Usage:
  npm run tokens -- create --account <name>   create a token (and the account if needed)
  npm run tokens -- list                      list tokens (never the secret)
  npm run tokens -- revoke <token-id>         revoke a token`;

class UsageError extends Error {}

async function create(db: Database, args: string[]) {
  const { values } = parseArgs({ args, options: { account: { type: 'string' } } });
  const name = values.account?.trim();
  if (!name) throw new UsageError('create needs --account <name>');
  const account = await ensureAccount(db, { name });
  const token = await createApiToken(db, { accountId: account.id });
  process.stdout.write(
    `${account.created ? 'Created account' : 'Account'} "${name}"; new token ${token.id} (shown only this once):\n` +
      `${token.token}\n`,
  );
}

async function list(db: Database) {
  const rows = await listApiTokens(db);
  const iso = (date: Date | null) => date?.toISOString() ?? '-';
  const table = rows.map((row) => ({
    id: row.id,
    account: row.account,
    prefix: `${row.displayPrefix}…`,
    created: iso(row.createdAt),
    last_used: iso(row.lastUsedAt),
    revoked: iso(row.revokedAt),
  }));
  if (table.length === 0) process.stdout.write('No tokens.\n');
  else console.table(table);
}

async function revoke(db: Database, args: string[]) {
  const { positionals } = parseArgs({ args, allowPositionals: true });
  const id = positionals[0];
  if (!id) throw new UsageError('revoke needs a token id (see tokens list)');
  if (!(await revokeApiToken(db, { id }))) throw new UsageError(`No active token with id ${id}`);
  process.stdout.write(`Revoked ${id}\n`);
}

async function main(argv: string[]) {
  const [command, ...args] = argv;
  if (command !== 'create' && command !== 'list' && command !== 'revoke') throw new UsageError(USAGE);
  const database = await openConfiguredDatabase(loadConfig());
  try {
    await database.migrate();
    if (command === 'create') await create(database.db, args);
    if (command === 'list') await list(database.db);
    if (command === 'revoke') await revoke(database.db, args);
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  exitOnStartupError(error);
});
