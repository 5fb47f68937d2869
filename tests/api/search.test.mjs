// Search, sort and paging of the working lists (GET /api/v1/referrals and
// /api/v1/triage/queue) under the one list policy (core/page.h), on SQLite
// and, under scripts/with-postgres, on PostgreSQL: a name with an
// apostrophe, an NHS number typed with spaces, a reference typed loosely,
// newest and oldest first, pages of at most 200 joined by next_cursor.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { api, tokenFor, fieldsOf, nhsNumbers } from '../lib/referrals.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

const PG = process.env.WAYMARK_TEST_PG_URL;
const engines = [['SQLite', null], ['PostgreSQL', PG]];
const servers = {};

before(async () => {
  for (const [name, url] of engines) {
    if (name === 'PostgreSQL' && !url) continue;
    const srv = await startServer({ ...(url ? { dbUrl: url } : {}), env: { WAYMARK_PWHASH_FAST: '1' } });
    servers[name] = { srv, gp: await tokenFor(srv, 'gp@demo.waymark.test'), hub: await tokenFor(srv, 'hub@demo.waymark.test') };
  }
});
after(async () => { for (const s of Object.values(servers)) await s.srv.stop(); });

// Letters only, so the same name never comes from another test run on a shared database.
const marker = () => Array.from({ length: 7 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
const cap = (s) => s[0].toUpperCase() + s.slice(1);

const referral = (given, family, extra = {}) => ({
  person: { given_name: given, family_name: family, date_of_birth: '1950-01-02', postcode: 'NR2 4AA', phone: '01603 555 0142', practice: 'Orchard Surgery', ...extra },
  source: 'gp_practice', reasons: ['loneliness'], consent: { referral: true, data_sharing: 'yes' },
});

async function allPages(s, path) {
  const items = [];
  let cursor = '';
  for (let n = 0; n < 50; n++) {
    const res = await api(s.srv, s.hub, 'GET', `${path}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    items.push(...(res.body.items ?? res.body.referrals));
    if (!res.body.next_cursor) return items;
    cursor = res.body.next_cursor;
  }
  throw new Error('too many pages');
}

for (const [engine, url] of engines) {
  const skip = engine === 'PostgreSQL' && !url && 'WAYMARK_TEST_PG_URL not set (run under scripts/with-postgres)';
  test(`${engine}: search by name (with an apostrophe), NHS number with spaces and reference; sort; pages`, { skip }, async () => {
    const s = servers[engine];
    const m = marker(), family = `Goddard${m}`;
    const nhs = nhsNumbers(400000000 + Math.floor(Math.random() * 90000000))();
    const made = [];
    for (const given of ['Ellen', 'Frank', 'Grace']) {
      const res = await api(s.srv, s.gp, 'POST', '/api/v1/referrals', referral(given, family));
      assert.equal(res.status, 201, JSON.stringify(res.body));
      made.push(res.body);
    }
    const obrien = await api(s.srv, s.gp, 'POST', '/api/v1/referrals', referral(`Mary${m}`, "O'Brien", { nhs_number: nhs }));
    assert.equal(obrien.status, 201, JSON.stringify(obrien.body));
    const list = (q) => api(s.srv, s.hub, 'GET', `/api/v1/referrals?${q}`);

    // A name: every word begins a word of the name, in any case.
    const byName = await list(`q=${encodeURIComponent(family.toLowerCase())}`);
    assert.equal(byName.status, 200);
    assert.deepEqual(byName.body.items.map((r) => r.id), made.map((r) => r.id).reverse());
    // An apostrophe, as typed on a computer or a phone.
    for (const q of [`Mary${m} O'Brien`, `mary${m} o\u2019brien`, `MARY${m}`]) {
      const res = await list(`q=${encodeURIComponent(q)}`);
      assert.equal(res.status, 200);
      assert.deepEqual(res.body.items.map((r) => r.id), [obrien.body.id], q);
    }
    // An NHS number typed with spaces (and without).
    const spaced = nhs.replace(/\s/g, '').replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3');
    for (const q of [spaced, spaced.replace(/ /g, '')]) {
      const res = await list(`q=${encodeURIComponent(q)}`);
      assert.deepEqual(res.body.items.map((r) => r.id), [obrien.body.id], q);
    }
    // A reference in lower case without its dashes.
    const loose = made[1].reference.toLowerCase().replace(/-/g, ' ');
    const byRef = await list(`q=${encodeURIComponent(loose)}`);
    assert.deepEqual(byRef.body.items.map((r) => r.reference), [made[1].reference]);
    // Nothing found is an empty page.
    const none = await list(`q=${encodeURIComponent(`Nobody${m}`)}`);
    assert.deepEqual(none.body.items, []);
    assert.equal(none.body.next_cursor, null);

    // Sort: oldest first is the reverse; pages of 2 joined by next_cursor.
    const oldest = await list(`q=${family}&sort=oldest`);
    assert.deepEqual(oldest.body.items.map((r) => r.id), made.map((r) => r.id));
    const p1 = await list(`q=${family}&sort=oldest&limit=2`);
    assert.equal(p1.body.items.length, 2);
    assert.ok(p1.body.next_cursor);
    const p2 = await list(`q=${family}&sort=oldest&limit=2&cursor=${p1.body.next_cursor}`);
    assert.deepEqual([...p1.body.items, ...p2.body.items].map((r) => r.id), made.map((r) => r.id));
    const paged = await allPages(s, `/api/v1/referrals?q=${family}&limit=1`);
    assert.deepEqual(paged.map((r) => r.id), made.map((r) => r.id).reverse());

    // The triage queue: the same q, sort and paging.
    const queue = await allPages(s, `/api/v1/triage/queue?q=${family}&limit=2`);
    assert.deepEqual(queue.map((r) => r.id).sort(), made.map((r) => r.id).sort());
    const newest = await api(s.srv, s.hub, 'GET', `/api/v1/triage/queue?q=${family}&sort=newest`);
    assert.deepEqual(newest.body.referrals.map((r) => r.id), made.map((r) => r.id).reverse());
    const qNhs = await api(s.srv, s.hub, 'GET', `/api/v1/triage/queue?q=${encodeURIComponent(spaced)}`);
    assert.deepEqual(qNhs.body.referrals.map((r) => r.name), [`Mary${m} O'Brien`]);
    const qApos = await api(s.srv, s.hub, 'GET', `/api/v1/triage/queue?q=${encodeURIComponent(`o'brien mary${m}`)}`);
    assert.deepEqual(qApos.body.referrals.map((r) => r.id), [obrien.body.id]);

    // A referrer searches only their own referrals.
    const own = await api(s.srv, s.gp, 'GET', `/api/v1/referrals?q=${family}`);
    assert.deepEqual(own.body.items.map((r) => r.id), made.map((r) => r.id).reverse());

    // Bad list parameters are 422 naming each; the policy's limit is 200.
    assert.equal((await list('limit=200')).status, 200);
    const bad = await list(`limit=201&sort=shoe&q=${'x'.repeat(101)}`);
    assert.equal(bad.status, 422);
    assert.deepEqual(fieldsOf(bad).sort(), ['limit', 'q', 'sort']);
    const badQueue = await api(s.srv, s.hub, 'GET', '/api/v1/triage/queue?limit=500&cursor=x');
    assert.deepEqual(fieldsOf(badQueue).sort(), ['cursor', 'limit']);

    // A person renamed in the database (no page renames one today; a correction or an erasure will): the
    // referrals' name index (migration 170) follows in the same transaction, on both engines.
    const renamed = `Renamed${m}`;
    sqlRows(s.srv.dbPath, `UPDATE people SET family_name = '${renamed}' WHERE id = (SELECT person_id FROM referrals WHERE id = ${obrien.body.id})`);
    assert.deepEqual((await list(`q=${renamed}`)).body.items.map((r) => r.id), [obrien.body.id]);
    assert.deepEqual((await list(`q=${encodeURIComponent(`Mary${m} O'Brien`)}`)).body.items, []);
    assert.deepEqual((await list(`q=mary${m}&sort=oldest`)).body.items.map((r) => r.id), [obrien.body.id]);
  });
}
