import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

/**
 * helmet's security headers on every response (CSP, nosniff, frame and referrer policies, HSTS...).
 * Its default CSP suits /docs: Swagger UI loads only its own scripts and stylesheets from this
 * server (inline styles are allowed by the default `style-src`). `upgrade-insecure-requests` is
 * left out: the server also runs on plain HTTP (development, the docker-compose setup), where it
 * would turn /docs's asset requests into https:// requests that fail.
 *
 * Our directives hold no per-request value (no nonce), so helmet runs once, at start, and every
 * response gets the headers it set: helmet's per-request work was a tenth of a request's CPU time
 * (bench/README.md).
 */
export function securityHeaders(): RequestHandler {
  const headers = computeHelmetHeaders();
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/** Records each header set on it, with its name as the caller spells it. */
class HeaderRecorder extends ServerResponse {
  readonly recorded = new Map<string, string>();

  override setHeader(name: string, value: number | string | readonly string[]): this {
    this.recorded.set(name, String(value));
    return super.setHeader(name, value);
  }
}

/** The headers helmet sets on a response. */
function computeHelmetHeaders(): [string, string][] {
  const response = new HeaderRecorder(new IncomingMessage(new Socket()));
  helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } })(
    response.req,
    response,
    (error?: unknown) => {
      if (error !== undefined) throw error;
    },
  );
  return [...response.recorded];
}
