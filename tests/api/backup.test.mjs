// Backups under load: `waymark backup FILE` taken while referrals and
// contacts are being written over the API is one consistent snapshot (the
// source exactly as at one audit event: the same referrals and contacts, the
// same chain up to its head), internally whole (integrity, keys, each write
// with its audit event, the chain verifies), serves, and restores with
// `waymark restore` to the same counts, on SQLite and on PostgreSQL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, runCli } from '../lib/server.mjs';
import { api, tokenFor } from '../lib/referrals.mjs';
import { startWriteLoad, referralBody } from '../lib/writeload.mjs';
import { checkDatabase, sqlRows, sqlInt, counts, isPostgres } from '../lib/dbcheck.mjs';

const env = { WAYMARK_PWHASH_FAST: '1' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The source's state as at audit event `head`, read from its audit trail. */
function sourceAt(db, head, since) {
  const ids = (action) => sqlRows(db, `SELECT entity_id FROM audit_events WHERE action = '${action}' AND id <= ${head} ` +
    `AND entity_id > ${since} ORDER BY id`).map((r) => Number(r[0]));
  const hash = sqlRows(db, `SELECT hash FROM audit_events WHERE id = ${head}`)[0][0];
  return { created: ids('referral.create'), contacts: ids('referral.contact').length, hash };
}

/** Serves db, reads a few of its referrals and writes a new one. */
async function servesAndWrites(db, refs) {
  const srv = await startServer({ dbUrl: db, init: false, demo: false, env, args: ['--quiet'] });
  try {
    const hub = await tokenFor(srv, 'hub@demo.waymark.test');
    const gp = await tokenFor(srv, 'gp@demo.waymark.test');
    for (const [id, reference] of refs) {
      const res = await api(srv, hub, 'GET', `/api/v1/referrals/${id}`);
      assert.equal(res.status, 200, `referral ${id} served from ${db}`);
      assert.equal(res.body.reference, reference);
    }
    const res = await api(srv, gp, 'POST', '/api/v1/referrals', referralBody());
    assert.equal(res.status, 201, `a new referral on ${db}: ${JSON.stringify(res.body)}`);
  } finally {
    await srv.stop();
  }
}

async function backupUnderLoad(t, dbUrl) {
  const dir = await mkdtemp(path.join(tmpdir(), 'waymark-backup-'));
  const srv = await startServer({ dbUrl, env, args: ['--quiet'] });
  const db = srv.dbPath;
  const file = path.join(dir, 'backup.db');
  let restoredPg;
  try {
    const gpToken = await tokenFor(srv, 'gp@demo.waymark.test');
    const hubToken = await tokenFor(srv, 'hub@demo.waymark.test');
    const since = sqlInt(db, 'SELECT COALESCE(MAX(id), 0) FROM referrals');
    const load = startWriteLoad(srv, { gpToken, hubToken, workers: 4 });
    await sleep(600);
    const ackedBefore = load.referrals.slice();
    const t0 = Date.now();
    const { stdout, stderr } = await runCli(['backup', file, '--db', db], { ...process.env, ...env });
    const took = Date.now() - t0;
    const ackedDuring = load.referrals.length - ackedBefore.length;
    await sleep(300);
    await load.stop();
    const head = sqlInt(file, 'SELECT last_id FROM audit_head');
    const at = sourceAt(db, head, since);
    const source = counts(db);
    await srv.stop();
    assert.deepEqual(load.failures, [], 'the load saw no failures while the backup ran');
    assert.equal(load.netErrors, 0);
    assert.match(stdout, /^Backup .* written/);
    assert.doesNotMatch(stderr, /error/i);

    // Whole in itself.
    const got = await checkDatabase(file, { sinceReferral: since });
    assert.deepEqual(got.problems, [], 'the backup is intact');
    // Every referral acknowledged before the backup began is in it.
    for (const r of ackedBefore) assert.equal(got.referrals.get(r.id), r.reference, `referral ${r.id} in the backup`);
    // Exactly the source as at the backup's last audit event: the same
    // referrals and contacts, the same chain up to there.
    assert.equal(head, got.auditEvents);
    const inBackup = [...got.referrals.keys()].filter((id) => id > since).sort((a, b) => a - b);
    assert.deepEqual(inBackup, at.created.slice().sort((a, b) => a - b), 'the referrals of the source at the snapshot');
    assert.equal(sqlInt(file, `SELECT COUNT(*) FROM contacts WHERE referral_id > ${since}`), at.contacts,
      'the contacts of the source at the snapshot');
    assert.equal(sqlRows(file, `SELECT hash FROM audit_events WHERE id = ${head}`)[0][0], at.hash, 'the same chain');
    assert.ok(got.counts.referrals <= source.referrals && got.counts.audit_events <= source.audit_events);
    t.diagnostic(`${isPostgres(db) ? 'PostgreSQL' : 'SQLite'}: backup in ${took} ms while ${ackedDuring} referrals were ` +
      `acknowledged; snapshot at audit event ${head}: ${got.counts.referrals} referrals, ${got.counts.people} people, ` +
      `${got.counts.contacts} contacts (source ended with ${source.referrals} referrals); ${(await stat(file)).size} bytes`);

    // It serves: reads the newest referrals it holds and takes a new one.
    const newest = [...got.referrals.entries()].sort((a, b) => b[0] - a[0]).slice(0, 5);
    const served = path.join(dir, 'served.db');
    await runCli(['restore', file, '--db', served], { ...process.env, ...env });
    assert.deepEqual(counts(served), got.counts, 'a restored SQLite file has the backup\'s counts');
    await servesAndWrites(served, newest);
    assert.deepEqual((await checkDatabase(served, { sinceReferral: since })).problems, []);

    // Restores into PostgreSQL: an empty database, the same counts, serves.
    if (process.env.WAYMARK_TEST_PG_URL) {
      const name = `waymark_restore_${process.pid}_${Date.now()}`;
      execFileSync('psql', ['-X', '-q', process.env.WAYMARK_TEST_PG_URL, '-c', `CREATE DATABASE ${name}`]);
      restoredPg = process.env.WAYMARK_TEST_PG_URL.replace(/\/[^/]*$/, `/${name}`);
      await runCli(['restore', file, '--db', restoredPg], { ...process.env, ...env });
      assert.deepEqual(counts(restoredPg), got.counts, 'restored into PostgreSQL with the backup\'s counts');
      assert.deepEqual((await checkDatabase(restoredPg, { sinceReferral: since })).problems, []);
      await assert.rejects(runCli(['restore', file, '--db', restoredPg], { ...process.env, ...env }), /in use/,
        'a database in use is never restored over');
      await servesAndWrites(restoredPg, newest);
    }
  } finally {
    await srv.stop();
    if (restoredPg) {
      execFileSync('psql', ['-X', '-q', process.env.WAYMARK_TEST_PG_URL, '-c',
        `DROP DATABASE IF EXISTS ${restoredPg.replace(/.*\//, '')}`]);
    }
    await rm(dir, { recursive: true, force: true });
  }
}

test('SQLite: a backup taken under write load is one consistent snapshot that serves and restores', async (t) => {
  await backupUnderLoad(t);
});

test('PostgreSQL: a backup taken under write load is one consistent snapshot that serves and restores', {
  skip: !process.env.WAYMARK_TEST_PG_URL && 'no PostgreSQL (run under scripts/with-postgres)',
}, async (t) => {
  await backupUnderLoad(t, process.env.WAYMARK_TEST_PG_URL);
});

test('backup refuses to overwrite a file, restore refuses a file that is not a Waymark backup', async () => {
  const srv = await startServer({ demo: false, env });
  try {
    const file = path.join(srv.dir, 'b.db');
    await runCli(['backup', file, '--db', srv.dbPath, '--quiet']);
    await assert.rejects(runCli(['backup', file, '--db', srv.dbPath]), /already exists/);
    await assert.rejects(runCli(['restore', file, '--db', srv.dbPath]), /already exists/);
    await assert.rejects(runCli(['restore', path.join(srv.dir, 'nothing.db'), '--db', path.join(srv.dir, 'x.db')]), /cannot read/);
    await assert.rejects(runCli(['restore', file]), /--db/);
  } finally {
    await srv.stop();
  }
});
