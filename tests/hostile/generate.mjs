#!/usr/bin/env node
// Writes the hostile-input corpus (tests/hostile/cases/*.jsonl) from the route
// table of `waymark routes`: every write route gets malformed bodies, every
// form field and JSON referral field gets hostile values. The cases are
// committed; run this again (node tests/hostile/generate.mjs) after adding
// routes, and review the diff. tests/hostile/hostile.test.mjs replays them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const bin = process.env.WAYMARK_BIN || path.join(root, 'build/waymark');
const routes = JSON.parse(execFileSync(bin, ['routes'], { encoding: 'utf8' }));

// Who acts on a route: the first demo role the route allows, in this order.
const ACTORS = [
  ['hub_coordinator', 'hub'], ['volunteer_coordinator', 'volco'], ['volunteer', 'volunteer'],
  ['administrator', 'admin'], ['referrer', 'gp'], ['link_worker', 'lww'], ['commissioner', 'commissioner'],
  ['programme_lead', 'lead'], ['provider_manager', 'manager'], ['support_worker', 'support'],
];
for (const r of routes) if (r.perm !== 'public' && !actorFor(r)) throw new Error(`no demo actor for ${r.method} ${r.pattern}`);
// Case work is done by the link worker whose organisation holds the case.
function actorFor(r) {
  if (r.perm === 'public') return 'none';
  if (/\/cases\//.test(r.pattern) && r.roles.includes('link_worker')) return 'lww';
  return (ACTORS.find(([role]) => r.roles.includes(role)) || [])[1];
}

// A body is text, or a list of parts (text, {hex}, {repeat, times}) that the
// runner joins, so that megabyte bodies stay a line long in the committed files.
const rep = (repeat, times) => ({ repeat, times });
const hex = (h) => ({ hex: h });
const bytes = (...parts) => parts;
function squeeze(text) {
  const out = [];
  let last = 0;
  for (const m of text.matchAll(/(.)\1{199,}/gs)) {
    out.push(text.slice(last, m.index), rep(m[1], m[0].length));
    last = m.index + m[0].length;
  }
  out.push(text.slice(last));
  return out.filter((x) => x !== '');
}
function bodyOf(b) {
  const parts = [];
  for (const p of typeof b === 'string' ? [b] : b) {
    for (const q of typeof p === 'string' ? squeeze(p) : [p]) {
      if (typeof q === 'string' && typeof parts[parts.length - 1] === 'string') parts[parts.length - 1] += q;
      else parts.push(q);
    }
  }
  if (parts.length === 0) return { body: '' };
  if (parts.length === 1 && typeof parts[0] === 'string') return { body: parts[0] };
  return { body_parts: parts };
}
const jsonParts = (doc) => [JSON.stringify(doc)];

const groups = {};
function add(group, c) {
  (groups[group] ||= []).push(c);
}

// The record a route's {id} names: for a volunteer's own task log, the task
// offered to the demo volunteer; otherwise a record of the route's kind.
const relSlot = (r) => (!r.rel ? '' : /\/my(-|\/)tasks\/\{id\}\/log$/.test(r.pattern) ? '{{my_task}}' : `{{${r.rel}}}`);
// The path of a route with its {id} as a record of its kind, other {names} left for the runner.
const pathOf = (r) => r.pattern.replace('{id}', relSlot(r)).replace(/(?<!\{)\{(\w+)\}(?!\})/g, '{{$1}}');
// Accepting or declining reads no body: on another volunteer's task it is 404 whatever is sent.
const bodyless = (r) => /\/(accept|decline)$/.test(r.pattern);

// ---- values that no field should accept as they are ----
const INVALID_UTF8 = [
  ['lone-continuation', hex('80')], ['byte-ff', hex('ff')], ['overlong-slash', hex('c0af')],
  ['overlong-nul', hex('c080')], ['truncated-3byte', hex('e282')], ['surrogate-cesu', hex('eda080')],
  ['beyond-u10ffff', hex('f4908080')], ['latin1-e-acute', hex('e9')],
];

// ---- 1. JSON write routes: malformed bodies ----
function jsonStructural(r, group) {
  const actor = actorFor(r);
  const p = pathOf(r);
  const json = { 'content-type': 'application/json' };
  const mk = (name, body, expect, headers = json) => add(group, {
    id: `${r.method} ${r.pattern} ${name}`, route: `${r.method} ${r.pattern}`, method: r.method, path: p, as: actor,
    headers, ...bodyOf(body), expect: bodyless(r) && expect.status !== 413 ? { status: '4xx' } : expect,
  });
  const bodyErr = { status: 422, field: 'body' };
  mk('nested 100000 arrays', [rep('[', 100000)], { ...bodyErr, message: 'depth' });
  mk('nested 100000 objects', [rep('{"a":', 100000)], { ...bodyErr, message: 'depth' });
  mk('duplicate keys', '{"a":1,"a":2}', { ...bodyErr, message: 'duplicate' });
  mk('duplicate keys nested', '{"person":{"given_name":"A","given_name":"B"}}', { ...bodyErr, message: 'duplicate' });
  mk('number 1e999999', '{"a":1e999999}', { ...bodyErr, message: 'overflow' });
  mk('integer 40 digits', '{"a":1234567890123456789012345678901234567890}', { ...bodyErr, message: 'too big' });
  mk('top-level array', '[]', { ...bodyErr, message: 'object' });
  mk('top-level string', '"x"', bodyErr);
  mk('top-level null', 'null', bodyErr);
  mk('empty body', '', bodyErr);
  mk('trailing garbage', '{} {}', bodyErr);
  mk('byte order mark', bytes(hex('efbbbf'), '{}'), bodyErr);
  mk('escaped NUL', '{"a":"x\\u0000y"}', { ...bodyErr, message: 'NUL|u0000' });
  mk('raw NUL in string', bytes('{"a":"x', hex('00'), 'y"}'), bodyErr);
  mk('raw NUL after object', bytes('{}', hex('00')), bodyErr);
  mk('lone surrogate escape', '{"a":"\\ud800"}', bodyErr);
  mk('control character in string', bytes('{"a":"x', hex('07'), '"}'), bodyErr);
  for (const [n, b] of INVALID_UTF8.slice(0, 5)) mk(`invalid UTF-8 ${n}`, bytes('{"a":"x', b, '"}'), { ...bodyErr, message: 'decode|UTF-8|byte' });
  mk('invalid UTF-8 in key', bytes('{"', hex('ff'), '":1}'), bodyErr);
  mk('single quotes', "{'a':1}", bodyErr);
  mk('comment', '{/* x */}', bodyErr);
  mk('NaN', '{"a":NaN}', bodyErr);
  mk('text/plain', '{}', { status: 415 }, { 'content-type': 'text/plain' });
  // (a signed-out form post to the API needs a form token first: 403)
  mk('form content type', 'a=1', { status: '4xx' }, { 'content-type': 'application/x-www-form-urlencoded' });
  mk('no content type', '{}', { status: 415 }, {});
  mk('content type with injected header', '{}', { status: 415 }, { 'content-type': 'text/json; x=application/json' });
  mk('body over the limit', [rep(' ', 1048577 + 10)], { status: 413 });
  // A body declared larger than the limit is refused from its headers alone.
  add(group, {
    id: `${r.method} ${r.pattern} declared 10 GB`, route: `${r.method} ${r.pattern}`, method: r.method, path: p,
    as: actor, headers: { ...json, 'content-length': '10737418240' }, body: '', expect: { status: 413 }, raw_length: true,
  });
}

// ---- 2. route ids that are not ids ----
const BAD_IDS = ['0', '-1', '99999999', '0x10', '..%2f1', '1%00', '1%3BDROP%20TABLE%20tasks', '%ff',
  '99999999999999999999', '1%20OR%201=1'];
function badIds(r, group) {
  const actor = actorFor(r);
  const json = r.pattern.startsWith('/api/') && r.method !== 'GET' ? { 'content-type': 'application/json' } : {};
  for (const id of BAD_IDS) {
    add(group, {
      id: `${r.method} ${r.pattern} id ${id}`, route: `${r.method} ${r.pattern}`, method: r.method,
      path: pathOf({ ...r, pattern: r.pattern.replace('{id}', id) }), as: actor, headers: json, ...bodyOf(json['content-type'] ? '{}' : ''),
      expect: { status: '4xx' },
    });
  }
}

// ---- 3. the JSON referral: hostile values field by field ----
const TEXT_FIELDS = { 'person.given_name': 100, 'person.family_name': 100, 'person.address': 300, details: 4000,
  'discharge.hospital': 200, 'referrer.name': 200, 'referrer.organisation': 200 };
const SHAPED_FIELDS = ['person.nhs_number', 'person.postcode', 'person.phone', 'person.email', 'person.date_of_birth',
  'person.gender', 'person.practice', 'source', 'urgency', 'discharge.expected_date', 'received_at'];
const goodReferral = () => ({
  person: { given_name: 'Hostile', family_name: 'Case', date_of_birth: '1950-06-15', postcode: 'NR32 1AA',
    phone: '01502 555 0199' },
  source: 'self', reasons: ['loneliness'], consent: { referral: true, data_sharing: true },
});
function setPath(o, p, v) {
  const [a, b] = p.split('.');
  if (b) { o[a] = o[a] || {}; o[a][b] = v; } else o[a] = v;
  return o;
}
const SQL = ["Robert'); DROP TABLE referrals;--", "' OR '1'='1", '1; DELETE FROM people', '"; SELECT pg_sleep(5);--',
  "x' UNION SELECT password_hash FROM users--"];
const HTML = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "javascript:alert('x')",
  '</textarea><svg onload=alert(1)>', '{{7*7}}${7*7}'];
const CSV = ['=HYPERLINK("http://evil.example","x")', '+cmd|\'/C calc\'!A0', '-2+3', '@SUM(1+1)*cmd|', '\t=1+1'];
const TRAVERSAL = ['../../../../etc/passwd', '..\\..\\windows\\win.ini', '/etc/shadow', '%2e%2e%2f%2e%2e%2f'];

function referralCases() {
  const g = 'api-referral-fields';
  const hub = 'hub';
  const mk = (name, doc, expect) => add(g, {
    id: `POST /api/v1/referrals ${name}`, route: 'POST /api/v1/referrals', method: 'POST', path: '/api/v1/referrals',
    as: hub, headers: { 'content-type': 'application/json' }, ...bodyOf(Array.isArray(doc) ? doc : jsonParts(doc)), expect,
  });
  for (const [f, max] of Object.entries(TEXT_FIELDS)) {
    mk(`${f} one over ${max}`, setPath(goodReferral(), f, 'x'.repeat(max + 1)), { status: 422, field: f });
    mk(`${f} 1 MB`, setPath(goodReferral(), f, 'y'.repeat(1000000)), { status: '4xx' });
    mk(`${f} number`, setPath(goodReferral(), f, 12345), { status: 422, field: f });
    mk(`${f} huge number`, setPath(goodReferral(), f, 1e308), { status: 422, field: f });
    mk(`${f} array`, setPath(goodReferral(), f, ['a']), { status: 422, field: f });
    mk(`${f} object`, setPath(goodReferral(), f, { a: 1 }), { status: 422, field: f });
    mk(`${f} true`, setPath(goodReferral(), f, true), { status: 422, field: f });
    mk(`${f} escape character`, setPath(goodReferral(), f, 'a\u001b[31mred'), { status: 422, field: f });
    mk(`${f} bidi override`, setPath(goodReferral(), f, 'a\u202egnp.exe'), { status: '4xx' });
    // Metacharacters alone are fine text; here the consent is missing, so
    // the referral is refused and nothing is stored.
    for (const v of [...SQL, ...HTML, ...CSV, ...TRAVERSAL]) {
      const doc = setPath(goodReferral(), f, v);
      doc.consent.referral = false;
      mk(`${f} ${v} without consent`, doc, { status: 422, field: 'consent.referral', no_echo: v.includes('<') ? v : undefined });
    }
    for (const [n, b] of INVALID_UTF8) {
      const json = JSON.stringify(setPath(goodReferral(), f, 'MARK'));
      const [pre, post] = json.split('MARK');
      mk(`${f} invalid UTF-8 ${n}`, bytes(pre, 'a', b, 'z', post), { status: 422, field: 'body' });
    }
  }
  const shaped = {
    'person.nhs_number': ['943 476 5918', '94347659190', "9434765919' OR 1=1", '=9434765919', '０９４３４７６５９１９'],
    'person.postcode': ['NR32 1AA; DROP TABLE people', 'ZZ99 9ZZ', '<b>NR1</b>', 'N'.repeat(5000), '=NR1 3SR'],
    'person.phone': ['+44 (0) 1603 <script>', '0'.repeat(100), '=1+1', "01603'--", '999'],
    'person.email': ['a@b', 'x@y.z\r\nBcc: evil@example.com', '<a@b.c>', `${'a'.repeat(300)}@example.com`],
    'person.date_of_birth': ['1950-02-30', '2999-01-01', '1950-06-15T00:00:00Z', '0000-00-00', '-1950-06-15', '1950-6-15; DROP'],
    'person.gender': ['<script>', 'male OR 1=1', '../etc'],
    'person.practice': ["SPBRK01' --", '<i>x</i>', 'NOPE999'],
    source: ['gp_practice; DROP', 'gp practice', ''],
    urgency: ['high\u0001', 'x'.repeat(1000), '=urgent'],
    'discharge.expected_date': ['tomorrow', '2026-13-01', '99999-01-01'],
    received_at: ['yesterday', '2026-01-01T25:00:00Z', '1e10'],
  };
  for (const f of SHAPED_FIELDS) {
    for (const v of shaped[f]) {
      const doc = setPath(goodReferral(), f, v);
      // Only the hub may give received_at; a bad one must still be named.
      mk(`${f} ${JSON.stringify(v).slice(0, 60)}`, doc, { status: 422, field: f });
    }
  }
  // reasons: wrong types, unknown codes, too many, metacharacters
  for (const [n, v] of [['string', 'loneliness'], ['number', 7], ['object', { a: 1 }], ['list of numbers', [1, 2]],
    ['unknown code', ["'; DROP TABLE referral_reasons;--"]], ['html code', ['<script>']], ['200 codes', Array(200).fill('debt')],
    ['empty list', []], ['nested list', [['debt']]]]) {
    mk(`reasons ${n}`, { ...goodReferral(), reasons: v }, { status: 422, field: 'reasons' });
  }
  for (const [n, v] of [['string "yes please"', 'yes please'], ['number 1', 1], ['list', [true]], ['object', {}]]) {
    mk(`consent.referral ${n}`, setPath(goodReferral(), 'consent.referral', v), { status: 422, field: 'consent.referral' });
  }
  // unknown and odd keys
  mk('unknown top-level key', { ...goodReferral(), 'id': 5 }, { status: 422, field: 'id' });
  mk('unknown key with SQL', { ...goodReferral(), "x'); DROP TABLE people;--": 1 }, { status: 422, field: "x'); DROP TABLE people;--" });
  mk('unknown nested key', setPath(goodReferral(), 'person.is_admin', true), { status: 422, field: 'person.is_admin' });
  mk('group as string', { ...goodReferral(), person: 'Alice' }, { status: 422, field: 'person' });
  mk('group as list', { ...goodReferral(), consent: [true, true] }, { status: 422, field: 'consent' });
  mk('status given', { ...goodReferral(), status: 'closed' }, { status: 422, field: 'status' });
  // A long key of two-byte characters is cut in the error's field; the error must still be listed.
  const longKey = `x${'é'.repeat(60)}`;
  mk('unknown key 121 bytes of two-byte characters', { ...goodReferral(), [longKey]: 1 }, { status: 422, field_prefix: 'xéé', count_matches: true });
  mk('unknown nested key of two-byte characters', setPath(goodReferral(), `person.${'ü'.repeat(40)}`, 1), { status: 422, field_prefix: 'person.üü', count_matches: true });
  mk('100 unknown keys', Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i])), { status: 422, count_matches: true });
  const [head, tail] = JSON.stringify({ ...goodReferral(), reasons: ['MARK'] }).split('"MARK"');
  mk('100000 reasons', [head, rep('"debt",', 99999), '"debt"', tail], { status: 422, field: 'reasons' });
}

// ---- 4. forms (url-encoded), field by field ----
// The fields each form reads (from its handler); hostile values go into each.
const FORM_FIELDS = {
  'POST /login': ['email', 'password'],
  'POST /referrals': ['person.given_name', 'person.family_name', 'person.postcode', 'person.nhs_number', 'person.email',
    'person.date_of_birth.day', 'details', 'reasons', 'source'],
  'POST /self-referral': ['person.given_name', 'person.family_name', 'person.postcode', 'person.phone', 'details',
    'person.date_of_birth.year', 'reasons'],
  'POST /admin/users': ['name', 'email', 'role', 'org'],
  'POST /triage/{id}': ['tier', 'override_reason', 'rejection_reason', 'information'],
  'POST /triage/{id}/contacts': ['at', 'mode', 'outcome', 'note'],
  'POST /triage/{id}/allocation': ['worker_id', 'reason'],
  'POST /triage-rules': ['rules'],
  'POST /volunteers': ['given_name', 'family_name', 'postcode', 'days_off', 'dbs_level'],
  'POST /volunteers/{id}': ['given_name', 'postcode', 'days_off'],
  'POST /volunteers/match': ['offer', 'confirm'],
  'POST /my-tasks/{id}/log': ['outcome', 'hours', 'note'],
  // Case forms: fields that are never enough alone, so every case is refused.
  'POST /cases/{id}/session': ['notes', 'next_step', 'at', 'mode', 'duration_minutes'],
  'POST /cases/{id}/measure': ['instrument', 'phase', 'answer_1'],
  'POST /cases/{id}/assessment': ['strengths', 'need_money', 'need_money_note'],
  'POST /cases/{id}/goal': ['domain', 'progress'],
  'POST /cases/{id}/goal-progress': ['goal_id', 'progress', 'status', 'note'],
  'POST /cases/{id}/onward': ['domain', 'note', 'service_id'],
  'POST /cases/{id}/onward-status': ['onward_id', 'status', 'note'],
  'POST /cases/{id}/unmet-need': ['domain', 'area', 'note'],
  'POST /cases/{id}/safeguarding': ['concern', 'action', 'escalated_to', 'category', 'raised_at'],
  'POST /cases/{id}/consent': ['third_party', 'given_at'],
  'POST /cases/{id}/case-study': ['story', 'unexpected_outcomes', 'consent'],
  'POST /cases/{id}/close': ['reason', 'continuing_support', 'note'],
};
const enc = (s) => encodeURIComponent(s);
const FORM_VALUES = [
  ['SQL', enc(SQL[0])], ['SQL tautology', enc(SQL[1])], ['script', enc(HTML[0])], ['attribute break', enc(HTML[1])],
  ['textarea break', enc(HTML[3])], ['formula', enc(CSV[0])], ['traversal', enc(TRAVERSAL[0])],
  ['encoded NUL', 'a%00b'], ['invalid UTF-8 %ff', 'a%ffb'], ['overlong UTF-8', '%c0%af'], ['bad escape %zz', '%zz'],
  ['truncated escape', 'abc%4'], ['CRLF', 'a%0d%0aSet-Cookie:%20x=1'], ['100 KB', 'z'.repeat(100000)],
];
// Forms that need a form token from their page, and forms the runner signs in for.
const SIGNED_OUT_FORMS = { 'POST /login': '/login', 'POST /self-referral': '/self-referral' };
function formCases(r) {
  const key = `${r.method} ${r.pattern}`;
  const fields = FORM_FIELDS[key];
  const actor = actorFor(r);
  const p = pathOf(r);
  const g = 'forms';
  const base = SIGNED_OUT_FORMS[key] ? `csrf_token={{form_token}}&form_started={{form_started}}` : 'csrf_token={{csrf}}';
  const mk = (name, body, expect, headers = { 'content-type': 'application/x-www-form-urlencoded' }) => add(g, {
    id: `${key} ${name}`, route: key, method: r.method, path: p, as: actor === 'none' ? 'none' : `${actor}:session`,
    form_page: SIGNED_OUT_FORMS[key], headers, ...bodyOf(body), expect,
  });
  // Without the form's token nothing is looked at.
  mk('no CSRF token', fields ? `${fields[0]}=x` : 'a=1', { status: 403 });
  mk('forged CSRF token', `csrf_token=${'0'.repeat(64)}`, { status: 403 });
  mk('CSRF token with CRLF', 'csrf_token=a%0d%0aX:%20y', { status: 403 });
  if (!fields) return;
  // A login that fails names the problem; use an account that does not exist.
  const prefix = key === 'POST /login' ? 'email=nobody%40hostile.test&password=wrong-password-1&' : '';
  for (const [i, f] of fields.entries()) {
    for (const [n, v] of i < 3 ? FORM_VALUES : FORM_VALUES.filter(([n]) => /script|NUL|%ff|100 KB/.test(n))) {
      const body = `${base}&${prefix}${enc(f)}=${v}`;
      mk(`${f} ${n}`, body, { status: '4xx', page: true, no_echo: n === 'script' || n === 'attribute break' || n === 'textarea break' ? decodeURIComponent(v) : undefined });
    }
  }
  mk('10000 fields', [`${base}&`, rep(`${enc(fields[0])}=1&`, 10000)], { status: '4xx', page: true });
  mk('field name with NUL', `${base}&a%00b=1`, { status: '4xx', page: true });
  mk('field name script', `${base}&%3Cscript%3E=1`, { status: '4xx', page: true });
  mk('no equals signs', `${base}&&&&&&`, { status: '4xx', page: true });
  mk('raw invalid UTF-8 bytes', bytes(`${base}&${enc(fields[0])}=`, hex('ff fe c0 af'.replace(/ /g, ''))), { status: '4xx', page: true });
  mk('raw NUL byte', bytes(`${base}&${enc(fields[0])}=a`, hex('00'), 'b'), { status: '4xx', page: true });
  mk('JSON body to a form', '{"a":1}', { status: '4xx' }, { 'content-type': 'application/json' });
  mk('multipart body', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n', { status: '4xx' },
    { 'content-type': 'multipart/form-data; boundary=x' });
}

// ---- 5. the request line, headers, query strings, static files ----
function protocolCases() {
  const g = 'protocol';
  const mk = (name, c) => add(g, { id: name, route: c.route || 'any', as: 'none', headers: {}, body: '', ...c });
  // Odd bytes in header values the server reads: the credentials and the body's type.
  // (libmicrohttpd 0.9.75 cuts a header value at a NUL and lets bare CR
  // through; what the server then reads is checked as any value is. The
  // referral lacks its consent, so even a header read in full stores nothing.)
  const ref = { method: 'POST', path: '/api/v1/referrals', route: 'POST /api/v1/referrals',
    body: JSON.stringify({ ...goodReferral(), consent: { referral: false, data_sharing: true } }) };
  mk('authorization with bare CR', { ...ref, headers: { authorization: 'Bearer wm_x\rSet-Cookie: a=b', 'content-type': 'application/json' }, expect: { status: '4xx' } });
  mk('authorization with NUL', { ...ref, headers: { authorization: 'Bearer wm_\u0000x', 'content-type': 'application/json' }, expect: { status: '4xx' } });
  mk('authorization of invalid UTF-8', { ...ref, headers: { authorization: 'Bearer \u00ff\u00c0\u00af', 'content-type': 'application/json' }, expect: { status: '4xx' } });
  mk('content type with NUL', { ...ref, as: 'hub', headers: { 'content-type': 'application/json\u0000' }, expect: { status: 422, field: 'consent.referral' } });
  mk('content type with bare CR', { ...ref, as: 'hub', headers: { 'content-type': 'text/plain\rapplication/json' }, expect: { status: 415 } });
  mk('CSRF header with CR and a session cookie of junk', { ...ref, headers: { cookie: 'wm_session=x\ry', 'x-csrf-token': 'a\rb', 'content-type': 'application/json' }, expect: { status: '4xx' } });
  mk('header name with space', { ...ref, headers: { 'x a': 'b', 'content-type': 'application/json' }, expect: { status: '4xx' } });
  mk('header over 8 KiB', { method: 'GET', path: '/healthz', headers: { 'x-a': 'a'.repeat(9000) }, expect: { status: 431 } });
  mk('header of 60 KiB', { method: 'GET', path: '/healthz', headers: { 'x-a': 'a'.repeat(60000) }, expect: { status: '4xx', protocol: true } });
  mk('100 headers', { method: 'GET', path: '/healthz', headers: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`x-h${i}`, 'v'])), expect: { status: 431 } });
  mk('request line with NUL', { method: 'GET', path: '/health\u0000z', expect: { status: '4xx', protocol: true } });
  mk('path with space', { method: 'GET', path: '/a b', expect: { status: '4xx', protocol: true } });
  mk('unknown method', { method: 'BREW', path: '/healthz', expect: { status: '4xx' } });
  mk('TRACE', { method: 'TRACE', path: '/healthz', expect: { status: '4xx' } });
  mk('absolute-form URL elsewhere', { method: 'GET', path: 'http://evil.example/api/v1/referrals', expect: { status: '4xx' } });
  mk('content-length and chunked both', { method: 'POST', path: '/api/v1/session', headers: { 'content-type': 'application/json', 'content-length': '2', 'transfer-encoding': 'chunked' }, body: '0\r\n\r\n', raw_length: true, expect: { status: '4xx', protocol: true } });
  mk('negative content-length', { method: 'POST', path: '/api/v1/session', headers: { 'content-type': 'application/json', 'content-length': '-1' }, body: '', raw_length: true, expect: { status: '4xx', protocol: true } });
  mk('content-length not a number', { method: 'POST', path: '/api/v1/session', headers: { 'content-type': 'application/json', 'content-length': '1x' }, body: '', raw_length: true, expect: { status: '4xx', protocol: true } });
  mk('chunk size overflow', { method: 'POST', path: '/api/v1/session', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, body: 'ffffffffffffffffff\r\n{}\r\n0\r\n\r\n', raw_length: true, expect: { status: '4xx', protocol: true } });
  mk('chunked body past the limit', { method: 'POST', path: '/api/v1/session', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, chunked_bytes: 1100000, expect: { status: 413 } });
  // Paths: traversal and odd bytes, on static files and on the router.
  for (const p of ['/static/../../../etc/passwd', '/static/..%2f..%2fetc%2fpasswd', '/static/%2e%2e/%2e%2e/etc/passwd',
    '/static/.git/config', '/static/.env', '/static/assets/%00.css', '/static/assets/..\\..\\w.db', '/static//etc/passwd',
    '/static/assets/%ff.css', '/static/' + 'a/'.repeat(600), '/static/assets/images/../../../../../../proc/self/environ',
    '/api/v1/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/api/v1/referrals/..%2f..%2fsession',
    '/api/v1/vocabularies/..%2f..%2fsettings', '/api/v1/vocabularies/%3Cscript%3E', '/api/v1/vocabularies/genders%00',
    '/api/v1/vocabularies/' + 'x'.repeat(5000), '/%ff%fe', '/audit/people/1%27%20OR%201=1', '//evil.example/',
    '/login/..;/admin/users', '/ADMIN/USERS', '/admin/users/']) {
    mk(`path ${p.slice(0, 80)}`, { method: 'GET', path: p, route: 'paths', as: p.startsWith('/audit') ? 'admin' : 'none', expect: { status: '4xx' } });
  }
  // Query strings on the list endpoints: each bad parameter is named.
  const q = [['/api/v1/referrals', 'limit', ['-1', '0', '1e99', '201', '99999999999999999999', "1' OR '1'='1", '%00', '%ff', '<script>']],
    ['/api/v1/referrals', 'cursor', ['-5', 'abc', '1;DROP', '%ff', '9'.repeat(40)]],
    ['/api/v1/referrals', 'status', ["received' OR 1=1--", '<script>', '%00', 'x'.repeat(5000)]],
    ['/api/v1/referrals', 'source', ["self'--", '%ff']],
    ['/api/v1/triage/queue', 'limit', ['-1', '0', 'abc', '501', '%00']],
    ['/api/v1/tasks', 'limit', ['-1', 'abc', '100000']],
    ['/api/v1/volunteers', 'limit', ['-1', 'abc']]];
  for (const [p, name, values] of q) {
    for (const v of values) {
      mk(`GET ${p}?${name}=${v.slice(0, 40)}`, { method: 'GET', path: `${p}?${name}=${v}`, route: `GET ${p}`, as: p.includes('tasks') || p.includes('volunteers') ? 'volco' : 'hub', expect: { status: 422, field: name } });
    }
  }
  // Credentials that are not credentials.
  for (const [n, h] of [['bearer garbage', { authorization: 'Bearer wm_' + 'A'.repeat(40) }], ['bearer with CRLF encoded', { authorization: 'Bearer wm_%0d%0a' }],
    ['bearer 8 KiB', { authorization: 'Bearer wm_' + 'b'.repeat(8000) }], ['basic auth', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ['bearer SQL', { authorization: "Bearer wm_' OR '1'='1" }], ['bearer invalid UTF-8', { authorization: 'Bearer wm_\u00ff\u00fe' }]]) {
    mk(`POST /api/v1/referrals ${n}`, { method: 'POST', path: '/api/v1/referrals', route: 'POST /api/v1/referrals', headers: { ...h, 'content-type': 'application/json' }, body: JSON.stringify(goodReferral()), expect: { status: 401 } });
  }
  for (const [n, c] of [['cookie garbage', 'wm_session=garbage'], ['cookie SQL', "wm_session=' OR 1=1--"], ['cookie invalid UTF-8', 'wm_session=\u00ff\u00fe'],
    ['cookie 100 pairs', Array.from({ length: 100 }, (_, i) => `c${i}=${i}`).join('; ')], ['cookie unterminated quote', 'wm_session="abc']]) {
    mk(`POST /api/v1/referrals ${n}`, { method: 'POST', path: '/api/v1/referrals', route: 'POST /api/v1/referrals', headers: { cookie: c, 'content-type': 'application/json', 'x-csrf-token': 'x' }, body: JSON.stringify(goodReferral()), expect: { status: '4xx' } });
  }
  // Sign-in over JSON with hostile credentials.
  for (const [n, b] of [['email SQL', { email: "' OR 1=1--", password: 'x' }], ['email 100 KB', { email: 'a'.repeat(100000), password: 'x' }],
    ['password 1 MB', { email: 'nobody@hostile.test', password: 'p'.repeat(1000000) }], ['email number', { email: 5, password: 'x' }],
    ['password list', { email: 'nobody@hostile.test', password: ['x'] }], ['email with CRLF', { email: 'a@b.c\r\nX: y', password: 'x' }],
    ['no password', { email: 'nobody@hostile.test' }], ['extra admin flag', { email: 'nobody@hostile.test', password: 'x', role: 'administrator' }]]) {
    mk(`POST /api/v1/session ${n}`, { method: 'POST', path: '/api/v1/session', route: 'POST /api/v1/session', headers: { 'content-type': 'application/json' }, ...bodyOf(JSON.stringify(b)), expect: { status: '4xx' } });
  }
}

// ---- build ----
for (const r of routes) {
  const key = `${r.method} ${r.pattern}`;
  const isForm = !r.pattern.startsWith('/api/');
  if (r.method === 'GET') {
    if (r.rel) badIds(r, 'ids');
    continue;
  }
  if (r.method === 'DELETE') {
    add('protocol', { id: `${key} with a hostile body and no session`, route: key, method: r.method, path: r.pattern,
      as: 'none', headers: { 'content-type': 'application/json' }, body: '{"a":"\\u0000"}', expect: { status: 401 } });
    continue;
  }
  if (isForm) {
    formCases(r);
    if (r.rel) badIds({ ...r }, 'ids');
  } else {
    jsonStructural(r, 'api-structure');
    if (r.rel) badIds(r, 'ids');
  }
}
referralCases();
protocolCases();

const outDir = path.join(here, 'cases');
mkdirSync(outDir, { recursive: true });
let total = 0;
const seen = new Set();
for (const [g, cases] of Object.entries(groups)) {
  for (const c of cases) {
    if (seen.has(c.id)) throw new Error(`two cases named ${c.id}`);
    seen.add(c.id);
  }
  writeFileSync(path.join(outDir, `${g}.jsonl`), cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
  total += cases.length;
  console.log(`${g}: ${cases.length}`);
}
console.log(`total: ${total}`);
