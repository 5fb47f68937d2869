// `waymark gen`: the same seed gives the same rows; a database holding real
// referrals is refused; the generated database is intact, its audit chain
// verifies, `waymark serve` accepts it, and the follow-up KPI read from the
// summaries equals the count from raw rows, on SQLite and PostgreSQL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, startServer } from '../lib/server.mjs';
import { sqlRows, resetPostgres } from '../lib/dbcheck.mjs';

const PG = process.env.WAYMARK_TEST_PG_URL;
const N = '3000';
const dirs = [];
const servers = [];
after(async () => {
  for (const s of servers) await s.stop();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function freshSqlite(name) {
  const dir = await mkdtemp(path.join(tmpdir(), 'waymark-gen-'));
  dirs.push(dir);
  const db = path.join(dir, `${name}.db`);
  await runCli(['init', '--db', db]);
  return db;
}

async function freshPg() {
  resetPostgres(PG);
  await runCli(['init', '--db', PG]);
  return PG;
}

const gen = (db, seed, n = N) => runCli(['gen', '--referrals', n, '--seed', String(seed), '--until', '2026-10-31',
  '--quiet', '--db', db]);

/** A digest of every generated row that matters, in id order. */
function digest(db) {
  const h = createHash('sha256');
  for (const q of [
    'SELECT id, reference, person_id, source, urgency, status, received_at, sla_due_at FROM referrals ORDER BY id',
    'SELECT id, given_name, family_name, date_of_birth, postcode, practice_code, COALESCE(area, \'\') FROM people ORDER BY id',
    'SELECT referral_id, at, mode, outcome FROM contacts ORDER BY referral_id, at, outcome',
    'SELECT referral_id, tier, status, COALESCE(closed_at, 0) FROM cases ORDER BY referral_id',
    'SELECT referral_id, code FROM referral_reasons ORDER BY referral_id, code',
    'SELECT s.at, s.mode, s.duration_minutes, c.referral_id FROM case_sessions s JOIN cases c ON c.id = s.case_id ORDER BY c.referral_id, s.at',
    'SELECT c.referral_id, m.phase, m.answers, m.raw, m.score_x100, m.at FROM measures m JOIN cases c ON c.id = m.case_id ORDER BY c.referral_id, m.phase',
    'SELECT grain, period, area, counted, left_out, contacted_within, contacted_late, attempts FROM kpi_followup_sums ORDER BY grain, period, area',
    'SELECT id, name, postcode, status, COALESCE(dbs_level, \'\'), COALESCE(dbs_renewal_day, 0), has_car FROM volunteers ORDER BY id',
    'SELECT volunteer_id, code FROM volunteer_skills ORDER BY volunteer_id, code',
    'SELECT volunteer_id, weekday, start_minute, end_minute FROM volunteer_availability ORDER BY volunteer_id, weekday, start_minute',
    'SELECT referral_id, type, status, COALESCE(volunteer_id, 0), COALESCE(minutes_logged, 0) FROM tasks ORDER BY referral_id',
  ]) {
    for (const row of sqlRows(db, q)) h.update(`${row.join('|')}\n`);
  }
  return h.digest('hex');
}

async function kpi(db, args) {
  const { stdout } = await runCli(['kpi', 'followup', '--db', db, '--at', '2026-11-01T12:00:00Z', ...args]);
  const k = JSON.parse(stdout);
  delete k.ms_best;
  delete k.ms_mean;
  delete k.from_summaries;
  return k;
}

/** The summaries agree with a recount and with the KPI over raw rows for several periods and areas. */
async function summariesAgree(db) {
  const { stdout } = await runCli(['kpi', 'check', '--db', db]);
  assert.match(stdout, /equal a recount/);
  for (const args of [
    ['--from', '2025-11-01', '--to', '2026-10-31'],               // whole months
    ['--from', '2026-09-17', '--to', '2026-10-31'],               // single days, then a month
    ['--from', '2026-10-04', '--to', '2026-10-29', '--area', 'breckland'],
    ['--from', '2026-03-06', '--to', '2026-03-06'],
    ['--from', '2025-11-15', '--to', '2026-10-31', '--area', 'kings_lynn_west_norfolk'],
  ]) {
    const fromSummaries = await kpi(db, args);
    assert.ok(fromSummaries.received > 0, JSON.stringify(args));
    assert.deepEqual(fromSummaries, await kpi(db, [...args, '--raw']), JSON.stringify(args));
  }
}

async function intact(db) {
  if (!PG || db !== PG) {
    assert.deepEqual(sqlRows(db, 'PRAGMA integrity_check'), [['ok']]);
    assert.deepEqual(sqlRows(db, 'PRAGMA foreign_key_check'), []);
    assert.deepEqual(sqlRows(db, 'PRAGMA journal_mode'), [['wal']]);
  }
  const { stdout } = await runCli(['audit', 'verify', '--db', db]);
  assert.match(stdout, /intact/);
  assert.equal(sqlRows(db, "SELECT value FROM settings WHERE key = 'synthetic_referrals'")[0][0], N);
}

test('gen: the same seed gives the same rows, another seed others (SQLite)', async () => {
  const a = await freshSqlite('a');
  const b = await freshSqlite('b');
  const c = await freshSqlite('c');
  await gen(a, 42);
  await gen(b, 42);
  await gen(c, 43);
  assert.equal(Number(sqlRows(a, 'SELECT COUNT(*) FROM referrals')[0][0]), Number(N));
  assert.ok(Number(sqlRows(a, 'SELECT COUNT(*) FROM case_sessions')[0][0]) > Number(N) / 2);
  assert.ok(Number(sqlRows(a, "SELECT COUNT(*) FROM measures WHERE phase = 'follow_up'")[0][0]) > 0);
  assert.equal(digest(a), digest(b));
  assert.notEqual(digest(a), digest(c));
  await intact(a);
  await summariesAgree(a);
  // Volunteers, one for every 250 referrals: each task with a volunteer has
  // an active one living in the person's area who offers that kind of help;
  // a task is done only once its case is closed.
  assert.equal(sqlRows(a, 'SELECT COUNT(*) FROM volunteers')[0][0], String(Math.max(10, Math.floor(Number(N) / 250))));
  const tasks = Number(sqlRows(a, 'SELECT COUNT(*) FROM tasks WHERE volunteer_id IS NOT NULL')[0][0]);
  assert.ok(tasks > Number(N) / 20, `${tasks} tasks with a volunteer`);
  assert.equal(sqlRows(a, 'SELECT COUNT(*) FROM tasks t JOIN volunteers v ON v.id = t.volunteer_id '
    + 'JOIN referrals r ON r.id = t.referral_id JOIN people p ON p.id = r.person_id '
    + 'JOIN postcode_districts d ON d.outcode = v.outcode '
    + "WHERE v.status = 'active' AND d.area = p.area "
    + 'AND EXISTS (SELECT 1 FROM volunteer_skills s WHERE s.volunteer_id = v.id AND s.code = t.type)')[0][0], String(tasks));
  assert.equal(sqlRows(a, "SELECT COUNT(*) FROM tasks t JOIN cases c ON c.id = t.case_id WHERE t.status = 'done' AND c.status <> 'closed'")[0][0], '0');
  assert.equal(sqlRows(a, "SELECT COUNT(*) FROM tasks WHERE status NOT IN ('open', 'accepted', 'done')")[0][0], '0');
  // Areas follow the practices' list sizes (the practices embedded are in two areas).
  const areas = sqlRows(a, "SELECT COUNT(DISTINCT area) FROM people WHERE area IS NOT NULL")[0][0];
  assert.ok(Number(areas) >= 2, areas);
});

test('gen refuses a database with real referrals; more synthetic data on a synthetic one is fine', async () => {
  const srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } }); // the demo holds real referrals
  servers.push(srv);
  await assert.rejects(gen(srv.dbPath, 1, '10'), /refusing: this database holds \d+ referrals not made by waymark gen/);
  const db = await freshSqlite('r');
  await gen(db, 5, '100');
  await gen(db, 6, '100'); // more synthetic data on a synthetic database is fine
  assert.equal(sqlRows(db, 'SELECT COUNT(*) FROM referrals')[0][0], '200');
  await runCli(['kpi', 'check', '--db', db]);
});

test('serve accepts a generated database', async () => {
  const db = await freshSqlite('s');
  await gen(db, 9, '500');
  const srv = await startServer({ dbUrl: db, init: false, demo: false, env: { WAYMARK_PWHASH_FAST: '1' } });
  servers.push(srv);
  const res = await fetch(`${srv.url}/api/v1/kpi/follow-up`);
  assert.equal(res.status, 401);
});

test('gen on PostgreSQL: the same seed gives the same rows, intact, summaries agree',
  { skip: !PG && 'WAYMARK_TEST_PG_URL not set' }, async () => {
    await gen(await freshPg(), 42);
    const first = digest(PG);
    await gen(await freshPg(), 42);
    assert.equal(digest(PG), first);
    // The same rows as on SQLite.
    const s = await freshSqlite('pgcompare');
    await gen(s, 42);
    assert.equal(digest(s), first);
    await intact(PG);
    await summariesAgree(PG);
  });
