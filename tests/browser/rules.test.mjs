// The programme lead changes one triage rule through its own form (with and
// without JavaScript), sees a mistake named on the field, and the new
// version in force; the JSON editor for import and export stays. axe checks
// each page.
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

// The second run puts the rule back as the first run found it.
const RUNS = [
  { js: true, from: 'practical-short-term', to: 'practical-help', transport: false, age: '18' },
  { js: false, from: 'practical-help', to: 'practical-short-term', transport: true, age: '' },
];

for (const { js, from, to, transport, age } of RUNS) {
  test(`the lead changes a rule through its form (${js ? 'with' : 'without'} JavaScript)`, async () => {
    const context = await browser.newContext({ javaScriptEnabled: js });
    const page = await context.newPage();
    const axe = js ? (what) => assertNoAxeViolations(page, what) : async () => {};
    await signIn(page, 'lead@demo.waymark.test');
    await page.goto(`${server.url}/triage-rules`);
    const before = Number((await page.locator('textarea[name="rules_json"]').inputValue()).match(/"version": (\d+)/)[1]);
    const row = page.locator('tbody tr', { hasText: from });
    assert.equal(/every reason is one of .*Transport/.test(await row.innerText()), !transport);
    assert.ok(await page.locator('textarea[name="rules_json"]').isVisible(), 'the JSON editor stays');
    await axe('triage rules');
    await row.getByRole('link', { name: `Change rule ${from}` }).click();
    assert.match(await page.locator('h1').innerText(), new RegExp(`Rule 4: ${from}`));
    const only = page.getByRole('group', { name: 'Every reason is one of' });
    assert.equal(await only.getByLabel('Transport').isChecked(), !transport);
    await axe('one rule');

    // A mistake: no name. The problem is named on the field; nothing changes.
    await page.getByLabel('Name').fill('');
    await page.getByRole('button', { name: 'Save the rule' }).click();
    const summary = page.locator('.nhsuk-error-summary');
    assert.match(await summary.innerText(), /name/i);
    assert.equal(await summary.locator('a').first().getAttribute('href'), '#name');
    await axe('one rule with a problem');

    await page.getByLabel('Name').fill(to);
    await only.getByLabel('Transport').setChecked(transport);
    await page.getByLabel('Aged at least').fill(age);
    await page.getByRole('group', { name: 'Tier' }).getByLabel('Community support').check();
    await page.getByRole('button', { name: 'Save the rule' }).click();
    assert.equal(new URL(page.url()).pathname, '/triage-rules');
    assert.match(await page.locator('main').innerText(), new RegExp(`Version ${before + 1} saved`));
    const changed = page.locator('tbody tr', { hasText: to });
    const text = await changed.innerText();
    assert.equal(/Transport/.test(text), transport);
    assert.equal(/aged 18 or over/.test(text), age === '18');
    const json = await page.locator('textarea[name="rules_json"]').inputValue();
    assert.match(json, new RegExp(`"version": ${before + 1}`));
    assert.match(json, new RegExp(`"name": "${to}"`));
    await context.close();
  });
}
