// Sign-in, sessions, CSRF, throttling, tokens and the audit chain, over real HTTP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, runCli } from '../lib/server.mjs';

let srv;
// Behind a "proxy" on loopback, so each test can sign in from its own address.
before(async () => { srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' }, args: ['--trusted-proxy', '127.0.0.1'] }); });
after(async () => { await srv?.stop(); });

async function signIn(email, password = 'demo-password-1', addr = '192.0.2.1') {
  const res = await fetch(`${srv.url}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': addr }, body: JSON.stringify({ email, password }),
  });
  const body = await res.json();
  return { res, body, cookie: (res.headers.get('set-cookie') || '').split(';')[0] };
}

test('unauthenticated API read is 401 problem+json', async () => {
  const res = await fetch(`${srv.url}/api/v1/referrals`);
  assert.equal(res.status, 401);
  assert.match(res.headers.get('content-type'), /application\/problem\+json/);
});

test('sign-in sets an HttpOnly SameSite cookie, returns a CSRF token, and rotates the session', async () => {
  const a = await signIn('hub@demo.waymark.test');
  assert.equal(a.res.status, 201);
  assert.match(a.body.csrf_token, /^[0-9a-f]{64}$/);
  const raw = a.res.headers.get('set-cookie');
  assert.match(raw, /HttpOnly/);
  assert.match(raw, /SameSite=Strict/);
  const b = await signIn('hub@demo.waymark.test');
  assert.notEqual(a.cookie, b.cookie);
  const home = await (await fetch(`${srv.url}/`, { headers: { cookie: b.cookie } })).text();
  assert.match(home, /Hana Hughes/);
});

test('wrong password and unknown account get the same 401', async () => {
  const wrong = await signIn('lead@demo.waymark.test', 'not the password');
  const unknown = await signIn('nobody@demo.waymark.test', 'not the password');
  assert.equal(wrong.res.status, 401);
  assert.equal(unknown.res.status, 401);
  assert.deepEqual(wrong.body, unknown.body);
});

test('wrong passwords in a row from one address are throttled with growing waits and a clear message', async () => {
  // Five cost nothing; then each further failure is let through only after
  // a wait that doubles (1 s, 2 s): seven failures, then the next waits 4 s.
  const statuses = [];
  let last;
  for (let i = 0; statuses.filter((s) => s === 401).length < 7; i++) {
    last = await signIn('socialcare@demo.waymark.test', `wrong-${i}`, '192.0.2.66');
    statuses.push(last.res.status);
    if (last.res.status === 429) await new Promise((r) => setTimeout(r, 250));
  }
  assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401], statuses.join(','));
  assert.ok(statuses.includes(429), statuses.join(','));
  last = await signIn('socialcare@demo.waymark.test', 'wrong-again', '192.0.2.66');
  assert.equal(last.res.status, 429);
  assert.match(last.body.detail, /Too many failed sign-in attempts/);
  // That address waits, even with the right password; the account itself
  // is not locked (nobody can lock a named person out): from elsewhere it
  // signs in at once.
  assert.equal((await signIn('socialcare@demo.waymark.test', 'demo-password-1', '192.0.2.66')).res.status, 429);
  assert.equal((await signIn('socialcare@demo.waymark.test', 'demo-password-1', '192.0.2.67')).res.status, 201);
});

test('a form post without its CSRF token is 403; with it, it goes through', async () => {
  const s = await signIn('admin@demo.waymark.test');
  const form = 'name=New+Person&email=new.person%40example.org&role=volunteer&org=1&password=long-enough-password';
  const bad = await fetch(`${srv.url}/admin/users`, {
    method: 'POST', headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: form, redirect: 'manual',
  });
  assert.equal(bad.status, 403);
  const wrong = await fetch(`${srv.url}/admin/users`, {
    method: 'POST', headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: `${form}&csrf_token=${'0'.repeat(64)}`, redirect: 'manual',
  });
  assert.equal(wrong.status, 403);
  const good = await fetch(`${srv.url}/admin/users`, {
    method: 'POST', headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: `${form}&csrf_token=${s.body.csrf_token}`, redirect: 'manual',
  });
  // The page with the new account's one-time invitation link (docs/SECURITY.md, finding 5).
  assert.equal(good.status, 200);
});

test('cookie-authenticated JSON writes need X-CSRF-Token', async () => {
  const s = await signIn('lead@demo.waymark.test');
  const bad = await fetch(`${srv.url}/api/v1/session`, { method: 'DELETE', headers: { cookie: s.cookie } });
  assert.equal(bad.status, 403);
  const good = await fetch(`${srv.url}/api/v1/session`, {
    method: 'DELETE', headers: { cookie: s.cookie, 'x-csrf-token': s.body.csrf_token },
  });
  assert.equal(good.status, 204);
  // The session is over: the cookie no longer signs anyone in.
  const after = await (await fetch(`${srv.url}/`, { headers: { cookie: s.cookie } })).text();
  assert.doesNotMatch(after, /Priya Lambert/);
});

test('API tokens: bearer works, a wrong token is 401, and the audit trail records it all', async () => {
  const { stdout } = await runCli(['token', 'create', '--db', srv.dbPath, '--user', 'admin@demo.waymark.test', '--name', 'test']);
  const token = stdout.trim();
  assert.match(token, /^wm_[0-9a-f]{64}$/);
  const ok = await fetch(`${srv.url}/audit`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(ok.status, 200);
  const page = await ok.text();
  // Actions are shown in words (core/audit_label.c): login.fail and login.ok.
  assert.match(page, /Sign-in failed/);
  assert.match(page, /Signed in/);
  const bad = await fetch(`${srv.url}/audit`, { headers: { authorization: 'Bearer wm_nope' } });
  assert.equal(bad.status, 401);
  const denied = await fetch(`${srv.url}/audit`, {
    headers: { authorization: `Bearer ${(await runCli(['token', 'create', '--db', srv.dbPath, '--user', 'gp@demo.waymark.test', '--name', 't'])).stdout.trim()}` },
  });
  assert.equal(denied.status, 403);
});

test('audit verify passes untouched and names the event edited in the database', async () => {
  const ok = await runCli(['audit', 'verify', '--db', srv.dbPath]);
  assert.match(ok.stdout, /audit chain intact: \d+ events verified/);
  execFileSync('sqlite3', [srv.dbPath, "UPDATE audit_events SET addr = '10.9.9.9' WHERE id = 3"]);
  await assert.rejects(runCli(['audit', 'verify', '--db', srv.dbPath]), /BROKEN at event 3\b/);
});
