// Organisations over real HTTP on SQLite and PostgreSQL: add, read, change and framework status (history
// kept), bad input named by field with nothing stored, only the administrator and programme lead; the pages;
// and community support shared among the active providers serving an area, with the reason recorded.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

const PW = 'demo-password-1';
const REFERRER = { name: 'Dr Test', organisation: 'Watton Medical Practice', phone: '01953 555 0000' };
const backends = [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]];

for (const [label, dbUrl] of backends) {
  describe(`organisations on ${label}`, { skip: label === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set (run under scripts/with-postgres)' }, () => {
    let srv;
    before(async () => { srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1' } }); });
    after(async () => { await srv?.stop(); });
    const sql = (q) => sqlRows(srv.dbPath, q);
    const count = (q) => Number(sql(q)[0][0]);

    async function signIn(email) {
      const res = await fetch(`${srv.url}/api/v1/session`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PW }),
      });
      const body = await res.json();
      assert.equal(res.status, 201);
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
    const fields = (r) => (r.body.errors || []).map((e) => e.field);

    test('add, read, change and framework status with history', async () => {
      const lead = await signIn('lead@demo.waymark.test');
      const made = await api(lead, 'POST', '/api/v1/organisations', {
        name: 'Swaffham Good Neighbours', kind: 'provider', areas: ['breckland', 'waveney'], contact_name: 'Pat Lee',
        phone: '01760 555 0101', email: 'pat@sgn.example', address: '1 Market Place\nSwaffham', reg_number: 'charity 1099999',
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const id = made.body.id;
      assert.deepEqual(made.body.areas, ['breckland', 'waveney']);
      assert.equal(made.body.framework_status.status, 'active');
      assert.equal(count(`SELECT COUNT(*) FROM audit_events WHERE action = 'org.create' AND entity_id = ${id}`), 1);
      const ch = await api(lead, 'PATCH', `/api/v1/organisations/${id}`, { areas: ['breckland'], phone: '01760 555 0102' });
      assert.equal(ch.status, 200, JSON.stringify(ch.body));
      assert.deepEqual(ch.body.areas, ['breckland']);
      assert.equal(ch.body.contact_name, 'Pat Lee');
      const s1 = await api(lead, 'POST', `/api/v1/organisations/${id}/status`, { status: 'suspended', from: '2027-01-04', reason: 'Safeguarding review' });
      assert.equal(s1.status, 200, JSON.stringify(s1.body));
      assert.deepEqual(s1.body.framework_status, { status: 'suspended', from: '2027-01-04', reason: 'Safeguarding review' });
      const got = await api(lead, 'GET', `/api/v1/organisations/${id}`);
      assert.deepEqual(got.body.status_history.map((h) => h.status), ['suspended', 'active']);
      const list = await api(lead, 'GET', '/api/v1/organisations');
      assert.ok(list.body.organisations.some((o) => o.id === id));
      const admin = await signIn('admin@demo.waymark.test');
      assert.equal((await api(admin, 'GET', `/api/v1/organisations/${id}`)).status, 200);
      for (const who of ['hub@demo.waymark.test', 'manager@demo.waymark.test']) {
        const s = await signIn(who);
        assert.equal((await api(s, 'GET', '/api/v1/organisations')).status, 403);
        assert.equal((await api(s, 'POST', '/api/v1/organisations', { name: 'X', kind: 'provider' })).status, 403);
      }
    });

    test('bad input is named by field and nothing is stored', async () => {
      const lead = await signIn('lead@demo.waymark.test');
      const before = count('SELECT COUNT(*) FROM orgs');
      const bad = [
        [{ kind: 'provider' }, 'name'],
        [{ name: 'A', kind: 'charity' }, 'kind'],
        [{ name: 'A', kind: 'provider', areas: ['atlantis'] }, 'areas'],
        [{ name: 'A', kind: 'provider', areas: 'breckland' }, 'areas'],
        [{ name: 'A', kind: 'provider', phone: 'ring us' }, 'phone'],
        [{ name: 'A', kind: 'provider', email: 'nobody' }, 'email'],
        [{ name: 'A', kind: 'provider', reg_number: 'x'.repeat(41) }, 'reg_number'],
        [{ name: 'A', kind: 'provider', framework_status: 'pending' }, 'status'],
        [{ name: 'A', kind: 'provider', colour: 'blue' }, 'colour'],
        [{ name: 'breckland community support', kind: 'provider' }, 'name'],
      ];
      for (const [body, field] of bad) {
        const r = await api(lead, 'POST', '/api/v1/organisations', body);
        assert.equal(r.status, 422, JSON.stringify(body));
        assert.ok(fields(r).includes(field), `${JSON.stringify(body)}: ${JSON.stringify(r.body)}`);
      }
      assert.equal(count('SELECT COUNT(*) FROM orgs'), before);
      const id = Number(sql("SELECT id FROM orgs WHERE name = 'Breckland Community Support'")[0][0]);
      const history = count(`SELECT COUNT(*) FROM org_status_history WHERE org_id = ${id}`); // the demo's: applied, approved, active
      assert.equal(history, 3);
      const r = await api(lead, 'POST', `/api/v1/organisations/${id}/status`, { status: 'exited' });
      assert.equal(r.status, 422);
      assert.ok(fields(r).includes('reason'));
      const r2 = await api(lead, 'POST', `/api/v1/organisations/${id}/status`, { status: 'active', from: '2027-02-30' });
      assert.ok(fields(r2).includes('from'));
      assert.equal(count(`SELECT COUNT(*) FROM org_status_history WHERE org_id = ${id}`), history);
      assert.equal((await api(lead, 'PATCH', '/api/v1/organisations/987654', { phone: '01603 000000' })).status, 404);
    });

    test('the demo organisations have their records: areas, contact, charity or company number, framework history', async () => {
      const lead = await signIn('lead@demo.waymark.test');
      const idOf = (name) => Number(sql(`SELECT id FROM orgs WHERE name = '${name}'`)[0][0]);
      const can = (await api(lead, 'GET', `/api/v1/organisations/${idOf('Community Action Norfolk')}`)).body;
      assert.equal(can.kind, 'lead_provider');
      assert.deepEqual([...can.areas].sort(), ['broadland', 'great_yarmouth', 'north_norfolk', 'south_norfolk']);
      assert.equal(can.reg_number, 'Charity 1012345');
      assert.match(can.email, /@communityaction\.example$/);
      const wcc = (await api(lead, 'GET', `/api/v1/organisations/${idOf('Waveney Care Connect')}`)).body;
      assert.deepEqual(wcc.areas, ['waveney']);
      assert.equal(wcc.reg_number, 'Company 08765432');
      assert.deepEqual(wcc.status_history.map((h) => h.status).slice(-3).sort(), ['active', 'applied', 'approved']);
      const icb = (await api(lead, 'GET', `/api/v1/organisations/${idOf('Norfolk and Waveney ICB')}`)).body;
      assert.equal(icb.areas.length, 8);
    });

    test('community support is shared among the active providers serving the area, reason recorded', async () => {
      const lead = await signIn('lead@demo.waymark.test');
      const hub = await signIn('hub@demo.waymark.test');
      // A second active provider serving Breckland with no open load.
      const other = await api(lead, 'POST', '/api/v1/organisations', { name: 'Dereham Helping Hands', kind: 'provider', areas: ['breckland'] });
      assert.equal(other.status, 201);
      const breck = Number(sql("SELECT id FROM orgs WHERE name = 'Breckland Community Support'")[0][0]);
      const loadOf = (id) => count(`SELECT COUNT(*) FROM cases WHERE org_id = ${id} AND status = 'open' AND tier = 'community_support'`);
      const before = [loadOf(breck), loadOf(other.body.id)];
      const held = [];
      for (let i = 0; i < 2; i++) {
        const ref = await api(hub, 'POST', '/api/v1/referrals', {
          person: { given_name: `Share${i}`, family_name: 'Test', date_of_birth: '1950-01-0' + (i + 1), postcode: 'IP25 6AA', practice: 'SPBRK02', phone: '01953 555 010' + i },
          source: 'gp_practice', reasons: ['shopping'], consent: { referral: true, data_sharing: true }, referrer: REFERRER,
        });
        assert.equal(ref.status, 201, JSON.stringify(ref.body));
        const t = await api(hub, 'POST', `/api/v1/referrals/${ref.body.id}/triage`, { tier: 'community_support', reason: 'share test' });
        assert.ok(t.status < 300, JSON.stringify(t.body));
        const row = sql(`SELECT org_id, allocation_reason FROM cases WHERE referral_id = ${ref.body.id}`)[0];
        held.push(Number(row[0]));
        assert.match(row[1], /active providers serving Breckland|only active provider serving Breckland/, row[1]);
      }
      // Dereham Helping Hands has no volunteers (no capacity): Breckland Community Support, with volunteers, gets them
      // unless it has none either.
      const cap = count(`SELECT COALESCE(SUM(max_tasks_per_week), 0) FROM volunteers WHERE org_id = ${breck} AND status = 'active'`);
      if (cap > 0) assert.deepEqual(held, [breck, breck]);
      assert.equal(loadOf(breck) + loadOf(other.body.id), before[0] + before[1] + 2);
      // A suspended provider gets none.
      await api(lead, 'POST', `/api/v1/organisations/${breck}/status`, { status: 'suspended', reason: 'test' });
      const ref = await api(hub, 'POST', '/api/v1/referrals', {
        person: { given_name: 'Share9', family_name: 'Test', date_of_birth: '1950-02-09', postcode: 'IP25 6AA', practice: 'SPBRK02', phone: '01953 555 0109' },
        source: 'gp_practice', reasons: ['shopping'], consent: { referral: true, data_sharing: true }, referrer: REFERRER,
      });
      await api(hub, 'POST', `/api/v1/referrals/${ref.body.id}/triage`, { tier: 'community_support', reason: 'share test' });
      const row = sql(`SELECT org_id, allocation_reason FROM cases WHERE referral_id = ${ref.body.id}`)[0];
      assert.equal(Number(row[0]), other.body.id);
      assert.match(row[1], /Dereham Helping Hands arranges volunteers, the only active provider serving Breckland/);
      await api(lead, 'POST', `/api/v1/organisations/${breck}/status`, { status: 'active' });
    });

    test('the pages add and change an organisation; a bad value is in the error summary', async () => {
      const lead = await signIn('lead@demo.waymark.test');
      const post = (path, fields) => fetch(srv.url + path, {
        method: 'POST', redirect: 'manual',
        headers: { cookie: lead.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: `${new URLSearchParams({ ...fields, csrf_token: lead.csrf })}&areas=breckland&areas=norwich`,
      });
      const bad = await post('/organisations', { name: 'Page Org', kind: 'provider', email: 'bad' });
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /nhsuk-error-summary[\s\S]*Email address must be an email address/);
      assert.equal(count("SELECT COUNT(*) FROM orgs WHERE name = 'Page Org'"), 0);
      const ok = await post('/organisations', { name: 'Page Org', kind: 'provider', framework_status: 'approved' });
      assert.equal(ok.status, 303);
      const loc = ok.headers.get('location');
      const id = Number(loc.match(/\/organisations\/(\d+)/)[1]);
      assert.deepEqual(sql(`SELECT area FROM org_areas WHERE org_id = ${id} ORDER BY area`).map((r) => r[0]), ['breckland', 'norwich']);
      assert.equal(sql(`SELECT framework_status FROM orgs WHERE id = ${id}`)[0][0], 'approved');
      // The framework status from a date typed in the NHS.UK date input (a month by name), shown as people read it.
      const post1 = (path, fields) => fetch(srv.url + path, {
        method: 'POST', redirect: 'manual',
        headers: { cookie: lead.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: `${new URLSearchParams({ ...fields, csrf_token: lead.csrf })}`,
      });
      const badDay = await post1(`/organisations/${id}/status`, { status: 'suspended', reason: 'Review', 'from.day': '30', 'from.month': '2', 'from.year': '2027' });
      assert.equal(badDay.status, 422);
      assert.match(await badDay.text(), /nhsuk-error-summary[\s\S]*Date it takes effect must be a real date, for example 1 4 2027/);
      const st = await post1(`/organisations/${id}/status`, { status: 'suspended', reason: 'Review', 'from.day': '4', 'from.month': 'Jan', 'from.year': '2027' });
      assert.equal(st.status, 303);
      const page = await (await fetch(srv.url + `/organisations/${id}`, { headers: { cookie: lead.cookie } })).text();
      assert.match(page, /Status history/);
      assert.match(page, /Since<\/dt><dd[^>]*>4 Jan 2027</);
      assert.match(page, /Suspended from 4 Jan 2027: Review/i);
      const list = await (await fetch(srv.url + '/organisations', { headers: { cookie: lead.cookie } })).text();
      assert.match(list, /Page Org/);
    });
  });
}
