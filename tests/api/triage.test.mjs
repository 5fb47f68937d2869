// Triage over real HTTP: confirm, override with a reason, decline with a code;
// allocation to Living Well Workers by GP cluster (with overflow), to support
// workers by area, community support tasks, signposting; contacts,
// reallocation, worker absences, the queue, the breach watch and the rules.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { importReferrals, wholeQueue, api, tokenFor, fieldsOf } from '../lib/referrals.mjs';

let srv;
const tok = {};
let workers = {};
const hoursAgo = (h) => new Date(Date.now() - h * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');

before(async () => {
  srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } });
  for (const [k, email] of Object.entries({
    hub: 'hub@demo.waymark.test', lead: 'lead@demo.waymark.test', lww: 'lww@demo.waymark.test',
    lww3: 'lww3@demo.waymark.test', manager: 'manager@demo.waymark.test', manager2: 'manager2@demo.waymark.test',
    volunteer: 'volunteer@demo.waymark.test', support: 'support@demo.waymark.test',
  })) tok[k] = await tokenFor(srv, email);
  const w = await api(srv, tok.hub, 'GET', '/api/v1/workers');
  assert.equal(w.status, 200);
  workers = Object.fromEntries(w.body.workers.map((x) => [x.name, x]));
});
after(async () => { await srv?.stop(); });

const triage = (id, body, token = tok.hub) => api(srv, token, 'POST', `/api/v1/referrals/${id}/triage`, body);

test('the queue suggests a tier with its reason, due soonest first', async () => {
  const ids = await importReferrals(srv, tok.hub, [
    { given: 'Queue', family: 'Gp', received_at: hoursAgo(30), fields: { source: 'gp_practice', 'person.practice': 'SPBRK01', reasons: 'social_isolation', 'person.postcode': 'IP24 1AB' } },
  ]);
  const q = await wholeQueue(srv, tok.hub, '&source=gp_practice');
  assert.equal(q.status, 200);
  const row = q.body.referrals.find((r) => r.id === ids['Queue Gp']);
  assert.equal(row.suggested_tier, 'social_prescribing');
  assert.match(row.suggestion_reason, /GP practice/);
  assert.ok(q.body.referrals.every((r) => r.source === 'gp_practice'));
  const due = q.body.referrals.map((r) => r.sla_due_at);
  assert.deepEqual(due, [...due].sort());
  const byTier = await api(srv, tok.hub, 'GET', '/api/v1/triage/queue?tier=community_support');
  assert.ok(byTier.body.referrals.length > 0);
  assert.ok(byTier.body.referrals.every((r) => r.suggested_tier === 'community_support'));
  const bad = await api(srv, tok.hub, 'GET', '/api/v1/triage/queue?area=atlantis&tier=nope');
  assert.equal(bad.status, 422);
  assert.deepEqual(fieldsOf(bad).sort(), ['area', 'tier']);
});

test('confirming a GP referral allocates it to the least-loaded Living Well Worker of the cluster', async () => {
  const ids = await importReferrals(srv, tok.hub, [
    { given: 'Confirm', family: 'Gp', received_at: hoursAgo(2), fields: { source: 'gp_practice', 'person.practice': 'SPBRK04', reasons: 'social_isolation;physical_activity', 'person.postcode': 'IP24 2AA' } },
  ]);
  const id = ids['Confirm Gp'];
  // Before triage the referral shows the suggestion and its reason; staff of other organisations cannot see it.
  const before = await api(srv, tok.hub, 'GET', `/api/v1/referrals/${id}`);
  assert.equal(before.status, 200);
  assert.equal(before.body.suggested_tier, 'social_prescribing');
  assert.match(before.body.suggestion_reason, /Living Well Worker/);
  assert.equal(before.body.case_id, null);
  assert.equal((await api(srv, tok.lww, 'GET', `/api/v1/referrals/${id}`)).status, 404);
  const r = await triage(id, { tier: 'social_prescribing' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.outcome, 'confirmed');
  assert.equal(r.body.status, 'allocated');
  assert.equal(r.body.suggested_tier, 'social_prescribing');
  assert.equal(r.body.rules_version, 1);
  assert.equal(r.body.allocated_worker.name, 'Lucy Walker');
  assert.equal(r.body.allocated_organisation.name, 'Breckland Community Support');
  assert.match(r.body.allocation.reason, /^Breckland cluster, \d+ of 100 this year$/);
  assert.equal(typeof r.body.case_id, 'number');
  // From now on the referral shows its case, organisation and worker, and the
  // staff of the organisation holding it can read it; others still cannot.
  const held = await api(srv, tok.lww, 'GET', `/api/v1/referrals/${id}`);
  assert.equal(held.status, 200, JSON.stringify(held.body));
  assert.equal(held.body.case_id, r.body.case_id);
  assert.equal(held.body.allocated_worker.name, 'Lucy Walker');
  assert.equal(held.body.allocated_organisation.name, 'Breckland Community Support');
  assert.equal(held.body.status, 'allocated');
  assert.equal(held.body.triage.outcome, 'confirmed');
  assert.equal(held.body.suggested_tier, 'social_prescribing');
  assert.ok(held.body.events.some((e) => e.to_status === 'allocated'));
  assert.equal((await api(srv, tok.lww3, 'GET', `/api/v1/referrals/${id}`)).status, 404);
  // Only a received referral can be triaged.
  const again = await triage(id, { tier: 'social_prescribing' });
  assert.equal(again.status, 409);
  assert.match(again.body.detail, /allocated/);
});

test('an override needs a reason, which is kept; absent workers overflow to the nearest cluster', async () => {
  const ids = await importReferrals(srv, tok.hub, [
    { given: 'Override', family: 'Self', received_at: hoursAgo(3), fields: { source: 'self', 'person.practice': 'SPSWF01', reasons: 'loneliness', 'person.postcode': 'PE37 7AA' } },
  ]);
  const id = ids['Override Self'];
  const missing = await triage(id, { tier: 'social_prescribing' });
  assert.equal(missing.status, 422);
  assert.match(missing.headers.get('content-type'), /application\/problem\+json/);
  assert.deepEqual(fieldsOf(missing), ['reason']);
  assert.match(missing.body.errors[0].message, /Social prescribing .* rather than the suggested Signpost/);
  const r = await triage(id, { tier: 'social_prescribing', reason: 'Lonely since her husband died; needs more than a leaflet.' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.outcome, 'overridden');
  assert.equal(r.body.suggested_tier, 'signpost');
  assert.equal(r.body.allocation.overflowed, true);
  assert.match(r.body.allocation.reason, /^overflow: Swaffham workers absent; nearest cluster/);
  assert.notEqual(r.body.allocated_worker.name, 'Mo Said');
});

test('declining needs a rejection reason code from the vocabulary', async () => {
  const ids = await importReferrals(srv, tok.hub, [{ given: 'Decline', family: 'Self', received_at: hoursAgo(1) }]);
  const id = ids['Decline Self'];
  const none = await triage(id, { tier: 'decline' });
  assert.equal(none.status, 422);
  assert.deepEqual(fieldsOf(none), ['reason']);
  const bad = await triage(id, { tier: 'decline', reason: 'we are busy' });
  assert.equal(bad.status, 422);
  // Plain words: the pages show the same message (issue 18: no internal codes in what people read).
  assert.deepEqual(fieldsOf(bad), ['reason']);
  assert.equal(bad.body.errors[0].message, 'Choose the reason for declining');
  const ok = await triage(id, { tier: 'decline', reason: 'duplicate' });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.status, 'rejected');
  assert.equal(ok.body.outcome, 'rejected');
  assert.equal(ok.body.case_id, null);
});

test('bad input is 422 naming the field; unknown referrals are 404; only hub coordinators triage', async () => {
  const ids = await importReferrals(srv, tok.hub, [{ given: 'Bad', family: 'Input', received_at: hoursAgo(1) }]);
  const id = ids['Bad Input'];
  assert.deepEqual(fieldsOf(await triage(id, { tier: 'befriending' })), ['tier']);
  assert.deepEqual(fieldsOf(await triage(id, { tier: 5 })), ['tier']);
  assert.deepEqual(fieldsOf(await triage(id, { tier: 'signpost', reason: ['a'] })), ['reason']);
  const notJson = await fetch(`${srv.url}/api/v1/referrals/${id}/triage`, {
    method: 'POST', headers: { authorization: `Bearer ${tok.hub}`, 'content-type': 'application/json' }, body: '{"tier":',
  });
  assert.equal(notJson.status, 422);
  assert.equal((await triage(987654321, { tier: 'signpost' })).status, 404);
  assert.equal((await triage(id, { tier: 'signpost' }, tok.lead)).status, 403);
  // Nothing was stored by the refusals: it is still waiting.
  const q = await wholeQueue(srv, tok.hub);
  assert.ok(q.body.referrals.some((r) => r.id === id));
});

test('complex support goes to a support worker covering the area; community support makes a task; signposting closes', async () => {
  const ids = await importReferrals(srv, tok.hub, [
    { given: 'Complex', family: 'Discharge', received_at: hoursAgo(1), fields: { source: 'acute_hospital_discharge', reasons: 'discharge_support', 'person.postcode': 'NR18 0AA', 'discharge.hospital': 'Norfolk and Norwich University Hospital', 'discharge.expected_date': new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10) } },
    { given: 'Community', family: 'Shopping', received_at: hoursAgo(1), fields: { reasons: 'shopping;prescription_collection', 'person.postcode': 'NR32 1AA' } },
    { given: 'Signpost', family: 'Only', received_at: hoursAgo(1), fields: { reasons: 'loneliness' } },
  ]);
  const c = await triage(ids['Complex Discharge'], { tier: 'complex_support' });
  assert.equal(c.status, 200, JSON.stringify(c.body));
  assert.equal(c.body.outcome, 'confirmed');
  assert.ok(['Nina Shah', 'Steve Porter'].includes(c.body.allocated_worker.name));
  assert.match(c.body.allocation.reason, /^South Norfolk, \d+ of \d+ this year$/);

  const s = await triage(ids['Community Shopping'], { tier: 'community_support' });
  assert.equal(s.status, 200, JSON.stringify(s.body));
  assert.equal(s.body.status, 'allocated');
  assert.equal(s.body.allocated_worker, null);
  assert.equal(s.body.allocated_organisation.name, 'Waveney Care Connect');
  assert.equal(s.body.tasks, 1);

  const p = await triage(ids['Signpost Only'], { tier: 'signpost', information: 'Details of the Lowestoft lunch club.' });
  assert.equal(p.status, 200, JSON.stringify(p.body));
  assert.equal(p.body.status, 'closed');
  assert.equal(typeof p.body.signpost_id, 'number');
});

test('contacts: fields checked, the first successful one counts, the worker reaching the person starts the case', async () => {
  const ids = await importReferrals(srv, tok.hub, [
    { given: 'Contact', family: 'Case', received_at: hoursAgo(5), fields: { source: 'gp_practice', 'person.practice': 'SPBRK02', reasons: 'low_mood', 'person.postcode': 'IP25 6AA' } },
  ]);
  const id = ids['Contact Case'];
  const post = (body, token = tok.hub) => api(srv, token, 'POST', `/api/v1/referrals/${id}/contacts`, body);
  assert.deepEqual(fieldsOf(await post({})).sort(), ['mode', 'outcome']);
  assert.deepEqual(fieldsOf(await post({ at: 'yesterday', mode: 'telephone', outcome: 'successful' })), ['at']);
  assert.deepEqual(fieldsOf(await post({ at: hoursAgo(6), mode: 'telephone', outcome: 'successful' })), ['at']);
  assert.deepEqual(fieldsOf(await post({ at: hoursAgo(-2), mode: 'telephone', outcome: 'successful' })), ['at']);
  assert.deepEqual(fieldsOf(await post({ mode: 'pigeon', outcome: 'reached' })).sort(), ['mode', 'outcome']);

  const miss = await post({ at: hoursAgo(4), mode: 'telephone', outcome: 'no_answer' });
  assert.equal(miss.status, 201, JSON.stringify(miss.body));
  assert.equal(miss.body.first_contact_at, null);
  const t = await triage(id, { tier: 'social_prescribing' });
  assert.equal(t.body.allocated_organisation.name, 'Breckland Community Support');

  // Staff of another organisation cannot see it; volunteers may not record contacts at all.
  assert.equal((await post({ mode: 'telephone', outcome: 'successful' }, tok.lww3)).status, 404);
  assert.equal((await post({ mode: 'telephone', outcome: 'successful' }, tok.volunteer)).status, 403);

  const ok = await post({ at: hoursAgo(1), mode: 'telephone', outcome: 'successful', note: 'Agreed to meet.' }, tok.lww);
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.status, 'in_progress');
  assert.equal(ok.body.contact_attempts, 2);
  assert.equal(ok.body.first_contact_at, hoursAgo(1));

  const list = await api(srv, tok.lww, 'GET', `/api/v1/referrals/${id}/contacts`);
  assert.equal(list.status, 200);
  assert.deepEqual(list.body.contacts.map((x) => x.outcome), ['no_answer', 'successful']);
  assert.equal((await api(srv, tok.lww3, 'GET', `/api/v1/referrals/${id}/contacts`)).status, 404);
});

test('reallocation: the right kind of worker and a reason; managers only within their organisation', async () => {
  const ids = await importReferrals(srv, tok.hub, [
    { given: 'Realloc', family: 'Gp', received_at: hoursAgo(2), fields: { source: 'gp_practice', 'person.practice': 'SPBRK01', reasons: 'debt', 'person.postcode': 'IP24 1AB' } },
    { given: 'Nocluster', family: 'Self', received_at: hoursAgo(2), fields: { reasons: 'employment', 'person.postcode': 'NR2 1AA' } },
  ]);
  const id = ids['Realloc Gp'];
  const move = (body, token = tok.hub) => api(srv, token, 'POST', `/api/v1/referrals/${id}/allocation`, body);
  assert.equal((await triage(id, { tier: 'social_prescribing' })).body.allocated_worker.name, 'Lucy Walker');
  assert.deepEqual(fieldsOf(await move({ worker_id: workers['Steve Porter'].id, reason: 'x' })), ['worker_id']);
  assert.deepEqual(fieldsOf(await move({ worker_id: workers['Mo Said'].id })), ['reason']);
  assert.deepEqual(fieldsOf(await move({ worker_id: 'Mo', reason: 'x' })), ['worker_id']);
  const r = await move({ worker_id: workers['Mo Said'].id, reason: 'Mo knows the family.' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.allocated_worker.name, 'Mo Said');
  // Another organisation's manager does not see the case; its own manager moves it within the organisation only.
  assert.equal((await move({ worker_id: workers['Ellie Fox'].id, reason: 'x' }, tok.manager2)).status, 404);
  assert.deepEqual(fieldsOf(await move({ worker_id: workers['Ellie Fox'].id, reason: 'x' }, tok.manager)), ['worker_id']);
  const back = await move({ worker_id: workers['Lucy Walker'].id, reason: 'Mo is on leave.' }, tok.manager);
  assert.equal(back.status, 200, JSON.stringify(back.body));
  assert.equal(back.body.allocated_worker.name, 'Lucy Walker');

  // Someone whose practice is not in a cluster waits, triaged, for the hub to choose.
  const nid = ids['Nocluster Self'];
  const t = await triage(nid, { tier: 'social_prescribing', reason: 'Needs one-to-one support.' });
  assert.equal(t.status, 200);
  assert.equal(t.body.status, 'triaged');
  assert.equal(t.body.allocation.status, 'no_cluster');
  assert.equal(t.body.case_id, null);
  const given = await api(srv, tok.hub, 'POST', `/api/v1/referrals/${nid}/allocation`, { worker_id: workers['Ellie Fox'].id, reason: 'Has space.' });
  assert.equal(given.status, 200, JSON.stringify(given.body));
  assert.equal(given.body.status, 'allocated');
  assert.equal(given.body.allocated_organisation.name, 'West Norfolk Befriending');
});

test('workers: managers see their own; absences are recorded and make allocation overflow', async () => {
  const mine = await api(srv, tok.manager, 'GET', '/api/v1/workers');
  assert.ok(mine.body.workers.length > 0);
  assert.ok(mine.body.workers.every((w) => w.organisation.name === 'Breckland Community Support'));
  const lucy = workers['Lucy Walker'];
  assert.deepEqual(lucy.clusters, ['Breckland', 'Ketts Oak']);
  assert.equal(lucy.capacity, 100); // 0.5 FTE x 200 a year
  const today = new Date().toISOString().slice(0, 10);
  const add = (wid, body, token = tok.manager) => api(srv, token, 'POST', `/api/v1/workers/${wid}/absences`, body);
  assert.deepEqual(fieldsOf(await add(lucy.id, { from: '2026-13-01', to: today })), ['from']);
  assert.deepEqual(fieldsOf(await add(lucy.id, { from: today, to: '2020-01-01' })), ['to']);
  assert.equal((await add(workers['Ellie Fox'].id, { from: today, to: today })).status, 404);
  const ok = await add(lucy.id, { from: today, to: today, reason: 'Training' });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  const after = await api(srv, tok.hub, 'GET', '/api/v1/workers?kind=link_worker');
  assert.equal(after.body.workers.find((w) => w.id === lucy.id).absent_now, true);
  assert.ok(after.body.workers.every((w) => w.kind === 'link_worker'));

  const ids = await importReferrals(srv, tok.hub, [
    { given: 'Absent', family: 'Gp', received_at: hoursAgo(1), fields: { source: 'gp_practice', 'person.practice': 'SPBRK01', reasons: 'loneliness', 'person.postcode': 'IP24 1AB' } },
  ]);
  const r = await triage(ids['Absent Gp'], { tier: 'social_prescribing' });
  assert.equal(r.body.allocation.overflowed, true);
  assert.match(r.body.allocation.reason, /^overflow: Breckland workers absent/);
});

test('the breach watch lists referrals past their follow-up time', async () => {
  const w = await api(srv, tok.hub, 'GET', '/api/v1/triage/watch');
  assert.equal(w.status, 200);
  assert.ok(w.body.overdue >= 1);
  assert.ok(w.body.referrals.some((r) => r.name === 'Margaret Hollis' && r.follow_up === 'overdue'));
  const home = await fetch(`${srv.url}/`, { headers: { authorization: `Bearer ${tok.hub}`, accept: 'text/html' } });
  const html = await home.text();
  assert.match(html, /24-hour follow-up watch/);
  assert.match(html, /Margaret Hollis/);
  assert.equal((await api(srv, tok.lww, 'GET', '/api/v1/triage/watch')).status, 403);
});

test('the programme lead saves a new version of the rules; triage records the version used', async () => {
  const cur = await api(srv, tok.lead, 'GET', '/api/v1/triage/rules');
  assert.equal(cur.status, 200);
  assert.equal(cur.body.version, 1);
  assert.equal(cur.body.stored, true);
  const doc = structuredClone(cur.body.rules);
  const bad = structuredClone(doc);
  bad.version = 2;
  bad.rules[0].tier = 'befriending';
  bad.rules[1].when = { lonely: true };
  const r1 = await api(srv, tok.lead, 'PUT', '/api/v1/triage/rules', bad);
  assert.equal(r1.status, 422);
  assert.deepEqual(fieldsOf(r1), ['rules[0].tier', 'rules[1].when.lonely']);
  const same = await api(srv, tok.lead, 'PUT', '/api/v1/triage/rules', doc);
  assert.deepEqual(fieldsOf(same), ['version']);
  assert.equal((await api(srv, tok.hub, 'PUT', '/api/v1/triage/rules', doc)).status, 403);

  doc.version = 2;
  doc.rules[doc.rules.length - 1].reason = 'Version two default: signpost ({source}).';
  const ok = await api(srv, tok.lead, 'PUT', '/api/v1/triage/rules', doc);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.version, 2);
  const now = await api(srv, tok.lead, 'GET', '/api/v1/triage/rules');
  assert.equal(now.body.version, 2);
  assert.deepEqual(now.body.history.map((h) => [h.version, h.active]), [[2, true], [1, false]]);

  const ids = await importReferrals(srv, tok.hub, [{ given: 'Rules', family: 'Two', received_at: hoursAgo(1) }]);
  const t = await triage(ids['Rules Two'], { tier: 'signpost' });
  assert.equal(t.body.rules_version, 2);
  assert.equal(t.body.suggestion_reason, 'Version two default: signpost (Self-referral).');
});
