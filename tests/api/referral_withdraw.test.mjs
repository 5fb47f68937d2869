// Withdrawing a referral over the JSON API: its referrer while it is open, or
// the hub, with a reason; the status, the case and unfinished volunteer tasks
// end together, audited, and the follow-up KPI summaries still equal a
// recount; bad input is 422 naming the field and changes nothing; someone
// else's referral is 404; a referral no longer open is 409. On SQLite and,
// when WAYMARK_TEST_PG_URL is set (make api-test), on PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, startServer } from '../lib/server.mjs';
import { api, tokenFor } from '../lib/referrals.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

for (const [backend, dbUrl] of [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]]) {
  describe(`withdrawing referrals on ${backend}`, { skip: backend === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set' }, () => {
    let srv;
    const tok = {};

    before(async () => {
      srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1' } });
      for (const [k, email] of Object.entries({
        gp: 'gp@demo.waymark.test', discharge: 'discharge@demo.waymark.test', hub: 'hub@demo.waymark.test',
        lww: 'lww@demo.waymark.test',
      })) tok[k] = await tokenFor(srv, email);
    });
    after(async () => { await srv?.stop(); });

    const sql = (q) => sqlRows(srv.dbPath, q).map((r) => r.join('|')).join('\n');

    let n = 0;
    async function refer(token = tok.gp) {
      n++;
      const res = await api(srv, token, 'POST', '/api/v1/referrals', {
        person: { given_name: `Withdrawn${n}`, family_name: 'Testperson', date_of_birth: '1950-02-03', postcode: 'IP24 1AA',
          phone: '01842 555 0101', practice: 'SPBRK01' },
        source: 'gp_practice', reasons: ['shopping'],
        referrer: { name: 'Dr Test', organisation: 'Thetford Healthy Living Centre', phone: '01842 555 0100' },
        consent: { referral: true, data_sharing: true },
      });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      return res.body.id;
    }

    test('the referrer withdraws their own open referral with a reason; it then shows as withdrawn and cannot be withdrawn again', async () => {
      const id = await refer();
      const res = await api(srv, tok.gp, 'POST', `/api/v1/referrals/${id}/withdraw`, { reason: 'The person has moved to Suffolk.' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.id, id);
      assert.equal(res.body.status, 'withdrawn');
      assert.match(res.body.reference, /^WM-\d{2}-\d{6}-[A-Z]$/);
      assert.match(res.body.updated_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.equal(res.body.tasks_cancelled, 0);
      // The closed loop shows it to the referrer.
      const seen = await api(srv, tok.gp, 'GET', `/api/v1/referrals/${id}`);
      assert.equal(seen.body.status, 'withdrawn');
      assert.equal(seen.body.events.at(-1).status, 'withdrawn');
      assert.equal(sql(`SELECT detail FROM referral_events WHERE referral_id = ${id} AND to_status = 'withdrawn'`), 'The person has moved to Suffolk.');
      assert.equal(sql(`SELECT COUNT(*) FROM audit_events WHERE action = 'referral.withdraw' AND entity_id = ${id}`), '1');
      const again = await api(srv, tok.gp, 'POST', `/api/v1/referrals/${id}/withdraw`, { reason: 'again' });
      assert.equal(again.status, 409);
      assert.match(again.body.detail, /status is withdrawn/);
    });

    test('bad input is 422 naming the field, and nothing changes', async () => {
      const id = await refer();
      for (const [b, field] of [
        [{}, 'reason'], [{ reason: '   ' }, 'reason'], [{ reason: 42 }, 'reason'], [{ reason: 'x'.repeat(501) }, 'reason'],
        [{ reason: 'bell \u0007' }, 'reason'], [{ reason: 'fine', reasn: 'typo' }, 'reasn'],
      ]) {
        const res = await api(srv, tok.gp, 'POST', `/api/v1/referrals/${id}/withdraw`, b);
        assert.equal(res.status, 422, JSON.stringify(b));
        assert.equal(res.headers.get('content-type'), 'application/problem+json');
        assert.ok(res.body.errors.some((e) => e.field === field), JSON.stringify(res.body));
      }
      const ok = await api(srv, tok.gp, 'POST', `/api/v1/referrals/${id}/withdraw`, { reason: 'é'.repeat(500) });
      assert.equal(ok.status, 200, 'a limit of 500 counts characters, not bytes');
      const other = await refer();
      assert.equal(sql(`SELECT status FROM referrals WHERE id = ${other}`), 'received');
      const bad = await api(srv, tok.gp, 'POST', `/api/v1/referrals/${other}/withdraw`, ['not', 'an', 'object']);
      assert.equal(bad.status, 422);
      assert.equal(sql(`SELECT status FROM referrals WHERE id = ${other}`), 'received');
    });

    test("another referrer's referral, or one that does not exist, is 404; staff other than the hub may not withdraw (403)", async () => {
      const id = await refer();
      const theirs = await api(srv, tok.discharge, 'POST', `/api/v1/referrals/${id}/withdraw`, { reason: 'not mine' });
      assert.equal(theirs.status, 404);
      assert.equal((await api(srv, tok.gp, 'POST', '/api/v1/referrals/987654321/withdraw', { reason: 'x' })).status, 404);
      assert.equal((await api(srv, tok.lww, 'POST', `/api/v1/referrals/${id}/withdraw`, { reason: 'x' })).status, 403);
      assert.equal((await api(srv, null, 'POST', `/api/v1/referrals/${id}/withdraw`, { reason: 'x' })).status, 401);
      assert.equal(sql(`SELECT status FROM referrals WHERE id = ${id}`), 'received');
    });

    test('the page and the API answer alike and write the same audit event', async () => {
      const page = (token, id, body) => fetch(`${srv.url}/referrals/${id}/withdraw`, {
        method: 'POST', redirect: 'manual', body,
        headers: { authorization: `Bearer ${token}`, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
      });
      const id = await refer();
      assert.equal((await page(tok.discharge, id, 'reason=x')).status, 404, 'not theirs: 404 on the page too');
      assert.equal((await page(tok.gp, id, 'reason=')).status, 422);
      assert.equal((await page(tok.gp, id, 'reason=Moved+away')).status, 303);
      assert.equal((await page(tok.gp, id, 'reason=again')).status, 409);
      assert.equal((await api(srv, tok.gp, 'POST', `/api/v1/referrals/${id}/withdraw`, { reason: 'again' })).status, 409);
      const other = await refer();
      assert.equal((await api(srv, tok.gp, 'POST', `/api/v1/referrals/${other}/withdraw`, { reason: 'Moved away' })).status, 200);
      assert.equal(sql(`SELECT action || ' ' || detail FROM audit_events WHERE action = 'referral.withdraw' AND entity_id IN (${id}, ${other}) ORDER BY id`),
        'referral.withdraw tasks cancelled 0\nreferral.withdraw tasks cancelled 0');
    });

    test('the hub withdraws a triaged community support referral: its case closes and its volunteer task is cancelled', async () => {
      const id = await refer();
      const t = await api(srv, tok.hub, 'POST', `/api/v1/referrals/${id}/triage`, { tier: 'community_support', reason: 'shopping help' });
      assert.equal(t.status, 200, JSON.stringify(t.body));
      assert.equal(sql(`SELECT COUNT(*) FROM tasks WHERE referral_id = ${id} AND status = 'open'`), '1');
      const res = await api(srv, tok.hub, 'POST', `/api/v1/referrals/${id}/withdraw`, { reason: 'Family now do the shopping.' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.tasks_cancelled, 1);
      assert.equal(sql(`SELECT status || '/' || closure_reason FROM cases WHERE referral_id = ${id}`), 'closed/withdrawn');
      assert.equal(sql(`SELECT status || '/' || outcome_note FROM tasks WHERE referral_id = ${id}`), 'cancelled/the referral was withdrawn');
      // The follow-up KPI summaries, changed by the withdrawal, still equal a recount.
      const { stdout } = await runCli(['kpi', 'check', '--db', srv.dbPath]);
      assert.match(stdout, /equal a recount/);
      assert.equal((await runCli(['audit', 'verify', '--db', srv.dbPath])).stdout.includes('intact'), true);
    });
  });
}
