// Case studies and unexpected outcomes for evaluation, over real HTTP on
// SQLite and (when WAYMARK_TEST_PG_URL is set) PostgreSQL: a referrer on a
// referral they made, a provider manager on an onward referral to their
// organisation's service, each a draft with the person's consent; not on
// someone else's; the programme lead approves them (and a link worker's
// case study) with an anonymised text; commissioners see only approved
// anonymised texts; submitters only their own.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { api, tokenFor } from '../lib/referrals.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

const STORIES = '/api/v1/stories';

for (const [backend, dbUrl] of [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]]) {
  const skip = backend === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set';
  describe(`evaluation stories on ${backend}`, { skip }, () => {
    let srv;
    const tok = {};
    before(async () => {
      srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1' } });
      for (const k of ['gp', 'socialcare', 'manager', 'manager2', 'lww', 'lead', 'commissioner', 'hub']) {
        tok[k] = await tokenFor(srv, `${k}@demo.waymark.test`);
      }
    });
    after(async () => { await srv?.stop(); });

    test('referrers and providers submit drafts with consent; the lead approves; commissioners see the anonymised texts', async () => {
      const [[gpRef]] = sqlRows(srv.dbPath, "SELECT r.id FROM referrals r JOIN users u ON u.id = r.referrer_user_id WHERE u.email = 'gp@demo.waymark.test' ORDER BY r.id LIMIT 1");
      const ref = Number(gpRef);
      // A referrer: only with consent, only their own referral.
      let r = await api(srv, tok.gp, 'POST', STORIES, { referral_id: ref, story: 'Mrs B now goes to the lunch club.' });
      assert.equal(r.status, 400);
      assert.deepEqual(r.body.errors.map((e) => e.field), ['consent']);
      r = await api(srv, tok.socialcare, 'POST', STORIES, { referral_id: ref, story: 'Not mine', consent: true });
      assert.equal(r.status, 404);
      r = await api(srv, tok.gp, 'POST', STORIES, { referral_id: ref, story: 'Mrs B now goes to the lunch club every week.',
        unexpected_outcomes: 'She has stopped calling the surgery on Mondays.', consent: true });
      assert.equal(r.status, 201);
      assert.equal(r.body.status, 'draft');
      const gpStory = r.body.id;

      // A provider manager, on an onward referral to a service their organisation runs.
      const svc = await api(srv, tok.manager, 'POST', '/api/v1/services', {
        organization_name: 'Breckland Community Support', name: 'Tuesday walking group', description: 'Gentle walks.',
        categories: ['social_groups'], service_areas: ['breckland'], capacity_status: 'open', eligibility: 'Anyone', phone: '01632 960111',
      });
      assert.equal(svc.status, 201, JSON.stringify(svc.body));
      const [[caseId]] = sqlRows(srv.dbPath, "SELECT c.id FROM cases c JOIN orgs o ON o.id = c.org_id JOIN workers w ON w.id = c.worker_id JOIN users u ON u.id = w.user_id WHERE o.name = 'Breckland Community Support' AND u.email = 'lww@demo.waymark.test' AND c.status = 'open' ORDER BY c.id LIMIT 1");
      const on = await api(srv, tok.lww, 'POST', `/api/v1/cases/${caseId}/onward-referrals`,
        { service_name: 'Tuesday walking group', service_id: svc.body.id, domain: 'physical_health' });
      assert.equal(on.status, 201, JSON.stringify(on.body));
      r = await api(srv, tok.manager2, 'POST', STORIES, { onward_referral_id: on.body.id, story: 'Not our service', consent: true });
      assert.equal(r.status, 404, 'another organisation\'s manager');
      r = await api(srv, tok.manager, 'POST', STORIES, { onward_referral_id: on.body.id, story: 'He leads the walk now.', consent: true });
      assert.equal(r.status, 201);
      const providerStory = r.body.id;
      assert.equal((await api(srv, tok.hub, 'POST', STORIES, { referral_id: ref, story: 'x', consent: true })).status, 403);

      // A link worker's case study (the existing route), then approval of all three.
      const cs = await api(srv, tok.lww, 'POST', `/api/v1/cases/${caseId}/case-studies`, { story: 'Found friends at the café.', consent: true });
      assert.equal(cs.status, 201, JSON.stringify(cs.body));
      r = await api(srv, tok.lead, 'POST', `${STORIES}/approve`, { source: 'story', id: gpStory });
      assert.equal(r.status, 400);
      assert.deepEqual(r.body.errors.map((e) => e.field), ['anonymised_text']);
      for (const [source, id, text] of [['story', gpStory, 'A woman in her seventies now goes to a lunch club every week.'],
        ['story', providerStory, 'A man who joined a walking group now leads it.'],
        ['case_study', cs.body.id, 'A person who moved to the area made friends at a community café.']]) {
        r = await api(srv, tok.lead, 'POST', `${STORIES}/approve`, { source, id, anonymised_text: text });
        assert.equal(r.status, 200, JSON.stringify(r.body));
      }
      assert.equal((await api(srv, tok.lead, 'POST', `${STORIES}/approve`, { source: 'story', id: gpStory, anonymised_text: 'again' })).status, 404);
      assert.equal((await api(srv, tok.gp, 'POST', `${STORIES}/approve`, { source: 'story', id: gpStory, anonymised_text: 'x' })).status, 403);

      const lead = (await api(srv, tok.lead, 'GET', STORIES)).body.stories;
      assert.ok(lead.filter((s) => s.status === 'approved').length >= 3);
      assert.ok(lead.some((s) => s.kind === 'link_worker' && s.story === 'Found friends at the café.'));
      const comm = (await api(srv, tok.commissioner, 'GET', STORIES)).body.stories;
      assert.ok(comm.length >= 3);
      for (const s of comm) {
        assert.equal(s.status, 'approved');
        assert.equal(s.story, undefined, 'commissioners see the anonymised text only');
        assert.ok(s.anonymised_text);
      }
      const own = (await api(srv, tok.gp, 'GET', STORIES)).body.stories;
      assert.deepEqual(own.map((s) => s.id), [gpStory]);
      const audit = sqlRows(srv.dbPath, "SELECT action FROM audit_events WHERE action LIKE 'story.%'").map((x) => x[0]);
      assert.equal(audit.filter((a) => a === 'story.submit').length, 2);
      assert.equal(audit.filter((a) => a === 'story.approve').length, 3);
    });
  });
}
