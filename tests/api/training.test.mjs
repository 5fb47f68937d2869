// The volunteer passport over HTTP on SQLite and, when WAYMARK_TEST_PG_URL is
// set, PostgreSQL: the module catalogue is loaded at init from
// data/training_modules.csv; PUT /api/v1/volunteers/{id}/training records
// completions (bad input named by field, nothing stored; another
// organisation's volunteer is 404), audited; GET of the volunteer lists them.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { api, tokenFor, fieldsOf } from '../lib/referrals.mjs';
import { accountToken } from '../lib/volunteers.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

for (const [backend, dbUrl] of [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]]) {
  describe(`training modules on ${backend}`, { skip: backend === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set' }, () => {
    let srv;
    before(async () => { srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1' } }); });
    after(async () => { await srv?.stop(); });
    const sql = (q) => sqlRows(srv.dbPath, q).map((r) => r.join('|')).join('\n');

    test('record, list, refuse bad input and other organisations', async () => {
      assert.equal(sql("SELECT title, required FROM training_modules WHERE code = 'safeguarding'"), 'Safeguarding adults|1');
      assert.equal(sql('SELECT COUNT(*) FROM training_modules'), '6');
      const volco = await tokenFor(srv, 'volco@demo.waymark.test');
      const waveney = await accountToken(srv, 'fixture.volco.waveney2@example.org', 'volunteer_coordinator', 'Waveney Care Connect');
      const vid = (await api(srv, volco, 'GET', '/api/v1/volunteers')).body.volunteers[0].id;
      const path = `/api/v1/volunteers/${vid}/training`;
      const bad = await api(srv, volco, 'PUT', path, { modules: [{ code: 'juggling', completed_on: day(0) }, { code: 'safeguarding', completed_on: day(3) }, { code: 'first_aid', completed_on: 'soon', colour: 'red' }] });
      assert.equal(bad.status, 422, JSON.stringify(bad.body));
      assert.ok(fieldsOf(bad).includes('modules[2].colour'));
      const bad2 = await api(srv, volco, 'PUT', path, { modules: [{ code: 'juggling', completed_on: day(0) }, { code: 'safeguarding', completed_on: day(3) }, { code: 'first_aid', completed_on: 'soon' }] });
      assert.equal(bad2.status, 422);
      assert.deepEqual(fieldsOf(bad2).sort(), ['modules[0].code', 'modules[1].completed_on', 'modules[2].completed_on']);
      assert.deepEqual(fieldsOf(await api(srv, volco, 'PUT', path, { modules: [] })), ['modules']);
      assert.equal(sql('SELECT COUNT(*) FROM volunteer_modules'), '0');
      const other = await api(srv, waveney, 'PUT', path, { modules: [{ code: 'safeguarding', completed_on: day(-1) }] });
      assert.equal(other.status, 404);
      assert.equal(sql('SELECT COUNT(*) FROM volunteer_modules'), '0');

      const ok = await api(srv, volco, 'PUT', path, { modules: [{ code: 'safeguarding', completed_on: day(-10) }, { code: 'lone_working', completed_on: day(-1) }] });
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.deepEqual(ok.body.training.map((t) => [t.code, t.completed_on]), [['safeguarding', day(-10)], ['lone_working', day(-1)]]);
      const again = await api(srv, volco, 'PUT', path, { modules: [{ code: 'safeguarding', completed_on: day(-2) }] });
      assert.equal(again.status, 200);
      assert.equal(sql(`SELECT COUNT(*) FROM volunteer_modules WHERE volunteer_id = ${vid}`), '2');
      const got = await api(srv, volco, 'GET', `/api/v1/volunteers/${vid}`);
      const mods = got.body.training.filter((t) => t.code);
      assert.deepEqual(mods.map((t) => [t.code, t.title, t.completed_on]),
        [['safeguarding', 'Safeguarding adults', day(-2)], ['lone_working', 'Lone working', day(-1)]]);
      assert.equal(sql(`SELECT COUNT(*) FROM audit_events WHERE action = 'volunteer.training' AND entity_id = ${vid}`), '2');
    });
  });
}
