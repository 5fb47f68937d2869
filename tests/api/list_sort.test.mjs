// Search, sort and paging of the lists held in one organisation's scope
// (GET /api/v1/cases, /api/v1/volunteers, /api/v1/tasks) under the one list
// policy (core/page.h, core/list_sorts.h), on SQLite and, under
// scripts/with-postgres, on PostgreSQL: a name with an apostrophe, an NHS
// number typed with spaces, a reference, each sort both ways, pages of one
// joined by next_cursor, and a bad sort named in a 422.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { api, tokenFor, fieldsOf, nhsNumbers } from '../lib/referrals.mjs';
import { addVolunteer } from '../lib/volunteers.mjs';

const PG = process.env.WAYMARK_TEST_PG_URL;
const engines = [['SQLite', null], ['PostgreSQL', PG]];
const servers = {};
const EMAILS = { gp: 'gp@demo.waymark.test', hub: 'hub@demo.waymark.test', lww: 'lww@demo.waymark.test', volco: 'volco@demo.waymark.test' };

before(async () => {
  for (const [name, url] of engines) {
    if (name === 'PostgreSQL' && !url) continue;
    const srv = await startServer({ ...(url ? { dbUrl: url } : {}), env: { WAYMARK_PWHASH_FAST: '1' } });
    const s = { srv };
    for (const [k, email] of Object.entries(EMAILS)) s[k] = await tokenFor(srv, email);
    servers[name] = s;
  }
});
after(async () => { for (const s of Object.values(servers)) await s.srv.stop(); });

const marker = () => Array.from({ length: 7 }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
const spaced = (nhs) => nhs.replace(/\s/g, '').replace(/^(\d{3})(\d{3})(\d{4})$/, '$1 $2 $3');

/** Three people, made in the order Cal, Ann, Bea (Bea O'Brien-Fam… with an NHS number), each triaged to tier. */
async function people(s, m, tier, person, reasons) {
  const fam = `Fam${m}`;
  const nhs = nhsNumbers(400000000 + Math.floor(Math.random() * 90000000))();
  const made = [];
  for (const [given, family, extra] of [['Cal', fam, {}], ['Ann', fam, {}], ['Bea', `O'Brien-${fam}`, { nhs_number: nhs }]]) {
    const body = {
      person: { given_name: given, family_name: family, date_of_birth: '1950-01-02', phone: '01603 555 0142', ...person, ...extra },
      source: 'gp_practice', reasons, consent: { referral: true, data_sharing: 'yes' },
    };
    const r = await api(s.srv, s.gp, 'POST', '/api/v1/referrals', body);
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const t = await api(s.srv, s.hub, 'POST', `/api/v1/referrals/${r.body.id}/triage`, { tier });
    assert.equal(t.status, 200, JSON.stringify(t.body));
    made.push({ name: `${given} ${family}`, id: r.body.id, reference: r.body.reference, case_id: t.body.case_id });
  }
  return { fam, nhs, made };
}

/** Every item of path (which has a ?), one a page, joined by next_cursor. */
async function onePerPage(s, token, path, key) {
  const items = [];
  let cursor = '';
  for (let n = 0; n < 20; n++) {
    const res = await api(s.srv, token, 'GET', `${path}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(res.body[key].length <= 1);
    items.push(...res.body[key]);
    if (!res.body.next_cursor) return items;
    cursor = res.body.next_cursor;
  }
  throw new Error('too many pages');
}

for (const [engine, url] of engines) {
  const skip = engine === 'PostgreSQL' && !url && 'WAYMARK_TEST_PG_URL not set (run under scripts/with-postgres)';

  test(`${engine}: the caseload searched by name, apostrophe, NHS number and reference; sorted each way; paged`, { skip }, async () => {
    const s = servers[engine];
    const m = marker();
    const { fam, nhs, made } = await people(s, m, 'social_prescribing', { postcode: 'IP24 1AB', practice: 'SPBRK01' }, ['social_isolation']);
    const names = (res) => res.body.cases.map((c) => c.person?.name ?? c.person_name ?? c.name);
    const get = (q) => api(s.srv, s.lww, 'GET', `/api/v1/cases?${q}`);
    const first = await get(`q=${fam}`);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.cases.length, 3, JSON.stringify(first.body));
    const ids = (res) => res.body.cases.map((c) => c.id);
    const byName = [made[1], made[2], made[0]].map((p) => p.case_id); // Ann, Bea, Cal
    assert.deepEqual(ids(await get(`q=${fam}&sort=name`)), byName, JSON.stringify(names(await get(`q=${fam}&sort=name`))));
    assert.deepEqual(ids(await get(`q=${fam}&sort=name-desc`)), [...byName].reverse());
    const made_order = made.map((p) => p.case_id);
    assert.deepEqual(ids(await get(`q=${fam}&sort=opened`)), made_order);
    assert.deepEqual(ids(await get(`q=${fam}&sort=opened-desc`)), [...made_order].reverse());
    assert.deepEqual(ids(await get(`q=${fam}&sort=contact`)).sort(), [...made_order].sort());
    for (const q of [`o'brien ${fam}`, `O\u2019Brien bea`, spaced(nhs), spaced(nhs).replace(/ /g, ''), made[2].reference.toLowerCase()]) {
      assert.deepEqual(ids(await get(`q=${encodeURIComponent(q)}`)), [made[2].case_id], q);
    }
    assert.deepEqual((await onePerPage(s, s.lww, `/api/v1/cases?q=${fam}&sort=name`, 'cases')).map((c) => c.id), byName);
    const bad = await get('sort=shoe');
    assert.equal(bad.status, 422);
    assert.deepEqual(fieldsOf(bad), ['sort']);
  });

  test(`${engine}: the volunteers searched by a name with an apostrophe; sorted by name each way; paged`, { skip }, async () => {
    const s = servers[engine];
    const m = marker();
    const fam = `Vol${m}`;
    const made = [];
    for (const name of [`Cal ${fam}`, `Ann ${fam}`, `Bea O'Brien-${fam}`]) made.push(await addVolunteer(s.srv, s.volco, { name, email: `${name.replace(/\W/g, '')}@example.org` }));
    const get = (q) => api(s.srv, s.volco, 'GET', `/api/v1/volunteers?${q}`);
    const ids = (res) => { assert.equal(res.status, 200, JSON.stringify(res.body)); return res.body.volunteers.map((v) => v.id); };
    const byName = [made[1], made[2], made[0]].map((v) => v.id);
    assert.deepEqual(ids(await get(`q=${fam}`)), byName);
    assert.deepEqual(ids(await get(`q=${fam}&sort=name`)), byName);
    assert.deepEqual(ids(await get(`q=${fam}&sort=name-desc`)), [...byName].reverse());
    // None has a task yet: fewest or most tasks first, then by id.
    assert.deepEqual(ids(await get(`q=${fam}&sort=tasks`)), made.map((v) => v.id));
    assert.deepEqual(ids(await get(`q=${fam}&sort=tasks-desc`)), made.map((v) => v.id).reverse());
    for (const q of [`o'brien ${fam}`, `bea O\u2019BRIEN`]) assert.deepEqual(ids(await get(`q=${encodeURIComponent(q)}`)), [made[2].id], q);
    assert.deepEqual((await onePerPage(s, s.volco, `/api/v1/volunteers?q=${fam}&sort=name-desc`, 'volunteers')).map((v) => v.id), [...byName].reverse());
    const bad = await get('sort=default');
    assert.equal(bad.status, 422);
    assert.deepEqual(fieldsOf(bad), ['sort']);
  });

  test(`${engine}: the tasks searched by name, apostrophe, NHS number and reference; sorted each way; paged`, { skip }, async () => {
    const s = servers[engine];
    const m = marker();
    const { fam, nhs, made } = await people(s, m, 'community_support', { postcode: 'NR16 2AA', practice: 'Orchard Surgery' }, ['shopping']);
    const get = (q) => api(s.srv, s.volco, 'GET', `/api/v1/tasks?${q}`);
    const refs = (res) => { assert.equal(res.status, 200, JSON.stringify(res.body)); return res.body.tasks.map((t) => t.referral_id); };
    const all = await get(`q=${fam}`);
    assert.equal(refs(all).length, 3, JSON.stringify(all.body));
    const byName = [made[1], made[2], made[0]].map((p) => p.id);
    assert.deepEqual(refs(await get(`q=${fam}&sort=name`)), byName);
    assert.deepEqual(refs(await get(`q=${fam}&sort=name-desc`)), [...byName].reverse());
    // Windows open when the task is made (the same second here): oldest is id order, newest its reverse.
    const windows = all.body.tasks.map((t) => t.window_from);
    if (new Set(windows).size === 1) {
      assert.deepEqual(refs(await get(`q=${fam}&sort=oldest`)), made.map((p) => p.id));
      assert.deepEqual(refs(await get(`q=${fam}&sort=newest`)), made.map((p) => p.id).reverse());
    }
    assert.deepEqual(refs(await get(`q=${fam}&sort=volunteer`)).sort(), made.map((p) => p.id).sort());
    for (const q of [`o'brien ${fam}`, `Bea O\u2019Brien`, spaced(nhs), made[2].reference.replace(/-/g, '')]) {
      assert.deepEqual(refs(await get(`q=${encodeURIComponent(q)}`)), [made[2].id], q);
    }
    assert.deepEqual((await onePerPage(s, s.volco, `/api/v1/tasks?q=${fam}&sort=name`, 'tasks')).map((t) => t.referral_id), byName);
    const bad = await get('sort=default');
    assert.equal(bad.status, 422);
    assert.deepEqual(fieldsOf(bad), ['sort']);
  });
}
