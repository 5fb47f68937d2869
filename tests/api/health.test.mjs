// Over real HTTP against a started server: health, problem+json 404s, body
// limits, static files without path traversal, security headers, metrics.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, repoRoot, runCli, waymarkBin } from '../lib/server.mjs';
import { rawGet, postLargeBody } from '../lib/http.mjs';

let server;
const seen = []; // every response's headers, checked for security headers at the end

before(async () => { server = await startServer({ demo: false }); });
after(async () => { await server?.stop(); });

async function get(p, init) {
  const res = await fetch(`${server.url}${p}`, init);
  const body = await res.text();
  seen.push({ what: `${init?.method || 'GET'} ${p}`, status: res.status, headers: Object.fromEntries(res.headers) });
  return { res, body };
}

function record(what, r) {
  seen.push({ what, status: r.status, headers: r.headers });
  return r;
}

async function assertHealthy(after) {
  const { res, body } = await get('/healthz');
  assert.equal(res.status, 200, `/healthz after ${after}: ${body}`);
}

test('GET /healthz reports ok and the database kind, and not the build version', async () => {
  const { res, body } = await get('/healthz');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/json/);
  const j = JSON.parse(body);
  assert.deepEqual(j, { status: 'ok', db: 'sqlite' });
});

test('an unknown path is a 404 application/problem+json', async () => {
  const { res, body } = await get('/no/such/page');
  assert.equal(res.status, 404);
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
  const j = JSON.parse(body);
  assert.equal(j.status, 404);
  assert.equal(typeof j.title, 'string');
});

test('an unknown API path is a 404 problem+json too', async () => {
  const { res, body } = await get('/api/v1/no-such-thing');
  assert.equal(res.status, 404);
  assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal(JSON.parse(body).status, 404);
});

test('a 10 MB body (Content-Length) gets 413 and the server keeps serving', async () => {
  const r = record('POST 10 MB', await postLargeBody(server.url, '/api/v1/referrals', 10 * 1024 * 1024));
  assert.equal(r.status, 413, `${r.statusLine}\n${r.body}`);
  await assertHealthy('a 10 MB body');
});

test('a 10 MB chunked body gets 413 and the server keeps serving', async () => {
  const r = record('POST 10 MB chunked', await postLargeBody(server.url, '/api/v1/referrals', 10 * 1024 * 1024, { framing: 'chunked' }));
  assert.equal(r.status, 413, `${r.statusLine}\n${r.body}`);
  await assertHealthy('a 10 MB chunked body');
});

test('static files are served with caching headers', async () => {
  const { res, body } = await get('/static/css/nhsuk.min.css');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/css/);
  assert.ok(res.headers.get('cache-control'), 'cache-control on static files');
  assert.ok(body.includes('.nhsuk-header'));
  const icon = await get('/static/assets/images/nhsuk-icon-cross.svg');
  assert.equal(icon.res.status, 200, 'icon referenced by the CSS resolves');
  assert.match(icon.res.headers.get('content-type'), /^image\/svg\+xml/);
  const js = await get('/static/js/nhsuk.min.js');
  assert.equal(js.res.status, 200);
  assert.match(js.res.headers.get('content-type'), /javascript/);
});

const makefile = readFileSync(path.join(repoRoot, 'Makefile'), 'utf8');
const makefileMarker = makefile.split('\n').find((l) => l.trim().length > 20) ?? makefile.slice(0, 40);
const passwdMarker = 'root:x:0:0';

const traversals = [
  '/static/../Makefile',
  '/static/%2e%2e/Makefile',
  '/static/..%2fMakefile',
  '/static/%2e%2e%2fMakefile',
  '/static/css/../../../Makefile',
  '/static/css/..%2f..%2f..%2fMakefile',
  '/static/..%5cMakefile',
  '/static/....//Makefile',
  '/static/%252e%252e/Makefile',
  '/static/../../../../../../etc/passwd',
  '/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '/static//etc/passwd',
  '/static/%2fetc%2fpasswd',
  '/static/..%00/Makefile',
  '/../Makefile',
  '/Makefile',
];

for (const target of traversals) {
  test(`GET ${target} does not leak a file`, async () => {
    const r = record(`raw GET ${target}`, await rawGet(server.url, target));
    const leaked = r.body.includes(makefileMarker) || r.body.includes('.PHONY') || r.body.includes(passwdMarker);
    assert.ok(!leaked, `${target} answered ${r.status} with the file's content`);
    assert.notEqual(r.status, 200, `${target} answered 200`);
    await assertHealthy(target);
  });
}

test('GET /metrics is Prometheus text with request counters, for an administrator only', async () => {
  const anon = await get('/metrics', { redirect: 'manual' });
  assert.equal(anon.res.status, 303);
  assert.doesNotMatch(anon.body, /waymark_http/);
  await runCli(['org', 'add', '--db', server.dbPath, '--name', 'Ops', '--kind', 'lead_provider']);
  execFileSync(waymarkBin(), ['user', 'add', '--db', server.dbPath, '--email', 'ops@example.org', '--name', 'Ops',
    '--role', 'administrator', '--org', 'Ops', '--password-stdin'], { input: 'a-long-enough-password\n' });
  const token = (await runCli(['token', 'create', '--db', server.dbPath, '--user', 'ops@example.org', '--name', 'prometheus'])).stdout.trim();
  const { res, body } = await get('/metrics', { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/plain/);
  assert.match(body, /waymark_http_requests_total/);
});

test('the access log is JSON lines on stderr', async () => {
  await get('/healthz');
  // The log line may be written just after the response.
  for (let i = 0; i < 20 && !server.logLines().length; i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(server.logLines().length > 0, `no JSON lines on stderr:\n${server.stderr().slice(0, 2000)}`);
});

test('every response carries the security headers', () => {
  assert.ok(seen.length > 10, 'earlier tests recorded responses');
  const problems = [];
  for (const { what, status, headers } of seen) {
    const csp = headers['content-security-policy'];
    if (!csp) problems.push(`${what} (${status}): no content-security-policy`);
    else if (!/frame-ancestors 'none'/.test(csp)) problems.push(`${what} (${status}): CSP without frame-ancestors 'none': ${csp}`);
    if (headers['x-content-type-options'] !== 'nosniff') problems.push(`${what} (${status}): x-content-type-options is ${headers['x-content-type-options']}`);
    if (!headers['referrer-policy']) problems.push(`${what} (${status}): no referrer-policy`);
  }
  assert.deepEqual(problems, []);
});

test('with PostgreSQL (WAYMARK_TEST_PG_URL) /healthz says "db":"postgres"', { skip: !process.env.WAYMARK_TEST_PG_URL && 'WAYMARK_TEST_PG_URL not set' }, async () => {
  const pg = await startServer({ demo: false, dbUrl: process.env.WAYMARK_TEST_PG_URL });
  try {
    const res = await fetch(`${pg.url}/healthz`);
    const j = await res.json();
    assert.equal(res.status, 200);
    assert.equal(j.status, 'ok');
    assert.equal(j.db, 'postgres');
  } finally {
    await pg.stop();
  }
});
