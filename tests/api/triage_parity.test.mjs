// The triage writes are one operation whichever way they come: the triage
// decision, a contact and a reallocation made through the JSON API and
// through the pages (a cookie session posting the forms) write the same audit
// action and detail, and the same bad state gets the same status on both
// (a referral already triaged, a contact on a withdrawn referral, a
// reallocation of one that was never triaged: 409; bad input: 422; no such
// referral: 404). On SQLite and, when WAYMARK_TEST_PG_URL is set, on
// PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { importReferrals, api, tokenFor } from '../lib/referrals.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

const hoursAgo = (h) => new Date(Date.now() - h * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
const GP = { source: 'gp_practice', 'person.practice': 'SPBRK01', reasons: 'social_isolation', 'person.postcode': 'IP24 1AB' };

for (const [backend, dbUrl] of [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]]) {
  describe(`triage through the API and the pages on ${backend}`, { skip: backend === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set' }, () => {
    let srv;
    let token;
    let cookie;
    let ids;

    before(async () => {
      srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1' } });
      token = await tokenFor(srv, 'hub@demo.waymark.test');
      const s = await fetch(`${srv.url}/api/v1/session`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'hub@demo.waymark.test', password: 'demo-password-1' }),
      });
      assert.equal(s.status, 201);
      cookie = (s.headers.get('set-cookie') || '').split(';')[0];
      // Pairs of the same referral: one for each channel.
      ids = await importReferrals(srv, token, ['Api', 'Page', 'Apigone', 'Pagegone'].map((given) => (
        { given, family: 'Parity', received_at: hoursAgo(3), fields: GP })));
    });
    after(async () => { await srv?.stop(); });

    const id = (given) => ids[`${given} Parity`];
    // The audit events of a referral: [action, detail] of the writes.
    const audit = (rid) => sqlRows(srv.dbPath, `SELECT action, detail FROM audit_events WHERE entity = 'referral' AND entity_id = ${rid} `
      + "AND action IN ('referral.triage', 'referral.contact', 'referral.allocate') ORDER BY id");

    /** Posts a page's form as the signed-in coordinator, with the csrf_token from the referral's triage page. */
    async function form(formOf, path, fields) {
      const html = await (await fetch(`${srv.url}/triage/${formOf}`, { headers: { cookie } })).text();
      const csrf = html.match(/name="csrf_token" value="([^"]+)"/)[1];
      const res = await fetch(srv.url + path, {
        method: 'POST', redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        body: new URLSearchParams({ ...fields, csrf_token: csrf }).toString(),
      });
      return { status: res.status, text: await res.text() };
    }

    test('the decision, a contact and a reallocation write the same audit events on both', async () => {
      const a = id('Api');
      const p = id('Page');
      assert.equal((await api(srv, token, 'POST', `/api/v1/referrals/${a}/triage`, { tier: 'social_prescribing' })).status, 200);
      assert.equal((await form(p, `/triage/${p}`, { tier: 'social_prescribing' })).status, 303);

      const at = hoursAgo(1);
      const k = await api(srv, token, 'POST', `/api/v1/referrals/${a}/contacts`, { at, mode: 'telephone', outcome: 'no_answer' });
      assert.equal(k.status, 201, JSON.stringify(k.body));
      assert.equal((await form(p, `/triage/${p}/contacts`, { at, mode: 'telephone', outcome: 'no_answer' })).status, 303);

      // A Living Well Worker neither referral is with.
      const held = new Set();
      for (const r of [a, p]) held.add((await api(srv, token, 'GET', `/api/v1/referrals/${r}`)).body.allocated_worker.id);
      const workers = (await api(srv, token, 'GET', '/api/v1/workers?kind=link_worker')).body.workers;
      const w = workers.find((x) => !held.has(x.id)).id;
      const m = await api(srv, token, 'POST', `/api/v1/referrals/${a}/allocation`, { worker_id: w, reason: 'Knows the family.' });
      assert.equal(m.status, 200, JSON.stringify(m.body));
      assert.equal((await form(p, `/triage/${p}/allocation`, { worker_id: String(w), reason: 'Knows the family.' })).status, 303);

      const viaApi = audit(a);
      assert.deepEqual(viaApi.map((e) => e[0]), ['referral.triage', 'referral.contact', 'referral.allocate']);
      assert.deepEqual(viaApi[0], ['referral.triage', 'confirmed social_prescribing; allocated']);
      assert.deepEqual(audit(p), viaApi);
    });

    test('the same bad state gets the same status on both', async () => {
      const a = id('Api');
      const p = id('Page');
      // Already triaged: a conflict, and the page says why.
      const again = await api(srv, token, 'POST', `/api/v1/referrals/${a}/triage`, { tier: 'social_prescribing' });
      assert.equal(again.status, 409);
      const pageAgain = await form(p, `/triage/${p}`, { tier: 'social_prescribing' });
      assert.equal(pageAgain.status, 409);
      assert.match(pageAgain.text, /nhsuk-error-summary[\s\S]*Only a received referral can be triaged/);

      // Bad input: 422 naming the field on both.
      const bad = await api(srv, token, 'POST', `/api/v1/referrals/${a}/contacts`, { mode: 'pigeon', outcome: 'no_answer' });
      assert.equal(bad.status, 422);
      assert.deepEqual(bad.body.errors.map((e) => e.field), ['mode']);
      const pageBad = await form(p, `/triage/${p}/contacts`, { at: hoursAgo(1), mode: 'pigeon', outcome: 'no_answer' });
      assert.equal(pageBad.status, 422);
      assert.match(pageBad.text, /href="#mode"/);

      // Withdrawn: neither a contact nor a reallocation can be recorded on it.
      const ga = id('Apigone');
      const gp = id('Pagegone');
      for (const r of [ga, gp]) {
        const wd = await api(srv, token, 'POST', `/api/v1/referrals/${r}/withdraw`, { reason: 'The person has moved away.' });
        assert.equal(wd.status, 200, JSON.stringify(wd.body));
      }
      const gone = await api(srv, token, 'POST', `/api/v1/referrals/${ga}/contacts`, { mode: 'telephone', outcome: 'successful' });
      assert.equal(gone.status, 409, JSON.stringify(gone.body));
      assert.match(gone.body.detail, /withdrawn/);
      const pageGone = await form(gp, `/triage/${gp}/contacts`, { at: hoursAgo(1), mode: 'telephone', outcome: 'successful' });
      assert.equal(pageGone.status, 409);
      assert.match(pageGone.text, /nhsuk-error-summary[\s\S]*href="#status"[^>]*>A contact cannot be recorded on a declined or withdrawn referral/);
      assert.match(pageGone.text, /id="status"/);
      assert.match(pageGone.text, /Record a contact/);
      const w = (await api(srv, token, 'GET', '/api/v1/workers?kind=link_worker')).body.workers[0].id;
      assert.equal((await api(srv, token, 'POST', `/api/v1/referrals/${ga}/allocation`, { worker_id: w, reason: 'x' })).status, 409);
      assert.equal((await form(gp, `/triage/${gp}/allocation`, { worker_id: String(w), reason: 'x' })).status, 409);
      assert.deepEqual(audit(ga), []);
      assert.deepEqual(audit(gp), []);

      // No such referral: 404 on both.
      assert.equal((await api(srv, token, 'POST', '/api/v1/referrals/99999999/contacts', { mode: 'telephone', outcome: 'successful' })).status, 404);
      assert.equal((await form(p, '/triage/99999999/contacts', { at: hoursAgo(1), mode: 'telephone', outcome: 'successful' })).status, 404);
    });
  });
}
