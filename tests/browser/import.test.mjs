// The hub's referral import page in a browser without JavaScript (axe reads
// the same pages in a JavaScript tab sharing the session, at 320 px): no file
// chosen is named; a CSV file with problems is uploaded, its dry run names
// each problem's line and field, the problems download as CSV, and the good
// rows are confirmed and stored; a large file (20,000 rows) shows its
// progress, rows read of the total, refreshing itself, until it is done.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';
import { launchBrowser, signInAs, assertAxeAndWidth } from '../lib/browser.mjs';

const HEADER = 'person.given_name,person.family_name,person.date_of_birth,person.postcode,person.phone,source,reasons,consent.referral,consent.data_sharing';
const row = (given, family, dob = '1950-06-15') => `${given},${family},${dob},NR32 1AA,01502 555 0199,self,loneliness,yes,yes`;
/** A name of letters only for n (Aab, Aac, ...). */
const nameOf = (n) => {
  let s = '';
  for (let i = 0; i < 4; i++, n = Math.floor(n / 26)) s = String.fromCharCode(97 + (n % 26)) + s;
  return `A${s}`;
};

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

const signIn = (page, email) => signInAs(page, server.url, email);

/** A JavaScript tab with the same session at 320 px, for axe. */
async function twinOf(ctx) {
  const twin = await browser.newContext({ storageState: await ctx.storageState(), viewport: { width: 320, height: 640 } });
  return { twin, page: await twin.newPage() };
}

const axeAt320 = assertAxeAndWidth;

async function upload(page, name, text) {
  await page.goto(`${server.url}/imports`);
  await page.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.getByRole('button', { name: 'Check the file' }).click();
}

/** Reloads the progress page until its status is done (or failed); returns its text. */
async function untilDone(page, seconds) {
  let text = '';
  for (let i = 0; i < seconds * 2; i++) {
    text = await page.locator('#import-progress').innerText();
    if (/Status\s+(done|failed)/.test(text)) break;
    await new Promise((r) => setTimeout(r, 500));
    await page.reload();
  }
  return text;
}

test('a file with problems: no file named, the dry run, the problems as CSV, confirm, done', async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await signIn(page, 'hub@demo.waymark.test');
  await page.goto(`${server.url}/imports`);
  const { twin, page: tp } = await twinOf(ctx);
  await tp.goto(`${server.url}/imports`);
  await axeAt320(tp, 'import form');
  await page.getByRole('button', { name: 'Check the file' }).click();
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /Choose a CSV file of referrals/);
  await page.locator('.nhsuk-error-summary a[href="#file"]').click();

  const csv = [HEADER, row('Iris', 'Pageimport'), row('Jack', 'Pageimport', '1950-02-30'), row('Kit', 'Pageimport'),
    'Lou,Pageimport,1950-06-15,ZZ9 9ZZ,01502 555 0199,self,loneliness,yes,no'].join('\r\n');
  await upload(tp, 'problems.csv', csv);
  await axeAt320(tp, 'import check');
  await upload(tp, 'workbook.xlsx', 'PK\x03\x04 not a csv');
  assert.match(await tp.locator('.nhsuk-error-summary').innerText(), /workbook.xlsx is a zip archive or a workbook/);
  await axeAt320(tp, 'import form with an error');
  await twin.close();

  await upload(page, 'problems.csv', csv);
  assert.equal(await page.locator('h1').innerText(), 'What the check found');
  const check = await page.locator('#import-check').innerText();
  assert.match(check, /File\s+problems\.csv/);
  assert.match(check, /Rows\s+4/);
  assert.match(check, /Rows to import\s+2/);
  const table = await page.locator('table').innerText();
  assert.match(table, /3\s+(Field )?person\.date_of_birth/);
  assert.match(table, /5\s+(Field )?person\.postcode/);
  assert.match(table, /5\s+(Field )?consent\.data_sharing/);
  const href = await page.getByRole('link', { name: 'Download the problems (CSV)' }).getAttribute('href');
  const report = await ctx.request.get(`${server.url}${href}`);
  assert.equal(report.status(), 200);
  assert.match(report.headers()['content-disposition'], /attachment; filename="import-\d+-problems.csv"/);
  const lines = (await report.text()).trim().split('\n');
  assert.equal(lines[0], 'line,field,message');
  assert.ok(lines.some((l) => l.startsWith('3,person.date_of_birth,')), lines.join('\n'));
  assert.ok(lines.some((l) => l.startsWith('5,person.postcode,')), lines.join('\n'));

  await page.getByRole('button', { name: 'Import 2 referrals' }).click();
  assert.match(new URL(page.url()).pathname, /^\/imports\/progress$/);
  const done = await untilDone(page, 30);
  assert.match(done, /Status\s+done/);
  assert.match(done, /Referrals stored\s+2/);
  assert.match(done, /Rows read\s+4 of 4/);
  const { twin: t2, page: p2 } = await twinOf(ctx);
  await p2.goto(page.url());
  await axeAt320(p2, 'import finished');
  await t2.close();
  assert.equal(sqlRows(server.dbPath, "SELECT COUNT(*) FROM people WHERE family_name = 'Pageimport'")[0][0], '2');
  await ctx.close();
});

test('a large file (20,000 rows) shows its progress, refreshing itself, then completion', { timeout: 600_000 }, async () => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await signIn(page, 'hub@demo.waymark.test');
  const rows = [HEADER];
  for (let i = 0; i < 20000; i++) rows.push(row(nameOf(i), 'Bulkimport'));
  await upload(page, 'large.csv', rows.join('\n'));
  const check = await page.locator('#import-check').innerText();
  assert.match(check, /Rows\s+20000/);
  assert.match(check, /Rows to import\s+20000/);
  await page.getByRole('button', { name: 'Import 20000 referrals' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Importing referrals');
  const first = await page.locator('#import-progress').innerText();
  assert.match(first, /Status\s+(queued|running)/);
  assert.match(first, /Rows read\s+\d+ of 20000/);
  assert.ok(await page.getByRole('link', { name: 'Refresh now' }).isVisible());
  const { twin, page: tp } = await twinOf(ctx);
  // axe reads the running page as it is, without its reloading itself midway.
  await tp.route('**/imports/progress*', async (route) => {
    const res = await route.fetch();
    const headers = { ...res.headers() };
    assert.equal(headers.refresh, '2');
    delete headers.refresh;
    await route.fulfill({ response: res, headers });
  });
  await tp.goto(page.url());
  await axeAt320(tp, 'import progress');
  await twin.close();
  // Without JavaScript the page reloads itself (the Refresh header) while the import runs.
  await page.waitForEvent('load', { timeout: 10_000 });
  const later = await page.locator('#import-progress').innerText();
  const read = (t) => Number(/Rows read\s+(\d+) of/.exec(t)[1]);
  assert.ok(read(later) >= read(first), `${read(later)} rows after ${read(first)}`);
  const done = await untilDone(page, 400);
  assert.match(done, /Status\s+done/);
  assert.match(done, /Rows read\s+20000 of 20000/);
  assert.match(done, /Referrals stored\s+20000/);
  assert.equal(await page.locator('h1').innerText(), 'Import finished');
  assert.equal(sqlRows(server.dbPath, "SELECT COUNT(*) FROM people WHERE family_name = 'Bulkimport'")[0][0], '20000');
  await ctx.close();
});
