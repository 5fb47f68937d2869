// Acceptance in the browser: a volunteer coordinator runs matching (a dry
// run), reads the reason for an offer and confirms it; the volunteer signs in
// and accepts it, then logs it. The coordinator's pages run without
// JavaScript (axe, which needs it, checks the same pages in a second tab that
// shares the session); axe checks every page on the way. Also: adding a
// volunteer shows an NHS.UK error summary naming the fields.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, assertNoAxeViolations } from '../lib/browser.mjs';
import { api, tokenFor } from '../lib/referrals.mjs';
import { communitySupportReferral } from '../lib/volunteers.mjs';

let server;
let browser;
let taskId;
let given;

before(async () => {
  server = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } });
  browser = await launchBrowser();
  // A community support referral near the demo volunteer (Val Turner, Thetford):
  // the hub confirms it, which makes a shopping task for Breckland Community Support.
  const hub = await tokenFor(server, 'hub@demo.waymark.test');
  const volco = await tokenFor(server, 'volco@demo.waymark.test');
  given = 'Winifred';
  const ref = await communitySupportReferral(server, hub, { postcode: 'IP24 1AB', given, family: 'Browne' });
  const tasks = await api(server, volco, 'GET', '/api/v1/tasks?status=open');
  taskId = tasks.body.tasks.find((t) => t.referral_id === ref).id;
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Runs axe on url in a JavaScript-enabled tab signed in as the no-JavaScript context is. */
async function axeAt(context, url, label) {
  const twin = await browser.newContext({ storageState: await context.storageState() });
  const page = await twin.newPage();
  await page.goto(url);
  await assertNoAxeViolations(page, label);
  await twin.close();
}

async function signIn(page, email) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('demo-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.equal(new URL(page.url()).pathname, '/');
}

test('a coordinator runs matching, reads the reason and confirms an offer; the volunteer accepts and logs it', async () => {
  const coordinator = await browser.newContext({ javaScriptEnabled: false });
  const page = await coordinator.newPage();
  await signIn(page, 'volco@demo.waymark.test');
  await page.getByRole('link', { name: 'Volunteers', exact: true }).first().click();
  assert.equal(await page.locator('h1').innerText(), 'Volunteers');
  // Renewal reminders and lapsed checks are flagged for the coordinator.
  const renewals = await page.locator('table', { hasText: 'DBS renewals due within 60 days' }).innerText();
  assert.match(renewals, /Graham Pike/);
  assert.match(renewals, /lapsed/);
  assert.match(renewals, /Renew in \d+ days? \(7-day reminder\)/);
  await axeAt(coordinator, page.url(), 'volunteers list');

  await page.getByRole('link', { name: 'Match volunteers to tasks' }).click();
  await axeAt(coordinator, page.url(), 'match page');
  await page.getByRole('button', { name: 'Suggest matches' }).click();
  assert.match(await page.locator('main').innerText(), /Nothing is offered until you confirm/);
  const card = page.locator('.nhsuk-card', { hasText: `Task ${taskId}: shopping for ${given}` });
  const reason = await card.locator('.waymark-reason').innerText();
  assert.match(reason, /^Proposed: Val Turner – under 100 m away, shopping, free .*\d/);
  assert.doesNotMatch(await page.locator('main').innerText(), /dry run|\b0 m\b|-\d+ m\b|\d+ lack /, 'match reasons in plain words');
  await axeAt(coordinator, page.url(), 'proposed offers');

  // Confirm only this offer: every other task is left for now.
  const select = page.getByLabel(`Offer task ${taskId} to`);
  assert.match(await select.locator('option:checked').innerText(), /^Val Turner \(under 100 m away\)$/);
  for (const other of await page.locator('select[name^="offer."]').all()) {
    if ((await other.getAttribute('name')) !== `offer.${taskId}`) await other.selectOption('');
  }
  await page.getByRole('button', { name: 'Confirm offers' }).click();
  assert.equal(new URL(page.url()).pathname, '/volunteers/match');
  assert.match(await page.locator('.nhsuk-inset-text').innerText(), /1 offer was made/);
  await axeAt(coordinator, page.url(), 'match page after confirming');
  await coordinator.close();

  const volunteer = await browser.newContext();
  const vpage = await volunteer.newPage();
  await signIn(vpage, 'volunteer@demo.waymark.test');
  await vpage.getByRole('link', { name: 'My tasks' }).first().click();
  const offered = vpage.locator('.nhsuk-card', { hasText: `Shopping for ${given}` });
  assert.match(await offered.innerText(), /Why you\s+under 100 m away, shopping/);
  // Before accepting they see the first name and the district only.
  assert.doesNotMatch(await offered.innerText(), /Browne|IP24 1AB/);
  assert.match(await offered.innerText(), /Winifred, near IP24/);
  await assertNoAxeViolations(vpage, 'my tasks with an offer');
  await offered.getByRole('button', { name: `Accept task ${taskId}: Shopping` }).click();
  assert.match(await vpage.locator('#success-banner').innerText(), /Task accepted/);
  const taken = vpage.locator('.nhsuk-card', { hasText: `Shopping for ${given}` });
  assert.match(await taken.innerText(), /Winifred Browne/);
  assert.match(await taken.innerText(), /Accepted/);
  await assertNoAxeViolations(vpage, 'my tasks after accepting');

  await taken.getByRole('link', { name: `Log the time and what happened: Shopping for ${given}` }).click();
  await vpage.getByRole('button', { name: 'Save log' }).click();
  assert.match(await vpage.title(), /^Error: /);
  assert.match(await vpage.locator('.nhsuk-error-summary').innerText(), /Choose whether the task was done or missed/);
  await assertNoAxeViolations(vpage, 'log form with errors');
  await vpage.getByLabel('I did it').check();
  await vpage.getByLabel('How long did it take, in hours?').fill('1:30');
  await vpage.getByLabel('What happened').fill('Weekly shop done; she asked about a lunch club.');
  await vpage.getByRole('button', { name: 'Save log' }).click();
  assert.match(await vpage.locator('#success-banner').innerText(), /Your log was saved/);
  const finished = await vpage.locator('table', { hasText: 'Tasks you have finished' }).innerText();
  assert.match(finished, new RegExp(`Shopping for ${given}\\s+.*\\s+Done\\s+1 h 30 min`));
  await assertNoAxeViolations(vpage, 'my tasks after logging');
  await volunteer.close();

  // The coordinator reads what happened.
  const back = await browser.newContext();
  const cpage = await back.newPage();
  await signIn(cpage, 'volco@demo.waymark.test');
  await cpage.goto(`${server.url}/volunteers`);
  await cpage.getByRole('link', { name: 'Tasks and what happened' }).click();
  await cpage.getByLabel('Status').selectOption('done');
  await cpage.getByRole('button', { name: 'Show tasks' }).click();
  const done = await cpage.locator('tr', { hasText: 'Winifred Browne' }).innerText();
  assert.match(done, /Done\s+Val Turner\s+1 h 30 min\s+Weekly shop done; she asked about a lunch club\./);
  await assertNoAxeViolations(cpage, 'tasks and what happened');
  await back.close();
});

test('adding a volunteer: the error summary names each field (axe), then without JavaScript it is saved', async () => {
  // The error page in a JavaScript-enabled tab, for axe.
  const withJs = await browser.newContext();
  const jsPage = await withJs.newPage();
  await signIn(jsPage, 'volco@demo.waymark.test');
  await jsPage.goto(`${server.url}/volunteers/new`);
  await assertNoAxeViolations(jsPage, 'add a volunteer');
  await jsPage.getByLabel('Tuesday').fill('10 till 12');
  await jsPage.getByRole('button', { name: 'Save volunteer' }).click();
  assert.match(await jsPage.title(), /^Error: /);
  await assertNoAxeViolations(jsPage, 'add a volunteer with errors');
  await withJs.close();

  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'volco@demo.waymark.test');
  await page.goto(`${server.url}/volunteers/new`);
  await page.getByLabel('Home postcode').fill('NR16 2AB');
  await page.getByLabel('Tuesday').fill('10 till 12');
  await page.getByRole('button', { name: 'Save volunteer' }).click();
  assert.match(await page.title(), /^Error: /);
  const summary = await page.locator('.nhsuk-error-summary').innerText();
  assert.match(summary, /Enter the volunteer's full name/);
  assert.match(summary, /Tuesday: write each time range as start and end/);
  // The summary links to the field, and what was typed is kept.
  assert.equal(await page.locator('.nhsuk-error-summary a', { hasText: "Enter the volunteer's full name" }).getAttribute('href'), '#name');
  assert.equal(await page.getByLabel('Home postcode').inputValue(), 'NR16 2AB');

  await page.getByLabel('Full name').fill('Nora Fenwick');
  await page.getByLabel('Tuesday').fill('10:00-12:00');
  await page.getByLabel('Active', { exact: true }).check();
  await page.getByLabel('Shopping').check();
  await page.getByLabel('Prescription collection').check();
  await page.getByLabel('Enhanced (needed for home visits)').check();
  const dateBoxes = async (legend, d, m, y) => {
    const g = page.getByRole('group', { name: legend });
    await g.getByLabel('Day').fill(d);
    await g.getByLabel('Month').fill(m);
    await g.getByLabel('Year').fill(y);
  };
  await dateBoxes('Certificate date', '1', '3', '2025');
  await dateBoxes('Renew by', '1', 'Mar', '2028'); /* a month may be a name */
  await page.getByRole('button', { name: 'Save volunteer' }).click();
  assert.equal(new URL(page.url()).pathname, '/volunteers');
  assert.match(await page.locator('.nhsuk-inset-text').innerText(), /saved/);
  const row = page.locator('tr', { hasText: 'Nora Fenwick' });
  assert.match(await row.innerText(), /Home visits until 1 Mar 2028/);
  await row.getByRole('link', { name: 'Nora Fenwick' }).click();
  assert.equal(await page.getByLabel('Tuesday').inputValue(), '10:00-12:00');
  const renew = page.getByRole('group', { name: 'Renew by' });
  assert.deepEqual([await renew.getByLabel('Day').inputValue(), await renew.getByLabel('Month').inputValue(),
    await renew.getByLabel('Year').inputValue()], ['1', '3', '2028']);
  await axeAt(context, page.url(), 'edit a volunteer');
  await context.close();
});

test('where to recruit: a commissioner sees the ranked areas with a chart and a CSV link (axe)', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'commissioner@demo.waymark.test');
  await page.getByRole('link', { name: 'Where to recruit' }).first().click();
  assert.equal(await page.locator('h1').innerText(), 'Where to recruit volunteers');
  const chart = page.getByRole('img', { name: /Volunteers needed and compliant volunteers by area/ });
  assert.equal(await chart.count(), 1);
  const areas = page.locator('table', { hasText: 'Health and Wellbeing Partnership areas, ranked' });
  assert.equal(await areas.locator('tbody tr').count(), 8);
  assert.match(await areas.locator('tbody tr').first().innerText(), /^1\s/);
  assert.equal(await page.getByRole('link', { name: 'Download these figures (CSV)' }).getAttribute('href'), '/volunteers/recruit.csv');
  await assertNoAxeViolations(page, 'where to recruit');
  await context.close();
});
