// Reading a report over the API in tests: its rows by key, with the body.
import assert from 'node:assert/strict';
import { api } from './referrals.mjs';

/** Rows of a report as { key: row }, with the whole body; asserts a 200. */
export async function reportFigures(srv, token, report, q) {
  const res = await api(srv, token, 'GET', `/api/v1/reports/${report}?${q}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const rows = {};
  for (const r of res.body.rows) rows[r.key] = r;
  return { body: res.body, rows };
}
