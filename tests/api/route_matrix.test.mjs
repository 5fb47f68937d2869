// Generated from the route table (`waymark routes`): every route x every role
// x (own organisation, other organisation, no relationship) is requested with
// a real bearer token, and the answer must be what the permission matrix and
// the relationship rules say. A route whose {id} names a kind of record with
// no fixture here fails the test, so no route can be left out.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, runCli } from '../lib/server.mjs';
import { volunteerFixtures } from '../lib/volunteers.mjs';
import { referralFixtures, serviceFixtures, commissionFixtures } from '../lib/matrix_fixtures.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

const ROLES = ['none', 'referrer', 'hub_coordinator', 'link_worker', 'support_worker',
  'volunteer_coordinator', 'volunteer', 'provider_manager', 'programme_lead', 'commissioner',
  'administrator'];
// The demo account acting for each role, and its organisation.
const ACTOR = {
  referrer: ['gp@demo.waymark.test', 'Thetford Healthy Living Centre'],
  hub_coordinator: ['hub@demo.waymark.test', 'Community Action Norfolk'],
  link_worker: ['lww@demo.waymark.test', 'Breckland Community Support'],
  support_worker: ['support@demo.waymark.test', 'Breckland Community Support'],
  volunteer_coordinator: ['volco@demo.waymark.test', 'Breckland Community Support'],
  volunteer: ['volunteer@demo.waymark.test', 'Breckland Community Support'],
  provider_manager: ['manager@demo.waymark.test', 'Breckland Community Support'],
  programme_lead: ['lead@demo.waymark.test', 'Community Action Norfolk'],
  commissioner: ['commissioner@demo.waymark.test', 'Norfolk and Waveney ICB'],
  administrator: ['admin@demo.waymark.test', 'Community Action Norfolk'],
};
const OTHER_ORG = 'Waveney Care Connect';
// The directory routes that only a listing's owner organisation and the hub may use.
const SERVICE_OWNER_ONLY = new Set(['PUT /api/v1/services/{id}', 'PATCH /api/v1/services/{id}',
  'GET /api/v1/services/{id}/suggestions', 'POST /api/v1/services/{id}/suggestions/{sid}/accept',
  'POST /api/v1/services/{id}/suggestions/{sid}/reject', 'POST /directory/services/{id}/edit',
  'POST /directory/services/{id}/suggestions/{sid}/accept', 'POST /directory/services/{id}/suggestions/{sid}/reject']);
const MISSING_ID = 987654321;

let srv;
let routes;
const tokens = {};
const fixtureIds = {};

async function cli(args) {
  const { stdout } = await runCli([...args, '--db', srv.dbPath]);
  return stdout.trim();
}

// Fixtures: for each kind of record, the id of one related to the actor's
// organisation ("own") and one that is not ("other"), and who may see which.
const FIXTURES = {
  user: {
    ids(made, role, rel) {
      const own = ACTOR[role] ? ACTOR[role][1] : 'Community Action Norfolk';
      return rel === 'own' ? made[own] : made[OTHER_ORG];
    },
    // Administrators manage every account; managers only their organisation's.
    visible: (role, rel) => rel === 'own' || role === 'administrator',
  },
  // Referrals: the hub and the programme lead see every one; a referrer the
  // ones they made; other staff those whose case their organisation holds.
  referral: {
    ids: (made, role, rel) => made[rel],
    visible: (role, rel) => rel === 'own' || role === 'hub_coordinator' || role === 'programme_lead',
  },
  // People, in the audit's "who has looked" page: every person for the
  // roles allowed to read the audit trail.
  person: {
    ids: (made, role, rel) => made[rel],
    visible: () => true,
  },
  // Workers: managers manage their organisation's; the hub and the lead all.
  worker: {
    ids: (made, role, rel) => made[rel],
    visible: (role, rel) => rel === 'own' || role === 'hub_coordinator' || role === 'programme_lead',
  },
  // Volunteers: coordinators and managers see their organisation's only.
  volunteer: {
    ids: (made, role, rel) => made[rel],
    visible: (role, rel) => rel === 'own',
  },
  // Tasks: staff see those of their organisation's cases; a volunteer sees
  // only tasks offered to them (the own task is offered to the demo volunteer).
  task: {
    ids: (made, role, rel) => made[rel],
    visible: (role, rel) => rel === 'own',
  },
  // Cases: only staff of the organisation holding the case (Breckland
  // Community Support holds the own one); not the hub or the programme lead.
  case: {
    ids: (made, role, rel) => made[rel],
    visible: (role, rel) => rel === 'own' && ACTOR[role]?.[1] === 'Breckland Community Support',
  },
  // Organisations: the administrator and programme lead manage every one (only they may use the routes).
  org: {
    ids(made, role, rel) {
      return rel === 'own' ? made[ACTOR[role]?.[1] ?? 'Community Action Norfolk'] : made[OTHER_ORG];
    },
    visible: () => true,
  },
  // Directory services: one directory for everyone allowed to read it, and
  // any editor may suggest a change; only the listing's owner organisation
  // (own: the actor's; other: another's) and the hub change it or answer
  // suggestions (finding 10b).
  service: {
    ids(made, role, rel) {
      const org = ACTOR[role]?.[1];
      const mine = made[org] ?? made['Community Action Norfolk'];
      if (rel === 'own') return mine;
      return org === 'Breckland Community Support' ? made['Community Action Norfolk'] : made['Breckland Community Support'];
    },
    visible: () => true,
    forbidden: (route, role, rel) => rel === 'other' && role !== 'hub_coordinator' && role !== 'programme_lead'
      && SERVICE_OWNER_ONLY.has(`${route.method} ${route.pattern}`),
  },
  // Commissioning rounds are published to every provider.
  round: {
    ids: (made, role, rel) => made[rel],
    visible: () => true,
  },
  // SLAs: a provider manager sees its organisation's (own: Breckland
  // Community Support's); the lead provider and commissioners all.
  sla: {
    ids: (made, role, rel) => made[rel],
    visible: (role, rel) => rel === 'own' || role !== 'provider_manager',
  },
  // Provider organisations (Appendix B evidence): own is the actor's organisation.
  provider: {
    ids: (made, role, rel) => (rel === 'own' ? made[ACTOR[role]?.[1] ?? 'Community Action Norfolk'] : made[OTHER_ORG]),
    visible: (role, rel) => rel === 'own' || role !== 'provider_manager',
  },
  // Appendix B evidence files: own is Breckland Community Support's (the provider manager's organisation).
  evidence: {
    ids: (made, role, rel) => made[rel],
    visible: (role, rel) => rel === 'own' || role !== 'provider_manager',
  },
};

before(async () => {
  srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } });
  routes = JSON.parse((await runCli(['routes'])).stdout);
  for (const [role, [email]] of Object.entries(ACTOR)) {
    tokens[role] = await cli(['token', 'create', '--user', email, '--name', `matrix-${role}`]);
  }
  for (const kind of new Set(routes.map((r) => r.rel).filter(Boolean))) {
    assert.ok(FIXTURES[kind], `no fixture for records of kind "${kind}": add one to tests/api/route_matrix.test.mjs`);
  }
  // user add reads the password from stdin; runCli has none, so create fixtures by spawning with input.
  const { spawnSync } = await import('node:child_process');
  const { waymarkBin } = await import('../lib/server.mjs');
  for (const kind of new Set(routes.map((r) => r.rel).filter(Boolean))) {
    if (kind !== 'user') continue;
    const ids = {};
    for (const org of new Set([...Object.values(ACTOR).map((a) => a[1]), OTHER_ORG])) {
      const email = `fixture.${org.replace(/\W+/g, '.').toLowerCase()}@example.org`;
      const r = spawnSync(waymarkBin(), ['user', 'add', '--db', srv.dbPath, '--email', email, '--name', 'Fixture person',
        '--role', 'volunteer', '--org', org, '--password-stdin'],
      { input: 'fixture-password-1\n', env: { ...process.env, WAYMARK_PWHASH_FAST: '1' } });
      assert.equal(r.status, 0, r.stderr?.toString());
      ids[org] = r.stdout.toString().trim();
    }
    fixtureIds.user = ids;
  }
  const kinds = new Set(routes.map((r) => r.rel));
  if (kinds.has('referral') || kinds.has('worker') || kinds.has('person') || kinds.has('case')) {
    const other = await cli(['token', 'create', '--user', 'discharge@demo.waymark.test', '--name', 'matrix-other']);
    Object.assign(fixtureIds, await referralFixtures(srv, { ...tokens, other_referrer: other }));
  }
  if (kinds.has('volunteer') || kinds.has('task')) Object.assign(fixtureIds, await volunteerFixtures(srv, tokens.hub_coordinator));
  if (kinds.has('org')) {
    const rows = JSON.parse((await runCli(['routes'])).stdout) && (await import('../lib/dbcheck.mjs')).sqlRows(srv.dbPath, 'SELECT id, name FROM orgs');
    fixtureIds.org = Object.fromEntries(rows.map(([id, name]) => [name, id]));
  }
  if (kinds.has('service')) Object.assign(fixtureIds, await serviceFixtures(srv, tokens.hub_coordinator, tokens.provider_manager));
  if (kinds.has('round') || kinds.has('sla') || kinds.has('evidence')) {
    const m2 = await cli(['token', 'create', '--user', 'manager2@demo.waymark.test', '--name', 'matrix-manager2']);
    Object.assign(fixtureIds, await commissionFixtures(srv, tokens.programme_lead, tokens.provider_manager, m2));
  }
  if (kinds.has('provider')) fixtureIds.provider = Object.fromEntries(sqlRows(srv.dbPath, 'SELECT name, id FROM orgs'));
});

after(async () => { await srv?.stop(); });

// A signed-out form's token and the pre-session cookie it is bound to.
async function formToken() {
  const res = await fetch(`${srv.url}/login`);
  const html = await res.text();
  return { token: html.match(/name="csrf_token" value="([^"]+)"/)[1], cookie: res.headers.get('set-cookie').split(';')[0] };
}

function expected(route, role, rel) {
  const allowed = route.roles.includes(role);
  if (!allowed) {
    if (role !== 'none') return { deny: 403 };
    const page = !route.pattern.startsWith('/api/');
    return { deny: page && route.method === 'GET' ? 303 : 401 };
  }
  if (!route.rel) return { allow: true };
  if (rel === 'none') return { notFound: true };
  if (FIXTURES[route.rel].forbidden?.(route, role, rel)) return { deny: 403 };
  return FIXTURES[route.rel].visible(role, rel) ? { allow: true } : { notFound: true };
}

test('every route answers every role as the matrix and relationships say', async () => {
  const failures = [];
  let checked = 0;
  for (const route of routes) {
    for (const role of ROLES) {
      for (const rel of ['own', 'other', 'none']) {
        let path = route.pattern;
        if (route.rel) {
          const id = rel === 'none' ? MISSING_ID : FIXTURES[route.rel].ids(fixtureIds[route.rel], role, rel);
          path = path.replace('{id}', String(id));
        }
        const headers = { accept: route.pattern.startsWith('/api/') ? 'application/json' : 'text/html' };
        if (role !== 'none') headers.authorization = `Bearer ${tokens[role]}`;
        let body;
        if (route.method !== 'GET') {
          headers['content-type'] = route.pattern.startsWith('/api/') ? 'application/json' : 'application/x-www-form-urlencoded';
          body = route.pattern.startsWith('/api/') ? '{}' : '';
          // A signed-out browser posts a form with the token the page gave it.
          if (role === 'none' && !route.pattern.startsWith('/api/')) {
            const f = await formToken();
            body = `csrf_token=${encodeURIComponent(f.token)}`;
            headers.cookie = f.cookie;
          }
        }
        const res = await fetch(srv.url + path, { method: route.method, headers, body, redirect: 'manual' });
        await res.arrayBuffer();
        const want = expected(route, role, rel);
        const got = res.status;
        let ok;
        if (want.deny) ok = got === want.deny;
        else if (want.notFound) ok = got === 404;
        else ok = got !== 401 && got !== 403 && got < 500 && !(route.rel && got === 404);
        checked++;
        if (!ok) failures.push(`${route.method} ${route.pattern} as ${role} (${rel}): got ${got}, want ${JSON.stringify(want)}`);
      }
    }
  }
  assert.deepEqual(failures, [], `${failures.length} of ${checked} cases wrong`);
  assert.equal(checked, routes.length * ROLES.length * 3);
});
