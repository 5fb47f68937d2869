// Sign in through the page, land on the role's home page, sign out again;
// axe checks every page on the way, and a wrong password shows the error summary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, assertNoAxeViolations } from '../lib/browser.mjs';

let server;
let browser;
before(async () => {
  server = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('a hub coordinator signs in, sees their home page, and signs out', async () => {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${server.url}/`);
  await page.getByRole('link', { name: 'Sign in' }).first().click();
  await assertNoAxeViolations(page, 'sign-in page');

  await page.getByLabel('Email address').fill('hub@demo.waymark.test');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.match(await page.title(), /^Error: /);
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /email address or password is not right/);
  await assertNoAxeViolations(page, 'sign-in page with an error');

  await page.getByLabel('Password').fill('demo-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await page.locator('h1').innerText(), 'Hana Hughes');
  assert.match(await page.locator('main').innerText(), /Signed in as Hub coordinator/);
  await assertNoAxeViolations(page, 'hub coordinator home page');

  await page.getByRole('button', { name: 'Sign out' }).click();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0);
  assert.match(await page.locator('h1').innerText(), /Community support in Norfolk and Waveney/);
});

test('an administrator adds a user without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email address').fill('admin@demo.waymark.test');
  await page.getByLabel('Password').fill('demo-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto(`${server.url}/admin/users/new`);
  await page.getByLabel('Email address').fill('nadia@example.org');
  await page.getByLabel('Role').selectOption('volunteer');
  await page.getByLabel('Organisation').selectOption({ label: 'Breckland Community Support' });
  await page.getByRole('button', { name: 'Add user' }).click();
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Enter the person's full name/);
  await page.getByLabel('Full name').fill('Nadia Volunteer');
  await page.getByRole('button', { name: 'Add user' }).click();
  // No password is chosen for her: the page shows her invitation link once.
  assert.equal(await page.locator('h1').innerText(), 'User added');
  assert.match(await page.locator('#invitation-link').innerText(), /\/invitation\?token=[0-9a-f]{64}$/);
  await page.getByRole('link', { name: 'Back to users' }).click();
  assert.match(await page.locator('table').innerText(), /Nadia Volunteer/);
  await context.close();
});
