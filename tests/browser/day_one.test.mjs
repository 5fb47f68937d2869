// Acceptance (issue 17): a real service set up from an empty database through pages only. From `waymark init`,
// one organisation and one administrator made at the command line, the administrator adds the lead provider,
// a provider serving Breckland and a GP practice's referrer organisation with their users (each choosing a
// password through their invitation link); the provider manager registers a 0.5 FTE Living Well Worker on the
// Breckland cluster and a support worker; the programme lead sets the hub's phone number, then shown on the
// self-referral page; the GP refers a patient of Watton Medical Practice; the hub triages it to social
// prescribing and it is allocated to the new worker, who sees it on their caseload. axe on every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, runCli, waymarkBin } from '../lib/server.mjs';
import { launchBrowser, assertNoAxeViolations } from '../lib/browser.mjs';

let server;
let browser;
const ADMIN_PW = 'admin-password-long-1';
before(async () => {
  server = await startServer({ demo: false, env: { WAYMARK_PWHASH_FAST: '1' } });
  await runCli(['org', 'add', '--db', server.dbPath, '--name', 'Norfolk and Waveney ICB', '--kind', 'commissioner']);
  const r = spawnSync(waymarkBin(), ['user', 'add', '--db', server.dbPath, '--email', 'admin@nwicb.example', '--name', 'Ada Admin',
    '--role', 'administrator', '--org', 'Norfolk and Waveney ICB', '--password-stdin'],
  { input: `${ADMIN_PW}\n`, env: { ...process.env, WAYMARK_PWHASH_FAST: '1' } });
  assert.equal(r.status, 0, r.stderr?.toString());
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signedIn(email, password) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  assert.notEqual(new URL(page.url()).pathname, '/login', `${email} signed in`);
  return { context, page };
}

async function addOrganisation(page, { name, kind, areas = [] }) {
  await page.goto(`${server.url}/organisations`);
  await assertNoAxeViolations(page, 'organisations');
  await page.getByRole('button', { name: 'Add an organisation' }).click();
  await assertNoAxeViolations(page, 'add an organisation');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Kind of organisation').selectOption(kind);
  for (const a of areas) await page.locator(`input[name="areas"][value="${a}"]`).check();
  await page.getByLabel('Telephone').fill('01603 555 0100');
  await page.getByRole('button', { name: 'Add organisation' }).click();
  assert.equal(await page.locator('h1').innerText(), name);
  await assertNoAxeViolations(page, `organisation ${name}`);
  return page.url();
}

/** On an organisation's page: adds a user and has them choose a password through the link. */
async function addUser(page, orgUrl, { name, email, role }) {
  await page.goto(orgUrl);
  await page.getByRole('link', { name: 'Add a user to this organisation' }).click();
  await assertNoAxeViolations(page, 'add a user');
  await page.getByLabel('Full name').fill(name);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Role').selectOption(role);
  await page.getByRole('button', { name: 'Add user' }).click();
  await assertNoAxeViolations(page, 'the invitation link');
  const link = await page.locator('#invitation-link').innerText();
  const invitee = await browser.newContext();
  const p = await invitee.newPage();
  await p.goto(link.replace(/^https?:\/\/[^/]+/, server.url));
  await assertNoAxeViolations(p, 'choose your password');
  const pw = `${email.split('@')[0]}-own-password`;
  await p.getByLabel('New password', { exact: true }).fill(pw);
  await p.getByLabel('New password again').fill(pw);
  await p.getByRole('button', { name: 'Save password' }).click();
  assert.equal(new URL(p.url()).pathname, '/login');
  await invitee.close();
  return pw;
}

const pw = {};

test('day one of a real service, through pages only', async () => {
  // The administrator: organisations and their users.
  const admin = await signedIn('admin@nwicb.example', ADMIN_PW);
  await assertNoAxeViolations(admin.page, 'administrator home');
  const lead = await addOrganisation(admin.page, { name: 'Community Action Norfolk', kind: 'lead_provider' });
  const prov = await addOrganisation(admin.page, { name: 'Breckland Community Support', kind: 'provider', areas: ['breckland'] });
  const gpOrg = await addOrganisation(admin.page, { name: 'Watton Medical Practice', kind: 'referrer_org' });
  pw.lead = await addUser(admin.page, lead, { name: 'Pat Lead', email: 'lead@can.example', role: 'programme_lead' });
  pw.hub = await addUser(admin.page, lead, { name: 'Harriet Hub', email: 'hub@can.example', role: 'hub_coordinator' });
  pw.mgr = await addUser(admin.page, prov, { name: 'Morgan Manager', email: 'manager@bcs.example', role: 'provider_manager' });
  pw.lww = await addUser(admin.page, prov, { name: 'Lena Wells', email: 'lena@bcs.example', role: 'link_worker' });
  pw.sw = await addUser(admin.page, prov, { name: 'Sam Support', email: 'sam@bcs.example', role: 'support_worker' });
  pw.gp = await addUser(admin.page, gpOrg, { name: 'Dr Grace Park', email: 'grace@watton.example', role: 'referrer' });
  await admin.context.close();

  // The provider manager registers the Living Well Worker and the support worker.
  const mgr = await signedIn('manager@bcs.example', pw.mgr);
  await mgr.page.getByRole('link', { name: 'Workers' }).first().click();
  await assertNoAxeViolations(mgr.page, 'workers (none yet)');
  for (const w of [
    { email: 'lena@bcs.example', kind: 'link_worker', list: 'clusters', value: 'Breckland' },
    { email: 'sam@bcs.example', kind: 'support_worker', list: 'areas', value: 'breckland' },
  ]) {
    await mgr.page.goto(`${server.url}/workers`);
    await mgr.page.getByRole('button', { name: 'Register a worker' }).click();
    await assertNoAxeViolations(mgr.page, 'register a worker');
    await mgr.page.getByLabel("Email address of the worker's account").fill(w.email);
    await mgr.page.getByLabel('Kind of worker').selectOption(w.kind);
    await mgr.page.getByLabel('Full-time equivalent').fill('0.5');
    await mgr.page.locator(`input[name="${w.list}"][value="${w.value}"]`).check();
    await mgr.page.getByRole('button', { name: 'Register worker' }).click();
    assert.match(await mgr.page.locator('main').innerText(), /Saved\./);
    await assertNoAxeViolations(mgr.page, 'a worker');
  }
  await mgr.page.goto(`${server.url}/workers`);
  const list = await mgr.page.locator('main').innerText();
  assert.match(list, /Lena Wells \(Living Well Worker, Breckland Community Support, 0\.5 FTE\)/);
  assert.match(list, /clients in the last 12 months 0 of 100/);
  await assertNoAxeViolations(mgr.page, 'workers');
  await mgr.context.close();

  // The programme lead sets the hub's phone number; the self-referral page shows it.
  const pl = await signedIn('lead@can.example', pw.lead);
  await pl.page.getByRole('link', { name: 'Settings' }).first().click();
  await assertNoAxeViolations(pl.page, 'settings');
  await pl.page.getByLabel('Hub telephone number').fill('01603 555 0199');
  await pl.page.getByRole('button', { name: 'Save settings' }).click();
  assert.match(await pl.page.locator('main').innerText(), /Settings saved/);
  await assertNoAxeViolations(pl.page, 'settings saved');
  await pl.context.close();
  const visitor = await browser.newContext();
  const vp = await visitor.newPage();
  await vp.goto(`${server.url}/self-referral`);
  assert.match(await vp.locator('#hub-contact').innerText(), /01603 555 0199/);
  await assertNoAxeViolations(vp, 'self-referral with the hub phone');
  await visitor.close();

  // The GP refers a patient of Watton Medical Practice.
  const gp = await signedIn('grace@watton.example', pw.gp);
  await gp.page.getByRole('link', { name: 'New referral' }).first().click();
  await assertNoAxeViolations(gp.page, 'referral form');
  // The form is in steps (web/referral_steps.c), then a check-your-answers page.
  const p = gp.page;
  const cont = () => p.getByRole('button', { name: 'Continue' }).click();
  await p.getByLabel('First name').fill('Walter');
  await p.getByLabel('Last name').fill('Watton');
  const dob = p.getByRole('group', { name: 'Date of birth' });
  await dob.getByLabel('Day').fill('3');
  await dob.getByLabel('Month').fill('7');
  await dob.getByLabel('Year').fill('1944');
  await p.getByLabel('Postcode').fill('IP25 6AA');
  // Watton Medical Practice: a type-ahead box with JavaScript (it posts the name), a select without.
  const practice = p.getByLabel(/GP practice/).first();
  if (await practice.evaluate((e) => e.tagName) === 'SELECT') await practice.selectOption('SPBRK02');
  else await practice.fill('Watton Medical Practice');
  await cont();
  await p.getByLabel('Phone number', { exact: true }).fill('01953 555 0144');
  await cont();
  await cont(); // about them: nothing asked here
  await p.getByLabel('Referral source').selectOption('gp_practice');
  await p.getByLabel('Loneliness').check();
  await cont();
  if (await p.getByLabel('Hospital').count()) await cont(); // no discharge step for a GP practice
  await cont(); // about you, the referrer: known from the account
  await p.getByLabel('The person has agreed to be referred for support').check();
  await p.getByLabel('The person has agreed that their information can be shared', { exact: false }).check();
  await cont();
  assert.equal((await p.locator('h1').innerText()).trim(), 'Check your answers before sending the referral',
    await p.locator('main').innerText());
  await p.getByRole('button', { name: 'Send referral' }).click();
  const sent = await gp.page.locator('main').innerText();
  assert.doesNotMatch(await gp.page.title(), /^Error/, sent);
  const reference = sent.match(/WM-[0-9A-Z-]+/)[0];
  await assertNoAxeViolations(gp.page, 'referral sent');
  await gp.context.close();

  // The hub triages it to social prescribing: allocated to the new worker.
  const hub = await signedIn('hub@can.example', pw.hub);
  await hub.page.getByRole('link', { name: 'Triage queue' }).first().click();
  await assertNoAxeViolations(hub.page, 'triage queue');
  await hub.page.locator('table tbody tr', { hasText: 'Walter Watton' }).getByRole('link').first().click();
  await assertNoAxeViolations(hub.page, 'triage page');
  await hub.page.getByLabel('Social prescribing (Living Well Worker)').check();
  await hub.page.getByLabel('Reason for overriding the suggestion').fill('Lonely since his wife died; needs a Living Well Worker.');
  await hub.page.getByRole('button', { name: 'Save triage' }).click();
  const triaged = await hub.page.locator('main').innerText();
  assert.match(triaged, /Worker\s+Lena Wells/, triaged);
  assert.match(triaged, /Organisation\s+Breckland Community Support/);
  await assertNoAxeViolations(hub.page, 'triaged and allocated');
  await hub.context.close();

  // The worker sees it on their caseload.
  const lww = await signedIn('lena@bcs.example', pw.lww);
  await lww.page.getByRole('link', { name: 'Caseload' }).first().click();
  const caseload = await lww.page.locator('main').innerText();
  assert.match(caseload, /Walter Watton/);
  assert.match(caseload, new RegExp(reference));
  await assertNoAxeViolations(lww.page, 'caseload');
  await lww.context.close();
});

test('the new pages fit a 320 px wide phone without sideways scrolling', async () => {
  const fits = async (email, password, paths) => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    for (const path of paths) {
      await page.goto(server.url + path);
      const [scroll, client] = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
      assert.ok(scroll <= client, `${path}: ${scroll} px wide in a ${client} px window`);
    }
    await context.close();
  };
  await fits('admin@nwicb.example', ADMIN_PW, ['/organisations', '/organisations/new', '/organisations/2', '/settings']);
  await fits('manager@bcs.example', pw.mgr, ['/workers', '/workers/new', '/workers/1']);
});
