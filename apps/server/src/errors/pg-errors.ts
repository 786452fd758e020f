/** Walks an error and its `cause` chain (drizzle wraps driver errors in DrizzleQueryError). */
function* errorChain(error: unknown): Generator<Record<string, unknown>> {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    yield current as Record<string, unknown>;
    current = (current as { cause?: unknown }).cause;
  }
}

function findCode(error: unknown, matches: (code: string) => boolean): boolean {
  for (const link of errorChain(error)) {
    const code = link['code'];
    if (typeof code === 'string' && matches(code)) return true;
  }
  return false;
}

export const isUniqueViolation = (error: unknown) => findCode(error, (code) => code === '23505');

/** SQLSTATE class 22: the value cannot be stored (bad encoding, out of range, …). */
export const isDataException = (error: unknown) => findCode(error, (code) => code.startsWith('22'));

const UNAVAILABLE_DRIVER_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);

/** The database cannot be reached or is shutting down (class 08, 57P0x, 53300 too many connections). */
export const isDatabaseUnavailable = (error: unknown) =>
  findCode(
    error,
    (code) =>
      UNAVAILABLE_DRIVER_CODES.has(code) ||
      code.startsWith('08') ||
      code.startsWith('57P') ||
      code === '53300',
  );
