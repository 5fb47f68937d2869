// The hub's referral import page over HTTP (a bearer token, form bodies as a
// browser sends them; an uploaded file as multipart/form-data, signed in by
// cookie, its CSRF token a field of the body): the dry run names each problem's line and field and
// stores no referral; the problems download is CSV with formula-safe cells;
// confirming stores the good rows in the background, audited, and the
// progress page follows it to the end; a second confirmation is refused;
// other roles are refused. On SQLite and, when WAYMARK_TEST_PG_URL is set,
// on PostgreSQL.
import { describe, test, before, after } from 'node:test';
import { request as httpRequest } from 'node:http';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { tokenFor } from '../lib/referrals.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

const cookieOf = (res) => (res.headers.get('set-cookie') || '').split(';')[0];

/** Signs in through the pages as a browser does: the session cookie. */
async function signInCookie(url, email) {
  const page = await fetch(`${url}/login`);
  const token = /name="csrf_token" value="([^"]+)"/.exec(await page.text())[1];
  const res = await fetch(`${url}/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieOf(page) },
    body: new URLSearchParams({ email, password: 'demo-password-1', csrf_token: token }).toString(),
  });
  const cookie = cookieOf(res);
  assert.match(cookie, /session=[0-9a-f]{64}/);
  return cookie;
}

/** Sends only the headers of a multipart POST to /imports/check: the answer given before the body. */
function headersOnly(url, headers) {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = httpRequest({ host: u.hostname, port: u.port, path: '/imports/check', method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz', ...headers } }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.flushHeaders();
  });
}

/** A hub session and the import page's form token. */
async function browserSession(url, email) {
  const cookie = await signInCookie(url, email);
  const form = await (await fetch(`${url}/imports`, { headers: { cookie } })).text();
  assert.match(form, /enctype="multipart\/form-data"/);
  assert.match(form, /type="file"/);
  return { cookie, csrf: /name="csrf_token" value="([^"]+)"/.exec(form)[1] };
}

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

    test('an uploaded file: checked from a temporary file, its CSRF token read from the body; no file, not CSV, too large', async () => {
      const s = await browserSession(srv.url, 'hub@demo.waymark.test');
      const upload = (fields, file, cookie = s.cookie) => {
        const fd = new FormData();
        for (const [k, v] of Object.entries(fields)) fd.append(k, v);
        if (file) fd.append('file', new Blob([file.body], { type: file.type }), file.name);
        return fetch(`${srv.url}/imports/check`, { method: 'POST', redirect: 'manual', headers: { cookie }, body: fd });
      };
      const jobsBefore = sql('SELECT COUNT(*) FROM import_jobs');
      const csv = [HEADER, good('Fay'), 'Gus,Importee,1950-13-01,NR32 1AA,01502 555 0199,self,loneliness,yes,yes'].join('\r\n');
      // Without the token (or with another), nothing is read or kept.
      assert.equal((await upload({}, { body: csv, type: 'text/csv', name: 'a.csv' })).status, 403);
      assert.equal((await upload({ csrf_token: 'f'.repeat(64) }, { body: csv, type: 'text/csv', name: 'a.csv' })).status, 403);
      assert.equal(sql('SELECT COUNT(*) FROM import_jobs'), jobsBefore);
      assert.equal(sql(`SELECT COUNT(*) FROM audit_events WHERE action = 'deny.csrf' AND detail = '/imports/check'`) > '0', true);

      const ok = await upload({ csrf_token: s.csrf }, { body: '\uFEFF' + csv, type: 'text/csv', name: 'from-the-gp.csv' });
      assert.equal(ok.status, 200);
      const html = await ok.text();
      assert.match(html, /File<\/dt><dd[^>]*>from-the-gp.csv</);
      assert.match(html, /Rows<\/dt><dd[^>]*>2</);
      assert.match(html, /Rows to import<\/dt><dd[^>]*>1</);
      assert.match(html, /person.date_of_birth/);
      assert.equal(Number(sql('SELECT COUNT(*) FROM import_jobs')), Number(jobsBefore) + 1);

      const refused = async (res, status, want) => {
        assert.equal(res.status, status);
        const page = await res.text();
        assert.match(page, /nhsuk-error-summary/);
        assert.match(page, /href="#file"/);
        assert.match(page, want);
      };
      // No file chosen: the browser sends an empty part with no name.
      await refused(await upload({ csrf_token: s.csrf }, { body: '', type: 'application/octet-stream', name: '' }), 422, /Choose a CSV file of referrals/);
      await refused(await upload({ csrf_token: s.csrf }), 422, /Choose a CSV file of referrals/);
      await refused(await upload({ csrf_token: s.csrf }, { body: '', type: 'text/csv', name: 'empty.csv' }), 422, /empty.csv is empty/);
      await refused(await upload({ csrf_token: s.csrf }, { body: Buffer.from('PK\x03\x04\x14\x00\x06\x00rest', 'latin1'), type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', name: 'referrals.xlsx' }),
        422, /referrals.xlsx is a zip archive or a workbook/);
      await refused(await upload({ csrf_token: s.csrf }, { body: 'hello', type: 'image/png', name: 'photo.png' }), 422, /photo.png is not a CSV file/);
      await refused(await upload({ csrf_token: s.csrf }, { body: Buffer.from(`${HEADER}\nJos\xe9,Importee\n`, 'latin1'), type: 'text/csv', name: 'ansi.csv' }),
        422, /ansi.csv is not UTF-8 text \(line 2\)/);
      await refused(await upload({ csrf_token: s.csrf }, { body: 'colour\nblue', type: 'text/csv', name: 'colours.csv' }), 422, /not a referral field/);
      assert.equal(Number(sql('SELECT COUNT(*) FROM import_jobs')), Number(jobsBefore) + 1, 'no refused file is kept');

      // Over 50 MiB: refused from the Content-Length before any of it is read...
      const big = await headersOnly(srv.url, { cookie: s.cookie, 'content-length': String(51 * 1024 * 1024) });
      assert.equal(big.status, 413);
      assert.match(big.body, /larger than the 50 MiB this page takes/);
      // ...and when it is sent without one (chunked), once the limit is passed.
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      const streamed = await fetch(`${srv.url}/imports/check`, {
        method: 'POST', duplex: 'half',
        headers: { cookie: s.cookie, 'content-type': 'multipart/form-data; boundary=xyz' },
        body: new ReadableStream({ i: 0, pull(c) { if (this.i++ < 52) c.enqueue(chunk); else c.close(); } }),
      }).catch((e) => e);
      if (!(streamed instanceof Error)) assert.equal(streamed.status, 413);
      // Signed out, or another role: refused before the file is written.
      const volco = await signInCookie(srv.url, 'volco@demo.waymark.test');
      assert.equal((await headersOnly(srv.url, { cookie: volco, 'content-length': '1000' })).status, 403);
      assert.equal((await headersOnly(srv.url, { 'content-length': '1000' })).status, 401);
      const malformed = await fetch(`${srv.url}/imports/check`, { method: 'POST', headers: { cookie: s.cookie, 'content-type': 'multipart/form-data; boundary=xyz' },
        body: `--xyz\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n${s.csrf}\r\n--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\n${csv}` });
      assert.ok([400, 422].includes(malformed.status), `a body cut inside a part: ${malformed.status}`);
      assert.equal(Number(sql('SELECT COUNT(*) FROM import_jobs')), Number(jobsBefore) + 1);
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
