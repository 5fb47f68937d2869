// Acceptance of case work, the whole journey in Chromium: a GP refers, the hub
// coordinator triages and the case is allocated to a Living Well Worker, who
// opens it from their caseload, records a baseline SWEMWBS, five sessions, a
// follow-up SWEMWBS and an onward referral, and closes the case; the case page
// shows the change. axe checks every page on the way. Also: a safeguarding
// concern cannot be deleted by any role through the pages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startServer, repoRoot } from '../lib/server.mjs';
import { launchBrowser, assertNoAxeViolations } from '../lib/browser.mjs';
import { api, importReferrals, tokenFor } from '../lib/referrals.mjs';

let server;
let browser;
// On PostgreSQL when WAYMARK_TEST_PG_URL is set (run under scripts/with-postgres), else SQLite.
const dbUrl = process.env.WAYMARK_TEST_PG_URL;
before(async () => {
  server = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' }, dbUrl });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const sql = (q) => (dbUrl ? execFileSync('psql', ['-At', '-v', 'ON_ERROR_STOP=1', dbUrl, '-c', q], { encoding: 'utf8' })
  : execFileSync('sqlite3', [server.dbPath, q], { encoding: 'utf8' })).trim();

async function signIn(page, email) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('demo-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function asUser(email, fn, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await signIn(page, email);
    return await fn(page);
  } finally {
    await context.close();
    assert.deepEqual(errors, [], 'no script errors');
  }
}

// SWEMWBS answers (1-5 per item) and the metric scores of their raw totals
// (the published conversion table: raw 21 -> 19.25, raw 26 -> 23.21).
const BASELINE = [3, 3, 3, 3, 3, 3, 3];
const FOLLOW_UP = [4, 4, 4, 4, 3, 4, 3];

async function recordSwemwbs(page, phase, answers) {
  await page.getByRole('link', { name: 'Record a measure' }).click();
  await page.getByLabel('SWEMWBS', { exact: false }).first().check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await assertNoAxeViolations(page, `SWEMWBS form (${phase})`);
  await page.getByLabel(phase === 'baseline' ? 'Baseline' : 'Follow-up', { exact: true }).check();
  const labels = ['None of the time', 'Rarely', 'Some of the time', 'Often', 'All of the time'];
  for (let i = 0; i < answers.length; i++) {
    await page.getByRole('group', { name: new RegExp(`^${i + 1}\\. `) }).getByLabel(labels[answers[i] - 1], { exact: true }).check();
  }
  await page.getByRole('button', { name: 'Save measure' }).click();
}

// After a save: back on the case page, or a failure naming the problems shown.
async function backOnCase(page) {
  const path = new URL(page.url()).pathname;
  if (/^\/cases\/\d+$/.test(path)) return;
  const problems = await page.locator('.nhsuk-error-summary, .nhsuk-inset-text').allInnerTexts();
  assert.fail(`still on ${path}: ${problems.join(' / ')}`);
}

// A new case of Lucy Walker's: a GP referral imported and triaged through the API.
async function freshCase(given, family) {
  const hub = await tokenFor(server, 'hub@demo.waymark.test');
  const ids = await importReferrals(server, hub, [{
    given, family, received_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    fields: { source: 'gp_practice', reasons: 'loneliness', 'person.practice': 'SPBRK01', 'person.postcode': 'IP24 1AB' },
  }]);
  const referralId = ids[`${given} ${family}`];
  const t = await api(server, hub, 'POST', `/api/v1/referrals/${referralId}/triage`, { tier: 'social_prescribing', reason: 'test' });
  assert.ok(t.status < 300, JSON.stringify(t.body));
  const row = sql(`SELECT c.id || ' ' || u.email FROM cases c JOIN workers w ON w.id = c.worker_id JOIN users u ON u.id = w.user_id
    WHERE c.referral_id = ${referralId}`);
  const [id, email] = row.split(' ');
  assert.equal(email, 'lww@demo.waymark.test', row);
  return Number(id);
}

async function addSession(page, n, withError = false) {
  await page.getByRole('link', { name: 'Add a session' }).click();
  if (n === 1) await assertNoAxeViolations(page, 'session form');
  // The date defaults to today (the case opened today; a session cannot be before it).
  const date = page.getByRole('group', { name: 'Date' });
  assert.match(await date.getByLabel('Day').inputValue(), /^\d{1,2}$/);
  assert.match(await date.getByLabel('Year').inputValue(), /^\d{4}$/);
  await page.getByLabel(n % 2 ? 'Face to face' : 'Telephone', { exact: true }).check();
  await page.getByLabel('Duration in minutes').fill(withError ? 'an hour' : '45');
  await page.getByLabel('Notes').fill(`Session ${n}: talked about what matters and the week ahead.`);
  await page.getByLabel('Next step').fill(n < 5 ? 'Meet again next week' : 'Close with a follow-up measure');
  await page.getByRole('button', { name: 'Save session' }).click();
  if (withError) {
    assert.match(await page.title(), /^Error: /);
    assert.match(await page.locator('.nhsuk-error-summary').innerText(), /duration/i);
    await assertNoAxeViolations(page, 'session form with an error');
    assert.equal(await page.getByLabel('Notes').inputValue(), `Session ${n}: talked about what matters and the week ahead.`);
    await page.getByLabel('Duration in minutes').fill('45');
    await page.getByRole('button', { name: 'Save session' }).click();
  }
  await backOnCase(page);
}

test('referral, triage, allocation, five sessions with baseline and follow-up SWEMWBS, an onward referral, closure', async () => {
  // 1. A GP refers through the form.
  const referralId = await asUser('gp@demo.waymark.test', async (page) => {
    await page.goto(`${server.url}/referrals/new`);
    await page.getByLabel('First name').fill('Winifred');
    await page.getByLabel('Last name').fill('Journey');
    const dob = page.getByRole('group', { name: 'Date of birth' });
    await dob.getByLabel('Day').fill('14');
    await dob.getByLabel('Month').fill('2');
    await dob.getByLabel('Year').fill('1944');
    await page.getByLabel('Postcode').fill('IP24 1JD');
    // The form is in steps; the GP's practice and the source come chosen.
    const cont = () => page.getByRole('button', { name: 'Continue' }).click();
    await cont();
    await page.getByLabel('Phone number', { exact: true }).fill('01842 555 0177');
    await cont();
    await cont();
    await page.getByLabel('Loneliness').check();
    await page.getByLabel('Details (optional)').fill('Lives alone since her husband died; would like to get out more.');
    await cont();
    await cont();
    await page.getByLabel('The person has agreed to be referred for support').check();
    await page.getByLabel('The person has agreed that their information can be shared', { exact: false }).check();
    await cont();
    await page.getByRole('button', { name: 'Send referral' }).click();
    const m = new URL(page.url()).pathname.match(/^\/referrals\/(\d+)\/sent$/);
    assert.ok(m, `sent page, got ${page.url()}`);
    return Number(m[1]);
  });

  // 2. The hub coordinator triages it as social prescribing; it is allocated.
  const caseId = await asUser('hub@demo.waymark.test', async (page) => {
    await page.goto(`${server.url}/triage/${referralId}`);
    await page.getByLabel('Social prescribing (Living Well Worker)').check();
    const override = page.getByLabel('Reason for overriding the suggestion');
    await override.fill('Needs a Living Well Worker to rebuild her social life.');
    await page.getByRole('button', { name: 'Save triage' }).click();
    const main = await page.locator('main').innerText();
    assert.match(main, /Worker\s+Lucy Walker/);
    // The hub does not hold the case, so it is not offered to them.
    assert.equal(await page.getByRole('link', { name: 'Open the case' }).count(), 0);
    const id = Number(sql(`SELECT id FROM cases WHERE referral_id = ${referralId}`));
    assert.ok(id > 0);
    const res = await page.request.get(`${server.url}/cases/${id}`);
    assert.equal(res.status(), 404, 'only the organisation holding the case sees it');
    return id;
  });

  // 3. The worker works the case from their caseload.
  await asUser('lww@demo.waymark.test', async (page) => {
    await page.getByRole('link', { name: 'Caseload' }).first().click();
    assert.equal(new URL(page.url()).pathname, '/caseload');
    await assertNoAxeViolations(page, 'caseload');
    const row = page.locator('tr', { hasText: 'Winifred Journey' });
    assert.match(await row.innerText(), /0 of 5/);
    assert.match(await row.innerText(), /No contact yet/);
    await row.getByRole('link', { name: 'Winifred Journey' }).click();
    assert.equal(new URL(page.url()).pathname, `/cases/${caseId}`);
    await assertNoAxeViolations(page, 'case page, new');

    await recordSwemwbs(page, 'baseline', BASELINE);
    assert.match(await page.locator('#measures-section').innerText(), /Baseline/);

    await addSession(page, 1, true);
    for (let n = 2; n <= 5; n++) await addSession(page, n);
    assert.equal(await page.locator('#sessions + table tbody tr').count(), 5);

    await recordSwemwbs(page, 'follow-up', FOLLOW_UP);

    // The onward referral: through the community directory when this build
    // has it, otherwise typed in.
    await page.getByRole('link', { name: 'Refer on' }).click();
    const viaDirectory = new URL(page.url()).pathname === '/directory';
    if (viaDirectory) {
      await assertNoAxeViolations(page, 'directory, referring on from a case');
      await page.getByRole('button', { name: /^Refer/ }).first().click();
      // Referring on asks first, naming the service; nothing is saved until then.
      assert.match(await page.locator('#refer-on-to').innerText(), /Refer on to .+\?/);
      await assertNoAxeViolations(page, 'refer on: asking first');
      await page.getByRole('button', { name: 'Save onward referral' }).click();
      assert.match(await page.locator('#success-banner').innerText(), /Referred on/);
    } else {
      await assertNoAxeViolations(page, 'onward referral form');
      await page.getByLabel('Service or organisation').fill('Thetford Men\'s Shed');
      await page.getByRole('button', { name: 'Save onward referral' }).click();
    }
    assert.equal(new URL(page.url()).pathname, `/cases/${caseId}`);
    const onward = page.locator('#onward + table');
    assert.match(await onward.innerText(), /Referral made/);
    // The loop is closed when the service accepts her and she goes.
    for (const [status, shown] of [['Accepted by the service', /Accepted by the service/], ['Attended', /Attended/]]) {
      await page.getByRole('link', { name: /^Update status/ }).first().click();
      if (status === 'Accepted by the service') await assertNoAxeViolations(page, 'onward referral status form');
      await page.getByLabel(status, { exact: true }).check();
      await page.getByRole('button', { name: 'Save status' }).click();
      assert.match(await page.locator('#onward + table').innerText(), shown);
    }

    await page.getByRole('link', { name: 'Close the case' }).click();
    await assertNoAxeViolations(page, 'close form');
    await page.getByRole('button', { name: 'Close case' }).click();
    assert.match(await page.locator('.nhsuk-error-summary').innerText(), /reason/i);
    await page.getByLabel('Completed', { exact: true }).check();
    await page.getByLabel('Yes', { exact: true }).check();
    await page.getByRole('button', { name: 'Close case' }).click();

    const main = await page.locator('main').innerText();
    assert.match(main, /Closed/);
    // 19.25 -> 23.21: the change of the metric score.
    const measures = await page.locator('#measures-section').innerText();
    assert.match(measures, /19\.25/);
    assert.match(measures, /23\.21/);
    assert.match(measures, /\+3\.96/);
    assert.equal(await page.locator('#measures-section svg').count(), 1, 'a chart of the change');
    assert.match(main, /Sessions\s+5 of 5/);
    // Closed: no more sessions, but concerns, a late follow-up, unmet needs and case studies still.
    const actions = await page.locator('#case-actions').innerText();
    assert.doesNotMatch(actions, /Add a session|Close the case/);
    assert.match(actions, /Record a follow-up measure[\s\S]*Record an unmet need[\s\S]*Record a safeguarding concern[\s\S]*Add a case study/);
    await assertNoAxeViolations(page, 'closed case');
    await mkdir(path.join(repoRoot, 'build', 'screenshots'), { recursive: true });
    await page.screenshot({ path: path.join(repoRoot, 'build', 'screenshots', 'case-closed.png'), fullPage: true });

    // The caseload no longer lists it among open cases.
    await page.goto(`${server.url}/caseload`);
    assert.doesNotMatch(await page.locator('#open-cases').innerText(), /Winifred Journey/);
  });
  assert.equal(sql(`SELECT status FROM cases WHERE id = ${caseId}`), 'closed');
});

test('without JavaScript: a worker records an ONS4 baseline, a goal with progress and a session', async () => {
  const caseId = await freshCase('Nora', 'Noscript');
  await asUser('lww@demo.waymark.test', async (page) => {
    await page.goto(`${server.url}/cases/${caseId}`);
    await page.getByRole('link', { name: 'Record a measure' }).click();
    // The choice of questionnaire is a GET form: no script needed.
    await page.getByLabel('ONS4', { exact: false }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    assert.match(new URL(page.url()).search, /instrument=ons4/);
    await page.getByLabel('Baseline', { exact: true }).check();
    const boxes = page.locator('input[name^="answer_"]');
    assert.equal(await boxes.count(), 4);
    await boxes.nth(0).fill('6');
    await boxes.nth(1).fill('11');
    await page.getByRole('button', { name: 'Save measure' }).click();
    const summary = await page.locator('.nhsuk-error-summary').innerText();
    assert.match(summary, /Question 2 needs a whole number from 0 to 10/);
    assert.match(summary, /Answer question 3/);
    assert.match(summary, /Answer question 4/);
    assert.equal(await boxes.nth(0).inputValue(), '6', 'what was typed is kept');
    await boxes.nth(1).fill('7');
    await boxes.nth(2).fill('5');
    await boxes.nth(3).fill('4');
    await page.getByRole('button', { name: 'Save measure' }).click();
    await backOnCase(page);
    assert.match(await page.locator('#measures-section').innerText(), /ONS4\s+Baseline.*6, 7, 5, 4/s);

    await page.getByRole('link', { name: 'Add a goal' }).click();
    await page.getByLabel('Goal', { exact: true }).fill('Go to the lunch club every week');
    await page.getByLabel('Area of need (optional)').selectOption('social_connection');
    await page.getByRole('button', { name: 'Save goal' }).click();
    await backOnCase(page);
    await page.getByRole('link', { name: /^Record progress/ }).first().click();
    await page.getByLabel('Progress, from 0 to 10').selectOption('6');
    await page.getByRole('button', { name: 'Save progress' }).click();
    await backOnCase(page);
    assert.match(await page.locator('#goals + table').innerText(), /Go to the lunch club every week\s+Social connection\s+6 of 10/);

    await page.getByRole('link', { name: 'Add a session' }).click();
    await page.getByLabel('Video call', { exact: true }).check();
    await page.getByLabel('Duration in minutes').fill('30');
    await page.getByRole('button', { name: 'Save session' }).click();
    await backOnCase(page);
    assert.match(await page.locator('#sessions + table').innerText(), /Video call\s+30/);
  }, { javaScriptEnabled: false });
});

test('a provider manager picks a worker of their organisation on the caseload page', async () => {
  await asUser('manager@demo.waymark.test', async (page) => {
    await page.getByRole('link', { name: 'Caseload' }).first().click();
    assert.equal(await page.locator('h1').innerText(), "Your organisation's cases");
    assert.match(await page.locator('#open-cases thead').innerText(), /Worker/);
    await page.getByLabel('Whose cases').selectOption({ label: 'Lucy Walker' });
    await page.getByRole('button', { name: 'Show cases' }).click();
    assert.equal(await page.locator('h1').innerText(), 'Caseload of Lucy Walker');
    const rows = await page.locator('#open-cases tbody tr').count();
    assert.ok(rows > 0, 'Lucy Walker has open cases');
    await assertNoAxeViolations(page, "a worker's caseload seen by their manager");
    // A worker of another organisation is not offered and not shown.
    const other = sql(`SELECT w.id FROM workers w JOIN orgs o ON o.id = w.org_id WHERE o.name <> 'Breckland Community Support' LIMIT 1`);
    await page.goto(`${server.url}/caseload?worker=${other}`);
    assert.equal(await page.locator('h1').innerText(), "Your organisation's cases");
  });
});

test('a safeguarding concern is flagged and cannot be deleted through the pages by any role', async () => {
  const caseId = Number(sql(`SELECT c.id FROM cases c JOIN workers w ON w.id = c.worker_id JOIN users u ON u.id = w.user_id
    WHERE u.email = 'lww@demo.waymark.test' AND c.status = 'open' ORDER BY c.id LIMIT 1`));
  assert.ok(caseId > 0, 'an open case of the demo Living Well Worker');
  await asUser('lww@demo.waymark.test', async (page) => {
    await page.goto(`${server.url}/cases/${caseId}`);
    await page.getByRole('link', { name: 'Record a safeguarding concern' }).click();
    await assertNoAxeViolations(page, 'safeguarding form');
    await page.getByRole('button', { name: 'Save concern' }).click();
    assert.match(await page.title(), /^Error: /);
    await page.getByLabel('Category').selectOption({ index: 1 });
    await page.getByLabel('What was seen or said').fill('Bruising on her arm; said her nephew takes her pension.');
    await page.getByLabel('What was done').fill('Discussed with the person; called adult social care.');
    await page.getByLabel('Escalated to').fill('Norfolk adult social care');
    await page.getByRole('button', { name: 'Save concern' }).click();
    assert.equal(new URL(page.url()).pathname, `/cases/${caseId}`);
    assert.match(await page.locator('.nhsuk-warning-callout').innerText(), /Safeguarding concern/);
    assert.match(await page.locator('#case-flags').innerText(), /Safeguarding/);
    assert.match(await page.locator('#safeguarding-section').innerText(), /nephew takes her pension/);
    assert.equal(await page.locator('#safeguarding-section').getByRole('button', { name: /delete|remove/i }).count(), 0);
    assert.equal(await page.locator('form[action*="delete"], form[action*="remove"]').count(), 0);
    await assertNoAxeViolations(page, 'case page with a safeguarding concern');
  });
  const concern = sql(`SELECT id FROM safeguarding_concerns WHERE case_id = ${caseId} ORDER BY id DESC LIMIT 1`);
  assert.ok(Number(concern) > 0);
  // Every role, through the pages: plausible delete paths are not routes.
  for (const email of ['lww@demo.waymark.test', 'manager@demo.waymark.test', 'hub@demo.waymark.test',
    'lead@demo.waymark.test', 'admin@demo.waymark.test']) {
    await asUser(email, async (page) => {
      const csrf = await page.locator('input[name="csrf_token"]').first().getAttribute('value');
      for (const [method, path] of [
        ['POST', `/cases/${caseId}/safeguarding/${concern}/delete`],
        ['POST', `/cases/${caseId}/safeguarding/delete`],
        ['POST', `/safeguarding/${concern}/delete`],
        ['DELETE', `/cases/${caseId}/safeguarding/${concern}`],
        ['DELETE', `/cases/${caseId}/safeguarding`],
      ]) {
        const res = await page.request.fetch(`${server.url}${path}`, {
          method, form: { csrf_token: csrf ?? '', concern_id: concern }, maxRedirects: 0,
        });
        assert.ok([404, 405].includes(res.status()), `${email} ${method} ${path}: ${res.status()}`);
      }
    });
  }
  assert.equal(sql(`SELECT COUNT(*) FROM safeguarding_concerns WHERE id = ${concern}`), '1');
});
