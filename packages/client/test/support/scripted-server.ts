import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** performance.now() when the request had fully arrived. */
  readonly receivedAt: number;
}

/** What the server does with one request: answer, drop the connection, or never answer. */
export type Reply =
  | { readonly status: number; readonly headers?: Record<string, string>; readonly body?: unknown }
  | 'drop-connection'
  | 'never-answer';

export interface ScriptedServer {
  readonly baseUrl: string;
  readonly received: ReceivedRequest[];
  /** Sets the replies for the next requests, in order; once they run out every request gets `fallback`. */
  script(replies: Reply[], fallback?: Reply): void;
  close(): Promise<void>;
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body });

/** An error reply in the API's envelope. */
export function apiErrorReply(status: number, type: string, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers,
    body: { type, message: `scripted ${type}`, request_id: `req_scripted${status}` },
  };
}

function send(res: ServerResponse, reply: Exclude<Reply, string>): void {
  const text = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...(text === '' ? {} : { 'content-type': 'application/json' }),
    ...reply.headers,
  });
  res.end(text);
}

/** A small local HTTP server that answers from a script, to drive the client's retries. */
export async function startScriptedServer(): Promise<ScriptedServer> {
  const received: ReceivedRequest[] = [];
  let replies: Reply[] = [];
  let fallback: Reply = {
    status: 500,
    body: { type: 'api_error', message: 'no scripted reply', request_id: 'req_x' },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAt: performance.now(),
      });
      const reply = replies.shift() ?? fallback;
      if (reply === 'drop-connection') req.socket.destroy();
      else if (reply !== 'never-answer') send(res, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    received,
    script(next, nextFallback) {
      received.length = 0;
      replies = [...next];
      if (nextFallback !== undefined) fallback = nextFallback;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
