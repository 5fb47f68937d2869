// A coordinator records, for a volunteer of their organisation who has no
// account (told by phone), the answer to an offer and what happened on the
// task; and reads the hours their volunteers gave by volunteer,
// organisation, area and month. Bad input is 422 naming the field and
// changes nothing; a volunteer with their own account answers for
// themselves (409); another organisation's task is 404. On SQLite and, when
// WAYMARK_TEST_PG_URL is set, on PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { api, tokenFor, fieldsOf } from '../lib/referrals.mjs';
import { addVolunteer, communitySupportReferral, dayAt } from '../lib/volunteers.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

for (const [backend, dbUrl] of [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]]) {
  describe(`tasks recorded by phone on ${backend}`, { skip: backend === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set' }, () => {
    let srv;
    const tok = {};
    before(async () => {
      srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1' } });
      for (const [k, email] of Object.entries({
        hub: 'hub@demo.waymark.test', volco: 'volco@demo.waymark.test', manager2: 'manager2@demo.waymark.test',
      })) tok[k] = await tokenFor(srv, email);
    });
    after(async () => { await srv?.stop(); });
    const sql = (q) => sqlRows(srv.dbPath, q).map((r) => r.join('|')).join('\n');

    test('answer and log on behalf of a volunteer without an account; hours totals', async () => {
      const phone = await addVolunteer(srv, tok.volco, { name: 'Pat Phoneonly', email: '', postcode: 'IP24 1AB' });
      const ref = await communitySupportReferral(srv, tok.hub, { postcode: 'IP24 1AB' });
      const mk = async (day) => (await api(srv, tok.volco, 'POST', '/api/v1/tasks', {
        referral_id: ref, type: 'shopping', window_start: dayAt(day, 9), window_end: dayAt(day, 16),
      })).body.task_ids[0];
      const t1 = await mk(1);
      const offer = await api(srv, tok.volco, 'POST', '/api/v1/match/offers', { offers: [{ task_id: t1, volunteer_id: phone.id }] });
      assert.equal(offer.status, 201, JSON.stringify(offer.body));

      for (const [b, field] of [[{}, 'accept'], [{ accept: 'yes' }, 'accept'], [{ accept: true, colour: 'blue' }, 'colour']]) {
        const r = await api(srv, tok.volco, 'POST', `/api/v1/tasks/${t1}/answer`, b);
        assert.equal(r.status, 422, JSON.stringify(b));
        assert.ok(fieldsOf(r).includes(field), JSON.stringify(r.body));
      }
      assert.equal(sql(`SELECT status FROM tasks WHERE id = ${t1}`), 'offered');
      const acc = await api(srv, tok.volco, 'POST', `/api/v1/tasks/${t1}/answer`, { accept: true });
      assert.equal(acc.status, 200, JSON.stringify(acc.body));
      assert.equal(acc.body.status, 'accepted');
      assert.equal(sql(`SELECT detail FROM audit_events WHERE action = 'task.accept' AND entity_id = ${t1}`), 'on behalf of the volunteer');

      for (const [b, field] of [[{ outcome: 'done' }, 'hours'], [{ outcome: 'finished', hours: '1' }, 'outcome'],
        [{ outcome: 'missed' }, 'note'], [{ outcome: 'done', hours: 'lots' }, 'hours'], [{ outcome: 'done', hours: 1 }, 'hours']]) {
        const r = await api(srv, tok.volco, 'POST', `/api/v1/tasks/${t1}/log`, b);
        assert.equal(r.status, 422, JSON.stringify(b));
        assert.ok(fieldsOf(r).includes(field), JSON.stringify(r.body));
      }
      assert.equal(sql(`SELECT status FROM tasks WHERE id = ${t1}`), 'accepted');
      // A task is logged as done only once it has started: it took place yesterday.
      sqlRows(srv.dbPath, `UPDATE tasks SET window_from = window_from - 172800, window_to = window_to - 172800 WHERE id = ${t1}`);
      const log = await api(srv, tok.volco, 'POST', `/api/v1/tasks/${t1}/log`, { outcome: 'done', hours: '1:30', note: 'Shopping delivered.' });
      assert.equal(log.status, 200, JSON.stringify(log.body));
      assert.equal(log.body.status, 'done');
      assert.equal(log.body.minutes_logged, 90);
      assert.equal(sql(`SELECT detail FROM audit_events WHERE action = 'task.log' AND entity_id = ${t1}`), 'done on behalf');
      const twice = await api(srv, tok.volco, 'POST', `/api/v1/tasks/${t1}/log`, { outcome: 'done', hours: '2' });
      assert.equal(twice.status, 409);

      const hours = await api(srv, tok.volco, 'GET', '/api/v1/volunteer-hours?by=volunteer');
      assert.equal(hours.status, 200, JSON.stringify(hours.body));
      const pat = hours.body.rows.find((r) => r.label === 'Pat Phoneonly');
      assert.deepEqual([pat.tasks, pat.minutes, pat.hours], [1, 90, 1.5]);
      assert.equal(hours.body.minutes, hours.body.rows.reduce((s, r) => s + r.minutes, 0));
      for (const by of ['organisation', 'area', 'month']) {
        const g = await api(srv, tok.volco, 'GET', `/api/v1/volunteer-hours?by=${by}`);
        assert.equal(g.status, 200);
        assert.equal(g.body.by, by);
        assert.equal(g.body.minutes, hours.body.minutes, by);
      }
      const month = (await api(srv, tok.volco, 'GET', '/api/v1/volunteer-hours?by=month')).body.rows;
      assert.ok(month.every((r) => /^\d{4}-\d\d$/.test(r.key)));
      assert.deepEqual(fieldsOf(await api(srv, tok.volco, 'GET', '/api/v1/volunteer-hours?by=colour')), ['by']);
      assert.deepEqual(fieldsOf(await api(srv, tok.volco, 'GET', '/api/v1/volunteer-hours?from=2026-02-30')), ['from']);
      assert.equal((await api(srv, tok.volco, 'GET', '/api/v1/volunteer-hours?colour=blue')).status, 400);
      // The page: the period in the NHS.UK date input (or the old ISO from/to links), a date that is not one named.
      const pageOf = async (q) => {
        const r = await fetch(`${srv.url}/volunteer-hours?${q}`, { headers: { authorization: `Bearer ${tok.volco}`, accept: 'text/html' } });
        return { status: r.status, html: await r.text() };
      };
      const now = new Date();
      const [y, m, d] = [now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate()];
      const iso = now.toISOString().slice(0, 10);
      for (const q of [`to=${iso}&by=volunteer`, `to.day=${d}&to.month=${m}&to.year=${y}&by=volunteer`, `to=${encodeURIComponent(`${d}/${m}/${y}`)}`]) {
        const p = await pageOf(q);
        assert.equal(p.status, 200, q);
        assert.match(p.html, /Pat Phoneonly[\s\S]*?1 h 30 min/, q);
        assert.match(p.html, new RegExp(`name="to\\.day"[^>]*value="${d}"`), q);
      }
      const badPage = await pageOf('from.day=30&from.month=2&from.year=2026');
      assert.equal(badPage.status, 422);
      assert.match(badPage.html, /href="#from"[^>]*>Enter the first day as a real date/);
      // Another organisation's coordinator sees none of these hours.
      const other = await api(srv, tok.manager2, 'GET', '/api/v1/volunteer-hours');
      assert.equal(other.status, 200);
      assert.ok(!other.body.rows.some((r) => r.label === 'Pat Phoneonly'));
    });

    test('a volunteer with an account answers for themselves; another organisation gets 404', async () => {
      const ref = await communitySupportReferral(srv, tok.hub, { postcode: 'IP24 1AB' });
      const t = (await api(srv, tok.volco, 'POST', '/api/v1/tasks', {
        referral_id: ref, type: 'shopping', window_start: dayAt(2, 9), window_end: dayAt(2, 16),
      })).body.task_ids[0];
      const val = (await api(srv, tok.volco, 'GET', '/api/v1/volunteers')).body.volunteers.find((v) => v.name === 'Val Turner');
      const offer = await api(srv, tok.volco, 'POST', '/api/v1/match/offers', { offers: [{ task_id: t, volunteer_id: val.id }] });
      assert.equal(offer.status, 201, JSON.stringify(offer.body));
      const r = await api(srv, tok.volco, 'POST', `/api/v1/tasks/${t}/answer`, { accept: true });
      assert.equal(r.status, 409, JSON.stringify(r.body));
      assert.deepEqual(fieldsOf(r), ['volunteer_id']);
      assert.equal(sql(`SELECT status FROM tasks WHERE id = ${t}`), 'offered');
      assert.equal((await api(srv, tok.manager2, 'POST', `/api/v1/tasks/${t}/answer`, { accept: true })).status, 404);
      const open = (await api(srv, tok.volco, 'POST', '/api/v1/tasks', {
        referral_id: ref, type: 'shopping', window_start: dayAt(3, 9), window_end: dayAt(3, 16),
      })).body.task_ids[0];
      const none = await api(srv, tok.volco, 'POST', `/api/v1/tasks/${open}/log`, { outcome: 'done', hours: '1' });
      assert.equal(none.status, 409);
    });
  });
}
