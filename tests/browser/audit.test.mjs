// The audit trail in words: who acted by name, role and organisation, what
// was touched by name or reference, the action as words, never a code; an
// administrator sees people as numbers only. axe clean.
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

async function signIn(page, email) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('demo-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The audit table's rows as arrays of cell texts (without the phone headings). */
const rows = (page) => page.locator('main table tbody tr').evaluateAll((trs) => trs.map((tr) =>
  [...tr.querySelectorAll('td')].map((td) => [...td.childNodes]
    .filter((n) => !(n.classList && n.classList.contains('nhsuk-table-responsive__heading')))
    .map((n) => n.textContent).join('').trim())));

test('the audit trail names people, records and actions in words', async () => {
  // The hub opens a referral: an audited read of a referral and its person.
  const hub = await browser.newContext();
  const hp = await hub.newPage();
  await signIn(hp, 'hub@demo.waymark.test');
  await hp.goto(`${server.url}/triage`);
  const link = hp.locator('main a[href^="/triage/"]').first();
  const reference = (await link.innerText()).trim();
  await link.click();
  await hub.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, 'lead@demo.waymark.test');
  await page.goto(`${server.url}/audit`);
  await assertNoAxeViolations(page, 'audit trail');
  const all = await rows(page);
  assert.ok(all.length > 3);
  for (const r of all) {
    assert.doesNotMatch(r[2], /^user \d+/, `actor named: ${r}`);
    assert.doesNotMatch(r[3], /[._]/, `action in words: ${r}`);
  }
  assert.ok(all.some((r) => r[2] === 'Hana Hughes (Hub coordinator, Community Action Norfolk)' && r[3] === 'Signed in'),
    JSON.stringify(all.slice(0, 5)));
  const read = all.find((r) => r[3] === 'Opened a referral' && r[4].startsWith(`Referral ${reference}`));
  assert.ok(read, `the referral read names ${reference}`);
  assert.match(read[4], /\(\D+\)$/, 'and the person by name');
  await context.close();

  const admin = await browser.newContext();
  const ap = await admin.newPage();
  await signIn(ap, 'admin@demo.waymark.test');
  await ap.goto(`${server.url}/audit`);
  const seen = (await rows(ap)).find((r) => r[3] === 'Opened a referral');
  assert.match(seen[4], new RegExp(`^Referral ${reference} \\(person \\d+\\)$`), 'an administrator sees no names');
  await admin.close();
});
