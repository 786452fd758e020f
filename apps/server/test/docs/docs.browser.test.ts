import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, createSegment, startTestServer, type TestServer } from '../support';
import { CHROMIUM_PATH, hasChromium, launchChromium } from '../support/headless-chromium';

// Git-ignored (test-results/ at the repository root): look at it after a run.
const SCREENSHOT = fileURLToPath(new URL('../../../../test-results/docs/api-reference.png', import.meta.url));

if (!hasChromium) {
  console.warn(
    `SKIPPED the /docs browser test: no Chromium at ${CHROMIUM_PATH} ` +
      '(install it with `apt-get install -y chromium`, or set CHROMIUM_PATH).',
  );
}

const OPERATIONS = [
  ['GET', '/v1/market-segments', 'List all market segments'],
  ['POST', '/v1/market-segments', 'Create a market segment'],
  ['GET', '/v1/market-segments/{id}', 'Retrieve a market segment'],
  ['PUT', '/v1/market-segments/{id}', 'Update a market segment'],
  ['DELETE', '/v1/market-segments/{id}', 'Delete a market segment'],
];

describe.skipIf(!hasChromium)('the /docs page in Chromium', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  /** Requests the page tried to send anywhere but our server (all blocked, as with no internet). */
  const outside: string[] = [];
  const apiRequests: { url: string; authorization: string | undefined }[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const origin = new URL(server.baseUrl).origin;
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('data:') || new URL(url).origin === origin) return route.continue();
      outside.push(url);
      return route.abort('internetdisconnected');
    });
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/v1/')) {
        apiRequests.push({ url: request.url(), authorization: request.headers()['authorization'] });
      }
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows the five operations, sends an authenticated request from the page and shows the response', async () => {
    await createSegment(apiClient(server.baseUrl, server.token), {
      name: 'Tech Enthusiasts',
      criteria: 'Customers interested in technology products',
      description: 'Segment of customers who frequently purchase technology products.',
    });
    await page.goto(`${server.baseUrl}/docs`);

    const operations = page.locator('.opblock');
    await operations.nth(OPERATIONS.length - 1).waitFor();
    expect(await operations.count()).toBe(OPERATIONS.length);
    const shown = await operations.evaluateAll((blocks) =>
      blocks.map((block) =>
        ['.opblock-summary-method', '.opblock-summary-path', '.opblock-summary-description'].map(
          (selector) =>
            block
              .querySelector(selector)
              ?.textContent?.replace(/\u200b/g, '')
              .trim() ?? '',
        ),
      ),
    );
    expect(shown).toEqual(OPERATIONS);

    await page.locator('button.authorize').first().click();
    await page.locator('.auth-container input').fill(server.token);
    await page.locator('.auth-container button[type="submit"]').click();
    await page.locator('.auth-container button', { hasText: 'Close' }).click();

    const list = page.locator('#operations-Market_segments-list');
    await list.locator('.opblock-summary').click();
    await list.locator('button.try-out__btn').click();
    await list.locator('button.execute').click();
    const status = list.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor();
    expect((await status.innerText()).trim()).toBe('200');
    const body = await list
      .locator('.live-responses-table .response-col_description pre')
      .first()
      .innerText();
    expect(JSON.parse(body)).toMatchObject({
      has_more: false,
      data: [{ name: 'Tech Enthusiasts', criteria: 'Customers interested in technology products' }],
    });
    expect(apiRequests).toEqual([
      { url: `${server.baseUrl}/v1/market-segments?limit=10`, authorization: `Bearer ${server.token}` },
    ]);

    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
    expect(outside).toEqual([]);
  }, 120_000);
});
