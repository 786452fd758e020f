import { PGlite } from '@electric-sql/pglite';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { connectPostgres, usePglite, type DatabaseHandle } from '../../src/db/database';

const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../src/db/migrations', import.meta.url));

export interface TestDatabase extends DatabaseHandle {
  /** postgres:// URL of this test's own database; undefined on PGlite (in-process only). */
  readonly url: string | undefined;
}

/** Identifies the committed migrations, so a cached PGlite snapshot is rebuilt when they change. */
function migrationsFingerprint(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(MIGRATIONS_FOLDER, { recursive: true }).map(String).sort()) {
    if (file.endsWith('.sql') || file.endsWith('.json'))
      hash.update(file).update(readFileSync(join(MIGRATIONS_FOLDER, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * A migrated PGlite data directory, built once per migration set and shared by every test file:
 * loading it takes a second, where a fresh instance takes several.
 */
async function migratedPgliteSnapshot(): Promise<Blob> {
  const path = join(tmpdir(), `finx-pglite-${migrationsFingerprint()}.tar.gz`);
  if (!existsSync(path)) {
    const pglite = await PGlite.create();
    await usePglite(pglite).migrate();
    const dump = await pglite.dumpDataDir('gzip');
    await pglite.close();
    const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
    renameSync(partial, path); // atomic: parallel workers never read a half-written file
  }
  return new Blob([readFileSync(path)]);
}

/**
 * A database of the test file's own: a fresh PostgreSQL database on TEST_DATABASE_URL's server when
 * that is set (dropped on close), else an in-memory PGlite; migrated either way.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env['TEST_DATABASE_URL'];
  if (serverUrl === undefined || serverUrl === '') {
    const handle = usePglite(await PGlite.create({ loadDataDir: await migratedPgliteSnapshot() }));
    return { ...handle, url: undefined };
  }
  const name = `finx_test_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = connectPostgres(url.toString());
  await handle.migrate();
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      const dropper = postgres(serverUrl, { max: 1, onnotice: () => undefined });
      try {
        await dropper.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
