// Case-side reports over real HTTP on SQLite and PostgreSQL: a known set of
// cases, sessions, onward referrals, unmet needs and volunteer hours, made
// through the API, moves the casework, hours, onward, unmet-needs and
// volunteers reports by exactly the expected figures by at least two
// dimensions each (read from the summaries the writes keep); the
// commissioner's view of the same figures withholds small numbers; the same
// rows come from raw rows, and `waymark report check` finds the summaries
// equal to a recount afterwards.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, runCli } from '../lib/server.mjs';
import { importReferrals, api, tokenFor } from '../lib/referrals.mjs';
import { reportFigures as figures } from '../lib/reports.mjs';
import { addVolunteer, communitySupportReferral, dayAt } from '../lib/volunteers.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

const servers = [];
after(async () => { for (const s of servers) await s.stop(); });

const hoursAgo = (h) => new Date(Date.now() - h * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');

const value = (f, key, m) => (key === 'total' ? f.body.total : f.rows[key])?.values[m] ?? 0;
const round2 = (x) => Math.round(x * 100) / 100;

/** What each report is read by, and the figures the known set adds: [report, by, key, measure, delta]. */
const WANT = [
  ['casework', 'hwp_area', 'breckland', 'cases_opened', 4],
  ['casework', 'hwp_area', 'breckland', 'cases_closed', 2],
  ['casework', 'hwp_area', 'breckland', 'open_caseload', 2],
  ['casework', 'hwp_area', 'breckland', 'dropouts', 1],
  ['casework', 'hwp_area', 'breckland', 'sessions_delivered', 5],
  ['casework', 'hwp_area', 'breckland', 'continuing_support_arranged', 1],
  ['casework', 'closure_reason', 'completed', 'cases_closed', 1],
  ['casework', 'closure_reason', 'dropped_out', 'cases_closed', 1],
  ['casework', 'closure_reason', 'dropped_out', 'dropouts', 1],
  ['casework', 'closure_reason', 'none', 'open_caseload', 2],
  ['casework', 'closure_reason', 'not_applicable', 'sessions_delivered', 5],
  ['casework', 'session_mode', 'telephone', 'sessions_delivered', 3],
  ['casework', 'session_mode', 'face_to_face', 'sessions_delivered', 1],
  ['casework', 'session_mode', 'video', 'sessions_delivered', 1],
  ['casework', 'session_mode', 'not_applicable', 'cases_opened', 4],
  ['casework', 'tier', 'social_prescribing', 'cases_opened', 3],
  ['casework', 'tier', 'community_support', 'cases_opened', 1],
  ['casework', 'tier', 'social_prescribing', 'sessions_delivered', 5],
  ['hours', 'session_mode', 'telephone', 'session_hours', 1.25],
  ['hours', 'session_mode', 'face_to_face', 'session_hours', 0.75],
  ['hours', 'session_mode', 'video', 'session_hours', 0.5],
  ['hours', 'hwp_area', 'breckland', 'session_hours', 2.5],
  ['hours', 'hwp_area', 'breckland', 'volunteer_hours', 1.5],
  ['hours', 'source', 'self', 'volunteer_hours', 1.5],
  ['hours', 'source', 'gp_practice', 'session_hours', 2.5],
  ['onward', 'hwp_area', 'breckland', 'onward_referrals_made', 3],
  ['onward', 'hwp_area', 'breckland', 'onward_referrals_accepted', 2],
  ['onward', 'hwp_area', 'breckland', 'onward_referrals_attended', 1],
  ['onward', 'service_category', 'physical_health', 'onward_referrals_attended', 1],
  ['onward', 'service_category', 'money', 'onward_referrals_accepted', 1],
  ['onward', 'service_category', 'social_connection', 'onward_referrals_made', 1],
  ['onward', 'service', 'Rptcw Walking Group', 'onward_referrals_made', 1],
  ['onward', 'service', 'Rptcw Walking Group', 'onward_referrals_attended', 1],
  ['onward', 'service', 'Rptcw Debt Advice', 'onward_referrals_accepted', 1],
  ['onward', 'service', 'Rptcw Mens Shed', 'onward_referrals_accepted', 0],
  ['unmet-needs', 'hwp_area', 'breckland', 'unmet_needs', 2],
  ['unmet-needs', 'hwp_area', 'waveney', 'unmet_needs', 1],
  ['unmet-needs', 'service_category', 'practical_help', 'unmet_needs', 2],
  ['unmet-needs', 'service_category', 'money', 'unmet_needs', 1],
  ['volunteers', 'hwp_area', 'breckland', 'tasks_done', 1],
  ['volunteers', 'hwp_area', 'breckland', 'volunteer_hours', 1.5],
  ['volunteers', 'hwp_area', 'breckland', 'community_support_allocated', 1],
  ['volunteers', 'source', 'self', 'tasks_done', 1],
  ['volunteers', 'source', 'self', 'community_support_allocated', 1],
];

for (const [name, pg] of [['SQLite', false], ['PostgreSQL', true]]) {
  test(`case-side reports count a known set exactly by two dimensions each, withheld for commissioners (${name})`,
    { skip: pg && !process.env.WAYMARK_TEST_PG_URL && 'WAYMARK_TEST_PG_URL not set' }, async () => {
      const srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' }, dbUrl: pg ? process.env.WAYMARK_TEST_PG_URL : undefined });
      servers.push(srv);
      const tok = {};
      for (const [k, email] of Object.entries({ hub: 'hub@demo.waymark.test', lead: 'lead@demo.waymark.test',
        lww: 'lww@demo.waymark.test', volco: 'volco@demo.waymark.test', comm: 'commissioner@demo.waymark.test' })) {
        tok[k] = await tokenFor(srv, email);
      }
      const now = Math.floor(Date.now() / 1000);
      const today = new Date().toISOString().slice(0, 10);
      const from = new Date((now - 60 * 86400) * 1000).toISOString().slice(0, 10);
      const q = (by) => `from=${from}&to=${today}&by=${by}`;
      const views = [...new Set(WANT.map(([r, by]) => `${r}|${by}`))].map((v) => v.split('|'));
      const read = async (token) => {
        const out = {};
        for (const [r, by] of views) out[`${r}|${by}`] = await figures(srv, token, r, q(by));
        return out;
      };
      const before = await read(tok.lead);

      // Three GP referrals in Breckland (IP24, practice SPBRK01) triaged to social prescribing: Lucy Walker's cases.
      const cases = [];
      for (const given of ['Ann', 'Bea', 'Cal']) {
        const ids = await importReferrals(srv, tok.hub, [{ given, family: 'Rptcw', received_at: hoursAgo(5),
          fields: { source: 'gp_practice', 'person.practice': 'SPBRK01', reasons: 'social_isolation', 'person.postcode': 'IP24 1AB' } }]);
        const t = await api(srv, tok.hub, 'POST', `/api/v1/referrals/${ids[`${given} Rptcw`]}/triage`, { tier: 'social_prescribing' });
        assert.equal(t.status, 200, JSON.stringify(t.body));
        cases.push(t.body.case_id);
      }
      const [a, b, c] = cases;
      const post = async (id, what, body, status = 201) => {
        const r = await api(srv, tok.lww, 'POST', `/api/v1/cases/${id}/${what}`, body);
        assert.equal(r.status, status, `${what}: ${JSON.stringify(r.body)}`);
        return r.body;
      };
      // Sessions: telephone 30 + 30 and face to face 45 on A, video 30 on B, telephone 15 on C (150 minutes).
      await post(a, 'sessions', { mode: 'telephone', duration_minutes: 30 });
      await post(a, 'sessions', { mode: 'telephone', duration_minutes: 30 });
      await post(a, 'sessions', { mode: 'face_to_face', duration_minutes: 45 });
      await post(b, 'sessions', { mode: 'video', duration_minutes: 30 });
      await post(c, 'sessions', { mode: 'telephone', duration_minutes: 15 });
      // Onward referrals: one attended, one accepted, one only made.
      const walk = await post(a, 'onward-referrals', { service_name: 'Rptcw Walking Group', domain: 'physical_health' });
      const debt = await post(a, 'onward-referrals', { service_name: 'Rptcw Debt Advice', domain: 'money' });
      await post(b, 'onward-referrals', { service_name: 'Rptcw Mens Shed', domain: 'social_connection' });
      await post(a, `onward-referrals/${walk.id}/status`, { status: 'accepted' }, 200);
      await post(a, `onward-referrals/${walk.id}/status`, { status: 'attended' }, 200);
      await post(a, `onward-referrals/${debt.id}/status`, { status: 'accepted' }, 200);
      // Unmet needs: two practical in the person's area (Breckland), one about money in Waveney.
      await post(a, 'unmet-needs', { need: 'Evening transport to the group', domain: 'practical_help' });
      await post(c, 'unmet-needs', { need: 'No befriending nearby', domain: 'practical_help' });
      await post(b, 'unmet-needs', { need: 'Debt advice with a wait under a month', domain: 'money', area: 'waveney' });
      // A closed as completed with continuing support; B closed as dropped out; C stays open.
      await post(a, 'close', { reason: 'completed', continuing_support: true }, 200);
      await post(b, 'close', { reason: 'dropped_out', continuing_support: false }, 200);

      // A community support self-referral in Breckland (a fourth case) whose task a volunteer did for 1:30.
      const vol = await addVolunteer(srv, tok.volco, { name: 'Rptcw Volunteer', email: '', postcode: 'IP24 1AB' });
      const ref = await communitySupportReferral(srv, tok.hub, { postcode: 'IP24 1AB', family: 'Rptcwcs' });
      const task = (await api(srv, tok.volco, 'POST', '/api/v1/tasks', {
        referral_id: ref, type: 'shopping', window_start: dayAt(1, 9), window_end: dayAt(1, 16),
      })).body.task_ids[0];
      assert.equal((await api(srv, tok.volco, 'POST', '/api/v1/match/offers', { offers: [{ task_id: task, volunteer_id: vol.id }] })).status, 201);
      assert.equal((await api(srv, tok.volco, 'POST', `/api/v1/tasks/${task}/answer`, { accept: true })).status, 200);
      // A task is logged as done once it has started: it took place yesterday (the window is not in any report).
      sqlRows(srv.dbPath, `UPDATE tasks SET window_from = window_from - 172800, window_to = window_to - 172800 WHERE id = ${task}`);
      const log = await api(srv, tok.volco, 'POST', `/api/v1/tasks/${task}/log`, { outcome: 'done', hours: '1:30' });
      assert.equal(log.status, 200, JSON.stringify(log.body));

      const afterF = await read(tok.lead);
      for (const [r, by, key, m, want] of WANT) {
        const f0 = before[`${r}|${by}`], f1 = afterF[`${r}|${by}`];
        assert.equal(round2(value(f1, key, m) - value(f0, key, m)), want, `${r} by ${by}: ${key} ${m}`);
        assert.equal(f1.body.from_summaries ?? true, true);
      }
      // Totals move by the same as the rows.
      assert.equal(value(afterF['casework|session_mode'], 'total', 'sessions_delivered') -
        value(before['casework|session_mode'], 'total', 'sessions_delivered'), 5);
      assert.equal(value(afterF['unmet-needs|hwp_area'], 'total', 'unmet_needs') -
        value(before['unmet-needs|hwp_area'], 'total', 'unmet_needs'), 3);

      // The commissioner reads the same data with counts of 1 to 7 withheld and the rest rounded to 5.
      const comm = await read(tok.comm);
      for (const [view, exact] of Object.entries(afterF)) {
        const cv = comm[view];
        assert.ok(cv.body.notes.some((n) => /withheld/.test(n)), view);
        for (const row of [...cv.body.rows, cv.body.total]) {
          const e = row.key === 'total' ? exact.body.total : exact.rows[row.key];
          for (const [m, v] of Object.entries(row.values)) {
            const n = e.values[m];
            if (/mean|hours|percent|fte|expected/.test(m) || !Number.isInteger(n)) continue;
            if (n >= 1 && n <= 7) {
              assert.equal(v, null, `${view} ${row.key} ${m} (${n}) must be withheld`);
              assert.ok(row.suppressed.includes(m), `${view} ${row.key} ${m} listed`);
            } else if (v !== null) {
              assert.equal(v % 5, 0, `${view} ${row.key} ${m} rounded to 5`);
              assert.ok(Math.abs(v - n) <= 2, `${view} ${row.key} ${m}: ${v} near ${n}`);
            }
          }
        }
      }
      // The walking group had one onward referral: the commissioner cannot see it.
      const svc = comm['onward|service'].rows['Rptcw Walking Group'];
      assert.equal(svc.values.onward_referrals_made, null);
      assert.ok(svc.suppressed.includes('onward_referrals_made'));

      // The summaries equal a recount from raw rows, and raw rows give the same figures.
      assert.match((await runCli(['report', 'check', '--db', srv.dbPath])).stdout, /equal a recount/);
      for (const [r, by] of [...views, ['casework', 'pcn'], ['casework', 'rurality'], ['casework', 'month'],
        ['outcomes', 'instrument'], ['workforce', 'place_board'], ['hours', 'waveney']]) {
        const show = async (...extra) => {
          const j = JSON.parse((await runCli(['report', 'show', r, '--db', srv.dbPath, '--from', from, '--to', today,
            '--by', by, ...extra])).stdout);
          return { summaries: j.from_summaries, rows: j.rows, total: j.total };
        };
        const sum = await show();
        const raw = await show('--raw');
        assert.equal(raw.summaries, false);
        assert.deepEqual(sum.rows, raw.rows, `${r} by ${by}`);
        assert.deepEqual(sum.total, raw.total, `${r} by ${by}`);
      }
    });
}
