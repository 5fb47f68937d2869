// Recruitment campaigns in a browser without JavaScript (axe checks the
// page in a JavaScript tab sharing the session, at 320 px): a coordinator
// adds a campaign (the error summary names a wrong field first), someone
// applies through its link, and the page counts the applicant; then the
// coordinator records training modules on a volunteer's page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, assertNoAxeViolations } from '../lib/browser.mjs';

let server;
let browser;
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

before(async () => {
  server = await startServer({ env: { WAYMARK_PWHASH_FAST: '1', WAYMARK_SELF_REFERRAL_MIN_SECONDS: '1' } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function check(context, url, label) {
  const twin = await browser.newContext({ storageState: await context.storageState(), viewport: { width: 320, height: 640 } });
  const page = await twin.newPage();
  await page.goto(url);
  await assertNoAxeViolations(page, label);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 320, `${label}: ${wide} px wide at 320`);
  await twin.close();
}

test('a coordinator adds a campaign, someone applies through its link, the page counts them', async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email address').fill('volco@demo.waymark.test');
  await page.getByLabel('Password').fill('demo-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto(`${server.url}/recruitment`);
  await page.getByLabel('Campaign name').fill('Library posters');
  await page.getByLabel('Area').selectOption('breckland');
  await page.getByLabel('Poster or leaflet').check();
  const [sy, sm, sd] = day(-2).split('-').map(Number);
  await page.locator('[name="start_date.day"]').fill(String(sd));
  await page.locator('[name="start_date.month"]').fill(String(sm));
  await page.locator('[name="start_date.year"]').fill(String(sy));
  await page.locator('[name="end_date.day"]').fill('not a date');
  await page.getByRole('button', { name: 'Add campaign' }).click();
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /end date/i);
  await check(ctx, `${server.url}/recruitment`, 'recruitment');
  const [ey, em, ed] = day(20).split('-').map(Number);
  await page.locator('[name="end_date.day"]').fill(String(ed));
  await page.locator('[name="end_date.month"]').fill(String(em));
  await page.locator('[name="end_date.year"]').fill(String(ey));
  await page.getByRole('button', { name: 'Add campaign' }).click();
  assert.match(await page.locator('.nhsuk-notification-banner, .nhsuk-panel, body').first().innerText(), /Campaign added/);
  const link = await page.getByRole('link', { name: /volunteer-application\?campaign=/ }).first().getAttribute('href');

  const pub = await browser.newContext({ javaScriptEnabled: false });
  const form = await pub.newPage();
  await form.goto(server.url + link);
  await form.getByLabel('Full name').fill('Lena Library');
  await form.getByLabel('Email address').fill('lena@example.org');
  await form.getByLabel('Home postcode').fill('IP24 1AB');
  await form.getByLabel(/I agree/).check();
  await new Promise((r) => setTimeout(r, 1100));
  await form.getByRole('button', { name: 'Send' }).click();
  assert.match(await form.locator('h1').innerText(), /Thank you/);
  await pub.close();

  await page.goto(`${server.url}/recruitment`);
  const row = page.locator('tr', { hasText: 'Library posters' });
  assert.match(await row.innerText(), /Library posters[\s\S]*Breckland[\s\S]*\b1\b[\s\S]*\b0\b/);
  const mon = (m) => ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
  assert.ok((await row.innerText()).includes(`${sd} ${mon(sm)} ${sy} to ${ed} ${mon(em)} ${ey}`), await row.innerText());

  // The volunteer passport: tick modules, give the date; a missing date is named first.
  await page.goto(`${server.url}/volunteers?status=applicant`);
  await page.getByRole('link', { name: 'Lena Library' }).first().click();
  const volunteerUrl = page.url();
  await page.getByLabel(/Safeguarding adults/).check();
  await page.getByRole('button', { name: 'Record training' }).click();
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /date/i);
  await page.getByLabel(/Safeguarding adults/).check();
  await page.getByLabel(/Lone working/).check();
  // The date in the NHS.UK date input, shown back as people read it ("7 Dec 2026").
  const [cy, cm, cd] = day(-3).split('-').map(Number);
  await page.locator('[name="completed_on.day"]').fill(String(cd));
  await page.locator('[name="completed_on.month"]').fill(String(cm));
  await page.locator('[name="completed_on.year"]').fill(String(cy));
  await page.getByRole('button', { name: 'Record training' }).click();
  const done = await page.locator('#training ~ ul.nhsuk-list--bullet').first().innerText();
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  assert.match(done, new RegExp(`Safeguarding adults: completed ${cd} ${months[cm - 1]} ${cy}`));
  assert.match(done, /Lone working/);
  await check(ctx, volunteerUrl, 'volunteer page with training');
  await ctx.close();
});
