// Security findings 1 and 2 (docs/SECURITY.md) over real HTTP, through the
// API and the pages, on SQLite and, when WAYMARK_TEST_PG_URL is set, on
// PostgreSQL. 1: a new referral that matches a known person never changes
// their stored details (it only fills what is empty); what it gave is kept on
// the referral, shown to the hub, and applied on purpose with history and an
// audit event. 2: a referrer, and the public self-referral form, see only what
// they submitted and its status: never who is known to the service.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, runCli } from '../lib/server.mjs';
import { api, tokenFor, nhsNumbers } from '../lib/referrals.mjs';

const dateIn = (days) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

for (const [backend, dbUrl] of [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]]) {
  const skip = backend === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set';
  describe(`findings 1 and 2 on ${backend}`, { skip }, () => {
    let srv;
    const tok = {};
    const nhs = nhsNumbers(backend === 'SQLite' ? 610000000 : 620000000);
    before(async () => {
      srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1', WAYMARK_SELF_REFERRAL_MIN_SECONDS: '0' } });
      for (const [k, email] of Object.entries({
        gp: 'gp@demo.waymark.test', discharge: 'discharge@demo.waymark.test', hub: 'hub@demo.waymark.test',
        lww: 'lww@demo.waymark.test', lead: 'lead@demo.waymark.test',
      })) tok[k] = await tokenFor(srv, email);
    });
    after(async () => { await srv?.stop(); });

    const sql = (q) => (dbUrl ? execFileSync('psql', ['-qAt', dbUrl, '-c', q], { encoding: 'utf8' })
      : execFileSync('sqlite3', [srv.dbPath, q], { encoding: 'utf8' })).trim();
    const full = async (id) => (await api(srv, tok.hub, 'GET', `/api/v1/referrals/${id}`)).body;
    let n = 0;
    const original = (over = {}) => ({
      given_name: 'Margaret', family_name: `Original${String.fromCharCode(97 + n++)}`, date_of_birth: '1941-07-03', nhs_number: nhs(),
      postcode: 'IP24 1JD', address: '3 Old Road, Thetford', phone: '01842 555 0111', preferred_contact: 'phone',
      practice: 'SPBRK01', ...over,
    });
    const referral = (person, over = {}) => ({
      person, source: 'gp_practice', reasons: ['loneliness'], consent: { referral: true, data_sharing: true },
      referrer: { name: 'Dr Test', organisation: 'Thetford Healthy Living Centre', phone: '01842 555 0100' }, ...over,
    });
    // The person as the hub sees them through a referral.
    const contactOf = (r) => ({ postcode: r.person.postcode, address: r.person.address, phone: r.person.phone,
      email: r.person.email, preferred_contact: r.person.preferred_contact, area: r.person.area });

    async function known(over = {}) {
      const p = original(over);
      const made = await api(srv, tok.hub, 'POST', '/api/v1/referrals', referral(p));
      assert.equal(made.status, 201, JSON.stringify(made.body));
      return { p, id: made.body.id, before: contactOf(await full(made.body.id)) };
    }

    test('1: a referral by NHS number through the API changes none of the person\'s stored details', async () => {
      const k = await known();
      const r = await api(srv, tok.discharge, 'POST', '/api/v1/referrals', referral({
        given_name: 'Someone', family_name: 'Else', date_of_birth: '1941-07-03', nhs_number: k.p.nhs_number,
        postcode: 'NR32 1AA', address: '9 New Street, Lowestoft', phone: '07700 900 999', email: 'new@example.org',
        preferred_contact: 'email', practice: 'SPBRK01',
      }, { source: 'acute_hospital_discharge', reasons: ['discharge_support'],
        discharge: { hospital: 'nnuh', expected_date: dateIn(2) } }));
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const now = await full(r.body.id);
      assert.equal(now.person.id, (await full(k.id)).person.id, 'the same person');
      // Empty stored fields may be filled (email was unknown); nothing is overwritten.
      assert.deepEqual(contactOf(now), { ...k.before, email: 'new@example.org' });
      assert.equal(now.person.given_name, 'Margaret');
      assert.deepEqual(now.submitted_contact, {
        postcode: 'NR32 1AA', address: '9 New Street, Lowestoft', phone: '07700 900 999', email: 'new@example.org',
        preferred_contact: 'email', differs_from_person: true, differing: ['postcode', 'address', 'phone', 'preferred_contact'],
      });
      // What was filled in is kept as history, by the referral that gave it.
      assert.equal(sql(`SELECT field || '|' || COALESCE(old_value, '') || '|' || new_value || '|' `
        + `|| (SELECT email FROM users WHERE id = h.user_id) FROM person_history h WHERE referral_id = ${r.body.id}`),
      'email||new@example.org|discharge@demo.waymark.test');
      // The first referral gave what the person has: nothing differs.
      assert.equal((await full(k.id)).submitted_contact.differs_from_person, false);
    });

    test('1: the professional form and the public self-referral form change none of them either', async () => {
      const k = await known({ nhs_number: undefined });
      const dob = { 'person.date_of_birth.day': '3', 'person.date_of_birth.month': '7', 'person.date_of_birth.year': '1941' };
      const postForm = async (path, fields, headers = {}) => {
        const body = new URLSearchParams();
        for (const [key, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(key, x);
        return fetch(`${srv.url}${path}`, { method: 'POST', redirect: 'manual', body,
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
      };
      const page = await postForm('/referrals', {
        'person.given_name': 'Margaret', 'person.family_name': k.p.family_name, ...dob, 'person.postcode': 'IP24 1JD',
        'person.address': '1 Form Lane', 'person.phone': '07700 900 100', 'person.practice': 'SPBRK01', source: 'gp_practice', reasons: 'loneliness',
        'consent.referral': 'yes', 'consent.data_sharing': 'yes',
      }, { authorization: `Bearer ${tok.gp}` });
      assert.equal(page.status, 303, await page.text());
      // The form's token is bound to the browser's pre-session cookie (finding 3).
      const shown = await fetch(`${srv.url}/self-referral`);
      const pre = (shown.headers.get('set-cookie') || '').split(';')[0];
      const html = await shown.text();
      const field = (name) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
      const self = await postForm('/self-referral', {
        csrf_token: field('csrf_token'), form_started: field('form_started'), website: '',
        'person.given_name': 'Margaret', 'person.family_name': k.p.family_name, ...dob, 'person.postcode': 'IP24 1JD',
        'person.address': '2 Self Close', 'person.phone': '07700 900 200', 'person.email': 'self@example.org',
        'person.preferred_contact': 'email', reasons: 'loneliness', 'consent.referral': 'yes', 'consent.data_sharing': 'yes',
      }, { cookie: pre });
      const text = await self.text();
      assert.equal(self.status, 200, text);
      const ref = /WM-\d{2}-\d{6}-[A-Z]/.exec(text)[0];
      const list = (await api(srv, tok.hub, 'GET', '/api/v1/referrals?limit=5')).body.items;
      const selfId = list.find((i) => i.reference === ref).id;
      const now = await full(selfId);
      assert.equal(now.person.id, (await full(k.id)).person.id, 'matched by name, date of birth and postcode');
      assert.deepEqual(contactOf(now), { ...k.before, email: 'self@example.org' });
      assert.equal(now.submitted_contact.phone, '07700 900 200');
      assert.deepEqual(now.submitted_contact.differing, ['address', 'phone', 'preferred_contact']);
      // Finding 2 on the page: the confirmation says nothing of the person.
      assert.doesNotMatch(text, /3 Old Road|01842 555 0111/);
    });

    test('1: the hub or the case holder applies a referral\'s contact details on purpose, kept as history and audited', async () => {
      const k = await known();
      const r = await api(srv, tok.gp, 'POST', '/api/v1/referrals', referral({
        ...k.p, phone: '07700 900 555', address: '4 Moved Road, Norwich', postcode: 'NR2 4AA',
      }));
      assert.equal(r.status, 201, JSON.stringify(r.body));
      const path = `/api/v1/referrals/${r.body.id}/apply-contact`;
      assert.equal((await api(srv, tok.gp, 'POST', path, {})).status, 403, 'not its referrer');
      assert.equal((await api(srv, tok.lww, 'POST', path, {})).status, 404, 'not staff without the case');
      assert.equal((await api(srv, tok.hub, 'POST', '/api/v1/referrals/987654321/apply-contact', {})).status, 404);
      const applied = await api(srv, tok.hub, 'POST', path, {});
      assert.equal(applied.status, 200, JSON.stringify(applied.body));
      assert.deepEqual(applied.body.changed, ['postcode', 'address', 'phone']);
      const now = await full(r.body.id);
      assert.equal(now.person.phone, '07700 900 555');
      assert.equal(now.person.postcode, 'NR2 4AA');
      assert.equal(now.submitted_contact.differs_from_person, false);
      const pid = now.person.id;
      const first = await api(srv, tok.hub, 'GET', `/api/v1/referrals/${k.id}`);
      assert.equal(first.body.person.phone, '07700 900 555', 'one person: every referral shows the applied details');
      const again = await api(srv, tok.hub, 'POST', path, {});
      assert.deepEqual(again.body.changed, [], 'nothing left to apply');
      // History: each change with old and new value, who, when and the referral.
      const rows = sql(`SELECT field || '|' || COALESCE(old_value, '') || '|' || new_value || '|' || `
        + `(SELECT email FROM users WHERE id = h.user_id) || '|' || referral_id FROM person_history h `
        + `WHERE person_id = ${pid} AND old_value IS NOT NULL ORDER BY id`);
      assert.deepEqual(rows.split('\n'), [
          `postcode|IP24 1JD|NR2 4AA|hub@demo.waymark.test|${r.body.id}`,
          `address|3 Old Road, Thetford|4 Moved Road, Norwich|hub@demo.waymark.test|${r.body.id}`,
          `phone|01842 555 0111|07700 900 555|hub@demo.waymark.test|${r.body.id}`,
        ]);
      assert.equal(sql(`SELECT COUNT(*) FROM audit_events WHERE action = 'person.update' AND person_id = ${pid} `
        + `AND detail = 'referral=${r.body.reference} fields=postcode,address,phone'`), '1');
      const v = await runCli(['audit', 'verify', '--db', srv.dbPath]);
      assert.match(v.stdout, /ok|intact|verified/i);
    });

    test('2: referrers and the public are not told who is known; the hub is', async () => {
      const k = await known();
      const mine = await api(srv, tok.gp, 'POST', '/api/v1/referrals', referral({ ...k.p, given_name: 'Peggy' }));
      assert.equal(mine.status, 201);
      for (const key of ['person_id', 'possible_duplicate_of', 'person']) assert.ok(!(key in mine.body), key);
      const read = await api(srv, tok.gp, 'GET', `/api/v1/referrals/${mine.body.id}`);
      assert.deepEqual(Object.keys(read.body).sort(), ['events', 'id', 'received_at', 'reference', 'sla_due_at', 'status', 'updated_at']);
      const hub = await api(srv, tok.hub, 'POST', '/api/v1/referrals', referral({ ...k.p }));
      assert.equal(hub.body.possible_duplicate_of, mine.body.id);
      assert.equal(hub.body.person_id, (await full(k.id)).person.id);
    });

    test('2: the discharge board shows a referrer the name they gave, not the stored one', async () => {
      const k = await known();
      const made = await api(srv, tok.discharge, 'POST', '/api/v1/referrals', referral({ ...k.p, given_name: 'Maggie', family_name: 'Given' }, {
        source: 'acute_hospital_discharge', reasons: ['discharge_support'], discharge: { hospital: 'nnuh', expected_date: dateIn(2) },
      }));
      assert.equal(made.status, 201, JSON.stringify(made.body));
      const row = async (token) => (await api(srv, token, 'GET', '/api/v1/discharge/board')).body.referrals
        .find((x) => x.referral_id === made.body.id);
      assert.deepEqual((await row(tok.discharge)).person, { given_name: 'Maggie', family_name: 'Given' });
      assert.deepEqual((await row(tok.hub)).person, { given_name: 'Margaret', family_name: k.p.family_name });
      const page = await (await fetch(`${srv.url}/discharge`, { headers: { authorization: `Bearer ${tok.discharge}` } })).text();
      assert.match(page, /Maggie Given/);
      assert.doesNotMatch(page, new RegExp(`Margaret ${k.p.family_name}`));
    });
  });
}
