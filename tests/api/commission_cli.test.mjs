// The commissioning commands: `waymark payments schedule` prints the four
// staged payments (date, pence, label) from the core function the server
// uses, and `waymark lots propose FILE.json` prints the optimiser's proposal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli, repoRoot } from '../lib/server.mjs';

test('payments schedule: 30/30/30 rounded down, the remainder last, the month-end rule', async () => {
  const { stdout } = await runCli(['payments', 'schedule', '--total', '28000.00', '--signed', '2019-03-26', '--in-place', '2019-05-31']);
  assert.equal(stdout, '2019-03-26 840000 signing\n2019-08-31 840000 3-months\n2020-02-29 840000 9-months\n2020-05-31 280000 12-months\n');
  const odd = await runCli(['payments', 'schedule', '--total', '10.01', '--signed', '2026-01-31', '--in-place', '2026-01-31']);
  assert.equal(odd.stdout, '2026-01-31 300 signing\n2026-04-30 300 3-months\n2026-10-31 300 9-months\n2027-01-31 101 12-months\n');
  await assert.rejects(runCli(['payments', 'schedule', '--total', '10.001', '--signed', '2026-01-31', '--in-place', '2026-01-31']));
  await assert.rejects(runCli(['payments', 'schedule', '--total', '10', '--signed', '2026-02-01', '--in-place', '2026-01-31']));
});

test('lots propose: the prospectus example is solved with every cluster covered', async () => {
  const { stdout } = await runCli(['lots', 'propose', `${repoRoot}/docs/examples/lots-prospectus.json`]);
  const out = JSON.parse(stdout);
  assert.equal(out.status, 'optimal');
  assert.equal(out.clusters_covered, 7);
  const byArea = {};
  for (const a of out.awards) byArea[a.area] = (byArea[a.area] ?? 0) + a.lots;
  assert.deepEqual(byArea, { breckland: 6, west_norfolk: 6 });
  const youth = out.providers.find((p) => p.provider === 'West Norfolk Youth');
  assert.equal(youth.lots, 0);
  assert.equal(youth.reason, 'Excluded by the panel.');
  for (const p of out.providers) assert.ok(p.reason.length > 0);
});
