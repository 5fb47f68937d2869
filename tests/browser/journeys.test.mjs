// Each role's main journey, at desktop (1280 px) and phone (390 px) widths,
// asserting what each page must show: a referrer follows their referral on
// its own page (holder, first contact, outcome; never case notes), a link
// worker reaches the person from the case page, a support worker sees whose
// home a home check is and that it is overdue, a volunteer's home says how
// many offers wait, an administrator is asked before deactivating someone and
// told it worked, a manager opening a page their role may not see gets a
// styled page; axe on every page. The referrer's journey also runs without
// JavaScript, and the forgotten-password link works end to end.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, assertNoAxeViolations } from '../lib/browser.mjs';
import { api, tokenFor } from '../lib/referrals.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

let server;
let browser;
let referralId;
before(async () => {
  server = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } });
  browser = await launchBrowser();
  // A GP refers Ada Journey; the hub gives her to a Living Well Worker, who reaches her.
  const gp = await tokenFor(server, 'gp@demo.waymark.test');
  const hub = await tokenFor(server, 'hub@demo.waymark.test');
  const made = await api(server, gp, 'POST', '/api/v1/referrals', {
    person: { given_name: 'Ada', family_name: 'Journey', date_of_birth: '1944-02-11', postcode: 'IP24 1JD', practice: 'SPBRK01',
      phone: '01842 555 0177', address: '4 Mill Road, Thetford' },
    source: 'gp_practice', reasons: ['loneliness'], details: 'Lost her husband in June; would like company.',
    consent: { referral: true, data_sharing: true },
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  referralId = made.body.id;
  const t = await api(server, hub, 'POST', `/api/v1/referrals/${referralId}/triage`, { tier: 'social_prescribing', reason: 'Needs one-to-one support' });
  assert.ok(t.status < 300, JSON.stringify(t.body));
  const lww = await tokenFor(server, 'lww@demo.waymark.test');
  await new Promise((r) => setTimeout(r, 1100)); // a contact cannot come before the referral was received
  const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const c = await api(server, lww, 'POST', `/api/v1/referrals/${referralId}/contacts`, { at, mode: 'telephone', outcome: 'successful', note: 'Private: talked about her grief.' });
  assert.equal(c.status, 201, JSON.stringify(c.body));
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page, email) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill('demo-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const main = (page) => page.locator('main').innerText();

for (const width of [1280, 390]) {
  const viewport = { width, height: 900 };

  test(`${width} px: a referrer follows their referral on its own page, never seeing case notes`, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await signIn(page, 'gp@demo.waymark.test');
    await page.getByRole('link', { name: 'Referrals', exact: true }).first().click();
    const row = page.locator('table tbody tr', { hasText: 'Ada Journey' });
    assert.match(await row.innerText(), /Ada Journey/);
    await assertNoAxeViolations(page, 'your referrals');
    await row.getByRole('link').first().click();
    assert.equal(new URL(page.url()).pathname, `/referrals/${referralId}`);
    const status = await page.locator('#status-list').innerText();
    assert.match(status, /Status\s+Being supported/);
    assert.match(status, /Outcome\s+Being supported/);
    assert.match(status, /Held by\s+Breckland Community Support \(worker: Lucy\)/);
    assert.match(status, /First contact with the person\s+\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}/);
    const sent = await page.locator('#sent-list').innerText();
    assert.match(sent, /First name\s+Ada/);
    assert.match(sent, /Details\s+Lost her husband in June/);
    assert.doesNotMatch(await main(page), /Private: talked about her grief/);
    await assertNoAxeViolations(page, 'a referrer\'s referral page');
    await context.close();
  });

  test(`${width} px: a link worker reaches the person from the case page`, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await signIn(page, 'lww@demo.waymark.test');
    const caseId = sqlRows(server.dbPath, `SELECT id FROM cases WHERE referral_id = ${referralId}`)[0][0];
    await page.goto(`${server.url}/cases/${caseId}`);
    const contact = await page.locator('#contact-list').innerText();
    assert.match(contact, /Phone\s+01842 555 0177/);
    assert.match(contact, /Address\s+4 Mill Road, Thetford, IP24 1JD/);
    const referral = await page.locator('#referral-list').innerText();
    assert.match(referral, /Reasons for the referral\s+Loneliness/);
    assert.match(referral, /What the referrer said\s+Lost her husband in June/);
    await assertNoAxeViolations(page, 'case page with contact details');
    // The navigation offers a link worker what their work needs.
    assert.equal(await page.locator('header').getByRole('link', { name: 'Discharge board' }).count(), 0);
    await context.close();
  });

  test(`${width} px: a support worker sees whose home a home check is, and that it is overdue`, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await signIn(page, 'support@demo.waymark.test');
    const referral = sqlRows(server.dbPath, "SELECT referral_id FROM tasks WHERE type = 'home_check' LIMIT 1")[0][0];
    await page.goto(`${server.url}/discharge/referrals/${referral}/home-check`);
    const home = await page.locator('#home-person').innerText();
    assert.match(home, /Name\s+Edith Crane/);
    assert.match(home, /Address\s+\d+ [A-Za-z ]+, IP24 3AA/);
    assert.match(home, /Hospital\s+West Suffolk Hospital/);
    assert.match(home, /Ward\s+F5/);
    assert.match(home, /Expected discharge\s+\d{1,2} [A-Z][a-z]{2} \d{4}/);
    assert.match(await page.locator('#home-check-overdue').innerText(), /Overdue/);
    await assertNoAxeViolations(page, 'home check page');
    await context.close();
  });

  test(`${width} px: a volunteer's home says how many offers wait; a coordinator's navigation has only their work`, async () => {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await signIn(page, 'volunteer@demo.waymark.test');
    assert.match(await page.locator('#my-offers').innerText(), /You have 1 offer waiting for your answer/);
    await assertNoAxeViolations(page, 'volunteer home');
    await context.close();
    const volco = await browser.newContext({ viewport });
    const vpage = await volco.newPage();
    await signIn(vpage, 'volco@demo.waymark.test');
    const links = await vpage.locator('main ul').first().innerText();
    for (const hidden of ['New referral', 'Referrals', 'Caseload', 'Discharge board']) {
      assert.doesNotMatch(links, new RegExp(`^${hidden}$`, 'm'), hidden);
    }
    assert.match(links, /Volunteers/);
    await volco.close();
  });
}

test('an administrator is asked before deactivating someone and told it worked; a manager gets a styled 403', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 900 } });
  const page = await context.newPage();
  await signIn(page, 'admin@demo.waymark.test');
  await page.goto(`${server.url}/admin/users`);
  await page.getByRole('link', { name: 'Deactivate Nina Shah' }).click();
  assert.match(await page.locator('h1').innerText(), /^Deactivate .+\?$/);
  await assertNoAxeViolations(page, 'deactivate: asking first');
  await page.getByRole('button', { name: 'Yes, deactivate' }).click();
  assert.match(await page.locator('#success-banner').innerText(), /Account deactivated/);
  await assertNoAxeViolations(page, 'users after deactivating');
  await context.close();

  const manager = await browser.newContext();
  const mpage = await manager.newPage();
  await signIn(mpage, 'manager@demo.waymark.test');
  const res = await mpage.goto(`${server.url}/audit`);
  assert.equal(res.status(), 403);
  assert.equal(await mpage.locator('h1').innerText(), 'You cannot see this page');
  await assertNoAxeViolations(mpage, 'styled 403 page');
  await manager.close();
});

test('without JavaScript: the sign-in page offers self-referral and a forgotten-password link that works once', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  assert.equal(await page.getByRole('link', { name: 'Refer yourself for support' }).getAttribute('href'), '/self-referral');
  await page.getByRole('link', { name: 'Forgotten your password?' }).click();
  await page.getByLabel('Email address').fill('lww2@demo.waymark.test');
  await page.getByRole('button', { name: 'Send the link' }).click();
  assert.match(await main(page), /If an account has this email address, we have sent it a link/);
  const link = server.stderr().match(/outbox: to=lww2@demo\.waymark\.test .*link=(\/invitation\?token=[0-9a-f]+)/)[1];
  await page.goto(server.url + link);
  await page.getByLabel('New password', { exact: true }).fill('a-new-password-2');
  await page.getByLabel(/again/).fill('a-new-password-2');
  await page.getByRole('button', { name: 'Save password' }).click();
  await page.getByLabel('Email address').fill('lww2@demo.waymark.test');
  await page.getByLabel('Password', { exact: true }).fill('a-new-password-2');
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.equal(new URL(page.url()).pathname, '/');
  assert.match(await page.locator('h1').innerText(), /.+/);
  // The link works once.
  const again = await page.goto(server.url + link);
  assert.ok(again.status() >= 400);
  // The referrer's page works without JavaScript too.
  const gp = await browser.newContext({ javaScriptEnabled: false });
  const gpage = await gp.newPage();
  await signIn(gpage, 'gp@demo.waymark.test');
  await gpage.goto(`${server.url}/referrals/${referralId}`);
  assert.match(await gpage.locator('#status-list').innerText(), /Held by\s+Breckland Community Support/);
  await gp.close();
  await context.close();
});
