// Helpers for volunteer and matching tests: a community support referral with
// its task (imported, then triaged by the hub through the API), volunteers
// made through the API, times relative to now, and the fixtures the route
// matrix needs for records of kind "volunteer" and "task".
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { api, importReferrals, tokenFor } from './referrals.mjs';
import { waymarkBin } from './server.mjs';

export const hoursAgo = (h) => new Date(Date.now() - h * 3600_000).toISOString().replace(/\.\d+Z$/, 'Z');

/** A London-ish wall-clock time `days` from today at hh:00 UTC, ISO 8601. */
export function dayAt(days, hh = 9) {
  const d = new Date(Date.now() + days * 86400_000);
  d.setUTCHours(hh, 0, 0, 0);
  return d.toISOString().replace(/\.\d+Z$/, 'Z');
}

/** YYYY-MM-DD `days` from today (UTC). */
export const dateIn = (days) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

let seq = 0;
/**
 * Imports a self-referral asking for help with shopping and confirms it as
 * community support, which opens a case with the area's provider and one
 * task. Returns the referral id.
 */
export async function communitySupportReferral(srv, hubToken, { postcode = 'NR16 2AA', given, family = 'Fixture' } = {}) {
  seq += 1;
  const g = given || `Cs${Date.now().toString(36)}${seq}`;
  const ids = await importReferrals(srv, hubToken, [
    { given: g, family, received_at: hoursAgo(1), fields: { reasons: 'shopping', 'person.postcode': postcode } },
  ]);
  const id = ids[`${g} ${family}`];
  const r = await api(srv, hubToken, 'POST', `/api/v1/referrals/${id}/triage`, { tier: 'community_support' });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.equal(r.body.tasks, 1, JSON.stringify(r.body));
  return id;
}

/** A volunteer's JSON with every field valid; overrides replace fields. */
export function volunteerBody(overrides = {}) {
  const allDay = 'all day';
  return {
    name: 'Test Volunteer',
    email: 'test.volunteer@example.org',
    phone: '07700 900 321',
    postcode: 'NR16 2AB',
    travel_radius_km: 30,
    car: true,
    max_tasks_per_week: 5,
    consent_to_share: false,
    status: 'active',
    skills: ['shopping', 'prescription_collection', 'befriending_calls', 'befriending_visits', 'driving', 'form_filling',
      'digital_help', 'dog_walking', 'home_check', 'gardening', 'languages'],
    availability: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
    days_off: [],
    dbs: { level: 'enhanced', certificate_date: dateIn(-400), update_service: false, renewal_date: dateIn(700) },
    training: [{ module: 'Safeguarding adults', completed: dateIn(-30) }],
    notes: '',
    ...overrides,
  };
}

/** The catalogue's required modules (data/training_modules.csv), completed `days` ago. */
export const REQUIRED_MODULES = ['safeguarding', 'data_protection', 'lone_working'];
export const requiredTraining = (days = 30) => ({ modules: REQUIRED_MODULES.map((code) => ({ code, completed_on: dateIn(-days) })) });

/**
 * Adds a volunteer through the API with the required training recorded
 * (without it matching offers them nothing; trained: false leaves it out);
 * returns its JSON.
 */
export async function addVolunteer(srv, token, overrides = {}, { trained = true } = {}) {
  const r = await api(srv, token, 'POST', '/api/v1/volunteers', volunteerBody(overrides));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  if (!trained) return r.body;
  const t = await api(srv, token, 'PUT', `/api/v1/volunteers/${r.body.id}/training`, requiredTraining());
  assert.equal(t.status, 200, JSON.stringify(t.body));
  return (await api(srv, token, 'GET', `/api/v1/volunteers/${r.body.id}`)).body;
}

/** An account made with `waymark user add` (password on standard input); returns an API token. */
export async function accountToken(srv, email, role, org) {
  const r = spawnSync(waymarkBin(), ['user', 'add', '--db', srv.dbPath, '--email', email, '--name', 'Fixture coordinator',
    '--role', role, '--org', org, '--password-stdin'],
  { input: 'fixture-password-1\n', env: { ...process.env, WAYMARK_PWHASH_FAST: '1' } });
  assert.equal(r.status, 0, r.stderr?.toString());
  return tokenFor(srv, email);
}

/**
 * Fixtures for the route matrix. volunteer: own = a Breckland Community
 * Support volunteer (Val Turner, the demo volunteer's record), other = a
 * Waveney Care Connect volunteer. task: own = a Breckland task offered to Val
 * Turner (so it is the demo volunteer's own too), other = a Waveney task.
 */
export async function volunteerFixtures(srv, hubToken) {
  const volco = await tokenFor(srv, 'volco@demo.waymark.test');
  const waveney = await accountToken(srv, 'fixture.volco.waveney@example.org', 'volunteer_coordinator', 'Waveney Care Connect');
  const mine = await api(srv, volco, 'GET', '/api/v1/volunteers');
  const val = mine.body.volunteers.find((v) => v.name === 'Val Turner');
  const theirs = await api(srv, waveney, 'GET', '/api/v1/volunteers');
  assert.ok(val && theirs.body.volunteers.length, 'demo volunteers are missing');

  const own = await communitySupportReferral(srv, hubToken, { postcode: 'IP24 1AB' });
  const other = await communitySupportReferral(srv, hubToken, { postcode: 'NR32 1AA' });
  const ownTask = (await api(srv, volco, 'GET', '/api/v1/tasks?status=open')).body.tasks.find((t) => t.referral_id === own);
  const otherTask = (await api(srv, waveney, 'GET', '/api/v1/tasks?status=open')).body.tasks.find((t) => t.referral_id === other);
  const offer = await api(srv, volco, 'POST', '/api/v1/match/offers', { offers: [{ task_id: ownTask.id, volunteer_id: val.id }] });
  assert.equal(offer.status, 201, JSON.stringify(offer.body));
  return {
    volunteer: { own: val.id, other: theirs.body.volunteers[0].id },
    task: { own: ownTask.id, other: otherTask.id },
  };
}
