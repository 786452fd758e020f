import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './config';

/**
 * Only what helps debugging: never query parameters, bodies or headers (they carry data and tokens).
 * Drizzle's message lists the query's parameters after "params:"; the driver's error is its cause.
 */
function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code } = error as { code?: unknown };
  return {
    type: error.name,
    message: error.message.split('\nparams:')[0],
    code,
    stack: error.stack?.split('\nparams:')[0],
    ...(error.cause === undefined ? {} : { cause: serializeError(error.cause) }),
  };
}

/** Logs to stdout, or to `destination` (tests capture the output there). */
export function createLogger(
  config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>,
  destination?: DestinationStream,
): Logger {
  const pretty = destination === undefined && config.NODE_ENV === 'development' && process.stdout.isTTY;
  const options = {
    level: config.LOG_LEVEL,
    base: { service: 'finx-segments' },
    serializers: { err: serializeError },
    ...(pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l' } } } : {}),
  };
  return destination === undefined ? pino(options) : pino(options, destination);
}
