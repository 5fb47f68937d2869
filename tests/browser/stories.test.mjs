// Case studies and unexpected outcomes in a real browser, without
// JavaScript: a referrer adds one from the page of a referral they made
// (refused without the person's consent), a provider manager adds one on an
// onward referral to their organisation's service, the programme lead
// reviews a draft and approves it with an anonymised text, which the area's
// board pack prints and a commissioner reads. axe checks each page (with
// JavaScript, as axe needs it), and at 320 px nothing scrolls sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { api, tokenFor } from '../lib/referrals.mjs';
import { launchBrowser, assertNoAxeViolations, signIn } from '../lib/browser.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

let server, browser, gpRef, gpReference, onwardId;
before(async () => {
  server = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } });
  browser = await launchBrowser();
  [[gpRef, gpReference]] = sqlRows(server.dbPath, 'SELECT r.id, r.reference FROM referrals r JOIN users u ON u.id = ' +
    "r.referrer_user_id WHERE u.email = 'gp@demo.waymark.test' ORDER BY r.id LIMIT 1");
  // An onward referral to a service Breckland Community Support (the manager's organisation) runs.
  const manager = await tokenFor(server, 'manager@demo.waymark.test');
  const lww = await tokenFor(server, 'lww@demo.waymark.test');
  const svc = await api(server, manager, 'POST', '/api/v1/services', {
    organization_name: 'Breckland Community Support', name: 'Tuesday walking group', description: 'Gentle walks.',
    categories: ['social_groups'], service_areas: ['breckland'], capacity_status: 'open', eligibility: 'Anyone',
    phone: '01632 960111',
  });
  assert.equal(svc.status, 201, JSON.stringify(svc.body));
  const [[caseId]] = sqlRows(server.dbPath, 'SELECT c.id FROM cases c JOIN orgs o ON o.id = c.org_id JOIN workers w ' +
    "ON w.id = c.worker_id JOIN users u ON u.id = w.user_id WHERE o.name = 'Breckland Community Support' AND u.email = " +
    "'lww@demo.waymark.test' AND c.status = 'open' ORDER BY c.id LIMIT 1");
  const on = await api(server, lww, 'POST', `/api/v1/cases/${caseId}/onward-referrals`,
    { service_name: 'Tuesday walking group', service_id: svc.body.id, domain: 'physical_health' });
  assert.equal(on.status, 201, JSON.stringify(on.body));
  onwardId = on.body.id;
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function noJs(email) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await signIn(page, server.url, email);
  return { context, page };
}

test('a referrer adds a story on their referral, a provider on an onward referral; the lead approves one', async () => {
  // The referrer, from their referral's page; consent is required.
  let { context, page } = await noJs('gp@demo.waymark.test');
  await page.goto(`${server.url}/referrals/${gpRef}`);
  await page.getByRole('link', { name: 'Add a case study or unexpected outcome' }).click();
  assert.equal(new URL(page.url()).pathname, '/stories/new');
  await page.getByLabel('The story').fill('Mrs B now goes to the lunch club every week.');
  await page.getByLabel('Unexpected outcomes (optional)').fill('She has stopped calling the surgery on Mondays.');
  await page.getByRole('button', { name: 'Save the story' }).click();
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /consent/i);
  assert.equal(await page.getByLabel('The story').inputValue(), 'Mrs B now goes to the lunch club every week.');
  await page.getByLabel('The person agrees to their story being used').check();
  await page.getByRole('button', { name: 'Save the story' }).click();
  assert.equal(new URL(page.url()).pathname, '/stories');
  assert.match(await page.locator('#success-banner').innerText(), /Story saved as a draft/);
  const mine = await page.locator('#stories tbody').innerText();
  assert.match(mine, new RegExp(gpReference));
  assert.match(mine, /Draft/);
  await context.close();

  // The provider manager, on the onward referral to their service.
  ({ context, page } = await noJs('manager@demo.waymark.test'));
  await page.getByRole('link', { name: 'Stories' }).first().click();
  const onward = page.locator('#onward');
  assert.match(await onward.innerText(), /Tuesday walking group/);
  await onward.locator(`a[href="/stories/new?onward=${onwardId}"]`).click();
  await page.getByLabel('The story').fill('He leads the Tuesday walk now.');
  await page.getByLabel('The person agrees to their story being used').check();
  await page.getByRole('button', { name: 'Save the story' }).click();
  assert.match(await page.locator('#stories tbody').innerText(), /Community provider/);
  await context.close();

  // The programme lead reviews the referrer's draft: the anonymised text is required.
  ({ context, page } = await noJs('lead@demo.waymark.test'));
  await page.getByRole('link', { name: 'Stories' }).first().click();
  const all = await page.locator('#stories tbody').innerText();
  assert.match(all, /Referrer/);
  assert.match(all, /Community provider/);
  await page.getByRole('link', { name: `Review the draft on ${gpReference}` }).first().click();
  assert.equal(new URL(page.url()).pathname, '/stories/review');
  assert.match(await page.locator('main').innerText(), /stopped calling the surgery/);
  await page.getByLabel('Anonymised text for publication').fill('');
  await page.getByRole('button', { name: 'Approve for publication' }).click();
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /anonymised text/i);
  await page.getByLabel('Anonymised text for publication').fill('An older woman now goes to a lunch club every week.');
  await page.getByRole('button', { name: 'Approve for publication' }).click();
  assert.equal(new URL(page.url()).pathname, '/stories');
  assert.match(await page.locator('#success-banner').innerText(), /approved for publication/);
  assert.match(await page.locator('#stories tbody').innerText(), /Approved for publication/);
  // The board pack of the person's area for a period taking in today prints the anonymised text.
  const [[area]] = sqlRows(server.dbPath, `SELECT p.area FROM referrals r JOIN people p ON p.id = r.person_id WHERE r.id = ${gpRef}`);
  const day = (d) => new Date(Date.now() + d * 86400_000).toISOString().slice(0, 10);
  await page.goto(`${server.url}/reports/board?area=${area}&from=${day(-30)}&to=${day(1)}`);
  const pack = await page.locator('#pack-stories').innerText();
  assert.match(pack, /An older woman now goes to a lunch club every week\./);
  assert.doesNotMatch(pack, /Mrs B/);
  await context.close();

  // A commissioner reads only approved anonymised texts.
  ({ context, page } = await noJs('commissioner@demo.waymark.test'));
  await page.goto(`${server.url}/stories`);
  const text = await page.locator('main').innerText();
  assert.match(text, /An older woman now goes to a lunch club every week\./);
  assert.doesNotMatch(text, /Mrs B/);
  assert.doesNotMatch(text, /Tuesday walk now/);
  const res = await page.goto(`${server.url}/stories/new?referral=${gpRef}`);
  assert.equal(res.status(), 403);
  await context.close();
});

test('the story pages pass axe and fit a 320 px screen', async () => {
  const pages = [
    ['gp@demo.waymark.test', 'referrer\'s stories', '/stories'],
    ['gp@demo.waymark.test', 'new story', `/stories/new?referral=${gpRef}`],
    ['manager@demo.waymark.test', 'provider\'s stories', '/stories'],
    ['lead@demo.waymark.test', 'lead\'s stories', '/stories'],
    ['lead@demo.waymark.test', 'review', null],
    ['commissioner@demo.waymark.test', 'approved stories', '/stories'],
  ];
  const [[draft]] = sqlRows(server.dbPath, "SELECT id FROM stories WHERE status = 'draft' ORDER BY id LIMIT 1");
  for (const [email, label, url] of pages) {
    const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    await signIn(page, server.url, email);
    await page.goto(server.url + (url ?? `/stories/review?source=story&id=${draft}`));
    await assertNoAxeViolations(page, label);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 320, `${label}: ${wide} px wide at 320`);
    await context.close();
  }
});
