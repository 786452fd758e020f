import { ConfigError } from './config';
import { DataDirLockedError } from './db/data-dir-lock';
import { isDatabaseUnavailable } from './errors/pg-errors';

/** One readable line for the errors a user can fix at start; undefined for anything else. */
export function describeStartupError(error: unknown): string | undefined {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) return error.message;
  if (isDatabaseUnavailable(error)) {
    const reason = error instanceof Error ? error.message : String(error);
    return `Cannot reach the database at DATABASE_URL: ${reason}`;
  }
  return undefined;
}

/** Ends a command-line entry point that failed before or during start. */
export function exitOnStartupError(error: unknown): never {
  const line = describeStartupError(error);
  if (line !== undefined) {
    process.stderr.write(`${line}\n`);
  } else {
    process.stderr.write(
      `Failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
}
