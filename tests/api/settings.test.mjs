// Settings over real HTTP on SQLite and PostgreSQL: GET/PATCH /api/v1/settings (programme lead and
// administrator only), bad values refused naming the key with nothing stored, every change audited with
// its old and new value; the settings page; the hub's phone on the public pages; followup_counts_weekends
// followed by `waymark sla due` and the self-referral page.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, runCli } from '../lib/server.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

const PW = 'demo-password-1';
const backends = [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]];

for (const [label, dbUrl] of backends) {
  describe(`settings on ${label}`, { skip: label === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set (run under scripts/with-postgres)' }, () => {
    let srv;
    before(async () => { srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1' } }); });
    after(async () => { await srv?.stop(); });
    const sql = (q) => sqlRows(srv.dbPath, q);

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
    const audits = () => sql("SELECT detail FROM audit_events WHERE action = 'setting.change' ORDER BY id").map((r) => r[0]);

    test('GET lists every setting with its default; other roles are refused', async () => {
      const lead = await signIn('lead@demo.waymark.test');
      const r = await api(lead, 'GET', '/api/v1/settings');
      assert.equal(r.status, 200);
      assert.equal(r.body.settings.dropout_attempts, 3);
      assert.equal(r.body.settings.worker_clients_per_fte, 200);
      assert.equal(r.body.settings.sla_bank_holidays, true);
      assert.equal(r.body.settings.followup_counts_weekends, false);
      assert.equal(r.body.settings.hub_phone, '');
      const f = r.body.fields.find((x) => x.key === 'dropout_attempts');
      assert.deepEqual([f.kind, f.min, f.max, f.default], ['integer', 1, 100, 3]);
      const admin = await signIn('admin@demo.waymark.test');
      assert.equal((await api(admin, 'GET', '/api/v1/settings')).status, 200);
      for (const who of ['hub@demo.waymark.test', 'manager@demo.waymark.test']) {
        const s = await signIn(who);
        assert.equal((await api(s, 'GET', '/api/v1/settings')).status, 403, who);
        assert.equal((await api(s, 'PATCH', '/api/v1/settings', { dropout_attempts: 4 })).status, 403, who);
      }
    });

    test('bad values are refused naming the key, and nothing is stored', async () => {
      const lead = await signIn('lead@demo.waymark.test');
      const before = audits().length;
      const bad = [
        [{ dropout_attempts: 0 }, 'dropout_attempts'],
        [{ dropout_attempts: 'lots' }, 'dropout_attempts'],
        [{ worker_clients_per_fte: 1.5 }, 'worker_clients_per_fte'],
        [{ followup_counts_weekends: 'maybe' }, 'followup_counts_weekends'],
        [{ hub_phone: 'ring us' }, 'hub_phone'],
        [{ hub_email: 'not-an-email' }, 'hub_email'],
        [{ hub_hours: ['9', '5'] }, 'hub_hours'],
        [{ no_such_setting: 1 }, 'no_such_setting'],
        // one good and one bad: neither is stored
        [{ hub_phone: '01603 000000', dropout_attempts: 101 }, 'dropout_attempts'],
      ];
      for (const [body, key] of bad) {
        const r = await api(lead, 'PATCH', '/api/v1/settings', body);
        assert.equal(r.status, 422, JSON.stringify(body));
        assert.ok(r.body.errors.some((e) => e.field === key), `${JSON.stringify(body)}: ${JSON.stringify(r.body)}`);
      }
      assert.equal((await api(lead, 'PATCH', '/api/v1/settings', {})).status, 422);
      assert.equal(audits().length, before);
      assert.equal(sql("SELECT COUNT(*) FROM settings WHERE key IN ('hub_phone', 'dropout_attempts')")[0][0], '0');
    });

    test('a change is stored, audited with old and new value, and shown on the public pages', async () => {
      const lead = await signIn('lead@demo.waymark.test');
      const r = await api(lead, 'PATCH', '/api/v1/settings',
        { hub_phone: '01603 555 0100', dropout_attempts: '4', hub_hours: 'Monday to Friday, 9am to 5pm' });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.changed, 3);
      assert.equal(r.body.settings.dropout_attempts, 4);
      const a = audits();
      assert.ok(a.includes('hub_phone: "" -> "01603 555 0100"'), a.join('\n'));
      assert.ok(a.includes('dropout_attempts: "3" -> "4"'), a.join('\n'));
      // The same value again changes nothing and audits nothing.
      const n = a.length;
      assert.equal((await api(lead, 'PATCH', '/api/v1/settings', { dropout_attempts: 4 })).body.changed, 0);
      assert.equal(audits().length, n);
      for (const path of ['/self-referral', '/']) {
        const html = await (await fetch(srv.url + path)).text();
        assert.match(html, /01603 555 0100/, path);
        assert.match(html, /href="tel:016035550100"/, path);
        assert.match(html, /Monday to Friday, 9am to 5pm/, path);
      }
      assert.equal((await runCli(['settings', 'list', '--db', srv.dbPath])).stdout.split('\n')
        .find((l) => l.startsWith('hub_phone\t')), 'hub_phone\t01603 555 0100');
    });

    test('followup_counts_weekends: waymark sla due and the self-referral page follow the change at once', async () => {
      const lead = await signIn('lead@demo.waymark.test');
      assert.equal((await api(lead, 'PATCH', '/api/v1/settings', { followup_counts_weekends: true })).status, 200);
      const due = (await runCli(['sla', 'due', '--db', srv.dbPath, '--received', '2026-12-04T16:00:00Z'])).stdout;
      assert.equal(due, '2026-12-05T16:00:00Z\n');
      const html = await (await fetch(`${srv.url}/self-referral`)).text();
      assert.doesNotMatch(html, /not counting weekends/);
      assert.equal((await api(lead, 'PATCH', '/api/v1/settings', { followup_counts_weekends: false })).status, 200);
      assert.match(await (await fetch(`${srv.url}/self-referral`)).text(), /not counting weekends/);
    });

    test('the settings page saves and names a bad value in the error summary', async () => {
      const admin = await signIn('admin@demo.waymark.test');
      const get = await fetch(`${srv.url}/settings`, { headers: { cookie: admin.cookie } });
      assert.equal(get.status, 200);
      const post = (fields) => fetch(`${srv.url}/settings`, {
        method: 'POST', redirect: 'manual',
        headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...fields, csrf_token: admin.csrf }).toString(),
      });
      const bad = await post({ dropout_attempts: '500', hub_email: 'hub@nhs.example' });
      assert.equal(bad.status, 422);
      const text = await bad.text();
      assert.match(text, /nhsuk-error-summary/);
      assert.match(text, /dropout_attempts must be a whole number from 1 to 100/);
      assert.equal(sql("SELECT COUNT(*) FROM settings WHERE key = 'hub_email'")[0][0], '0');
      const ok = await post({ dropout_attempts: '5', hub_email: 'hub@nhs.example' });
      assert.equal(ok.status, 303);
      assert.equal(sql("SELECT value FROM settings WHERE key = 'hub_email'")[0][0], 'hub@nhs.example');
    });
  });
}
