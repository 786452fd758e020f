import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from './test-database';

export interface ProcessStorage {
  /** The environment that points a server or CLI process at this storage. */
  env: Record<string, string>;
  /** True on real PostgreSQL (several processes may share it), false on the embedded database. */
  shared: boolean;
  dispose(): Promise<void>;
}

/**
 * Storage for server and CLI processes of one test file: a fresh PostgreSQL database when
 * TEST_DATABASE_URL is set, else an empty folder for the embedded database.
 */
export async function createProcessStorage(name: string): Promise<ProcessStorage> {
  const dataDir = mkdtempSync(join(tmpdir(), `finx-${name}-`));
  const database = process.env['TEST_DATABASE_URL'] ? await createTestDatabase() : undefined;
  return {
    env: database ? { DATABASE_URL: database.url ?? '' } : { FINX_DATA_DIR: dataDir },
    shared: database !== undefined,
    async dispose() {
      await database?.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
