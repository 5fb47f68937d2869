// The relationship table (ops/relations.c), run by the dispatcher before the
// handler: a record a user has no relationship with is a 404 on the API and
// on the pages, and every such refusal is an audit event (deny.relation)
// naming the record; and a list read names the people it showed, so "who
// has looked at this person" finds it (security finding 6).
// On SQLite and, when WAYMARK_TEST_PG_URL is set, on PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { api, tokenFor } from '../lib/referrals.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

for (const [backend, dbUrl] of [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]]) {
  describe(`relationship refusals on ${backend}`, { skip: backend === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set' }, () => {
    let srv;
    const tok = {};
    before(async () => {
      srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1' } });
      for (const [k, email] of Object.entries({ hub: 'hub@demo.waymark.test', gp: 'gp@demo.waymark.test', social: 'socialcare@demo.waymark.test',
        lww3: 'lww3@demo.waymark.test', volco: 'volco@demo.waymark.test' })) tok[k] = await tokenFor(srv, email);
    });
    after(async () => { await srv?.stop(); });

    const denials = (entity, id) => Number(sqlRows(srv.dbPath,
      `SELECT COUNT(*) FROM audit_events WHERE action = 'deny.relation' AND entity = '${entity}' AND entity_id = ${id}`)[0][0]);

    test('another referrer\'s referral: 404 and one audited refusal naming it', async () => {
      const made = await api(srv, tok.gp, 'POST', '/api/v1/referrals', {
        person: { given_name: 'Relation', family_name: 'Testperson', date_of_birth: '1950-02-03', postcode: 'IP24 1AA',
          phone: '01842 555 0101', practice: 'SPBRK01' },
        source: 'gp_practice', reasons: ['shopping'],
        referrer: { name: 'Dr Test', organisation: 'Thetford Healthy Living Centre', phone: '01842 555 0100' },
        consent: { referral: true, data_sharing: true },
      });
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const id = made.body.id;
      assert.equal(denials('referral', id), 0);
      const own = await api(srv, tok.gp, 'GET', `/api/v1/referrals/${id}`);
      assert.equal(own.status, 200);
      const other = await api(srv, tok.social, 'GET', `/api/v1/referrals/${id}`);
      assert.equal(other.status, 404);
      assert.equal(denials('referral', id), 1);
      // A link worker of an organisation not holding the case: the same.
      const lw = await api(srv, tok.lww3, 'POST', `/api/v1/referrals/${id}/contacts`, { mode: 'phone', outcome: 'no_answer' });
      assert.equal(lw.status, 404);
      assert.equal(denials('referral', id), 2);
    });

    test('the triage queue and the referrals list name every person they showed', async () => {
      const peopleOf = (action) => sqlRows(srv.dbPath, `SELECT DISTINCT ap.person_id FROM audit_people ap
        JOIN audit_events e ON e.id = ap.event_id WHERE e.action = '${action}'`).map((r) => Number(r[0]));
      const q = await api(srv, tok.hub, 'GET', '/api/v1/triage/queue?limit=5');
      assert.equal(q.status, 200);
      const shown = q.body.referrals.map((r) => r.id);
      assert.ok(shown.length > 0);
      const people = sqlRows(srv.dbPath, `SELECT DISTINCT person_id FROM referrals WHERE id IN (${shown.join(',')})`)
        .map((r) => Number(r[0])).sort((a, b) => a - b);
      assert.deepEqual(peopleOf('triage.queue.read').sort((a, b) => a - b), people);
      const page = await fetch(`${srv.url}/audit/people/${people[0]}`, {
        headers: { authorization: `Bearer ${await tokenFor(srv, 'lead@demo.waymark.test')}`, accept: 'text/html' } });
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Opened the triage queue/); // triage.queue.read, in words (core/audit_label.c)
      const list = await api(srv, tok.hub, 'GET', '/api/v1/referrals?limit=3');
      assert.equal(list.status, 200);
      const listed = list.body.items.map((r) => r.person.id).sort((a, b) => a - b);
      const named = peopleOf('referral.list').sort((a, b) => a - b);
      for (const p of listed) assert.ok(named.includes(p), `person ${p} named by the list read`);
    });

    test('the caseload page and the task list name the people they showed', async () => {
      const namedBy = (action) => sqlRows(srv.dbPath, `SELECT COUNT(*) FROM audit_people ap
        JOIN audit_events e ON e.id = ap.event_id WHERE e.action = '${action}'`)[0][0];
      const lww = await tokenFor(srv, 'lww@demo.waymark.test');
      const page = await fetch(`${srv.url}/caseload`, { headers: { authorization: `Bearer ${lww}`, accept: 'text/html' } });
      assert.equal(page.status, 200);
      const held = Number(sqlRows(srv.dbPath, `SELECT COUNT(DISTINCT c.person_id) FROM cases c JOIN workers w
        ON w.id = c.worker_id JOIN users u ON u.id = w.user_id WHERE u.email = 'lww@demo.waymark.test'
        AND c.closed_at IS NULL`)[0][0]);
      assert.ok(Number(namedBy('case.caseload.read')) >= Math.min(held, 1), 'the caseload read names its people');
      const tasks = await api(srv, tok.volco, 'GET', '/api/v1/tasks');
      assert.equal(tasks.status, 200);
      assert.ok(tasks.body.count > 0);
      assert.ok(Number(namedBy('task.list')) > 0, 'the task list names its people');
      const board = await api(srv, tok.hub, 'GET', '/api/v1/discharge/board');
      assert.equal(board.status, 200);
      assert.ok(board.body.referrals.length > 0);
      assert.ok(Number(namedBy('discharge.board')) >= board.body.referrals.length, 'the board names its people');
      const cases = await api(srv, lww, 'GET', '/api/v1/cases');
      assert.equal(cases.status, 200);
      assert.ok(cases.body.count > 0);
      assert.ok(Number(namedBy('case.list')) >= cases.body.count, 'the case list names its people');
    });

    test('another organisation\'s volunteer: 404 and an audited refusal', async () => {
      const rows = sqlRows(srv.dbPath, `SELECT v.id FROM volunteers v JOIN orgs o ON o.id = v.org_id
        WHERE o.name <> 'Breckland Community Support' ORDER BY v.id LIMIT 1`);
      assert.ok(rows.length, 'the demo has a volunteer outside Breckland Community Support');
      const vid = rows[0][0];
      const res = await api(srv, tok.volco, 'GET', `/api/v1/volunteers/${vid}`);
      assert.equal(res.status, 404);
      assert.equal(denials('volunteer', vid), 1);
    });
  });
}
