// The working lists sorted and searched in Chromium, with and without
// JavaScript: the caseload, the volunteers and the tasks. A column heading is
// a link that sorts by it (the other way once it is the order) and carries
// aria-sort; the sort is in the URL and kept by the search form; the search
// finds a name with an apostrophe and an NHS number typed with spaces. axe
// checks each list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { launchBrowser, assertNoAxeViolations, signIn as signInAt } from '../lib/browser.mjs';
import { api, tokenFor, nhsNumbers } from '../lib/referrals.mjs';
import { addVolunteer } from '../lib/volunteers.mjs';

let server;
let browser;
const dbUrl = process.env.WAYMARK_TEST_PG_URL;
const fam = `Listfam${Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 6)}`;
const nhs = nhsNumbers(450000000 + Math.floor(Math.random() * 9000000))();
before(async () => {
  server = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' }, dbUrl });
  browser = await launchBrowser();
  // Three cases of Lucy Walker's and three tasks of Breckland's, made Cal, Ann, Bea (Bea O'Brien-…, with an NHS number).
  const gp = await tokenFor(server, 'gp@demo.waymark.test');
  const hub = await tokenFor(server, 'hub@demo.waymark.test');
  for (const [tier, person, reasons] of [['social_prescribing', { postcode: 'IP24 1AB', practice: 'SPBRK01' }, ['social_isolation']],
    ['community_support', { postcode: 'NR16 2AA', practice: 'Orchard Surgery' }, ['shopping']]]) {
    for (const [given, family, extra] of [['Cal', fam, {}], ['Ann', fam, {}], ['Bea', `O'Brien-${fam}`, { nhs_number: nhs }]]) {
      const r = await api(server, gp, 'POST', '/api/v1/referrals', {
        person: { given_name: given, family_name: family, date_of_birth: '1950-01-02', phone: '01603 555 0142', ...person, ...extra },
        source: 'gp_practice', reasons, consent: { referral: true, data_sharing: 'yes' },
      });
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const t = await api(server, hub, 'POST', `/api/v1/referrals/${r.body.id}/triage`, { tier });
      assert.equal(t.status, 200, JSON.stringify(t.body));
    }
  }
  const volco = await tokenFor(server, 'volco@demo.waymark.test');
  for (const name of [`Cal ${fam}`, `Ann ${fam}`, `Bea O'Brien-${fam}`]) await addVolunteer(server, volco, { name, email: `${name.replace(/\W/g, '')}@example.org` });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The text of column `col` (0-based) of the list's rows (its last table), without the phone heading. */
const column = (page, col) => page.locator('table').last().locator('tbody tr').evaluateAll((rows, c) => rows.map((r) => {
  const cell = r.children[c].cloneNode(true);
  cell.querySelectorAll('.nhsuk-table-responsive__heading').forEach((s) => s.remove());
  return cell.textContent.trim();
}), col);
const ariaSort = (page, label) => page.locator('table').last().locator('thead th', { hasText: label }).getAttribute('aria-sort');
const byName = (xs) => [...xs].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));

const LISTS = [
  { who: 'lww@demo.waymark.test', path: '/caseload', label: 'Person', col: 0, names: (t) => t.replace(/\s*WM-.*$/s, ''), first: 'name' },
  { who: 'volco@demo.waymark.test', path: '/volunteers', label: 'Name', col: 0, names: (t) => t, first: 'name-desc' },
  { who: 'volco@demo.waymark.test', path: '/volunteers/tasks', label: 'Person', col: 2, names: (t) => t.replace(/,.*$/, ''), first: 'name' },
];

for (const js of [true, false]) {
  for (const l of LISTS) {
    test(`${l.path}${js ? '' : ' without JavaScript'}: sorted by its heading both ways, searched by an apostrophe and an NHS number`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: js });
      const page = await context.newPage();
      await signInAt(page, server.url, l.who);
      await page.goto(`${server.url}${l.path}?q=${fam}`);
      // The heading link sorts by the column; the second click the other way.
      await page.locator('table').last().locator('thead th', { hasText: l.label }).getByRole('link').click();
      assert.match(page.url(), new RegExp(`[?&]sort=${l.first}(&|$)`), page.url());
      assert.match(page.url(), new RegExp(`[?&]q=${fam}`), 'the search is kept');
      const want = [`Ann ${fam}`, `Bea O'Brien-${fam}`, `Cal ${fam}`];
      const asc = l.first === 'name';
      assert.deepEqual((await column(page, l.col)).map(l.names), asc ? want : [...want].reverse());
      assert.equal(await ariaSort(page, l.label), asc ? 'ascending' : 'descending');
      if (js) await assertNoAxeViolations(page, `${l.path} sorted`);
      await page.locator('table').last().locator('thead th', { hasText: l.label }).getByRole('link').click();
      assert.deepEqual((await column(page, l.col)).map(l.names), asc ? [...want].reverse() : want);
      assert.equal(await ariaSort(page, l.label), asc ? 'descending' : 'ascending');
      // The search form keeps the order (its Sort by choice) and finds an apostrophe and an NHS number with spaces.
      const sortNow = new URL(page.url()).searchParams.get('sort');
      assert.equal(await page.getByLabel('Sort by').inputValue(), sortNow);
      for (const q of [`o'brien ${fam}`, ...(l.path === '/volunteers' ? [] : [nhs])]) {
        await page.getByLabel('Search', { exact: true }).fill(q);
        await page.locator('form[method="get"] button[type="submit"]').last().click();
        assert.equal(new URL(page.url()).searchParams.get('sort'), sortNow, q);
        assert.deepEqual((await column(page, l.col)).map(l.names), [`Bea O'Brien-${fam}`], q);
      }
      // Sorting from the choice alone, the way a phone (whose table has no heading row) sorts.
      await page.getByLabel('Search', { exact: true }).fill(fam);
      await page.getByLabel('Sort by').selectOption('name');
      await page.locator('form[method="get"] button[type="submit"]').last().click();
      assert.deepEqual((await column(page, l.col)).map(l.names), byName(want));
      await context.close();
    });
  }
}
