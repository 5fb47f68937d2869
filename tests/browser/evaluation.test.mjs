// Evaluation in a real browser, without JavaScript: the programme lead reads
// the SWEMWBS outcomes for a quarter by HWP area (a GET form, a table), asks
// for the evaluation extract (run by the jobs thread) and downloads it; a
// commissioner sees the same table with small numbers withheld. axe checks
// each page (with JavaScript, as axe needs it), and at 320 px nothing
// scrolls sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, startServer } from '../lib/server.mjs';
import { launchBrowser, assertNoAxeViolations } from '../lib/browser.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

const env = { ...process.env, WAYMARK_PWHASH_FAST: '1' };
let server, browser, dir;
before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'waymark-evalb-'));
  const db = path.join(dir, 'b.db');
  await runCli(['init', '--db', db], env);
  await runCli(['gen', '--referrals', '2000', '--seed', '3', '--until', '2026-10-31', '--quiet', '--db', db], env);
  await runCli(['demo', '--db', db], env);
  const key = path.join(dir, 'key');
  await writeFile(key, randomBytes(32), { mode: 0o600 });
  await mkdir(path.join(dir, 'extracts'), { mode: 0o700 });
  sqlRows(db, `UPDATE settings SET value = '${path.join(dir, 'extracts')}' WHERE key = 'evaluation_extract_dir'`);
  sqlRows(db, `UPDATE settings SET value = '${key}' WHERE key = 'evaluation_key_file'`);
  server = await startServer({ init: false, demo: false, dbUrl: db, env: { WAYMARK_PWHASH_FAST: '1' } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function signIn(page, email) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('demo-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
}

// Types a date into the NHS.UK date input NAME.
async function fillDate(page, name, d, m, y) {
  await page.locator(`[name="${name}.day"]`).fill(String(d));
  await page.locator(`[name="${name}.month"]`).fill(String(m));
  await page.locator(`[name="${name}.year"]`).fill(String(y));
}

async function showQuarter(page) {
  await page.getByRole('link', { name: 'Outcomes' }).first().click();
  assert.equal(new URL(page.url()).pathname, '/evaluation/outcomes');
  await page.getByLabel('Measure').selectOption('swemwbs');
  // The period in the NHS.UK date input, a month typed by name.
  await fillDate(page, 'from', 1, 'Jul', 2026);
  await fillDate(page, 'to', 30, 9, 2026);
  await page.getByLabel('Break down by').selectOption({ label: 'HWP area' });
  await page.getByRole('button', { name: 'Show outcomes' }).click();
  const url = new URL(page.url());
  assert.equal(url.searchParams.get('by'), 'hwp_area');
  assert.equal(url.searchParams.get('from.month'), 'Jul');
  // The same question of the API, whose dates are ISO.
  return new URLSearchParams({ instrument: 'swemwbs', from: '2026-07-01', to: '2026-09-30', by: 'hwp_area' });
}

test('the programme lead reads the SWEMWBS outcomes for a quarter by HWP area and downloads the extract', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await signIn(page, 'lead@demo.waymark.test');
  const query = await showQuarter(page);
  const table = page.locator('#outcomes-table');
  assert.match(await table.locator('caption').innerText(), /SWEMWBS, baselines 1 Jul 2026 to 30 Sep 2026, by HWP area/);
  const rows = await table.locator('tbody tr').allInnerTexts();
  assert.ok(rows.length >= 2, 'a row per area and the total');
  assert.match(rows.at(-1), /^All/);
  // The page shows the API's figures.
  const apiRes = await page.request.get(`${server.url}/api/v1/evaluation/outcomes?${query}`,
    { headers: { accept: 'application/json' } });
  assert.equal(apiRes.status(), 200);
  const answer = await apiRes.json();
  const first = answer.rows[0];
  const cells = await table.locator('tbody tr').first().locator('td').allInnerTexts();
  assert.match(cells[0], new RegExp(first.label));
  assert.match(cells[1], new RegExp(`${first.n_paired}$`));
  assert.match(cells[4], new RegExp(`${first.mean_change.toFixed(2)}$`));

  await page.getByRole('link', { name: 'The evaluation extract' }).click();
  assert.equal(new URL(page.url()).pathname, '/evaluation/extract');
  await fillDate(page, 'from', 1, 1, 2026);
  await fillDate(page, 'to', 31, 'December', 2026);
  await page.getByRole('button', { name: 'Make the extract' }).click();
  assert.equal(new URL(page.url()).pathname, '/evaluation/extract');
  const link = page.getByRole('link', { name: 'Extract (CSV), extract 1' });
  for (let i = 0; i < 60 && !(await link.count()); i++) {
    await new Promise((r) => setTimeout(r, 250));
    await page.reload();
  }
  assert.match(await page.locator('#extracts').innerText(), /done/);
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const csv = await readFile(await download.path(), 'utf8');
  assert.match(csv, /^person_key,person_key_basis,age_band,/);
  assert.ok(csv.split('\r\n').length > 100);
  const [xlsx] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('link', { name: 'Extract (Excel workbook), extract 1' }).click()]);
  assert.equal((await readFile(await xlsx.path())).subarray(0, 2).toString(), 'PK');
  await context.close();
});

test('a commissioner sees small numbers withheld, and may not make extracts', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await signIn(page, 'commissioner@demo.waymark.test');
  await page.goto(`${server.url}/evaluation/outcomes?instrument=swemwbs&from=2026-07-01&to=2026-09-30&by=practice`);
  assert.match(await page.locator('#outcomes-table').innerText(), /withheld/);
  assert.match(await page.locator('main').innerText(), /Counts from 1 to 7 are withheld/);
  assert.equal(await page.getByRole('link', { name: 'The evaluation extract' }).count(), 0);
  const res = await page.goto(`${server.url}/evaluation/extract`);
  assert.equal(res.status(), 403);
  await context.close();
});

test('the evaluation pages pass axe and fit a 320 px screen', async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15000);
  await signIn(page, 'lead@demo.waymark.test');
  const pages = [
    ['outcomes by area', '/evaluation/outcomes?instrument=swemwbs&from=2026-07-01&to=2026-09-30&by=hwp_area'],
    ['outcomes, ONS4 anxiety', '/evaluation/outcomes?instrument=ons4&item=anxiety'],
    ['outcomes with errors', '/evaluation/outcomes?instrument=swemwbs&from=2026-13-01&by=street'],
    ['extracts', '/evaluation/extract'],
  ];
  for (const [label, url] of pages) {
    await page.goto(server.url + url);
    await assertNoAxeViolations(page, label);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 320, `${label}: ${wide} px wide at 320`);
  }
  await context.close();
});
