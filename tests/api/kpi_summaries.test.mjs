// The follow-up KPI's summaries stay equal to a recount from raw rows after a
// random mixed workload through the API (imports at random times, contacts
// of every outcome recorded out of order, declines, a person moving area)
// and after `waymark gen`, on SQLite and PostgreSQL; the API's figures (from
// the summaries) equal the count over raw rows.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, runCli } from '../lib/server.mjs';
import { importReferrals, api, tokenFor, nhsNumbers } from '../lib/referrals.mjs';

const servers = [];
after(async () => { for (const s of servers) await s.stop(); });

/** A small seeded generator, so a failure can be replayed. */
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

const iso = (t) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');

async function workload(srv, seed) {
  const r = rng(seed);
  const hub = await tokenFor(srv, 'hub@demo.waymark.test');
  const now = Math.floor(Date.now() / 1000);
  const start = now - 70 * 86400;
  const nhs = nhsNumbers(400000000 + (seed % 1000) * 1000)();
  const rows = [];
  for (let i = 0; i < 40; i++) {
    const postcode = r() < 0.5 ? 'NR32 1AA' : 'PE30 1AB';
    rows.push({ given: `P${i}`, family: `Kpimix${seed}`, received_at: iso(start + Math.floor(r() * 68 * 86400)),
      fields: { 'person.postcode': postcode } });
  }
  rows[0].fields['person.nhs_number'] = nhs;
  const ids = await importReferrals(srv, hub, rows);
  // The same person (by NHS number) referred again from another area: their earlier referral moves area.
  await importReferrals(srv, hub, [{ given: 'P0', family: `Kpimix${seed}`, received_at: iso(now - 2 * 86400),
    fields: { 'person.postcode': 'IP24 1JD', 'person.nhs_number': nhs } }]);
  const outcomes = ['successful', 'no_answer', 'message_left', 'successful'];
  for (const [i, row] of rows.entries()) {
    const id = ids[`${row.given} ${row.family}`];
    const received = Date.parse(row.received_at) / 1000;
    const n = Math.floor(r() * 4);
    for (let k = 0; k < n; k++) {
      const at = Math.min(now - 60, received + Math.floor(r() * 4 * 86400));
      const res = await api(srv, hub, 'POST', `/api/v1/referrals/${id}/contacts`,
        { at: iso(at), mode: 'telephone', outcome: outcomes[Math.floor(r() * outcomes.length)] });
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
    if (i % 7 === 3) {
      const res = await api(srv, hub, 'POST', `/api/v1/referrals/${id}/triage`, { tier: 'decline', reason: 'not_eligible' });
      assert.ok([200, 409].includes(res.status), JSON.stringify(res.body));
    }
  }
  return hub;
}

async function agree(srv, hub) {
  const { stdout } = await runCli(['kpi', 'check', '--db', srv.dbPath]);
  assert.match(stdout, /equal a recount/);
  const today = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 80 * 86400e3).toISOString().slice(0, 10);
  for (const q of [`from=${from}&to=${today}`, `from=${from}&to=${today}&area=waveney`, `from=${from}&to=${today}&area=breckland`, '']) {
    const k = await api(srv, hub, 'GET', `/api/v1/kpi/follow-up?${q}`);
    assert.equal(k.status, 200);
    const p = new URLSearchParams(q);
    const args = ['kpi', 'followup', '--db', srv.dbPath, '--raw', '--at', k.body.as_at];
    for (const key of ['from', 'to', 'area']) if (p.get(key)) args.push(`--${key}`, p.get(key));
    if (!p.get('from')) args.push('--from', k.body.from, '--to', k.body.to);
    const raw = JSON.parse((await runCli(args)).stdout);
    for (const key of ['received', 'contacted', 'contacted_within_allowance', 'contacted_late', 'overdue', 'breaches',
      'at_risk', 'pending', 'percentage', 'median_counted_hours_to_first_contact',
      'median_counted_seconds_to_first_contact', 'attempts', 'excluded']) {
      assert.equal(k.body[key], raw[key], `${q}: ${key}`);
    }
  }
}

for (const [name, pg] of [['SQLite', false], ['PostgreSQL', true]]) {
  test(`summaries equal a recount after a random mixed workload (${name})`,
    { skip: pg && !process.env.WAYMARK_TEST_PG_URL && 'WAYMARK_TEST_PG_URL not set' }, async () => {
      const srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' }, dbUrl: pg ? process.env.WAYMARK_TEST_PG_URL : undefined });
      servers.push(srv);
      const hub = await workload(srv, 20261122);
      await agree(srv, hub);
      // A rebuild gives the same summaries.
      await runCli(['kpi', 'rebuild', '--db', srv.dbPath]);
      await agree(srv, hub);
    });
}
