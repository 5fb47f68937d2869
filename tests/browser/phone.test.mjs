// Every page each demo role can reach from its navigation (and the pages
// linked from those) fits a 390 px and a 320 px phone without sideways
// scrolling and is axe clean; each role's home and main page is kept as a
// screenshot at 1280 and 390 px in build/screenshots/ for docs/USER-GUIDE.md.
// One browser; each role its own context, walked alongside the others
// (WALK_CONCURRENCY at once); each page loaded once, measured by one
// evaluate at one width, turned to the other and measured again (the next
// page starts at that width), with no fixed waits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { startServer, repoRoot } from '../lib/server.mjs';
import { launchBrowser, checkAxe, formatViolations, signIn as signInAt } from '../lib/browser.mjs';

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

/**
 * Runs in the page, once it has loaded: lets the header's script place its
 * links (it moves those that do not fit into "More" on the next animation
 * frame) and gives what sticks out of the viewport (the document's own
 * sideways scroll, any element whose visible part, clipped by its
 * overflow-hiding ancestors, reaches past either edge, and any box that
 * scrolls sideways itself), with the same-origin links in main.
 */
async function measureInPage() {
  const frame = () => new Promise((r) => { requestAnimationFrame(() => r()); setTimeout(r, 100); });
  const fits = () => document.documentElement.scrollWidth <= document.documentElement.clientWidth;
  await frame();
  for (let i = 0; i < 15 && !fits(); i++) await frame();
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
  return { problems: out.slice(0, 8), links: [...document.querySelectorAll('main a[href]')].map((a) => a.href) };
}

/** Same-origin page links (of hrefs), one per path shape (ids as {id}), not in skip. */
function pageLinks(hrefs, skip) {
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
const SIZES = { 390: { width: 390, height: 844 }, 320: { width: 320, height: 800 } };

/**
 * Loads url at the page's current width (390 or 320 px), measures it, turns
 * it to the other width and measures again (so the next page starts there:
 * no turning back); axe runs at 390 px once per shape. shot(): called at
 * 390 px, for the screenshots.
 */
async function checkPage(page, url, label, shot = async () => {}) {
  const res = await page.goto(url);
  assert.ok(res.status() < 400, `${label} answered ${res.status()}`);
  const problems = [];
  let links = [];
  for (let i = 0; i < 2; i++) {
    const width = page.viewportSize().width;
    if (i) await page.setViewportSize(SIZES[width === 390 ? 320 : 390]);
    const now = page.viewportSize().width;
    const got = await page.evaluate(measureInPage);
    problems.push(...got.problems.map((p) => `${now} px: ${p}`));
    links = got.links;
    if (now !== 390) continue;
    await shot();
    const shape = new URL(url).pathname.replace(/\/\d+/g, '/{id}');
    if (!axed.has(shape)) {
      axed.add(shape);
      const violations = await checkAxe(page);
      assert.equal(violations.length, 0, formatViolations(violations, label));
    }
  }
  return { problems, links };
}

async function walkRole(role, email, mainPath) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await signInAt(page, server.url, email);
    const nav = await page.locator('nav.nhsuk-header__navigation a.nhsuk-header__navigation-link')
      .evaluateAll((as) => as.map((a) => a.href));
    assert.ok(nav.length >= 2, `${role} has a navigation`);
    // The home page and the role's main page (its first link after Home): wide here, at 390 px on the walk.
    const main = nav.find((h) => new URL(h).pathname === mainPath) ?? nav[1];
    const shots = new Map([[nav[0], 'home'], [main, 'main']]);
    for (const [url, name] of shots) {
      await page.goto(url);
      await page.screenshot({ path: path.join(SHOTS, `${role}-${name}-1280.png`), fullPage: true });
    }
    await page.setViewportSize(SIZES[390]);
    const skip = new Set(nav.map((h) => new URL(h).pathname).concat(['/logout', '/login']));
    const problems = [];
    let visited = 0;
    for (const url of nav) {
      const shot = async () => {
        if (shots.has(url)) await page.screenshot({ path: path.join(SHOTS, `${role}-${shots.get(url)}-390.png`), fullPage: true });
      };
      const got = await checkPage(page, url, `${role} ${url}`, shot);
      problems.push(...got.problems.map((p) => `${url} ${p}`));
      visited++;
      for (const sub of pageLinks(got.links, skip).slice(0, 2)) {
        const shape = new URL(sub).pathname.replace(/\/\d+/g, '/{id}');
        skip.add(shape);
        if (linked.has(shape)) continue;
        linked.add(shape);
        const head = await page.request.get(sub);
        if (!/text\/html/.test(head.headers()['content-type'] ?? '')) continue; // a download
        problems.push(...(await checkPage(page, sub, `${role} ${sub}`)).problems.map((p) => `${sub} ${p}`));
        visited++;
      }
    }
    assert.deepEqual(problems, [], `${role}: pages wider than the phone (visited ${visited})`);
    assert.deepEqual(errors, [], 'no script errors');
  } finally {
    await context.close();
  }
}

const WALK_CONCURRENCY = Number(process.env.WALK_CONCURRENCY || 2);
test('every role: every page reachable from the navigation fits 390 and 320 px and is axe clean', { concurrency: WALK_CONCURRENCY }, async (t) => {
  await Promise.all(ROLES.map(([role, email, mainPath]) => t.test(`${role}: every page reachable from the navigation fits 390 and 320 px and is axe clean`,
    () => walkRole(role, email, mainPath))));
});
