// Every page each demo role can reach from its navigation (and the pages
// linked from those) fits a 390 px and a 320 px phone without sideways
// scrolling and is axe clean; each role's home and main page is kept as a
// screenshot at 1280 and 390 px in build/screenshots/ for docs/USER-GUIDE.md.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startServer, repoRoot } from '../lib/server.mjs';
import { launchBrowser, checkAxe, formatViolations } from '../lib/browser.mjs';

let server;
let browser;
const SHOTS = path.join(repoRoot, 'build', 'screenshots');

// One account per kind of user in the demo data (two referrers: a GP
// practice and a discharge team see different forms).
// The third column is the role's main page, screenshot for docs/USER-GUIDE.md
// (when the role's navigation lacks it, its first link after Home).
export const ROLES = [
  ['hub', 'hub@demo.waymark.test', '/triage'],
  ['lead', 'lead@demo.waymark.test', '/triage-rules'],
  ['admin', 'admin@demo.waymark.test', '/admin/users'],
  ['gp', 'gp@demo.waymark.test', '/referrals/new'],
  ['discharge', 'discharge@demo.waymark.test', '/referrals'],
  ['link-worker', 'lww@demo.waymark.test', '/caseload'],
  ['support-worker', 'support@demo.waymark.test', '/discharge'],
  ['volunteer-coordinator', 'volco@demo.waymark.test', '/volunteers'],
  ['volunteer', 'volunteer@demo.waymark.test', '/my-tasks'],
  ['manager', 'manager@demo.waymark.test', '/caseload'],
  ['commissioner', 'commissioner@demo.waymark.test', '/kpi/follow-up'],
];

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(page, email) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill('demo-password-1');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname !== '/login');
}

/**
 * What sticks out of the viewport: the document's own sideways scroll, any
 * element whose visible part (clipped by its overflow-hiding ancestors)
 * reaches past either edge, and any box that scrolls sideways itself.
 */
async function overflow(page) {
  return page.evaluate(() => {
    const W = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > W) out.push(`document scrolls to ${document.documentElement.scrollWidth} px`);
    const name = (el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}` +
      `${typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`;
    // Walks the tree once, carrying the horizontal span the ancestors let show.
    const walk = (el, lo, hi) => {
      const s = getComputedStyle(el);
      if (s.display === 'none') return;
      const r = el.getBoundingClientRect();
      const left = Math.max(lo, r.left);
      const right = Math.min(hi, r.right);
      if (r.width > 0 && r.height > 0 && right - left > 1) {
        if (right > W + 0.5 || left < -0.5) out.push(`${name(el)} spans ${Math.round(left)}..${Math.round(right)} px: ${(el.innerText || '').slice(0, 60)}`);
        if ((s.overflowX === 'auto' || s.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
          out.push(`${name(el)} scrolls sideways (${el.scrollWidth} > ${el.clientWidth} px)`);
        }
      }
      const clips = s.overflowX !== 'visible' || s.clipPath !== 'none' || s.clip !== 'auto';
      for (const c of el.children) walk(c, clips ? Math.max(lo, r.left) : lo, clips ? Math.min(hi, r.right) : hi);
    };
    for (const c of document.body.children) walk(c, -Infinity, Infinity);
    return out.slice(0, 8);
  });
}

/** Same-origin page links in main, one per path shape (ids as {id}), not in skip. */
async function linksIn(page, skip) {
  const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.href));
  const seen = new Set();
  const out = [];
  for (const href of hrefs) {
    const u = new URL(href);
    if (u.origin !== server.url || u.pathname.startsWith('/static/')) continue;
    const shape = u.pathname.replace(/\/\d+/g, '/{id}');
    if (skip.has(shape) || seen.has(shape)) continue;
    seen.add(shape);
    out.push(u.href);
  }
  return out;
}

// axe runs once per page shape (path with ids as {id}) over all the roles:
// the templates are what it judges, and the walk must stay quick. Likewise a
// linked page (not in a menu) is measured for the first role that reaches it.
const axed = new Set();
const linked = new Set();

async function checkPage(page, url, label) {
  const res = await page.goto(url);
  assert.ok(res.status() < 400, `${label} answered ${res.status()}`);
  const problems = [];
  for (const width of [390, 320]) {
    await page.setViewportSize({ width, height: 800 });
    // The header's script moves links into "More" a moment after a resize.
    await page.waitForFunction(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth,
      null, { timeout: 1500 }).catch(() => {});
    for (const p of await overflow(page)) problems.push(`${width} px: ${p}`);
  }
  const shape = new URL(url).pathname.replace(/\/\d+/g, '/{id}');
  if (!axed.has(shape)) {
    axed.add(shape);
    await page.setViewportSize({ width: 390, height: 844 });
    const violations = await checkAxe(page);
    assert.equal(violations.length, 0, formatViolations(violations, label));
  }
  return problems;
}

for (const [role, email, mainPath] of ROLES) {
  test(`${role}: every page reachable from the navigation fits 390 and 320 px and is axe clean`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await signIn(page, email);
      const nav = await page.locator('nav.nhsuk-header__navigation a.nhsuk-header__navigation-link')
        .evaluateAll((as) => as.map((a) => a.href));
      assert.ok(nav.length >= 2, `${role} has a navigation`);
      // The home page and the role's main page (its first link after Home), wide and narrow.
      const main = nav.find((h) => new URL(h).pathname === mainPath) ?? nav[1];
      for (const [name, url] of [['home', nav[0]], ['main', main]]) {
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.goto(url);
        await page.screenshot({ path: path.join(SHOTS, `${role}-${name}-1280.png`), fullPage: true });
        await page.setViewportSize({ width: 390, height: 844 });
        await page.screenshot({ path: path.join(SHOTS, `${role}-${name}-390.png`), fullPage: true });
      }
      const skip = new Set(nav.map((h) => new URL(h).pathname).concat(['/logout', '/login']));
      const problems = [];
      const visited = [];
      for (const url of nav) {
        await page.setViewportSize({ width: 390, height: 844 });
        problems.push(...(await checkPage(page, url, `${role} ${url}`)).map((p) => `${url} ${p}`));
        visited.push(url);
        for (const sub of (await linksIn(page, skip)).slice(0, 2)) {
          const shape = new URL(sub).pathname.replace(/\/\d+/g, '/{id}');
          skip.add(shape);
          if (linked.has(shape)) continue;
          linked.add(shape);
          const head = await page.request.get(sub);
          if (!/text\/html/.test(head.headers()['content-type'] ?? '')) continue; // a download
          problems.push(...(await checkPage(page, sub, `${role} ${sub}`)).map((p) => `${sub} ${p}`));
          visited.push(sub);
        }
      }
      assert.deepEqual(problems, [], `${role}: pages wider than the phone (visited ${visited.length})`);
      assert.deepEqual(errors, [], 'no script errors');
    } finally {
      await context.close();
    }
  });
}
