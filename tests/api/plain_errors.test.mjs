// Every form a user can be shown, walked through the pages (not the API): each
// form on each page is sent empty and then with nonsense in every field, and
// every error message the page answers with (the error summary and the
// messages by the fields) must be plain English: no underscore_joined code
// word such as "unable_to_contact", no "(true or false)", no "YYYY-MM-DD".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../lib/server.mjs';
import { tokenFor } from '../lib/referrals.mjs';
import { sqlRows } from '../lib/dbcheck.mjs';

let srv;
const tokens = {};
before(async () => {
  srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } });
  for (const who of ['hub', 'gp', 'lww', 'support', 'volco', 'volunteer', 'admin', 'lead', 'manager']) {
    tokens[who] = await tokenFor(srv, `${who}@demo.waymark.test`);
  }
});
after(async () => { await srv?.stop(); });

const one = (q) => sqlRows(srv.dbPath, q)[0]?.[0];

const decode = (s) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
  .replace(/&amp;/g, '&');

// The post forms of a page: action and the names of their fields.
function formsOf(html) {
  const forms = [];
  for (const m of html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)) {
    if (!/method="post"/.test(m[1])) continue;
    const action = decode(m[1].match(/action="([^"]*)"/)[1]);
    const names = new Set();
    for (const f of m[2].matchAll(/<(?:input|select|textarea)[^>]*name="([^"]+)"/g)) names.add(decode(f[1]));
    const hidden = {};
    for (const f of m[2].matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) hidden[decode(f[1])] = decode(f[2]);
    forms.push({ action, names: [...names], hidden });
  }
  return forms;
}

function messagesOf(html) {
  const out = [];
  const summary = html.match(/<div class="nhsuk-error-summary"[\s\S]*?<\/ul>/);
  if (summary) for (const a of summary[0].matchAll(/<a [^>]*>([^<]*)<\/a>/g)) out.push(decode(a[1]));
  for (const m of html.matchAll(/<span class="nhsuk-error-message"[^>]*>[\s\S]*?<\/span>\s*([^<]*)<\/span>/g)) out.push(decode(m[1]).trim());
  return out.filter(Boolean);
}

const CODE_WORD = /\b[a-z]+_[a-z0-9_]+\b|\(true or false\)|YYYY-MM-DD/;

async function walk(who, path, shown) {
  const auth = who ? { authorization: `Bearer ${tokens[who]}` } : {};
  const res = await fetch(srv.url + path, { headers: { ...auth, accept: 'text/html' } });
  const html = await res.text();
  assert.equal(res.status, 200, `${who} GET ${path}: ${res.status}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  let forms = 0;
  for (const f of formsOf(html)) {
    if (f.action === '/logout') continue;
    forms++;
    for (const fill of ['', 'zzz nonsense']) {
      const body = new URLSearchParams();
      for (const n of f.names) body.append(n, n in f.hidden ? f.hidden[n] : fill);
      const headers = { ...auth, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' };
      if (!who && cookie) headers.cookie = cookie;
      const r = await fetch(srv.url + f.action, { method: 'POST', headers, body: body.toString(), redirect: 'manual' });
      const text = await r.text();
      assert.ok(r.status < 500, `${who} POST ${f.action}: ${r.status}`);
      for (const m of messagesOf(text)) shown.push({ where: `${who || 'public'} ${f.action} (${fill ? 'nonsense' : 'empty'})`, m });
    }
  }
  return forms;
}

test('no form error message a user can be shown holds an internal code word', async () => {
  const caseId = one("SELECT c.id FROM cases c JOIN workers w ON w.id = c.worker_id JOIN users u ON u.id = w.user_id WHERE u.email = 'lww@demo.waymark.test' AND c.status = 'open' ORDER BY c.id LIMIT 1");
  const received = one("SELECT id FROM referrals WHERE status = 'received' ORDER BY id LIMIT 1");
  const allocated = one("SELECT referral_id FROM cases WHERE status = 'open' ORDER BY id LIMIT 1");
  const gpReferral = one("SELECT r.id FROM referrals r JOIN users u ON u.id = r.referrer_user_id WHERE u.email = 'gp@demo.waymark.test' AND r.status = 'received' LIMIT 1");
  const homeCheck = one("SELECT referral_id FROM tasks WHERE type = 'home_check' LIMIT 1");
  const volunteerId = one('SELECT id FROM volunteers ORDER BY id LIMIT 1');
  const offered = one("SELECT id FROM tasks WHERE status = 'offered' LIMIT 1");
  assert.ok(caseId && received && allocated && gpReferral && homeCheck && volunteerId && offered);
  const pages = [
    [null, '/login'], [null, '/forgot-password'], [null, '/self-referral'],
    ['gp', '/referrals/new'], ['gp', `/referrals/${gpReferral}/withdraw`],
    ['hub', `/triage/${received}`], ['hub', `/triage/${allocated}`],
    ['support', `/discharge/referrals/${homeCheck}/home-check`],
    ['volco', '/volunteers/new'], ['volco', `/volunteers/${volunteerId}`],
    ['admin', '/admin/users/new'], ['admin', '/account/password'], ['lead', '/triage-rules'],
    ['hub', '/directory/services/new'],
    ['volunteer', `/my-tasks/${offered}`],
  ];
  for (const slug of ['session', 'measure', 'assessment', 'goal', 'onward', 'unmet-need', 'safeguarding', 'consent',
    'case-study', 'close']) pages.push(['lww', `/cases/${caseId}/${slug}`]);
  const shown = [];
  let forms = 0;
  for (const [who, path] of pages) forms += await walk(who, path, shown);
  // The KPI's form is a GET: a date that does not exist.
  const kpi = await (await fetch(`${srv.url}/kpi/follow-up?from.day=30&from.month=2&from.year=2026&to=zzz`,
    { headers: { authorization: `Bearer ${tokens.hub}`, accept: 'text/html' } })).text();
  for (const m of messagesOf(kpi)) shown.push({ where: 'hub /kpi/follow-up', m });
  assert.ok(forms >= 25, `walked ${forms} forms`);
  assert.ok(shown.length >= 60, `saw ${shown.length} messages`);
  const coded = shown.filter(({ m }) => CODE_WORD.test(m)).map(({ where, m }) => `${where}: ${m}`);
  assert.deepEqual([...new Set(coded)], []);
});
