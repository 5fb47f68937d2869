// The public volunteer application form over HTTP, as a browser without
// JavaScript sends it: an applicant for the area's provider, shown to its
// coordinators; bad input is an error summary naming each field and stores
// nothing; the honeypot, the time stamp and the rate limit refuse bots. On
// SQLite and, when WAYMARK_TEST_PG_URL is set, on PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { api, tokenFor } from '../lib/referrals.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

for (const [backend, dbUrl] of [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]]) {
  describe(`volunteer applications on ${backend}`, { skip: backend === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set' }, () => {
    let srv;
    let cookie = '';
    before(async () => {
      srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1', WAYMARK_SELF_REFERRAL_MIN_SECONDS: '1', WAYMARK_SELF_REFERRAL_LIMIT: '5' } });
    });
    after(async () => { await srv?.stop(); });
    const sql = (q) => sqlRows(srv.dbPath, q).map((r) => r.join('|')).join('\n');

    async function showForm() {
      const res = await fetch(`${srv.url}/volunteer-application`);
      assert.equal(res.status, 200);
      cookie = res.headers.get('set-cookie').split(';')[0];
      const html = await res.text();
      const field = (name) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
      return { csrf_token: field('csrf_token'), form_started: field('form_started') };
    }
    async function post(f) {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(f)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
      const res = await fetch(`${srv.url}/volunteer-application`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body, redirect: 'manual',
      });
      return { status: res.status, html: await res.text() };
    }
    const good = (form, over = {}) => ({
      ...form, name: 'Olive Offerhelp', email: 'olive@example.org', phone: '', postcode: 'IP24 1AB', skills: ['shopping', 'driving'],
      car: 'yes', travel_radius_km: '8', max_tasks_per_week: '3', 'availability.mon': '10:00-12:00', consent: 'yes',
      status: 'active', notes: 'sneaky', website: '', ...over,
    });

    test('an application becomes an applicant of the area\'s provider, seen by its coordinators', async () => {
      const form = await showForm();
      await sleep(1100);
      const before = sql('SELECT COUNT(*) FROM volunteers');
      const bad = await post(good(form, { name: '', email: '', postcode: 'ZZ1', consent: undefined, travel_radius_km: '500' }));
      assert.equal(bad.status, 422);
      for (const f of ['name', 'email', 'postcode', 'consent', 'travel_radius_km']) assert.match(bad.html, new RegExp(`href="#${f}`), f);
      assert.equal(sql('SELECT COUNT(*) FROM volunteers'), before);
      const ok = await post(good(form));
      assert.equal(ok.status, 200, ok.html.slice(0, 400));
      assert.match(ok.html, /Thank you for offering to volunteer/);
      assert.equal(sql("SELECT v.status, CASE WHEN v.notes IS NULL OR v.notes = '' THEN 1 ELSE 0 END, o.name FROM volunteers v JOIN orgs o ON o.id = v.org_id WHERE v.name = 'Olive Offerhelp'"),
        'applicant|1|Breckland Community Support');
      assert.equal(sql("SELECT COUNT(*) FROM audit_events WHERE action = 'volunteer.apply'"), '1');
      const volco = await tokenFor(srv, 'volco@demo.waymark.test');
      const list = await api(srv, volco, 'GET', '/api/v1/volunteers');
      const olive = list.body.volunteers.find((v) => v.name === 'Olive Offerhelp');
      assert.equal(olive.status, 'applicant');
    });

    test('bots are refused: the honeypot, a form sent too fast, too many from one address', async () => {
      const form = await showForm();
      const fast = await post(good(form, { name: 'Fast Bot' }));
      assert.equal(fast.status, 422);
      await sleep(1100);
      const trap = await post(good(form, { name: 'Trap Bot', website: 'http://spam.example' }));
      assert.equal(trap.status, 422);
      assert.equal(sql("SELECT COUNT(*) FROM volunteers WHERE name LIKE '%Bot'"), '0');
      let last;
      for (let i = 0; i < 6; i++) last = await post(good(form, { name: `Many ${i}`, email: `many${i}@example.org` }));
      assert.equal(last.status, 429);
    });
  });
}
