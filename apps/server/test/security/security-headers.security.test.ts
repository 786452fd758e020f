import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createSegment, startTestServer, type Api, type TestServer } from '../support';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../support/headless-chromium';

if (!hasChromium) {
  console.warn(
    `SKIPPED the /docs-under-CSP browser check: no Chromium at ${CHROMIUM_PATH} ` +
      '(install it with `apt-get install -y chromium`, or set CHROMIUM_PATH). The HTTP checks still run.',
  );
}

let server: TestServer;
let api: Api;

beforeAll(async () => {
  server = await startTestServer();
  api = apiClient(server.baseUrl, server.token);
});
afterAll(() => server.close());

function expectSecurityHeaders(headers: Headers, what: string): void {
  const csp = headers.get('content-security-policy') ?? '';
  for (const directive of [
    "default-src 'self'",
    "script-src 'self'",
    "script-src-attr 'none'",
    "object-src 'none'",
    "frame-ancestors 'self'",
    "base-uri 'self'",
  ]) {
    expect(csp, `${what}: ${directive}`).toContain(directive);
  }
  expect(csp, what).not.toContain('upgrade-insecure-requests');
  expect(headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(headers.get('x-frame-options'), what).toBe('SAMEORIGIN');
  expect(headers.get('referrer-policy'), what).toBe('no-referrer');
  expect(headers.get('strict-transport-security'), what).toMatch(/^max-age=\d+/);
  expect(headers.get('cross-origin-opener-policy'), what).toBe('same-origin');
  expect(headers.get('cross-origin-resource-policy'), what).toBe('same-origin');
  expect(headers.get('x-powered-by'), what).toBeNull();
}

describe('security headers (helmet)', () => {
  it('are on every kind of response: success, error, service endpoints, docs', async () => {
    const segment = await createSegment(api);
    const responses = {
      'list 200': await api('/v1/market-segments'),
      'retrieve 200': await api(`/v1/market-segments/${segment.id}`),
      'create 201': await api('/v1/market-segments', {
        method: 'POST',
        json: { name: 'n', criteria: 'c', description: 'd' },
      }),
      'delete 204': await api(`/v1/market-segments/${segment.id}`, { method: 'DELETE' }),
      'invalid 400': await api('/v1/market-segments?limit=0'),
      'no token 401': await api('/v1/market-segments', { token: null }),
      'unknown route 404': await api('/nope'),
      'method 405': await api('/v1/market-segments', { method: 'PATCH' }),
      'media type 415': await api('/v1/market-segments', {
        method: 'POST',
        raw: 'x',
        headers: { 'content-type': 'text/plain' },
      }),
      healthz: await api('/healthz', { token: null }),
      'openapi.json': await api('/openapi.json', { token: null }),
      'docs page': await api('/docs/', { token: null }),
    };
    for (const [what, response] of Object.entries(responses)) expectSecurityHeaders(response.headers, what);
  });
});

describe('/docs under the Content-Security-Policy', () => {
  const get = (path: string) => fetch(`${server.baseUrl}${path}`);

  it('loads every script from this server (no inline script, which script-src would block)', async () => {
    const html = await (await get('/docs/')).text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes = '', content = ''] of scripts) {
      expect(attributes, 'every script has a src').toMatch(/\bsrc=["']\.\/[\w.-]+["']/);
      expect(content.trim(), 'and no inline code').toBe('');
    }
    expect(html, 'no inline event handlers (script-src-attr none)').not.toMatch(/\son[a-z]+=["']/i);
  });

  it('serves those scripts and stylesheets with the right content types; inline styles are allowed', async () => {
    const response = await get('/docs/');
    const html = await response.text();
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc=["']\.\/([\w.-]+)["']/g)].map((match) => match[1]);
    const styles = [
      ...html.matchAll(/<link\b[^>]*rel=["']stylesheet["'][^>]*href=["']\.\/([\w.-]+)["']/g),
    ].map((match) => match[1]);
    expect(scripts).toEqual(expect.arrayContaining(['swagger-ui-bundle.js', 'swagger-ui-init.js']));
    expect(styles).toEqual(['swagger-ui.css']);
    for (const file of scripts) {
      const asset = await get(`/docs/${file ?? ''}`);
      expect(asset.status, file).toBe(200);
      expect(asset.headers.get('content-type'), file).toMatch(/^(application|text)\/javascript/);
    }
    const css = await get('/docs/swagger-ui.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/^text\/css/);
    // The page has an inline <style>: the policy must allow it, or the layout breaks.
    if (/<style\b/.test(html)) {
      expect(response.headers.get('content-security-policy')).toMatch(/style-src [^;]*'unsafe-inline'/);
    }
  });

  describe.skipIf(!hasChromium)('in Chromium', () => {
    let browser: Browser | undefined;
    afterAll(() => browser?.close());

    it('renders with no CSP violation: the bundle runs and the stylesheet applies', async () => {
      browser = await launchChromium();
      const page = await browser.newPage();
      const violations: string[] = [];
      await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
      // Browser-side code as text: this project compiles without the DOM types.
      await page.addInitScript({
        content: `document.addEventListener('securitypolicyviolation', (event) =>
          window.reportViolation(event.violatedDirective + ' blocked ' + event.blockedURI));`,
      });
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      const response = await page.goto(`${server.baseUrl}/docs/`);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.locator('.opblock').first().waitFor();
      const state: unknown = await page.evaluate(`({
        bundleLoaded: typeof window.SwaggerUIBundle === 'function',
        stylesheetApplied: [...document.styleSheets].some(
          (sheet) => sheet.href?.endsWith('/docs/swagger-ui.css') && sheet.cssRules.length > 100,
        ),
      })`);
      expect(state).toEqual({ bundleLoaded: true, stylesheetApplied: true });
      expect(violations).toEqual([]);
    }, 120_000);
  });
});
