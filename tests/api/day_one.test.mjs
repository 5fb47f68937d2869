// Acceptance (issue 17) through the API, on PostgreSQL (and SQLite): from `waymark init` and one administrator,
// the organisations (POST /api/v1/organisations), their users (`waymark user add`: accounts have no API), the
// workers (POST /api/v1/workers), the hub's phone (PATCH /api/v1/settings, then on the self-referral page),
// a GP's referral of a Watton Medical Practice patient, triage to social prescribing allocated to the new
// worker, and the worker's caseload (GET /api/v1/cases).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, runCli, waymarkBin } from '../lib/server.mjs';

const backends = [['PostgreSQL', process.env.WAYMARK_TEST_PG_URL], ['SQLite', undefined]];

for (const [label, dbUrl] of backends) {
  describe(`day one through the API on ${label}`, { skip: label === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set (run under scripts/with-postgres)' }, () => {
    let srv;
    before(async () => { srv = await startServer({ dbUrl, demo: false, env: { WAYMARK_PWHASH_FAST: '1' } }); });
    after(async () => { await srv?.stop(); });

    function userAdd(email, name, role, org) {
      const r = spawnSync(waymarkBin(), ['user', 'add', '--db', srv.dbPath, '--email', email, '--name', name, '--role', role,
        '--org', org, '--password-stdin'], { input: 'a-long-password-1\n', env: { ...process.env, WAYMARK_PWHASH_FAST: '1' } });
      assert.equal(r.status, 0, r.stderr?.toString());
    }
    async function signIn(email) {
      const res = await fetch(`${srv.url}/api/v1/session`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'a-long-password-1' }),
      });
      const body = await res.json();
      assert.equal(res.status, 201, JSON.stringify(body));
      return { cookie: (res.headers.get('set-cookie') || '').split(';')[0], csrf: body.csrf_token };
    }
    async function api(s, method, path, body) {
      const res = await fetch(srv.url + path, {
        method, headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text.startsWith('{') ? JSON.parse(text) : text };
    }

    test('from an empty database to the new worker\'s caseload', async () => {
      await runCli(['org', 'add', '--db', srv.dbPath, '--name', 'Norfolk and Waveney ICB', '--kind', 'commissioner']);
      userAdd('admin@nwicb.example', 'Ada Admin', 'administrator', 'Norfolk and Waveney ICB');
      const admin = await signIn('admin@nwicb.example');
      const org = async (body) => {
        const r = await api(admin, 'POST', '/api/v1/organisations', body);
        assert.equal(r.status, 201, JSON.stringify(r.body));
        return r.body;
      };
      await org({ name: 'Community Action Norfolk', kind: 'lead_provider' });
      const prov = await org({ name: 'Breckland Community Support', kind: 'provider', areas: ['breckland'], phone: '01362 555 0100' });
      await org({ name: 'Watton Medical Practice', kind: 'referrer_org' });
      assert.deepEqual(prov.areas, ['breckland']);
      userAdd('lead@can.example', 'Pat Lead', 'programme_lead', 'Community Action Norfolk');
      userAdd('hub@can.example', 'Harriet Hub', 'hub_coordinator', 'Community Action Norfolk');
      userAdd('manager@bcs.example', 'Morgan Manager', 'provider_manager', 'Breckland Community Support');
      userAdd('lena@bcs.example', 'Lena Wells', 'link_worker', 'Breckland Community Support');
      userAdd('sam@bcs.example', 'Sam Support', 'support_worker', 'Breckland Community Support');
      userAdd('grace@watton.example', 'Dr Grace Park', 'referrer', 'Watton Medical Practice');

      const mgr = await signIn('manager@bcs.example');
      const lww = await api(mgr, 'POST', '/api/v1/workers', { user_email: 'lena@bcs.example', kind: 'link_worker', fte: 0.5, clusters: ['Breckland'] });
      assert.equal(lww.status, 201, JSON.stringify(lww.body));
      const sw = await api(mgr, 'POST', '/api/v1/workers', { user_email: 'sam@bcs.example', kind: 'support_worker', fte: 0.5, areas: ['breckland'] });
      assert.equal(sw.status, 201, JSON.stringify(sw.body));

      const lead = await signIn('lead@can.example');
      assert.equal((await api(lead, 'PATCH', '/api/v1/settings', { hub_phone: '01603 555 0199' })).status, 200);
      assert.match(await (await fetch(`${srv.url}/self-referral`)).text(), /01603 555 0199/);

      const gp = await signIn('grace@watton.example');
      const ref = await api(gp, 'POST', '/api/v1/referrals', {
        person: { given_name: 'Walter', family_name: 'Watton', date_of_birth: '1944-07-03', postcode: 'IP25 6AA', practice: 'SPBRK02', phone: '01953 555 0144' },
        source: 'gp_practice', reasons: ['loneliness'], consent: { referral: true, data_sharing: true },
        referrer: { name: 'Dr Grace Park', organisation: 'Watton Medical Practice', phone: '01953 555 0000' },
      });
      assert.equal(ref.status, 201, JSON.stringify(ref.body));

      const hub = await signIn('hub@can.example');
      const t = await api(hub, 'POST', `/api/v1/referrals/${ref.body.id}/triage`, { tier: 'social_prescribing', reason: 'Lonely; needs a Living Well Worker.' });
      assert.ok(t.status < 300, JSON.stringify(t.body));
      const held = await api(hub, 'GET', `/api/v1/referrals/${ref.body.id}`);
      assert.equal(held.body.status, 'allocated', JSON.stringify(held.body));

      const lena = await signIn('lena@bcs.example');
      const cases = await api(lena, 'GET', '/api/v1/cases');
      assert.equal(cases.status, 200, JSON.stringify(cases.body));
      assert.match(JSON.stringify(cases.body), /Walter/);
      assert.match(JSON.stringify(cases.body), new RegExp(ref.body.reference));
    });
  });
}
