import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import * as schema from './schema';

/** The one database type every query function takes: PostgreSQL and PGlite alike. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  readonly db: Database;
  readonly kind: 'postgres' | 'pglite';
  /** Size of the connection pool (PGlite is a single connection). */
  readonly maxConnections: number;
  /** Applies the committed migrations; safe to run from several processes at once. */
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));
// Any constant: serialises concurrent migrators of the same database.
const MIGRATION_LOCK_ID = 7_310_442_001;

export interface PostgresOptions {
  maxConnections?: number;
}

/**
 * Bounds that keep a request from waiting long on the database: at most 3 s to open a connection
 * (an unreachable server is a quick 503, not a hang), 10 s per statement and 15 s idle inside a
 * transaction (both enforced by the server, sent as startup parameters). Migrations use a client
 * of their own without them.
 */
const CONNECT_TIMEOUT_SECONDS = 3;
const STATEMENT_TIMEOUT_MS = 10_000;
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 15_000;

/**
 * Seconds before a connection is retried after a failed attempt. postgres.js waits up to 20 s by
 * default, and a request waits that long too: during an outage that is a slow 503, and after it a
 * slow recovery. Capped at 1 s here (with jitter, so pooled connections do not retry in step).
 */
const reconnectDelaySeconds = (attempt: number) =>
  Math.min(0.1 * 2 ** attempt, 1) * (0.5 + Math.random() / 2);

export function connectPostgres(url: string, options: PostgresOptions = {}): DatabaseHandle {
  const maxConnections = options.maxConnections ?? 10;
  const client = postgres(url, {
    max: maxConnections,
    connect_timeout: CONNECT_TIMEOUT_SECONDS,
    backoff: reconnectDelaySeconds,
    idle_timeout: 30,
    connection: {
      statement_timeout: STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
      // Plans made without the values: every query here is keyed by account and keyset, and its
      // generic plan is an in-order index scan. A custom plan can misjudge a filter (two equalities
      // on criteria look rarer than they are) and sort a bitmap scan instead (bench/README.md).
      plan_cache_mode: 'force_generic_plan',
    },
    onnotice: () => undefined,
  });
  const db = drizzlePostgres(client, { schema });
  return {
    db,
    kind: 'postgres',
    maxConnections,
    async migrate() {
      const lockClient = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => undefined });
      try {
        await lockClient`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
        await migratePostgres(drizzlePostgres(lockClient), { migrationsFolder: MIGRATIONS_FOLDER });
        await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
      } finally {
        await lockClient.end();
      }
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

/** Wraps an open PGlite instance (persisted in a folder, or in memory for tests). */
export function usePglite(client: PGlite): DatabaseHandle {
  const db = drizzlePglite(client, { schema });
  return {
    db,
    kind: 'pglite',
    maxConnections: 1,
    async migrate() {
      await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
    },
    async ping() {
      await db.execute(sql`select 1`);
    },
    async close() {
      if (!client.closed) await client.close();
    },
  };
}

export async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  return usePglite(await PGlite.create(dataDir));
}
