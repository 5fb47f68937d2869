// The home page in Debian's Chromium: NHS.UK frame, styles loaded, no axe
// violations, and it still renders with JavaScript off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startServer, repoRoot } from '../lib/server.mjs';
import { launchBrowser, checkAxe, formatViolations } from '../lib/browser.mjs';

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('home page renders the NHS.UK frame and passes axe', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const failedRequests = [];
  const consoleErrors = [];
  page.on('requestfailed', (r) => failedRequests.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) failedRequests.push(`${r.url()} ${r.status()}`); });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(`${m.text()} ${m.location()?.url ?? ''}`.trim()); });
  page.on('pageerror', (e) => consoleErrors.push(e.message));

  const res = await page.goto(`${server.url}/`, { waitUntil: 'load' });
  assert.equal(res.status(), 200);
  assert.match(await page.title(), /Waymark/);

  const serviceName = page.locator('header.nhsuk-header .nhsuk-header__service-name');
  assert.equal(await serviceName.count(), 1, 'one service name in the header');
  assert.ok(await serviceName.isVisible(), 'service name visible');
  assert.match(await serviceName.innerText(), /Waymark/);

  const skip = page.locator('a.nhsuk-skip-link[href="#maincontent"]');
  assert.equal(await skip.count(), 1, 'skip link to #maincontent');
  assert.equal(await page.locator('main#maincontent').count(), 1, 'main#maincontent');
  assert.equal(await page.locator('h1').count(), 1, 'exactly one h1');

  // The NHS.UK CSS loaded: the header is NHS blue, and the body font is the
  // design system's stack rather than the browser's default serif.
  const headerBg = await page.locator('header.nhsuk-header').evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(headerBg, 'rgb(0, 94, 184)', `header background is NHS blue (got ${headerBg})`);
  const bodyFont = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert.match(bodyFont, /Frutiger|Arial/, `body font from nhsuk CSS (got ${bodyFont})`);
  // waymark.css loaded too.
  const sheets = await page.evaluate(() => [...document.styleSheets].map((s) => s.href));
  assert.ok(sheets.some((h) => h?.endsWith('/static/css/waymark.css')), `waymark.css linked (${sheets})`);

  assert.deepEqual(failedRequests, [], 'every request for the page and its assets succeeded');
  assert.deepEqual(consoleErrors, [], 'no console errors (CSP violations, script errors)');

  const violations = await checkAxe(page);
  assert.equal(violations.length, 0, formatViolations(violations, '/'));

  // Kept for a person to look at: build/screenshots/home.png.
  await mkdir(path.join(repoRoot, 'build', 'screenshots'), { recursive: true });
  await page.screenshot({ path: path.join(repoRoot, 'build', 'screenshots', 'home.png'), fullPage: true });
  await context.close();
});

test('home page works without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const res = await page.goto(`${server.url}/`);
  assert.equal(res.status(), 200);
  const h1 = page.locator('main#maincontent h1');
  assert.equal(await h1.count(), 1);
  assert.ok(await h1.isVisible(), 'main heading visible without JS');
  assert.notEqual((await h1.innerText()).trim(), '');
  assert.ok(await page.locator('header.nhsuk-header .nhsuk-header__service-name').isVisible());
  await context.close();
});
