// Helpers for tests that need referrals at known times: import them with
// `waymark import referrals` (the hub gives received_at), find their ids in
// the triage queue, call the API with a bearer token, and make NHS numbers.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli } from './server.mjs';

const COLUMNS = ['person.given_name', 'person.family_name', 'person.date_of_birth', 'person.postcode', 'person.practice',
  'person.phone', 'source', 'reasons', 'urgency', 'referrer.name', 'referrer.organisation', 'referrer.phone',
  'discharge.hospital', 'discharge.expected_date', 'consent.referral', 'consent.data_sharing', 'received_at'];

const csvField = (v) => (v === undefined || v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/**
 * Imports referrals into the server's database. Each row gives given and
 * family names, received_at (ISO 8601), and optionally the other columns;
 * defaults make a valid self-referral in Waveney. Returns a map from
 * "Given Family" to the referral id.
 */
export async function importReferrals(srv, token, rows) {
  const lines = [COLUMNS.join(',')];
  for (const r of rows) {
    const v = {
      'person.date_of_birth': '1950-06-15', 'person.postcode': 'NR32 1AA', 'person.phone': '01502 555 0199',
      source: 'self', reasons: 'loneliness', urgency: 'routine', 'consent.referral': 'yes', 'consent.data_sharing': 'yes',
      ...r.fields,
      'person.given_name': r.given, 'person.family_name': r.family, received_at: r.received_at,
    };
    if (v.source !== 'self' && !v['referrer.name']) {
      Object.assign(v, { 'referrer.name': 'Dr Test', 'referrer.organisation': 'Test Surgery', 'referrer.phone': '01603 555 0100' });
    }
    lines.push(COLUMNS.map((c) => csvField(v[c])).join(','));
  }
  const file = path.join(srv.dir, `import-${Date.now()}-${Math.random().toString(36).slice(2)}.csv`);
  await writeFile(file, `${lines.join('\n')}\n`);
  await runCli(['import', 'referrals', file, '--db', srv.dbPath, '--quiet']);
  const queue = await wholeQueue(srv, token);
  const ids = {};
  for (const r of queue.body.referrals) ids[r.name] = r.id;
  for (const r of rows) {
    if (!ids[`${r.given} ${r.family}`]) throw new Error(`imported referral ${r.given} ${r.family} is not in the queue`);
  }
  return ids;
}

/** The whole triage queue (filters: "&source=..."), page by page: at most 200 a page (the one list policy, core/page.h). */
export async function wholeQueue(srv, token, filters = '') {
  const referrals = [];
  let cursor = '';
  for (;;) {
    const page = await api(srv, token, 'GET', `/api/v1/triage/queue?limit=200${filters}${cursor ? `&cursor=${cursor}` : ''}`);
    if (page.status !== 200) return page;
    referrals.push(...page.body.referrals);
    if (!page.body.next_cursor) return { status: 200, body: { ...page.body, referrals } };
    cursor = page.body.next_cursor;
  }
}

/** A request with a bearer token; resolves to { status, body, headers }. */
export async function api(srv, token, method, p, body) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(srv.url + p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** An API token for a demo account. */
export async function tokenFor(srv, email) {
  const { stdout } = await runCli(['token', 'create', '--db', srv.dbPath, '--user', email, '--name', `test-${email}`]);
  return stdout.trim();
}

/** The field paths of a 422 problem. */
export const fieldsOf = (res) => (res.body.errors || []).map((e) => e.field);

/** A fresh valid NHS number (modulus 11), from `start` on; unique within one generator. */
export function nhsNumbers(start) {
  let seq = start;
  return () => {
    for (;;) {
      const nine = String(seq++);
      let sum = 0;
      for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
      const c = 11 - (sum % 11);
      if (c === 10) continue;
      return `${nine.slice(0, 3)} ${nine.slice(3, 6)} ${nine.slice(6)}${c === 11 ? 0 : c}`;
    }
  };
}
