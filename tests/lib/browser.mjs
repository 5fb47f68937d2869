// Debian's Chromium driven by playwright-core, and axe-core accessibility checks.
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { repoRoot } from './server.mjs';

export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

// Without the background-networking flags Chromium keeps trying to reach
// Google's hosts, which this network refuses; --no-sandbox because CI runs as root.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Launches headless Chromium; the caller closes it. */
export async function launchBrowser(options = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (scripts/setup-deps)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, ...options });
}

const AXE_SOURCE_PATH = path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js');
let axeSource;

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core on the page (WCAG 2.0/2.1 A and AA) and returns its violations.
 * The script goes in through the DevTools protocol, so the page's CSP does
 * not stop it.
 */
export async function checkAxe(page, { include, exclude, rules } = {}) {
  axeSource ??= readFileSync(AXE_SOURCE_PATH, 'utf8');
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(axeSource);
  }
  const result = await page.evaluate(async ({ include, exclude, tags, rules }) => {
    const context = include || exclude ? { include: include || [document], exclude: exclude || [] } : document;
    const r = await window.axe.run(context, { runOnly: { type: 'tag', values: tags }, rules, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
    }));
  }, { include, exclude, tags: AXE_TAGS, rules });
  return result;
}

/** Readable multi-line text for a list of axe violations (for assertion messages). */
export function formatViolations(violations, pageLabel = '') {
  if (!violations.length) return 'no axe violations';
  const lines = [`${violations.length} axe violation(s)${pageLabel ? ` on ${pageLabel}` : ''}:`];
  for (const v of violations) {
    lines.push(`- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes.slice(0, 5)) {
      lines.push(`    at ${n.target.join(' ')}`);
      lines.push(`       ${n.html.replace(/\s+/g, ' ').slice(0, 200)}`);
      if (n.summary) lines.push(`       ${n.summary.replace(/\n\s*/g, ' / ')}`);
    }
    if (v.nodes.length > 5) lines.push(`    ... and ${v.nodes.length - 5} more`);
  }
  return lines.join('\n');
}

/** Fails with a readable list when axe finds any violation on the page. */
export async function assertNoAxeViolations(page, label) {
  const violations = await checkAxe(page);
  if (violations.length) throw new Error(formatViolations(violations, label ?? page.url()));
}

/** Signs page in at the server at url as a demo account (password demo-password-1) and waits to leave /login. */
export async function signIn(page, url, email, password = 'demo-password-1') {
  await page.goto(`${url}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.pathname !== '/login');
}

/** Signs page in (signIn) and checks it reached the home page. */
export async function signInAs(page, baseUrl, email, password = 'demo-password-1') {
  await signIn(page, baseUrl, email, password);
  if (new URL(page.url()).pathname !== '/') throw new Error(`${email} did not reach the home page: ${page.url()}`);
}

/** axe on the page as it is, and no sideways scrolling at its width (320 px for a phone). */
export async function assertAxeAndWidth(page, label, width = 320) {
  await assertNoAxeViolations(page, label);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  if (wide > width) throw new Error(`${label}: ${wide} px wide at ${width}`);
}
