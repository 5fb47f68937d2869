// GET /api/v1/evaluation/outcomes on generated data (`waymark gen`, then the
// demo accounts), on SQLite and, when WAYMARK_TEST_PG_URL is set, PostgreSQL:
// every figure agrees with SciPy computing from the raw measures (values to
// 1e-9, p-values to 1e-6), whole and by HWP area; commissioners get the
// small-number rule; bad questions are 400s naming the parameter; only the
// programme lead and commissioners may ask.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, runCli, startServer, waymarkBin } from '../lib/server.mjs';
import { api, tokenFor } from '../lib/referrals.mjs';
import { sqlRows, resetPostgres } from '../lib/dbcheck.mjs';

const execFileP = promisify(execFile);

/** Runs waymark with text on its standard input. */
function runWithStdin(args, input) {
  return new Promise((resolve, reject) => {
    const child = execFile(waymarkBin(), args, (err, stdout, stderr) => (err ? reject(new Error(stderr)) : resolve(stdout)));
    child.stdin.end(input);
  });
}
const FROM = '2026-01-01';
const TO = '2026-09-30';
const OUTCOMES = '/api/v1/evaluation/outcomes';

/** London midnight of a YYYY-MM-DD day as UTC seconds. */
function londonMidnight(day) {
  const utc = Date.parse(`${day}T00:00:00Z`) / 1000;
  const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: 'numeric', hourCycle: 'h23' })
    .format(new Date(utc * 1000)));
  return utc - hour * 3600; /* BST: London midnight is 23:00 the day before */
}

for (const [backend, pg] of [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]]) {
  const skip = backend === 'PostgreSQL' && !pg && 'WAYMARK_TEST_PG_URL not set';
  describe(`evaluation outcomes on ${backend}`, { skip }, () => {
    let srv, dir, db;
    const tok = {};
    before(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'waymark-eval-'));
      db = pg || path.join(dir, 'e.db');
      if (pg) resetPostgres(pg);
      await runCli(['init', '--db', db]);
      await runCli(['gen', '--referrals', '3000', '--seed', '5', '--until', '2026-10-31', '--quiet', '--db', db]);
      // Accounts of their own (`waymark demo` cannot follow `gen` on PostgreSQL: gen sets ids itself).
      const orgs = { lead: ['Eval Lead', 'lead_provider'], commissioner: ['Eval ICB', 'commissioner'],
        hub: ['Eval Lead', 'lead_provider'], manager: ['Eval Provider', 'provider'] };
      const roles = { lead: 'programme_lead', commissioner: 'commissioner', hub: 'hub_coordinator', manager: 'provider_manager' };
      for (const [name, kind] of new Map(Object.values(orgs))) await runCli(['org', 'add', '--db', db, '--name', name, '--kind', kind]);
      srv = await startServer({ init: false, demo: false, dbUrl: db });
      for (const k of Object.keys(roles)) {
        await runWithStdin(['user', 'add', '--db', db, '--email', `${k}@eval.test`, '--name', k, '--role', roles[k],
          '--org', orgs[k][0], '--password-stdin'], 'a-long-password-1\n');
        tok[k] = await tokenFor(srv, `${k}@eval.test`);
      }
    });
    after(async () => {
      await srv?.stop();
      await rm(dir, { recursive: true, force: true });
    });

    test('the figures agree with SciPy from the raw measures, whole and by HWP area', async () => {
      const q = `?instrument=swemwbs&from=${FROM}&to=${TO}`;
      const whole = await api(srv, tok.lead, 'GET', OUTCOMES + q);
      assert.equal(whole.status, 200, JSON.stringify(whole.body));
      for (const f of ['n_paired', 'baseline_mean', 'followup_mean', 'mean_change', 'ci95_low', 'ci95_high',
        'median_change', 'wilcoxon_w', 'wilcoxon_p', 'effect_size', 'improved', 'unchanged', 'worsened', 'no_followup']) {
        assert.ok(f in whole.body, `no ${f} at the top level`);
      }
      assert.ok(whole.body.n_paired > 100, `only ${whole.body.n_paired} pairs`);
      assert.ok(whole.body.no_followup > 0);
      const byArea = await api(srv, tok.lead, 'GET', `${OUTCOMES}${q}&by=hwp_area`);
      assert.equal(byArea.status, 200);
      assert.ok(byArea.body.rows.length >= 2);
      assert.deepEqual(byArea.body.total, Object.fromEntries(Object.entries(whole.body)
        .filter(([k]) => !['instrument', 'item', 'from', 'to', 'by', 'meaningful_change', 'meaningful_change_rule',
          'small_number_rule'].includes(k))));

      const rows = sqlRows(db, "SELECT m.person_id, m.case_id, m.phase, m.at, m.score_x100, COALESCE(p.area, '') " +
        "FROM measures m JOIN people p ON p.id = m.person_id WHERE m.instrument = 'swemwbs'")
        .map(([p, c, ph, at, s, a]) => [Number(p), Number(c), ph, Number(at), Number(s), a]);
      const measures = path.join(dir, 'measures.json');
      const answers = path.join(dir, 'answers.json');
      await writeFile(measures, JSON.stringify({ from_utc: londonMidnight(FROM), to_utc: londonMidnight('2026-10-01'),
        meaningful_x100: Math.round(whole.body.meaningful_change * 100), rows }));
      await writeFile(answers, JSON.stringify({ whole: whole.body, hwp_area: byArea.body }));
      let out;
      try {
        out = await execFileP('/usr/bin/python3', [path.join(repoRoot, 'tests/eval/scipy_check.py'), waymarkBin(), 'cohort',
          measures, answers], { timeout: 120_000 });
      } catch (err) {
        assert.fail(`SciPy disagrees:\n${err.stdout}${err.stderr}`);
      }
      const sets = out.stdout.trim().split('\n').map((l) => JSON.parse(l));
      assert.ok(sets.length >= 3);
      for (const s of sets) assert.equal(s.ok, true, JSON.stringify(s));
    });

    test('every breakdown answers rows with the named fields', async () => {
      for (const by of ['hwp_area', 'place_board', 'gp_cluster', 'practice', 'provider', 'age_band', 'gender', 'ethnicity',
        'disability']) {
        const r = await api(srv, tok.lead, 'GET', `${OUTCOMES}?instrument=swemwbs&from=${FROM}&to=${TO}&by=${by}`);
        assert.equal(r.status, 200, by);
        assert.equal(r.body.by, by);
        assert.ok(r.body.rows.length >= 1, by);
        const sum = r.body.rows.reduce((a, x) => a + x.n_paired, 0);
        assert.equal(sum, r.body.total.n_paired, `${by}: rows add up to the total`);
        for (const row of r.body.rows) assert.ok(row.key && row.label && 'wilcoxon_p' in row && 'no_followup' in row, by);
      }
      const ons = await api(srv, tok.lead, 'GET', `${OUTCOMES}?instrument=ons4&item=anxiety`);
      assert.equal(ons.status, 200);
      assert.equal(ons.body.item, 'anxiety');
      assert.equal(ons.body.meaningful_change, null);
    });

    test('commissioners get the small-number rule', async () => {
      const r = await api(srv, tok.commissioner, 'GET', `${OUTCOMES}?instrument=swemwbs&from=${FROM}&to=${TO}&by=practice`);
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.small_number_rule, { threshold: 7 });
      let withheld = 0;
      for (const row of [...r.body.rows, r.body.total]) {
        for (const k of ['n_paired', 'improved', 'unchanged', 'worsened', 'no_followup']) {
          if (row[k] === null) {
            withheld++;
            assert.ok(row.suppressed.includes(k));
          } else {
            assert.equal(row[k] % 5, 0, `${k} ${row[k]} is not rounded to 5`);
          }
        }
        if (row.n_paired === null) assert.equal(row.mean_change, null);
      }
      assert.ok(withheld > 0, 'some practice has few enough people to be withheld');
      const lead = await api(srv, tok.lead, 'GET', `${OUTCOMES}?instrument=swemwbs&from=${FROM}&to=${TO}&by=practice`);
      assert.equal(lead.body.small_number_rule, null);
      assert.ok(lead.body.rows.some((x) => x.n_paired >= 1 && x.n_paired <= 7), 'the lead sees exact small counts');
    });

    test('bad questions are 400s naming the parameter; other roles are refused', async () => {
      const r = await api(srv, tok.lead, 'GET', `${OUTCOMES}?instrument=nope&from=2026-13-01&by=street`);
      assert.equal(r.status, 400);
      assert.deepEqual(r.body.errors.map((e) => e.field).sort(), ['by', 'from', 'instrument']);
      assert.equal((await api(srv, tok.lead, 'GET', `${OUTCOMES}?instrument=ons4`)).body.errors[0].field, 'item');
      assert.equal((await api(srv, tok.lead, 'GET', `${OUTCOMES}?instrument=swemwbs&colour=red`)).status, 400);
      for (const k of ['hub', 'manager']) assert.equal((await api(srv, tok[k], 'GET', `${OUTCOMES}?instrument=swemwbs`)).status, 403);
      assert.equal((await api(srv, null, 'GET', `${OUTCOMES}?instrument=swemwbs`)).status, 401);
    });
  });
}
