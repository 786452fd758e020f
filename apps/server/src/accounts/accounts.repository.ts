import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database';
import { accounts } from '../db/schema';

/** The account's id, creating the account when it does not exist yet (safe under concurrency). */
export async function ensureAccount(db: Database, { name }: { name: string }) {
  const [created] = await db
    .insert(accounts)
    .values({ id: randomUUID(), name })
    .onConflictDoNothing({ target: accounts.name })
    .returning({ id: accounts.id });
  if (created) return { id: created.id, created: true };
  const [existing] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.name, name));
  if (!existing) throw new Error(`Account ${name} vanished while being created`);
  return { id: existing.id, created: false };
}

export async function hasAnyAccount(db: Database): Promise<boolean> {
  const [row] = await db.select({ id: accounts.id }).from(accounts).limit(1);
  return row !== undefined;
}
