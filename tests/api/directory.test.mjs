// The community service directory over real HTTP, on SQLite and, when
// WAYMARK_TEST_PG_URL is set (make api-test), on PostgreSQL: search by
// category, area, capacity and free text (same answers on both), one
// service, add, replace and change (capacity) with field errors, and who
// may edit: a listing's owner organisation and the hub; other editors
// suggest a change that the owner accepts or rejects (finding 10b).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { api, tokenFor, fieldsOf } from '../lib/referrals.mjs';

const good = (over = {}) => ({
  organization_name: 'Attleborough Test Friends', name: 'Knit and natter', description: 'Knitting and a chat, Mondays 2pm.',
  categories: ['social_groups', 'arts_culture'], service_areas: ['breckland'], capacity_status: 'open',
  eligibility: 'Anyone over 18', phone: '01632 960999', ...over,
});

for (const [backend, dbUrl] of [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]]) {
  const skip = backend === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set';
  describe(`directory on ${backend}`, { skip }, () => {
    let srv;
    const tok = {};
    before(async () => {
      srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1' } });
      for (const [k, email] of Object.entries({
        hub: 'hub@demo.waymark.test', lww: 'lww@demo.waymark.test', gp: 'gp@demo.waymark.test',
        lead: 'lead@demo.waymark.test', commissioner: 'commissioner@demo.waymark.test',
        manager: 'manager@demo.waymark.test', manager2: 'manager2@demo.waymark.test',
      })) tok[k] = await tokenFor(srv, email);
    });
    after(async () => { await srv?.stop(); });

    const search = (qs, token = tok.lww) => api(srv, token, 'GET', `/api/v1/services${qs}`);
    const names = (r) => r.body.contents.map((s) => s.name);

    test('the demo directory: about thirty services, every one flagged demo, in name order', async () => {
      const all = await search('?limit=200');
      assert.equal(all.status, 200);
      assert.equal(all.body.total_items, 30);
      assert.ok(all.body.contents.every((s) => s.demo === true && s.status === 'active'));
      const lower = names(all).map((n) => n.toLowerCase());
      assert.deepEqual(lower, [...lower].sort());
      const s = all.body.contents.find((x) => x.name === 'Friday lunch club');
      assert.equal(s.organization.name, 'Thetford Community Kitchen');
      assert.deepEqual(s.categories.map((c) => c.code), ['food', 'social_groups']);
      assert.deepEqual(s.service_areas, [{ code: 'breckland', name: 'Breckland' }]);
      assert.equal(s.contact.postcode, 'IP24 2DS');
      assert.equal(s.contact.email, undefined, 'empty optional fields are left out (Open Referral UK)');
    });

    test('search by category, area, capacity and text, alone and together', async () => {
      const bef = await search('?category=befriending');
      assert.ok(bef.body.total_items >= 3);
      assert.ok(bef.body.contents.every((s) => s.categories.some((c) => c.code === 'befriending')));
      const breck = await search('?area=breckland');
      assert.ok(breck.body.contents.every((s) => s.service_areas.some((a) => a.code === 'breckland')));
      // Countywide services are listed under every area.
      assert.ok(names(breck).includes('Benefits and debt advice line'));
      const both = await search('?category=befriending&area=breckland');
      assert.deepEqual(names(both).sort(), ['Home visiting befriending', 'Telephone befriending']);
      const wait = await search('?capacity=waiting_list');
      assert.ok(wait.body.total_items >= 3 && wait.body.contents.every((s) => s.capacity_status === 'waiting_list'));
      // Free text: any case, every word must appear somewhere (name, organisation, description, eligibility).
      assert.deepEqual(names(await search('?q=LUNCH%20Club')), ['Friday lunch club']);
      assert.deepEqual(names(await search('?q=thetford%20kitchen')), ['Friday lunch club']);
      assert.deepEqual(names(await search('?q=dementia&area=north_norfolk')), ['Memory cafe']);
      assert.equal((await search('?q=lunch%20zebra')).body.total_items, 0);
      // LIKE wildcards are searched for literally.
      assert.equal((await search('?q=%25')).body.total_items, 0);
      assert.equal((await search('?q=_')).body.total_items, 0);
      const page = await search('?limit=5&offset=5');
      assert.equal(page.body.contents.length, 5);
      assert.equal(page.body.total_items, 30);
    });

    test('bad search parameters are field errors', async () => {
      const bad = await search('?category=astrology&area=atlantis&capacity=full&limit=0');
      assert.equal(bad.status, 422);
      assert.deepEqual(fieldsOf(bad).sort(), ['area', 'capacity', 'category', 'limit']);
      const long = await search(`?q=${'a%20'.repeat(5)}`);
      assert.equal(long.status, 422);
      assert.deepEqual(fieldsOf(long), ['q']);
    });

    test('add a service: 201 with Location, found by search; every problem named', async () => {
      const made = await api(srv, tok.hub, 'POST', '/api/v1/services', good());
      assert.equal(made.status, 201, JSON.stringify(made.body));
      assert.equal(made.headers.get('location'), `/api/v1/services/${made.body.id}`);
      assert.equal(made.body.demo, false);
      assert.equal(made.body.status, 'active');
      const got = await api(srv, tok.gp, 'GET', `/api/v1/services/${made.body.id}`);
      assert.equal(got.status, 200);
      assert.equal(got.body.organization.name, 'Attleborough Test Friends');
      assert.deepEqual(names(await search('?q=knit&area=breckland')), ['Knit and natter']);

      const bad = await api(srv, tok.hub, 'POST', '/api/v1/services', {
        name: '', description: 'x'.repeat(2001), categories: ['social_groups', 'astrology'], service_areas: [],
        capacity_status: 'full', phone: '123', email: 'not-an-email', website: 'ftp://example.org', postcode: 'XX1',
        colour: 'blue',
      });
      assert.equal(bad.status, 422);
      assert.deepEqual(fieldsOf(bad).sort(), ['capacity_status', 'categories', 'colour', 'description', 'email', 'name',
        'organization_name', 'phone', 'postcode', 'service_areas', 'website'].sort());
      const noContact = await api(srv, tok.hub, 'POST', '/api/v1/services', good({ phone: undefined }));
      assert.equal(noContact.status, 422);
      assert.deepEqual(fieldsOf(noContact), ['phone']);
      assert.match(noContact.body.errors[0].message, /phone number, email address or website/);
      const notList = await api(srv, tok.hub, 'POST', '/api/v1/services', good({ categories: 'food' }));
      assert.equal(notList.status, 422);
      assert.ok(fieldsOf(notList).includes('categories'));
    });

    test('replace (PUT) and change the capacity (PATCH); inactive services leave searches', async () => {
      const made = await api(srv, tok.hub, 'POST', '/api/v1/services', good({ name: 'Patch me' }));
      const id = made.body.id;
      const patched = await api(srv, tok.lead, 'PATCH', `/api/v1/services/${id}`, { capacity_status: 'waiting_list', capacity_note: 'About 3 weeks' });
      assert.equal(patched.status, 200, JSON.stringify(patched.body));
      assert.equal(patched.body.capacity_status, 'waiting_list');
      assert.equal(patched.body.capacity_status_label, 'Waiting list');
      assert.equal(patched.body.name, 'Patch me', 'PATCH keeps what it is not given');
      assert.deepEqual(patched.body.categories.map((c) => c.code), ['arts_culture', 'social_groups']);
      const empty = await api(srv, tok.hub, 'PATCH', `/api/v1/services/${id}`, {});
      assert.equal(empty.status, 422);
      const badPatch = await api(srv, tok.hub, 'PATCH', `/api/v1/services/${id}`, { capacity_status: 'overflowing' });
      assert.equal(badPatch.status, 422);
      assert.deepEqual(fieldsOf(badPatch), ['capacity_status']);
      const put = await api(srv, tok.hub, 'PUT', `/api/v1/services/${id}`, good({ name: 'Patched and put', phone: undefined,
        email: 'hello@example.org', service_areas: ['norwich', 'breckland', 'norwich'] }));
      assert.equal(put.status, 200);
      assert.equal(put.body.contact.phone, undefined, 'PUT replaces: a field left out is emptied');
      assert.deepEqual(put.body.service_areas.map((a) => a.code), ['breckland', 'norwich']);
      const off = await api(srv, tok.hub, 'PATCH', `/api/v1/services/${id}`, { status: 'inactive' });
      assert.equal(off.body.status, 'inactive');
      assert.equal((await search('?q=patched')).body.total_items, 0);
      assert.equal((await search('?q=patched&include_inactive=true')).body.total_items, 1);
      assert.equal((await api(srv, tok.hub, 'PUT', '/api/v1/services/987654', good())).status, 404);
      assert.equal((await api(srv, tok.hub, 'GET', '/api/v1/services/987654')).status, 404);
    });

    test('who may read and edit: staff, referrers and volunteers read; editors change; commissioners neither', async () => {
      assert.equal((await search('', tok.gp)).status, 200);
      assert.equal((await api(srv, tok.lww, 'POST', '/api/v1/services', good())).status, 403);
      assert.equal((await api(srv, tok.gp, 'PATCH', '/api/v1/services/1', { capacity_status: 'closed' })).status, 403);
      assert.equal((await search('', tok.commissioner)).status, 403);
      assert.equal((await api(srv, null, 'GET', '/api/v1/services')).status, 401);
    });

    test('finding 10b: only the owner organisation and the hub change a listing; others suggest, the owner answers', async () => {
      const made = await api(srv, tok.manager, 'POST', '/api/v1/services', good({ name: 'Breckland owned lunch' }));
      assert.equal(made.status, 201);
      assert.equal(made.body.owner.name, 'Breckland Community Support');
      const id = made.body.id;
      // A provider manager of another organisation may not change it (200 before the fix).
      const hijack = await api(srv, tok.manager2, 'PATCH', `/api/v1/services/${id}`, { phone: '01632 960000' });
      assert.equal(hijack.status, 403);
      assert.equal((await api(srv, tok.manager2, 'PUT', `/api/v1/services/${id}`, good())).status, 403);
      assert.equal((await api(srv, tok.manager2, 'PATCH', `/api/v1/services/${id}`, {})).status, 403, 'who may comes before what was sent');
      assert.equal((await api(srv, tok.hub, 'GET', `/api/v1/services/${id}`)).body.contact.phone, '01632 960999');
      const demo = (await search('?q=lunch+club')).body.contents[0];
      assert.equal(demo.owner.name, 'Community Action Norfolk', 'demo listings belong to the lead provider');
      assert.equal((await api(srv, tok.manager, 'PATCH', `/api/v1/services/${demo.id}`, { capacity_status: 'closed' })).status, 403);
      // The owner's editors and the hub may.
      assert.equal((await api(srv, tok.manager, 'PATCH', `/api/v1/services/${id}`, { capacity_note: 'Book ahead' })).status, 200);
      assert.equal((await api(srv, tok.hub, 'PATCH', `/api/v1/services/${id}`, { capacity_status: 'limited' })).status, 200);
      // Another editor suggests; only the fields that differ are kept.
      const sug = await api(srv, tok.manager2, 'POST', `/api/v1/services/${id}/suggestions`,
        { capacity_status: 'closed', capacity_note: 'Full until May', name: 'Breckland owned lunch' });
      assert.equal(sug.status, 201, JSON.stringify(sug.body));
      assert.deepEqual(sug.body.changes, { capacity_status: 'closed', capacity_note: 'Full until May' });
      assert.equal(sug.body.status, 'open');
      assert.equal(sug.body.suggested_by.organisation, 'West Norfolk Befriending');
      const same = await api(srv, tok.manager2, 'POST', `/api/v1/services/${id}/suggestions`, { name: 'Breckland owned lunch' });
      assert.equal(same.status, 422);
      const badSug = await api(srv, tok.manager2, 'POST', `/api/v1/services/${id}/suggestions`, { capacity_status: 'overflowing' });
      assert.deepEqual(fieldsOf(badSug), ['capacity_status']);
      assert.equal((await api(srv, tok.manager2, 'GET', `/api/v1/services/${id}/suggestions`)).status, 403);
      const list = await api(srv, tok.manager, 'GET', `/api/v1/services/${id}/suggestions`);
      assert.deepEqual(list.body.suggestions.map((g) => g.id), [sug.body.id]);
      const path = `/api/v1/services/${id}/suggestions/${sug.body.id}`;
      assert.equal((await api(srv, tok.manager2, 'POST', `${path}/accept`, {})).status, 403);
      assert.equal((await api(srv, tok.manager, 'POST', `/api/v1/services/${demo.id}/suggestions/${sug.body.id}/accept`, {})).status, 403);
      assert.equal((await api(srv, tok.hub, 'POST', `/api/v1/services/${demo.id}/suggestions/${sug.body.id}/accept`, {})).status, 404);
      const ok = await api(srv, tok.manager, 'POST', `${path}/accept`, {});
      assert.equal(ok.status, 200);
      assert.equal(ok.body.capacity_status, 'closed');
      assert.equal(ok.body.capacity_note, 'Full until May');
      assert.equal(ok.body.name, 'Breckland owned lunch');
      assert.equal((await api(srv, tok.manager, 'POST', `${path}/reject`, {})).status, 409);
      // A rejected suggestion changes nothing.
      const sug2 = await api(srv, tok.manager2, 'POST', `/api/v1/services/${id}/suggestions`, { phone: '01632 960555' });
      const no = await api(srv, tok.lead, 'POST', `/api/v1/services/${id}/suggestions/${sug2.body.id}/reject`, {});
      assert.equal(no.status, 200);
      assert.equal(no.body.contact.phone, '01632 960999');
      assert.deepEqual((await api(srv, tok.manager, 'GET', `/api/v1/services/${id}/suggestions`)).body.suggestions, []);
    });
  });
}
