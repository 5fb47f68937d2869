// `waymark export evaluation` and `waymark export linkage` on the demo data
// plus imported referrals with NHS numbers, on SQLite and (when
// WAYMARK_TEST_PG_URL is set) PostgreSQL: the same key twice gives identical
// person keys, another key none in common; the keys are keyed BLAKE2b-256 as
// documented (recomputed with Python's hashlib); no NHS number, name, phone,
// email, address, postcode or date of birth appears anywhere in the output
// (the XLSX unzipped); people who withdrew data-sharing consent are absent
// and counted in the manifest; the dictionary names every column; the
// manifest's SHA-256s match; key files that are not owner-only or not 32
// bytes are refused; the linkage table needs its own permission and is audited.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, runCli, waymarkBin } from '../lib/server.mjs';
import { nhsNumbers } from '../lib/referrals.mjs';
import { sqlRows, resetPostgres } from '../lib/dbcheck.mjs';

const execFileP = promisify(execFile);
const FROM = '2026-01-01';
const TO = '2026-12-31';

const csvField = (v) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

/** Runs waymark expecting failure; resolves to { code, stderr }. */
function runFail(args) {
  return new Promise((resolve) => {
    execFile(waymarkBin(), args, (err, stdout, stderr) => resolve({ code: err ? err.code : 0, stderr }));
  });
}

async function readExtract(dir, keyFile, ids = []) {
  const { stdout } = await execFileP('/usr/bin/python3', [path.join(repoRoot, 'tests/eval/extract_check.py'), dir, keyFile,
    JSON.stringify(ids)], { maxBuffer: 256 << 20 });
  return JSON.parse(stdout);
}

for (const [backend, pg] of [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]]) {
  const skip = backend === 'PostgreSQL' && !pg && 'WAYMARK_TEST_PG_URL not set';
  describe(`evaluation extract on ${backend}`, { skip }, () => {
    let dir, db, k1, k2, nhs;
    const out = (name) => path.join(dir, name);
    before(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'waymark-extract-'));
      db = pg || out('x.db');
      if (pg) resetPostgres(pg);
      await runCli(['init', '--db', db]);
      await runCli(['demo', '--db', db]);
      // Referrals with NHS numbers, emails and addresses; Ada twice (one person, two referrals).
      const next = nhsNumbers(401023000);
      nhs = Array.from({ length: 6 }, () => next());
      const head = ['person.given_name', 'person.family_name', 'person.date_of_birth', 'person.nhs_number', 'person.postcode',
        'person.address', 'person.phone', 'person.email', 'source', 'reasons', 'urgency', 'consent.referral',
        'consent.data_sharing', 'received_at'];
      const people = [['Ada', 'Quillfeather'], ['Bram', 'Oakhurst'], ['Cleo', 'Marchbank'], ['Dev', 'Lindqvist'],
        ['Esme', 'Ravenscroft'], ['Finn', 'Holloway']];
      const lines = [head.join(',')];
      people.forEach(([g, f], i) => lines.push([g, f, `19${40 + i}-0${1 + i}-1${i}`, nhs[i], 'NR32 1AA',
        `${i + 1} Winterbourne Lane, Lowestoft`, `07700 900 ${100 + i}`, `${g.toLowerCase()}@example.org`, 'self',
        'loneliness', 'routine', 'yes', 'yes', `2026-0${3 + i}-15T10:00:00Z`].map(csvField).join(',')));
      lines.push(['Ada', 'Quillfeather', '1940-01-10', nhs[0], 'NR32 1AA', '1 Winterbourne Lane, Lowestoft', '07700 900 100',
        'ada@example.org', 'self', 'low_mood', 'routine', 'yes', 'yes', '2026-09-20T10:00:00Z'].map(csvField).join(','));
      await writeFile(out('import.csv'), `${lines.join('\n')}\n`);
      await runCli(['import', 'referrals', out('import.csv'), '--db', db, '--quiet']);
      // Finn withdraws consent to share his data for evaluation.
      const [[finnRef]] = sqlRows(db, `SELECT r.reference FROM referrals r JOIN people p ON p.id = r.person_id WHERE p.nhs_number = '${nhs[5].replace(/ /g, '')}'`);
      await runCli(['consent', 'withdraw', '--db', db, '--referral', finnRef, '--note', 'phoned the hub']);
      k1 = out('k1');
      k2 = out('k2');
      await writeFile(k1, randomBytes(32), { mode: 0o600 });
      await writeFile(k2, randomBytes(32), { mode: 0o600 });
    });
    after(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    test('same key twice, identical keys; another key, none in common; keys as documented', async () => {
      for (const [o, k] of [['a', k1], ['b', k1], ['c', k2]]) {
        await runCli(['export', 'evaluation', '--db', db, '--from', FROM, '--to', TO, '--key-file', k, '--out', out(o)]);
      }
      const digits = nhs.map((n) => n.replace(/ /g, ''));
      const a = await readExtract(out('a'), k1, digits);
      const b = await readExtract(out('b'), k1);
      const c = await readExtract(out('c'), k2);
      const keyCol = a.header.indexOf('person_key');
      const keys = (x) => x.rows.map((r) => r[keyCol]);
      assert.ok(a.rows.length >= 30, `${a.rows.length} rows`);
      assert.deepEqual(keys(a), keys(b));
      const other = new Set(keys(c));
      assert.equal(keys(a).filter((k) => other.has(k)).length, 0, 'another key shares no person key');
      for (const k of keys(a)) assert.match(k, /^[0-9a-f]{64}$/);
      // Ada's two referrals carry the key hashlib computes from her NHS number; Finn is absent.
      const basis = a.header.indexOf('person_key_basis');
      assert.equal(a.rows.filter((r) => r[keyCol] === a.keys[digits[0]] && r[basis] === 'nhs_number').length, 2);
      for (const d of digits.slice(1, 5)) assert.ok(keys(a).includes(a.keys[d]), `the key of ${d}`);
      assert.ok(!keys(a).includes(a.keys[digits[5]]), 'a person without consent is left out');
      assert.ok(a.rows.some((r) => r[basis] === 'match_key'), 'people without an NHS number keyed from the match key');
      const m = JSON.parse(await readFile(path.join(out('a'), 'manifest.json'), 'utf8'));
      assert.equal(m.left_out.people_without_data_sharing_consent, 1);
      assert.equal(m.left_out.referrals, 1);
      assert.equal(m.rows.referrals, a.rows.length);
      assert.deepEqual(m.period, { from: FROM, to: TO, basis: m.period.basis });
      for (const f of m.files) {
        const sum = createHash('sha256').update(await readFile(path.join(out('a'), f.name))).digest('hex');
        assert.equal(sum, f.sha256, f.name);
      }
      assert.deepEqual(m.files.map((f) => f.name), ['evaluation.csv', 'evaluation.xlsx', 'dictionary.csv']);
    });

    test('no NHS number, name, phone, email, address, postcode or date of birth anywhere in the output', async () => {
      const x = await readExtract(out('a'), k1);
      const people = sqlRows(db, 'SELECT COALESCE(nhs_number, \'\'), given_name, family_name, COALESCE(phone, \'\'), ' +
        'COALESCE(email, \'\'), COALESCE(address, \'\'), postcode, date_of_birth FROM people');
      assert.ok(people.length >= 30);
      const text = x.text.toLowerCase();
      for (const [n, given, family, phone, email, address, postcode, dob] of people) {
        const day = new Date(Number(dob) * 86400_000).toISOString().slice(0, 10);
        const [y, mo, d] = day.split('-');
        for (const s of [n, given, family, phone, phone.replace(/ /g, ''), email, address, postcode, postcode.replace(/ /g, ''),
          day, `${d}/${mo}/${y}`]) {
          if (!s || s.length < 3) continue;
          // As a whole word: "Mary" is inside "summary", which may appear.
          const re = new RegExp(`(^|[^a-z0-9])${s.toLowerCase().replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}($|[^a-z0-9])`);
          assert.ok(!re.test(text), `"${s}" appears in the extract`);
        }
      }
    });

    test('the dictionary names every column, in the CSV and the XLSX', async () => {
      const x = await readExtract(out('a'), k1);
      const named = x.dictionary.slice(1).map((r) => r[0]);
      assert.deepEqual(named, x.header);
      assert.deepEqual(x.sheets.extract.header, x.header);
      assert.equal(x.sheets.extract.rows, x.rows.length + 1);
      assert.deepEqual(x.sheets.dictionary.header, x.dictionary[0]);
      for (const r of x.dictionary.slice(1)) assert.ok(r[1] && r[2], `${r[0]} has a type and a meaning`);
      for (const c of ['person_key', 'age_band', 'gender', 'ethnicity', 'disability', 'employment', 'housing', 'money_worries',
        'postcode_district', 'hwp_area', 'place_board', 'practice', 'pcn', 'rurality', 'referral_source', 'channel', 'reasons', 'tier',
        'month_received', 'days_to_first_contact', 'within_24_counted_hours', 'sessions', 'session_modes', 'onward_referrals',
        'onward_categories', 'onward_outcomes', 'unmet_needs', 'dropout', 'closure_reason', 'swemwbs_baseline',
        'swemwbs_followup', 'swemwbs_days_between', 'ons4_anxiety_baseline', 'gse_baseline', 'eqvas_followup']) {
        assert.ok(x.header.includes(c), `no column ${c}`);
      }
      assert.ok(x.dictionary.find((r) => r[0] === 'ethnicity')[3].includes('NHS Data Dictionary'));
    });

    test('PCN, Place board and rurality come from the reference data, named with their source', async () => {
      const x = await readExtract(out('a'), k1);
      const csvMap = async (file) => Object.fromEntries((await readFile(path.join(repoRoot, file), 'utf8')).trim().split('\n')
        .slice(1).map((l) => l.split(',')));
      const pcns = await csvMap('data/pcns.csv');
      const rural = await csvMap('data/rurality.csv');
      const boards = Object.fromEntries(sqlRows(db, 'SELECT code, COALESCE(place_board, \'\') FROM areas'));
      const col = (n) => x.header.indexOf(n);
      let withPcn = 0;
      let withRural = 0;
      for (const r of x.rows) {
        assert.equal(r[col('pcn')], pcns[r[col('practice')]] ?? '', `PCN of ${r[col('practice')]}`);
        assert.equal(r[col('rurality')], rural[r[col('postcode_district')]] ?? '', `rurality of ${r[col('postcode_district')]}`);
        assert.equal(r[col('place_board')], boards[r[col('hwp_area')]] ?? '', `Place board of ${r[col('hwp_area')]}`);
        withPcn += r[col('pcn')] !== '';
        withRural += r[col('rurality')] !== '';
      }
      assert.ok(withPcn > 0 && withRural > 0, `${withPcn} rows with a PCN, ${withRural} with a rurality`);
      const dict = (n) => x.dictionary.find((r) => r[0] === n)[3];
      assert.match(dict('pcn'), /data\/pcns\.csv/);
      assert.match(dict('rurality'), /ONS 2011 Rural Urban Classification.*data\/rurality\.csv/);
      assert.match(dict('place_board'), /data\/place_boards\.csv/);
    });

    test('key files must be 32 bytes and owner-only', async () => {
      const loose = out('loose');
      await writeFile(loose, randomBytes(32));
      await chmod(loose, 0o644);
      const short = out('short');
      await writeFile(short, randomBytes(31), { mode: 0o600 });
      for (const [k, why] of [[loose, /owner-only/], [short, /exactly 32/], [out('none'), /cannot open/]]) {
        const r = await runFail(['export', 'evaluation', '--db', db, '--from', FROM, '--to', TO, '--key-file', k, '--out', out('z')]);
        assert.notEqual(r.code, 0);
        assert.match(r.stderr, why);
      }
    });

    test('the linkage table: its own permission, audited, the same keys as the extract', async () => {
      const denied = await runFail(['export', 'linkage', '--db', db, '--key-file', k1, '--out', out('l0.csv'), '--user',
        'hub@demo.waymark.test']);
      assert.equal(denied.code, 3);
      assert.match(denied.stderr, /may not/);
      await runCli(['export', 'linkage', '--db', db, '--key-file', k1, '--out', out('l1.csv'), '--user', 'lead@demo.waymark.test']);
      const lines = (await readFile(out('l1.csv'), 'utf8')).trim().split('\r\n');
      assert.equal(lines[0], 'nhs_number,person_key');
      const table = Object.fromEntries(lines.slice(1).map((l) => l.split(',')));
      const digits = nhs.map((n) => n.replace(/ /g, ''));
      const x = await readExtract(out('a'), k1, digits);
      for (const d of digits.slice(0, 5)) assert.equal(table[d], x.keys[d]);
      assert.equal(table[digits[5]], undefined, 'a person without consent is not in the linkage table');
      const audit = sqlRows(db, "SELECT action, user_id FROM audit_events WHERE action LIKE 'evaluation.%' OR action = 'person.data_sharing_withdraw' ORDER BY id");
      const actions = audit.map((r) => r[0]);
      assert.ok(actions.includes('evaluation.linkage'));
      assert.ok(actions.includes('evaluation.extract'));
      assert.ok(actions.includes('person.data_sharing_withdraw'));
      // A second run may not overwrite the table.
      const again = await runFail(['export', 'linkage', '--db', db, '--key-file', k1, '--out', out('l1.csv'), '--user', 'lead@demo.waymark.test']);
      assert.notEqual(again.code, 0);
    });
  });
}
