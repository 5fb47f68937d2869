// The outcome statistics agree with an independent implementation: SciPy
// (Debian's python3-scipy) computes the same figures on random paired data of
// several sizes, with ties and zero differences, and they must agree to 1e-9
// (p-values to 1e-6). tests/eval/scipy_check.py does the computing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, waymarkBin } from '../lib/server.mjs';

const execFileP = promisify(execFile);
const SCIPY_CHECK = path.join(repoRoot, 'tests', 'eval', 'scipy_check.py');

/** Runs the SciPy checker; returns its per-data-set lines (and fails on a non-zero exit with them). */
async function scipyCheck(args) {
  let out;
  try {
    out = await execFileP('/usr/bin/python3', [SCIPY_CHECK, waymarkBin(), ...args], { timeout: 120_000 });
  } catch (err) {
    assert.fail(`SciPy disagrees:\n${err.stdout}${err.stderr}`);
  }
  return out.stdout.trim().split('\n').map((l) => JSON.parse(l));
}

test('waymark stats paired agrees with SciPy on random paired data (ties, zeros, exact and normal Wilcoxon)', async () => {
  const sets = await scipyCheck(['random']);
  assert.ok(sets.length >= 30, `only ${sets.length} data sets`);
  for (const s of sets) assert.equal(s.ok, true, JSON.stringify(s));
  const methods = new Set(sets.map((s) => s.method));
  for (const m of ['exact', 'normal', 'none']) assert.ok(methods.has(m), `no data set took the ${m} path`);
  assert.ok(sets.some((s) => s.n > 1000));
});
