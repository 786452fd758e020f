import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessStorage, runCommand, startServerProcess, type ProcessStorage } from '../support';

let storage: ProcessStorage;
let env: Record<string, string>;

beforeAll(async () => {
  storage = await createProcessStorage('tokens');
  env = storage.env;
});
afterAll(() => storage.dispose());

async function status(url: string, token: string): Promise<number> {
  const response = await fetch(`${url}/v1/market-segments`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return response.status;
}

describe('npm run tokens', () => {
  let token: string;
  let tokenId: string;

  it('create prints the new token alone on the last line', async () => {
    const result = await runCommand('tokens', ['create', '--account', 'acme'], env);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    token = lines.at(-1) ?? '';
    expect(token).toMatch(/^fx_[0-9A-Za-z]{40}$/);
    tokenId = /token (tok_[0-9A-Za-z]{16})/.exec(result.stdout)?.[1] ?? '';
    expect(result.stdout).toContain('Created account "acme"');

    const again = await runCommand('tokens', ['create', '--account', 'acme'], env);
    expect(again.stdout).toContain('Account "acme"');
    expect(again.stdout.trim().split('\n').at(-1)).not.toBe(token);
  });

  it('list shows ids, accounts and prefixes, never a token', async () => {
    const result = await runCommand('tokens', ['list'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(tokenId);
    expect(result.stdout).toContain('acme');
    expect(result.stdout).toContain(token.slice(0, 9));
    expect(result.stdout).not.toContain(token);
  });

  it('works beside a running server: a created token works at once, a revoked one fails at once', async () => {
    // On the embedded database the server holds the data folder; the CLI then goes through it.
    const server = await startServerProcess(env);
    try {
      expect(await status(server.url, token)).toBe(200);
      const created = await runCommand('tokens', ['create', '--account', 'beside'], env);
      expect(created.code).toBe(0);
      const besideToken = created.stdout.trim().split('\n').at(-1) ?? '';
      expect(besideToken).toMatch(/^fx_[0-9A-Za-z]{40}$/);
      expect(await status(server.url, besideToken)).toBe(200);

      const listed = await runCommand('tokens', ['list'], env);
      expect(listed.stdout).toContain('beside');
      expect(listed.stdout).not.toContain(besideToken);

      const revoked = await runCommand('tokens', ['revoke', tokenId], env);
      expect(revoked.code).toBe(0);
      expect(revoked.stdout).toBe(`Revoked ${tokenId}\n`);
      expect(await status(server.url, token)).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it('keeps what it did after the server stops', async () => {
    const listed = await runCommand('tokens', ['list'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('beside');
    expect(listed.stdout).toMatch(new RegExp(`${tokenId}.*\\d{4}-\\d\\d-\\d\\dT.*\\d{4}-\\d\\d-\\d\\dT`));
  });

  it('explains its usage and errors with a non-zero exit', async () => {
    const noCommand = await runCommand('tokens', [], env);
    expect(noCommand.code).toBe(2);
    expect(noCommand.stderr).toContain('npm run tokens -- create --account <name>');

    const noAccount = await runCommand('tokens', ['create'], env);
    expect(noAccount.code).toBe(2);
    expect(noAccount.stderr).toBe('create needs --account <name>\n');

    const unknown = await runCommand('tokens', ['revoke', 'tok_nope'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('No active token with id tok_nope\n');
  });
});

describe('npm run db:migrate', () => {
  it('applies migrations and can run again', async () => {
    for (let run = 0; run < 2; run++) {
      const result = await runCommand('migrate', [], env);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/^Migrations applied \((postgres|pglite)\)\.\n$/);
    }
  });
});
