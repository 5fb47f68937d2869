// The outside security test's HTTP findings (docs/SECURITY.md 3, 8, 9, 10a),
// each over real HTTP, on SQLite and (with WAYMARK_TEST_PG_URL) PostgreSQL:
// sign-in CSRF, lockout that told who has an account, what failed sign-ins
// and signed-out floods leave in the audit trail, /metrics and /healthz,
// slow and ambiguous requests, connections per address, TLS deployments.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startServer } from '../lib/server.mjs';
import { sqlInt, sqlRows } from '../lib/dbcheck.mjs';

const PW = 'demo-password-1';
const HUB = 'hub@demo.waymark.test';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const cookieOf = (res) => (res.headers.get('set-cookie') || '').split(';')[0];

/** The sign-in page: its form token and the pre-session cookie it set. */
async function loginForm(url, headers = {}) {
  const res = await fetch(`${url}/login`, { headers });
  const html = await res.text();
  return { token: /name="csrf_token" value="([^"]+)"/.exec(html)[1], cookie: cookieOf(res), raw: res.headers.get('set-cookie') };
}

function postLogin(url, body, headers) {
  return fetch(`${url}/login`, { method: 'POST', headers, body, redirect: 'manual' });
}

function signIn(url, email, password, addr) {
  return fetch(`${url}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': addr }, body: JSON.stringify({ email, password }),
  });
}

/** Opens a TCP connection; resolves with the socket and a promise of its closing. */
function open(port) {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port });
    const closed = new Promise((r) => s.on('close', () => r(Date.now())));
    const data = [];
    s.on('data', (d) => data.push(d));
    s.on('error', () => {});
    s.on('connect', () => resolve({ s, closed, text: () => Buffer.concat(data).toString('latin1') }));
    s.on('error', reject);
  });
}

function suite(label, dbUrl) {
  describe(label, () => {
    let srv;
    before(async () => {
      srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1' }, args: ['--trusted-proxy', '127.0.0.1'] });
    });
    after(async () => { await srv?.stop(); });
    const db = () => srv.dbPath;

    test('3: a cross-site text/plain form cannot sign a browser in', async () => {
      const f = await loginForm(srv.url);
      const body = `email=${encodeURIComponent(HUB)}&password=${PW}&csrf_token=${encodeURIComponent(f.token)}`;
      // What a page elsewhere can send without a preflight: no cookie
      // (SameSite=Strict), any content type.
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
        const res = await postLogin(srv.url, body, { 'content-type': type });
        assert.equal(res.status, 403, type);
        assert.doesNotMatch(res.headers.get('set-cookie') || '', /wm_session=[0-9a-f]/, type);
      }
      // Even with the browser's own cookie, a text/plain body is not a form.
      const plain = await postLogin(srv.url, body, { 'content-type': 'text/plain', cookie: f.cookie });
      assert.equal(plain.status, 403);
    });

    test('3: a form token is bound to the browser it was shown to', async () => {
      const attacker = await loginForm(srv.url);
      const victim = await loginForm(srv.url);
      assert.match(attacker.raw, /HttpOnly/);
      assert.match(attacker.raw, /SameSite=Strict/);
      assert.notEqual(attacker.cookie, victim.cookie);
      const body = (t) => `email=${encodeURIComponent(HUB)}&password=${PW}&csrf_token=${encodeURIComponent(t)}`;
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      const stolen = await postLogin(srv.url, body(attacker.token), { ...form, cookie: victim.cookie });
      assert.equal(stolen.status, 403);
      const own = await postLogin(srv.url, body(victim.token), { ...form, cookie: victim.cookie });
      assert.equal(own.status, 303);
      assert.match(own.headers.get('set-cookie'), /wm_session=[0-9a-f]{64}/);
      // The same holds for the other signed-out form.
      const self = await fetch(`${srv.url}/self-referral`, {
        method: 'POST', headers: { 'content-type': 'text/plain', cookie: victim.cookie }, body: `csrf_token=${victim.token}`,
      });
      assert.equal(self.status, 403);
    });

    test('8: an attacked account answers exactly as a wrong password, and is not locked', async () => {
      // Seven wrong guesses get through, the last ones only after growing
      // waits (1 s, then 2 s); the next must wait 4 s.
      const guesses = [];
      for (let i = 0; guesses.filter((g) => g === 401).length < 7; i++) {
        guesses.push((await signIn(srv.url, HUB, `guess-${i}`, '198.51.100.7')).status);
        if (guesses.at(-1) === 429) await sleep(250);
      }
      assert.deepEqual(guesses.slice(0, 5), [401, 401, 401, 401, 401]);
      assert.ok(guesses.includes(429), guesses.join(','));
      // The attacking address waits, for any account; the person does not.
      const again = await signIn(srv.url, 'nobody-here@demo.waymark.test', 'wrong', '198.51.100.7');
      assert.equal(again.status, 429);
      const attacked = await signIn(srv.url, HUB, 'wrong', '198.51.100.8');
      const unknown = await signIn(srv.url, 'nobody-here@demo.waymark.test', 'wrong', '198.51.100.9');
      assert.equal(attacked.status, 401);
      assert.equal(unknown.status, 401);
      assert.deepEqual(await attacked.json(), await unknown.json());
      assert.equal((await signIn(srv.url, HUB, PW, '198.51.100.10')).status, 201);
    });

    test('9: a password typed as the email is not kept in the audit trail', async () => {
      const typed = 'Sup3r-secret-typed-in-the-wrong-box';
      assert.equal((await signIn(srv.url, typed, 'x', '203.0.113.5')).status, 401);
      assert.equal((await signIn(srv.url, HUB, 'x', '203.0.113.6')).status, 401);
      const rows = sqlRows(db(), "SELECT entity_id, detail, addr FROM audit_events WHERE action = 'login.fail' AND addr LIKE '203.0.113.%' ORDER BY id");
      assert.equal(JSON.stringify(rows).includes(typed), false, JSON.stringify(rows));
      const hubId = sqlRows(db(), `SELECT id FROM users WHERE email = '${HUB}'`)[0][0];
      assert.deepEqual(rows, [['0', 'unknown account', '203.0.113.5'], [hubId, '', '203.0.113.6']]);
    });

    test('9: a flood of signed-out requests adds one audit event per address a minute, with a count', async () => {
      const since = sqlInt(db(), 'SELECT MAX(id) FROM audit_events');
      const flood = (addr) => fetch(`${srv.url}/api/v1/referrals`, { headers: { 'x-forwarded-for': addr } }).then((r) => r.arrayBuffer());
      for (let i = 0; i < 300; i += 30) await Promise.all(Array.from({ length: 30 }, () => flood('192.0.2.200')));
      await flood('192.0.2.201');
      const added = sqlRows(db(), `SELECT action, addr FROM audit_events WHERE id > ${since} ORDER BY id`);
      assert.deepEqual(added, [['deny', '192.0.2.200'], ['deny', '192.0.2.201']]);
    });

    test('9: /metrics needs an administrator and /healthz gives no build version', async () => {
      const anon = await fetch(`${srv.url}/metrics`, { redirect: 'manual' });
      assert.equal(anon.status, 303); // to the sign-in page, as every page is
      assert.doesNotMatch(await anon.text(), /waymark_http/);
      const gp = await signIn(srv.url, 'gp@demo.waymark.test', PW, '192.0.2.30');
      const gpCookie = cookieOf(gp);
      assert.equal((await fetch(`${srv.url}/metrics`, { headers: { cookie: gpCookie } })).status, 403);
      const admin = await signIn(srv.url, 'admin@demo.waymark.test', PW, '192.0.2.31');
      const m = await fetch(`${srv.url}/metrics`, { headers: { cookie: cookieOf(admin) } });
      assert.equal(m.status, 200);
      assert.match(await m.text(), /waymark_http_requests_total/);
      const h = await (await fetch(`${srv.url}/healthz`)).json();
      assert.deepEqual(Object.keys(h).sort(), ['db', 'status']);
    });

    test('9: a request with both Content-Length and Transfer-Encoding is refused with 400', async () => {
      const c = await open(srv.port);
      const body = '{"email":"x","password":"y"}';
      c.s.write(`POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n` +
        `Transfer-Encoding: chunked\r\n\r\n${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`);
      await Promise.race([c.closed, sleep(3000)]);
      c.s.destroy();
      assert.match(c.text(), /^HTTP\/1\.1 400 /);
    });

    test('10a: the audit address is the one a trusted proxy reports', async () => {
      await signIn(srv.url, 'nobody@example.org', 'x', '192.0.2.77');
      assert.equal(sqlInt(db(), "SELECT COUNT(*) FROM audit_events WHERE addr = '192.0.2.77'"), 1);
    });
  });

  describe(`${label}: limits on connections`, () => {
    let srv;
    before(async () => {
      srv = await startServer({ dbUrl, demo: false, args: ['--request-deadline', '3', '--max-conns-per-addr', '3'] });
    });
    after(async () => { await srv?.stop(); });

    test('9: a client trickling header lines is cut off at the request deadline', async () => {
      const c = await open(srv.port);
      const t0 = Date.now();
      c.s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
      const trickle = setInterval(() => { if (!c.s.destroyed) c.s.write(`X-Slow-${Date.now()}: 1\r\n`); }, 1000);
      const closedAt = await Promise.race([c.closed, sleep(12000).then(() => 0)]);
      clearInterval(trickle);
      c.s.destroy();
      assert.ok(closedAt, 'still open after 12 s of trickling');
      assert.ok(closedAt - t0 < 7000, `closed after ${closedAt - t0} ms`);
    });

    test('9: connections beyond the per-address limit are refused', async () => {
      // Its own server with the default request deadline, so that the held
      // connections cannot be cut off by the 3 s deadline on a slow (ASan) run.
      const own = await startServer({ dbUrl, demo: false, init: !dbUrl, args: ['--max-conns-per-addr', '3'] });
      try {
        const held = [];
        for (let i = 0; i < 3; i++) held.push(await open(own.port));
        await sleep(300); /* the server has accepted them */
        const extra = await open(own.port);
        extra.s.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
        await Promise.race([extra.closed, sleep(3000)]);
        extra.s.destroy();
        assert.doesNotMatch(extra.text(), /^HTTP\/1\.1 200/);
        for (const h of held) h.s.destroy();
        await sleep(200);
        assert.equal((await fetch(`${own.url}/healthz`)).status, 200);
      } finally {
        await own.stop();
      }
    });

    test('10a: X-Forwarded-For from an untrusted peer is ignored', async () => {
      await fetch(`${srv.url}/api/v1/referrals`, { headers: { 'x-forwarded-for': '192.0.2.99' } }).then((r) => r.arrayBuffer());
      assert.equal(sqlInt(srv.dbPath, "SELECT COUNT(*) FROM audit_events WHERE addr = '192.0.2.99'"), 0);
    });
  });

  describe(`${label}: behind TLS`, () => {
    let srv;
    before(async () => {
      srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1' }, args: ['--behind-tls'] });
    });
    after(async () => { await srv?.stop(); });

    test('10a: --behind-tls sets Secure __Host- cookies and Strict-Transport-Security', async () => {
      const f = await loginForm(srv.url);
      assert.match(f.raw, /^__Host-wm_pre=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+; Secure$/);
      const res = await fetch(`${srv.url}/api/v1/session`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: HUB, password: PW }),
      });
      assert.equal(res.status, 201);
      assert.match(res.headers.get('strict-transport-security'), /max-age=\d+/);
      const raw = res.headers.get('set-cookie');
      assert.match(raw, /^__Host-wm_session=[0-9a-f]{64}; Path=\/;.*; Secure$/);
      const home = await (await fetch(`${srv.url}/`, { headers: { cookie: cookieOf(res) } })).text();
      assert.match(home, /Hana Hughes/);
      // The bare name is not a session any more.
      const bare = await (await fetch(`${srv.url}/`, { headers: { cookie: cookieOf(res).replace('__Host-', '') } })).text();
      assert.doesNotMatch(bare, /Hana Hughes/);
      // The pre-session cookie binds the sign-in form under its new name too.
      const ok = await postLogin(srv.url, `email=${encodeURIComponent(HUB)}&password=${PW}&csrf_token=${encodeURIComponent(f.token)}`,
        { 'content-type': 'application/x-www-form-urlencoded', cookie: f.cookie });
      assert.equal(ok.status, 303);
    });
  });
}

suite('SQLite');
if (process.env.WAYMARK_TEST_PG_URL) suite('PostgreSQL', process.env.WAYMARK_TEST_PG_URL);
else test('PostgreSQL (WAYMARK_TEST_PG_URL not set)', { skip: 'WAYMARK_TEST_PG_URL not set' }, () => {});
