// A whole commissioning round in a real browser, without JavaScript: the lead
// provider opens a round; two providers send expressions of interest and a
// third, too late, is refused; the panel scores them and accepts the proposal
// with one override; SLAs are issued; a Living Well Worker is put in place and
// the schedule shows four payments; a quarter's review turns a provider amber
// and its payment is held with a reason; the provider manager sees it. axe
// checks the pages (with JavaScript, which axe needs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, waymarkBin } from '../lib/server.mjs';
import { launchBrowser, assertNoAxeViolations } from '../lib/browser.mjs';
import { api, tokenFor } from '../lib/referrals.mjs';

let server;
let browser;
before(async () => {
  server = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } });
  browser = await launchBrowser();
  const r = spawnSync(waymarkBin(), ['user', 'add', '--db', server.dbPath, '--email', 'manager3@demo.waymark.test', '--name', 'Wendy Vale',
    '--role', 'provider_manager', '--org', 'Waveney Care Connect', '--password-stdin'],
  { input: 'demo-password-1\n', env: { ...process.env, WAYMARK_PWHASH_FAST: '1' } });
  assert.equal(r.status, 0, r.stderr?.toString());
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function as(email, js = false) {
  const context = await browser.newContext({ javaScriptEnabled: js });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('demo-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  return { context, page };
}

// London wall-clock date and time of an instant.
function london(ms) {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}`, d: +p.day, m: +p.month, y: +p.year };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// "7 Dec 2026": how the pages show a date.
const shown = (w) => `${w.d} ${MONTHS[w.m - 1]} ${w.y}`;

// Types a date into the NHS.UK date input NAME: day, month (a number or a name) and year boxes.
async function fillDate(page, name, d, m, y) {
  await page.locator(`[name="${name}.day"]`).fill(String(d));
  await page.locator(`[name="${name}.month"]`).fill(String(m));
  await page.locator(`[name="${name}.year"]`).fill(String(y));
}

test('a whole round: EOIs, scores, override, SLAs, worker in place, payments, an amber review and a held payment', async () => {
  // Everyone signs in first, so the EOIs can be sent soon after the round opens.
  const lead = await as('lead@demo.waymark.test');
  const sessions = {};
  for (const email of ['manager@demo.waymark.test', 'manager2@demo.waymark.test', 'manager3@demo.waymark.test'])
    sessions[email] = await as(email);
  // Long enough for two EOIs before it on a slow (sanitizer) run; the third waits for it.
  const deadlineMs = (Math.floor(Date.now() / 1000) + 30) * 1000;
  const when = london(deadlineMs);
  const lp = lead.page;
  await lp.getByRole('link', { name: 'Commissioning' }).first().click();
  await lp.getByLabel('Title').fill('Social prescribing VCSE Lots 2026');
  // The month typed as a name, as people do.
  await fillDate(lp, 'eoi_deadline', when.d, MONTHS[when.m - 1], when.y);
  await lp.getByLabel('Deadline: time').fill(when.time);
  await lp.getByLabel('Lots in Breckland').fill('2');
  await lp.getByLabel("Lots in King's Lynn and West Norfolk").fill('1');
  await lp.getByRole('button', { name: 'Open the round' }).click();
  assert.match(await lp.locator('h1').innerText(), /Social prescribing VCSE Lots 2026/);
  assert.match(await lp.locator('.nhsuk-summary-list').innerText(), /£14,000\.00/);
  assert.match(await lp.locator('.nhsuk-summary-list').innerText(), new RegExp(`Deadline for expressions of interest\\s+${shown(when)} \\d\\d:\\d\\d`));
  const roundUrl = lp.url();

  const eoi = async (email, min, max, clusters) => {
    const { context, page } = sessions[email];
    await page.goto(roundUrl);
    await page.getByLabel('Smallest number of Lots you would take').fill(String(min));
    await page.getByLabel('Largest number of Lots you would take').fill(String(max));
    for (const c of clusters) await page.getByLabel(c, { exact: true }).check();
    await page.getByLabel('Client specialisms').fill('Older people and carers');
    await page.getByLabel('Experience of delivering similar services').fill('Eight years of befriending');
    await page.getByLabel("Your organisation's track record").fill('Delivered on time');
    return { context, page };
  };
  const send = (page) => page.getByRole('button', { name: 'Send the expression of interest' }).click();
  const bcs = await eoi('manager@demo.waymark.test', 1, 2, ['Breckland', 'Swaffham']);
  await send(bcs.page);
  assert.match(await bcs.page.locator('main').innerText(), /has sent its expression of interest/);
  const wnb = await eoi('manager2@demo.waymark.test', 1, 2, ['Fens', 'Kings Lynn']);
  await send(wnb.page);
  assert.match(await wnb.page.locator('main').innerText(), /has sent its expression of interest/);
  const late = await eoi('manager3@demo.waymark.test', 1, 1, ['Coastal']);
  await new Promise((r) => setTimeout(r, Math.max(0, deadlineMs - Date.now() + 1000)));
  await send(late.page);
  assert.match(await late.page.locator('.nhsuk-error-summary').innerText(), /deadline for expressions of interest .* has passed/);
  await late.context.close();
  await wnb.context.close();

  // The panel scores both, then accepts the proposal with one override.
  await lp.goto(roundUrl);
  for (const mark of ['5', '3']) {
    for (const label of ['minimum organisation criteria', 'Experience of successful', 'track record', 'robustness', 'geographic'])
      await lp.getByLabel(new RegExp(label)).selectOption(mark);
    await lp.getByRole('button', { name: 'Save the scores' }).click();
  }
  assert.match(await lp.locator('table').first().innerText(), /100\.00/);
  assert.match(await lp.locator('main').innerText(), /Proposed allocation/);
  await lp.getByLabel('Override for one provider (optional)').selectOption({ label: 'West Norfolk Befriending' });
  await lp.getByLabel('Award it at least its minimum').check();
  await lp.getByRole('button', { name: 'Accept and award the Lots' }).click();
  assert.match(await lp.locator('.nhsuk-error-summary').innerText(), /reason for the override/);
  await lp.getByLabel('Override for one provider (optional)').selectOption({ label: 'West Norfolk Befriending' });
  await lp.getByLabel('Award it at least its minimum').check();
  await lp.getByLabel("The panel's reason for the override").fill('Geographic mix: a West Norfolk provider');
  await lp.getByRole('button', { name: 'Accept and award the Lots' }).click();
  assert.match(await lp.locator('main').innerText(), /Lots awarded[\s\S]*Geographic mix/);
  // A date that does not exist is named in plain English; then today.
  await fillDate(lp, 'signed', 31, 2, 2027);
  await lp.getByRole('button', { name: 'Issue the SLAs' }).click();
  assert.match(await lp.locator('.nhsuk-error-summary').innerText(), /Date signed must be a real date, for example 31 3 2027/);
  const today = london(Date.now());
  await fillDate(lp, 'signed', today.d, today.m, today.y);
  await lp.getByRole('button', { name: 'Issue the SLAs' }).click();
  assert.match(await lp.locator('main').innerText(), /contracted/);

  // The provider manager puts a Living Well Worker in place: four payments are dated.
  const bp = bcs.page;
  await bp.goto(`${server.url}/commissioning`);
  await bp.getByRole('link', { name: 'Breckland Community Support' }).click();
  const slaUrl = bp.url();
  await bp.getByLabel('Living Well Worker', { exact: true }).selectOption({ label: 'Lucy Walker' });
  await fillDate(bp, 'in_place', today.d, today.m, today.y);
  await bp.getByRole('button', { name: 'Record the worker in place' }).click();
  const payments = await bp.locator('table', { hasText: 'Payments' }).locator('tbody tr').allInnerTexts();
  assert.equal(payments.length, 4);
  assert.ok(payments.every((r) => /\b\d{1,2} [A-Z][a-z]{2} \d{4}\b/.test(r) && !/\d{4}-\d\d-\d\d/.test(r)), payments.join('\n'));
  assert.match(await bp.locator('.nhsuk-summary-list').innerText(), new RegExp(`Signed\\s+${shown(today)}`));
  assert.match(await bp.locator('table', { hasText: 'Living Well Worker posts' }).innerText(), new RegExp(`Lucy Walker\\s+${shown(today)}`));
  assert.match(payments[0], /signing\s+£8,400\.00/);
  assert.match(payments[3], /12-months\s+£2,800\.00/);

  // The quarter's review turns the provider amber; the signing payment is held against it.
  await lp.goto(slaUrl);
  // The figures are computed from the provider's cases: none opened yet this quarter, so red; the reviewer
  // overrides it to amber with a reason (a missing reason is named first).
  await lp.getByLabel('Quarter (1 is the first three months)').fill('1');
  await lp.getByLabel("Reviewer's notes").fill('Below the pro-rata target');
  await lp.getByLabel('Actions', { exact: true }).fill('Recovery plan by next month');
  await lp.getByLabel('Override the rating (optional)').selectOption('amber');
  await lp.getByRole('button', { name: 'Record the review' }).click();
  assert.match(await lp.locator('.nhsuk-error-summary').innerText(), /reason for overriding/);
  await lp.getByLabel('Quarter (1 is the first three months)').fill('1');
  await lp.getByLabel("Reviewer's notes").fill('Below the pro-rata target');
  await lp.getByLabel('Override the rating (optional)').selectOption('amber');
  await lp.getByLabel('Reason for the override').fill('The service is still mobilising');
  await lp.getByRole('button', { name: 'Record the review' }).click();
  assert.match(await lp.locator('main').innerText(), /Rating: amber/);
  const reviewRow = await lp.locator('table', { hasText: 'Quarterly reviews' }).locator('tbody tr').first().innerText();
  assert.match(reviewRow, /0 \(\d+\.\d\d\)/);
  assert.match(reviewRow, /no cases/);
  assert.match(reviewRow, /Computed red, overridden: The service is still mobilising/);
  await lp.getByLabel('Payment', { exact: true }).selectOption({ label: 'signing' });
  await lp.getByLabel('Hold', { exact: true }).check();
  await lp.getByLabel('Reason for holding').selectOption('performance');
  await lp.getByLabel('Review that justifies holding it').selectOption({ label: 'Quarter 1 (amber)' });
  await lp.getByRole('button', { name: 'Change the payment' }).click();
  assert.match(await lp.locator('table', { hasText: 'Payments' }).innerText(), /held\s+Held: performance/);

  await bp.goto(slaUrl);
  assert.match(await bp.locator('main').innerText(), /Rating: amber/);
  assert.match(await bp.locator('main').innerText(), /Held: performance/);
  await bcs.context.close();
  await lead.context.close();

  // The provider's Appendix B evidence: the provider manager uploads a file on the evidence page (no
  // JavaScript); it is listed with a link that downloads it.
  const tok = await tokenFor(server, 'manager@demo.waymark.test');
  const org = (await api(server, tok, 'GET', '/api/v1/commissioning/slas')).body.slas[0].organisation.id;
  const soon = new Date(Date.now() + 5 * 86400_000);
  {
    const { context, page } = await as('manager@demo.waymark.test');
    await page.goto(`${server.url}/commissioning/providers/${org}/evidence`);
    await page.getByRole('button', { name: 'Upload evidence' }).click();
    const problems = await page.locator('.nhsuk-error-summary').innerText();
    assert.match(problems, /Choose the file to upload/);
    assert.match(problems, /Enter the review or expiry date/);
    await page.getByLabel('Criterion').selectOption('safeguarding');
    await page.getByLabel('Document title').fill('Safeguarding policy');
    await page.getByLabel('Reference or version').fill('SG-1');
    await page.locator('[name="review_date.day"]').fill(String(soon.getUTCDate()));
    await page.locator('[name="review_date.month"]').fill(String(soon.getUTCMonth() + 1));
    await page.locator('[name="review_date.year"]').fill(String(soon.getUTCFullYear()));
    // A file whose contents are not what its type says is refused under the file.
    await page.getByLabel('File').setInputFiles({ name: 'safeguarding.pdf', mimeType: 'application/pdf', buffer: Buffer.from('not a pdf') });
    await page.getByRole('button', { name: 'Upload evidence' }).click();
    assert.match(await page.locator('.nhsuk-error-summary').innerText(), /not those of a PDF file/);
    await page.getByLabel('File').setInputFiles({ name: 'safeguarding.pdf', mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% policy\n') });
    await page.getByRole('button', { name: 'Upload evidence' }).click();
    assert.match(await page.locator('main').innerText(), /Evidence uploaded[\s\S]*Safeguarding policy \(SG-1\)/);
    await context.close();
  }
  for (const email of ['lead@demo.waymark.test', 'manager@demo.waymark.test']) {
    const { context, page } = await as(email, true);
    // Both see the reminder on their home page.
    assert.match(await page.locator('main').innerText(), /Appendix B evidence reminders[\s\S]*Safeguarding policy[\s\S]*Due in 5 days/);
    await page.goto(slaUrl);
    await page.getByRole('link', { name: 'Appendix B evidence of this provider' }).click();
    const evidenceUrl = page.url();
    const link = page.getByRole('link', { name: 'Download safeguarding.pdf' });
    const file = await page.request.get(new URL(await link.getAttribute('href'), server.url).href);
    assert.equal(file.status(), 200);
    assert.equal(file.headers()['content-disposition'], 'attachment; filename="safeguarding.pdf"');
    assert.equal((await file.body()).subarray(0, 5).toString(), '%PDF-');
    for (const [label, url] of [['commissioning', `${server.url}/commissioning`], ['round', roundUrl], ['sla', slaUrl],
      ['evidence', evidenceUrl], ['home', `${server.url}/`]]) {
      await page.goto(url);
      await assertNoAxeViolations(page, `${label} as ${email}`);
    }
    await context.close();
  }
});
