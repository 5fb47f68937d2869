// A referrer corrects what they sent while it is still unread, through the
// pages: the same checks as intake (422 naming the field), the referral's
// submitted contact details and words change (the person's stored details do
// not: the hub applies them on purpose), the change is audited, and once the
// hub has read the referral it can no longer be changed. SQLite and PostgreSQL.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { api, tokenFor } from '../lib/referrals.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

const servers = [];
after(async () => { for (const s of servers) await s.stop(); });

async function run(srv) {
  const gp = await tokenFor(srv, 'gp@demo.waymark.test');
  const hub = await tokenFor(srv, 'hub@demo.waymark.test');
  const made = await api(srv, gp, 'POST', '/api/v1/referrals', {
    person: { given_name: 'Corra', family_name: 'Ection', date_of_birth: '1950-01-02', postcode: 'IP24 1JD', practice: 'SPBRK01', phone: '01842 555 0100' },
    source: 'gp_practice', reasons: ['loneliness'], details: 'First words.', consent: { referral: true, data_sharing: true },
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const id = made.body.id;
  const page = (who, path, body) => fetch(srv.url + path, {
    method: body ? 'POST' : 'GET', redirect: 'manual', body: body && new URLSearchParams(body).toString(),
    headers: { authorization: `Bearer ${who}`, accept: 'text/html', ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
  });
  const own = await (await page(gp, `/referrals/${id}`)).text();
  assert.match(own, /Correct what you sent/);
  const form = await page(gp, `/referrals/${id}/correct`);
  assert.equal(form.status, 200);
  assert.match(await form.text(), /value="01842 555 0100"/);
  const fields = { 'person.phone': '07700 900 123', 'person.email': '', 'person.address': '9 Church Lane, Thetford',
    'person.preferred_contact': 'phone', details: 'Better words.', urgency: 'soon' };
  const bad = await page(gp, `/referrals/${id}/correct`, { ...fields, 'person.phone': '123' });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /href="#person-phone"/);
  const ok = await page(gp, `/referrals/${id}/correct`, fields);
  assert.equal(ok.status, 303);
  assert.equal(ok.headers.get('location'), `/referrals/${id}?done=corrected`);
  const after = await (await page(gp, `/referrals/${id}?done=corrected`)).text();
  assert.match(after, /Referral corrected/);
  assert.match(after, /Better words\./);
  // The hub sees what was corrected as submitted; the person's stored phone is as it was.
  const full = await api(srv, hub, 'GET', `/api/v1/referrals/${id}`);
  assert.equal(full.body.details, 'Better words.');
  assert.equal(full.body.urgency, 'soon');
  assert.equal(full.body.submitted_contact.phone, '07700 900 123');
  assert.equal(full.body.person.phone, '01842 555 0100');
  assert.equal(full.body.submitted_contact.differs_from_person, true);
  assert.equal(Number(sqlRows(srv.dbPath, `SELECT COUNT(*) FROM audit_events WHERE action = 'referral.correct' AND entity_id = ${id}`)[0][0]), 1);
  // The hub has read it (the API read above): no more corrections.
  const late = await page(gp, `/referrals/${id}/correct`, fields);
  assert.equal(late.status, 409);
  assert.match(await late.text(), /already read this referral/);
  assert.doesNotMatch(await (await page(gp, `/referrals/${id}`)).text(), /Correct what you sent/);
  // Only its referrer corrects a referral.
  const other = await page(hub, `/referrals/${id}/correct`, fields);
  assert.ok(other.status === 409 || other.status === 303, String(other.status));
}

test('a referrer corrects an unread referral, not a read one (SQLite)', async () => {
  const srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } });
  servers.push(srv);
  await run(srv);
});

test('the same on PostgreSQL', { skip: !process.env.WAYMARK_TEST_PG_URL && 'WAYMARK_TEST_PG_URL not set' }, async () => {
  const srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' }, dbUrl: process.env.WAYMARK_TEST_PG_URL });
  servers.push(srv);
  await run(srv);
});
