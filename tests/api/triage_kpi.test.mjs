// Acceptance: a day's referrals, triaged and contacted at known times, give
// exactly the expected follow-up KPI figures, on SQLite and on PostgreSQL.
//
// The day is Friday 6 March 2026 (GMT, so London time is UTC). The clock
// stops from Saturday 00:00 to Monday 00:00, so a referral received on Friday
// at 11:00 and reached on Monday at 09:00 took 13 + 9 = 22 counted hours.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { importReferrals, api, tokenFor } from '../lib/referrals.mjs';

const servers = [];
after(async () => { for (const s of servers) await s.stop(); });

// given name, received (UTC), contacts [at, outcome], decline code
const DAY = [
  ['Ada', '2026-03-06T09:00:00Z', [['2026-03-06T10:30:00Z', 'successful']]],                 // 1.5 h
  ['Ben', '2026-03-06T10:00:00Z', [['2026-03-06T11:00:00Z', 'no_answer'], ['2026-03-06T14:00:00Z', 'successful']]], // 4 h
  ['Cat', '2026-03-06T11:00:00Z', [['2026-03-09T09:00:00Z', 'successful']]],                 // 22 counted h: within
  ['Dev', '2026-03-06T12:00:00Z', [['2026-03-09T13:00:00Z', 'successful']]],                 // 25 counted h: late
  ['Eve', '2026-03-06T13:00:00Z', [['2026-03-06T15:00:00Z', 'message_left']]],               // never reached: overdue
  ['Fay', '2026-03-06T14:00:00Z', [['2026-03-06T14:15:00Z', 'successful']]],                 // 0.25 h
  ['Gus', '2026-03-06T15:00:00Z', [['2026-03-06T16:00:00Z', 'successful']]],                 // 1 h
  ['Hal', '2026-03-06T16:00:00Z', [], 'out_of_area'],                                        // rejected, never reached: left out
  // Outside the day (London midnights): not counted.
  ['Ivo', '2026-03-05T23:59:59Z', [['2026-03-06T09:00:00Z', 'successful']]],
  ['Jan', '2026-03-07T00:00:00Z', []],
];

async function runDay(srv) {
  const hub = await tokenFor(srv, 'hub@demo.waymark.test');
  const ids = await importReferrals(srv, hub, DAY.map(([given, received_at]) => ({ given, family: 'Kpitest', received_at })));
  for (const [given, , contacts, decline] of DAY) {
    const id = ids[`${given} Kpitest`];
    for (const [at, outcome] of contacts) {
      const r = await api(srv, hub, 'POST', `/api/v1/referrals/${id}/contacts`, { at, mode: 'telephone', outcome });
      assert.equal(r.status, 201, JSON.stringify(r.body));
    }
    if (decline) {
      const r = await api(srv, hub, 'POST', `/api/v1/referrals/${id}/triage`, { tier: 'decline', reason: decline });
      assert.equal(r.status, 200, JSON.stringify(r.body));
      assert.equal(r.body.status, 'rejected');
    }
  }
  const k = await api(srv, hub, 'GET', '/api/v1/kpi/follow-up?from=2026-03-06&to=2026-03-06&area=waveney');
  assert.equal(k.status, 200, JSON.stringify(k.body));
  const figures = { ...k.body };
  delete figures.as_at;
  assert.deepEqual(figures, {
    from: '2026-03-06', to: '2026-03-06', area: 'waveney', allowance_hours: 24,
    received: 7,
    contacted: 6,
    contacted_within_allowance: 5,
    contacted_late: 1,
    overdue: 1,
    breaches: 2,
    at_risk: 0,
    pending: 0,
    percentage: 71.43,                          // 5 of 7
    median_counted_hours_to_first_contact: 2.75, // 0.25, 1, 1.5 | 4, 22, 25 -> (1.5 + 4) / 2
    median_counted_seconds_to_first_contact: 9900,
    attempts: 8,
    excluded: 1,
    due: 7,                                     // every one's 24 hours have passed
    not_yet_due: 0,
    percentage_of_due: 71.43,
  });
  // The two days either side hold one referral each; another area holds none of them.
  const wider = await api(srv, hub, 'GET', '/api/v1/kpi/follow-up?from=2026-03-05&to=2026-03-07&area=waveney');
  assert.equal(wider.body.received, 9);
  const elsewhere = await api(srv, hub, 'GET', '/api/v1/kpi/follow-up?from=2026-03-06&to=2026-03-06&area=norwich');
  assert.equal(elsewhere.body.received, 0);
  assert.equal(elsewhere.body.percentage, null);
  assert.equal(elsewhere.body.median_counted_hours_to_first_contact, null);
  // The page shows the same figures.
  const res = await fetch(`${srv.url}/kpi/follow-up?from=2026-03-06&to=2026-03-06&area=waveney`,
    { headers: { authorization: `Bearer ${hub}`, accept: 'text/html' } });
  const html = await res.text();
  assert.equal(res.status, 200);
  assert.match(html, /Received<\/dt><dd class="nhsuk-summary-list__value">7</);
  assert.match(html, /71\.43%/);
  // The page takes dates as typed, in its day, month and year boxes too.
  const boxes = await fetch(`${srv.url}/kpi/follow-up?from.day=6&from.month=3&from.year=2026&to=6+Mar+2026&area=waveney`,
    { headers: { authorization: `Bearer ${hub}`, accept: 'text/html' } });
  const boxHtml = await boxes.text();
  assert.equal(boxes.status, 200);
  assert.match(boxHtml, /From 6 Mar 2026 to 6 Mar 2026\./);
  assert.match(boxHtml, /71\.43%/);
  assert.match(html, /2\.75 hours/);
}

test('a day of referrals gives exactly the expected follow-up KPI (SQLite)', async () => {
  const srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } });
  servers.push(srv);
  await runDay(srv);
});

test('the same day gives the same figures on PostgreSQL', { skip: !process.env.WAYMARK_TEST_PG_URL && 'WAYMARK_TEST_PG_URL not set' }, async () => {
  const srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' }, dbUrl: process.env.WAYMARK_TEST_PG_URL });
  servers.push(srv);
  await runDay(srv);
});

test('the headline rate leaves out referrals not yet due, and counts them apart', async () => {
  const srv = servers[0];
  const hub = await tokenFor(srv, 'hub@demo.waymark.test');
  const get = async () => (await api(srv, hub, 'GET', '/api/v1/kpi/follow-up')).body;
  const before = await get();
  assert.equal(before.due + before.not_yet_due, before.received);
  assert.equal(before.not_yet_due, before.pending);
  const pct = (n, d) => (d ? Math.round((n / d) * 10000) / 100 : null);
  assert.equal(before.percentage_of_due, pct(before.contacted_within_allowance, before.due));
  // Two referrals received a minute ago: not due, so the headline stays; the rate over everything received falls.
  const justNow = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  await importReferrals(srv, hub, [{ given: 'Nora', family: 'Notdue', received_at: justNow },
    { given: 'Ned', family: 'Notdue', received_at: justNow }]);
  const after = await get();
  assert.equal(after.received, before.received + 2);
  assert.equal(after.not_yet_due, before.not_yet_due + 2);
  assert.equal(after.due, before.due);
  assert.equal(after.percentage_of_due, before.percentage_of_due);
  assert.ok(after.percentage < before.percentage, `${after.percentage} < ${before.percentage}`);
  const res = await fetch(`${srv.url}/kpi/follow-up`, { headers: { authorization: `Bearer ${hub}`, accept: 'text/html' } });
  const html = await res.text();
  assert.match(html, new RegExp(`${after.not_yet_due} more are not yet due and are not counted`));
});

test('the KPI names a bad period or area', async () => {
  const srv = servers[0];
  const hub = await tokenFor(srv, 'hub2@demo.waymark.test');
  for (const [q, field] of [['from=2026-02-30', 'from'], ['to=tomorrow', 'to'], ['from=2026-03-07&to=2026-03-06', 'from'],
    ['area=atlantis', 'area']]) {
    const r = await api(srv, hub, 'GET', `/api/v1/kpi/follow-up?${q}`);
    assert.equal(r.status, 422, q);
    assert.match(r.headers.get('content-type'), /application\/problem\+json/);
    assert.deepEqual(r.body.errors.map((e) => e.field), [field], q);
  }
  // Commissioners see the aggregate figures; link workers do not.
  assert.equal((await api(srv, await tokenFor(srv, 'commissioner@demo.waymark.test'), 'GET', '/api/v1/kpi/follow-up')).status, 200);
  assert.equal((await api(srv, await tokenFor(srv, 'lww@demo.waymark.test'), 'GET', '/api/v1/kpi/follow-up')).status, 403);
});
