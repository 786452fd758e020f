import { chmodSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { Database } from '../db/database';
import { runTokenCommand, type TokenCommand, type TokenCommandResult } from './token-commands';

/**
 * The embedded database can be opened by one process only. While the server holds it, the tokens
 * CLI asks the server to run its command instead, over a Unix socket in the data folder (owner-only,
 * like the database files themselves). One JSON line in, one JSON line out.
 */
export const adminSocketPath = (dataDir: string) => join(resolve(dataDir), 'admin.sock');

const MAX_REQUEST_BYTES = 4096;

type Reply = { ok: true; result: TokenCommandResult } | { ok: false; error: string };

function parseCommand(line: string): TokenCommand {
  const value: unknown = JSON.parse(line);
  if (typeof value !== 'object' || value === null) throw new Error('malformed command');
  const { command, account, id } = value as Record<string, unknown>;
  if (command === 'list') return { command };
  if (command === 'create' && typeof account === 'string') return { command, account };
  if (command === 'revoke' && typeof id === 'string') return { command, id };
  throw new Error('unknown command');
}

export function serveAdminSocket(
  dataDir: string,
  db: Database,
  logger: Logger,
): Promise<() => Promise<void>> {
  const path = adminSocketPath(dataDir);
  rmSync(path, { force: true }); // left by a server that died: this process holds the data-dir lock now
  const server = createServer((socket) => {
    let input = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      input += chunk;
      if (input.length > MAX_REQUEST_BYTES) socket.destroy();
      const newline = input.indexOf('\n');
      if (newline === -1) return;
      const reply = (body: Reply) => socket.end(`${JSON.stringify(body)}\n`);
      Promise.resolve()
        .then(() => runTokenCommand(db, parseCommand(input.slice(0, newline))))
        .then((result) => reply({ ok: true, result }))
        .catch((error: unknown) => {
          logger.warn({ err: error }, 'admin socket command failed');
          reply({ ok: false, error: error instanceof Error ? error.message : String(error) });
        });
    });
    socket.on('error', () => undefined);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      chmodSync(path, 0o600);
      resolvePromise(
        () =>
          new Promise<void>((done) => {
            server.close(() => done());
          }),
      );
    });
  });
}

/** Runs a token command in the server that holds the embedded database. */
export function sendAdminCommand(dataDir: string, command: TokenCommand): Promise<TokenCommandResult> {
  return new Promise((resolvePromise, reject) => {
    const socket = createConnection(adminSocketPath(dataDir));
    let output = '';
    socket.setEncoding('utf8');
    socket.setTimeout(10_000, () => socket.destroy(new Error('the server did not answer')));
    socket.on('connect', () => socket.write(`${JSON.stringify(command)}\n`));
    socket.on('data', (chunk: string) => (output += chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      try {
        const reply = JSON.parse(output) as Reply;
        if (reply.ok) resolvePromise(reply.result);
        else reject(new Error(reply.error));
      } catch {
        reject(new Error('the server sent an unreadable answer'));
      }
    });
  });
}
