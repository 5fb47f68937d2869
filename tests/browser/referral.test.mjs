// A GP makes a referral through the form with one mistake, sees the error
// summary, follows its link to the field, corrects it and gets the reference;
// then the same without JavaScript; and someone refers themselves. axe checks
// every page on the way.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startServer, repoRoot } from '../lib/server.mjs';
import { launchBrowser, assertNoAxeViolations } from '../lib/browser.mjs';

let server;
let browser;
before(async () => {
  server = await startServer({ env: { WAYMARK_PWHASH_FAST: '1', WAYMARK_SELF_REFERRAL_MIN_SECONDS: '1' } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const sql = (q) => execFileSync('sqlite3', [server.dbPath, q], { encoding: 'utf8' }).trim();
const REF = /WM-\d{2}-\d{6}-[A-HJ-NP-XZ]/;

async function signIn(page, email) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('demo-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function fillReferral(page, { postcode }) {
  await page.getByLabel('First name').fill('Doris');
  await page.getByLabel('Last name').fill('Thrower');
  const dob = page.getByRole('group', { name: 'Date of birth' });
  await dob.getByLabel('Day').fill('4');
  await dob.getByLabel('Month').fill('9');
  await dob.getByLabel('Year').fill('1939');
  await page.getByLabel('NHS number (if known)').fill('943 476 5919');
  await page.getByLabel('Postcode').fill(postcode);
  await page.getByLabel('GP practice').selectOption('SPBRK01');
  await page.getByLabel('Phone number', { exact: true }).fill('01842 555 0123');
  await page.getByLabel('Referral source').selectOption('gp_practice');
  await page.getByLabel('Loneliness').check();
  await page.getByLabel('Help with shopping').check();
  await page.getByLabel('Details').fill('Widowed last year, stopped going to the lunch club.');
  await page.getByLabel('The person has agreed to be referred for support').check();
  await page.getByLabel('The person has agreed that their information can be shared', { exact: false }).check();
}

test('a GP submits a referral with one mistake, corrects it and gets the reference', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  await signIn(page, 'gp@demo.waymark.test');
  await page.getByRole('link', { name: 'New referral' }).first().click();
  assert.equal(new URL(page.url()).pathname, '/referrals/new');
  assert.equal(await page.locator('h1').innerText(), 'Make a referral');
  await assertNoAxeViolations(page, 'referral form');

  const before = sql('SELECT COUNT(*) FROM referrals');
  await fillReferral(page, { postcode: 'NR1 XYZ' });
  await page.getByRole('button', { name: 'Send referral' }).click();

  assert.match(await page.title(), /^Error: /);
  const summary = page.locator('.nhsuk-error-summary');
  assert.ok(await summary.isVisible());
  assert.match(await summary.innerText(), /Postcode must be a full UK postcode/);
  assert.equal(await summary.locator('li').count(), 1, 'one mistake, one error');
  assert.equal(sql('SELECT COUNT(*) FROM referrals'), before, 'nothing stored');
  // Everything else typed is still there.
  assert.equal(await page.getByLabel('First name').inputValue(), 'Doris');
  assert.equal(await page.getByRole('group', { name: 'Date of birth' }).getByLabel('Year').inputValue(), '1939');
  assert.ok(await page.getByLabel('Loneliness').isChecked());
  assert.equal(await page.getByLabel('GP practice').first().inputValue(), 'SPBRK01');
  await assertNoAxeViolations(page, 'referral form with an error');

  await summary.getByRole('link', { name: /Postcode/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'person-postcode');
  await page.getByLabel('Postcode').fill('IP24 1JD');
  await page.getByRole('button', { name: 'Send referral' }).click();

  assert.match(new URL(page.url()).pathname, /^\/referrals\/\d+\/sent$/);
  const panel = page.locator('.nhsuk-panel');
  assert.match(await panel.innerText(), /Referral sent/);
  const reference = (await panel.locator('strong').innerText()).trim();
  assert.match(reference, REF);
  assert.equal(sql(`SELECT status || ' ' || channel || ' ' || source FROM referrals WHERE reference = '${reference}'`),
    'received form gp_practice');
  await assertNoAxeViolations(page, 'referral confirmation');
  await mkdir(path.join(repoRoot, 'build', 'screenshots'), { recursive: true });
  await page.screenshot({ path: path.join(repoRoot, 'build', 'screenshots', 'referral-sent.png'), fullPage: true });

  // The closed loop: the GP sees it in their referrals with its status.
  await page.getByRole('link', { name: 'Referrals', exact: true }).first().click();
  assert.match(await page.locator('main').innerText(), new RegExp(`${reference}\\s+Received`));
  await assertNoAxeViolations(page, 'your referrals');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('the referral form works without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'gp@demo.waymark.test');
  await page.goto(`${server.url}/referrals/new`);
  await fillReferral(page, { postcode: 'PE30 1EX' });
  await page.getByLabel('First name').fill('');
  await page.getByRole('button', { name: 'Send referral' }).click();
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Enter first name/);
  await page.getByLabel('First name').fill('Reg');
  await page.getByRole('button', { name: 'Send referral' }).click();
  assert.match(await page.locator('.nhsuk-panel').innerText(), REF);
  await context.close();
});

test('someone refers themselves without signing in', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.getByRole('link', { name: 'Refer yourself for support' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Refer yourself for support');
  await assertNoAxeViolations(page, 'self-referral form');
  assert.equal(await page.getByLabel('Referral source').count(), 0, 'no source: it is a self-referral');
  await page.getByLabel('First name').fill('Priya');
  await page.getByLabel('Last name').fill('Patel');
  await page.getByLabel('Day').fill('12');
  await page.getByLabel('Month').fill('1');
  await page.getByLabel('Year').fill('1961');
  await page.getByLabel('Postcode').fill('nr32 1aa');
  await page.getByLabel('Email address').fill('priya@example.org');
  await page.getByLabel('Debt and money').check();
  await page.getByLabel('I agree to be referred for support').check();
  // Leave out the second agreement: one mistake.
  await page.waitForTimeout(1100);
  await page.getByRole('button', { name: 'Send' }).click();
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /information being shared/);
  await assertNoAxeViolations(page, 'self-referral form with an error');
  await page.getByLabel('I agree that my information can be shared', { exact: false }).check();
  await page.waitForTimeout(1100);
  await page.getByRole('button', { name: 'Send' }).click();
  assert.match(await page.locator('.nhsuk-panel').innerText(), /Request sent/);
  const reference = (await page.locator('.nhsuk-panel strong').innerText()).trim();
  assert.match(reference, REF);
  assert.equal(sql(`SELECT channel || ' ' || source || ' ' || COALESCE(referrer_user_id, 0) FROM referrals WHERE reference = '${reference}'`),
    'self self 0');
  await assertNoAxeViolations(page, 'self-referral confirmation');
  await context.close();
});

/** The GP's newest referral that is still open (its reference). */
const gpOpenReferral = () => sql("SELECT reference FROM referrals r JOIN users u ON u.id = r.referrer_user_id "
  + "WHERE u.email = 'gp@demo.waymark.test' AND r.status IN ('received', 'triaged', 'allocated', 'in_progress') "
  + 'ORDER BY r.id DESC LIMIT 1');

/** Withdraws the GP's newest open referral from the list: a reason is asked for first. */
async function withdrawFromList(page, axe) {
  await signIn(page, 'gp@demo.waymark.test');
  await page.goto(`${server.url}/referrals`);
  await axe('your referrals, with Withdraw links');
  const open = gpOpenReferral();
  assert.match(open, REF);
  await page.getByRole('link', { name: `Withdraw referral ${open}` }).click();
  assert.equal(await page.locator('h1').innerText(), `Withdraw referral ${open}`);
  await axe('withdraw form');
  // No reason: the error summary links to the field, nothing changes.
  await page.getByRole('button', { name: 'Withdraw referral' }).click();
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Enter why the referral is being withdrawn/);
  assert.equal(await page.locator('.nhsuk-error-summary a').getAttribute('href'), '#reason');
  await axe('withdraw form with an error');
  assert.notEqual(sql(`SELECT status FROM referrals WHERE reference = '${open}'`), 'withdrawn');
  await page.getByLabel('Why is the referral being withdrawn?').fill('Moved to a care home out of the county.');
  await page.getByRole('button', { name: 'Withdraw referral' }).click();
  assert.equal(new URL(page.url()).pathname, '/referrals');
  const row = page.locator('tr', { hasText: open });
  assert.match(await row.innerText(), /Withdrawn/);
  assert.equal(await row.getByRole('link', { name: /Withdraw/ }).count(), 0, 'no Withdraw link once withdrawn');
  assert.equal(sql(`SELECT status FROM referrals WHERE reference = '${open}'`), 'withdrawn');
}

test('a GP withdraws one of their referrals from the list, giving a reason (axe on every page)', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await withdrawFromList(page, (what) => assertNoAxeViolations(page, what));
  await context.close();
});

test('withdrawing a referral works without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  await withdrawFromList(await context.newPage(), async () => {});
  await context.close();
});
