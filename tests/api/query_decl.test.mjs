// Per-route query declarations: every API route names the query parameters
// it takes, and any other is a 400 naming it before the handler runs (today
// a misspelt filter such as ?place=east on the KPI was silently ignored, so
// the answer looked filtered when it was not). Declared ones work as before.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { api, tokenFor } from '../lib/referrals.mjs';

let srv;
const tok = {};
before(async () => {
  srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } });
  tok.hub = await tokenFor(srv, 'hub@demo.waymark.test');
});
after(async () => { await srv?.stop(); });

test('an unknown query parameter is a 400 naming it', async () => {
  const res = await api(srv, tok.hub, 'GET', '/api/v1/kpi/follow-up?place=east');
  assert.equal(res.status, 400);
  assert.equal(res.body.errors[0].field, 'place');
  assert.match(res.body.errors[0].message, /place is not a query parameter/);
  assert.match(res.body.errors[0].message, /from to area/);
});

test('a route that takes none refuses any, and declared ones still work', async () => {
  const none = await api(srv, tok.hub, 'GET', '/api/v1/triage/watch?x=1');
  assert.equal(none.status, 400);
  assert.equal(none.body.errors[0].field, 'x');
  const ok = await api(srv, tok.hub, 'GET', '/api/v1/kpi/follow-up?area=breckland');
  assert.equal(ok.status, 200);
  const list = await api(srv, tok.hub, 'GET', '/api/v1/referrals?limit=2&status=received');
  assert.equal(list.status, 200);
});

test('pages without a declaration keep ignoring what they do not read', async () => {
  const res = await fetch(`${srv.url}/login?next=%2F`);
  assert.equal(res.status, 200);
});
