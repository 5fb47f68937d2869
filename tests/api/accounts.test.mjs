// Accounts, invitations and credentials over real HTTP (docs/SECURITY.md,
// findings 4, 5 and 7), on SQLite and, under scripts/with-postgres, on
// PostgreSQL: managers change only the accounts below them; new accounts get
// a one-time invitation link and grants of personal data are shown; a password
// change, a revocation, an expiry or a deactivation cuts access at once.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, runCli, waymarkBin } from '../lib/server.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

const PW = 'demo-password-1';
const backends = [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]];

for (const [label, dbUrl] of backends) {
  describe(`accounts on ${label}`, { skip: label === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set (run under scripts/with-postgres)' }, () => {
    let srv;
    before(async () => { srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1' } }); });
    after(async () => { await srv?.stop(); });

    const cli = async (...args) => (await runCli([...args, '--db', srv.dbPath])).stdout.trim();
    const sql = (q) => sqlRows(srv.dbPath, q);
    function userAdd(email, role, org, password = 'operator-chosen-1') {
      const r = spawnSync(waymarkBin(), ['user', 'add', '--db', srv.dbPath, '--email', email, '--name', `Test ${role}`,
        '--role', role, '--org', org, '--password-stdin'], { input: `${password}\n`, env: process.env });
      assert.equal(r.status, 0, r.stderr?.toString());
      return Number(r.stdout.toString().trim());
    }
    async function signIn(email, password = PW) {
      const res = await fetch(`${srv.url}/api/v1/session`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
      });
      const body = await res.json();
      return { status: res.status, cookie: (res.headers.get('set-cookie') || '').split(';')[0], csrf: body.csrf_token };
    }
    async function post(s, path, fields) {
      const body = new URLSearchParams({ ...fields, csrf_token: s.csrf }).toString();
      const res = await fetch(srv.url + path, {
        method: 'POST', redirect: 'manual', body,
        headers: { cookie: s.cookie || '', 'content-type': 'application/x-www-form-urlencoded' },
      });
      return { status: res.status, location: res.headers.get('location'), text: await res.text() };
    }
    async function page(s, path) {
      const res = await fetch(srv.url + path, { redirect: 'manual', headers: s?.cookie ? { cookie: s.cookie } : {} });
      return { status: res.status, text: await res.text(), cookie: (res.headers.get('set-cookie') || '').split(';')[0] };
    }
    const bearer = async (token, path = '/api/v1/referrals') =>
      (await fetch(srv.url + path, { headers: { authorization: `Bearer ${token}` } })).status;
    const userId = (email) => Number(sql(`SELECT id FROM users WHERE email = '${email}'`)[0][0]);
    const tokenId = (token, email) => Number(sql(`SELECT t.id FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE u.email = '${email}' ORDER BY t.id DESC`)[0][0]);

    test('finding 4: a provider manager changes only accounts whose role they may give, in their organisation', async () => {
      // A manager in the lead provider, beside its hub coordinators and programme lead.
      userAdd('cam.manager@example.org', 'provider_manager', 'Community Action Norfolk');
      const breckAdmin = userAdd('breck.admin@example.org', 'administrator', 'Breckland Community Support');
      const camMgr = await signIn('cam.manager@example.org', 'operator-chosen-1');
      for (const email of ['hub2@demo.waymark.test', 'lead@demo.waymark.test', 'admin@demo.waymark.test']) {
        const r = await post(camMgr, `/admin/users/${userId(email)}/deactivate`, {});
        assert.equal(r.status, 403, `${email}: ${r.status}`);
      }
      const mgr = await signIn('manager@demo.waymark.test');
      assert.equal((await post(mgr, `/admin/users/${breckAdmin}/deactivate`, {})).status, 403);
      assert.equal(sql(`SELECT active FROM users WHERE id = ${breckAdmin}`)[0][0], '1');
      // The list offers no button for those accounts.
      const list = await page(mgr, '/admin/users');
      assert.doesNotMatch(list.text, new RegExp(`/admin/users/${breckAdmin}/deactivate`));
      assert.match(list.text, new RegExp(`/admin/users/${userId('volunteer@demo.waymark.test')}/deactivate`));
      // An account an administrator deactivated stays so for the manager.
      const vol = userAdd('breck.vol@example.org', 'volunteer', 'Breckland Community Support');
      const admin = await signIn('admin@demo.waymark.test');
      assert.equal((await post(admin, `/admin/users/${vol}/deactivate`, {})).status, 303);
      assert.equal((await post(mgr, `/admin/users/${vol}/deactivate`, {})).status, 303); // nothing to change
      assert.equal((await post(mgr, `/admin/users/${vol}/activate`, {})).status, 403);
      assert.equal(sql(`SELECT active FROM users WHERE id = ${vol}`)[0][0], '0');
      assert.equal((await post(admin, `/admin/users/${vol}/activate`, {})).status, 303);
      // One the manager deactivated they may reactivate.
      assert.equal((await post(mgr, `/admin/users/${vol}/deactivate`, {})).status, 303);
      assert.equal((await post(mgr, `/admin/users/${vol}/activate`, {})).status, 303);
      assert.equal(sql(`SELECT active FROM users WHERE id = ${vol}`)[0][0], '1');
      // Another organisation's account is not there at all.
      assert.equal((await post(mgr, `/admin/users/${userId('lww3@demo.waymark.test')}/deactivate`, {})).status, 404);
    });

    test('finding 5: a new account gets a one-time invitation link, never a password chosen for it', async () => {
      const admin = await signIn('admin@demo.waymark.test');
      const form = await page(admin, '/admin/users/new');
      assert.doesNotMatch(form.text, /type="password"/);
      const org = sql("SELECT id FROM orgs WHERE name = 'Community Action Norfolk'")[0][0];
      const made = await post(admin, '/admin/users', {
        name: 'Reading Account', email: 'reader@example.org', role: 'hub_coordinator', org, password: 'admin-chosen-password',
      });
      assert.equal(made.status, 200);
      const link = made.text.match(/id="invitation-link">([^<]+)</)[1];
      const token = new URL(link).searchParams.get('token');
      assert.match(token, /^[0-9a-f]{64}$/);
      assert.equal(sql("SELECT COUNT(*) FROM invitations WHERE token_hash = '" + token + "'")[0][0], '0'); // only its hash
      // The password the administrator typed does not open the account.
      assert.equal((await signIn('reader@example.org', 'admin-chosen-password')).status, 401);
      // The grant is its own audit action, and the programme lead sees it.
      const grants = sql("SELECT detail FROM audit_events WHERE action = 'user.grant_personal_data' AND entity_id = " + userId('reader@example.org'));
      assert.deepEqual(grants, [['hub_coordinator']]);
      const lead = await signIn('lead@demo.waymark.test');
      const home = await page(lead, '/');
      assert.match(home.text, /New access to personal data/);
      assert.match(home.text, /reader@example\.org/);
      // A commissioner reads no personal data: created, but not listed as a grant.
      const c = await post(admin, '/admin/users', { name: 'Count Only', email: 'counter@example.org', role: 'commissioner', org });
      assert.equal(c.status, 200);
      assert.equal(sql("SELECT COUNT(*) FROM audit_events WHERE action = 'user.grant_personal_data' AND entity_id = " + userId('counter@example.org'))[0][0], '0');
      assert.doesNotMatch((await page(lead, '/')).text, /counter@example\.org/);
      // The invitee chooses a password through the link, once.
      const inv = await page(null, `/invitation?token=${token}`);
      assert.equal(inv.status, 200);
      const formToken = inv.text.match(/name="csrf_token" value="([^"]+)"/)[1];
      const anon = { csrf: formToken, cookie: inv.cookie }; // the token is bound to the page's pre-session cookie
      assert.equal((await post(anon, '/invitation', { token, password: 'my-own-password-1', confirm: 'different-password' })).status, 422);
      const ok = await post(anon, '/invitation', { token, password: 'my-own-password-1', confirm: 'my-own-password-1' });
      assert.equal(ok.status, 303);
      assert.equal(ok.location, '/login');
      assert.equal((await signIn('reader@example.org', 'my-own-password-1')).status, 201);
      assert.equal((await post(anon, '/invitation', { token, password: 'another-password-2', confirm: 'another-password-2' })).status, 409);
      assert.equal((await page(null, `/invitation?token=${token}`)).status, 409);
      assert.equal((await page(null, `/invitation?token=${'0'.repeat(64)}`)).status, 404);
      // A link past its 7 days does not work.
      const late = await post(admin, '/admin/users', { name: 'Late Person', email: 'late@example.org', role: 'volunteer', org });
      const lateToken = new URL(late.text.match(/id="invitation-link">([^<]+)</)[1]).searchParams.get('token');
      const days = Number(sql(`SELECT expires_at - created_at FROM invitations WHERE user_id = ${userId('late@example.org')}`)[0][0]) / 86400;
      assert.equal(days, 7);
      sql(`UPDATE invitations SET expires_at = created_at - 1 WHERE user_id = ${userId('late@example.org')}`);
      assert.equal((await post(anon, '/invitation', { token: lateToken, password: 'too-late-password', confirm: 'too-late-password' })).status, 409);
    });

    test('finding 7: tokens expire, are listed and revoked; the next request is 401', async () => {
      const token = await cli('token', 'create', '--user', 'hub@demo.waymark.test', '--name', 'sync', '--days', '2');
      assert.equal(await bearer(token), 200);
      const id = tokenId(token, 'hub@demo.waymark.test');
      const listed = await cli('token', 'list', '--user', 'hub@demo.waymark.test');
      assert.match(listed, new RegExp(`^${id}\\thub@demo\\.waymark\\.test\\tsync\\t.*\\tlive$`, 'm'));
      const [[made, ends]] = sql(`SELECT created_at, expires_at FROM api_tokens WHERE id = ${id}`);
      assert.equal(Number(ends) - Number(made), 2 * 86400);
      const dflt = await cli('token', 'create', '--user', 'hub@demo.waymark.test', '--name', 'default');
      const [[m2, e2]] = sql(`SELECT created_at, expires_at FROM api_tokens WHERE id = ${tokenId(dflt, 'hub@demo.waymark.test')}`);
      assert.equal(Number(e2) - Number(m2), 90 * 86400);
      await cli('token', 'revoke', String(id));
      assert.equal(await bearer(token), 401);
      assert.match(await cli('token', 'list'), new RegExp(`^${id}\\t.*\\trevoked$`, 'm'));
      // Expired: 401 on the very next request.
      assert.equal(await bearer(dflt), 200);
      sql(`UPDATE api_tokens SET expires_at = created_at WHERE id = ${tokenId(dflt, 'hub@demo.waymark.test')}`);
      assert.equal(await bearer(dflt), 401);
    });

    test('finding 7: the account page lists and revokes a user\'s own tokens; the administrator anyone\'s', async () => {
      const mine = await cli('token', 'create', '--user', 'lww@demo.waymark.test', '--name', 'laptop');
      const theirs = await cli('token', 'create', '--user', 'lww2@demo.waymark.test', '--name', 'other-laptop');
      const mineId = tokenId(mine, 'lww@demo.waymark.test');
      const theirsId = tokenId(theirs, 'lww2@demo.waymark.test');
      const lww = await signIn('lww@demo.waymark.test');
      const acct = await page(lww, '/account');
      assert.equal(acct.status, 200);
      assert.match(acct.text, /laptop/);
      assert.doesNotMatch(acct.text, /other-laptop/);
      assert.equal((await post(lww, '/account/tokens/revoke', { id: theirsId })).status, 404);
      assert.equal(await bearer(theirs, '/api/v1/cases'), 200);
      assert.equal((await post(lww, '/account/tokens/revoke', { id: mineId })).status, 303);
      assert.equal(await bearer(mine, '/api/v1/cases'), 401);
      const admin = await signIn('admin@demo.waymark.test');
      assert.match((await page(admin, '/account')).text, /other-laptop/);
      assert.equal((await post(admin, '/account/tokens/revoke', { id: theirsId })).status, 303);
      assert.equal(await bearer(theirs, '/api/v1/cases'), 401);
      assert.equal(sql(`SELECT COUNT(*) FROM audit_events WHERE action = 'token.revoke' AND entity_id IN (${mineId}, ${theirsId})`)[0][0], '2');
    });

    test('finding 7: changing the password ends the other sessions and revokes the tokens', async () => {
      const token = await cli('token', 'create', '--user', 'support@demo.waymark.test', '--name', 'script');
      const other = await signIn('support@demo.waymark.test');
      const me = await signIn('support@demo.waymark.test');
      assert.equal((await page(me, '/account/password')).status, 200);
      const wrong = await post(me, '/account/password', { current_password: 'not-my-password', password: 'brand-new-password', confirm: 'brand-new-password' });
      assert.equal(wrong.status, 422);
      assert.match(wrong.text, /current password is not right/);
      assert.equal(await bearer(token, '/api/v1/cases'), 200);
      const ok = await post(me, '/account/password', { current_password: PW, password: 'brand-new-password', confirm: 'brand-new-password' });
      assert.equal(ok.status, 303);
      assert.equal(await bearer(token, '/api/v1/cases'), 401);
      assert.equal((await page(other, '/account')).status, 303); // signed out: to the sign-in page
      assert.equal((await page(me, '/account')).status, 200);
      assert.equal((await signIn('support@demo.waymark.test')).status, 401);
      assert.equal((await signIn('support@demo.waymark.test', 'brand-new-password')).status, 201);
      // `waymark user passwd` does the same, for every session.
      const t2 = await cli('token', 'create', '--user', 'support@demo.waymark.test', '--name', 'script2');
      const s2 = await signIn('support@demo.waymark.test', 'brand-new-password');
      const r = spawnSync(waymarkBin(), ['user', 'passwd', '--db', srv.dbPath, '--email', 'support@demo.waymark.test'],
        { input: 'operator-reset-pw\n', env: process.env });
      assert.equal(r.status, 0, r.stderr?.toString());
      assert.equal(await bearer(t2, '/api/v1/cases'), 401);
      assert.equal((await page(s2, '/account')).status, 303);
      assert.equal(sql(`SELECT COUNT(*) FROM audit_events WHERE action = 'user.password' AND entity_id = ${userId('support@demo.waymark.test')}`)[0][0], '2');
    });

    // Each server thread keeps resolved tokens in a cache (http/token_cache.c);
    // a change made by another process, even by hand in SQL, must reach the
    // very next request through the auth generation (migration 160).
    test('a cached bearer token follows its user at once: role, deactivation and deletion of the token by SQL', async () => {
      const token = await cli('token', 'create', '--user', 'lww@demo.waymark.test', '--name', 'cache');
      // Warm every thread's cache (several requests, several threads).
      for (let i = 0; i < 8; i++) assert.equal(await bearer(token, '/api/v1/cases'), 200);
      assert.equal(await bearer(token, '/api/v1/triage/queue'), 403);
      const uid = userId('lww@demo.waymark.test');
      sql(`UPDATE users SET role = 'hub_coordinator' WHERE id = ${uid}`);
      assert.equal(await bearer(token, '/api/v1/triage/queue'), 200);
      sql(`UPDATE users SET role = 'link_worker' WHERE id = ${uid}`);
      assert.equal(await bearer(token, '/api/v1/triage/queue'), 403);
      sql(`UPDATE users SET active = 0 WHERE id = ${uid}`);
      for (let i = 0; i < 4; i++) assert.equal(await bearer(token, '/api/v1/cases'), 401);
      sql(`UPDATE users SET active = 1 WHERE id = ${uid}`);
      assert.equal(await bearer(token, '/api/v1/cases'), 200);
      sql(`DELETE FROM api_tokens WHERE id = ${tokenId(token, 'lww@demo.waymark.test')}`);
      for (let i = 0; i < 4; i++) assert.equal(await bearer(token, '/api/v1/cases'), 401);
    });

    test('finding 7: deactivation revokes tokens and reactivation does not bring them back', async () => {
      const token = await cli('token', 'create', '--user', 'volco@demo.waymark.test', '--name', 'rota');
      assert.equal(await bearer(token, '/api/v1/volunteers'), 200);
      const mgr = await signIn('manager@demo.waymark.test');
      const id = userId('volco@demo.waymark.test');
      assert.equal((await post(mgr, `/admin/users/${id}/deactivate`, {})).status, 303);
      assert.equal(await bearer(token, '/api/v1/volunteers'), 401);
      assert.equal((await post(mgr, `/admin/users/${id}/activate`, {})).status, 303);
      assert.equal(await bearer(token, '/api/v1/volunteers'), 401);
      assert.equal((await signIn('volco@demo.waymark.test')).status, 201);
    });
  });
}
