import type { Express } from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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

export function listen(app: Express, port: number, host?: string): Promise<RunningServer> {
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, app);
  // Requests Node's parser rejects never reach Express: answer them with the JSON envelope too.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return;
    const known = CLIENT_ERROR_RESPONSES[error.code ?? ''];
    const { status, reason, message } = known ?? {
      status: 400,
      reason: 'Bad Request',
      message: 'Malformed HTTP request',
    };
    const requestId = newRequestId();
    const body = JSON.stringify({ type: 'invalid_request', message, request_id: requestId });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `X-Request-Id: ${requestId}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
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
