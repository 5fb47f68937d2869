// `waymark import referrals`: a generated CSV of 100,000 rows with 1% bad
// rows stores exactly the good rows and reports each bad row's line and field;
// --dry-run stores nothing; --map renames another system's columns; file-level
// problems stop before anything is stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoRoot, startServer, waymarkBin } from '../lib/server.mjs';

let dir;
let gen;
const ROWS = 100_000;

before(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'waymark-import-'));
  gen = path.join(dir, 'import_gen');
  execFileSync('cc', ['-O2', '-o', gen, path.join(repoRoot, 'bench', 'import_gen.c')]);
});
after(async () => { await rm(dir, { recursive: true, force: true }); });

function waymark(args, opts = {}) {
  return spawnSync(waymarkBin(), args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
}

function freshDb(name) {
  const db = path.join(dir, `${name}.db`);
  const r = waymark(['init', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  return db;
}

const sql = (db, q) => execFileSync('sqlite3', [db, q], { encoding: 'utf8' }).trim();

function parseCsvLines(text) {
  // line,field[,message]: the fields written here never hold commas or quotes
  // except the message, which is last.
  return text.trim().split('\n').slice(1).map((l) => {
    const [line, field] = l.split(',');
    return `${line},${field}`;
  });
}

test(`importing ${ROWS} rows with 1% bad rows stores exactly the good rows and names each bad row's line and field`, async () => {
  const csv = path.join(dir, 'referrals.csv');
  const expectFile = path.join(dir, 'expected.csv');
  execFileSync('sh', ['-c', `"${gen}" ${ROWS} --bad 10 --seed 7 --expect "${expectFile}" > "${csv}"`]);
  const expected = parseCsvLines(await readFile(expectFile, 'utf8'));
  assert.ok(expected.length > ROWS * 0.008 && expected.length < ROWS * 0.012, `${expected.length} bad rows`);

  const db = freshDb('big');
  const errors = path.join(dir, 'errors.csv');
  const t0 = Date.now();
  // Batches of 30,000 rows: several commits, each with its audit event.
  const r = waymark(['import', 'referrals', '--db', db, '--errors', errors, '--quiet', '--batch', '30000', csv]);
  const secs = (Date.now() - t0) / 1000;
  assert.equal(r.status, 3, `exit 3 means some rows were rejected\n${r.stdout}\n${r.stderr}`);
  const good = ROWS - expected.length;
  assert.match(r.stdout, new RegExp(`Read ${ROWS} rows .*: ${good} imported, ${expected.length} rejected`));
  assert.equal(sql(db, 'SELECT COUNT(*) FROM referrals'), String(good));
  assert.equal(sql(db, "SELECT COUNT(*) FROM referrals WHERE status = 'received' AND channel = 'import'"), String(good));
  // Every bad row named by its line (the header is line 1) and field, once.
  const reported = parseCsvLines(await readFile(errors, 'utf8'));
  assert.deepEqual(reported, expected);
  // Every referral has its reasons, its 'received' event, a unique
  // reference and a due time after receipt.
  assert.equal(sql(db, 'SELECT COUNT(*) FROM referrals r WHERE NOT EXISTS (SELECT 1 FROM referral_reasons x WHERE x.referral_id = r.id)'), '0');
  assert.equal(sql(db, "SELECT COUNT(*) FROM referral_events WHERE kind = 'received'"), String(good));
  assert.equal(sql(db, "SELECT COUNT(*) FROM referrals r JOIN referral_events e ON e.referral_id = r.id AND e.kind = 'received' "
    + "AND e.at = r.received_at AND e.detail = 'channel=import'"), String(good));
  // The follow-up KPI summaries, written per batch, equal a recount from raw rows.
  const kpi = waymark(['kpi', 'check', '--db', db]);
  assert.equal(kpi.status, 0, kpi.stdout + kpi.stderr);
  assert.equal(sql(db, 'SELECT COUNT(DISTINCT reference) FROM referrals'), String(good));
  assert.equal(sql(db, 'SELECT COUNT(*) FROM referrals WHERE sla_due_at < received_at + 86400'), '0');
  // Repeated people are one record each, and their later referrals are flagged.
  const people = Number(sql(db, 'SELECT COUNT(*) FROM people'));
  const dups = Number(sql(db, 'SELECT COUNT(*) FROM referrals WHERE duplicate_of_referral_id IS NOT NULL'));
  assert.ok(people < good && dups > 0, `${people} people, ${dups} flagged`);
  assert.match(r.stdout, new RegExp(`${people} new people, ${dups} possible duplicates`));
  // Found through the import's table of match keys while people_match_key
  // was deferred (a fresh database): no two people share a match key unless
  // both have NHS numbers and they differ, so no repeat was missed.
  assert.equal(sql(db, 'SELECT COUNT(*) FROM people a JOIN people b ON a.match_key = b.match_key AND a.id < b.id '
    + 'WHERE a.nhs_number IS NULL OR b.nhs_number IS NULL OR a.nhs_number = b.nhs_number'), '0');
  // The deferred indexes are back, the database is in WAL mode again and whole.
  assert.equal(sql(db, "SELECT group_concat(name) FROM (SELECT name FROM sqlite_master WHERE name IN ('people_match_key', 'referrals_queue') ORDER BY name)"),
    'people_match_key,referrals_queue');
  assert.equal(sql(db, 'PRAGMA journal_mode'), 'wal');
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  // One audit event per committed batch, and the chain verifies.
  assert.equal(Number(sql(db, "SELECT COUNT(*) FROM audit_events WHERE action = 'referral.import'")), Math.ceil(good / 30000));
  assert.equal(waymark(['audit', 'verify', '--db', db]).status, 0);
  console.log(`# imported ${good} of ${ROWS} rows in ${secs.toFixed(1)} s`);
});

test('--dry-run reports the same problems and stores nothing', async () => {
  const csv = path.join(dir, 'small.csv');
  const expectFile = path.join(dir, 'small-expected.csv');
  execFileSync('sh', ['-c', `"${gen}" 2000 --bad 20 --seed 3 --expect "${expectFile}" > "${csv}"`]);
  const db = freshDb('dry');
  const r = waymark(['import', 'referrals', '--db', db, '--dry-run', csv]);
  assert.equal(r.status, 3);
  assert.match(r.stdout, /^Checked 2000 rows/);
  assert.equal(sql(db, 'SELECT COUNT(*) FROM referrals'), '0');
  assert.equal(sql(db, 'SELECT COUNT(*) FROM people'), '0');
  // Without --errors the problems go to standard error as "line N: field: message".
  const lines = r.stderr.trim().split('\n').map((l) => /^line (\d+): ([^:]+):/.exec(l)).filter(Boolean).map((m) => `${m[1]},${m[2]}`);
  assert.deepEqual(lines, parseCsvLines(await readFile(expectFile, 'utf8')));
});

test('--map renames another system\'s columns; - skips one', async () => {
  const csv = path.join(dir, 'theirs.csv');
  await writeFile(csv, [
    'Forename,Surname,DOB,Post Code,Tel,Referral Type,Needs,Consent,Info Sharing,Internal ID',
    'Edna,Gotts,1936-02-29,NR21 8AA,01328 555 010,self,befriending;transport,Y,Y,X-1',
    'Walter,Nobbs,1931-13-01,NR21 8AB,01328 555 011,self,befriending,Y,Y,X-2',
    '"Ann ""Nan""",Loades,1944-06-01,PE31 6AA,01485 555 012,self,shopping,yes,yes,X-3',
  ].join('\r\n'));
  const map = path.join(dir, 'map.csv');
  await writeFile(map, ['from,to', 'Forename,person.given_name', 'Surname,person.family_name', 'DOB,person.date_of_birth',
    'Post Code,person.postcode', 'Tel,person.phone', 'Referral Type,source', 'Needs,reasons', 'Consent,consent.referral',
    'Info Sharing,consent.data_sharing', 'Internal ID,-'].join('\n'));
  const db = freshDb('map');
  const r = waymark(['import', 'referrals', '--db', db, '--map', map, csv]);
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stderr, /^line 3: person\.date_of_birth: Date of birth must be a real date/m);
  assert.equal(sql(db, 'SELECT group_concat(given_name, \'|\') FROM (SELECT given_name FROM people ORDER BY id)'), 'Edna|Ann "Nan"');
  assert.equal(sql(db, "SELECT date_of_birth FROM people WHERE family_name = 'Gotts'"), String(Date.UTC(1936, 1, 29) / 86400000));
});

test('file-level problems stop the import before anything is stored', async () => {
  const db = freshDb('bad');
  const unknown = path.join(dir, 'unknown.csv');
  await writeFile(unknown, 'person.given_name,person.familyname,colour\nAnn,Smith,blue\n');
  let r = waymark(['import', 'referrals', '--db', db, unknown]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /"person\.familyname" is not a referral field/);
  assert.match(r.stderr, /no column for person\.family_name/);
  const empty = path.join(dir, 'empty.csv');
  await writeFile(empty, '');
  r = waymark(['import', 'referrals', '--db', db, empty]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /empty/);
  r = waymark(['import', 'referrals', '--db', db, path.join(dir, 'no-such-file.csv')]);
  assert.equal(r.status, 1);
  assert.equal(sql(db, 'SELECT COUNT(*) FROM referrals'), '0');
});

test('a broken CSV record is reported by line and the rows around it still import', async () => {
  const db = freshDb('broken');
  const csv = path.join(dir, 'broken.csv');
  const head = 'person.given_name,person.family_name,person.date_of_birth,person.postcode,person.phone,source,reasons,consent.referral,consent.data_sharing';
  await writeFile(csv, [head,
    'Ann,Balls,1950-01-01,NR1 1AA,01603 555 001,self,loneliness,yes,yes',
    'Bob,Bugg,1950-01-02,NR1 1AB,01603 555 002,self,loneliness,yes',
    'Cy,Th"rower,1950-01-03,NR1 1AD,01603 555 003,self,loneliness,yes,yes',
    'Di,Howlett,1950-01-04,NR1 1AE,01603 555 004,self,loneliness,yes,yes', ''].join('\n'));
  const r = waymark(['import', 'referrals', '--db', db, csv]);
  assert.equal(r.status, 3);
  assert.match(r.stderr, /^line 3: \(row\): the row has 8 fields but the header has 9/m);
  assert.match(r.stderr, /^line 4: person\.family_name: /m);
  assert.equal(sql(db, "SELECT group_concat(given_name) FROM (SELECT given_name FROM people ORDER BY id)"), 'Ann,Di');
});

test('a row the database refuses after checking costs that row alone (the batch is replayed with savepoints)', async () => {
  const db = freshDb('replay');
  // A trigger stands in for a constraint the checks do not know about.
  sql(db, "CREATE TRIGGER refuse_boom BEFORE INSERT ON people WHEN NEW.family_name = 'Boom' BEGIN SELECT RAISE(ABORT, 'no Booms here'); END;");
  const csv = path.join(dir, 'replay.csv');
  const head = 'person.given_name,person.family_name,person.date_of_birth,person.postcode,person.phone,source,reasons,consent.referral,consent.data_sharing';
  const row = (g, f) => `${g},${f},1950-01-01,NR1 1AA,01603 555 001,self,loneliness,yes,yes`;
  await writeFile(csv, [head, row('Ann', 'Balls'), row('Bob', 'Bugg'), row('Cy', 'Boom'), row('Di', 'Howlett'), row('Ed', 'Nobbs'), ''].join('\n'));
  const r = waymark(['import', 'referrals', '--db', db, '--batch', '3', csv]);
  assert.equal(r.status, 3, r.stderr);
  assert.match(r.stderr, /^line 4: \(row\): the database refused the row: .*no Booms here/m);
  assert.match(r.stdout, /4 imported, 1 rejected/);
  assert.equal(sql(db, 'SELECT group_concat(given_name) FROM (SELECT given_name FROM people ORDER BY id)'), 'Ann,Bob,Di,Ed');
  assert.equal(sql(db, 'SELECT COUNT(DISTINCT reference) FROM referrals'), '4');
  assert.equal(sql(db, "SELECT COUNT(*) FROM referral_events WHERE kind = 'received'"), '4');
  assert.equal(waymark(['audit', 'verify', '--db', db]).status, 0);
});

test('a later import finds the people of an earlier one, whether or not it fills its filter of who exists', async () => {
  // The import skips looking up people whose NHS number and match key it has
  // never seen (core/keyfilter), filling that filter from the database only
  // when the file is large for it (people <= file bytes / 64): a small file
  // into a database of 40 people looks everyone up; a larger file into one
  // of 2 uses the filter. Either way the same people must be found.
  const head = 'person.given_name,person.family_name,person.date_of_birth,person.nhs_number,person.postcode,person.phone,source,reasons,consent.referral,consent.data_sharing';
  const row = (g, f, nhs) => `${g},${f},1950-01-0${nhs ? 2 : 1},${nhs},NR1 1AA,01603 555 001,self,loneliness;debt,yes,yes`;
  const pad = (n, f) => Array.from({ length: n }, (_, i) => row(`P${i}`, f, ''));
  const first = path.join(dir, 'first.csv');
  const second = path.join(dir, 'second.csv');
  // Ann again by name, date of birth and postcode; Bob by NHS number (another
  // spelling); Cy is new.
  const again = [row('ANN', "Ball's", ''), row('Robert', 'Bugg', '943 476 5919'), row('Cy', 'Howlett', '')];
  for (const [before, after] of [[38, 0], [0, 400]]) {
    const db = freshDb(`later${before}`);
    await writeFile(first, [head, row('Ann', 'Balls', ''), row('Bob', 'Bugg', '9434765919'), ...pad(before, 'Nobbs'), ''].join('\n'));
    assert.equal(waymark(['import', 'referrals', '--db', db, '--quiet', first]).status, 0);
    await writeFile(second, [head, ...again, ...pad(after, 'Howlett'), ''].join('\n'));
    const r = waymark(['import', 'referrals', '--db', db, '--quiet', second]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`${1 + after} new people, 2 possible duplicates`));
    assert.equal(sql(db, "SELECT COUNT(*) FROM people WHERE family_name IN ('Balls', 'Bugg')"), '2');
    assert.equal(sql(db, "SELECT COUNT(*) FROM referrals r JOIN people p ON p.id = r.person_id WHERE p.nhs_number = '9434765919'"), '2');
    assert.equal(sql(db, 'SELECT COUNT(*) FROM referral_reasons'), String(2 * (5 + before + after)));
    assert.equal(sql(db, 'PRAGMA foreign_key_check'), '');
    assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  }
});

/* Starts an import of csv into db and resolves once it has committed a batch
 * without the two deferred indexes; returns the child's exit promise. */
async function importUntilDeferred(db, csv, errors) {
  const child = spawn(waymarkBin(), ['import', 'referrals', '--db', db, '--quiet', '--batch', '2000', '--errors', errors, csv]);
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d) => { out += d; });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve({ code, out: () => out })));
  const indexes = "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('people_match_key', 'referrals_queue')";
  for (let i = 0; i < 400; i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const r = spawnSync('sqlite3', ['-cmd', '.timeout 50', db, `${indexes}; SELECT COUNT(*) FROM referrals`], { encoding: 'utf8' });
    const [n, stored] = r.stdout.trim().split('\n');
    if (r.status === 0 && n === '0' && Number(stored) > 0) return { child, exited, seen: true };
  }
  return { child, exited, seen: false };
}

test('a server started while a large import defers its indexes starts, serves, and the import still finds every repeat', async () => {
  // The import writes through the rollback journal while nothing else has
  // the database open; the server does not wait to switch it back to WAL
  // (the import does that at its end) and builds the deferred indexes at
  // start, after which the import carries on looking people up the usual way.
  const csv = path.join(dir, 'served.csv');
  execFileSync('sh', ['-c', `"${gen}" 60000 --seed 11 > "${csv}"`]);
  const db = freshDb('served');
  const { exited, seen } = await importUntilDeferred(db, csv, path.join(dir, 'served-errors.csv'));
  assert.ok(seen, 'the import committed a batch without the two indexes');
  const srv = await startServer({ demo: false, init: false, dbUrl: db });
  let imported;
  try {
    const { code, out } = await exited;
    assert.ok(code === 0 || code === 3, out());
    imported = /: (\d+) imported, /.exec(out())?.[1];
    const res = await fetch(`${srv.url}/healthz`);
    assert.equal(res.status, 200);
    assert.equal((await res.json()).db, 'sqlite');
  } finally {
    await srv.stop();
  }
  assert.ok(Number(imported) > 59000, `${imported} imported`);
  assert.equal(sql(db, 'SELECT COUNT(*) FROM referrals'), imported);
  assert.equal(sql(db, "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('people_match_key', 'referrals_queue')"), '2');
  assert.equal(sql(db, 'SELECT COUNT(*) FROM people a JOIN people b ON a.match_key = b.match_key AND a.id < b.id '
    + 'WHERE a.nhs_number IS NULL OR b.nhs_number IS NULL OR a.nhs_number = b.nhs_number'), '0');
  assert.equal(sql(db, 'PRAGMA journal_mode'), 'wal');
  assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
});

test('an import killed while it defers two indexes leaves them out; the next init or import builds them', async () => {
  // A large import into a small database drops people_match_key and
  // referrals_queue at its first batch and builds them at its end
  // (store/referral_defer.h); killed in between, the batches it committed
  // lack them until one of these commands runs.
  const csv = path.join(dir, 'killed.csv');
  execFileSync('sh', ['-c', `"${gen}" 60000 --seed 9 > "${csv}"`]);
  const indexes = "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('people_match_key', 'referrals_queue')";
  for (const heal of [['init'], ['import', 'referrals', '--quiet', path.join(dir, 'small.csv')]]) {
    const db = freshDb(`killed${heal[0]}`);
    const { child, exited, seen } = await importUntilDeferred(db, csv, path.join(dir, 'killed-errors.csv'));
    child.kill('SIGKILL');
    await exited;
    assert.ok(seen, 'the import committed a batch without the two indexes before it was killed');
    assert.equal(sql(db, indexes), '0');
    const r = waymark([...heal.slice(0, 2), '--db', db, ...heal.slice(2)]);
    assert.ok(r.status === 0 || r.status === 3, r.stderr);
    assert.equal(sql(db, indexes), '2');
    assert.equal(sql(db, 'PRAGMA journal_mode'), 'wal');
    assert.equal(sql(db, 'PRAGMA integrity_check'), 'ok');
  }
});
