// Fail-the-Nth-allocation loops (needs the fault build: make fault-test).
// For every N over a request's allocations (X-Fault-Alloc: N) and over an
// import's (WAYMARK_FAULT_ALLOC=N): the answer is success or a 5xx, the
// process never crashes or leaks (ASan), and nothing partial is stored: each
// success is one referral with its audit event, the chain verifies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { copyFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { startServer, runCli, waymarkBin } from '../lib/server.mjs';
import { tokenFor } from '../lib/referrals.mjs';

const execFileP = promisify(execFile);
let srv, token, faultBuild = false;

before(async () => {
  srv = await startServer({ args: ['--threads', '1'], env: { WAYMARK_PWHASH_FAST: '1' } });
  token = await tokenFor(srv, 'hub@demo.waymark.test');
  const res = await fetch(`${srv.url}/healthz`, { headers: { 'x-fault-alloc': '0' } });
  faultBuild = res.headers.has('x-fault-allocs');
});
after(async () => { await srv?.stop(); });

const sql = (db, q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' }).trim();
const referral = (i) => ({
  person: { given_name: `Fault${i}`, family_name: 'Loop', date_of_birth: '1950-06-15', postcode: 'NR32 1AA', phone: '01502 555 0199' },
  source: 'self', reasons: ['loneliness'], consent: { referral: true, data_sharing: true },
});

async function send(method, p, n, body) {
  const headers = { authorization: `Bearer ${token}`, 'x-fault-alloc': String(n) };
  if (body) headers['content-type'] = 'application/json';
  const res = await fetch(srv.url + p, { method, headers, body: body && JSON.stringify(body) });
  await res.arrayBuffer();
  return { status: res.status, allocs: Number(res.headers.get('x-fault-allocs')), fired: res.headers.get('x-fault-fired') === '1' };
}

async function loop(method, p, okStatus, bodyFor) {
  await send(method, p, 1e15, bodyFor?.(0)); // warm: the thread's connection and statements
  const total = (await send(method, p, 1e15, bodyFor?.(1))).allocs;
  assert.ok(total > 5, `the request made ${total} allocations`);
  const seen = { ok: 1 + 1, failed: 0 }; // the two warm-up requests succeeded
  const bad = [];
  for (let n = 1; n <= total + 2; n++) {
    let r;
    try {
      r = await send(method, p, n, bodyFor?.(n + 1));
    } catch (e) {
      bad.push(`N=${n}: no answer (${e.cause?.code || e.message}); the server ${srv.proc.exitCode === null ? 'lives' : 'died'}`);
      break;
    }
    if (r.status === okStatus) seen.ok++;
    else if (r.status >= 500 && r.fired) seen.failed++;
    else bad.push(`N=${n}: status ${r.status} (the failed allocation ${r.fired ? 'was' : 'was not'} reached)`);
  }
  return { total, seen, bad };
}

test('POST /api/v1/referrals: every failed allocation is a 5xx or harmless, nothing partial stored', async (t) => {
  if (!faultBuild) return t.skip('not the fault build (make fault-test)');
  const before = Number(sql(srv.dbPath, 'SELECT count(*) FROM referrals'));
  const audits = Number(sql(srv.dbPath, "SELECT count(*) FROM audit_events WHERE action = 'referral.create'"));
  const { total, seen, bad } = await loop('POST', '/api/v1/referrals', 201, referral);
  console.log(`fault: POST /api/v1/referrals ${total} allocations, N = 1..${total + 2}: ${seen.ok} stored, ${seen.failed} refused with 5xx`);
  assert.deepEqual(bad, []);
  assert.equal(Number(sql(srv.dbPath, 'SELECT count(*) FROM referrals')) - before, seen.ok, 'one referral per 201, none partial');
  assert.equal(Number(sql(srv.dbPath, "SELECT count(*) FROM audit_events WHERE action = 'referral.create'")) - audits, seen.ok);
  assert.equal(sql(srv.dbPath, 'SELECT count(*) FROM referrals r LEFT JOIN referral_reasons x ON x.referral_id = r.id WHERE x.referral_id IS NULL'), '0', 'every referral has its reasons');
});

test('GET /api/v1/referrals/{id} and the list: every failed allocation is a 5xx, never a crash', async (t) => {
  if (!faultBuild) return t.skip('not the fault build (make fault-test)');
  const id = sql(srv.dbPath, 'SELECT max(id) FROM referrals');
  for (const p of [`/api/v1/referrals/${id}`, '/api/v1/referrals?limit=5']) {
    const { total, seen, bad } = await loop('GET', p, 200);
    console.log(`fault: GET ${p} ${total} allocations: ${seen.ok} answered, ${seen.failed} refused with 5xx`);
    assert.deepEqual(bad, []);
  }
  assert.match((await runCli(['audit', 'verify', '--db', srv.dbPath])).stdout, /ok|verified|intact/i);
  assert.equal(sql(srv.dbPath, 'PRAGMA integrity_check'), 'ok');
});

test('waymark import referrals: each failed allocation stores all rows or none', async (t) => {
  if (!faultBuild) return t.skip('not the fault build (make fault-test)');
  const template = path.join(srv.dir, 'template.db');
  await execFileP('sqlite3', [srv.dbPath, `VACUUM INTO '${template}'`]);
  const csv = path.join(srv.dir, 'small.csv');
  await writeFile(csv, 'person.given_name,person.family_name,person.date_of_birth,person.postcode,source,reasons,consent.referral,consent.data_sharing,person.phone\n' +
    'Ann,Lee,1950-01-01,NR1 3SR,self,debt,yes,yes,01603 555 0100\nBob,Ray,1951-02-02,NR2 4AA,self,loneliness,yes,yes,01603 555 0101\n' +
    'Cy,Fox,1952-03-03,IP24 1JD,self,debt,yes,yes,01603 555 0102\n');
  const db = path.join(srv.dir, 'import.db');
  const base = Number(sql(template, 'SELECT count(*) FROM referrals'));
  const run = async (env) => {
    await copyFile(template, db);
    try {
      const r = await execFileP(waymarkBin(), ['import', 'referrals', csv, '--db', db, '--quiet'], { env: { ...process.env, ...env } });
      return { code: 0, stderr: r.stderr };
    } catch (e) {
      return { code: e.code, signal: e.signal, stderr: e.stderr };
    }
  };
  const counted = await run({ WAYMARK_FAULT_REPORT: '1' });
  const total = Number(/fault: (\d+) allocations/.exec(counted.stderr)?.[1]);
  assert.ok(total > 100, counted.stderr);
  // Every N when FAULT_FULL=1; otherwise every N up to 600 and a stride beyond.
  const stride = process.env.FAULT_FULL === '1' ? 1 : Math.max(1, Math.ceil((total - 600) / 400));
  const ns = [];
  for (let n = 1; n <= total; n += n <= 600 ? 1 : stride) ns.push(n);
  const bad = [];
  let all = 0, none = 0;
  for (const n of ns) {
    const r = await run({ WAYMARK_FAULT_ALLOC: String(n) });
    const stored = Number(sql(db, 'SELECT count(*) FROM referrals')) - base;
    if (r.signal || /ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:/.test(r.stderr)) bad.push(`N=${n}: ${r.signal || ''} ${r.stderr.slice(0, 600)}`);
    else if (stored !== 0 && stored !== 3) bad.push(`N=${n}: ${stored} of 3 rows stored`);
    else if (r.code === 0 && stored !== 3) bad.push(`N=${n}: exit 0 but ${stored} rows stored`);
    if (stored === 3) all++; else none++;
    if (stored === 3 && n % 50 === 0) {
      const v = await execFileP(waymarkBin(), ['audit', 'verify', '--db', db]).catch((e) => e);
      if (v.code) bad.push(`N=${n}: the audit chain does not verify: ${v.stdout}${v.stderr}`);
    }
  }
  console.log(`fault: import ${total} allocations, ${ns.length} values of N looped: ${all} imported all, ${none} imported none`);
  assert.deepEqual(bad, []);
});
