// Referral intake on PostgreSQL (WAYMARK_TEST_PG_URL, e.g. under
// scripts/with-postgres): the same SQL as on SQLite, through the API and the
// CSV import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, repoRoot, waymarkBin } from '../lib/server.mjs';
import { api, tokenFor, fieldsOf } from '../lib/referrals.mjs';

const PG = process.env.WAYMARK_TEST_PG_URL;
const skip = !PG && 'WAYMARK_TEST_PG_URL not set (run under scripts/with-postgres)';
let srv;
let dir;
const tok = {};

before(async () => {
  if (!PG) return;
  srv = await startServer({ dbUrl: PG, env: { WAYMARK_PWHASH_FAST: '1' } });
  tok.gp = await tokenFor(srv, 'gp@demo.waymark.test');
  tok.hub = await tokenFor(srv, 'hub@demo.waymark.test');
  dir = await mkdtemp(path.join(tmpdir(), 'waymark-pg-import-'));
});
after(async () => {
  await srv?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const person = (given) => ({
  given_name: given, family_name: 'Pgtest', date_of_birth: '1950-01-02', postcode: 'NR2 4AA', phone: '01603 555 0142',
  practice: 'Orchard Surgery',
});
const referral = (given, over = {}) => ({
  person: person(given), source: 'gp_practice', reasons: ['loneliness'], consent: { referral: true, data_sharing: 'yes' }, ...over,
});

test('on PostgreSQL: create, duplicate, read in full and as the referrer, list, refuse', { skip }, async () => {
  const a = await api(srv, tok.gp, 'POST', '/api/v1/referrals', referral('Ada'));
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assert.match(a.body.reference, /^WM-\d{2}-\d{6}-[A-Z]$/);
  const b = await api(srv, tok.hub, 'POST', '/api/v1/referrals', referral('ADA', {
    source: 'acute_hospital_discharge', reasons: ['discharge_support'], received_at: '2026-03-06T16:00:00Z',
    referrer: { name: 'Ward clerk', organisation: 'NNUH', phone: '01603 286 286' },
    discharge: { hospital: 'NNUH', expected_date: new Date(Date.now() + 86400_000).toISOString().slice(0, 10) },
  }));
  assert.equal(b.status, 201, JSON.stringify(b.body));
  assert.ok(!('person_id' in a.body), 'a referrer is not told who the person is');
  assert.equal(b.body.person_id, (await api(srv, tok.hub, 'GET', `/api/v1/referrals/${a.body.id}`)).body.person.id);
  assert.equal(b.body.possible_duplicate_of, a.body.id);
  assert.equal(b.body.sla_due_at, '2026-03-09T16:00:00Z');
  const full = await api(srv, tok.hub, 'GET', `/api/v1/referrals/${b.body.id}`);
  assert.equal(full.status, 200);
  assert.equal(full.body.person.practice, 'SPMNF05');
  assert.equal(full.body.discharge.hospital, 'NNUH');
  const mine = await api(srv, tok.gp, 'GET', `/api/v1/referrals/${a.body.id}`);
  assert.deepEqual(Object.keys(mine.body).sort(), ['events', 'id', 'received_at', 'reference', 'sla_due_at', 'status', 'updated_at']);
  assert.equal((await api(srv, tok.gp, 'GET', `/api/v1/referrals/${b.body.id}`)).status, 404);
  const list = await api(srv, tok.hub, 'GET', '/api/v1/referrals?limit=2&source=acute_hospital_discharge');
  assert.equal(list.status, 200);
  assert.ok(list.body.items.some((i) => i.id === b.body.id));
  const bad = await api(srv, tok.gp, 'POST', '/api/v1/referrals', referral('Bea', { person: { ...person('Bea'), nhs_number: '943 476 5918' } }));
  assert.equal(bad.status, 422);
  assert.deepEqual(fieldsOf(bad), ['person.nhs_number']);
});

test('on PostgreSQL: the CSV import stores exactly the good rows', { skip }, async () => {
  const gen = path.join(dir, 'import_gen');
  execFileSync('cc', ['-O2', '-o', gen, path.join(repoRoot, 'bench', 'import_gen.c')]);
  const csv = path.join(dir, 'r.csv');
  const expectFile = path.join(dir, 'expected.csv');
  execFileSync('sh', ['-c', `"${gen}" 3000 --bad 20 --seed 11 --expect "${expectFile}" > "${csv}"`]);
  const expected = (await readFile(expectFile, 'utf8')).trim().split('\n').slice(1);
  const errors = path.join(dir, 'errors.csv');
  const before = (await api(srv, tok.hub, 'GET', '/api/v1/referrals?limit=1')).body.items[0].id;
  const r = spawnSync(waymarkBin(), ['import', 'referrals', '--db', PG, '--batch', '700', '--quiet', '--errors', errors, csv], { encoding: 'utf8' });
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stdout, new RegExp(`${3000 - expected.length} imported, ${expected.length} rejected`));
  const reported = (await readFile(errors, 'utf8')).trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 2).join(','));
  assert.deepEqual(reported, expected);
  // Page through what was added.
  let n = 0;
  let cursor = '';
  for (;;) {
    const page = await api(srv, tok.hub, 'GET', `/api/v1/referrals?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    for (const i of page.body.items) if (i.id > before) n++;
    if (!page.body.next_cursor || page.body.items.at(-1).id <= before) break;
    cursor = page.body.next_cursor;
  }
  assert.equal(n, 3000 - expected.length);
});
