// The community service directory and the discharge board in a real
// browser: a link worker searches without JavaScript (the search is a GET
// form, so the results page is a link), opens a service; with ?case=ID every
// service has a Refer on button for that case; a hub coordinator adds a
// service (errors first) and changes its capacity; a provider manager of
// another organisation may only suggest a change to a listing, which the
// owner (here the hub, for a demo listing) accepts; the discharge team sees
// its board. axe checks every page.
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

// axe needs scripts to run, so pages met without JavaScript are checked
// again, at the same address, in a signed-in context with JavaScript.
async function axeAt(email, urls) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  await signIn(page, email);
  for (const [label, url] of urls) {
    await page.goto(url);
    await assertNoAxeViolations(page, label);
  }
  await context.close();
}

async function signIn(page, email) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('demo-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a link worker searches the directory without JavaScript and opens a service', async () => {
  const seen = [];
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  await signIn(page, 'lww@demo.waymark.test');
  await page.getByRole('link', { name: 'Services' }).first().click();
  assert.equal(new URL(page.url()).pathname, '/directory');
  assert.match(await page.locator('.waymark-count').innerText(), /^30 services found/);
  seen.push(['directory', page.url()]);

  await page.getByLabel('Search words').fill('befriending');
  await page.getByLabel('Area served').selectOption({ label: 'Breckland' });
  await page.getByRole('button', { name: 'Search' }).click();
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('q'), 'befriending');
  assert.equal(url.searchParams.get('area'), 'breckland');
  assert.match(await page.locator('.waymark-count').innerText(), /^2 services found/);
  const results = await page.locator('.waymark-results h3').allInnerTexts();
  assert.deepEqual(results, ['Home visiting befriending', 'Telephone befriending']);
  assert.equal(await page.getByRole('button', { name: /Refer on/ }).count(), 0, 'no case, no Refer on');
  seen.push(['directory results', page.url()]);

  await page.getByLabel('Category').selectOption({ label: 'Bereavement' });
  await page.getByRole('button', { name: 'Search' }).click();
  assert.match(await page.locator('.waymark-count').innerText(), /No services match/);

  await page.goto(`${server.url}/directory?q=lunch`);
  await page.getByRole('link', { name: 'Friday lunch club' }).click();
  assert.match(await page.locator('h1').innerText(), /Friday lunch club/);
  assert.match(await page.locator('main').innerText(), /demo listing: the organisation, service and contact details are fictional/);
  assert.match(await page.locator('.nhsuk-summary-list').innerText(), /Food and meals/);
  seen.push(['service page', page.url()]);

  // Chosen for a case: each service opens the case's onward form with its service_id.
  await page.goto(`${server.url}/directory?case=42&category=befriending`);
  const forms = page.locator('form[action="/cases/42/onward"]');
  assert.ok(await forms.count() >= 3);
  assert.ok(await forms.first().locator('input[name="service_id"]').getAttribute('value'));
  // It only opens the onward form, which names the service and asks first: a GET, nothing stored.
  assert.equal(await forms.first().getAttribute('method'), 'get');
  assert.equal(await page.locator('input[name="case"]').getAttribute('value'), '42');
  seen.push(['directory for a case', page.url()]);
  await context.close();
  await axeAt('lww@demo.waymark.test', seen);
});

test('a hub coordinator adds a service (every problem named first) and changes its capacity', async () => {
  const seen = [];
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  await signIn(page, 'hub@demo.waymark.test');
  await page.goto(`${server.url}/directory`);
  await page.getByRole('link', { name: 'Add a service' }).click();
  seen.push(['add a service', page.url()]);
  await page.getByLabel('Service name').fill('Swaffham Repair Cafe');
  await page.getByLabel('Website').fill('not a website');
  await page.getByRole('button', { name: 'Add the service' }).click();
  assert.match(await page.title(), /^Error: /);
  const summary = await page.locator('.nhsuk-error-summary').innerText();
  for (const want of [/Enter the organisation/, /Enter the description/, /Choose at least one of the categories/,
    /Choose at least one of the areas served/, /Website must be a web address/]) assert.match(summary, want);

  await page.getByLabel('Organisation').fill('Swaffham Fixers');
  await page.getByLabel('Description').fill('Bring broken things; volunteers mend them with you over tea.');
  await page.getByLabel('Practical help at home').check();
  await page.getByLabel('Breckland').check();
  await page.getByLabel('Website').fill('https://swaffham-fixers.example.org');
  await page.getByLabel('Limited capacity').check();
  await page.getByRole('button', { name: 'Add the service' }).click();
  assert.match(new URL(page.url()).pathname, /^\/directory\/services\/\d+$/);
  assert.match(await page.locator('h1').innerText(), /Swaffham Repair Cafe/);
  assert.match(await page.locator('main').innerText(), /Limited capacity/);

  await page.getByRole('link', { name: /Change this service/ }).click();
  await page.getByLabel('Waiting list').check();
  await page.getByLabel('Capacity note').fill('About 2 weeks');
  await page.getByRole('button', { name: 'Save changes' }).click();
  assert.match(await page.locator('main').innerText(), /Waiting list About 2 weeks/);
  seen.push(['service page after a change', page.url()]);
  await context.close();
  await axeAt('hub@demo.waymark.test', seen);
});

test('another organisation suggests a change without JavaScript; the owner accepts it on the edit page', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  await signIn(page, 'manager2@demo.waymark.test');
  await page.goto(`${server.url}/directory?q=memory+cafe`);
  await page.getByRole('link', { name: 'Memory cafe' }).click();
  const service = page.url();
  assert.match(await page.locator('main').innerText(), /Listed by Community Action Norfolk/);
  await page.getByRole('link', { name: 'Suggest a change to this service' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Suggest a change to a service');
  await page.getByLabel('Closed to referrals').check();
  await page.getByLabel('Capacity note').fill('Closed over the summer');
  await page.getByRole('button', { name: 'Send the suggestion' }).click();
  assert.equal(page.url(), service);
  assert.doesNotMatch(await page.locator('main').innerText(), /Closed over the summer/, 'nothing changes until the owner accepts');
  await context.close();

  const hub = await (await browser.newContext()).newPage();
  hub.setDefaultTimeout(10000);
  await signIn(hub, 'hub@demo.waymark.test');
  await hub.goto(`${service}/edit`);
  const card = await hub.locator('.nhsuk-card').innerText();
  assert.match(card, /Suggested by Olu Bright \(West Norfolk Befriending\)/);
  assert.match(card, /Capacity\s+Closed to referrals/);
  assert.match(card, /Capacity note\s+Closed over the summer/);
  assert.doesNotMatch(card, /Service name/, 'only what changes');
  await assertNoAxeViolations(hub, 'edit page with a suggestion');
  await hub.getByRole('button', { name: 'Accept this suggestion' }).click();
  assert.doesNotMatch(await hub.locator('main').innerText(), /Suggested by/);
  await hub.goto(service);
  assert.match(await hub.locator('main').innerText(), /Closed over the summer/);
});

test('the add-a-service form with errors passes axe (with JavaScript)', async () => {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10000);
  await signIn(page, 'hub@demo.waymark.test');
  await page.goto(`${server.url}/directory/services/new`);
  await page.getByRole('button', { name: 'Add the service' }).click();
  assert.match(await page.title(), /^Error: /);
  await assertNoAxeViolations(page, 'add a service with errors');
});

test('the discharge team sees its board', async () => {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(10000);
  await signIn(page, 'discharge@demo.waymark.test');
  await page.getByRole('link', { name: 'Discharge board' }).first().click();
  assert.equal(await page.locator('h1').innerText(), 'Discharge board');
  await assertNoAxeViolations(page, 'discharge board');
  await page.getByLabel('Include closed and withdrawn referrals').check();
  await page.getByRole('button', { name: 'Show' }).click();
  assert.equal(new URL(page.url()).searchParams.get('include_closed'), 'yes');
  await assertNoAxeViolations(page, 'discharge board with closed referrals');
});
