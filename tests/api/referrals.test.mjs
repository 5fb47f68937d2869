// Referral intake over the JSON API: a valid referral from every source, each
// kind of bad field (422 problem+json naming the field, nothing stored), the
// closed loop for referrers, access rules, duplicates, back-dating by the hub,
// lists with cursors, session + CSRF, and the audit trail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer } from '../lib/server.mjs';
import { api, tokenFor, fieldsOf, nhsNumbers } from '../lib/referrals.mjs';

let srv;
const tok = {};

before(async () => {
  srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } });
  for (const [k, email] of Object.entries({
    gp: 'gp@demo.waymark.test', discharge: 'discharge@demo.waymark.test', hub: 'hub@demo.waymark.test',
    lead: 'lead@demo.waymark.test', lww: 'lww@demo.waymark.test', commissioner: 'commissioner@demo.waymark.test',
    admin: 'admin@demo.waymark.test', volunteer: 'volunteer@demo.waymark.test',
  })) tok[k] = await tokenFor(srv, email);
});
after(async () => { await srv?.stop(); });

const sql = (q) => execFileSync('sqlite3', [srv.dbPath, q], { encoding: 'utf8' }).trim();
const counts = () => sql('SELECT (SELECT COUNT(*) FROM referrals) || \'/\' || (SELECT COUNT(*) FROM people) || \'/\' || (SELECT COUNT(*) FROM referral_reasons)');

/** A fresh valid NHS number (modulus 11). */
const nhs = nhsNumbers(600000000);

const dateIn = (days) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

let n = 0;
function body(over = {}) {
  n++;
  const b = {
    person: {
      given_name: `Given${n}`, family_name: 'Testperson', date_of_birth: '1948-05-17', nhs_number: nhs(),
      postcode: 'nr1 3sr', phone: '01603 555 0101', address: '1 Test Street, Norwich', gender: '2', ethnicity: 'A',
      disability: 'no', employment: 'retired', housing: 'owner_occupier', money_worries: false, lives_alone: true,
      preferred_contact: 'phone', practice: 'SPBRK01',
    },
    source: 'gp_practice',
    reasons: ['loneliness', 'low_mood'],
    details: 'Lives alone since her husband died; "would like company".',
    urgency: 'soon',
    safeguarding: false,
    referrer: { name: 'Dr Test', organisation: 'Thetford Healthy Living Centre', role: 'GP', email: 'test.gp@nhs.example', phone: '01842 555 0100' },
    consent: { referral: true, data_sharing: true },
  };
  for (const [k, v] of Object.entries(over)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && b[k] && typeof b[k] === 'object') b[k] = { ...b[k], ...v };
    else b[k] = v;
  }
  return b;
}

const REF = /^WM-\d{2}-\d{6}-[A-HJ-NP-XZ]$/;

test('a valid referral from every source gets 201 with a reference, status received and the due time', async () => {
  const sources = (await api(srv, tok.gp, 'GET', '/api/v1/vocabularies/referral_sources')).body.codes.map((c) => c.code);
  assert.deepEqual(sources, ['gp_practice', 'primary_care_other', 'adult_social_care', 'acute_hospital_discharge',
    'community_bed_discharge', 'vcse_partner', 'self', 'family_carer', 'other']);
  const refs = new Set();
  for (const source of sources) {
    const over = { source };
    if (source.endsWith('_discharge')) {
      over.discharge = { hospital: 'Norfolk and Norwich University Hospital', ward: 'Gateley', expected_date: dateIn(2), home_check_needed: true };
      over.reasons = ['discharge_support', 'practical_help'];
    }
    if (source === 'self') over.referrer = null;
    if (source === 'family_carer') over.referrer = { name: 'Susan Carter', role: 'Daughter', phone: '07700 900 123' };
    const who = source.endsWith('_discharge') ? tok.discharge : tok.gp;
    const before = Date.now();
    const res = await api(srv, who, 'POST', '/api/v1/referrals', body(over));
    assert.equal(res.status, 201, `${source}: ${JSON.stringify(res.body)}`);
    assert.match(res.body.reference, REF);
    assert.ok(!refs.has(res.body.reference), 'references are unique');
    refs.add(res.body.reference);
    assert.equal(res.body.status, 'received');
    assert.equal(res.headers.get('location'), `/api/v1/referrals/${res.body.id}`);
    const received = Date.parse(res.body.received_at);
    assert.ok(Math.abs(received - before) < 5000, 'received now');
    assert.ok(Date.parse(res.body.sla_due_at) >= received + 24 * 3600_000, 'due at least 24 hours on');
    const full = await api(srv, tok.hub, 'GET', `/api/v1/referrals/${res.body.id}`);
    assert.equal(full.status, 200);
    assert.equal(full.body.source, source);
    assert.equal(full.body.channel, 'api');
    assert.equal(full.body.person.postcode, 'NR1 3SR');
    assert.equal(full.body.person.area, 'norwich');
    assert.equal(full.body.person.nhs_number.length, 10);
    assert.equal(full.body.person.lives_alone, true);
    if (source.endsWith('_discharge')) {
      assert.equal(full.body.discharge.home_check_needed, true);
      assert.equal(full.body.discharge.expected_date, dateIn(2));
    }
  }
});

test('the referrer\'s own details fill in the referrer fields they leave out', async () => {
  const res = await api(srv, tok.gp, 'POST', '/api/v1/referrals', body({ referrer: null }));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  const full = await api(srv, tok.hub, 'GET', `/api/v1/referrals/${res.body.id}`);
  assert.equal(full.body.referrer.email, 'gp@demo.waymark.test');
  assert.equal(full.body.referrer.organisation, 'Thetford Healthy Living Centre');
});

// Each kind of bad field: the field named, nothing at all stored.
const BAD = [
  ['person.nhs_number', { person: { nhs_number: '943 476 5918' } }, /NHS number is not valid: check it against a letter/],
  ['person.nhs_number', { person: { nhs_number: '12345' } }, /10 digits/],
  ['person.nhs_number', { person: { nhs_number: 9434765919 } }, /text/],
  ['person.postcode', { person: { postcode: 'NR1 XYZ' } }, /Postcode/],
  ['person.postcode', { person: { postcode: null } }, /Enter postcode/],
  ['person.date_of_birth', { person: { date_of_birth: dateIn(1) } }, /past/],
  ['person.date_of_birth', { person: { date_of_birth: '1990-02-30' } }, /real date/],
  ['person.date_of_birth', { person: { date_of_birth: '1890-01-01' } }, /between 0 and 120/],
  ['person.given_name', { person: { given_name: '' } }, /Enter first name/],
  ['person.given_name', { person: { given_name: 'x'.repeat(101) } }, /100 characters/],
  ['person.family_name', { person: { family_name: 'Smith\u0007' } }, /control/],
  ['person.email', { person: { email: 'not-an-email' } }, /correct format/],
  ['person.phone', { person: { phone: '123' } }, /10 to 15 digits/],
  ['person.phone', { person: { phone: null, preferred_contact: null } }, /phone number or an email address/],
  ['person.gender', { person: { gender: 'M' } }, /not allowed/],
  ['person.ethnicity', { person: { ethnicity: 'Q' } }, /not allowed/],
  ['person.practice', { person: { practice: 'Nowhere Surgery' } }, /practice/],
  ['person.money_worries', { person: { money_worries: 'sometimes' } }, /yes or no/],
  ['source', { source: 'carrier_pigeon' }, /not allowed/],
  ['source', { source: null }, /Select referral source/],
  ['reasons', { reasons: ['gardening'] }, /not allowed/],
  ['reasons', { reasons: [] }, /at least one/],
  ['reasons', { reasons: 'loneliness' }, /list/],
  ['urgency', { urgency: 'whenever' }, /not allowed/],
  ['details', { details: 'x'.repeat(4001) }, /4000 characters/],
  ['consent.referral', { consent: { referral: false } }, /must agree/],
  ['consent.data_sharing', { consent: { data_sharing: null } }, /Confirm/],
  ['safeguarding', { safeguarding: 'perhaps' }, /yes or no/],
  ['discharge.hospital', { source: 'acute_hospital_discharge', discharge: { expected_date: dateIn(1) } }, /Enter hospital/],
  ['discharge.expected_date', { discharge: { expected_date: dateIn(3) } }, /only for referrals from a hospital/],
  // (the hub, whose own details never stand in for the referrer's)
  ['referrer.organisation', { source: 'adult_social_care', referrer: { organisation: null } }, /organisation/, 'hub'],
  ['received_at', { received_at: '2026-01-01T09:00:00Z' }, /only be given by the hub/],
  ['person.nickname', { person: { nickname: 'Peggy' } }, /not a field/],
  ['colour', { colour: 'blue' }, /not a field/],
];

for (const [field, over, message, who = 'gp'] of BAD) {
  test(`bad ${field} (${JSON.stringify(over).slice(0, 60)}) is 422 naming the field; nothing stored`, async () => {
    const before = counts();
    const res = await api(srv, tok[who], 'POST', '/api/v1/referrals', body(over));
    assert.equal(res.status, 422, JSON.stringify(res.body));
    assert.match(res.headers.get('content-type'), /^application\/problem\+json/);
    assert.equal(res.body.status, 422);
    assert.deepEqual(fieldsOf(res), [field], JSON.stringify(res.body.errors));
    assert.match(res.body.errors[0].message, message);
    assert.equal(counts(), before, 'nothing stored');
  });
}

test('an unknown code comes back with the allowed codes', async () => {
  const res = await api(srv, tok.gp, 'POST', '/api/v1/referrals', body({ reasons: ['loneliness', 'gardening'] }));
  assert.equal(res.status, 422);
  assert.ok(res.body.errors[0].allowed.includes('social_isolation'));
  assert.equal(res.body.errors[0].allowed.length, 18);
});

test('many problems at once are all named', async () => {
  const before = counts();
  const res = await api(srv, tok.gp, 'POST', '/api/v1/referrals', {
    person: { given_name: '', family_name: 'X', date_of_birth: 'soon', postcode: 'nowhere', nhs_number: '1' },
    source: 'gp_practice', reasons: [], consent: { referral: false, data_sharing: false },
  });
  assert.equal(res.status, 422);
  for (const f of ['person.given_name', 'person.date_of_birth', 'person.postcode', 'person.nhs_number', 'reasons',
    'consent.referral', 'consent.data_sharing', 'person.phone']) {
    assert.ok(fieldsOf(res).includes(f), `${f} in ${fieldsOf(res)}`);
  }
  assert.equal(counts(), before);
});

test('bad JSON, a non-object body and the wrong content type are refused and store nothing', async () => {
  const before = counts();
  const post = (b, type = 'application/json') => fetch(`${srv.url}/api/v1/referrals`, {
    method: 'POST', headers: { authorization: `Bearer ${tok.gp}`, 'content-type': type }, body: b,
  });
  let res = await post('{"person": {');
  assert.equal(res.status, 422);
  assert.equal((await res.json()).errors[0].field, 'body');
  res = await post('[1,2]');
  assert.equal(res.status, 422);
  res = await post('{"source":"self","source":"gp_practice"}');
  assert.equal(res.status, 422, 'duplicate keys are refused');
  res = await post('person.given_name=Ann', 'application/x-www-form-urlencoded');
  assert.equal(res.status, 415);
  assert.equal(counts(), before);
});

test('the referrer sees the status and dates of their own referral only; others get 404', async () => {
  const made = await api(srv, tok.gp, 'POST', '/api/v1/referrals', body());
  assert.equal(made.status, 201);
  const mine = await api(srv, tok.gp, 'GET', `/api/v1/referrals/${made.body.id}`);
  assert.equal(mine.status, 200);
  assert.deepEqual(Object.keys(mine.body).sort(), ['events', 'id', 'received_at', 'reference', 'sla_due_at', 'status', 'updated_at']);
  assert.equal(mine.body.status, 'received');
  assert.deepEqual(mine.body.events.map((e) => e.status), ['received']);
  assert.equal((await api(srv, tok.discharge, 'GET', `/api/v1/referrals/${made.body.id}`)).status, 404);
  assert.equal((await api(srv, tok.lww, 'GET', `/api/v1/referrals/${made.body.id}`)).status, 404, 'no case held: 404');
  assert.equal((await api(srv, tok.gp, 'GET', '/api/v1/referrals/987654321')).status, 404);
  assert.equal((await api(srv, tok.commissioner, 'GET', `/api/v1/referrals/${made.body.id}`)).status, 403);
  assert.equal((await api(srv, tok.volunteer, 'POST', '/api/v1/referrals', body())).status, 403);
  assert.equal((await api(srv, null, 'GET', `/api/v1/referrals/${made.body.id}`)).status, 401);
  const full = await api(srv, tok.lead, 'GET', `/api/v1/referrals/${made.body.id}`);
  assert.equal(full.status, 200);
  assert.equal(full.body.person.family_name, 'Testperson');
  assert.deepEqual(full.body.reasons.sort(), ['loneliness', 'low_mood']);
});

test('the same person again is one person record, and the open referral is flagged as a possible duplicate', async () => {
  // Only the hub is told who the person is and whether they were known
  // (finding 2): referrers see what they submitted and its status.
  const personOf = async (id) => (await api(srv, tok.hub, 'GET', `/api/v1/referrals/${id}`)).body;
  const first = body();
  const a = await api(srv, tok.gp, 'POST', '/api/v1/referrals', first);
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assert.ok(!('person_id' in a.body) && !('possible_duplicate_of' in a.body), 'a referrer is not told who is known');
  assert.equal((await personOf(a.body.id)).possible_duplicate_of, null);
  // Same NHS number, different spelling of the name: the same person.
  const again = body({ person: { ...first.person, given_name: first.person.given_name.toUpperCase(), phone: '07700 900 555' } });
  const b = await api(srv, tok.hub, 'POST', '/api/v1/referrals', { ...again, source: 'vcse_partner' });
  assert.equal(b.status, 201, JSON.stringify(b.body));
  assert.equal(b.body.person_id, (await personOf(a.body.id)).person.id);
  assert.equal(b.body.possible_duplicate_of, a.body.id);
  // Without an NHS number: names, date of birth and postcode.
  const noNhs = body({ person: { nhs_number: null, given_name: 'Alfie', family_name: "O'Neill" } });
  const c = await api(srv, tok.gp, 'POST', '/api/v1/referrals', noNhs);
  const d = await api(srv, tok.gp, 'POST', '/api/v1/referrals', body({ person: { ...noNhs.person, family_name: 'oneill', postcode: 'NR13SR' } }));
  const dFull = await personOf(d.body.id);
  assert.equal(dFull.person.id, (await personOf(c.body.id)).person.id);
  assert.equal(dFull.possible_duplicate_of, c.body.id);
  // Both referrals are kept; neither is merged away. The person keeps their
  // phone number; the new one is on the referral, for the hub to apply.
  const full = await personOf(b.body.id);
  assert.equal(full.possible_duplicate_of, a.body.id);
  assert.equal(full.person.phone, '01603 555 0101', 'a referral does not overwrite the person\'s phone number');
  assert.equal(full.submitted_contact.phone, '07700 900 555');
  assert.equal(full.submitted_contact.differs_from_person, true);
  assert.equal(sql(`SELECT COUNT(*) FROM people WHERE id = ${b.body.person_id}`), '1');
});

test('the hub may back-date receipt for a referral that came by phone; the due time follows it', async () => {
  // Friday 2026-03-06 16:00 UTC: 24 counted hours skip the weekend.
  const res = await api(srv, tok.hub, 'POST', '/api/v1/referrals', body({ received_at: '2026-03-06T16:00:00Z' }));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.received_at, '2026-03-06T16:00:00Z');
  assert.equal(res.body.sla_due_at, '2026-03-09T16:00:00Z');
  const future = await api(srv, tok.hub, 'POST', '/api/v1/referrals', body({ received_at: new Date(Date.now() + 3600_000).toISOString() }));
  assert.equal(future.status, 422);
  assert.deepEqual(fieldsOf(future), ['received_at']);
  // Made by the hub on someone's behalf: not listed as the hub's own.
  assert.equal(sql(`SELECT COALESCE(referrer_user_id, 0) FROM referrals WHERE id = ${res.body.id}`), '0');
});

test('lists: the referrer sees only their own; the hub pages through everything with a cursor', async () => {
  const own = await api(srv, tok.discharge, 'GET', '/api/v1/referrals?limit=200');
  assert.equal(own.status, 200);
  const ids = own.body.items.map((i) => i.id);
  const stored = sql("SELECT id FROM referrals WHERE referrer_user_id = (SELECT id FROM users WHERE email = 'discharge@demo.waymark.test') ORDER BY id DESC").split('\n').map(Number);
  assert.deepEqual(ids, stored);
  assert.ok(own.body.items.every((i) => !('person' in i)), 'status and dates only');
  const seen = [];
  let cursor = '';
  for (let page = 0; page < 100; page++) {
    const res = await api(srv, tok.hub, 'GET', `/api/v1/referrals?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(res.status, 200);
    seen.push(...res.body.items.map((i) => i.id));
    if (!res.body.next_cursor) break;
    cursor = res.body.next_cursor;
  }
  const all = sql('SELECT id FROM referrals ORDER BY id DESC').split('\n').map(Number);
  assert.deepEqual(seen, all);
  const bad = await api(srv, tok.hub, 'GET', '/api/v1/referrals?limit=0&status=lost&source=pigeon&cursor=x');
  assert.equal(bad.status, 422);
  assert.deepEqual(fieldsOf(bad).sort(), ['cursor', 'limit', 'source', 'status']);
  const filtered = await api(srv, tok.hub, 'GET', '/api/v1/referrals?source=family_carer');
  assert.ok(filtered.body.items.length >= 1 && filtered.body.items.every((i) => i.source === 'family_carer'));
});

test('with a session cookie, a JSON write needs the X-CSRF-Token header', async () => {
  const s = await fetch(`${srv.url}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'gp@demo.waymark.test', password: 'demo-password-1' }),
  });
  assert.equal(s.status, 201);
  const { csrf_token: csrf } = await s.json();
  const cookie = s.headers.get('set-cookie').split(';')[0];
  const post = (headers) => fetch(`${srv.url}/api/v1/referrals`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie, ...headers }, body: JSON.stringify(body()),
  });
  const before = counts();
  assert.equal((await post({})).status, 403);
  assert.equal(counts(), before);
  const ok = await post({ 'x-csrf-token': csrf });
  assert.equal(ok.status, 201);
});

test('every create and every full read is in the audit trail, and the chain verifies', async () => {
  const made = await api(srv, tok.gp, 'POST', '/api/v1/referrals', body());
  await api(srv, tok.hub, 'GET', `/api/v1/referrals/${made.body.id}`);
  const rows = sql(`SELECT action || ':' || detail FROM audit_events WHERE entity = 'referral' AND entity_id = ${made.body.id} ORDER BY id`).split('\n');
  assert.deepEqual(rows, [`referral.create:${made.body.reference}`, 'referral.read:']);
  assert.equal(sql(`SELECT person_id FROM audit_events WHERE action = 'referral.read' AND entity_id = ${made.body.id}`), sql(`SELECT person_id FROM referrals WHERE id = ${made.body.id}`));
  const v = execFileSync(process.env.WAYMARK_BIN || 'build/waymark', ['audit', 'verify', '--db', srv.dbPath], { encoding: 'utf8' });
  assert.match(v, /ok|intact|verified/i);
});

test('practices and the model are published for clients', async () => {
  const p = await api(srv, tok.gp, 'GET', '/api/v1/practices');
  assert.equal(p.status, 200);
  assert.equal(p.body.practices.length, 42);
  assert.ok(p.body.practices.some((x) => x.code === 'SPBRK01' && x.name === 'THETFORD HEALTHY LIVING CENTRE' && x.cluster === 'Breckland'));
  const q = await api(srv, tok.gp, 'GET', '/api/v1/practices?q=thetford');
  assert.deepEqual(q.body.practices.map((x) => x.code), ['SPBRK01']);
  assert.equal((await api(srv, null, 'GET', '/api/v1/practices')).status, 401);
  const f = await api(srv, null, 'GET', '/api/v1/referral-fields');
  assert.equal(f.status, 200);
  const nhsField = f.body.fields.find((x) => x.path === 'person.nhs_number');
  assert.equal(nhsField.kind, 'nhs_number');
  assert.equal(nhsField.required, 'no');
  assert.equal(f.body.fields.find((x) => x.path === 'consent.referral').required, 'must_be_true');
  const v = await api(srv, null, 'GET', '/api/v1/vocabularies/ethnic_categories');
  assert.equal(v.body.codes.length, 18);
  assert.equal((await api(srv, null, 'GET', '/api/v1/vocabularies/passwords')).status, 404);
});

test('docs/openapi.json describes every field the API takes, as the model says', async () => {
  const { readFile } = await import('node:fs/promises');
  const { repoRoot } = await import('../lib/server.mjs');
  const doc = JSON.parse(await readFile(`${repoRoot}/docs/openapi.json`, 'utf8'));
  const schema = doc.components.schemas.ReferralRequest;
  const model = (await api(srv, null, 'GET', '/api/v1/referral-fields')).body.fields.filter((f) => f.channels.includes('api'));
  const documented = [];
  for (const [k, v] of Object.entries(schema.properties)) {
    if (v.type === 'object') for (const k2 of Object.keys(v.properties)) documented.push(`${k}.${k2}`);
    else documented.push(k);
  }
  assert.deepEqual(documented.sort(), model.map((f) => f.path).sort());
  for (const f of model) {
    const [a, b] = f.path.split('.');
    const required = b ? (schema.properties[a].required || []).includes(b) : schema.required.includes(a);
    assert.equal(required, f.required !== 'no', `${f.path} required`);
  }
  for (const p of ['/api/v1/referrals', '/api/v1/referrals/{id}', '/api/v1/practices', '/api/v1/referral-fields', '/api/v1/vocabularies/{name}']) {
    assert.ok(doc.paths[p], `${p} documented`);
  }
});
