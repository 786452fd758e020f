import type { Express } from 'express';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { newRequestId } from './ids';

/** Room for a long criteria filter in the query string (10,000 characters, percent-encoded). */
const MAX_HEADER_BYTES = 128 * 1024;

const CLIENT_ERROR_RESPONSES: Record<string, { status: number; reason: string; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    reason: 'Request Header Fields Too Large',
    message: 'Request headers too large',
  },
  HPE_URI_TOO_LONG: { status: 414, reason: 'URI Too Long', message: 'Request URI too long' },
};

export interface RunningServer {
  server: Server;
  url: string;
  /** Stops accepting connections, lets requests in flight finish, closes idle keep-alive sockets. */
  close(): Promise<void>;
}

/** The JSON error envelope for the few answers written below Express (no app, no request id yet). */
function protocolError(message: string) {
  const requestId = newRequestId();
  const body = JSON.stringify({ type: 'invalid_request', message, request_id: requestId });
  const headers = {
    'Content-Type': 'application/json; charset=utf-8',
    'X-Request-Id': requestId,
    'Content-Length': String(Buffer.byteLength(body)),
    Connection: 'close',
  };
  return { headers, body };
}

function rawResponse(status: number, reason: string, message: string): string {
  const { headers, body } = protocolError(message);
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${status} ${reason}\r\n${lines.join('')}\r\n${body}`;
}

function sendProtocolError(res: ServerResponse, status: number, message: string): void {
  const { headers, body } = protocolError(message);
  res.writeHead(status, headers).end(body);
}

export function listen(app: Express, port: number, host?: string): Promise<RunningServer> {
  // Node would answer a missing Host, an unknown Expect and CONNECT itself, without a JSON body.
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, requireHostHeader: false }, (req, res) => {
    if (req.httpVersion === '1.1' && req.headers.host === undefined) {
      sendProtocolError(res, 400, 'The Host header is required');
      return;
    }
    app(req, res);
  });
  server.on('checkExpectation', (_req: IncomingMessage, res: ServerResponse) =>
    sendProtocolError(res, 417, 'Only "Expect: 100-continue" is supported'),
  );
  server.on('connect', (_req: IncomingMessage, socket: Duplex) =>
    socket.end(rawResponse(405, 'Method Not Allowed', 'CONNECT is not allowed here')),
  );
  // Requests Node's parser rejects never reach Express: answer them with the JSON envelope too.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return;
    const known = CLIENT_ERROR_RESPONSES[error.code ?? ''];
    const { status, reason, message } = known ?? {
      status: 400,
      reason: 'Bad Request',
      message: 'Malformed HTTP request',
    };
    socket.end(rawResponse(status, reason, message));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const { port: boundPort } = server.address() as AddressInfo;
      const urlHost = host === undefined || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      resolve({
        server,
        url: `http://${urlHost.includes(':') ? `[${urlHost}]` : urlHost}:${boundPort}`,
        close: () =>
          new Promise<void>((done) => {
            server.on('request', (_req, res) => res.setHeader('Connection', 'close'));
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
