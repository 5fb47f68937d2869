// Looks inside a Waymark database from the reliability tests (crash safety,
// backups) with the database's own client (sqlite3 or psql): integrity,
// records that must go together, the audit chain, and what is stored.
import { execFileSync } from 'node:child_process';
import { runCli } from './server.mjs';

export const isPostgres = (db) => /^postgres(ql)?:\/\//.test(db);

/** Rows of a query as arrays of text. */
export function sqlRows(db, query) {
  const out = isPostgres(db)
    ? execFileSync('psql', ['-X', '-q', '-At', '-F', '\t', '-v', 'ON_ERROR_STOP=1', db, '-c', query], { encoding: 'utf8', maxBuffer: 256 << 20 })
    : execFileSync('sqlite3', ['-batch', '-bail', '-separator', '\t', db, query], { encoding: 'utf8', maxBuffer: 256 << 20 });
  return out.split('\n').filter((l) => l !== '').map((l) => l.split('\t'));
}

export const sqlInt = (db, query) => Number(sqlRows(db, query)[0][0]);

/** Empties a PostgreSQL database (its public schema). */
export function resetPostgres(url) {
  execFileSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url, '-c', 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;']);
}

/** Counts of the tables the reliability tests compare. */
export function counts(db) {
  const tables = ['people', 'referrals', 'referral_reasons', 'referral_events', 'contacts', 'audit_events'];
  const row = sqlRows(db, `SELECT ${tables.map((t) => `(SELECT COUNT(*) FROM ${t})`).join(', ')}`)[0];
  return Object.fromEntries(tables.map((t, i) => [t, Number(row[i])]));
}

/**
 * Checks a database the server is not running on and returns what it
 * holds. Problems (each a sentence) are collected, not thrown, so a test can
 * name all of them:
 * - SQLite: `PRAGMA integrity_check` is ok and `PRAGMA foreign_key_check`
 *   finds nothing (PostgreSQL enforces its keys itself);
 * - every referral has its person and at least one reason;
 * - every referral after `sinceReferral` has its referral.create audit event,
 *   and every contact on one has its referral.contact event (the write and
 *   its audit commit together or not at all);
 * - `waymark audit verify` passes.
 */
export async function checkDatabase(db, { sinceReferral = 0 } = {}) {
  const problems = [];
  if (!isPostgres(db)) {
    const integrity = sqlRows(db, 'PRAGMA integrity_check').map((r) => r[0]);
    if (integrity.join() !== 'ok') problems.push(`integrity_check: ${integrity.slice(0, 5).join('; ')}`);
    const fk = sqlRows(db, 'PRAGMA foreign_key_check');
    if (fk.length) problems.push(`foreign_key_check: ${fk.length} rows, first ${fk[0].join(' ')}`);
  }
  const orphans = sqlRows(db, `SELECT
    (SELECT COUNT(*) FROM referrals r WHERE NOT EXISTS (SELECT 1 FROM people p WHERE p.id = r.person_id)),
    (SELECT COUNT(*) FROM referrals r WHERE NOT EXISTS (SELECT 1 FROM referral_reasons x WHERE x.referral_id = r.id)),
    (SELECT COUNT(*) FROM (SELECT id FROM referrals WHERE id > ${sinceReferral} AND channel = 'api'
      EXCEPT SELECT entity_id FROM audit_events WHERE action = 'referral.create') x),
    (SELECT COUNT(*) FROM contacts c WHERE c.referral_id > ${sinceReferral}),
    (SELECT COUNT(*) FROM audit_events a WHERE a.action = 'referral.contact' AND a.entity_id > ${sinceReferral})`)[0].map(Number);
  if (orphans[0]) problems.push(`${orphans[0]} referrals without their person`);
  if (orphans[1]) problems.push(`${orphans[1]} referrals without a reason`);
  if (orphans[2]) problems.push(`${orphans[2]} API referrals without their referral.create audit event`);
  if (orphans[3] !== orphans[4]) problems.push(`${orphans[3]} contacts but ${orphans[4]} referral.contact audit events`);
  let auditEvents = 0;
  try {
    const { stdout } = await runCli(['audit', 'verify', '--db', db]);
    auditEvents = Number(/(\d+) events verified/.exec(stdout)?.[1] ?? 0);
  } catch (e) {
    problems.push(`audit verify: ${e.message.split('\n').slice(1).join(' ').trim()}`);
  }
  const referrals = new Map(sqlRows(db, 'SELECT id, reference FROM referrals').map(([id, ref]) => [Number(id), ref]));
  const contacts = new Map(sqlRows(db, 'SELECT id, referral_id FROM contacts').map(([id, r]) => [Number(id), Number(r)]));
  return { problems, referrals, contacts, auditEvents, counts: counts(db) };
}
