import { connect } from 'node:net';

export interface RawRequest {
  method: string;
  /** The request target exactly as it goes on the wire (no escaping is applied). */
  target: string;
  /** Header lines sent verbatim, in order, repeats allowed; values may hold any bytes. */
  headers?: readonly (readonly [string, string | Buffer])[];
  body?: Buffer | string;
  /** Adds `Host` and `Connection: close` (default true). */
  addDefaultHeaders?: boolean;
}

export interface RawResponse {
  status: number;
  /** Header names lower-cased; a repeated header keeps its last value. */
  headers: Record<string, string>;
  body: Buffer;
  text: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const RESPONSE_TIMEOUT_MS = 15_000;

function decodeChunked(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset);
    if (lineEnd === -1) throw new Error('truncated chunked body');
    const size = Number.parseInt(data.subarray(offset, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size)) throw new Error('bad chunk size');
    if (size === 0) return Buffer.concat(parts);
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
}

function parseResponse(data: Buffer, method: string): RawResponse {
  // Skip interim responses (100 Continue): the final one follows.
  while (/^HTTP\/1\.[01] 1\d\d /.test(data.subarray(0, 16).toString('latin1'))) {
    const interimEnd = data.indexOf(HEADER_END);
    if (interimEnd === -1) break;
    data = data.subarray(interimEnd + HEADER_END.length);
  }
  const headerEnd = data.indexOf(HEADER_END);
  if (headerEnd === -1)
    throw new Error(`no complete response head in ${JSON.stringify(data.toString('latin1'))}`);
  const [statusLine = '', ...lines] = data.subarray(0, headerEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  if (!Number.isInteger(status)) throw new Error(`bad status line ${JSON.stringify(statusLine)}`);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = data.subarray(headerEnd + HEADER_END.length);
  let body: Buffer;
  if (method === 'HEAD' || status === 204 || status === 304) body = Buffer.alloc(0);
  else if (headers['transfer-encoding']?.toLowerCase() === 'chunked') body = decodeChunked(rest);
  else if (headers['content-length'] !== undefined)
    body = rest.subarray(0, Number(headers['content-length']));
  else body = rest;
  return { status, headers, body, text: body.toString('utf8') };
}

/**
 * Sends one HTTP/1.1 request over a fresh TCP connection, byte for byte as given, and reads the
 * response until the server closes the connection. For inputs that fetch and node:http refuse to
 * send (control characters in header values, malformed escapes in the path, unknown methods...).
 */
export function sendRaw(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const lines: Buffer[] = [Buffer.from(`${request.method} ${request.target} HTTP/1.1\r\n`, 'latin1')];
  if (request.addDefaultHeaders !== false) {
    lines.push(Buffer.from(`Host: ${hostname}:${port}\r\nConnection: close\r\n`, 'latin1'));
  }
  for (const [name, value] of request.headers ?? []) {
    lines.push(Buffer.from(`${name}: `, 'latin1'), Buffer.from(value), Buffer.from('\r\n'));
  }
  lines.push(Buffer.from('\r\n'));
  if (request.body !== undefined) lines.push(Buffer.from(request.body));
  const bytes = Buffer.concat(lines);

  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname);
    const finish = (error?: Error) => {
      const data = Buffer.concat(chunks);
      try {
        resolve(parseResponse(data, request.method));
      } catch (parseError) {
        reject(error ?? parseError);
      }
    };
    // Written, not ended: like a real client, keep the connection open until the server closes it
    // (Connection: close). A request the server never sees complete times out instead.
    socket.on('connect', () => socket.write(bytes));
    socket.setTimeout(RESPONSE_TIMEOUT_MS, () => socket.destroy(new Error('no response within the timeout')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may reset the connection after answering early (e.g. 413 before the body is read).
    socket.on('error', (error) => finish(error));
    socket.on('close', (hadError) => {
      if (!hadError) finish();
    });
  });
}
