// Search, sort and paging on the list pages without JavaScript: the hub
// finds a person on Referrals by a name with an apostrophe and by an NHS
// number typed with spaces, pages through with Next and Previous (the search
// kept in the URL), sorts oldest first, and searches the triage queue; the
// list reads name the people shown in the audit trail; axe checks each page
// (afterwards, with JavaScript on, as axe runs in the page).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, assertNoAxeViolations } from '../lib/browser.mjs';
import { importReferrals, api, tokenFor } from '../lib/referrals.mjs';

let server;
let browser;
let mary;
before(async () => {
  server = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } });
  browser = await launchBrowser();
  const hub = await tokenFor(server, 'hub@demo.waymark.test');
  const rows = [{ given: 'Ellen', family: 'Goddard', received_at: new Date(Date.now() - 3600_000).toISOString() }];
  for (let i = 0; i < 55; i++) {
    rows.push({ given: `Page${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`, family: 'Pagetest',
      received_at: new Date(Date.now() - (120 - i) * 60_000).toISOString() });
  }
  await importReferrals(server, hub, rows);
  const gp = await tokenFor(server, 'gp@demo.waymark.test');
  const res = await api(server, gp, 'POST', '/api/v1/referrals', {
    person: { given_name: 'Mary', family_name: "O'Brien", date_of_birth: '1944-05-06', postcode: 'NR2 4AA', phone: '01603 555 0142', practice: 'Orchard Surgery', nhs_number: '9434765919' },
    source: 'gp_practice', reasons: ['loneliness'], consent: { referral: true, data_sharing: 'yes' },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  mary = res.body;
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const sql = (q) => execFileSync('sqlite3', [server.dbPath, q], { encoding: 'utf8' }).trim();
// The person column's text, without the heading a responsive table's cell carries for phones.
const people = (page) => page.locator('table tbody tr td:nth-child(2)').evaluateAll((cells) => cells.map((c) =>
  [...c.childNodes].filter((n) => !n.classList?.contains('nhsuk-table-responsive__heading')).map((n) => n.textContent).join('').trim()));

async function signIn(page, email) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('demo-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function search(page, text) {
  await page.getByLabel('Search', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Search' }).click();
}

test('the hub searches, pages and sorts Referrals and searches the triage queue without JavaScript', async () => {
  const seen = [];
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await signIn(page, 'hub@demo.waymark.test');
  await page.goto(`${server.url}/referrals`);
  seen.push(['referrals', page.url()]);

  // A name with an apostrophe: the search is in the URL and the box keeps it.
  await search(page, "o'brien");
  assert.equal(new URL(page.url()).searchParams.get('q'), "o'brien");
  assert.deepEqual(await people(page), ["Mary O'Brien"]);
  assert.equal(await page.getByLabel('Search', { exact: true }).inputValue(), "o'brien");
  seen.push(['referrals, searched', page.url()]);
  const person = sql(`SELECT person_id FROM referrals WHERE id = ${mary.id}`);
  const listed = sql("SELECT people FROM audit_events WHERE action = 'referral.list' ORDER BY id DESC LIMIT 1");
  assert.equal(listed, person, 'the list read names the person shown');

  // An NHS number typed with spaces; a reference in lower case.
  await search(page, '943 476 5919');
  assert.deepEqual(await people(page), ["Mary O'Brien"]);
  await search(page, mary.reference.toLowerCase());
  assert.deepEqual(await people(page), ["Mary O'Brien"]);
  await search(page, 'Nobody Atall');
  assert.match(await page.locator('main').innerText(), /There are no referrals to show/);

  // Paging: 50 a page, Next and Previous keep the search.
  await search(page, 'pagetest');
  assert.equal((await people(page)).length, 50);
  assert.equal(await page.getByRole('link', { name: /Previous/ }).count(), 0);
  await page.getByRole('link', { name: /Next/ }).click();
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('q'), 'pagetest');
  assert.equal(url.searchParams.get('page'), '2');
  assert.equal((await people(page)).length, 5);
  seen.push(['referrals, page 2', page.url()]);
  await page.getByRole('link', { name: /Previous/ }).click();
  assert.equal(new URL(page.url()).searchParams.get('page'), '1');

  // Oldest first: the first imported comes first.
  await page.getByLabel('Sort by').selectOption('oldest');
  await page.getByRole('button', { name: 'Search' }).click();
  assert.equal(new URL(page.url()).searchParams.get('sort'), 'oldest');
  assert.equal((await people(page))[0], 'Pageaa Pagetest');

  // The triage queue: the same search box.
  await page.goto(`${server.url}/triage?q=${encodeURIComponent('goddard ellen')}`);
  assert.deepEqual(await people(page), ['Ellen Goddard']);
  seen.push(['triage queue, searched', page.url()]);
  await page.goto(`${server.url}/triage?q=${encodeURIComponent('943 476 5919')}`);
  assert.deepEqual(await people(page), ["Mary O'Brien"]);
  await context.close();

  // axe runs in the page, so it checks each page seen again with JavaScript on.
  const withJs = await browser.newContext();
  const check = await withJs.newPage();
  check.setDefaultTimeout(20_000);
  await signIn(check, 'hub@demo.waymark.test');
  for (const [label, url] of seen) {
    await check.goto(url);
    await assertNoAxeViolations(check, label);
  }
  await withJs.close();
});
