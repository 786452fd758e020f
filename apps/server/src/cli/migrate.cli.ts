import { loadConfig } from '../config';
import { openConfiguredDatabase } from '../db/open-configured-database';
import { exitOnStartupError } from '../startup-error';

async function main() {
  const database = await openConfiguredDatabase(loadConfig());
  try {
    await database.migrate();
    process.stdout.write(`Migrations applied (${database.kind}).\n`);
  } finally {
    await database.close();
  }
}

main().catch(exitOnStartupError);
