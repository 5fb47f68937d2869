// Reports over real HTTP on SQLite and PostgreSQL: a known set of referrals
// (imported at known times, with contacts and declines) changes each
// dimension's rows by exactly the expected figures for the programme lead;
// the commissioner sees the same data with small numbers withheld and the
// rest rounded to 5; bad report, dimension and parameter are 400s naming
// them; every report answers by every dimension it takes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, runCli } from '../lib/server.mjs';
import { importReferrals, api, tokenFor } from '../lib/referrals.mjs';
import { reportFigures as figures } from '../lib/reports.mjs';

const servers = [];
after(async () => { for (const s of servers) await s.stop(); });

const iso = (t) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
const REPORTS = ['activity', 'followup', 'casework', 'onward', 'unmet-needs', 'outcomes', 'discharge', 'volunteers',
  'workforce', 'hours'];

const delta = (before, after, key, measure) =>
  (after.rows[key]?.values[measure] ?? 0) - (before.rows[key]?.values[measure] ?? 0);

for (const [name, pg] of [['SQLite', false], ['PostgreSQL', true]]) {
  test(`reports count a known set exactly by each dimension, and withhold small numbers from commissioners (${name})`,
    { skip: pg && !process.env.WAYMARK_TEST_PG_URL && 'WAYMARK_TEST_PG_URL not set' }, async () => {
      const srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' }, dbUrl: pg ? process.env.WAYMARK_TEST_PG_URL : undefined });
      servers.push(srv);
      const hub = await tokenFor(srv, 'hub@demo.waymark.test');
      const lead = await tokenFor(srv, 'lead@demo.waymark.test');
      const comm = await tokenFor(srv, 'commissioner@demo.waymark.test');
      const gp = await tokenFor(srv, 'gp@demo.waymark.test');
      const now = Math.floor(Date.now() / 1000);
      const today = new Date().toISOString().slice(0, 10);
      const from = new Date((now - 60 * 86400) * 1000).toISOString().slice(0, 10);
      const q = (by) => `from=${from}&to=${today}&by=${by}`;
      const dims = ['hwp_area', 'place_board', 'waveney', 'source', 'channel', 'age_band', 'rurality', 'pcn', 'month'];
      const before = {};
      for (const d of dims) before[d] = await figures(srv, lead, 'activity', q(d));

      // 9 in Waveney (Lowestoft, NR32: urban), 2 in Breckland (Thetford, IP24, practice SPBRK01), 1 in Norwich;
      // all received 3 days ago at 10:00; born 1950 (75 or 76: 75_84) except two born 2000 (25_34).
      const received = now - 3 * 86400;
      const rows = [];
      for (let i = 0; i < 9; i++) rows.push({ given: `W${i}`, family: 'Rptwav', received_at: iso(received), fields: {} });
      for (let i = 0; i < 2; i++) {
        rows.push({ given: `B${i}`, family: 'Rptbrk', received_at: iso(received),
          fields: { 'person.postcode': 'IP24 1JD', 'person.practice': 'SPBRK01', source: 'gp_practice', 'person.date_of_birth': '2000-02-02' } });
      }
      rows.push({ given: 'N0', family: 'Rptnor', received_at: iso(received), fields: { 'person.postcode': 'NR1 1AA' } });
      const ids = await importReferrals(srv, hub, rows);
      // Five Waveney referrals contacted within the hour; two declined.
      for (let i = 0; i < 5; i++) {
        const res = await api(srv, hub, 'POST', `/api/v1/referrals/${ids[`W${i} Rptwav`]}/contacts`,
          { at: iso(received + 3600), mode: 'telephone', outcome: 'successful' });
        assert.equal(res.status, 201, JSON.stringify(res.body));
      }
      for (const who of ['W8 Rptwav', 'N0 Rptnor']) {
        const res = await api(srv, hub, 'POST', `/api/v1/referrals/${ids[who]}/triage`, { tier: 'decline', reason: 'not_eligible' });
        assert.equal(res.status, 200, JSON.stringify(res.body));
      }

      const afterF = {};
      for (const d of dims) afterF[d] = await figures(srv, lead, 'activity', q(d));
      const want = {
        hwp_area: { waveney: 9, breckland: 2, norwich: 1 },
        place_board: { east: 9, south: 2, norwich: 1 },
        waveney: { waveney: 9, rest_of_norfolk: 3 },
        source: { self: 10, gp_practice: 2 },
        channel: { import: 12 },
        age_band: { '75_84': 10, '25_34': 2 },
        rurality: { urban_city_town: 12 },
        pcn: { 'Breckland PCN': 2, unknown: 10 },
      };
      for (const [d, keys] of Object.entries(want)) {
        for (const [key, n] of Object.entries(keys)) {
          assert.equal(delta(before[d], afterF[d], key, 'referrals_received'), n, `${d} ${key}`);
        }
        assert.equal(afterF[d].body.total.values.referrals_received - before[d].body.total.values.referrals_received, 12, d);
      }
      assert.equal(delta(before.hwp_area, afterF.hwp_area, 'waveney', 'first_contact_within_1_day'), 5);
      assert.equal(delta(before.hwp_area, afterF.hwp_area, 'waveney', 'not_yet_contacted'), 4);
      assert.equal(delta(before.hwp_area, afterF.hwp_area, 'waveney', 'triage_declined'), 1);
      assert.equal(delta(before.hwp_area, afterF.hwp_area, 'norwich', 'triage_declined'), 1);
      assert.equal(afterF.hwp_area.body.total.values.triage_decisions - before.hwp_area.body.total.values.triage_decisions, 2);
      assert.equal(afterF.hwp_area.body.definitions.referrals_received,
        'Referrals received: every referral whose receipt falls in the period, whatever happened to it later.');
      assert.deepEqual(afterF.hwp_area.body.rows.find((r) => r.key === 'waveney').suppressed, []);
      assert.equal(afterF.hwp_area.body.rows.find((r) => r.key === 'waveney').label, 'Waveney');

      // Per head: areas carry their population (data/population.csv) and each count per 1,000 people.
      const wav = afterF.hwp_area.rows.waveney;
      assert.equal(wav.population, 118000);
      assert.equal(wav.per_1000.referrals_received, Math.round(wav.values.referrals_received * 1e5 / 118000) / 100);
      assert.equal(afterF.waveney.rows.rest_of_norfolk.population, 140700 + 131700 + 99700 + 154300 + 103000 + 144000 + 143100);

      // A provider manager sees their organisation's figures only, and is told so.
      const manager = await tokenFor(srv, 'manager@demo.waymark.test');
      const mine = await figures(srv, manager, 'activity', q('hwp_area'));
      assert.ok(mine.body.notes.some((n) => /organisation only/.test(n)));
      assert.ok(mine.body.total.values.referrals_received < afterF.hwp_area.body.total.values.referrals_received);

      // The hub sees the same exact figures; the commissioner sees them withheld or rounded.
      const hubView = await figures(srv, hub, 'activity', q('hwp_area'));
      assert.deepEqual(hubView.body.rows, afterF.hwp_area.body.rows);
      const commView = await figures(srv, comm, 'activity', q('hwp_area'));
      assert.ok(commView.body.notes.some((n) => /withheld/.test(n)));
      for (const row of [...commView.body.rows, commView.body.total]) {
        const exact = row.key === 'total' ? afterF.hwp_area.body.total : afterF.hwp_area.rows[row.key];
        for (const [m, v] of Object.entries(row.values)) {
          const e = exact.values[m];
          if (e >= 1 && e <= 7) {
            assert.equal(v, null, `${row.key} ${m} (${e}) must be withheld`);
            assert.ok(row.suppressed.includes(m), `${row.key} ${m} listed`);
          }
          if (v !== null) {
            assert.equal(v % 5, 0, `${row.key} ${m} rounded to 5`);
            assert.ok(Math.abs(v - e) <= 2, `${row.key} ${m} near ${e}`);
            assert.ok(!row.suppressed.includes(m));
          }
        }
      }
      const nor = commView.rows.norwich;
      assert.equal(nor.values.referrals_received, null);
      // Secondary suppression: with a row withheld, no other column total gives it away.
      for (const m of Object.keys(commView.body.total.values)) {
        const withheld = commView.body.rows.filter((r) => r.values[m] === null && r.suppressed.includes(m));
        if (withheld.length === 1 && commView.body.total.values[m] !== null) assert.fail(`${m}: one cell withheld beside its shown total`);
      }

      // The summaries the hwp_area view came from equal a recount from raw rows, and the raw count gives the same rows.
      assert.match((await runCli(['report', 'check', '--db', srv.dbPath])).stdout, /equal a recount/);
      for (const by of ['hwp_area', 'tier', 'month', 'source']) {
        const show = async (...extra) => {
          const j = JSON.parse((await runCli(['report', 'show', 'activity', '--db', srv.dbPath, '--from', from, '--to', today,
            '--by', by, ...extra])).stdout);
          return { summaries: j.from_summaries, rows: j.rows, total: j.total };
        };
        const sum = await show();
        const raw = await show('--raw');
        assert.equal(sum.summaries, true);
        assert.equal(raw.summaries, false);
        assert.deepEqual(sum.rows, raw.rows, by);
        assert.deepEqual(sum.total, raw.total, by);
      }

      // Bad requests name what is wrong.
      let res = await api(srv, lead, 'GET', `/api/v1/reports/sales?${q('hwp_area')}`);
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.errors.map((e) => e.field), ['report']);
      res = await api(srv, lead, 'GET', `/api/v1/reports/activity?${q('shoe_size')}`);
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.errors.map((e) => e.field), ['by']);
      res = await api(srv, lead, 'GET', `/api/v1/reports/activity?by=closure_reason`);
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.errors.map((e) => e.field), ['by']);
      res = await api(srv, lead, 'GET', `/api/v1/reports/activity?area=waveney`);
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.errors.map((e) => e.field), ['area']);
      res = await api(srv, lead, 'GET', `/api/v1/reports/activity?from=2026-13-01`);
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.errors.map((e) => e.field), ['from']);
      res = await api(srv, gp, 'GET', '/api/v1/reports/activity');
      assert.equal(res.status, 403);

      // Every report answers by every dimension it takes (each statement runs on this engine).
      for (const report of REPORTS) {
        for (const d of ['', 'hwp_area', 'place_board', 'pcn', 'gp_cluster', 'practice', 'provider_org', 'hospital', 'rurality',
          'waveney', 'age_band', 'gender', 'ethnicity', 'disability', 'month', 'quarter', 'financial_year', 'source', 'channel',
          'tier', 'closure_reason', 'session_mode', 'service_category', 'service', 'instrument', 'triage_outcome',
          'rejection_reason', 'ward']) {
          const r2 = await api(srv, comm, 'GET', `/api/v1/reports/${report}?from=${from}&to=${today}${d ? `&by=${d}` : ''}`);
          assert.ok(r2.status === 200 || (r2.status === 400 && r2.body.errors[0].field === 'by'), `${report} by ${d}: ${r2.status}`);
          if (r2.status === 200) {
            assert.equal(r2.body.report, report);
            assert.deepEqual(Object.keys(r2.body.total.values), Object.keys(r2.body.definitions));
          }
        }
      }
    });
}

test('docs/REPORTS.md holds every measure and dimension as `waymark report doc` prints them', async () => {
  const { readFile } = await import('node:fs/promises');
  const { repoRoot } = await import('../lib/server.mjs');
  const doc = await readFile(`${repoRoot}/docs/REPORTS.md`, 'utf8');
  const generated = (await runCli(['report', 'doc'])).stdout;
  assert.ok(doc.includes(generated), 'docs/REPORTS.md is out of date: regenerate its section with `waymark report doc`');
});
