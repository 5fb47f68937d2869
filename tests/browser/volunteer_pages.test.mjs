// The volunteer coordinator's pages that were API only, in a browser
// without JavaScript (axe checks the same pages in a JavaScript tab sharing
// the session): a task's page, recording by phone the answer and hours of
// a volunteer without an account, planning a task (error summary naming
// the field), extending support, stepping up to a worker, the hours given
// and a volunteer's thank-you certificate;
// the hub's operating-hours report (the import page: import.test.mjs).
// Pages fit a 320 px screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';
import { launchBrowser, assertNoAxeViolations } from '../lib/browser.mjs';
import { api, tokenFor } from '../lib/referrals.mjs';
import { addVolunteer, communitySupportReferral, dateIn, dayAt } from '../lib/volunteers.mjs';

let server;
let browser;
let ref;
let taskId;

before(async () => {
  server = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } });
  browser = await launchBrowser();
  const hub = await tokenFor(server, 'hub@demo.waymark.test');
  const volco = await tokenFor(server, 'volco@demo.waymark.test');
  const pat = await addVolunteer(server, volco, { name: 'Pat Phoneonly', email: '', postcode: 'IP24 1AB' });
  ref = await communitySupportReferral(server, hub, { postcode: 'IP24 1AB', given: 'Harriet', family: 'Quill' });
  taskId = (await api(server, volco, 'POST', '/api/v1/tasks', {
    referral_id: ref, type: 'shopping', window_start: dayAt(1, 9), window_end: dayAt(1, 16),
  })).body.task_ids[0];
  const offer = await api(server, volco, 'POST', '/api/v1/match/offers', { offers: [{ task_id: taskId, volunteer_id: pat.id }] });
  assert.equal(offer.status, 201, JSON.stringify(offer.body));
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
  assert.equal(new URL(page.url()).pathname, '/');
}

/** axe on url in a JavaScript tab with the same session, at 320 px: no violations, no sideways scroll. */
async function check(context, url, label) {
  const twin = await browser.newContext({ storageState: await context.storageState(), viewport: { width: 320, height: 640 } });
  const page = await twin.newPage();
  await page.goto(url);
  await assertNoAxeViolations(page, label);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 320, `${label}: ${wide} px wide at 320`);
  await twin.close();
}

test('a coordinator records by phone, plans a task, extends support and steps a referral up, on pages', async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await signIn(page, 'volco@demo.waymark.test');
  await page.goto(`${server.url}/volunteers/tasks`);
  await page.locator(`a[href="/volunteers/tasks/${taskId}"]`).click();
  assert.equal(await page.locator('h1').innerText(), 'Task');
  assert.match(await page.locator('main').innerText(), /Harriet Quill/);
  await check(ctx, page.url(), 'task page (offered)');

  await page.getByLabel('Accepts the task').check();
  await page.getByRole('button', { name: 'Record the answer' }).click();
  assert.match(await page.locator('main').innerText(), /Status\s+Accepted/i);
  // A task is logged as done only once it has started: it took place yesterday.
  sqlRows(server.dbPath, `UPDATE tasks SET window_from = window_from - 172800, window_to = window_to - 172800 WHERE id = ${taskId}`);
  await page.reload();
  // Done without hours: the error summary names the field.
  await page.getByLabel('Done', { exact: true }).check();
  await page.getByRole('button', { name: 'Record what happened' }).click();
  const summary = page.locator('.nhsuk-error-summary');
  assert.match(await summary.innerText(), /hours/i);
  await page.getByLabel('Done', { exact: true }).check();
  await page.getByLabel('Time given').fill('1:30');
  await page.getByRole('button', { name: 'Record what happened' }).click();
  assert.match(await page.locator('main').innerText(), /Time given\s+1 h 30 min/);

  // Plan another task: a missing day is named, then it is planned.
  await page.getByRole('link', { name: 'Plan another task for this person' }).click();
  await check(ctx, page.url(), 'plan a task');
  await page.getByLabel('From', { exact: true }).fill('10:00');
  await page.getByLabel('Done by').fill('12:00');
  await page.getByRole('button', { name: 'Plan the task' }).click();
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Enter the day/);
  const [wy, wm, wd] = dateIn(2).split('-').map(Number);
  await page.locator('[name="window_date.day"]').fill(String(wd));
  await page.locator('[name="window_date.month"]').fill(String(wm));
  await page.locator('[name="window_date.year"]').fill(String(wy));
  await page.getByRole('button', { name: 'Plan the task' }).click();
  assert.match(new URL(page.url()).pathname, /^\/volunteers\/tasks\/\d+$/);
  assert.match(await page.locator('main').innerText(), /Status\s+Open/i);

  // Extend support.
  await page.getByRole('link', { name: 'Extend community support beyond 14 days' }).click();
  await check(ctx, page.url(), 'extend support');
  // The last day in the NHS.UK date input: one that does not exist is named in plain English; the month may be a name.
  const [ey, em, ed] = dateIn(30).split('-').map(Number);
  await page.locator('[name="until.day"]').fill('31');
  await page.locator('[name="until.month"]').fill('2');
  await page.locator('[name="until.year"]').fill(String(ey));
  await page.getByLabel('Why is more support needed?').fill('Still recovering from a fall.');
  await page.getByRole('button', { name: 'Extend support' }).click();
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Give the last day of support as a date, for example 24 12 2026/);
  await page.locator('[name="until.day"]').fill(String(ed));
  await page.locator('[name="until.month"]').fill(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][em - 1]);
  await page.locator('[name="until.year"]').fill(String(ey));
  await page.getByLabel('Why is more support needed?').fill('Still recovering from a fall.');
  await page.getByRole('button', { name: 'Extend support' }).click();
  assert.equal(new URL(page.url()).pathname, '/volunteers/tasks');

  // Step up: without a reason it is named; then the case moves to complex support.
  await page.goto(`${server.url}/referrals/${ref}/step-up`);
  await check(ctx, page.url(), 'step up');
  await page.getByLabel('Complex support (a support worker)').check();
  await page.getByRole('button', { name: 'Step up' }).click();
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Give the reason/);
  await page.getByLabel('Complex support (a support worker)').check();
  await page.getByLabel('Why does the person need a worker?').fill('Debts and self-neglect: needs a support worker.');
  await page.getByRole('button', { name: 'Step up' }).click();
  assert.match(await page.locator('main').innerText(), /case is complex_support/);

  await page.goto(`${server.url}/volunteer-hours`);
  assert.match(await page.locator('#hours').innerText(), /Pat Phoneonly\s+1\s+1 h 30 min/);
  await check(ctx, page.url(), 'hours given');
  // The printable thank-you certificate, with the milestone reached so far.
  await page.getByRole('link', { name: 'Pat Phoneonly' }).click();
  assert.match(await page.locator('.waymark-certificate').innerText(), /has given 1 hours 30 minutes of their time on 1 task/);
  await check(ctx, page.url(), 'certificate');
  await ctx.close();
});

test('the hub reads demand by hour and day', async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await signIn(page, 'hub@demo.waymark.test');
  await page.goto(`${server.url}/kpi/follow-up`);
  await page.getByRole('link', { name: 'Demand by hour and day, to choose opening hours' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Demand by hour and day');
  assert.match(await page.locator('#by-day').innerText(), /Every day/);
  await check(ctx, page.url(), 'operating hours');
  await ctx.close();
});

test('the public volunteer application form is accessible and fits a phone', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(`${server.url}/volunteer-application`);
  assert.equal(await page.locator('h1').innerText(), 'Volunteer with us');
  await check(ctx, page.url(), 'volunteer application');
  await ctx.close();
});
