import type { Config } from '../config';
import { lockDataDir } from './data-dir-lock';
import { connectPostgres, openPglite, type DatabaseHandle } from './database';

/** PostgreSQL when DATABASE_URL is set, else the embedded database under FINX_DATA_DIR (locked). */
export async function openConfiguredDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'FINX_DATA_DIR'>,
): Promise<DatabaseHandle> {
  if (config.DATABASE_URL !== undefined) return connectPostgres(config.DATABASE_URL);
  const unlock = lockDataDir(config.FINX_DATA_DIR);
  try {
    const handle = await openPglite(config.FINX_DATA_DIR);
    return {
      ...handle,
      async close() {
        await handle.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
