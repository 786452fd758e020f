import { randomUUID } from 'node:crypto';
import type { Sql } from './bench-database';
import { createSegmentGenerator, toCopyLine, type GeneratorOptions } from './segment-generator';

const CHUNK_ROWS = 2_000;

/** The account's id, creating the account when it does not exist. */
export async function ensureAccount(sql: Sql, name: string): Promise<string> {
  await sql`insert into accounts (id, name) values (${randomUUID()}, ${name}) on conflict (name) do nothing`;
  const [row] = await sql<{ id: string }[]>`select id from accounts where name = ${name}`;
  if (row === undefined) throw new Error(`account ${name} could not be created`);
  return row.id;
}

export interface SeedOptions extends GeneratorOptions {
  accountId: string;
  count: number;
  onProgress?: (written: number) => void;
}

/** Appends `count` generated segments to the account with one COPY, then refreshes statistics. */
export async function seedSegments(sql: Sql, { accountId, count, onProgress, ...generator }: SeedOptions) {
  const next = createSegmentGenerator(generator);
  const stream = await sql`
    copy market_segments (account_id, id, name, criteria, description, created_at, updated_at) from stdin
  `.writable();
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  for (let written = 0; written < count;) {
    const rows = Math.min(CHUNK_ROWS, count - written);
    let chunk = '';
    for (let i = 0; i < rows; i++) chunk += toCopyLine(accountId, next());
    written += rows;
    if (!stream.write(chunk)) await new Promise((resolve) => stream.once('drain', resolve));
    onProgress?.(written);
  }
  stream.end();
  await finished;
  await sql`analyze market_segments`;
}

/** Segments of the account, counted. */
export async function countSegments(sql: Sql, accountId: string): Promise<number> {
  const [row] = await sql<{ count: number }[]>`
    select count(*)::int as count from market_segments where account_id = ${accountId}
  `;
  return row?.count ?? 0;
}
