// Workers' records over real HTTP on SQLite and PostgreSQL: POST /api/v1/workers with user_email or user_id,
// read and change one, end employment, remove an absence; bad input named by field with nothing stored; a
// provider manager only for their organisation; `waymark worker add|list|edit` by the issue's contract; the pages.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, runCli, waymarkBin } from '../lib/server.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

const PW = 'demo-password-1';
const backends = [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]];

for (const [label, dbUrl] of backends) {
  describe(`workforce on ${label}`, { skip: label === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set (run under scripts/with-postgres)' }, () => {
    let srv;
    before(async () => { srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1' } }); });
    after(async () => { await srv?.stop(); });
    const sql = (q) => sqlRows(srv.dbPath, q);
    const count = (q) => Number(sql(q)[0][0]);
    function userAdd(email, role, org) {
      const r = spawnSync(waymarkBin(), ['user', 'add', '--db', srv.dbPath, '--email', email, '--name', `New ${role}`,
        '--role', role, '--org', org, '--password-stdin'], { input: 'operator-chosen-1\n', env: { ...process.env, WAYMARK_PWHASH_FAST: '1' } });
      assert.equal(r.status, 0, r.stderr?.toString());
      return Number(r.stdout.toString().trim());
    }
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

    test('register by user_email and user_id, read, change, end employment', async () => {
      userAdd('new.lww@example.org', 'link_worker', 'Breckland Community Support');
      const sw = userAdd('new.sw@example.org', 'support_worker', 'Breckland Community Support');
      const mgr = await signIn('manager@demo.waymark.test');
      const a = await api(mgr, 'POST', '/api/v1/workers', { user_email: 'new.lww@example.org', kind: 'link_worker', fte: 0.5, clusters: ['Breckland'] });
      assert.equal(a.status, 201, JSON.stringify(a.body));
      assert.equal(a.body.fte, 0.5);
      assert.deepEqual(a.body.clusters, ['Breckland']);
      assert.equal(a.body.capacity, 100);
      assert.equal(a.body.organisation.name, 'Breckland Community Support');
      const b = await api(mgr, 'POST', '/api/v1/workers', {
        user_id: sw, kind: 'support_worker', fte: '1', areas: ['breckland', 'waveney'], dbs_level: 'enhanced',
        dbs_issue_date: '2026-01-10', dbs_certificate_ref: '001234567890', dbs_renewal_date: '2029-01-10',
        qualifications: ['level3_basic_skills', 'coaching'], own_transport: true, start_date: '2026-02-01',
      });
      assert.equal(b.status, 201, JSON.stringify(b.body));
      assert.equal(b.body.dbs_checked, true);
      assert.equal(b.body.own_transport, true);
      assert.equal(count(`SELECT COUNT(*) FROM audit_events WHERE action = 'worker.create' AND entity_id = ${b.body.id}`), 1);
      const ch = await api(mgr, 'PATCH', `/api/v1/workers/${a.body.id}`, { fte: 0.6, training: 'MI course 2026' });
      assert.equal(ch.status, 200, JSON.stringify(ch.body));
      assert.equal(ch.body.fte, 0.6);
      assert.deepEqual(ch.body.clusters, ['Breckland']);
      const list = await api(mgr, 'GET', '/api/v1/workers');
      assert.ok(list.body.workers.some((w) => w.id === a.body.id));
      // an absence added and removed
      const ab = await api(mgr, 'POST', `/api/v1/workers/${a.body.id}/absences`, { from: '2030-01-01', to: '2030-01-05', reason: 'leave' });
      assert.ok(ab.status < 300, JSON.stringify(ab.body));
      const aid = Number(sql(`SELECT id FROM worker_absences WHERE worker_id = ${a.body.id}`)[0][0]);
      assert.equal((await api(mgr, 'POST', `/api/v1/workers/${a.body.id}/absences/remove`, { absence_id: aid })).status, 204);
      assert.equal(count(`SELECT COUNT(*) FROM worker_absences WHERE worker_id = ${a.body.id}`), 0);
      assert.equal((await api(mgr, 'POST', `/api/v1/workers/${a.body.id}/absences/remove`, { absence_id: aid })).status, 404);
      // ending employment: no longer active (takes no new cases)
      const end = await api(mgr, 'PATCH', `/api/v1/workers/${a.body.id}`, { end_date: '2026-01-01' });
      assert.equal(end.status, 200);
      assert.equal(end.body.active, false);
      // An end date in the future: employed until the day comes, then ended without anyone saving the record
      // (the clock moved on: the stored end day is now today's London date).
      const tomorrow = new Date(Date.now() + 86400_000).toISOString().slice(0, 10);
      const later = await api(mgr, 'PATCH', `/api/v1/workers/${b.body.id}`, { end_date: tomorrow });
      assert.equal(later.status, 200, JSON.stringify(later.body));
      assert.equal(later.body.active, true);
      sql(`UPDATE workers SET end_day = end_day - 2 WHERE id = ${b.body.id}`);
      assert.equal(count(`SELECT active FROM workers WHERE id = ${b.body.id}`), 1, 'the record was not saved');
      assert.equal((await api(mgr, 'GET', `/api/v1/workers/${b.body.id}`)).body.active, false);
      // Out of the allocation pool (the workers' loads list only employed workers).
      assert.equal((await api(mgr, 'GET', '/api/v1/workers')).body.workers.find((w) => w.id === b.body.id), undefined);
      const page = await fetch(`${srv.url}/workers/${b.body.id}`, { headers: { cookie: mgr.cookie } });
      assert.match(await page.text(), /Status<\/dt><dd[^>]*>Employment ended</);
    });

    test('the demo workers have their records: DBS, qualifications, start date, transport, clusters', async () => {
      const mgr = await signIn('manager@demo.waymark.test');
      const id = Number(sql(`SELECT w.id FROM workers w JOIN users u ON u.id = w.user_id WHERE u.email = 'lww@demo.waymark.test'`)[0][0]);
      const w = (await api(mgr, 'GET', `/api/v1/workers/${id}`)).body;
      assert.equal(w.dbs_level, 'enhanced');
      assert.equal(w.dbs_certificate_ref, '001234567801');
      assert.ok(w.dbs_renewal_date > new Date().toISOString().slice(0, 10));
      assert.deepEqual(w.qualifications, ['level3_basic_skills', 'motivational_interviewing', 'coaching']);
      assert.deepEqual(w.clusters, ['Breckland', 'Ketts Oak']);
      assert.equal(w.own_transport, true);
      assert.equal(w.fte, 0.5);
      assert.match(w.start_date, /^\d{4}-\d{2}-\d{2}$/);
      assert.equal(w.dbs_checked, true);
      assert.equal(count("SELECT COUNT(*) FROM workers w JOIN users u ON u.id = w.user_id WHERE u.email LIKE '%@demo.waymark.test' AND (w.dbs_level IS NULL OR w.qualifications = '')"), 0);
    });

    test('bad input is named by field and nothing is stored; a manager only for their organisation', async () => {
      const u = userAdd('bad.lww@example.org', 'link_worker', 'Breckland Community Support');
      userAdd('other.lww@example.org', 'link_worker', 'Waveney Care Connect');
      const mgr = await signIn('manager@demo.waymark.test');
      const before = count('SELECT COUNT(*) FROM workers');
      const bad = [
        [{ kind: 'link_worker', fte: 0.5, clusters: ['Breckland'] }, 'user_email'],
        [{ user_email: 'nobody@example.org', kind: 'link_worker', fte: 0.5, clusters: ['Breckland'] }, 'user_email'],
        [{ user_email: 'other.lww@example.org', kind: 'link_worker', fte: 0.5, clusters: ['Breckland'] }, 'user_email'],
        [{ user_id: 'x', kind: 'link_worker', fte: 0.5, clusters: ['Breckland'] }, 'user_id'],
        [{ user_id: u, kind: 'driver', fte: 0.5 }, 'kind'],
        [{ user_id: u, kind: 'link_worker', fte: 1.5, clusters: ['Breckland'] }, 'fte'],
        [{ user_id: u, kind: 'link_worker', fte: 'half', clusters: ['Breckland'] }, 'fte'],
        [{ user_id: u, kind: 'link_worker', fte: 0.5 }, 'clusters'],
        [{ user_id: u, kind: 'link_worker', fte: 0.5, clusters: ['Atlantis'] }, 'clusters'],
        [{ user_id: u, kind: 'support_worker', fte: 0.5, areas: ['atlantis'] }, 'areas'],
        [{ user_id: u, kind: 'support_worker', fte: 0.5, areas: 'breckland' }, 'areas'],
        [{ user_id: u, kind: 'link_worker', fte: 0.5, clusters: ['Breckland'], start_date: '2027-13-01' }, 'start_date'],
        [{ user_id: u, kind: 'link_worker', fte: 0.5, clusters: ['Breckland'], start_date: '2027-02-01', end_date: '2027-01-01' }, 'end_date'],
        [{ user_id: u, kind: 'link_worker', fte: 0.5, clusters: ['Breckland'], dbs_level: 'enhanced' }, 'dbs_issue_date'],
        [{ user_id: u, kind: 'link_worker', fte: 0.5, clusters: ['Breckland'], qualifications: ['juggling'] }, 'qualifications'],
        [{ user_id: u, kind: 'link_worker', fte: 0.5, clusters: ['Breckland'], own_transport: 'maybe' }, 'own_transport'],
        [{ user_id: u, kind: 'link_worker', fte: 0.5, clusters: ['Breckland'], salary: 1 }, 'salary'],
      ];
      for (const [body, field] of bad) {
        const r = await api(mgr, 'POST', '/api/v1/workers', body);
        assert.equal(r.status, 422, JSON.stringify(body));
        assert.ok(fields(r).includes(field), `${JSON.stringify(body)}: ${JSON.stringify(r.body)}`);
      }
      assert.equal(count('SELECT COUNT(*) FROM workers'), before);
      // a worker of another organisation is not the manager's to change
      const other = Number(sql("SELECT w.id FROM workers w JOIN orgs o ON o.id = w.org_id WHERE o.name <> 'Breckland Community Support' ORDER BY w.id")[0][0]);
      assert.equal((await api(mgr, 'PATCH', `/api/v1/workers/${other}`, { fte: 0.2 })).status, 404);
      const mine = Number(sql("SELECT w.id FROM workers w JOIN orgs o ON o.id = w.org_id WHERE o.name = 'Breckland Community Support' ORDER BY w.id")[0][0]);
      const r = await api(mgr, 'PATCH', `/api/v1/workers/${mine}`, { fte: 0 });
      assert.equal(r.status, 422);
      assert.ok(fields(r).includes('fte'));
      const ref = await signIn('gp@demo.waymark.test');
      assert.equal((await api(ref, 'POST', '/api/v1/workers', { user_id: u, kind: 'link_worker', fte: 0.5, clusters: ['Breckland'] })).status, 403);
    });

    test('waymark worker add|list|edit by the contract', async () => {
      userAdd('cli.lww@example.org', 'link_worker', 'Breckland Community Support');
      userAdd('cli.sw@example.org', 'support_worker', 'Breckland Community Support');
      const id = Number((await runCli(['worker', 'add', '--db', srv.dbPath, '--user', 'cli.lww@example.org', '--kind', 'link_worker',
        '--fte', '0.5', '--clusters', 'Breckland,Swaffham'])).stdout.trim());
      assert.ok(id > 0);
      const sw = Number((await runCli(['worker', 'add', '--db', srv.dbPath, '--user', 'cli.sw@example.org', '--kind', 'support_worker',
        '--fte', '0.5', '--areas', 'breckland,waveney'])).stdout.trim());
      assert.deepEqual(sql(`SELECT area FROM worker_areas WHERE worker_id = ${sw} ORDER BY area`).map((r) => r[0]), ['breckland', 'waveney']);
      const list = (await runCli(['worker', 'list', '--db', srv.dbPath])).stdout;
      assert.match(list, new RegExp(`^${id}\\t.*cli.lww@example.org\\t.*\\tlink_worker\\t0.50\\tBreckland,Swaffham\\t0\\t0/100\\tactive$`, 'm'));
      await runCli(['worker', 'edit', '--db', srv.dbPath, String(id), '--fte', '1']);
      assert.equal(sql(`SELECT fte_hundredths FROM workers WHERE id = ${id}`)[0][0], '100');
      const bad = spawnSync(waymarkBin(), ['worker', 'add', '--db', srv.dbPath, '--user', 'cli.lww@example.org', '--kind', 'link_worker', '--fte', '0.5']);
      assert.equal(bad.status, 1);
      assert.match(bad.stderr.toString(), /--user: That account is already registered/);
    });

    test('the pages: list, register with a bad value named, absence added and removed', async () => {
      userAdd('page.lww@example.org', 'link_worker', 'Breckland Community Support');
      const mgr = await signIn('manager@demo.waymark.test');
      const post = (path, body) => fetch(srv.url + path, {
        method: 'POST', redirect: 'manual',
        headers: { cookie: mgr.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: `${new URLSearchParams({ ...body, csrf_token: mgr.csrf })}`,
      });
      const bad = await post('/workers', { user_email: 'page.lww@example.org', kind: 'link_worker', fte: '2', clusters: 'Breckland' });
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /nhsuk-error-summary[\s\S]*Full-time equivalent must be a fraction/);
      // Dates in the NHS.UK date input: one that does not exist is named; one typed as people do is kept as a day.
      const badDay = await post('/workers', { user_email: 'page.lww@example.org', kind: 'link_worker', fte: '0.5', clusters: 'Breckland',
        'start_date.day': '31', 'start_date.month': '2', 'start_date.year': '2027' });
      assert.equal(badDay.status, 422);
      const badPage = await badDay.text();
      assert.match(badPage, /nhsuk-error-summary[\s\S]*Start date must be a real date, for example 1 4 2027/);
      assert.match(badPage, /name="start_date\.day"[^>]*value="31"/);
      const ok = await post('/workers', { user_email: 'page.lww@example.org', kind: 'link_worker', fte: '0.5', clusters: 'Breckland',
        'start_date.day': '1', 'start_date.month': 'Apr', 'start_date.year': '2027', dbs_level: 'enhanced', dbs_issue_date: '7 Dec 2026' });
      assert.equal(ok.status, 303);
      const id = Number(ok.headers.get('location').match(/\/workers\/(\d+)/)[1]);
      const rec = (await api(mgr, 'GET', `/api/v1/workers/${id}`)).body;
      assert.equal(rec.start_date, '2027-04-01');
      assert.equal(rec.dbs_issue_date, '2026-12-07');
      const form = await (await fetch(`${srv.url}/workers/${id}`, { headers: { cookie: mgr.cookie } })).text();
      assert.match(form, /name="start_date\.day"[^>]*value="1"[\s\S]*name="start_date\.month"[^>]*value="4"[\s\S]*name="start_date\.year"[^>]*value="2027"/);
      const page = await (await fetch(`${srv.url}/workers`, { headers: { cookie: mgr.cookie } })).text();
      assert.match(page, /New link_worker[\s\S]*clients in the last 12 months 0 of 100/);
      assert.equal((await post(`/workers/${id}/absences`, { from: '2030-02-01', to: '2030-02-03', reason: 'leave' })).status, 303);
      const aid = Number(sql(`SELECT id FROM worker_absences WHERE worker_id = ${id}`)[0][0]);
      const wp = await (await fetch(`${srv.url}/workers/${id}`, { headers: { cookie: mgr.cookie } })).text();
      assert.match(wp, /1 Feb 2030 to 3 Feb 2030: leave/);
      assert.equal((await post(`/workers/${id}/absences/remove`, { absence_id: aid })).status, 303);
      assert.equal(count(`SELECT COUNT(*) FROM worker_absences WHERE worker_id = ${id}`), 0);
    });
  });
}
