// Reports in the browser: the commissioner opens the board pack for
// Breckland for this quarter (without JavaScript), reads the activity chart's
// table, downloads the workbook (checked with openpyxl: sheets, numbers as
// numbers, dates as dates) and the pages are axe clean and fit a 320 px
// phone; the reports page shows a chart, its table and the definitions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, assertNoAxeViolations } from '../lib/browser.mjs';

const execFileP = promisify(execFile);
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
  assert.equal(new URL(page.url()).pathname, '/');
}

/** Runs axe on url in a JavaScript-enabled tab with the same session, and checks it fits 320 px. */
async function axeAt(context, url, label) {
  const twin = await browser.newContext({ storageState: await context.storageState() });
  const page = await twin.newPage();
  await page.goto(url);
  await assertNoAxeViolations(page, label);
  await page.setViewportSize({ width: 320, height: 900 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 320, `${label}: ${wide} px wide on a 320 px phone`);
  await twin.close();
}

/** This financial quarter's first and last days. */
function thisQuarter() {
  const now = new Date();
  const y = now.getUTCFullYear();
  const q = Math.floor(now.getUTCMonth() / 3);
  const first = new Date(Date.UTC(y, q * 3, 1));
  const last = new Date(Date.UTC(y, q * 3 + 3, 0));
  return [first.toISOString().slice(0, 10), last.toISOString().slice(0, 10)];
}

test('a commissioner opens the Breckland board pack for a quarter, reads a chart\'s table and downloads the workbook', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false, acceptDownloads: true });
  const page = await context.newPage();
  await signIn(page, 'commissioner@demo.waymark.test');
  await page.getByRole('link', { name: 'Reports', exact: true }).first().click();
  assert.equal(await page.locator('h1').innerText(), 'Reports');
  await page.getByRole('link', { name: 'Board packs for an area or Place Board' }).click();
  const [from, to] = thisQuarter();
  await page.getByLabel('Area or Place Board').selectOption('breckland');
  // The period in the NHS.UK date input, the first month typed by name; the page reads it back as "1 Apr 2026".
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  await page.locator('[name="from.day"]').fill(String(fd));
  await page.locator('[name="from.month"]').fill(MONTHS[fm - 1]);
  await page.locator('[name="from.year"]').fill(String(fy));
  await page.locator('[name="to.day"]').fill(String(td));
  await page.locator('[name="to.month"]').fill(String(tm));
  await page.locator('[name="to.year"]').fill(String(ty));
  await page.getByRole('button', { name: 'Show the board pack' }).click();
  assert.equal(await page.locator('h1').innerText(), 'Board pack: Breckland');
  assert.match(await page.locator('.nhsuk-body-l').first().innerText(),
    new RegExp(`^${fd} ${MONTHS[fm - 1]} ${fy} to ${td} ${MONTHS[tm - 1]} ${ty}\\.`));
  assert.match(await page.locator('.nhsuk-inset-text').first().innerText(), /withheld/);

  // The activity chart and the table under it: a bar label for each month row, the same figures.
  const chart = page.getByRole('img', { name: /Activity: referrals_received by month/ });
  assert.equal(await chart.count(), 1);
  const table = page.locator('table', { hasText: 'Activity in Breckland by month' });
  const rows = await table.locator('tbody tr').allInnerTexts();
  assert.ok(rows.length >= 2, 'months and the total');
  assert.match(rows.at(-1), /^Total/);
  const labels = await chart.locator('text').allTextContents();
  const months = (await table.locator('tbody tr th').allInnerTexts()).slice(0, -1);
  assert.ok(months.every((m) => /^[A-Z][a-z]+ \d{4}$/.test(m)), months.join());
  for (const m of months) assert.ok(labels.includes(m), `the chart has a bar for ${m}`);
  const total = await table.locator('tbody tr').last().locator('td').first().innerText();
  const shown = total.replace(/^Referrals received\s*/, '').trim();
  assert.ok(shown === 'withheld' || Number(shown) % 5 === 0, `a commissioner sees ${shown}: withheld or rounded to 5`);
  await axeAt(context, page.url(), 'board pack');

  // The workbook: one sheet per section and definitions, numbers as numbers, dates as dates.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download the board pack (XLSX)' }).click(),
  ]);
  const file = `${server.dir}/pack.xlsx`;
  await download.saveAs(file);
  const check = `
import openpyxl, sys, datetime
wb = openpyxl.load_workbook(sys.argv[1])
names = wb.sheetnames
assert names[0] == 'Contents' and names[-1] == 'Definitions', names
assert 'Activity' in names and 'Unmet needs' in names, names
ws = wb['Activity']
assert ws['A1'].value == 'Activity: Breckland', ws['A1'].value
assert isinstance(ws['B2'].value, datetime.datetime) and ws['B2'].value.strftime('%Y-%m-%d') == sys.argv[2], ws['B2'].value
assert isinstance(ws['B3'].value, datetime.datetime) and ws['B3'].value.strftime('%Y-%m-%d') == sys.argv[3], ws['B3'].value
header = None
numbers = 0
for row in ws.iter_rows(values_only=True):
    if row[0] == 'Month':
        header = row
        continue
    if header and isinstance(row[0], datetime.datetime):
        for v in row[1:]:
            assert v is None or isinstance(v, (int, float)), row
            numbers += v is not None
d = wb['Definitions']
keys = [r[0] for r in d.iter_rows(min_row=2, values_only=True)]
assert 'referrals_received' in keys and 'unmet_needs' in keys, keys
print('ok', numbers)
`;
  const { stdout } = await execFileP('/usr/bin/python3', ['-c', check, file, from, to]);
  assert.match(stdout, /^ok/);
  await context.close();
});

test('the reports page: a chart with its table and definitions, a CSV and a workbook of the view (axe)', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signIn(page, 'lead@demo.waymark.test');
  await page.goto(`${server.url}/reports`);
  await page.getByLabel('Report').selectOption('activity');
  await page.getByLabel('Break down by').selectOption('hwp_area');
  await page.getByRole('button', { name: 'Show the report' }).click();
  assert.equal(await page.getByRole('img', { name: /referrals_received by Health and Wellbeing Partnership area/ }).count(), 1);
  assert.ok(await page.locator('table', { hasText: 'Activity,' }).locator('tbody tr', { hasText: 'Breckland' }).count() >= 1);
  assert.match(await page.locator('dl').first().innerText(), /Referrals received: every referral/);
  const csv = await page.getByRole('link', { name: 'Download this table (CSV)' }).getAttribute('href');
  const res = await context.request.get(server.url + csv);
  assert.equal(res.status(), 200);
  assert.match(await res.text(), /^key,label,referrals_received/);
  await axeAt(context, page.url(), 'reports');
  // A bad breakdown is an error summary naming the field.
  await page.goto(`${server.url}/reports?report=activity&by=shoe_size`);
  assert.match(await page.locator('.nhsuk-error-summary').innerText(), /breakdown/);
  await context.close();
});
