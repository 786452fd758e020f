import { parseArgs } from 'node:util';
import { connect, DEFAULT_BENCH_DATABASE_URL, ensureDatabase, migrate } from './bench-database';
import { createProgressBar } from './progress-bar';
import { countSegments, ensureAccount, seedSegments } from './seed';

const USAGE = `Usage: npm run seed -- --account <name> --count <n> [--database-url <postgres://...>]
Appends n generated market segments to the account (created if needed) in the benchmark
database (default ${DEFAULT_BENCH_DATABASE_URL}, or BENCH_DATABASE_URL), creating and migrating it first.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      account: { type: 'string' },
      count: { type: 'string' },
      'database-url': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  const count = Number(values.count);
  if (values.help || values.account === undefined || !Number.isSafeInteger(count) || count < 0) {
    process.stderr.write(`${USAGE}\n`);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const url = values['database-url'] ?? process.env.BENCH_DATABASE_URL ?? DEFAULT_BENCH_DATABASE_URL;
  await ensureDatabase(url);
  await migrate(url, { built: false });
  const sql = connect(url, 1);
  try {
    const accountId = await ensureAccount(sql, values.account);
    const bar = createProgressBar(count, `seeding ${values.account}`);
    const started = Date.now();
    await seedSegments(sql, { accountId, count, onProgress: (done) => bar.update(done) });
    bar.finish(count);
    const total = await countSegments(sql, accountId);
    process.stdout.write(
      `Seeded ${count.toLocaleString('en')} segments in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
        `account ${values.account} now has ${total.toLocaleString('en')}.\n`,
    );
  } finally {
    await sql.end();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
