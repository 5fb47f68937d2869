// Accounts in the browser, every page checked by axe: an
// invitee chooses their password through the link the administrator was
// shown; a user changes their password and revokes an API token on their
// account page; the programme lead sees the new grant of personal data.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, runCli } from '../lib/server.mjs';
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

async function signedIn(email, password = 'demo-password-1') {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.equal(new URL(page.url()).pathname, '/');
  return { context, page };
}

test('an invited coordinator chooses their own password and the programme lead sees the grant', async () => {
  const admin = await signedIn('admin@demo.waymark.test');
  await admin.page.goto(`${server.url}/admin/users/new`);
  await assertNoAxeViolations(admin.page, 'add a user');
  await admin.page.getByLabel('Full name').fill('Iris Invited');
  await admin.page.getByLabel('Email address').fill('iris@example.org');
  await admin.page.getByLabel('Role').selectOption('hub_coordinator');
  await admin.page.getByLabel('Organisation').selectOption({ label: 'Community Action Norfolk' });
  await admin.page.getByRole('button', { name: 'Add user' }).click();
  await assertNoAxeViolations(admin.page, 'the invitation link');
  const link = await admin.page.locator('#invitation-link').innerText();
  await admin.context.close();

  const invitee = await browser.newContext();
  const page = await invitee.newPage();
  await page.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
  assert.equal(await page.locator('h1').innerText(), 'Choose your password');
  await assertNoAxeViolations(page, 'choose your password');
  await page.getByLabel('New password', { exact: true }).fill('iris-own-password');
  await page.getByLabel('New password again').fill('iris-own-passwor');
  await page.getByRole('button', { name: 'Save password' }).click();
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Enter the same password again/);
  await assertNoAxeViolations(page, 'choose your password with an error');
  await page.getByLabel('New password', { exact: true }).fill('iris-own-password');
  await page.getByLabel('New password again').fill('iris-own-password');
  await page.getByRole('button', { name: 'Save password' }).click();
  assert.equal(new URL(page.url()).pathname, '/login');
  await page.getByLabel('Email address').fill('iris@example.org');
  await page.getByLabel('Password').fill('iris-own-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Iris Invited');
  await invitee.close();

  const lead = await signedIn('lead@demo.waymark.test');
  const grants = lead.page.locator('table', { hasText: 'given access to personal data' });
  assert.match(await grants.innerText(), /iris@example\.org\s+Hub coordinator\s+Community Action Norfolk\s+Alex Adeyemi/);
  await assertNoAxeViolations(lead.page, 'programme lead home page with grants');
  await lead.context.close();
});

test('a user revokes a token and changes their password on their account page', async () => {
  const { stdout } = await runCli(['token', 'create', '--db', server.dbPath, '--user', 'lww@demo.waymark.test', '--name', 'my laptop']);
  const token = stdout.trim();
  const status = async () => (await fetch(`${server.url}/api/v1/cases`, { headers: { authorization: `Bearer ${token}` } })).status;
  assert.equal(await status(), 200);
  const { context, page } = await signedIn('lww@demo.waymark.test');
  await page.getByRole('link', { name: 'Your account' }).first().click();
  assert.equal(await page.locator('h1').innerText(), 'Your account');
  await assertNoAxeViolations(page, 'your account');
  await page.getByRole('button', { name: 'Revoke the token my laptop' }).click();
  assert.match(await page.locator('table').innerText(), /my laptop[^\n]*Revoked/);
  assert.equal(await status(), 401);

  await page.getByRole('link', { name: 'Change your password' }).click();
  await assertNoAxeViolations(page, 'change your password');
  await page.getByLabel('Current password').fill('not my password');
  await page.getByLabel('New password', { exact: true }).fill('lucy-new-password');
  await page.getByLabel('New password again').fill('lucy-new-password');
  await page.getByRole('button', { name: 'Change password' }).click();
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /current password is not right/);
  await assertNoAxeViolations(page, 'change your password with an error');
  await page.getByLabel('Current password').fill('demo-password-1');
  await page.getByLabel('New password', { exact: true }).fill('lucy-new-password');
  await page.getByLabel('New password again').fill('lucy-new-password');
  await page.getByRole('button', { name: 'Change password' }).click();
  assert.equal(new URL(page.url()).pathname, '/account');
  await context.close();
  const again = await signedIn('lww@demo.waymark.test', 'lucy-new-password');
  await again.context.close();
});
