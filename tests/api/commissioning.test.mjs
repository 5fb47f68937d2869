// Commissioning over real HTTP, on SQLite and (WAYMARK_TEST_PG_URL) PostgreSQL:
// a round is opened, two providers send expressions of interest before the
// deadline (one after it is refused), the panel scores them, accepts the
// optimiser's proposal with an override, SLAs are issued, a Living Well
// Worker is put in place (dating the four payments), a quarterly review is
// rated and a payment held against it, then approved and paid; finance
// exports; Appendix B evidence with a file. Bad input is a 422 naming the
// field with nothing stored; provider managers see only their own.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';
import { api, tokenFor, fieldsOf, importReferrals } from '../lib/referrals.mjs';

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
const today = () => new Date().toISOString().slice(0, 10);
const daysFromNow = (n) => new Date(Date.now() + n * 86400_000).toISOString().slice(0, 10);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// An ISO date as the pages show it: "7 Dec 2026".
const human = (isoDay) => `${+isoDay.slice(8, 10)} ${MONTHS[+isoDay.slice(5, 7) - 1]} ${isoDay.slice(0, 4)}`;
// A page's form posted as a browser would (no JavaScript): the status and the page.
async function postForm(srv, token, p, fields) {
  const res = await fetch(srv.url + p, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams(fields).toString(),
    headers: { authorization: `Bearer ${token}`, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { status: res.status, html: await res.text(), location: res.headers.get('location') };
}
async function page(srv, token, p) {
  return (await fetch(srv.url + p, { headers: { authorization: `Bearer ${token}`, accept: 'text/html' } })).text();
}
const PDF = Buffer.from('%PDF-1.4\n% evidence\n').toString('base64');

for (const [backend, dbUrl] of [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]]) {
  const skip = backend === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set';
  describe(`commissioning on ${backend}`, { skip }, () => {
    let srv, round, deadline;
    const tok = {};
    const eoi = {};
    before(async () => {
      srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1' } });
      for (const [k, email] of Object.entries({
        lead: 'lead@demo.waymark.test', bcs: 'manager@demo.waymark.test', wnb: 'manager2@demo.waymark.test',
        comm: 'commissioner@demo.waymark.test', hub: 'hub@demo.waymark.test', lww: 'lww@demo.waymark.test',
        admin: 'admin@demo.waymark.test',
      })) tok[k] = await tokenFor(srv, email);
    });
    after(async () => { await srv?.stop(); });

    test('opening a round: bad input is named and nothing is stored', async () => {
      const bad = await api(srv, tok.lead, 'POST', '/api/v1/commissioning/rounds', {
        title: '', lot_value: '14,00.00', eoi_deadline: '26/02/2018 09:00',
        areas: [{ area: 'atlantis', lots: 1 }, { area: 'breckland', lots: -2 }, { area: 'breckland', lots: 1, clusters: ['Fens'] }],
      });
      assert.equal(bad.status, 422, JSON.stringify(bad.body));
      for (const f of ['title', 'lot_value', 'eoi_deadline', 'areas[0].area', 'areas[1].lots', 'areas[2].clusters[0]'])
        assert.ok(fieldsOf(bad).includes(f), `${f} in ${JSON.stringify(bad.body)}`);
      assert.deepEqual((await api(srv, tok.lead, 'GET', '/api/v1/commissioning/rounds')).body.rounds, []);
      assert.equal((await api(srv, tok.bcs, 'POST', '/api/v1/commissioning/rounds', {})).status, 403);
      assert.equal((await api(srv, tok.comm, 'POST', '/api/v1/commissioning/rounds', {})).status, 403);
    });

    test('the lead provider opens a round; the deadline passes for a late one', async () => {
      deadline = Date.now() + 6000;
      const made = await api(srv, tok.lead, 'POST', '/api/v1/commissioning/rounds', {
        title: 'Social prescribing VCSE Lots', lot_value: '14000.00', eoi_deadline: iso(deadline),
        areas: [{ area: 'breckland', lots: 2 }, { area: 'kings_lynn_west_norfolk', lots: 1 }],
        milestones: [{ label: 'Interviews', at: iso(deadline + 86400_000) }],
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      round = made.body.id;
      assert.equal(made.body.lot_value_display, '£14,000.00');
      assert.equal(made.body.lot_value_pence, 1400000);
      assert.deepEqual(made.body.areas.map((a) => [a.area, a.lots, a.clusters.length]), [['breckland', 2, 4], ['kings_lynn_west_norfolk', 1, 3]]);
      const past = await api(srv, tok.lead, 'POST', '/api/v1/commissioning/rounds', {
        title: 'Closed round', lot_value: '14000', eoi_deadline: '2018-02-26T09:00:00Z', areas: [{ area: 'breckland', lots: 1 }],
      });
      assert.equal(past.status, 201);
      const late = await api(srv, tok.bcs, 'POST', `/api/v1/commissioning/rounds/${past.body.id}/eois`, {
        min_lots: 1, max_lots: 1, clusters: ['Breckland'], specialisms: 'x', experience: 'x', track_record: 'x',
      });
      assert.equal(late.status, 409, JSON.stringify(late.body));
      assert.deepEqual(fieldsOf(late), ['eoi_deadline']);
    });

    test('providers send expressions of interest; each sees only its own', async () => {
      const bad = await api(srv, tok.bcs, 'POST', `/api/v1/commissioning/rounds/${round}/eois`, {
        min_lots: 3, max_lots: 1, clusters: ['Nowhere'], experience: 'Ten years',
      });
      assert.equal(bad.status, 422, JSON.stringify(bad.body));
      for (const f of ['max_lots', 'clusters[0]', 'specialisms', 'track_record']) assert.ok(fieldsOf(bad).includes(f), f);
      const a = await api(srv, tok.bcs, 'POST', `/api/v1/commissioning/rounds/${round}/eois`, {
        min_lots: 1, max_lots: 2, clusters: ['Breckland', 'Swaffham'], specialisms: 'Older people', experience: 'Ten years',
        track_record: 'Good',
      });
      assert.equal(a.status, 201, JSON.stringify(a.body));
      eoi.bcs = a.body.id;
      const b = await api(srv, tok.wnb, 'POST', `/api/v1/commissioning/rounds/${round}/eois`, {
        min_lots: 1, max_lots: 2, clusters: ['Fens', 'Kings Lynn', 'Breckland'], specialisms: 'Carers', experience: 'Five years',
        track_record: 'Good',
      });
      assert.equal(b.status, 201, JSON.stringify(b.body));
      eoi.wnb = b.body.id;
      const again = await api(srv, tok.wnb, 'POST', `/api/v1/commissioning/rounds/${round}/eois`, {
        min_lots: 1, max_lots: 1, clusters: ['Fens'], specialisms: 'x', experience: 'x', track_record: 'x',
      });
      assert.equal(again.status, 409);
      const seen = await api(srv, tok.bcs, 'GET', `/api/v1/commissioning/rounds/${round}`);
      assert.deepEqual(seen.body.eois.map((e) => e.id), [eoi.bcs]);
      const all = await api(srv, tok.lead, 'GET', `/api/v1/commissioning/rounds/${round}`);
      assert.equal(all.body.eois.length, 2);
    });

    test('the panel scores, and awards only after the deadline, with an override', async () => {
      const badScore = await api(srv, tok.lead, 'POST', `/api/v1/commissioning/rounds/${round}/scores`, {
        eoi: eoi.bcs, shortlisted: true, scores: { minimum_criteria: 5, experience: 9 },
      });
      assert.equal(badScore.status, 422);
      assert.ok(fieldsOf(badScore).includes('scores.experience'), JSON.stringify(badScore.body));
      const full = (n) => ({ minimum_criteria: n, experience: n, track_record: n, quality_reporting: n, mix: n });
      for (const [id, n] of [[eoi.bcs, 5], [eoi.wnb, 3]]) {
        const r = await api(srv, tok.lead, 'POST', `/api/v1/commissioning/rounds/${round}/scores`, { eoi: id, shortlisted: true, scores: full(n) });
        assert.equal(r.status, 200, JSON.stringify(r.body));
      }
      const prop = await api(srv, tok.lead, 'GET', `/api/v1/commissioning/rounds/${round}/proposal`);
      assert.equal(prop.status, 200, JSON.stringify(prop.body));
      assert.equal(prop.body.status, 'optimal');
      assert.equal(prop.body.awards.reduce((s, a) => s + a.lots, 0), 3);
      const early = await api(srv, tok.lead, 'POST', `/api/v1/commissioning/rounds/${round}/awards`, {});
      assert.equal(early.status, 409);
      await sleep(Math.max(0, deadline - Date.now() + 200));
      const noReason = await api(srv, tok.lead, 'POST', `/api/v1/commissioning/rounds/${round}/awards`, {
        overrides: [{ eoi: eoi.wnb, award: true }],
      });
      assert.equal(noReason.status, 422);
      assert.deepEqual(fieldsOf(noReason), ['overrides[0].reason']);
      const ok = await api(srv, tok.lead, 'POST', `/api/v1/commissioning/rounds/${round}/awards`, {
        overrides: [{ eoi: eoi.wnb, award: true, reason: 'Geographic mix: West Norfolk needs a local provider' }],
      });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.status, 'awarded');
      const wnbAward = ok.body.awards.filter((a) => a.organisation.name === 'West Norfolk Befriending');
      assert.ok(wnbAward.length && wnbAward[0].override_reason.startsWith('Geographic'));
      assert.ok(ok.body.awards.every((a) => a.reason.length > 0));
      assert.equal((await api(srv, tok.lead, 'POST', `/api/v1/commissioning/rounds/${round}/awards`, {})).status, 409);
    });

    let slaB, slaW, payments, review;
    test('SLAs are issued; a worker in place dates the four payments', async () => {
      const bad = await api(srv, tok.lead, 'POST', `/api/v1/commissioning/rounds/${round}/slas`, { signed: '2026-02-30' });
      assert.equal(bad.status, 422);
      assert.deepEqual(fieldsOf(bad), ['signed']);
      const issued = await api(srv, tok.lead, 'POST', `/api/v1/commissioning/rounds/${round}/slas`, { signed: today() });
      assert.equal(issued.status, 200, JSON.stringify(issued.body));
      const list = (await api(srv, tok.lead, 'GET', '/api/v1/commissioning/slas')).body.slas;
      assert.equal(list.length, 2);
      slaB = list.find((s) => s.organisation.name === 'Breckland Community Support');
      slaW = list.find((s) => s.organisation.name === 'West Norfolk Befriending');
      assert.equal(slaB.total_pence + slaW.total_pence, 3 * 1400000);
      const mine = (await api(srv, tok.bcs, 'GET', '/api/v1/commissioning/slas')).body.slas;
      assert.deepEqual(mine.map((s) => s.id), [slaB.id]);
      assert.equal((await api(srv, tok.bcs, 'GET', `/api/v1/commissioning/slas/${slaW.id}`)).status, 404);
      assert.equal((await api(srv, tok.comm, 'GET', `/api/v1/commissioning/slas/${slaW.id}`)).status, 200);
      const sla = (await api(srv, tok.bcs, 'GET', `/api/v1/commissioning/slas/${slaB.id}`)).body;
      assert.equal(sla.payments.length, 4);
      assert.equal(sla.payments[0].state, 'due');
      assert.equal(sla.payments[1].due, null);
      const workers = (await api(srv, tok.hub, 'GET', '/api/v1/workers')).body.workers;
      const lucy = workers.find((w) => w.kind === 'link_worker' && w.organisation?.name === 'Breckland Community Support');
      const ellie = workers.find((w) => w.kind === 'link_worker' && w.organisation?.name === 'West Norfolk Befriending');
      const wrong = await api(srv, tok.bcs, 'POST', `/api/v1/commissioning/slas/${slaB.id}/in-place`, {
        post: sla.posts[0].id, worker: ellie.id, in_place: today(),
      });
      assert.equal(wrong.status, 422);
      assert.deepEqual(fieldsOf(wrong), ['worker']);
      const put = await api(srv, tok.bcs, 'POST', `/api/v1/commissioning/slas/${slaB.id}/in-place`, {
        post: sla.posts[0].id, worker: lucy.id, in_place: today(),
      });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      payments = put.body.payments;
      assert.deepEqual(payments.map((p) => p.label), ['signing', '3-months', '9-months', '12-months']);
      assert.ok(payments.every((p) => p.due));
      assert.equal(payments.reduce((s, p) => s + p.amount_pence, 0), put.body.total_pence);
      assert.equal(payments[0].amount_pence, Math.floor(put.body.total_pence * 0.3));
      assert.equal(put.body.posts[0].worker.id, lucy.id);
    });

    // A known set of Breckland Community Support cases opened in the SLA's first quarter (today), all Lucy Walker's:
    // A with a session, the three baselines, an onward referral and a better SWEMWBS follow-up, contacted;
    // B contacted; C not contacted yet (its follow-up is not due, so not counted). None has the demographic
    // fields or an NHS number (the import gives neither); each has a reason for referral.
    let cases, base;
    test('the provider\'s own cases for the quarter: a known set', async () => {
      cases = {};
      // Before them, the quarter has no case opened (the demo's are older); its outcomes so far are the baseline.
      const none = await api(srv, tok.lead, 'POST', `/api/v1/commissioning/slas/${slaB.id}/reviews`, { quarter: 1, notes: 'Before' });
      assert.equal(none.status, 201, JSON.stringify(none.body));
      base = none.body.reviews[0];
      assert.deepEqual([base.clients, base.completeness, base.followup, base.rag], [0, null, null, 'red']);
      const minutesAgo = (m) => new Date(Date.now() - m * 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
      const rows = ['Alpha', 'Bravo', 'Charlie'].map((g) => ({ given: g, family: `Quarterly${backend === 'SQLite' ? 'Lite' : 'Pg'}`,
        received_at: minutesAgo(5),
        fields: { source: 'gp_practice', 'person.practice': 'SPBRK01', reasons: 'social_isolation', 'person.postcode': 'IP24 1AB' } }));
      const ids = await importReferrals(srv, tok.hub, rows);
      for (const r of rows) {
        const referral = ids[`${r.given} ${r.family}`];
        const t = await api(srv, tok.hub, 'POST', `/api/v1/referrals/${referral}/triage`, { tier: 'social_prescribing' });
        assert.equal(t.status, 200, JSON.stringify(t.body));
        assert.equal(t.body.allocated_worker?.name, 'Lucy Walker', JSON.stringify(t.body));
        cases[r.given] = { referral, id: t.body.case_id };
      }
      const ok = async (res) => { assert.ok(res.status === 200 || res.status === 201, JSON.stringify(res.body)); return res; };
      const onCase = (c, what, body) => api(srv, tok.lww, 'POST', `/api/v1/cases/${c.id}/${what}`, body);
      const A = cases.Alpha;
      await ok(await onCase(A, 'sessions', { mode: 'telephone', duration_minutes: 30 }));
      await ok(await onCase(A, 'measures', { instrument: 'swemwbs', phase: 'baseline', answers: [3, 3, 3, 3, 3, 3, 3] }));
      await ok(await onCase(A, 'measures', { instrument: 'gse', phase: 'baseline', answers: [3, 3, 2, 4, 3, 2, 3, 3, 4, 2] }));
      await ok(await onCase(A, 'measures', { instrument: 'eqvas', phase: 'baseline', answers: [60] }));
      await ok(await onCase(A, 'onward-referrals', { service_name: 'Thetford Walking for Health' }));
      await ok(await onCase(A, 'measures', { instrument: 'swemwbs', phase: 'follow_up', answers: [4, 4, 4, 4, 4, 4, 4] }));
      for (const c of [cases.Alpha, cases.Bravo])
        await ok(await api(srv, tok.hub, 'POST', `/api/v1/referrals/${c.referral}/contacts`, { mode: 'telephone', outcome: 'successful' }));
    });

    test('a quarterly review is computed from the provider\'s cases, overridden amber with a reason, and holds a payment', async () => {
      const url = `/api/v1/commissioning/slas/${slaB.id}/reviews`;
      const bad = await api(srv, tok.lead, 'POST', url, { quarter: 0, clients: 40, completeness: 97, followup: 95, notes: '' });
      assert.equal(bad.status, 422);
      assert.deepEqual(fieldsOf(bad).sort(), ['clients', 'completeness', 'followup', 'notes', 'quarter']);
      const noReason = await api(srv, tok.lead, 'POST', url, { quarter: 1, notes: 'x', rag_override: 'purple' });
      assert.deepEqual(fieldsOf(noReason).sort(), ['override_reason', 'rag_override']);
      const sla = (await api(srv, tok.lead, 'GET', `/api/v1/commissioning/slas/${slaB.id}`)).body;
      assert.equal(sla.reviews.length, 1, 'nothing stored by the refusals');
      // The pro-rata target: 100 clients a year per post, by the quarter's days over 365 (no mobilisation here).
      const days = (r) => (Date.parse(`${r.to}T00:00:00Z`) - Date.parse(`${r.from}T00:00:00Z`)) / 86400_000 + 1;
      const target = (posts, r) => Math.floor((100 * posts * days(r) * 100) / 365 + 0.5) / 100;

      const rv = await api(srv, tok.lead, 'POST', url, {
        quarter: 1, outcomes: 'Wellbeing up for the one followed up', notes: 'Below target', actions: 'Recovery plan',
        rag_override: 'amber', override_reason: 'First quarter: the service is still mobilising',
      });
      assert.equal(rv.status, 201, JSON.stringify(rv.body));
      review = rv.body.review_id;
      const r = rv.body.reviews.find((x) => x.id === review);
      assert.equal(r.from, today());
      assert.equal(r.computed, true);
      assert.equal(r.clients, 3);
      assert.equal(r.target, target(sla.posts.length, r));
      assert.deepEqual(r.counts, { cases: 3, fields_filled: 7, fields_total: 36, followup_due: 2, followup_within: 2 });
      assert.equal(r.completeness, 19.44); // 7 of 36 Appendix D fields, rounded down
      assert.equal(r.followup, 100);
      const b = base.outcome_counts;
      assert.deepEqual(r.outcome_counts, { ...b, onward_referrals: b.onward_referrals + 1, wellbeing_followups: b.wellbeing_followups + 1,
        wellbeing_improved: b.wellbeing_improved + 1 });
      assert.equal(r.computed_rag, 'red'); // completeness below 80%
      assert.equal(r.rag, 'amber');
      assert.match(r.override_reason, /mobilising/);
      assert.equal(rv.body.rag, 'amber');

      // Per post: the filled post counts Lucy Walker's cases against one post's target; an empty post has none.
      const p1 = await api(srv, tok.lead, 'POST', url, { quarter: 1, post: sla.posts[0].id, notes: 'Post one' });
      assert.equal(p1.status, 201, JSON.stringify(p1.body));
      const r1 = p1.body.reviews.find((x) => x.id === p1.body.review_id);
      assert.equal(r1.clients, 3);
      assert.equal(r1.target, target(1, r1));
      assert.equal(r1.rag, 'red');
      assert.equal(r1.override_reason, null);
      if (sla.posts.length > 1) {
        const p2 = await api(srv, tok.lead, 'POST', url, { quarter: 1, post: sla.posts[1].id, notes: 'Post two' });
        const r2 = p2.body.reviews.find((x) => x.id === p2.body.review_id);
        assert.deepEqual([r2.clients, r2.completeness, r2.followup, r2.rag], [0, null, null, 'red']);
      }
      // West Norfolk Befriending has none of these cases.
      const w = await api(srv, tok.lead, 'POST', `/api/v1/commissioning/slas/${slaW.id}/reviews`, { quarter: 1, notes: 'None yet' });
      assert.equal(w.status, 201, JSON.stringify(w.body));
      assert.equal(w.body.reviews[0].clients, 0);
      assert.equal(w.body.reviews[0].counts.cases, 0);
      // The provider manager sees its own reviews, not the other's.
      assert.equal((await api(srv, tok.bcs, 'GET', `/api/v1/commissioning/slas/${slaB.id}`)).body.reviews.length, sla.posts.length > 1 ? 4 : 3);
      // The latest review gives the SLA's rating: record the overridden one again so the SLA shows amber.
      const again = await api(srv, tok.lead, 'POST', url, { quarter: 1, notes: 'Below target', rag_override: 'amber',
        override_reason: 'First quarter: the service is still mobilising' });
      assert.equal(again.status, 201);
      review = again.body.review_id;
      const pay = payments[0].id;
      const noReview = await api(srv, tok.lead, 'POST', `/api/v1/commissioning/slas/${slaB.id}/payments`, {
        payment: pay, state: 'held', reason: 'performance',
      });
      assert.equal(noReview.status, 422);
      assert.deepEqual(fieldsOf(noReview), ['review']);
      const held = await api(srv, tok.lead, 'POST', `/api/v1/commissioning/slas/${slaB.id}/payments`, {
        payment: pay, state: 'held', reason: 'performance', review, note: 'Awaiting recovery plan',
      });
      assert.equal(held.status, 200, JSON.stringify(held.body));
      assert.equal(held.body.payments[0].state, 'held');
      const mine = (await api(srv, tok.bcs, 'GET', `/api/v1/commissioning/slas/${slaB.id}`)).body;
      assert.equal(mine.payments[0].hold_reason, 'performance');
      assert.equal(mine.rag, 'amber');
      const paidEarly = await api(srv, tok.lead, 'POST', `/api/v1/commissioning/slas/${slaB.id}/payments`, {
        payment: pay, state: 'paid', paid_on: today(), finance_ref: 'INV-1',
      });
      assert.equal(paidEarly.status, 409);
      assert.equal((await api(srv, tok.bcs, 'POST', `/api/v1/commissioning/slas/${slaB.id}/payments`, { payment: pay, state: 'approved' })).status, 403);
      assert.equal((await api(srv, tok.lead, 'POST', `/api/v1/commissioning/slas/${slaB.id}/payments`, { payment: pay, state: 'approved' })).status, 200);
      // Paid on the SLA's page: the date paid in the NHS.UK date input, named in plain English when it is
      // missing or not a date (nothing changes), and taken as people type it ("7 Dec 2026" in one field).
      const form = `/commissioning/slas/${slaB.id}/payments`;
      const noDate = await postForm(srv, tok.lead, form, { payment: pay, state: 'paid', finance_ref: 'INV-0001' });
      assert.equal(noDate.status, 422);
      assert.match(noDate.html, /Enter the date paid/);
      const badDate = await postForm(srv, tok.lead, form, { payment: pay, state: 'paid', finance_ref: 'INV-0001',
        'paid_on.day': '31', 'paid_on.month': '2', 'paid_on.year': '2026' });
      assert.equal(badDate.status, 422);
      assert.match(badDate.html, /Date paid must be a real date, for example 31 3 2027/);
      assert.match(badDate.html, /name="paid_on\.day"[^>]*value="31"/);
      assert.equal((await api(srv, tok.lead, 'GET', `/api/v1/commissioning/slas/${slaB.id}`)).body.payments[0].state, 'approved');
      const paid = await postForm(srv, tok.lead, form, { payment: pay, state: 'paid', finance_ref: 'INV-0001', paid_on: human(today()) });
      assert.equal(paid.status, 303, paid.html);
      const after = (await api(srv, tok.lead, 'GET', `/api/v1/commissioning/slas/${slaB.id}`)).body;
      assert.equal(after.payments[0].finance_ref, 'INV-0001');
      assert.equal(after.payments[0].paid_on, today());
      // The page shows its dates as people read them, never as ISO.
      const shown = await page(srv, tok.lead, `/commissioning/slas/${slaB.id}`);
      assert.ok(shown.includes(`Paid ${human(today())}, INV-0001`), 'the payment shows the day it was paid');
      assert.ok(shown.includes(human(after.signed)), 'the day it was signed');
      assert.doesNotMatch(shown.replace(/<form[\s\S]*?<\/form>/g, '').replace(/<head>[\s\S]*?<\/head>/, ''), /\b\d{4}-\d\d-\d\d\b/);
      const ext = await api(srv, tok.lead, 'POST', `/api/v1/commissioning/slas/${slaB.id}/extensions`, { end: '2000-01-01', reason: '' });
      assert.equal(ext.status, 422);
      assert.deepEqual(fieldsOf(ext).sort(), ['end', 'reason']);
    });

    test('finance exports: CSV and XLSX; a provider manager exports only its own', async () => {
      const res = await fetch(`${srv.url}/api/v1/commissioning/payments.csv`, { headers: { authorization: `Bearer ${tok.lead}` } });
      assert.equal(res.status, 200);
      const lines = (await res.text()).trim().split('\r\n');
      assert.equal(lines[0], 'payment,sla,provider,stage,label,amount,pence,due,state,hold_reason,paid_on,finance_ref');
      assert.equal(lines.length, 9);
      assert.ok(lines.some((l) => l.includes('INV-0001') && l.includes(',paid,')));
      const own = await (await fetch(`${srv.url}/api/v1/commissioning/payments.csv`, { headers: { authorization: `Bearer ${tok.bcs}` } })).text();
      assert.equal(own.trim().split('\r\n').length, 5);
      const x = await fetch(`${srv.url}/api/v1/commissioning/payments.xlsx`, { headers: { authorization: `Bearer ${tok.lead}` } });
      assert.equal(x.status, 200);
      const bytes = Buffer.from(await x.arrayBuffer());
      assert.equal(bytes.subarray(0, 2).toString(), 'PK');
    });

    test('Appendix B evidence: file checks, the lead checks it, a lapsed criterion is flagged', async () => {
      const org = slaB.organisation.id;
      const bad = await api(srv, tok.bcs, 'POST', `/api/v1/commissioning/providers/${org}/evidence`, {
        criterion: 'charm', title: 'Policy', reference: 'P1', review_date: '2099-01-01', file_name: 'a.pdf',
        content_type: 'application/pdf', file_base64: Buffer.from('not a pdf').toString('base64'),
      });
      assert.equal(bad.status, 422);
      assert.deepEqual(fieldsOf(bad).sort(), ['content_type', 'criterion']);
      const big = await api(srv, tok.bcs, 'POST', `/api/v1/commissioning/providers/${org}/evidence`, {
        criterion: 'insurance', title: 'Cover', reference: 'I1', review_date: '2099-01-01', file_name: 'a.txt',
        content_type: 'text/plain', file_base64: Buffer.alloc(512 * 1024 + 1, 65).toString('base64'),
      });
      assert.equal(big.status, 422);
      assert.deepEqual(fieldsOf(big), ['file_base64']);
      assert.equal((await api(srv, tok.bcs, 'POST', `/api/v1/commissioning/providers/${slaW.organisation.id}/evidence`, {})).status, 404);
      const ok = await api(srv, tok.bcs, 'POST', `/api/v1/commissioning/providers/${org}/evidence`, {
        criterion: 'safeguarding', title: 'Safeguarding policy', reference: 'SG-2026', review_date: '2099-01-01',
        file_name: 'safeguarding.pdf', content_type: 'application/pdf', file_base64: PDF,
      });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      const sg = ok.body.criteria.find((c) => c.code === 'safeguarding');
      assert.equal(sg.status, 'unchecked');
      assert.equal(sg.evidence[0].file_size, 20);
      const checked = await api(srv, tok.lead, 'POST', `/api/v1/commissioning/providers/${org}/evidence/check`, { evidence: ok.body.evidence_id });
      assert.equal(checked.status, 200, JSON.stringify(checked.body));
      assert.equal(checked.body.criteria.find((c) => c.code === 'safeguarding').status, 'met');
      const lapsed = await api(srv, tok.bcs, 'POST', `/api/v1/commissioning/providers/${org}/evidence`, {
        criterion: 'insurance', title: 'Insurance', reference: 'INS-2020', review_date: '2020-01-01',
        file_name: 'ins.txt', content_type: 'text/plain', file_base64: Buffer.from('cover').toString('base64'),
      });
      assert.equal(lapsed.status, 201);
      assert.equal(lapsed.body.lapsed, true);
      const sla = (await api(srv, tok.lead, 'GET', `/api/v1/commissioning/slas/${slaB.id}`)).body;
      assert.equal(sla.lapsed_criterion, 'Insurance cover in place to cover Social Prescribing activity');
    });

    test('evidence files download as attachments under a safe name, only for those who may see them, audited', async () => {
      const org = slaB.organisation.id;
      const up = await api(srv, tok.bcs, 'POST', `/api/v1/commissioning/providers/${org}/evidence`, {
        criterion: 'data_protection', title: 'Data protection policy', reference: 'DP-1', review_date: '2099-01-01',
        file_name: '../Data "protection" policy\r\n.pdf', content_type: 'application/pdf', file_base64: PDF,
      });
      assert.equal(up.status, 201, JSON.stringify(up.body));
      const ev = up.body.evidence_id;
      const get = (token, id = ev) => fetch(`${srv.url}/api/v1/commissioning/evidence/${id}/file`, { headers: { authorization: `Bearer ${token}` } });
      for (const who of ['lead', 'bcs', 'comm', 'admin']) {
        const res = await get(tok[who]);
        assert.equal(res.status, 200, who);
        assert.equal(res.headers.get('content-type'), 'application/pdf');
        assert.equal(res.headers.get('content-disposition'), 'attachment; filename="Data_protection_policy_.pdf"');
        assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
        assert.deepEqual(Buffer.from(await res.arrayBuffer()), Buffer.from(PDF, 'base64'));
      }
      const other = await get(tok.wnb);
      assert.equal(other.status, 404);
      assert.match(other.headers.get('content-type'), /problem\+json/);
      assert.equal((await get(tok.hub)).status, 403);
      assert.equal((await get(tok.lead, 99999999)).status, 404);
      const audit = sqlRows(srv.dbPath, `SELECT COUNT(*) FROM audit_events WHERE action = 'commission.evidence.download' AND entity_id = ${ev}`);
      assert.equal(Number(audit[0][0]), 4);
      const denied = sqlRows(srv.dbPath, `SELECT COUNT(*) FROM audit_events WHERE action = 'deny.relation' AND entity = 'evidence' AND entity_id = ${ev}`);
      assert.equal(Number(denied[0][0]), 1);
      // The provider's evidence page links to the file.
      assert.ok(up.body.criteria.find((c) => c.code === 'data_protection').evidence.some((e) => e.id === ev));
    });

    test('evidence reminders: expiring within the setting\'s days and lapsed, each raised and audited once', async () => {
      const org = slaB.organisation.id;
      const soon = await api(srv, tok.bcs, 'POST', `/api/v1/commissioning/providers/${org}/evidence`, {
        criterion: 'health_safety', title: 'Lone working policy', reference: 'HS-1', review_date: daysFromNow(10),
        file_name: 'hs.txt', content_type: 'text/plain', file_base64: Buffer.from('policy').toString('base64'),
      });
      assert.equal(soon.status, 201, JSON.stringify(soon.body));
      const later = await api(srv, tok.wnb, 'POST', `/api/v1/commissioning/providers/${slaW.organisation.id}/evidence`, {
        criterion: 'governance', title: 'Constitution', reference: 'GOV-1', review_date: daysFromNow(200),
        file_name: 'gov.txt', content_type: 'text/plain', file_base64: Buffer.from('constitution').toString('base64'),
      });
      assert.equal(later.status, 201);
      const mine = await api(srv, tok.bcs, 'GET', '/api/v1/commissioning/reminders');
      assert.equal(mine.status, 200, JSON.stringify(mine.body));
      assert.equal(mine.body.reminder_days, 30);
      const byCrit = Object.fromEntries(mine.body.reminders.map((x) => [x.criterion, x]));
      assert.deepEqual(Object.keys(byCrit).sort(), ['health_safety', 'insurance']);
      assert.equal(byCrit.health_safety.kind, 'expiring');
      assert.equal(byCrit.health_safety.days_left, 10);
      assert.equal(byCrit.health_safety.evidence, soon.body.evidence_id);
      assert.equal(byCrit.insurance.kind, 'lapsed');
      assert.ok(byCrit.insurance.days_left < 0);
      assert.ok(mine.body.reminders.every((x) => x.reminder && x.reminder.id && x.organisation.id === org));
      // Reading again raises nothing new; the other provider sees none of these; the lead sees them all.
      const again = await api(srv, tok.bcs, 'GET', '/api/v1/commissioning/reminders');
      assert.deepEqual(again.body.reminders.map((x) => x.reminder.id), mine.body.reminders.map((x) => x.reminder.id));
      assert.deepEqual((await api(srv, tok.wnb, 'GET', '/api/v1/commissioning/reminders')).body.reminders, []);
      const all = (await api(srv, tok.lead, 'GET', '/api/v1/commissioning/reminders')).body.reminders;
      assert.equal(all.filter((x) => x.organisation.id === org).length, 2);
      assert.equal((await api(srv, tok.hub, 'GET', '/api/v1/commissioning/reminders')).status, 403);
      const raised = sqlRows(srv.dbPath, "SELECT entity_id, detail, user_id FROM audit_events WHERE action = 'commission.evidence.reminder' ORDER BY id");
      const forSoon = raised.filter((r) => Number(r[0]) === soon.body.evidence_id);
      assert.equal(forSoon.length, 1);
      assert.equal(forSoon[0][1], `expiring ${daysFromNow(10)}: health_safety`);
      assert.equal(forSoon[0][2], '0');
      // Newer insurance evidence replaces the lapsed one: its reminder goes from the list.
      const renewed = await api(srv, tok.bcs, 'POST', `/api/v1/commissioning/providers/${org}/evidence`, {
        criterion: 'insurance', title: 'Insurance 2099', reference: 'INS-2099', review_date: '2099-01-01',
        file_name: 'ins.txt', content_type: 'text/plain', file_base64: Buffer.from('cover').toString('base64'),
      });
      assert.equal(renewed.status, 201);
      const now = (await api(srv, tok.bcs, 'GET', '/api/v1/commissioning/reminders')).body.reminders;
      assert.deepEqual(now.map((x) => x.criterion), ['health_safety']);
      const rows = sqlRows(srv.dbPath, `SELECT kind FROM comm_evidence_reminders WHERE org_id = ${org} ORDER BY id`);
      assert.deepEqual(rows.map((r) => r[0]).sort(), ['expiring', 'lapsed']);
    });
  });
}
