// A full disk: the server's SQLite database on a small tmpfs that is then
// filled. Writes get a 503 problem and store nothing, reads still work, and
// once space returns the server writes again without a restart. Needs root
// (mount); skipped with a message otherwise.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, open, rm, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, runCli } from '../lib/server.mjs';
import { tokenFor } from '../lib/referrals.mjs';

let mnt, srv, token, skip = '';

before(async () => {
  mnt = await mkdtemp(path.join(tmpdir(), 'waymark-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=24m', 'tmpfs', mnt], { stdio: 'pipe' });
  } catch (e) {
    skip = `cannot mount a tmpfs (${String(e.stderr || e.message).trim()}): run as root to test a full disk`;
    return;
  }
  const db = path.join(mnt, 'w.db');
  const env = { ...process.env, WAYMARK_PWHASH_FAST: '1' };
  await runCli(['init', '--db', db], env);
  await runCli(['demo', '--db', db], env);
  srv = await startServer({ dbUrl: db, init: false, demo: false, env: { WAYMARK_PWHASH_FAST: '1' } });
  token = await tokenFor(srv, 'hub@demo.waymark.test');
});

after(async () => {
  await srv?.stop();
  if (!skip && mnt) execFileSync('umount', [mnt]);
  if (mnt) await rmdir(mnt).catch(() => {});
});

const sql = (q) => execFileSync('sqlite3', [srv.dbPath, q], { encoding: 'utf8' }).trim();
let seq = 0;
async function post() {
  seq++;
  const res = await fetch(`${srv.url}/api/v1/referrals`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      person: { given_name: `Full${seq}`, family_name: 'Disk', date_of_birth: '1950-06-15', postcode: 'NR32 1AA', phone: '01502 555 0199',
        address: 'x'.repeat(300) },
      details: 'y'.repeat(4000), source: 'self', reasons: ['loneliness'], consent: { referral: true, data_sharing: true },
    }),
  });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.json() };
}

// Fills the file system with one file of zeros; returns its path.
async function fill() {
  const file = path.join(mnt, 'filler');
  const fh = await open(file, 'w');
  const chunk = Buffer.alloc(256 * 1024);
  try {
    for (;;) await fh.write(chunk);
  } catch (e) {
    assert.equal(e.code, 'ENOSPC');
  } finally {
    await fh.close();
  }
  return file;
}

test('a full disk: writes get 503 and store nothing, reads work, the server recovers when space returns', async (t) => {
  if (skip) return t.skip(skip);
  assert.equal((await post()).status, 201);
  const gp = await tokenFor(srv, 'gp@demo.waymark.test');
  const filler = await fill();
  // SQLite may still fit a few writes in pages it already has; keep writing
  // until the disk refuses one.
  const before = Number(sql('SELECT count(*) FROM referrals'));
  let created = 0, full = null;
  for (let i = 0; i < 400 && !full; i++) {
    const r = await post();
    if (r.status === 201) created++;
    else full = r;
  }
  assert.ok(full, 'some write was refused once the disk was full');
  assert.equal(full.status, 503, JSON.stringify(full.body));
  assert.match(full.type, /problem\+json/);
  assert.match(`${full.body.title} ${full.body.detail}`, /storage|nothing was stored/i);
  // Refused writes stored nothing: exactly the 201s are there.
  for (let i = 0; i < 5; i++) assert.equal((await post()).status, 503);
  assert.equal(Number(sql('SELECT count(*) FROM referrals')) - before, created);
  // Reads that write nothing still work.
  assert.equal((await fetch(`${srv.url}/healthz`)).status, 200);
  assert.equal((await fetch(`${srv.url}/api/v1/vocabularies/genders`)).status, 200);
  const mine = await fetch(`${srv.url}/api/v1/referrals`, { headers: { authorization: `Bearer ${gp}` } });
  assert.equal(mine.status, 200, await mine.text());
  // A command-line write the full disk refuses fails and prints no token
  // (a RETURNING insert's commit failure was once taken for success).
  const tokens = sql('SELECT count(*) FROM api_tokens');
  const cli = await runCli(['token', 'create', '--db', srv.dbPath, '--user', 'hub@demo.waymark.test', '--name', 'full'])
    .then((r) => ({ ok: true, out: r.stdout }), (e) => ({ ok: false, out: e.message }));
  assert.equal(cli.ok, false, `token create on a full disk printed ${cli.out}`);
  assert.match(cli.out, /full/i);
  assert.equal(sql('SELECT count(*) FROM api_tokens'), tokens);
  // Space returns: the same server writes again.
  await rm(filler);
  const again = await post();
  assert.equal(again.status, 201, JSON.stringify(again.body));
  assert.equal(Number(sql('SELECT count(*) FROM referrals')) - before, created + 1);
  assert.equal(sql('PRAGMA integrity_check'), 'ok');
  assert.match((await runCli(['audit', 'verify', '--db', srv.dbPath])).stdout, /ok|verified|intact/i);
  console.log(`disk full: ${created} writes fitted after the disk filled, then 503 "${full.body.title}"; recovered without a restart`);
});
