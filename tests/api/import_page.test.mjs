// The hub's referral import page over HTTP (a bearer token, form bodies as a
// browser sends them): the dry run names each problem's line and field and
// stores no referral; the problems download is CSV with formula-safe cells;
// confirming stores the good rows in the background, audited, and the
// progress page follows it to the end; a second confirmation is refused;
// other roles are refused. On SQLite and, when WAYMARK_TEST_PG_URL is set,
// on PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { tokenFor } from '../lib/referrals.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

const HEADER = 'person.given_name,person.family_name,person.date_of_birth,person.postcode,person.phone,source,reasons,consent.referral,consent.data_sharing';
const good = (g) => `${g},Importee,1950-06-15,NR32 1AA,01502 555 0199,self,loneliness,yes,yes`;

for (const [backend, dbUrl] of [['SQLite', undefined], ['PostgreSQL', process.env.WAYMARK_TEST_PG_URL]]) {
  describe(`the import page on ${backend}`, { skip: backend === 'PostgreSQL' && !dbUrl && 'WAYMARK_TEST_PG_URL not set' }, () => {
    let srv;
    const tok = {};
    before(async () => {
      srv = await startServer({ dbUrl, env: { WAYMARK_PWHASH_FAST: '1' } });
      tok.hub = await tokenFor(srv, 'hub@demo.waymark.test');
      tok.volco = await tokenFor(srv, 'volco@demo.waymark.test');
    });
    after(async () => { await srv?.stop(); });
    const sql = (q) => sqlRows(srv.dbPath, q).map((r) => r.join('|')).join('\n');
    const post = (token, p, form) => fetch(srv.url + p, {
      method: 'POST', redirect: 'manual',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    const get = (token, p) => fetch(srv.url + p, { headers: { authorization: `Bearer ${token}` } });

    test('check, download the problems, confirm, follow the progress', async () => {
      const before = sql('SELECT COUNT(*) FROM referrals');
      const csv = [HEADER, good('Ada'), 'Bob,Importee,1950-13-01,NR32 1AA,01502 555 0199,self,loneliness,yes,yes',
        good('Cy'), '"=HYPERLINK(""x"")",Importee,1950-06-15,ZZ9 9ZZ,01502 555 0199,self,loneliness,yes,no'].join('\n');
      const res = await post(tok.hub, '/imports/check', { file_name: 'december.csv', csv });
      assert.equal(res.status, 200);
      const html = await res.text();
      assert.match(html, /Rows<\/dt><dd[^>]*>4</);
      assert.match(html, /Rows to import<\/dt><dd[^>]*>2</);
      assert.match(html, /<td class="nhsuk-table__cell"[^>]*>(?:<span[^>]*>[^<]*<\/span>)?3<\/td><td class="nhsuk-table__cell"[^>]*>(?:<span[^>]*>[^<]*<\/span>)?person.date_of_birth<\/td>/);
      assert.match(html, /<td class="nhsuk-table__cell"[^>]*>(?:<span[^>]*>[^<]*<\/span>)?5<\/td><td class="nhsuk-table__cell"[^>]*>(?:<span[^>]*>[^<]*<\/span>)?person.postcode<\/td>/);
      assert.equal(sql('SELECT COUNT(*) FROM referrals'), before, 'a dry run stores no referral');
      const job = html.match(/name="job" value="(\d+)"/)[1];

      const problems = await get(tok.hub, `/imports/problems.csv?job=${job}`);
      assert.equal(problems.status, 200);
      assert.match(problems.headers.get('content-type'), /^text\/csv/);
      const text = await problems.text();
      assert.match(text, /^line,field,message\n/);
      assert.match(text, /^3,person\.date_of_birth,/m);
      assert.match(text, /^5,consent\.data_sharing,/m);
      assert.ok(!/(^|,)[=+\-@]/m.test(text), 'no cell starts as a formula');

      const confirm = await post(tok.hub, '/imports/confirm', { job });
      assert.equal(confirm.status, 303);
      assert.equal(confirm.headers.get('location'), `/imports/progress?job=${job}`);
      let page = '';
      for (let i = 0; i < 100; i++) {
        page = await (await get(tok.hub, `/imports/progress?job=${job}`)).text();
        if (/Status<\/dt><dd[^>]*>(done|failed)</.test(page)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.match(page, /Status<\/dt><dd[^>]*>done</);
      assert.match(page, /Referrals stored<\/dt><dd[^>]*>2</);
      assert.equal(sql(`SELECT COUNT(*) FROM referrals r JOIN people p ON p.id = r.person_id WHERE p.family_name = 'Importee' AND r.channel = 'import'`), '2');
      assert.equal(sql(`SELECT COUNT(*) FROM audit_events WHERE action = 'referral.import' AND entity_id = ${job}`), '1');
      assert.equal(sql(`SELECT COUNT(*) FROM audit_events WHERE action = 'referral.import_check' AND entity_id = ${job}`), '1');
      assert.equal(Number(sql('SELECT COUNT(*) FROM referrals')), Number(before) + 2);
      const again = await post(tok.hub, '/imports/confirm', { job });
      assert.equal(again.status, 409);
    });

    test('an empty or wrong header is named, nothing is kept; other roles are refused', async () => {
      const jobsBefore = sql('SELECT COUNT(*) FROM import_jobs');
      for (const [csv, want] of [['', /Choose a CSV file/], ['colour\nblue', /not a referral field/], [HEADER.replace(',source', ''), /no column for source/]]) {
        const res = await post(tok.hub, '/imports/check', { csv });
        assert.equal(res.status, 422);
        const html = await res.text();
        assert.match(html, /nhsuk-error-summary/);
        assert.match(html, want);
        assert.match(html, /href="#csv"/);
      }
      assert.equal(sql('SELECT COUNT(*) FROM import_jobs'), jobsBefore);
      assert.equal((await post(tok.volco, '/imports/check', { csv: `${HEADER}\n${good('Di')}` })).status, 403);
      assert.equal((await get(tok.volco, '/imports')).status, 403);
      assert.equal((await get(tok.hub, '/imports/progress?job=987654')).status, 404);
    });
  });
}
