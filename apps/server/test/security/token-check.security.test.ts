import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../src/auth/api-token';
import { apiTokens } from '../../src/db/schema';
import { apiClient, startTestServer, type Api, type TestServer } from '../support';

let server: TestServer;
let api: Api;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server.baseUrl, server.token);
});
afterAll(() => server.close());

/** The same token with the character at `index` replaced by another valid one. */
function changedAt(token: string, index: number): string {
  const at = index < 0 ? token.length + index : index;
  const replacement = token.charAt(at) === 'A' ? 'B' : 'A';
  return `${token.slice(0, at)}${replacement}${token.slice(at + 1)}`;
}

describe('token checks', () => {
  it('store only the SHA-256 of a token, never the token or its secret part', async () => {
    const rows = await server.database.db.select().from(apiTokens);
    expect(rows.map((row) => row.tokenHash)).toContain(hashToken(server.token));
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(server.token);
    expect(stored).not.toContain(server.token.slice('fx_'.length));
  });

  it('reject a token differing in its first or its last character exactly alike', async () => {
    const candidates = {
      'first character': changedAt(server.token, 0),
      'first character of the secret': changedAt(server.token, 'fx_'.length),
      'last character': changedAt(server.token, -1),
      'one character short': server.token.slice(0, -1),
      'one character more': `${server.token}A`,
    };
    const answers = [];
    for (const [what, token] of Object.entries(candidates)) {
      expect(token, what).not.toBe(server.token);
      const response = await api('/v1/market-segments', { token });
      answers.push({
        status: response.status,
        authenticate: response.headers.get('www-authenticate'),
        type: response.body.type,
        message: response.body.message,
        keys: Object.keys(response.body),
      });
    }
    expect(answers[0]).toEqual({
      status: 401,
      authenticate: 'Bearer',
      type: 'authentication_error',
      message: 'Invalid API token',
      keys: ['type', 'message', 'request_id'],
    });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect((await api('/v1/market-segments')).status).toBe(200);
  });
});

const SOURCE_ROOT = fileURLToPath(new URL('../../src', import.meta.url));

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(folder, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(folder, entry.name)]
        : [],
  );
}

const SECRET_NAME = /token|secret|password/i;
const COMPARISON = /([\w.$\])'"`]+)\s*[!=]==?\s*([\w.$(['"`]+)/g;
const NOTHING = /^(undefined|null)$/;

/** Equality comparisons in a line where one side names a secret and the other is a value. */
function secretComparisons(line: string): string[] {
  return [...line.matchAll(COMPARISON)]
    .filter(([, left = '', right = '']) => {
      if (NOTHING.test(left) || NOTHING.test(right) || /\.length$/.test(left)) return false;
      return SECRET_NAME.test(left) || SECRET_NAME.test(right);
    })
    .map(([comparison]) => comparison);
}

describe('no secret is compared with === (timing): tokens are looked up by hash, digests with timingSafeEqual', () => {
  it('recognises such comparisons', () => {
    expect(secretComparisons('if (token === expected) return;')).toHaveLength(1);
    expect(secretComparisons('return given !== metrics.token;')).toHaveLength(1);
    expect(secretComparisons('hashToken(given) == row.tokenHash')).toHaveLength(1);
    expect(secretComparisons('if (metrics.token !== undefined) {')).toEqual([]);
    expect(secretComparisons('if (token.length === 0) {')).toEqual([]);
  });

  it('finds none anywhere in the server source', () => {
    const offending: string[] = [];
    for (const file of sourceFiles(SOURCE_ROOT)) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, index) => {
          if (secretComparisons(line).length > 0) {
            offending.push(`${file.slice(SOURCE_ROOT.length)}:${index + 1}: ${line.trim()}`);
          }
        });
    }
    expect(offending).toEqual([]);
  });
});
