import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApiDocument } from '../../src/openapi/openapi-document';
import { startTestServer, type TestServer } from '../support';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const get = (path: string) => fetch(`${server.baseUrl}${path}`, { redirect: 'manual' });

/** Every script and stylesheet (and icon) the page loads. */
function assetUrls(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)=["']([^"']+)["']/g)].map(
    (match) => match[1] ?? '',
  );
}

describe('GET /docs', () => {
  it('redirects to /docs/, where the page loads its assets by relative URLs', async () => {
    const response = await get('/docs');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/docs/');
  });

  it('serves the Swagger UI page without a token', async () => {
    const response = await get('/docs/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<title>Fin X Market Segments API reference</title>');
    expect(html).toContain('<div id="swagger-ui"></div>');
  });

  it('loads every asset from this server (nothing from another host: it works offline)', async () => {
    const html = await (await get('/docs/')).text();
    const assets = assetUrls(html);
    expect(assets).toEqual(
      expect.arrayContaining(['./swagger-ui.css', './swagger-ui-bundle.js', './swagger-ui-init.js']),
    );
    for (const asset of assets) {
      expect(asset, 'a relative URL').toMatch(/^\.\/[\w.-]+$/);
      const response = await get(`/docs/${asset.slice(2)}`);
      expect(response.status, asset).toBe(200);
      expect((await response.arrayBuffer()).byteLength, asset).toBeGreaterThan(0);
    }
    expect(html).not.toMatch(/(?:src|href)=["'](?:https?:)?\/\//);
  });

  it('builds the page from the same document as /openapi.json, with no online validator', async () => {
    const script = await (await get('/docs/swagger-ui-init.js')).text();
    const options = /var options = (\{[\s\S]*?\});\n/.exec(script)?.[1];
    expect(options).toBeDefined();
    const parsed = JSON.parse(options ?? '{}') as {
      swaggerDoc: unknown;
      customOptions: { validatorUrl: unknown };
    };
    expect(parsed.swaggerDoc).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
    expect(parsed.customOptions.validatorUrl).toBeNull();
  });

  it.each(['/docs/nope.js', '/docs/package.json'])(
    'answers %s with the JSON 404, not the page',
    async (path) => {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toMatchObject({ type: 'not_found' });
    },
  );
});
