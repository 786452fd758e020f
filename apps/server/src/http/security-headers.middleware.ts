import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * helmet's security headers on every response (CSP, nosniff, frame and referrer policies, HSTS...).
 * Its default CSP suits /docs: Swagger UI loads only its own scripts and stylesheets from this
 * server (inline styles are allowed by the default `style-src`). `upgrade-insecure-requests` is
 * left out: the server also runs on plain HTTP (development, the docker-compose setup), where it
 * would turn /docs's asset requests into https:// requests that fail.
 */
export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  });
}
