// Recruitment campaigns over HTTP on SQLite and, when WAYMARK_TEST_PG_URL is
// set, PostgreSQL: GET/POST /api/v1/campaigns for the coordinator's own
// organisation (another organisation sees none of them), bad input named by
// field with nothing stored, every add audited; applicants through a running
// campaign's link are counted against it, an ended or unknown one is not.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { api, tokenFor, fieldsOf } from '../lib/referrals.mjs';
import { accountToken } from '../lib/volunteers.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const day = (offset) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

for (const [backend, dbUrl] of [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]]) {
  describe(`recruitment campaigns on ${backend}`, { skip: backend === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set' }, () => {
    let srv;
    before(async () => {
      srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1', WAYMARK_SELF_REFERRAL_MIN_SECONDS: '1' } });
    });
    after(async () => { await srv?.stop(); });
    const sql = (q) => sqlRows(srv.dbPath, q).map((r) => r.join('|')).join('\n');

    async function apply(query, name) {
      const res = await fetch(`${srv.url}/volunteer-application${query}`);
      const cookie = res.headers.get('set-cookie').split(';')[0];
      const html = await res.text();
      const field = (n) => new RegExp(`name="${n}" value="([^"]*)"`).exec(html)?.[1];
      await sleep(1100);
      const body = new URLSearchParams({
        csrf_token: field('csrf_token'), form_started: field('form_started'), name, email: `${name.split(' ')[0].toLowerCase()}@example.org`,
        postcode: 'IP24 1AB', car: 'no', travel_radius_km: '5', max_tasks_per_week: '2', consent: 'yes', website: '',
      });
      if (field('campaign')) body.set('campaign', field('campaign'));
      const post = await fetch(`${srv.url}/volunteer-application`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body, redirect: 'manual',
      });
      assert.equal(post.status, 200, (await post.text()).slice(0, 300));
      return field('campaign');
    }

    test('add and list campaigns; bad input is named and nothing is stored; other organisations see none', async () => {
      const volco = await tokenFor(srv, 'volco@demo.waymark.test');
      const waveney = await accountToken(srv, 'fixture.volco.waveney@example.org', 'volunteer_coordinator', 'Waveney Care Connect');
      const bad = await api(srv, volco, 'POST', '/api/v1/campaigns', { name: '', area: 'atlantis', channel: 'billboard', start_date: '2026-02-30', end_date: 'x', extra: 1 });
      assert.equal(bad.status, 422);
      for (const f of ['name', 'channel', 'start_date', 'end_date', 'extra']) assert.ok(fieldsOf(bad).includes(f), f);
      const bad2 = await api(srv, volco, 'POST', '/api/v1/campaigns', { name: 'Nowhere', area: 'atlantis', channel: 'poster', start_date: day(-1), end_date: day(1) });
      assert.equal(bad2.status, 422);
      assert.deepEqual(fieldsOf(bad2), ['area']);
      assert.equal(sql('SELECT COUNT(*) FROM campaigns'), '0');
      // Dates typed as people type them are kept (and answered) as ISO days, so the running campaign below is found.
      const [sy, sm, sd] = day(-5).split('-').map(Number);
      const [ey, em, ed] = day(30).split('-').map(Number);
      const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][em - 1];
      const ok = await api(srv, volco, 'POST', '/api/v1/campaigns', { name: 'Thetford posters', area: 'breckland', channel: 'poster',
        start_date: `${sd}/${sm}/${sy}`, end_date: `${ed} ${mon} ${ey}` });
      assert.equal(ok.status, 201, JSON.stringify(ok.body));
      assert.deepEqual([ok.body.start_date, ok.body.end_date], [day(-5), day(30)]);
      assert.equal(ok.body.name, 'Thetford posters');
      assert.equal(ok.body.link, `/volunteer-application?campaign=${ok.body.id}`);
      assert.equal(sql(`SELECT action FROM audit_events WHERE entity = 'campaign' AND entity_id = ${ok.body.id}`), 'campaign.add');
      const mine = await api(srv, volco, 'GET', '/api/v1/campaigns');
      assert.equal(mine.status, 200);
      assert.deepEqual(mine.body.campaigns.map((c) => c.name), ['Thetford posters']);
      const theirs = await api(srv, waveney, 'GET', '/api/v1/campaigns');
      assert.deepEqual(theirs.body.campaigns, []);
      const hub = await tokenFor(srv, 'hub@demo.waymark.test');
      assert.equal((await api(srv, hub, 'GET', '/api/v1/campaigns')).status, 403);
    });

    test('applicants through a running campaign\'s link are counted; ended or unknown campaigns are not', async () => {
      const volco = await tokenFor(srv, 'volco@demo.waymark.test');
      const running = (await api(srv, volco, 'GET', '/api/v1/campaigns')).body.campaigns[0];
      const ended = await api(srv, volco, 'POST', '/api/v1/campaigns', { name: 'Last year fair', area: 'breckland', channel: 'event', start_date: '2025-05-01', end_date: '2025-05-02' });
      assert.equal(ended.status, 201);
      assert.equal(await apply(`?campaign=${running.id}`, 'Carla Campaign'), String(running.id));
      await apply(`?campaign=${ended.body.id}`, 'Edna Ended');
      await apply('?campaign=999999', 'Una Unknown');
      assert.equal(sql(`SELECT name FROM volunteers WHERE campaign_id IS NOT NULL ORDER BY id`), 'Carla Campaign');
      const list = (await api(srv, volco, 'GET', '/api/v1/campaigns')).body.campaigns;
      assert.equal(list.find((c) => c.id === running.id).applicants, 1);
      assert.equal(list.find((c) => c.id === running.id).active, 0);
      assert.equal(list.find((c) => c.id === ended.body.id).applicants, 0);
    });
  });
}
