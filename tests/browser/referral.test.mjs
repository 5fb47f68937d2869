// A GP makes a referral through the form's steps with one mistake, sees the
// error summary, follows its link to the field, corrects it, changes an
// answer from the check-your-answers page and gets the reference; then the
// same without JavaScript; a discharge team gets the discharge step; and
// someone refers themselves. axe checks the pages on the way.
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

const cont = (page) => page.getByRole('button', { name: 'Continue' }).click();
const heading = async (page) => (await page.locator('h1').innerText()).replace(/\s+/g, ' ');

/**
 * Goes through the steps of the referral form as a GP: the practice and the
 * source come chosen; returns on the check-your-answers page.
 */
async function fillReferral(page, { postcode, js = true, axe = async () => {} }) {
  assert.match(await heading(page), /step 1 of 6 - The person you are referring/);
  await page.getByLabel('First name').fill('Doris');
  await page.getByLabel('Last name').fill('Thrower');
  const dob = page.getByRole('group', { name: 'Date of birth' });
  await dob.getByLabel('Day').fill('4');
  await dob.getByLabel('Month').fill('9');
  await dob.getByLabel('Year').fill('1939');
  await page.getByLabel('NHS number (optional)').fill('943 476 5919');
  await page.getByLabel('Postcode').fill(postcode);
  // A GP at Thetford Healthy Living Centre refers from that practice: chosen,
  // in title case; a type-ahead text box with JavaScript, a select without.
  const practice = page.getByLabel('GP practice (optional)');
  if (js) {
    assert.equal(await practice.evaluate((e) => e.tagName), 'INPUT');
    assert.equal(await practice.inputValue(), 'Thetford Healthy Living Centre');
    assert.equal(await page.locator('datalist option[value="Watton Medical Practice"]').count(), 1);
  } else {
    assert.equal(await practice.evaluate((e) => e.tagName), 'SELECT');
    assert.equal(await practice.inputValue(), 'SPBRK01');
  }
  await axe('referral step 1');
  await cont(page);
  if (/person you are referring/.test(await heading(page))) return; // the step's own error
  assert.match(await heading(page), /step 2 of 6 - How to contact them/);
  await page.getByLabel('Phone number', { exact: true }).fill('01842 555 0123');
  await cont(page);
  assert.match(await heading(page), /step 3 of 6 - About them/);
  await cont(page);
  assert.match(await heading(page), /step 4 of 6 - The referral/);
  assert.equal(await page.getByLabel('Referral source').inputValue(), 'gp_practice', 'a GP refers as a GP practice');
  await page.getByLabel('Loneliness').check();
  await page.getByLabel('Help with shopping').check();
  await page.getByLabel('Details (optional)').fill('Widowed last year, stopped going to the lunch club.');
  await axe('referral step 4');
  await cont(page);
  // No discharge step for a GP practice.
  assert.match(await heading(page), /step 5 of 6 - About you, the referrer/);
  await cont(page);
  assert.match(await heading(page), /step 6 of 6 - Consent/);
  await page.getByLabel('The person has agreed to be referred for support').check();
  await page.getByLabel('The person has agreed that their information can be shared', { exact: false }).check();
  await cont(page);
}

async function checkAndSend(page, axe) {
  assert.equal(await heading(page), 'Check your answers before sending the referral');
  const main = await page.locator('main').innerText();
  for (const want of ['Doris', '4 September 1939', 'Thetford Healthy Living Centre', 'Loneliness', 'Help with shopping',
    'GP practice']) assert.ok(main.includes(want), `check page shows ${want}`);
  assert.ok(!/Hospital or community bed discharge/.test(main), 'no discharge section for a GP');
  await axe('check your answers');
  await page.getByRole('button', { name: 'Send referral' }).click();
  assert.match(new URL(page.url()).pathname, /^\/referrals\/\d+\/sent$/);
  const panel = page.locator('.nhsuk-panel');
  assert.match(await panel.innerText(), /Referral sent/);
  return (await panel.locator('strong').innerText()).trim();
}

test('a GP makes a referral in steps, corrects a mistake, changes an answer and gets the reference', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  const axe = (what) => assertNoAxeViolations(page, what);
  await signIn(page, 'gp@demo.waymark.test');
  await page.getByRole('link', { name: 'New referral' }).first().click();
  assert.equal(new URL(page.url()).pathname, '/referrals/new');

  const before = sql('SELECT COUNT(*) FROM referrals');
  await fillReferral(page, { postcode: 'NR1 XYZ', axe });
  // The mistake is in step 1: it stays, with the error summary, nothing stored.
  assert.match(await page.title(), /^Error: /);
  const summary = page.locator('.nhsuk-error-summary');
  assert.match(await summary.innerText(), /Postcode must be a full UK postcode/);
  assert.equal(await summary.locator('li').count(), 1, 'one mistake, one error');
  assert.equal(sql('SELECT COUNT(*) FROM referrals'), before, 'nothing stored');
  assert.equal(await page.getByLabel('First name').inputValue(), 'Doris', 'typed answers are kept');
  assert.equal(await page.getByRole('group', { name: 'Date of birth' }).getByLabel('Year').inputValue(), '1939');
  await axe('referral step with an error');
  await summary.getByRole('link', { name: /Postcode/ }).click();
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'person-postcode');
  await page.getByLabel('Postcode').fill('NR1 3SR');
  // Back and forth keeps every answer.
  await cont(page);
  await page.getByRole('button', { name: 'Back' }).click();
  assert.equal(await page.getByLabel('Postcode').inputValue(), 'NR1 3SR');
  await page.getByLabel('Postcode').fill('IP24 1JD');
  await cont(page);
  await page.getByLabel('Phone number', { exact: true }).fill('01842 555 0123');
  for (let i = 0; i < 2; i++) await cont(page);
  await page.getByLabel('Loneliness').check();
  await page.getByLabel('Help with shopping').check();
  for (let i = 0; i < 2; i++) await cont(page);
  await page.getByLabel('The person has agreed to be referred for support').check();
  await page.getByLabel('The person has agreed that their information can be shared', { exact: false }).check();
  await cont(page);

  // Change an answer from the check page: back to that step, then straight back.
  await page.getByRole('button', { name: 'Change Last name' }).click();
  assert.match(await heading(page), /The person you are referring/);
  await page.getByLabel('Last name').fill('Thrower-Smith');
  await cont(page);
  assert.ok((await page.locator('main').innerText()).includes('Thrower-Smith'));
  const reference = await checkAndSend(page, axe);
  assert.match(reference, REF);
  assert.equal(sql(`SELECT r.status || ' ' || r.channel || ' ' || r.source || ' ' || p.practice_code || ' ' || p.family_name
    FROM referrals r JOIN people p ON p.id = r.person_id WHERE r.reference = '${reference}'`),
  'received form gp_practice SPBRK01 Thrower-Smith');
  await axe('referral confirmation');
  await mkdir(path.join(repoRoot, 'build', 'screenshots'), { recursive: true });
  await page.screenshot({ path: path.join(repoRoot, 'build', 'screenshots', 'referral-sent.png'), fullPage: true });

  // The closed loop: the GP sees it in their referrals with its status.
  await page.getByRole('link', { name: 'Referrals', exact: true }).first().click();
  assert.match(await page.locator('main').innerText(), new RegExp(`${reference}\\s+[^\\n]*?Received`)); // reference, person, status
  await axe('your referrals');
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('the referral steps work without JavaScript', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'gp@demo.waymark.test');
  await page.goto(`${server.url}/referrals/new`);
  await fillReferral(page, { postcode: 'PE30 1EX', js: false });
  const reference = await checkAndSend(page, async () => {});
  assert.match(reference, REF);
  assert.equal(sql(`SELECT p.practice_code FROM referrals r JOIN people p ON p.id = r.person_id WHERE r.reference = '${reference}'`),
    'SPBRK01');
  await context.close();
});

test('a discharge team gets the discharge step; its answers show on the check page', async () => {
  for (const js of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled: js });
    const page = await context.newPage();
    await signIn(page, 'discharge@demo.waymark.test');
    await page.goto(`${server.url}/referrals/new`);
    assert.match(await heading(page), /step 1 of 7/, 'the team\'s source is chosen for it: the discharge step is counted');
    assert.equal(await page.getByLabel('GP practice (optional)').inputValue(), '', 'no practice chosen for a hospital team');
    await page.getByLabel('First name').fill('Albert');
    await page.getByLabel('Last name').fill('Moss');
    await page.getByLabel('Day').fill('2');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('1941');
    await page.getByLabel('Postcode').fill('NR4 7UY');
    await cont(page);
    await page.getByLabel('Phone number', { exact: true }).fill('01603 555 0199');
    for (let i = 0; i < 2; i++) await cont(page);
    assert.match(await heading(page), /step 4 of 7 - The referral/, await page.locator('main').innerText());
    assert.equal(await page.getByLabel('Referral source').inputValue(), 'acute_hospital_discharge',
      'a discharge team refers as its source (model/org.def referral_source), as a GP as a GP practice');
    await page.getByLabel('Support on discharge from hospital or a community bed').check();
    await cont(page);
    assert.match(await heading(page), /step 5 of 7 - Hospital or community bed discharge/);
    if (js) await assertNoAxeViolations(page, 'discharge step');
    await page.getByLabel('Hospital or community bed (optional)').fill('Norfolk and Norwich University Hospital');
    await page.getByLabel('Ward (optional)').fill('Cley');
    const soon = new Date(Date.now() + 3 * 86400e3);
    await page.getByLabel('Day').fill(String(soon.getUTCDate()));
    await page.getByLabel('Month').fill(String(soon.getUTCMonth() + 1));
    await page.getByLabel('Year').fill(String(soon.getUTCFullYear()));
    await cont(page);
    assert.match(await heading(page), /step 6 of 7 - About you/, await page.locator('main').innerText());
    await cont(page);
    await page.getByLabel('The person has agreed to be referred for support').check();
    await page.getByLabel('The person has agreed that their information can be shared', { exact: false }).check();
    await cont(page);
    const main = await page.locator('main').innerText();
    assert.ok(main.includes('Hospital or community bed discharge') && main.includes('Cley'), 'discharge answers shown');
    await page.getByRole('button', { name: 'Send referral' }).click();
    const reference = (await page.locator('.nhsuk-panel strong').innerText()).trim();
    assert.equal(sql(`SELECT source || ' ' || discharge_ward FROM referrals WHERE reference = '${reference}'`),
      'acute_hospital_discharge Cley');
    await context.close();
  }
});

test('someone refers themselves without signing in', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/`);
  await page.getByRole('link', { name: 'Refer yourself for support' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Refer yourself for support');
  await assertNoAxeViolations(page, 'self-referral form');
  assert.equal(await page.getByLabel('Referral source').count(), 0, 'no source: it is a self-referral');
  // The form speaks to the person, in plain words, and says which questions are optional.
  const words = await page.locator('main').innerText();
  assert.doesNotMatch(words, /the person|Indeterminate|check digit|Data Dictionary/i);
  assert.match(words, /Prefer not to say/);
  assert.match(words, /Do you live alone\? \(optional\)/);
  assert.ok(await page.getByLabel('NHS number (optional)').isVisible());
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
