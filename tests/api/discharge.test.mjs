// Discharge support over real HTTP, on SQLite and, when WAYMARK_TEST_PG_URL
// is set (make api-test), on PostgreSQL: a discharge referral asking for a
// home check becomes a home check task when its complex support case is
// allocated; only a DBS-checked worker of the case's organisation can take
// it (409 with the reason otherwise); the worker who took it records what it
// found; the board shows each side only its own referrals; volunteers need a
// valid DBS for a home check too (task rules, and again when accepting).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { api, tokenFor, fieldsOf } from '../lib/referrals.mjs';

const dateIn = (days) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

for (const [backend, dbUrl] of [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]]) {
  const skip = backend === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set';
  describe(`discharge support on ${backend}`, { skip }, () => {
    let srv;
    const tok = {};
    let referralId;
    let supportWorker;
    before(async () => {
      srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1' } });
      for (const [k, email] of Object.entries({
        hub: 'hub@demo.waymark.test', discharge: 'discharge@demo.waymark.test', gp: 'gp@demo.waymark.test',
        support: 'support@demo.waymark.test', lww: 'lww@demo.waymark.test', manager: 'manager@demo.waymark.test',
        manager2: 'manager2@demo.waymark.test', volco: 'volco@demo.waymark.test', volunteer: 'volunteer@demo.waymark.test',
      })) tok[k] = await tokenFor(srv, email);
      const made = await api(srv, tok.discharge, 'POST', '/api/v1/referrals', {
        person: { given_name: 'Edna', family_name: 'Homecheck', date_of_birth: '1938-04-09', postcode: 'IP24 2AA', phone: '01842 555 0177' },
        source: 'acute_hospital_discharge', reasons: ['discharge_support'], consent: { referral: true, data_sharing: true },
        discharge: { hospital: 'nnuh', ward: 'Cringleford Ward', expected_date: dateIn(3), home_check_needed: true },
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      referralId = made.body.id;
      const workers = (await api(srv, tok.hub, 'GET', '/api/v1/workers')).body.workers;
      supportWorker = workers.find((w) => w.name && w.kind === 'support_worker' && w.organisation?.name === 'Breckland Community Support');
      assert.ok(supportWorker, 'a Breckland support worker in the demo');
    });
    after(async () => { await srv?.stop(); });

    const board = async (token, qs = '') => {
      const r = await api(srv, token, 'GET', `/api/v1/discharge/board${qs}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      return r.body.referrals;
    };
    const take = (token) => api(srv, token, 'POST', `/api/v1/referrals/${referralId}/home-check/take`, {});
    const complete = (token, body) => api(srv, token, 'POST', `/api/v1/referrals/${referralId}/home-check/complete`, body);

    test('before triage the board shows the home check as asked for, to the discharge team and the hub only', async () => {
      const mine = (await board(tok.discharge)).find((r) => r.referral_id === referralId);
      assert.ok(mine);
      assert.equal(mine.status, 'received');
      assert.equal(mine.status_label, 'Awaiting triage');
      assert.equal(mine.home_check.state, 'requested');
      assert.equal(mine.days_to_discharge, 3);
      assert.equal(mine.expected_discharge_date, dateIn(3));
      assert.deepEqual(mine.hospital, { code: 'nnuh', name: 'Norfolk and Norwich University Hospital' });
      assert.equal(mine.ward, 'Cringleford Ward');
      assert.equal(mine.contact_made, false);
      assert.ok((await board(tok.hub)).some((r) => r.referral_id === referralId));
      assert.ok(!(await board(tok.gp)).some((r) => r.referral_id === referralId), 'another referrer does not see it');
      assert.ok(!(await board(tok.lww)).some((r) => r.referral_id === referralId), 'no case held yet');
      const noCheck = await api(srv, tok.discharge, 'GET', `/api/v1/referrals/${referralId}/home-check`);
      assert.equal(noCheck.status, 200);
      assert.equal(noCheck.body.home_check, null);
    });

    test('allocating the complex support case opens a home check due before discharge', async () => {
      const t = await api(srv, tok.hub, 'POST', `/api/v1/referrals/${referralId}/triage`, { tier: 'complex_support', reason: 'needs a home check before discharge' });
      assert.ok(t.status < 300, JSON.stringify(t.body));
      const row = (await board(tok.discharge)).find((r) => r.referral_id === referralId);
      assert.equal(row.status, 'allocated');
      assert.equal(row.organisation.name, 'Breckland Community Support');
      assert.ok(row.worker?.name);
      assert.equal(row.home_check.state, 'needed');
      assert.ok(Date.parse(row.home_check.due_at) > Date.now());
      assert.ok(Date.parse(row.home_check.due_at) <= Date.parse(`${dateIn(3)}T01:00:00Z`));
      // The organisation holding the case sees it; another provider does not.
      assert.ok((await board(tok.lww)).some((r) => r.referral_id === referralId));
      assert.ok(!(await board(tok.manager2)).some((r) => r.referral_id === referralId));
      assert.ok((await board(tok.hub, '?hospital=qeh')).every((r) => r.hospital.code === 'qeh'));
    });

    test('only a DBS-checked worker of the organisation holding the case can take the home check', async () => {
      // The manager records that the support worker's DBS check is not in place.
      const off = await api(srv, tok.manager, 'PUT', `/api/v1/workers/${supportWorker.id}/dbs`, { dbs_checked: false });
      assert.equal(off.status, 200, JSON.stringify(off.body));
      assert.equal((await api(srv, tok.manager2, 'PUT', `/api/v1/workers/${supportWorker.id}/dbs`, { dbs_checked: true })).status, 404);
      assert.equal((await api(srv, tok.manager, 'PUT', `/api/v1/workers/${supportWorker.id}/dbs`, { dbs_checked: 'yes' })).status, 422);
      const refused = await take(tok.support);
      assert.equal(refused.status, 409);
      assert.deepEqual(fieldsOf(refused), ['worker']);
      assert.match(refused.body.errors[0].message, /Only a DBS-checked worker can take a home check: your DBS check is not recorded/);
      const hub = await take(tok.hub);
      assert.equal(hub.status, 409);
      assert.match(hub.body.errors[0].message, /not recorded as a worker/);
      assert.equal((await take(tok.gp)).status, 403, 'referrers cannot take home checks');
      const still = (await board(tok.discharge)).find((r) => r.referral_id === referralId);
      assert.equal(still.home_check.state, 'needed', 'nothing changed');

      assert.equal((await api(srv, tok.manager, 'PUT', `/api/v1/workers/${supportWorker.id}/dbs`, { dbs_checked: true })).status, 200);
      const taken = await take(tok.support);
      assert.equal(taken.status, 200, JSON.stringify(taken.body));
      assert.equal(taken.body.home_check.state, 'taken');
      assert.equal(taken.body.home_check.worker.id, supportWorker.id);
      const again = await take(tok.lww);
      assert.equal(again.status, 409);
      assert.match(again.body.errors[0].message, /already taken/);
    });

    test('the worker who took it records what it found; the referrer sees the result', async () => {
      assert.equal((await complete(tok.lww, { outcome: 'ready' })).status, 409);
      const bad = await complete(tok.support, { outcome: 'lovely' });
      assert.equal(bad.status, 422);
      assert.deepEqual(fieldsOf(bad), ['outcome']);
      const noNote = await complete(tok.support, { outcome: 'ready_with_actions' });
      assert.equal(noNote.status, 422);
      assert.deepEqual(fieldsOf(noNote), ['note']);
      const done = await complete(tok.support, { outcome: 'ready_with_actions', note: 'Key safe fitted; needs a bed downstairs' });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(done.body.home_check.state, 'done');
      assert.equal(done.body.home_check.outcome, 'ready_with_actions');
      assert.equal((await complete(tok.support, { outcome: 'ready' })).status, 409);
      const seen = await api(srv, tok.discharge, 'GET', `/api/v1/referrals/${referralId}/home-check`);
      assert.equal(seen.body.home_check.state, 'done');
      const row = (await board(tok.discharge)).find((r) => r.referral_id === referralId);
      assert.equal(row.home_check.state, 'done');
      assert.equal((await api(srv, tok.gp, 'GET', `/api/v1/referrals/${referralId}/home-check`)).status, 404);
    });

    test('the API and the page answer alike: who may comes before what was sent; a refusal is 409 on both', async () => {
      const page = (token, path, body) => fetch(`${srv.url}/discharge/referrals/${referralId}/home-check${path}`, {
        method: 'POST', redirect: 'manual', body,
        headers: { authorization: `Bearer ${token}`, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      });
      // A worker of another organisation: 404 whatever the body (the API said 422 for a wrong type before).
      assert.equal((await complete(tok.manager2, { outcome: 5 })).status, 404);
      assert.equal((await page(tok.manager2, '', 'outcome=lovely')).status, 404);
      // Not a worker at all: 409 on both.
      assert.equal((await take(tok.hub)).status, 409);
      assert.equal((await page(tok.hub, '/take', '')).status, 409);
    });

    test('volunteers: a home check task is a home visit, and a lapsed DBS cannot accept a home visit', async () => {
      const t = await api(srv, tok.volco, 'POST', '/api/v1/tasks', {
        referral_id: referralId, type: 'home_check', home_visit: false,
        window_start: `${dateIn(1)}T09:00:00Z`, window_end: `${dateIn(1)}T17:00:00Z`,
      });
      assert.equal(t.status, 422);
      assert.ok(fieldsOf(t).includes('home_visit'), JSON.stringify(t.body));
      // The demo volunteer has an offered home visit; their DBS lapses before they answer.
      const mine = await api(srv, tok.volunteer, 'GET', '/api/v1/my/tasks');
      const offered = mine.body.tasks.find((x) => x.status === 'offered' && x.home_visit);
      assert.ok(offered, 'the demo offers the volunteer a home visit');
      const vid = offered.volunteer.id;
      const v = (await api(srv, tok.volco, 'GET', `/api/v1/volunteers/${vid}`)).body;
      const keys = ['name', 'email', 'phone', 'postcode', 'travel_radius_km', 'car', 'max_tasks_per_week', 'consent_to_share',
        'status', 'skills', 'availability', 'days_off', 'training', 'account_email', 'notes'];
      const body = Object.fromEntries(keys.map((k) => [k, v[k]]));
      body.dbs = { ...v.dbs, renewal_date: dateIn(-1) };
      const put = await api(srv, tok.volco, 'PUT', `/api/v1/volunteers/${vid}`, body);
      assert.equal(put.status, 200, JSON.stringify(put.body));
      const acc = await api(srv, tok.volunteer, 'POST', `/api/v1/my/tasks/${offered.id}/accept`);
      assert.equal(acc.status, 409, JSON.stringify(acc.body));
      assert.ok(fieldsOf(acc).includes('dbs'));
    });
  });
}
