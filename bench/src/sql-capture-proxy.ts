import { createServer, connect as connectTcp, type AddressInfo, type Server } from 'node:net';

/**
 * A TCP proxy in front of PostgreSQL that reads the client's side of the wire protocol and records
 * what the server under test really sends: each executed statement's SQL with its parameters, and
 * the round trips (every Sync or Flush makes the client wait for an answer).
 */

export interface CapturedStatement {
  sql: string;
  /** Text-format parameters of the last execution; null for SQL NULL. */
  params: (string | null)[];
  executions: number;
  /** Parse messages for this SQL: one per execution when nothing is prepared, one per connection when it is. */
  parses: number;
}

export interface SqlCapture {
  port: number;
  statements(): CapturedStatement[];
  roundTrips(): number;
  reset(): void;
  close(): Promise<void>;
}

/** Parses frontend messages from a byte stream; `onMessage` gets the type byte and the payload. */
export function createFrontendParser(onMessage: (type: string, payload: Buffer) => void) {
  let buffer = Buffer.alloc(0);
  let startupDone = false;
  return (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      if (!startupDone) {
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        buffer = buffer.subarray(length);
        // An SSL or GSS encryption request is followed by another startup packet.
        if (code !== 80877103 && code !== 80877104) startupDone = true;
        continue;
      }
      if (buffer.length < 5) return;
      const length = buffer.readInt32BE(1);
      if (buffer.length < 1 + length) return;
      onMessage(String.fromCharCode(buffer[0] ?? 0), buffer.subarray(5, 1 + length));
      buffer = buffer.subarray(1 + length);
    }
  };
}

function readCString(payload: Buffer, offset: number): [string, number] {
  const end = payload.indexOf(0, offset);
  return [payload.toString('utf8', offset, end), end + 1];
}

/** The statement name and text-format parameters of a Bind message. */
export function decodeBind(payload: Buffer): { statement: string; params: (string | null)[] } {
  let offset = readCString(payload, 0)[1];
  const [statement, afterStatement] = readCString(payload, offset);
  offset = afterStatement;
  const formatCount = payload.readInt16BE(offset);
  offset += 2 + formatCount * 2;
  const paramCount = payload.readInt16BE(offset);
  offset += 2;
  const params: (string | null)[] = [];
  for (let i = 0; i < paramCount; i++) {
    const length = payload.readInt32BE(offset);
    offset += 4;
    if (length < 0) {
      params.push(null);
      continue;
    }
    params.push(payload.toString('utf8', offset, offset + length));
    offset += length;
  }
  return { statement, params };
}

export async function startSqlCaptureProxy(target: { host: string; port: number }): Promise<SqlCapture> {
  const captured = new Map<string, CapturedStatement>();
  let roundTrips = 0;

  const server: Server = createServer((client) => {
    const upstream = connectTcp(target.port, target.host);
    const prepared = new Map<string, string>();
    const entryOf = (sql: string) => {
      const entry = captured.get(sql) ?? { sql, params: [], executions: 0, parses: 0 };
      captured.set(sql, entry);
      return entry;
    };
    const parse = createFrontendParser((type, payload) => {
      if (type === 'P') {
        const [name, afterName] = readCString(payload, 0);
        const sql = readCString(payload, afterName)[0];
        prepared.set(name, sql);
        entryOf(sql).parses += 1;
      } else if (type === 'B') {
        const { statement, params } = decodeBind(payload);
        const sql = prepared.get(statement);
        if (sql === undefined) return;
        const entry = entryOf(sql);
        entry.params = params;
        entry.executions += 1;
      } else if (type === 'S' || type === 'H' || type === 'Q') {
        roundTrips += 1;
      }
    });
    client.on('data', (chunk: Buffer) => {
      parse(chunk);
      upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    statements: () => [...captured.values()],
    roundTrips: () => roundTrips,
    reset() {
      captured.clear();
      roundTrips = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.unref();
      }),
  };
}
