// "Who has looked at this person's record": every audited read of a person's
// referral shows on the person's page for the programme lead, and not for others.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { api, tokenFor } from '../lib/referrals.mjs';

let srv;
before(async () => { srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } }); });
after(async () => { await srv?.stop(); });

test('the person page lists who read the record, newest first', async () => {
  const gp = await tokenFor(srv, 'gp@demo.waymark.test');
  const hub = await tokenFor(srv, 'hub@demo.waymark.test');
  const made = await api(srv, gp, 'POST', '/api/v1/referrals', {
    person: { given_name: 'Iris', family_name: 'Looked', date_of_birth: '1944-02-11', postcode: 'IP24 1JD', practice: 'SPBRK01', phone: '01842 555 0100' },
    source: 'gp_practice', reasons: ['loneliness'], consent: { referral: true, data_sharing: true },
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const read = await api(srv, hub, 'GET', `/api/v1/referrals/${made.body.id}`);
  const person = read.body.person.id;
  const lead = await tokenFor(srv, 'lead@demo.waymark.test');
  const res = await fetch(`${srv.url}/audit/people/${person}`, { headers: { authorization: `Bearer ${lead}` } });
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /Who has looked at this record/);
  // In words: the action, who (name, role, organisation) and the referral by its reference.
  assert.match(html, /Opened a referral/);
  assert.match(html, /Made a referral/);
  assert.match(html, /Hana Hughes \(Hub coordinator, Community Action Norfolk\)/);
  assert.match(html, new RegExp(`Referral ${made.body.reference}`));
  assert.doesNotMatch(html, /referral\.read|hub_coordinator/, 'no code words');
  assert.doesNotMatch(html, /Iris|Looked/, 'the page shows ids, not the person\'s details');
  const denied = await fetch(`${srv.url}/audit/people/${person}`, { headers: { authorization: `Bearer ${hub}` } });
  assert.equal(denied.status, 403);
  const missing = await fetch(`${srv.url}/audit/people/987654`, { headers: { authorization: `Bearer ${lead}` } });
  assert.equal(missing.status, 404);
});
