// Golden renderings: a handful of pages, fetched over real HTTP from a demo
// database, compared byte for byte (after the parts that change with the
// clock and the session are replaced by placeholders) with tests/golden/*.html.
// A change to a page's markup shows up here as a diff to review; after
// checking it, refresh the files with UPDATE_GOLDEN=1.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer, repoRoot } from '../lib/server.mjs';

const dir = path.join(repoRoot, 'tests', 'golden');
let srv;
before(async () => { srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } }); });
after(async () => { await srv?.stop(); });

async function signIn(email) {
  const res = await fetch(`${srv.url}/api/v1/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'demo-password-1' }),
  });
  assert.equal(res.status, 201, `sign in as ${email}`);
  return (res.headers.get('set-cookie') || '').split(';')[0];
}

const months = 'Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December';

/** What changes with the clock, the session or the build, as placeholders. */
export function normalise(html) {
  return html
    .replace(/(name="(?:csrf_token|form_token|stamp)"[^>]*value=")[^"]*"/g, '$1{token}"')
    .replace(/(value=")[0-9a-f]{32,}(")/g, '$1{token}$2')
    .replace(/\b1\d{9}\b/g, '{ts}')
    .replace(/\b[0-9a-f]{16,}\b/g, '{hex}')
    .replace(/\b\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?Z?)?/g, '{date}')
    .replace(new RegExp(`\\b\\d{1,2} (${months}) \\d{4}\\b`, 'g'), '{date}')
    .replace(/\b\d{1,2}:\d{2}(:\d{2})?\b/g, '{time}')
    .replace(/\bage \d+/g, 'age {n}')
    .replace(/\b\d+ (minutes?|hours?|days?|weeks?|months?) (ago|left|overdue|late)\b/g, '{n} $1 $2')
    .replace(/\b\d+ h \d+ min\b/g, '{duration}')
    .replace(/\b\d+h \d+m\b/g, '{duration}')
    .replace(/[-+]?\d+(\.\d+)? ?(h|min|hours?) (left|late|overdue)/g, '{duration} $3');
}

const pages = [
  { name: 'login', path: '/login' },
  { name: 'not-found', path: '/no/such/page' },
  { name: 'self-referral', path: '/self-referral' },
  { name: 'referral-form', path: '/referrals/new', as: 'gp@demo.waymark.test' },
  { name: 'directory', path: '/directory', as: 'hub@demo.waymark.test' },
];

for (const p of pages) {
  test(`golden page: ${p.name} (${p.path})`, async () => {
    const headers = { accept: 'text/html' };
    if (p.as) headers.cookie = await signIn(p.as);
    const res = await fetch(`${srv.url}${p.path}`, { headers });
    const got = normalise(await res.text());
    const file = path.join(dir, `${p.name}.html`);
    if (process.env.UPDATE_GOLDEN) {
      await writeFile(file, got);
      return;
    }
    const want = await readFile(file, 'utf8').catch(() => null);
    assert.ok(want !== null, `no ${file}: run with UPDATE_GOLDEN=1 to make it`);
    assert.equal(got, want, `${p.path} differs from ${file} (review, then UPDATE_GOLDEN=1)`);
  });
}
