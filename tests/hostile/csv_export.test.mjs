// Every CSV Waymark writes is formula-safe: no cell starts with =, +, -, @,
// tab or CR unless a ' is put in front. The exports are the import problem
// report (`waymark import referrals --errors FILE`) and the where-to-recruit
// CSV (/volunteers/recruit.csv); add any new export here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer, runCli } from '../lib/server.mjs';
import { tokenFor } from '../lib/referrals.mjs';

let srv;
before(async () => { srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } }); });
after(async () => { await srv?.stop(); });

// Splits CSV text into rows of cells (RFC 4180 quoting).
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') q = false; else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else if (ch !== '\r' || text[i + 1] !== '\n') cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}
const unsafe = (rows) => rows.flat().filter((c) => /^[=+\-@\t\r]/.test(c));

test('the import problem report neutralises formulas', async () => {
  const csv = path.join(srv.dir, 'formula.csv');
  const errors = path.join(srv.dir, 'errors.csv');
  await writeFile(csv, 'person.given_name,person.family_name,person.date_of_birth,person.postcode,source,reasons,' +
    'consent.referral,consent.data_sharing,person.phone,details\n' +
    '=cmd|\' /C calc\'!A0,+Smith,-1950-01-01,@NR1,=self,-debt,yes,yes,=0160,"=HYPERLINK(""http://evil.example"",""x"")"\n' +
    '"@SUM(1+1)",Jones,1950-01-01,NR1 3SR,self,"=1+1",no,yes,01603 555 0100,\t=1\n');
  await assert.rejects(runCli(['import', 'referrals', '--db', srv.dbPath, '--errors', errors, '--quiet', csv]), /failed \(3\)/);
  const rows = parseCsv(await readFile(errors, 'utf8'));
  assert.ok(rows.length > 3, `problems were reported: ${JSON.stringify(rows)}`);
  assert.deepEqual(unsafe(rows), []);
  assert.ok(rows.some((r) => r.some((c) => c.includes('=self'))), 'the bad value is named in its message');
});

test('the where-to-recruit CSV neutralises formulas', async () => {
  const token = await tokenFor(srv, 'commissioner@demo.waymark.test');
  const res = await fetch(`${srv.url}/volunteers/recruit.csv`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  const rows = parseCsv(await res.text());
  assert.ok(rows.length > 2);
  assert.deepEqual(unsafe(rows), []);
});
