// Step up over the JSON API: a community support referral whose needs are
// more than a volunteer should meet moves to complex support or social
// prescribing, by the hub or the organisation holding its case. The same
// case takes the new tier and a worker, unfinished volunteer tasks are
// cancelled, the referral keeps its events, contacts and follow-up clock,
// and it is audited. Bad input is 422 naming the field and stores nothing;
// another organisation's referral is 404; a second step up is 409. The
// operating-hours report counts what arrived by London hour and weekday.
// On SQLite and, when WAYMARK_TEST_PG_URL is set, on PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { api, tokenFor, fieldsOf } from '../lib/referrals.mjs';
import { communitySupportReferral } from '../lib/volunteers.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

for (const [backend, dbUrl] of [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]]) {
  describe(`step up on ${backend}`, { skip: backend === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set' }, () => {
    let srv;
    const tok = {};

    before(async () => {
      srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1' } });
      for (const [k, email] of Object.entries({
        hub: 'hub@demo.waymark.test', volco: 'volco@demo.waymark.test', manager2: 'manager2@demo.waymark.test',
        lww: 'lww@demo.waymark.test',
      })) tok[k] = await tokenFor(srv, email);
    });
    after(async () => { await srv?.stop(); });

    const sql = (q) => sqlRows(srv.dbPath, q).map((r) => r.join('|')).join('\n');

    test('the coordinator holding the case steps it up: same case, new tier and worker, tasks cancelled, clock kept, audited', async () => {
      const id = await communitySupportReferral(srv, tok.hub);
      const caseId = sql(`SELECT id FROM cases WHERE referral_id = ${id}`);
      const contact = await api(srv, tok.volco, 'POST', `/api/v1/referrals/${id}/contacts`, { mode: 'telephone', outcome: 'successful' });
      assert.equal(contact.status, 201, JSON.stringify(contact.body));
      const before = sql(`SELECT received_at, sla_due_at, status FROM referrals WHERE id = ${id}`);
      const res = await api(srv, tok.volco, 'POST', `/api/v1/referrals/${id}/step-up`,
        { tier: 'complex_support', reason: 'Self-neglect and debts: needs a support worker.' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.id, id);
      assert.equal(String(res.body.case_id), caseId);
      assert.equal(res.body.from_tier, 'community_support');
      assert.equal(res.body.tier, 'complex_support');
      assert.equal(res.body.tasks_cancelled, 1);
      assert.ok(['allocated', 'no_worker', 'no_area', 'no_cluster'].includes(res.body.allocation), res.body.allocation);
      assert.equal(sql(`SELECT tier, status FROM cases WHERE referral_id = ${id}`), 'complex_support|open');
      assert.equal(sql(`SELECT status FROM tasks WHERE referral_id = ${id}`), 'cancelled');
      // The follow-up clock and the history stay.
      assert.equal(sql(`SELECT received_at, sla_due_at, status FROM referrals WHERE id = ${id}`), before);
      assert.equal(sql(`SELECT COUNT(*) FROM contacts WHERE referral_id = ${id}`), '1');
      assert.equal(sql(`SELECT COUNT(*) FROM referral_events WHERE referral_id = ${id} AND kind = 'stepped_up'`), '1');
      assert.equal(sql(`SELECT tier, outcome FROM triage_decisions WHERE referral_id = ${id} ORDER BY id DESC LIMIT 1`),
        'complex_support|overridden');
      assert.equal(sql(`SELECT from_tier, to_tier, reason FROM step_ups WHERE referral_id = ${id}`),
        'community_support|complex_support|Self-neglect and debts: needs a support worker.');
      assert.equal(sql(`SELECT COUNT(*) FROM audit_events WHERE action = 'referral.step_up' AND entity_id = ${id}`), '1');
      const again = await api(srv, tok.hub, 'POST', `/api/v1/referrals/${id}/step-up`, { tier: 'social_prescribing', reason: 'again' });
      assert.equal(again.status, 409, JSON.stringify(again.body));
      assert.deepEqual(fieldsOf(again), ['status']);
    });

    test('bad input is 422 naming the field, and nothing is stored', async () => {
      const id = await communitySupportReferral(srv, tok.hub);
      for (const [b, fields] of [
        [{}, ['reason', 'tier']], [{ tier: 'signpost', reason: 'x' }, ['tier']], [{ tier: 'complex_support', reason: '  ' }, ['reason']],
        [{ tier: 'complex_support', reason: 42 }, ['reason']], [{ tier: 7, reason: 'x' }, ['tier']],
        [{ tier: 'complex_support', reason: 'x'.repeat(1001) }, ['reason']],
        [{ tier: 'complex_support', reason: 'bell \u0007' }, ['reason']],
        [{ tier: 'complex_support', reason: 'fine', colour: 'blue' }, ['colour']],
      ]) {
        const res = await api(srv, tok.hub, 'POST', `/api/v1/referrals/${id}/step-up`, b);
        assert.equal(res.status, 422, JSON.stringify(b));
        assert.match(res.headers.get('content-type'), /application\/problem\+json/);
        assert.deepEqual([...new Set(fieldsOf(res))].sort(), fields, JSON.stringify(res.body));
      }
      assert.equal(sql(`SELECT tier FROM cases WHERE referral_id = ${id}`), 'community_support');
      assert.equal(sql(`SELECT status FROM tasks WHERE referral_id = ${id}`), 'open');
      assert.equal(sql(`SELECT COUNT(*) FROM step_ups WHERE referral_id = ${id}`), '0');
      assert.equal(sql(`SELECT COUNT(*) FROM audit_events WHERE action = 'referral.step_up' AND entity_id = ${id}`), '0');
    });

    test('another organisation gets 404, a role without the permission 403, a referral without community support 409', async () => {
      const id = await communitySupportReferral(srv, tok.hub);
      const body = { tier: 'social_prescribing', reason: 'Needs a Living Well Worker.' };
      assert.equal((await api(srv, tok.manager2, 'POST', `/api/v1/referrals/${id}/step-up`, body)).status, 404);
      assert.equal((await api(srv, tok.lww, 'POST', `/api/v1/referrals/${id}/step-up`, body)).status, 403);
      assert.equal(sql(`SELECT tier FROM cases WHERE referral_id = ${id}`), 'community_support');
      const received = sql(`SELECT id FROM referrals WHERE status = 'received' ORDER BY id LIMIT 1`);
      const res = await api(srv, tok.hub, 'POST', `/api/v1/referrals/${received}/step-up`, body);
      assert.equal(res.status, 409, JSON.stringify(res.body));
      // The hub may step up any referral's community support.
      const ok = await api(srv, tok.hub, 'POST', `/api/v1/referrals/${id}/step-up`, body);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.tier, 'social_prescribing');
    });

    test('the operating-hours report counts referrals and first contacts by London weekday and hour', async () => {
      const from = new Date(Date.now() - 300 * 86400_000).toISOString().slice(0, 10);
      const to = new Date().toISOString().slice(0, 10);
      // London midnight is at or an hour before UTC midnight.
      const since = Date.parse(`${from}T00:00:00Z`) / 1000 - 3600;
      const rows = sqlRows(srv.dbPath, `SELECT received_at FROM referrals WHERE received_at >= ${since}`);
      const page = await fetch(`${srv.url}/reports/operating-hours?from=${from}&to=${to}`,
        { headers: { authorization: `Bearer ${tok.hub}` } });
      assert.equal(page.status, 200);
      const html = await page.text();
      const everyRow = /<th class="nhsuk-table__header"[^>]*>(?:<span[^>]*>[^<]*<\/span>)?Every day<\/th><td[^>]*>(?:<span[^>]*>[^<]*<\/span>)?(\d+)<\/td>/;
      const every = html.match(everyRow);
      assert.ok(every, 'the every-day row');
      assert.equal(Number(every[1]), rows.length);
      // The same period in the NHS.UK date input's boxes (a month by name), and typed as people do in one field.
      const [fy, fm, fd] = from.split('-').map(Number);
      const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
      const [ty, tm, td] = to.split('-').map(Number);
      for (const q of [`from.day=${fd}&from.month=${months[fm - 1]}&from.year=${fy}&to.day=${td}&to.month=${tm}&to.year=${ty}`,
        `from=${encodeURIComponent(`${fd}/${fm}/${fy}`)}&to=${encodeURIComponent(`${td} ${months[tm - 1]} ${ty}`)}`]) {
        const again = await fetch(`${srv.url}/reports/operating-hours?${q}`, { headers: { authorization: `Bearer ${tok.hub}` } });
        assert.equal(again.status, 200, q);
        const text = await again.text();
        assert.match(text, new RegExp(`name="from\\.day"[^>]*value="${fd}"`));
        assert.equal(Number(text.match(everyRow)?.[1]), rows.length, q);
      }
      const bad = await fetch(`${srv.url}/reports/operating-hours?from=2026-02-30`, { headers: { authorization: `Bearer ${tok.hub}` } });
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /href="#from"/);
      const badBoxes = await fetch(`${srv.url}/reports/operating-hours?from.day=30&from.month=2&from.year=2026`,
        { headers: { authorization: `Bearer ${tok.hub}` } });
      assert.equal(badBoxes.status, 422);
      const badText = await badBoxes.text();
      assert.match(badText, /href="#from"[^>]*>Enter the first day as a real date/);
      assert.match(badText, /name="from\.day"[^>]*value="30"/);
      const denied = await fetch(`${srv.url}/reports/operating-hours`, { headers: { authorization: `Bearer ${tok.lww}` } });
      assert.equal(denied.status, 403);
    });
  });
}
