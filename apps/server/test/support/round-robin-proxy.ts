import { createServer, request, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Connection-level headers that a proxy must not forward (RFC 9110, section 7.6.1). */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

export interface RoundRobinProxy {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  close(): Promise<void>;
}

/** Header on every proxied response: the index of the upstream that answered it. */
export const UPSTREAM_HEADER = 'x-upstream';

/**
 * A small load balancer for tests, as nginx is in docker-compose.yml: requests go to the upstreams
 * in turn (strictly alternating when sent one at a time); an unreachable upstream is a 502.
 */
export function startRoundRobinProxy(upstreams: readonly string[]): Promise<RoundRobinProxy> {
  let next = 0;
  const server = createServer((req, res) => {
    const index = next;
    next = (next + 1) % upstreams.length;
    const target = new URL(req.url ?? '/', upstreams[index]);
    const outgoing = request(
      target,
      { method: req.method, headers: { ...endToEnd(req.headers), host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, {
          ...endToEnd(answer.headers),
          [UPSTREAM_HEADER]: String(index),
        });
        answer.pipe(res);
      },
    );
    outgoing.on('error', () => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(502, { 'content-type': 'application/json', [UPSTREAM_HEADER]: String(index) });
      res.end(JSON.stringify({ type: 'api_error', message: `Upstream ${index} is unreachable` }));
    });
    req.pipe(outgoing);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
