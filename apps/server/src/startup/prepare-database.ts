import { createDefaultAccountIfEmpty, DEFAULT_ACCOUNT } from '../accounts/first-start';
import type { Config } from '../config';
import type { DatabaseHandle } from '../db/database';

/**
 * What runs once per start before any request is served: the migrations (unless a release job
 * owns them), and on an empty database the default account, whose token is printed this once.
 */
export async function prepareDatabase(
  database: DatabaseHandle,
  config: Pick<Config, 'MIGRATE_ON_START' | 'PORT'>,
): Promise<void> {
  if (config.MIGRATE_ON_START) await database.migrate();

  const firstToken = await createDefaultAccountIfEmpty(database.db);
  if (firstToken !== undefined) {
    process.stdout.write(
      `\nFirst start: created the account "${DEFAULT_ACCOUNT}" and its API token (shown only this once):\n\n` +
        `    ${firstToken}\n\nTry: curl -H "Authorization: Bearer ${firstToken}" ` +
        `http://localhost:${config.PORT}/v1/market-segments\n\n`,
    );
  }
}
