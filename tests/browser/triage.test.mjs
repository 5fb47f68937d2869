// Acceptance: a hub coordinator triages the oldest referral, overrides the
// suggestion with a reason, and sees it allocated to a worker, with axe
// checking every page; the same works without JavaScript. Also the programme
// lead's rules editor and the follow-up KPI page. (axe needs JavaScript, so
// the pages are checked in the JavaScript context.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, assertNoAxeViolations } from '../lib/browser.mjs';
import { importReferrals, tokenFor } from '../lib/referrals.mjs';

let server;
let browser;
before(async () => {
  server = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } });
  browser = await launchBrowser();
  // Received a month ago, so it is the oldest referral waiting: a self-referral,
  // which the rules signpost, from a patient of a Breckland cluster practice.
  const daysAgo = (d) => new Date(Date.now() - d * 86400_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const fields = { reasons: 'loneliness;social_isolation', 'person.practice': 'SPBRK01', 'person.postcode': 'IP24 1AB' };
  await importReferrals(server, await tokenFor(server, 'hub@demo.waymark.test'), [
    { given: 'Olive', family: 'Oldest', received_at: daysAgo(30), fields },
    { given: 'Oscar', family: 'Older', received_at: daysAgo(29), fields },
  ]);
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page, email) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('demo-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('a coordinator triages the oldest referral, overriding the suggestion, and sees it allocated', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'hub@demo.waymark.test');
  assert.match(await page.locator('main').innerText(), /24-hour follow-up watch/);
  await assertNoAxeViolations(page, 'hub coordinator home with the breach watch');

  await page.getByRole('link', { name: 'Triage queue' }).first().click();
  await assertNoAxeViolations(page, 'triage queue');
  const first = page.locator('table tbody tr').first();
  assert.equal(await first.locator('td').nth(1).innerText(), 'Olive Oldest');
  assert.match(await first.innerText(), /Breached/);
  await first.getByRole('link').first().click();

  assert.match(await page.locator('h1').innerText(), /^Triage WM-/);
  const inset = await page.locator('.nhsuk-inset-text').first().innerText();
  assert.match(inset, /Signpost \(information only\)/);
  assert.match(inset, /rules version 1/);
  // How to reach the person, and what the referrer sent, are on the page that must call them within 24 hours.
  const contact = await page.locator('#contact-list').innerText();
  assert.match(contact, /Phone\s+01502 555 0199/);
  assert.match(contact, /Preferred way to be contacted/);
  assert.match(contact, /NHS number/);
  const sent = await page.locator('#referral-list').innerText();
  assert.match(sent, /Reasons for the referral\s+Loneliness; Social isolation/);
  assert.match(sent, /Consent\s+Agrees to this referral: Yes/);
  assert.match(await page.locator('main').innerText(), /Date of birth\s+15 Jun 1950 \(age \d+\)/);
  await assertNoAxeViolations(page, 'triage page');

  // Override without a reason: the error summary says what is missing.
  await page.getByLabel('Social prescribing (Living Well Worker)').check();
  await page.getByRole('button', { name: 'Save triage' }).click();
  assert.match(await page.title(), /^Error: /);
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /reason for choosing Social prescribing/);
  await assertNoAxeViolations(page, 'triage page with an error');
  assert.equal(await page.getByLabel('Social prescribing (Living Well Worker)').isChecked(), true);

  await page.getByLabel('Reason for overriding the suggestion').fill('Lonely and isolated since a fall; needs a Living Well Worker, not a leaflet.');
  await page.getByRole('button', { name: 'Save triage' }).click();
  assert.match(await page.locator('#success-banner').innerText(), /Triage saved/);
  const summary = await page.locator('main').innerText();
  assert.match(summary, /Decision\s+Suggestion overridden/);
  assert.match(summary, /Reason for overriding\s+Lonely and isolated since a fall/);
  assert.match(summary, /Worker\s+Lucy Walker/);
  assert.match(summary, /Organisation\s+Breckland Community Support/);
  assert.match(summary, /Status\s+Allocated/);
  await assertNoAxeViolations(page, 'triaged and allocated referral');

  // The first contact is recorded on the same page.
  await page.getByLabel('Outcome').selectOption('no_answer');
  await page.getByRole('button', { name: 'Record contact' }).click();
  assert.match(await page.locator('#success-banner').innerText(), /Contact recorded/);
  assert.match(await page.locator('#contacts + table').innerText(), /No answer/);
  await assertNoAxeViolations(page, 'triage page after recording a contact');

  // It has left the queue.
  await page.goto(`${server.url}/triage`);
  assert.doesNotMatch(await page.locator('main').innerText(), /Olive Oldest/);
  await context.close();
});

test('the same without JavaScript: the next oldest referral is triaged and a contact recorded', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'hub@demo.waymark.test');
  await page.goto(`${server.url}/triage`);
  const first = page.locator('table tbody tr').first();
  assert.equal(await first.locator('td').nth(1).innerText(), 'Oscar Older');
  await first.getByRole('link').first().click();
  await page.getByLabel('Social prescribing (Living Well Worker)').check();
  await page.getByLabel('Reason for overriding the suggestion').fill('Needs regular support to rebuild contacts.');
  await page.getByRole('button', { name: 'Save triage' }).click();
  const summary = await page.locator('main').innerText();
  assert.match(summary, /Decision\s+Suggestion overridden/);
  assert.match(summary, /Worker\s+Lucy Walker/);
  await page.getByLabel('Outcome').selectOption('successful');
  await page.getByLabel('How').selectOption('telephone');
  // The time as people type it.
  await page.getByLabel('Time (UK)').fill('');
  await page.getByRole('button', { name: 'Record contact' }).click();
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Enter the (date|time) of the contact/);
  await page.getByLabel('Outcome').selectOption('successful');
  await page.getByLabel('How').selectOption('telephone');
  const local = new Date(Date.now() - 5 * 60_000).toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: 'numeric', minute: '2-digit', hour12: true }).replace(' ', '');
  await page.getByLabel('Time (UK)').fill(local);
  await page.getByRole('button', { name: 'Record contact' }).click();
  assert.match(await page.locator('#success-banner').innerText(), /Contact recorded/);
  assert.match(await page.locator('#contacts + table').innerText(), /Telephone\s+Successful contact\s+Hana Hughes/);
  assert.match(await page.locator('main').innerText(), /Follow-up\s+Contacted/);
  await context.close();
});

test('the programme lead edits the rules: problems are listed, a valid change saves a new version', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'lead@demo.waymark.test');
  await page.getByRole('link', { name: 'Triage rules' }).first().click();
  await assertNoAxeViolations(page, 'rules editor');
  const box = page.getByLabel('Rules (JSON)');
  const doc = JSON.parse(await box.inputValue());
  assert.equal(doc.version, 1);

  const bad = structuredClone(doc);
  bad.version = 2;
  bad.rules[0].tier = 'befriending';
  await box.fill(JSON.stringify(bad, null, 2));
  await page.getByRole('button', { name: 'Save a new version' }).click();
  assert.match(await page.title(), /^Error: /);
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /rules\[0\]\.tier: rule 0: unknown tier 'befriending'/);
  await assertNoAxeViolations(page, 'rules editor with errors');

  doc.version = 2;
  doc.rules[0].reason = 'Safeguarding first: complex support.';
  await page.getByLabel('Rules (JSON)').fill(JSON.stringify(doc, null, 2));
  await page.getByRole('button', { name: 'Save a new version' }).click();
  assert.match(await page.locator('.nhsuk-inset-text').innerText(), /Version 2 saved/);
  assert.match(await page.getByRole('table', { name: /Versions of the triage rules/ }).innerText(), /2\s.*In force/);
  await context.close();
});

test('the follow-up KPI page shows the figures and names a bad date', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'commissioner@demo.waymark.test');
  await page.getByRole('link', { name: 'Follow-up KPI' }).first().click();
  assert.match(await page.locator('#kpi-figures').innerText(), /Received/);
  await assertNoAxeViolations(page, 'KPI page');
  const from = page.getByRole('group', { name: 'From' });
  await from.getByLabel('Day').fill('30');
  await from.getByLabel('Month').fill('2');
  await from.getByLabel('Year').fill('2026');
  await page.getByRole('button', { name: 'Show figures' }).click();
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Enter the first day as a real date/);
  await assertNoAxeViolations(page, 'KPI page with an error');
  await context.close();
});
