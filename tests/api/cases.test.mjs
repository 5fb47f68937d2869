// Case work over real HTTP: the caseload, outcome measures scored by the core
// (201 with raw and score; every bad answer named), baseline/follow-up pairs,
// sessions (the SNOMED "accepted" event at the first), goals, the assessment,
// the onward-referral status loop, unmet needs, consents, case studies,
// safeguarding concerns that no role can delete (405 on every method but GET
// and POST), closure, drop-outs only after the attempts, the SNOMED
// "declined" event, and 404 for other organisations. Every test runs on
// SQLite and, when WAYMARK_TEST_PG_URL is set (make api-test), PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { importReferrals, api, tokenFor, fieldsOf } from '../lib/referrals.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

const ACCEPTED = '871731000000106';
const DECLINED = '871711000000103';
const hoursAgo = (h) => new Date(Date.now() - h * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');
const ROLES = {
  hub: 'hub@demo.waymark.test', lead: 'lead@demo.waymark.test', lww: 'lww@demo.waymark.test',
  lww3: 'lww3@demo.waymark.test', manager: 'manager@demo.waymark.test', manager2: 'manager2@demo.waymark.test',
  volunteer: 'volunteer@demo.waymark.test', volco: 'volco@demo.waymark.test', support: 'support@demo.waymark.test',
  gp: 'gp@demo.waymark.test', admin: 'admin@demo.waymark.test', commissioner: 'commissioner@demo.waymark.test',
};

for (const [backend, dbUrl] of [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]]) {
  const skip = backend === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set';
  describe(`case work on ${backend}`, { skip }, () => {
    let srv;
    const tok = {};
    let seq = 0;

    before(async () => {
      srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' }, dbUrl });
      for (const [k, email] of Object.entries(ROLES)) tok[k] = await tokenFor(srv, email);
    });
    after(async () => { await srv?.stop(); });

    /** A GP referral in the Breckland cluster triaged to social prescribing: Lucy Walker's case. */
    async function newCase() {
      seq++;
      const family = `Casework${'abcdefghij'[seq % 10]}${'klmnopqrst'[Math.floor(seq / 10) % 10]}`;
      const ids = await importReferrals(srv, tok.hub, [{ given: 'Case', family, received_at: hoursAgo(3),
        fields: { source: 'gp_practice', 'person.practice': 'SPBRK01', reasons: 'social_isolation', 'person.postcode': 'IP24 1AB' } }]);
      const referral = ids[`Case ${family}`];
      const t = await api(srv, tok.hub, 'POST', `/api/v1/referrals/${referral}/triage`, { tier: 'social_prescribing' });
      assert.equal(t.status, 200, JSON.stringify(t.body));
      assert.equal(t.body.allocated_worker?.name, 'Lucy Walker', JSON.stringify(t.body));
      return { referral, id: t.body.case_id };
    }
    const post = (c, what, body, token = tok.lww) => api(srv, token, 'POST', `/api/v1/cases/${c.id}/${what}`, body);
    const get = (c, token = tok.lww) => api(srv, token, 'GET', `/api/v1/cases/${c.id}`);

    test('measures: 201 with raw and score from the core for each instrument; every bad answer named', async () => {
      const c = await newCase();
      const sw = await post(c, 'measures', { instrument: 'swemwbs', phase: 'baseline', answers: [4, 3, 3, 4, 4, 3, 4] });
      assert.equal(sw.status, 201, JSON.stringify(sw.body));
      assert.equal(sw.body.raw, 25);
      assert.equal(sw.body.score, 22.35);
      const ons = await post(c, 'measures', { instrument: 'ons4', phase: 'baseline', answers: [7, 8, 6, 3] });
      assert.equal(ons.status, 201, JSON.stringify(ons.body));
      assert.equal(ons.body.raw, null);
      assert.deepEqual(ons.body.score, { life_satisfaction: 7, worthwhile: 8, happiness: 6, anxiety: 3 });
      const gse = await post(c, 'measures', { instrument: 'gse', phase: 'baseline', answers: [3, 3, 2, 4, 3, 2, 3, 3, 4, 2] });
      assert.equal(gse.status, 201);
      assert.equal(gse.body.raw, 29);
      assert.equal(gse.body.score, 29);
      const vas = await post(c, 'measures', { instrument: 'eqvas', phase: 'baseline', answers: [65] });
      assert.equal(vas.status, 201);
      assert.equal(vas.body.score, 65);

      const bad = async (body, fields) => {
        const r = await post(c, 'measures', body);
        assert.equal(r.status, 422, JSON.stringify(r.body));
        assert.match(r.headers.get('content-type'), /application\/problem\+json/);
        assert.deepEqual(fieldsOf(r).sort(), fields.sort(), JSON.stringify(r.body));
        return r;
      };
      const range = await bad({ instrument: 'swemwbs', phase: 'follow_up', answers: [4, 3, 3, 6, 4, 3, 0] }, ['answers[3]', 'answers[6]']);
      assert.match(range.body.errors[0].message, /Answer 4 .* is 6; SWEMWBS answers are 1 to 5/);
      const few = await bad({ instrument: 'swemwbs', phase: 'follow_up', answers: [4, 3] }, ['answers']);
      assert.match(few.body.errors[0].message, /SWEMWBS needs 7 answers.*got 2/);
      await bad({ instrument: 'swemwbs', phase: 'follow_up', answers: [4, 3, 'often', 4, 4, null, 4] }, ['answers[2]', 'answers[5]']);
      await bad({ instrument: 'ons4', phase: 'follow_up', answers: [7, 11, 6, -1] }, ['answers[1]', 'answers[3]']);
      await bad({ instrument: 'eqvas', phase: 'follow_up', answers: [101] }, ['answers[0]']);
      await bad({ instrument: 'phq9', phase: 'middle', answers: 'all good' }, ['instrument', 'phase', 'answers']);
      await bad({ instrument: 'swemwbs', phase: 'follow_up', answers: [4, 4, 4, 4, 4, 4, 4], at: 'yesterday' }, ['at']);
      // Nothing was stored by the refusals; a second baseline is a conflict.
      const again = await post(c, 'measures', { instrument: 'swemwbs', phase: 'baseline', answers: [5, 5, 5, 5, 5, 5, 5] });
      assert.equal(again.status, 409);
      assert.match(again.body.detail, /SWEMWBS baseline is already recorded/);
      const got = await get(c);
      assert.equal(got.body.measures.length, 4);
      assert.deepEqual(got.body.measures.find((m) => m.instrument === 'swemwbs').answers, [4, 3, 3, 4, 4, 3, 4]);
    });

    test('sessions, the SNOMED accepted event at the first, and baseline to follow-up change', async () => {
      const c = await newCase();
      const first = await get(c);
      assert.equal(first.status, 200);
      assert.equal(first.body.due.what, 'first contact');
      assert.equal(first.body.referral.status, 'allocated');
      const badSession = await post(c, 'sessions', { mode: 'pigeon', duration_minutes: 0, at: 'soon' });
      assert.equal(badSession.status, 422);
      assert.deepEqual(fieldsOf(badSession).sort(), ['at', 'duration_minutes', 'mode']);
      const future = await post(c, 'sessions', { mode: 'telephone', duration_minutes: 30, at: new Date(Date.now() + 86400_000).toISOString() });
      assert.deepEqual(fieldsOf(future), ['at']);
      const modes = ['face_to_face', 'telephone', 'video', 'email', 'face_to_face'];
      for (const [i, mode] of modes.entries()) {
        const s = await post(c, 'sessions', { mode, duration_minutes: 30 + i * 5, notes: `Session ${i + 1}`, next_step: 'Meet again' });
        assert.equal(s.status, 201, JSON.stringify(s.body));
        assert.equal(s.body.case.sessions, i + 1);
        if (i === 0) {
          assert.equal(s.body.case.referral.status, 'in_progress');
          const b = await post(c, 'measures', { instrument: 'swemwbs', phase: 'baseline', answers: [2, 2, 2, 2, 3, 2, 2] });
          assert.equal(b.status, 201);
          assert.equal(b.body.score, 15.84);
        }
      }
      const f = await post(c, 'measures', { instrument: 'swemwbs', phase: 'follow_up', answers: [3, 3, 3, 3, 4, 3, 3] });
      assert.equal(f.status, 201);
      assert.equal(f.body.raw, 22);
      assert.equal(f.body.score, 19.98);
      const whole = await get(c);
      assert.equal(whole.body.sessions, 5);
      assert.equal(whole.body.planned_sessions, 5);
      assert.equal(whole.body.due.what, 'follow-up measures and closure');
      assert.deepEqual(whole.body.sessions_list.map((s) => s.mode), modes);
      const change = whole.body.changes.find((x) => x.instrument === 'swemwbs');
      assert.equal(change.baseline.score, 15.84);
      assert.equal(change.follow_up.score, 19.98);
      assert.equal(change.change, 4.14);
      assert.equal(change.meaningful, 'better');
      const accepted = whole.body.events.filter((e) => e.snomed === ACCEPTED);
      assert.equal(accepted.length, 1);
      assert.equal(accepted[0].kind, 'social_prescribing_accepted');
      // The caseload lists it with what is due and the sessions against the plan.
      const list = await api(srv, tok.lww, 'GET', '/api/v1/cases');
      assert.equal(list.status, 200);
      const row = list.body.cases.find((x) => x.id === c.id);
      assert.equal(row.sessions, 5);
      assert.ok(row.last_contact_at);
      assert.equal(row.measures.baseline, true);
      assert.equal(row.measures.follow_up, true);
      assert.ok(list.body.worker_id > 0);
      assert.equal((await api(srv, tok.lww, 'GET', '/api/v1/cases?flag=sometimes&status=maybe')).status, 422);
    });

    test('goals, the assessment, onward referrals round the loop, unmet needs, consents, case studies', async () => {
      const c = await newCase();
      const goal = await post(c, 'goals', { goal: 'Join a walking group', domain: 'social_connection' });
      assert.equal(goal.status, 201);
      const badGoal = await post(c, 'goals', { goal: '', domain: 'astrology', progress: 11 });
      assert.deepEqual(fieldsOf(badGoal).sort(), ['domain', 'goal', 'progress']);
      const prog = await post(c, `goals/${goal.body.id}/progress`, { progress: 6, note: 'Went twice' });
      assert.equal(prog.status, 201, JSON.stringify(prog.body));
      assert.equal((await post(c, 'goals/999999/progress', { progress: 6 })).status, 404);
      assert.equal((await post(c, 'goals/abc/progress', { progress: 6 })).status, 400);

      const badA = await post(c, 'assessment', { what_matters: '', needs: [{ domain: 'money', level: 'huge' }, { domain: 'money', level: 'some' }] });
      assert.deepEqual(fieldsOf(badA).sort(), ['needs[0].level', 'needs[1].domain', 'what_matters']);
      const a1 = await post(c, 'assessment', { what_matters: 'Seeing my grandchildren', strengths: 'Good neighbours',
        needs: [{ domain: 'social_connection', level: 'significant' }, { domain: 'money', level: 'some', note: 'Pension credit?' }] });
      assert.equal(a1.status, 201);
      assert.equal(a1.body.version, 1);
      const a2 = await post(c, 'assessment', { what_matters: 'Getting out of the house', needs: [{ domain: 'housing', level: 'none' }] });
      assert.equal(a2.body.version, 2);

      const on = await post(c, 'onward-referrals', { service_name: 'Thetford Walking for Health', domain: 'physical_health', service_id: 42 });
      assert.equal(on.status, 201, JSON.stringify(on.body));
      assert.equal(on.body.status, 'made');
      const move = (status, id = on.body.id) => post(c, `onward-referrals/${id}/status`, { status });
      const skipAhead = await move('attended');
      assert.equal(skipAhead.status, 422);
      assert.match(skipAhead.body.errors[0].message, /made can only become: accepted declined not_available/);
      assert.equal((await move('accepted')).status, 200);
      assert.equal((await move('attended')).status, 200);
      const after = await move('declined');
      assert.match(after.body.errors[0].message, /attended is finished/);
      assert.equal((await move('accepted', 999999)).status, 404);
      const other = await post(c, 'onward-referrals', { service_name: 'Debt advice drop-in' });
      assert.equal((await move('not_available', other.body.id)).status, 200);

      assert.equal((await post(c, 'unmet-needs', { need: 'Evening transport to the group', domain: 'practical_help' })).status, 201);
      assert.deepEqual(fieldsOf(await post(c, 'unmet-needs', { need: 'x', area: 'atlantis' })), ['area']);
      assert.equal((await post(c, 'consents', { third_party: 'Flagship Housing', purpose: 'Repairs to the heating' })).status, 201);
      assert.deepEqual(fieldsOf(await post(c, 'consents', {})).sort(), ['purpose', 'third_party']);
      assert.deepEqual(fieldsOf(await post(c, 'case-studies', { story: 'A story', consent: false })), ['consent']);
      assert.equal((await post(c, 'case-studies', { story: 'Found the group by herself', unexpected_outcomes: 'Now volunteers', consent: true })).status, 201);

      const whole = (await get(c)).body;
      assert.equal(whole.goals[0].progress, 6);
      assert.equal(whole.goals[0].updates.length, 1);
      assert.equal(whole.assessment.version, 2);
      assert.equal(whole.assessment.versions, 2);
      assert.deepEqual(whole.assessment.needs.map((n) => n.domain), ['housing']);
      const loop = whole.onward_referrals.find((o) => o.id === on.body.id);
      assert.equal(loop.service_id, 42);
      assert.deepEqual(loop.history.map((h) => h.to), ['made', 'accepted', 'attended']);
      assert.equal(whole.unmet_needs[0].area, 'breckland');
      assert.equal(whole.consents[0].third_party, 'Flagship Housing');
      assert.equal(whole.case_studies[0].consent, true);
    });

    test('a safeguarding concern cannot be deleted by any role: 405 for every method but GET and POST', async () => {
      const c = await newCase();
      const bad = await post(c, 'safeguarding', { category: 'gossip', concern: '', action: '' });
      assert.deepEqual(fieldsOf(bad).sort(), ['action', 'category', 'concern']);
      const s = await post(c, 'safeguarding', { category: 'self_neglect', concern: 'No food in the house', action: 'Told the GP',
        escalated_to: 'Adult social care' });
      assert.equal(s.status, 201, JSON.stringify(s.body));
      assert.equal(s.body.case.flags.safeguarding, true);
      const path = `/api/v1/cases/${c.id}/safeguarding/${s.body.id}`;
      for (const token of [null, ...Object.values(tok)]) {
        for (const method of ['DELETE', 'PUT', 'PATCH']) {
          const r = await api(srv, token, method, path, method === 'DELETE' ? undefined : {});
          assert.equal(r.status, 405, `${method} ${path}`);
        }
      }
      const still = await api(srv, tok.lww, 'GET', path);
      assert.equal(still.status, 200);
      assert.equal(still.body.concern, 'No food in the house');
      assert.equal((await api(srv, tok.lww, 'GET', `/api/v1/cases/${c.id}/safeguarding/999999`)).status, 404);
      assert.equal((await get(c)).body.safeguarding.length, 1);
      const flagged = await api(srv, tok.manager, 'GET', '/api/v1/cases?flag=safeguarding');
      assert.ok(flagged.body.cases.some((x) => x.id === c.id));
      assert.ok(flagged.body.cases.every((x) => x.flags.safeguarding));
    });

    test('other organisations, the hub and people without case access get 404 or 403', async () => {
      const c = await newCase();
      assert.equal((await get(c, tok.manager)).status, 200);
      assert.equal((await get(c, tok.volco)).status, 200);
      for (const t of [tok.manager2, tok.lww3, tok.hub, tok.lead]) {
        assert.equal((await get(c, t)).status, 404);
      }
      assert.equal((await post(c, 'measures', { instrument: 'eqvas', phase: 'baseline', answers: [50] }, tok.manager2)).status, 404);
      assert.equal((await post(c, 'sessions', { mode: 'telephone', duration_minutes: 10 }, tok.volco)).status, 403);
      for (const t of [tok.gp, tok.volunteer, tok.commissioner, tok.admin]) assert.equal((await get(c, t)).status, 403);
      assert.equal((await api(srv, null, 'GET', `/api/v1/cases/${c.id}`)).status, 401);
      const theirs = await api(srv, tok.manager2, 'GET', '/api/v1/cases?status=all');
      assert.ok(!theirs.body.cases.some((x) => x.id === c.id));
    });

    test('closing: a reason from the vocabulary and continuing support; a declined social prescribing case gets the SNOMED code', async () => {
      const c = await newCase();
      assert.equal((await post(c, 'sessions', { mode: 'telephone', duration_minutes: 20 })).status, 201);
      assert.equal((await post(c, 'measures', { instrument: 'gse', phase: 'baseline', answers: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2] })).status, 201);
      const bad = await post(c, 'close', { reason: 'bored' });
      assert.deepEqual(fieldsOf(bad).sort(), ['continuing_support', 'reason']);
      const utc = await post(c, 'close', { reason: 'unable_to_contact', continuing_support: false });
      assert.match(utc.body.errors[0].message, /drop-out/);
      const ok = await post(c, 'close', { reason: 'completed', continuing_support: true, note: 'Settled into the group' });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.case.status, 'closed');
      assert.equal(ok.body.case.continuing_support, true);
      assert.equal(ok.body.case.referral.status, 'closed');
      assert.equal((await post(c, 'sessions', { mode: 'telephone', duration_minutes: 20 })).status, 409);
      assert.equal((await post(c, 'close', { reason: 'completed', continuing_support: true })).status, 409);
      // The follow-up can still be recorded at closure.
      const f = await post(c, 'measures', { instrument: 'gse', phase: 'follow_up', answers: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3] });
      assert.equal(f.status, 201);
      const pair = (await get(c)).body.changes.find((x) => x.instrument === 'gse');
      assert.equal(pair.change, 10);

      const d = await newCase();
      assert.equal((await post(d, 'sessions', { mode: 'telephone', duration_minutes: 15 })).status, 201);
      const declined = await post(d, 'close', { reason: 'declined_by_person', continuing_support: false });
      assert.equal(declined.status, 200);
      const ev = (await get(d)).body.events;
      assert.equal(ev.filter((e) => e.snomed === DECLINED).length, 1);
      assert.equal(ev.filter((e) => e.snomed === ACCEPTED).length, 1);
    });

    const FORMS = ['session', 'measure', 'assessment', 'goal', 'goal-progress', 'onward', 'onward-status', 'unmet-need',
      'safeguarding', 'consent', 'case-study', 'close', 'drop-out'];
    const auditOf = (c, action) => sqlRows(srv.dbPath,
      `SELECT detail, person_id FROM audit_events WHERE entity = 'case' AND entity_id = ${c.id} AND action = '${action}' ORDER BY id`);

    test('each case form page is a read of the person\'s record: audited as case.read naming the form', async () => {
      const c = await newCase();
      const person = (await get(c)).body.person.id;
      for (const form of FORMS) {
        const page = await fetch(`${srv.url}/cases/${c.id}/${form}`, { headers: { authorization: `Bearer ${tok.lww}` } });
        assert.equal(page.status, 200, form);
      }
      const reads = auditOf(c, 'case.read').filter(([detail]) => detail.startsWith('form '));
      assert.deepEqual(reads.map(([detail]) => detail), FORMS.map((f) => `form ${f}`));
      assert.ok(reads.every(([, p]) => Number(p) === person));
      // Another organisation's user gets 404 and reads nothing.
      const other = await fetch(`${srv.url}/cases/${c.id}/assessment`, { headers: { authorization: `Bearer ${tok.lww3}` } });
      assert.equal(other.status, 404);
      // Nor does a form about a record the case does not have.
      const none = await fetch(`${srv.url}/cases/${c.id}/goal-progress?goal=999999`, { headers: { authorization: `Bearer ${tok.lww}` } });
      assert.equal(none.status, 404);
      assert.equal(auditOf(c, 'case.read').filter(([detail]) => detail.startsWith('form ')).length, FORMS.length);
    });

    test('a write through the API and through its form gives the same audit action and detail, and the same result for the same bad input', async () => {
      const c = await newCase();
      const form = (what, fields) => fetch(`${srv.url}/cases/${c.id}/${what}`, {
        method: 'POST', redirect: 'manual',
        headers: { authorization: `Bearer ${tok.lww}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
      const viaApi = await post(c, 'goals', { goal: 'Walk to the shop', progress: 2 });
      assert.equal(viaApi.status, 201);
      assert.equal((await form('goal', { goal: 'Walk to the park', progress: '3' })).status, 303);
      const goals = auditOf(c, 'case.goal').map(([detail]) => detail);
      assert.equal(goals.length, 2);
      assert.equal(goals[0], `goal ${viaApi.body.id}`);
      assert.match(goals[1], /^goal \d+$/);
      // Progress out of range: 422 on both, naming progress.
      assert.equal((await post(c, 'goals', { goal: 'x', progress: 11 })).status, 422);
      const bad = await form('goal', { goal: 'x', progress: '11' });
      assert.equal(bad.status, 422);
      assert.match(await bad.text(), /Give progress as a whole number from 0 to 10/);
      // A closed case refuses both with a conflict.
      assert.equal((await post(c, 'close', { reason: 'completed', continuing_support: false })).status, 200);
      assert.equal((await post(c, 'sessions', { mode: 'telephone', duration_minutes: 20 })).status, 409);
      assert.equal((await form('session', { mode: 'telephone', duration_minutes: '20' })).status, 409);
    });

    test('a drop-out only after the set number of unsuccessful contact attempts, and counted', async () => {
      const c = await newCase();
      const follow = await post(c, 'measures', { instrument: 'swemwbs', phase: 'follow_up', answers: [3, 3, 3, 3, 3, 3, 3] });
      assert.equal(follow.status, 409);
      assert.match(follow.body.detail, /baseline before its follow-up/);
      const before = (await api(srv, tok.manager, 'GET', '/api/v1/cases')).body;
      assert.equal(before.dropout_attempts, 3);
      for (let i = 0; i < 3; i++) {
        const early = await post(c, 'drop-out', {});
        assert.equal(early.status, 409);
        assert.match(early.body.detail, new RegExp(`^${i} unsuccessful contact attempts? since the last contact; 3 are needed`));
        const k = await api(srv, tok.lww, 'POST', `/api/v1/referrals/${c.referral}/contacts`,
          { mode: 'telephone', outcome: 'no_answer', at: hoursAgo(2 - i * 0.5) });
        assert.equal(k.status, 201, JSON.stringify(k.body));
      }
      const out = await post(c, 'drop-out', {});
      assert.equal(out.status, 200, JSON.stringify(out.body));
      assert.equal(out.body.attempts, 3);
      assert.equal(out.body.case.closure_reason, 'unable_to_contact');
      assert.equal(out.body.case.dropout, true);
      const after = (await api(srv, tok.manager, 'GET', '/api/v1/cases?status=closed')).body;
      assert.equal(after.dropouts, before.dropouts + 1);
      assert.ok(after.cases.some((x) => x.id === c.id && x.dropout));

      // A successful contact resets the count.
      const d = await newCase();
      for (const [i, outcome] of ['no_answer', 'no_answer', 'successful', 'no_answer'].entries()) {
        const k = await api(srv, tok.lww, 'POST', `/api/v1/referrals/${d.referral}/contacts`, { mode: 'telephone', outcome, at: hoursAgo(2.5 - i * 0.5) });
        assert.equal(k.status, 201);
      }
      const early = await post(d, 'drop-out', {});
      assert.equal(early.status, 409);
      assert.match(early.body.detail, /^1 unsuccessful contact attempt since/);
    });
  });
}
