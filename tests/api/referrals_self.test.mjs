// The public self-referral form over plain HTTP (no JavaScript, no sign-in):
// it stores a good request, refuses bots (honeypot, too fast, forged time
// stamp) without storing anything, and limits submissions per address.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer } from '../lib/server.mjs';

let srv;
before(async () => {
  srv = await startServer({
    demo: false,
    env: { WAYMARK_SELF_REFERRAL_MIN_SECONDS: '1', WAYMARK_SELF_REFERRAL_LIMIT: '9' },
  });
});
after(async () => { await srv?.stop(); });

const sql = (q) => execFileSync('sqlite3', [srv.dbPath, q], { encoding: 'utf8' }).trim();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let cookie = ''; // the pre-session cookie the form's token is bound to

async function showForm() {
  const res = await fetch(`${srv.url}/self-referral`);
  assert.equal(res.status, 200);
  cookie = res.headers.get('set-cookie').split(';')[0];
  const html = await res.text();
  const field = (name) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  return { html, csrf: field('csrf_token'), started: field('form_started') };
}

function fields(form, over = {}) {
  return {
    csrf_token: form.csrf,
    form_started: form.started,
    'person.given_name': 'Priya',
    'person.family_name': 'Patel',
    'person.date_of_birth.day': '12',
    'person.date_of_birth.month': '1',
    'person.date_of_birth.year': '1961',
    'person.postcode': 'NR32 1AA',
    'person.phone': '07700 900 321',
    reasons: ['debt', 'benefits'],
    'consent.referral': 'yes',
    'consent.data_sharing': 'yes',
    website: '',
    ...over,
  };
}

async function post(f) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  }
  const res = await fetch(`${srv.url}/self-referral`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body, redirect: 'manual',
  });
  return { status: res.status, html: await res.text(), headers: res.headers };
}

test('the form needs no sign-in and carries a signed time stamp and a honeypot', async () => {
  const form = await showForm();
  assert.match(form.started, /^\d+\.[0-9a-f]{64}$/);
  assert.match(form.html, /name="website"[^>]*tabindex="-1"/);
  assert.match(form.html, /aria-hidden="true"/);
  assert.doesNotMatch(form.html, /name="source"/);
  assert.doesNotMatch(form.html, /name="referrer\./);
});

test('a self-referral is stored with source self and the reference is shown', async () => {
  const form = await showForm();
  await sleep(1100);
  const r = await post(fields(form));
  assert.equal(r.status, 200, r.html.slice(0, 500));
  const ref = /WM-\d{2}-\d{6}-[A-Z]/.exec(r.html)?.[0];
  assert.ok(ref, 'reference on the page');
  assert.equal(sql(`SELECT source || ' ' || channel || ' ' || status FROM referrals WHERE reference = '${ref}'`), 'self self received');
  assert.equal(sql(`SELECT group_concat(code) FROM (SELECT code FROM referral_reasons rr JOIN referrals r ON r.id = rr.referral_id WHERE r.reference = '${ref}' ORDER BY code)`), 'benefits,debt');
  assert.equal(sql(`SELECT action FROM audit_events WHERE detail = '${ref}'`), 'referral.create');
});

test('bots are turned away and nothing is stored', async () => {
  const before = sql('SELECT COUNT(*) FROM referrals');
  let form = await showForm();
  // Too quick for a person: the form comes back to be sent again.
  let r = await post(fields(form));
  assert.equal(r.status, 422);
  assert.match(r.html, /send the form again/);
  await sleep(1100);
  // The honeypot filled in.
  r = await post(fields(form, { website: 'http://spam.example' }));
  assert.equal(r.status, 422);
  // A forged or missing time stamp.
  r = await post(fields(form, { form_started: `${Math.floor(Date.now() / 1000) - 60}.${'0'.repeat(64)}` }));
  assert.ok([403, 422].includes(r.status), String(r.status));
  r = await post(fields(form, { form_started: undefined }));
  assert.equal(r.status, 422);
  // A field the self-referral form does not take is ignored, not trusted.
  form = await showForm();
  await sleep(1100);
  r = await post(fields(form, { source: 'gp_practice', 'person.given_name': '' }));
  assert.equal(r.status, 422);
  assert.match(r.html, /Enter first name/);
  assert.equal(sql('SELECT COUNT(*) FROM referrals'), before);
});

test('submissions from one address are limited, with Retry-After', async () => {
  // Earlier tests used six of this address's nine; the limit then bites.
  const statuses = [];
  for (let i = 0; i < 8; i++) {
    const form = await showForm();
    const r = await post(fields(form, { 'person.given_name': '' }));
    statuses.push(r.status);
    if (r.status === 429) {
      assert.equal(r.headers.get('retry-after'), '3600');
      assert.match(r.html, /too many requests/i);
    }
  }
  assert.equal(statuses.at(-1), 429, statuses.join(','));
  assert.ok(statuses.includes(422), statuses.join(','));
});
