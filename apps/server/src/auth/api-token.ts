import { createHash } from 'node:crypto';
import { randomBase62 } from '../ids';

export const TOKEN_PREFIX = 'fx_';
const SECRET_LENGTH = 40;
const TOKEN_PATTERN = new RegExp(`^${TOKEN_PREFIX}[0-9A-Za-z]{${SECRET_LENGTH}}$`);
const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;

export interface NewApiToken {
  id: string;
  /** Shown once to its owner, never stored. */
  token: string;
  tokenHash: string;
  displayPrefix: string;
}

/** SHA-256 of the token: only this is stored and looked up, so a database leak reveals no token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function isWellFormedToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

export function generateApiToken(): NewApiToken {
  const token = `${TOKEN_PREFIX}${randomBase62(SECRET_LENGTH)}`;
  return {
    id: `tok_${randomBase62(16)}`,
    token,
    tokenHash: hashToken(token),
    displayPrefix: token.slice(0, DISPLAY_PREFIX_LENGTH),
  };
}
