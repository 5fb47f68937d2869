// Volunteers over real HTTP: adding and editing with field errors, DBS
// compliance and renewal reminders, tasks with the 14-day stop and its
// extension, offers and the volunteer's own answers and logs. The matching
// acceptance (a lapsed DBS is never matched to a home visit) is in
// volunteers_match.test.mjs. Every test runs on SQLite and, when
// WAYMARK_TEST_PG_URL is set (make api-test), on PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { api, tokenFor, fieldsOf } from '../lib/referrals.mjs';
import { accountToken, addVolunteer, communitySupportReferral, dateIn, dayAt, hoursAgo as hoursAgoIso, volunteerBody } from '../lib/volunteers.mjs';

for (const [backend, dbUrl] of [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]]) {
  const skip = backend === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set';
  describe(`volunteers on ${backend}`, { skip }, () => {
    let srv;
    const tok = {};

    before(async () => {
      srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' }, dbUrl });
      for (const [k, email] of Object.entries({
        hub: 'hub@demo.waymark.test', volco: 'volco@demo.waymark.test', manager: 'manager@demo.waymark.test',
        manager2: 'manager2@demo.waymark.test', volunteer: 'volunteer@demo.waymark.test', lww: 'lww@demo.waymark.test',
      })) tok[k] = await tokenFor(srv, email);
    });
    after(async () => { await srv?.stop(); });

    test('adding a volunteer: every wrong field is named in one 422, then it is stored as given', async () => {
      const bad = await api(srv, tok.volco, 'POST', '/api/v1/volunteers', {
        name: '', email: 'not-an-email', postcode: 'NR99 9ZZ', travel_radius_km: 250, car: 'perhaps',
        max_tasks_per_week: -1, status: 'retired', skills: ['flying'],
        availability: { mon: '9-5pm', tue: '10:00-12:00, 11:00-13:00', someday: '10-12' },
        days_off: ['2026-02-30'],
        dbs: { level: 'enhanced', certificate_date: dateIn(3), renewal_date: dateIn(-10) },
        training: [{ module: 'Safeguarding adults' }], colour: 'blue',
      });
      assert.equal(bad.status, 422);
      assert.match(bad.headers.get('content-type'), /application\/problem\+json/);
      assert.deepEqual(fieldsOf(bad).sort(), ['availability.someday', 'availability.tue', 'car', 'colour', 'days_off',
        'dbs.certificate_date', 'email', 'max_tasks_per_week', 'name', 'postcode', 'skills', 'status',
        'training[0].completed', 'travel_radius_km'].sort());
      const msg = Object.fromEntries(bad.body.errors.map((e) => [e.field, e.message]));
      assert.match(msg['availability.tue'], /Tuesday: the time ranges overlap/);
      assert.equal(msg.skills, 'Choose the skills from the list');
      // "9-5pm" reads as 9:00 to 17:00, so Monday is fine.
      assert.ok(!('availability.mon' in msg));

      // A postcode outside Norfolk and Waveney is refused by district.
      const far = await api(srv, tok.volco, 'POST', '/api/v1/volunteers', volunteerBody({ postcode: 'SW1A 1AA' }));
      assert.equal(far.status, 422);
      assert.deepEqual(fieldsOf(far), ['postcode']);
      assert.match(far.body.errors[0].message, /Norfolk or Waveney .*SW1A/);

      const created = await api(srv, tok.volco, 'POST', '/api/v1/volunteers', volunteerBody({
        name: 'Ada Quill', postcode: 'nr16 2ab', travel_radius_km: 7.5, skills: ['shopping', 'driving'],
        availability: { tue: '10am-12:30pm', thu: '14:00 to 16:00' }, days_off: ['24/12/2026', '2026-12-25'],
        dbs: { level: 'standard', certificate_date: dateIn(-100), renewal_date: dateIn(900), update_service: true },
      }));
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const v = created.body;
      assert.equal(created.headers.get('location'), `/api/v1/volunteers/${v.id}`);
      assert.equal(v.postcode, 'NR16 2AB');
      assert.equal(v.area, 'breckland');
      assert.equal(v.organisation.name, 'Breckland Community Support');
      assert.equal(v.travel_radius_km, 7.5);
      assert.deepEqual(v.skills, ['shopping', 'driving']);
      assert.deepEqual(v.availability, { mon: '', tue: '10:00-12:30', wed: '', thu: '14:00-16:00', fri: '', sat: '', sun: '' });
      assert.deepEqual(v.days_off, ['2026-12-24', '2026-12-25']);
      assert.equal(v.dbs.level, 'standard');
      assert.equal(v.compliance.home_visits, false);

      // Read back, then replace: the stored record is the new one.
      const got = await api(srv, tok.volco, 'GET', `/api/v1/volunteers/${v.id}`);
      assert.deepEqual(got.body, v);
      const put = await api(srv, tok.volco, 'PUT', `/api/v1/volunteers/${v.id}`, { ...volunteerBody({ name: 'Ada Quill', status: 'paused' }), id: v.id });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.equal(put.body.status, 'paused');
      assert.equal(put.body.skills.length, 11);
      // The provider manager of the same organisation manages them too; another organisation's does not see them.
      assert.equal((await api(srv, tok.manager, 'GET', `/api/v1/volunteers/${v.id}`)).status, 200);
      assert.equal((await api(srv, tok.manager2, 'GET', `/api/v1/volunteers/${v.id}`)).status, 404);
      assert.equal((await api(srv, tok.manager2, 'PUT', `/api/v1/volunteers/${v.id}`, volunteerBody())).status, 404);
      assert.equal((await api(srv, tok.lww, 'GET', `/api/v1/volunteers/${v.id}`)).status, 403);
      assert.ok(!(await api(srv, tok.manager2, 'GET', '/api/v1/volunteers')).body.volunteers.some((x) => x.id === v.id));
    });

    test('a volunteer record links to a volunteer account of the same organisation only, once', async () => {
      const names = async (body) => fieldsOf(await api(srv, tok.volco, 'POST', '/api/v1/volunteers', volunteerBody(body)));
      assert.deepEqual(await names({ account_email: 'nobody@demo.waymark.test' }), ['account_email']);
      assert.deepEqual(await names({ account_email: 'lww@demo.waymark.test' }), ['account_email']); // not a volunteer's account
      assert.deepEqual(await names({ account_email: 'volunteer@demo.waymark.test' }), ['account_email']); // Val Turner's already
    });

    test('DBS compliance: reminders at 60, 30 and 7 days, lapsed checks flagged, home visits only on a current enhanced check', async () => {
      const made = {};
      for (const [name, renew, level] of [['Renew Fifty', 50, 'enhanced'], ['Renew Twenty', 20, 'enhanced'],
        ['Renew Five', 5, 'basic'], ['Renew Lapsed', -3, 'enhanced'], ['Renew Later', 200, 'enhanced']]) {
        made[name] = await addVolunteer(srv, tok.volco, {
          name, dbs: { level, certificate_date: dateIn(-1000), renewal_date: dateIn(renew) },
        });
      }
      const r = await api(srv, tok.volco, 'GET', '/api/v1/volunteers/reminders');
      assert.equal(r.status, 200);
      const stage = Object.fromEntries(r.body.reminders.map((x) => [x.name, x.compliance.stage]));
      assert.equal(stage['Renew Fifty'], 'due_60');
      assert.equal(stage['Renew Twenty'], 'due_30');
      assert.equal(stage['Renew Five'], 'due_7');
      assert.equal(stage['Renew Lapsed'], 'lapsed');
      assert.ok(!('Renew Later' in stage));
      // Soonest first, and the reminder's day is the renewal date less 60, 30 or 7.
      const dates = r.body.reminders.map((x) => x.renewal_date);
      assert.deepEqual(dates, [...dates].sort());
      const fifty = r.body.reminders.find((x) => x.name === 'Renew Fifty');
      assert.equal(fifty.compliance.reminder_due_on, dateIn(-10));
      assert.equal(made['Renew Lapsed'].compliance.home_visits, false);
      assert.equal(made['Renew Twenty'].compliance.home_visits, true);
      assert.equal(made['Renew Five'].compliance.home_visits, false); // basic: never home visits
      // The list carries the same flags.
      const list = await api(srv, tok.volco, 'GET', '/api/v1/volunteers?status=active');
      const lapsed = list.body.volunteers.find((x) => x.name === 'Renew Lapsed');
      assert.equal(lapsed.compliance.stage, 'lapsed');
      assert.ok(list.body.volunteers.every((x) => x.status === 'active'));
      assert.deepEqual(fieldsOf(await api(srv, tok.volco, 'GET', '/api/v1/volunteers?status=retired')), ['status']);
    });

    test('tasks: a fortnight of weekly shopping is two tasks; support stops at 14 days unless a coordinator extends it', async () => {
      const ref = await communitySupportReferral(srv, tok.hub, { postcode: 'NR16 2AA' });
      const base = { referral_id: ref, type: 'shopping', window_start: dayAt(1, 9), window_end: dayAt(1, 17), duration_minutes: 90 };
      const two = await api(srv, tok.volco, 'POST', '/api/v1/tasks', { ...base, weeks: 2 });
      assert.equal(two.status, 201, JSON.stringify(two.body));
      assert.equal(two.body.task_ids.length, 2);
      const [a, b] = await Promise.all(two.body.task_ids.map((id) => api(srv, tok.volco, 'GET', `/api/v1/tasks/${id}`)));
      assert.equal(Date.parse(b.body.window_start) - Date.parse(a.body.window_start), 7 * 86400_000);
      assert.equal(a.body.status, 'open');
      assert.equal(a.body.postcode, 'NR16 2AA');
      assert.deepEqual(a.body.skills, ['shopping']);

      // A third week would run past the 14 days.
      const three = await api(srv, tok.volco, 'POST', '/api/v1/tasks', { ...base, weeks: 3 });
      assert.equal(three.status, 422);
      assert.deepEqual(fieldsOf(three), ['weeks']);
      assert.match(three.body.errors[0].message, /Community support stops on .*\(14 days after it started\)/);
      const late = await api(srv, tok.volco, 'POST', '/api/v1/tasks', { ...base, window_start: dayAt(16, 9), window_end: dayAt(16, 17) });
      assert.deepEqual(fieldsOf(late), ['window_start']);

      // The coordinator extends support, with a reason; then the later task fits.
      assert.deepEqual(fieldsOf(await api(srv, tok.volco, 'POST', '/api/v1/support-extensions', { referral_id: ref, until: dateIn(25) })), ['reason']);
      const ext = await api(srv, tok.volco, 'POST', '/api/v1/support-extensions', { referral_id: ref, until: dateIn(25), reason: 'Still waiting for a care package' });
      assert.equal(ext.status, 201, JSON.stringify(ext.body));
      const ok = await api(srv, tok.volco, 'POST', '/api/v1/tasks', { ...base, weeks: 3 });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));

      // Bad details are named; other organisations and other tiers are refused.
      const badT = await api(srv, tok.volco, 'POST', '/api/v1/tasks', { referral_id: ref, type: 'juggling', skills: ['x'],
        window_start: dayAt(2, 17), window_end: dayAt(2, 9), priority: 9, home_visit: 'yes' });
      assert.equal(badT.status, 422);
      assert.deepEqual(fieldsOf(badT).sort(), ['home_visit', 'priority', 'skills', 'type', 'window_end'].sort());
      assert.deepEqual(fieldsOf(await api(srv, tok.manager2, 'POST', '/api/v1/tasks', base)), ['referral_id']);
      assert.equal((await api(srv, tok.manager2, 'GET', `/api/v1/tasks/${a.body.id}`)).status, 404);

      // An open task's details can change; a cancelled one's cannot.
      const put = await api(srv, tok.volco, 'PUT', `/api/v1/tasks/${a.body.id}`, { ...base, type: 'prescription_collection', home_visit: true, priority: 5 });
      assert.equal(put.status, 200, JSON.stringify(put.body));
      assert.equal(put.body.priority, 5);
      assert.equal(put.body.home_visit, true);
      assert.deepEqual(fieldsOf(await api(srv, tok.volco, 'POST', `/api/v1/tasks/${a.body.id}/cancel`, {})), ['reason']);
      const cancel = await api(srv, tok.volco, 'POST', `/api/v1/tasks/${a.body.id}/cancel`, { reason: 'Family are helping now' });
      assert.equal(cancel.body.status, 'cancelled');
      assert.equal((await api(srv, tok.volco, 'PUT', `/api/v1/tasks/${a.body.id}`, base)).status, 409);
    });

    test('the volunteer sees an offer without the address, accepts it, logs it; a declined task is not offered to them again', async () => {
      const ref = await communitySupportReferral(srv, tok.hub, { postcode: 'IP24 1AB' });
      const volunteers = (await api(srv, tok.volco, 'GET', '/api/v1/volunteers')).body.volunteers;
      const val = volunteers.find((v) => v.name === 'Val Turner');
      const mk = async (day) => (await api(srv, tok.volco, 'POST', '/api/v1/tasks', {
        referral_id: ref, type: 'shopping', window_start: dayAt(day, 9), window_end: dayAt(day, 16),
      })).body.task_ids[0];
      // The first started two hours ago (it can be logged as done); the second starts the day after tomorrow.
      const t1 = (await api(srv, tok.volco, 'POST', '/api/v1/tasks', {
        referral_id: ref, type: 'shopping', window_start: hoursAgoIso(2), window_end: dayAt(1, 16),
      })).body.task_ids[0];
      const t2 = await mk(2);
      const offer = await api(srv, tok.volco, 'POST', '/api/v1/match/offers', { offers: [{ task_id: t1, volunteer_id: val.id }, { task_id: t2, volunteer_id: val.id }] });
      assert.equal(offer.status, 201, JSON.stringify(offer.body));
      assert.equal(offer.body.offered, 2);
      // Offering again is refused: the task is not open any more.
      const again = await api(srv, tok.volco, 'POST', '/api/v1/match/offers', { offers: [{ task_id: t1, volunteer_id: val.id }] });
      assert.equal(again.status, 422);
      assert.match(again.body.errors[0].message, /Offered, not open/);

      const mine = await api(srv, tok.volunteer, 'GET', '/api/v1/my/tasks');
      assert.equal(mine.status, 200);
      const offered = mine.body.tasks.find((t) => t.id === t1);
      assert.equal(offered.status, 'offered');
      assert.match(offered.match_reason, /shopping/);
      assert.deepEqual(Object.keys(offered.person), ['given_name']);
      assert.equal(offered.postcode, 'IP24');

      const acc = await api(srv, tok.volunteer, 'POST', `/api/v1/my/tasks/${t1}/accept`);
      assert.equal(acc.status, 200, JSON.stringify(acc.body));
      assert.equal(acc.body.status, 'accepted');
      assert.ok('address' in acc.body.person && 'family_name' in acc.body.person);
      assert.equal(acc.body.postcode, 'IP24 1AB');
      assert.equal((await api(srv, tok.volunteer, 'POST', `/api/v1/my/tasks/${t1}/accept`)).status, 409);

      const badLog = await api(srv, tok.volunteer, 'POST', `/api/v1/my/tasks/${t1}/log`, { outcome: 'maybe', hours: 'lots' });
      assert.equal(badLog.status, 422);
      assert.deepEqual(fieldsOf(badLog), ['outcome']);
      assert.deepEqual(fieldsOf(await api(srv, tok.volunteer, 'POST', `/api/v1/my/tasks/${t1}/log`, { outcome: 'done', hours: 'lots' })), ['hours']);
      assert.deepEqual(fieldsOf(await api(srv, tok.volunteer, 'POST', `/api/v1/my/tasks/${t1}/log`, { outcome: 'missed' })), ['note']);
      // Nobody can log a task as done before it starts.
      const early = await api(srv, tok.volunteer, 'POST', `/api/v1/my/tasks/${t2}/log`, { outcome: 'done', hours: 1 });
      assert.equal(early.status, 422);
      assert.deepEqual(fieldsOf(early), ['outcome']);
      assert.match(early.body.errors[0].message, /before it starts/);
      const log = await api(srv, tok.volunteer, 'POST', `/api/v1/my/tasks/${t1}/log`, { outcome: 'done', hours: 1.5, note: 'Shopping done; fridge was empty.' });
      assert.equal(log.status, 200, JSON.stringify(log.body));
      assert.equal(log.body.status, 'done');
      assert.equal(log.body.hours_logged, 1.5);
      assert.equal((await api(srv, tok.volco, 'GET', `/api/v1/tasks/${t1}`)).body.outcome_note, 'Shopping done; fridge was empty.');

      // Declining puts the task back to open, and matching never proposes it to them again.
      assert.equal((await api(srv, tok.volunteer, 'POST', `/api/v1/my/tasks/${t2}/decline`)).status, 204);
      assert.equal((await api(srv, tok.volco, 'GET', `/api/v1/tasks/${t2}`)).body.status, 'open');
      const props = await api(srv, tok.volco, 'GET', '/api/v1/match/proposals');
      const p2 = props.body.proposals.find((p) => p.task_id === t2);
      assert.ok(p2 && p2.volunteer?.id !== val.id, JSON.stringify(p2));
      const re = await api(srv, tok.volco, 'POST', '/api/v1/match/offers', { offers: [{ task_id: t2, volunteer_id: val.id }] });
      assert.equal(re.status, 422);
      assert.match(re.body.errors[0].message, /declined/);
      // The task is no longer theirs to see.
      assert.equal((await api(srv, tok.volunteer, 'POST', `/api/v1/my/tasks/${t2}/accept`)).status, 404);
    });

    test('a person who declines a volunteer is never matched with them again', async () => {
      const ref = await communitySupportReferral(srv, tok.hub, { postcode: 'NR16 2AA' });
      await addVolunteer(srv, tok.volco, { name: 'Declined Dora', postcode: 'NR16 2AB' });
      const mk = async (day) => (await api(srv, tok.volco, 'POST', '/api/v1/tasks', {
        referral_id: ref, type: 'gardening', skills: ['languages', 'dog_walking'], window_start: dayAt(day, 9), window_end: dayAt(day, 17),
      })).body.task_ids[0];
      const task = await mk(1);
      const proposal = async (id) => (await api(srv, tok.volco, 'GET', '/api/v1/match/proposals')).body.proposals.find((p) => p.task_id === id);
      const first = await proposal(task);
      assert.ok(first.volunteer, JSON.stringify(first));
      const d = await api(srv, tok.volco, 'POST', `/api/v1/tasks/${task}/person-declined`, { volunteer_id: first.volunteer.id, reason: 'Prefers someone else' });
      assert.equal(d.status, 200, JSON.stringify(d.body));
      assert.notEqual((await proposal(task)).volunteer?.id, first.volunteer.id);
      // Not for this person's other tasks either, and not by hand.
      const other = await mk(2);
      assert.notEqual((await proposal(other)).volunteer?.id, first.volunteer.id);
      const byHand = await api(srv, tok.volco, 'POST', '/api/v1/match/offers', { offers: [{ task_id: other, volunteer_id: first.volunteer.id }] });
      assert.equal(byHand.status, 422);
      assert.match(byHand.body.errors[0].message, /declined/);
      assert.deepEqual(fieldsOf(await api(srv, tok.volco, 'POST', `/api/v1/tasks/${task}/person-declined`, { reason: 'x' })), ['volunteer_id']);
    });

    test('where to recruit: demand, compliant supply and volunteers needed per area, ranked; CSV export', async () => {
      const commissioner = await tokenFor(srv, 'commissioner@demo.waymark.test');
      const before = await api(srv, commissioner, 'GET', '/api/v1/volunteers/recruit');
      assert.equal(before.status, 200, JSON.stringify(before.body));
      assert.equal(before.body.period.weeks, 8);
      assert.deepEqual(before.body.target, { share: 0.95, hours: 24 });
      const breck = (d) => d.areas.find((a) => a.code === 'breckland');
      // Twenty-four requests that started yesterday in Breckland: three a week over the 8 weeks.
      const ref = await communitySupportReferral(srv, tok.hub, { postcode: 'NR16 2AA' });
      for (let i = 0; i < 2; i++) {
        const r = await api(srv, tok.volco, 'POST', '/api/v1/tasks', { referral_id: ref, type: 'shopping', weeks: 2,
          window_start: hoursAgoIso(30 + i), window_end: dayAt(1, 17), duration_minutes: 120 });
        assert.equal(r.status, 201, JSON.stringify(r.body));
      }
      const after = await api(srv, commissioner, 'GET', '/api/v1/volunteers/recruit');
      const a = breck(after.body);
      // The two new tasks started in the period (their second weeks have not), plus the triage task.
      assert.equal(a.tasks - breck(before.body).tasks, 3);
      assert.ok(a.needed >= 1);
      assert.equal(a.gap, Math.max(0, a.needed - a.volunteers));
      for (const list of [after.body.areas, after.body.clusters]) {
        assert.deepEqual(list.map((x) => x.rank), list.map((_, i) => i + 1));
        for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].gap >= list[i].gap, JSON.stringify(list));
      }
      assert.ok(after.body.clusters.some((c) => c.name === 'Not in a GP cluster'));
      assert.equal(after.body.total.volunteers, after.body.areas.reduce((s, x) => s + x.volunteers, 0));

      const csv = await fetch(`${srv.url}/volunteers/recruit.csv`, { headers: { authorization: `Bearer ${commissioner}` } });
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type'), /^text\/csv/);
      assert.match(csv.headers.get('content-disposition'), /attachment; filename="where-to-recruit.csv"/);
      const lines = (await csv.text()).trim().split('\r\n');
      assert.equal(lines[0], 'level,rank,name,area,tasks_8_weeks,tasks_per_week,hours_per_week,tasks_unmatched,'
        + 'compliant_volunteers,supply_hours_per_week,answered_within_24h_percent,volunteers_needed,volunteers_to_recruit');
      assert.equal(lines.length, 1 + after.body.areas.length + after.body.clusters.length + 1);
      const row = lines.find((l) => l.startsWith('area,') && l.includes(',Breckland,')).split(',');
      assert.equal(Number(row[4]), a.tasks);
      assert.equal(Number(row[11]), a.needed);
      // No cell can start a formula.
      assert.ok(lines.every((l) => l.split(',').every((c) => !/^[=+\-@]/.test(c))));
      // Aggregates only, for those who plan recruiting; not for a volunteer or a link worker.
      assert.equal((await api(srv, tok.volunteer, 'GET', '/api/v1/volunteers/recruit')).status, 403);
      assert.equal((await api(srv, tok.lww, 'GET', '/api/v1/volunteers/recruit')).status, 403);
      assert.equal((await api(srv, tok.volco, 'GET', '/api/v1/volunteers/recruit')).status, 200);
    });

    test('a day off: the volunteer is not offered a task that day, and is the day after', async () => {
      const coord = await accountToken(srv, 'volco.westnorfolk@example.org', 'volunteer_coordinator', 'West Norfolk Befriending');
      const ref = await communitySupportReferral(srv, tok.hub, { postcode: 'PE36 5AA' });
      const dan = await addVolunteer(srv, coord, { name: 'Dayoff Dan', postcode: 'PE36 6AB', travel_radius_km: 5, days_off: [dateIn(1)] });
      assert.deepEqual(dan.days_off, [dateIn(1)]);
      const mk = async (d) => {
        const r = await api(srv, coord, 'POST', '/api/v1/tasks', { referral_id: ref, type: 'gardening', skills: ['languages', 'dog_walking', 'form_filling'],
          window_start: dayAt(d, 9), window_end: dayAt(d, 17) });
        assert.equal(r.status, 201, JSON.stringify(r.body));
        return r.body.task_ids[0];
      };
      const [t1, t2] = [await mk(1), await mk(2)];
      const props = Object.fromEntries((await api(srv, coord, 'GET', '/api/v1/match/proposals')).body.proposals.map((p) => [p.task_id, p]));
      assert.equal(props[t1].volunteer, null, JSON.stringify(props[t1]));
      assert.match(props[t1].reason, /not free/);
      assert.equal(props[t2].volunteer?.id, dan.id, JSON.stringify(props[t2]));
    });

    test('an offer refused for another organisation\'s volunteer names the rule, not their distance or travel radius', async () => {
      // Pia, of West Norfolk, is in the shared pool, 5 km around Hunstanton; Breckland's task is far from there.
      const coord = await accountToken(srv, 'volco.privacy@example.org', 'volunteer_coordinator', 'West Norfolk Befriending');
      const pia = await addVolunteer(srv, coord, { name: 'Pia Private', postcode: 'PE36 6AB', travel_radius_km: 5,
        consent_to_share: true, skills: ['shopping'] });
      const mine = await addVolunteer(srv, tok.volco, { name: 'Oscar Own', postcode: 'PE36 6AB', travel_radius_km: 5, skills: ['shopping'] });
      const ref = await communitySupportReferral(srv, tok.hub, { postcode: 'NR16 2AA' });
      const made = await api(srv, tok.volco, 'POST', '/api/v1/tasks', { referral_id: ref, type: 'shopping',
        window_start: dayAt(1, 9), window_end: dayAt(1, 17) });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const task = made.body.task_ids[0];
      const refused = await api(srv, tok.volco, 'POST', '/api/v1/match/offers', { offers: [{ task_id: task, volunteer_id: pia.id }] });
      assert.equal(refused.status, 422);
      const msg = refused.body.errors[0].message;
      assert.match(msg, /too far/);
      assert.doesNotMatch(msg, /\d+(\.\d+)? k?m\b|radius/, msg);
      // Their own volunteer's refusal keeps the details a coordinator needs.
      const own = await api(srv, tok.volco, 'POST', '/api/v1/match/offers', { offers: [{ task_id: task, volunteer_id: mine.id }] });
      assert.equal(own.status, 422);
      assert.match(own.body.errors[0].message, /\d+\.\d km away, beyond a 5\.0 km travel radius/);
      assert.equal((await api(srv, tok.volco, 'GET', `/api/v1/tasks/${task}`)).body.status, 'open');
    });
  });
}
