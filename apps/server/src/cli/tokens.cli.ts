import { parseArgs } from 'node:util';
import { sendAdminCommand } from '../admin/admin-socket';
import { runTokenCommand, type TokenCommand, type TokenCommandResult } from '../admin/token-commands';
import { loadConfig, type Config } from '../config';
import { DataDirLockedError } from '../db/data-dir-lock';
import { openConfiguredDatabase } from '../db/open-configured-database';
import { exitOnStartupError } from '../startup-error';

const USAGE = `Usage:
  npm run tokens -- create --account <name>   create a token (and the account if needed)
  npm run tokens -- list                      list tokens (never the secret)
  npm run tokens -- revoke <token-id>         revoke a token`;

class UsageError extends Error {}

function parseCommand(argv: string[]): TokenCommand {
  const [command, ...args] = argv;
  if (command === 'list') return { command };
  if (command === 'create') {
    const { values } = parseArgs({ args, options: { account: { type: 'string' } } });
    const account = values.account?.trim();
    if (!account) throw new UsageError('create needs --account <name>');
    return { command, account };
  }
  if (command === 'revoke') {
    const id = parseArgs({ args, allowPositionals: true }).positionals[0];
    if (!id) throw new UsageError('revoke needs a token id (see tokens list)');
    return { command, id };
  }
  throw new UsageError(USAGE);
}

function print(result: TokenCommandResult): void {
  switch (result.command) {
    case 'create':
      process.stdout.write(
        `${result.accountCreated ? 'Created account' : 'Account'} "${result.account}"; new token ${result.id} ` +
          `(shown only this once):\n${result.token}\n`,
      );
      return;
    case 'list':
      if (result.tokens.length === 0) process.stdout.write('No tokens.\n');
      else console.table(result.tokens);
      return;
    case 'revoke':
      if (!result.revoked) throw new UsageError(`No active token with id ${result.id}`);
      process.stdout.write(`Revoked ${result.id}\n`);
  }
}

/** Runs against the database; when a running server holds the embedded one, through that server. */
async function run(config: Config, command: TokenCommand): Promise<TokenCommandResult> {
  let database;
  try {
    database = await openConfiguredDatabase(config);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    return sendAdminCommand(config.FINX_DATA_DIR, command).catch(() => {
      throw error;
    });
  }
  try {
    await database.migrate();
    return await runTokenCommand(database.db, command);
  } finally {
    await database.close();
  }
}

async function main(argv: string[]) {
  const command = parseCommand(argv);
  print(await run(loadConfig(), command));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || (error instanceof TypeError && 'code' in error)) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  exitOnStartupError(error);
});
