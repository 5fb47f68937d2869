// `waymark score` prints the same scores as the core functions, and refuses bad answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../lib/server.mjs';

test('waymark score prints SWEMWBS metric, ONS4 bands, GSE and EQ-VAS', async () => {
  assert.equal((await runCli(['score', 'swemwbs', '4', '3', '3', '4', '4', '3', '4'])).stdout.trim(), 'SWEMWBS: raw 25, metric score 22.35');
  assert.equal((await runCli(['score', 'swemwbs', '1', '1', '1', '1', '1', '1', '1'])).stdout.trim(), 'SWEMWBS: raw 7, metric score 7.00');
  assert.equal((await runCli(['score', 'swemwbs', '5', '5', '5', '5', '5', '5', '5'])).stdout.trim(), 'SWEMWBS: raw 35, metric score 35.00');
  assert.match((await runCli(['score', 'ons4', '7', '8', '6', '3'])).stdout, /anxiety=3 \(low\)/);
  assert.equal((await runCli(['score', 'gse', '3', '3', '3', '3', '3', '3', '3', '3', '3', '4'])).stdout.trim(), 'GSE: 31');
  assert.equal((await runCli(['score', 'eqvas', '70'])).stdout.trim(), 'EQ-VAS: 70');
});

test('waymark score rejects out-of-range answers and wrong counts with the reason', async () => {
  await assert.rejects(runCli(['score', 'swemwbs', '4', '3', '3', '4', '4', '3', '6']), /answer 7 is 6; SWEMWBS answers are 1 to 5/);
  await assert.rejects(runCli(['score', 'swemwbs', '4', '3']), /SWEMWBS needs 7 answers, got 2/);
  await assert.rejects(runCli(['score', 'eqvas', '101']), /EQ-VAS/);
  await assert.rejects(runCli(['score', 'nosuch', '1']), /unknown instrument/);
});
