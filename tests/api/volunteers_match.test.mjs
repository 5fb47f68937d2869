// Acceptance: a volunteer with a lapsed DBS check is never matched to a home
// visit, through the real database, the API (dry run and confirmed offers)
// and the command line (`waymark match --dry-run`), on SQLite and on
// PostgreSQL. Also: a check that lapses inside the visit's window does not
// cover it; `waymark match --instance` writes DIMACS and the optimal cost.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { startServer, runCli } from '../lib/server.mjs';
import { api, tokenFor, fieldsOf } from '../lib/referrals.mjs';
import { addVolunteer, communitySupportReferral, dateIn, dayAt, volunteerBody } from '../lib/volunteers.mjs';

const servers = [];
after(async () => { for (const s of servers) await s.stop(); });

// Skills no demo volunteer has together, so only this test's volunteers compete.
const RARE = { type: 'gardening', skills: ['languages', 'dog_walking', 'form_filling'] };

async function scenario(srv) {
  const hub = await tokenFor(srv, 'hub@demo.waymark.test');
  const volco = await tokenFor(srv, 'volco@demo.waymark.test');
  const tag = Date.now().toString(36);
  const ref = await communitySupportReferral(srv, hub, { postcode: 'NR16 2AA' });

  // Lena lives in the task's district but her enhanced check lapsed yesterday;
  // Victor is 17.5 km away with a current one.
  const lena = await addVolunteer(srv, volco, {
    name: `Lena Lapsed ${tag}`, postcode: 'NR16 2AB',
    dbs: { level: 'enhanced', certificate_date: dateIn(-1100), renewal_date: dateIn(-1) },
  });
  const victor = await addVolunteer(srv, volco, { name: `Victor Valid ${tag}`, postcode: 'IP24 2AB' });
  assert.equal(lena.compliance.home_visits, false);
  assert.equal(lena.compliance.stage, 'lapsed');
  assert.equal(victor.compliance.home_visits, true);

  const task = async (homeVisit, fromDay, toDay) => {
    const r = await api(srv, volco, 'POST', '/api/v1/tasks', {
      referral_id: ref, ...RARE, home_visit: homeVisit, window_start: dayAt(fromDay, 9), window_end: dayAt(toDay, 17), priority: 4,
    });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.task_ids[0];
  };
  const visit = await task(true, 1, 1);
  const errand = await task(false, 1, 1);
  const longVisit = await task(true, 1, 3);
  const proposals = async () => {
    const r = await api(srv, volco, 'GET', '/api/v1/match/proposals');
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return Object.fromEntries(r.body.proposals.map((p) => [p.task_id, p]));
  };

  // The dry run: the home visits go to Victor although Lena is nearer; the errand to Lena.
  let p = await proposals();
  assert.equal(p[visit].volunteer?.id, victor.id, JSON.stringify(p[visit]));
  assert.match(p[visit].reason, /^17\.5 km away, .*gardening.*enhanced DBS to /);
  assert.equal(p[longVisit].volunteer?.id, victor.id);
  assert.equal(p[errand].volunteer?.id, lena.id, JSON.stringify(p[errand]));
  assert.match(p[errand].reason, /^under 100 m away, help with forms, dog walking, gardening, languages, free /);

  // Offering the home visit to Lena by hand is refused, with the reason; nothing of the request is stored.
  const refused = await api(srv, volco, 'POST', '/api/v1/match/offers', {
    offers: [{ task_id: errand, volunteer_id: lena.id }, { task_id: visit, volunteer_id: lena.id }],
  });
  assert.equal(refused.status, 422);
  assert.deepEqual(fieldsOf(refused), ['offers[1]']);
  assert.match(refused.body.errors[0].message, /enhanced DBS lapsed on .*, so no home visits/);
  assert.equal((await api(srv, volco, 'GET', `/api/v1/tasks/${errand}`)).body.status, 'open');

  // The command line's dry run on the same database agrees, and no home visit
  // of this organisation goes to anyone whose check has lapsed.
  const { stdout } = await runCli(['match', '--dry-run', '--json', '--org', 'Breckland Community Support', '--db', srv.dbPath]);
  const [run] = JSON.parse(stdout);
  const cli = Object.fromEntries(run.offers.map((o) => [o.task_id, o]));
  assert.equal(cli[visit].volunteer_id, victor.id);
  assert.equal(cli[errand].volunteer_id, lena.id);
  const reminders = (await api(srv, volco, 'GET', '/api/v1/volunteers/reminders')).body.reminders;
  const lapsed = new Set(reminders.filter((r) => r.compliance.stage === 'lapsed').map((r) => r.id));
  assert.ok(lapsed.has(lena.id));
  for (const o of run.offers) {
    if (o.home_visit && o.volunteer_id !== null) assert.ok(!lapsed.has(o.volunteer_id), JSON.stringify(o));
  }
  const text = (await runCli(['match', '--dry-run', '--org', 'Breckland Community Support', '--db', srv.dbPath])).stdout;
  assert.match(text, new RegExp(`task ${visit} .*offer to Victor Valid ${tag} .*: 17\\.5 km`));

  // With Victor paused, the home visits have nobody: the reason says why.
  const put = await api(srv, volco, 'PUT', `/api/v1/volunteers/${victor.id}`, volunteerBody({ name: victor.name, postcode: 'IP24 2AB', status: 'paused' }));
  assert.equal(put.status, 200, JSON.stringify(put.body));
  p = await proposals();
  assert.equal(p[visit].volunteer, null);
  assert.match(p[visit].reason, /^Not matched: none of the \d+ volunteers can take it \(.*\d+ ha(?:ve|s) no valid enhanced DBS/);
  assert.equal(p[longVisit].volunteer, null);
  assert.equal(p[errand].volunteer?.id, lena.id);

  // Renewed, but due for renewal again in three days: it covers tomorrow's
  // visit and not the one whose window runs into the renewal day.
  const renewed = await api(srv, volco, 'PUT', `/api/v1/volunteers/${lena.id}`, volunteerBody({
    name: lena.name, postcode: 'NR16 2AB', dbs: { level: 'enhanced', certificate_date: dateIn(-1090), renewal_date: dateIn(3) },
  }));
  assert.equal(renewed.status, 200, JSON.stringify(renewed.body));
  assert.equal(renewed.body.compliance.stage, 'due_7');
  p = await proposals();
  assert.equal(p[visit].volunteer?.id, lena.id, JSON.stringify(p[visit]));
  assert.equal(p[longVisit].volunteer, null, JSON.stringify(p[longVisit]));
  const tooLong = await api(srv, volco, 'POST', '/api/v1/match/offers', { offers: [{ task_id: longVisit, volunteer_id: lena.id }] });
  assert.equal(tooLong.status, 422);
  assert.match(tooLong.body.errors[0].message, /enhanced DBS ends .*, before the home visit window closes/);
  const ok = await api(srv, volco, 'POST', '/api/v1/match/offers', { offers: [{ task_id: visit, volunteer_id: lena.id }] });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
}

test('a volunteer with a lapsed DBS is never matched to a home visit (SQLite)', async () => {
  const srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' } });
  servers.push(srv);
  await scenario(srv);
});

test('a volunteer with a lapsed DBS is never matched to a home visit (PostgreSQL)', { skip: !process.env.WAYMARK_TEST_PG_URL && 'WAYMARK_TEST_PG_URL not set' }, async () => {
  const srv = await startServer({ env: { WAYMARK_PWHASH_FAST: '1' }, dbUrl: process.env.WAYMARK_TEST_PG_URL });
  servers.push(srv);
  await scenario(srv);
});

test('waymark match --instance: the DIMACS network and the optimal cost of an instance file', async () => {
  const srv = servers[0];
  const file = path.join(srv.dir, 'instance.json');
  const at = (d, h) => Math.floor(Date.parse(dayAt(d, h)) / 1000);
  // Skills are bit masks of data/vocab/volunteer_skills.csv rows: shopping 1, befriending visits 8.
  const instance = {
    waymark_match_instance: 1,
    now: at(0, 0),
    tasks: [
      { id: 1, priority: 3, skills: 1, home_visit: 0, lat: 52.46, lon: 1.02, window_start: at(1, 9), window_end: at(1, 17), duration: 3600 },
      { id: 2, priority: 5, skills: 8, home_visit: 1, lat: 52.46, lon: 1.02, window_start: at(1, 9), window_end: at(1, 17), duration: 3600 },
    ],
    volunteers: [
      { id: 10, skills: 9, dbs_enhanced_valid_until: at(-1, 0), lat: 52.46, lon: 1.02, radius_m: 20000, car: 1,
        availability: [[0, 604800]], capacity: 2 },
      { id: 11, skills: 9, dbs_enhanced_valid_until: at(300, 0), lat: 52.42, lon: 0.77, radius_m: 20000, car: 1,
        availability: [[0, 604800]], capacity: 2 },
    ],
  };
  await writeFile(file, JSON.stringify(instance));
  const solved = await runCli(['match', '--instance', file]).catch((e) => ({ stdout: '', stderr: e.message }));
  if (!solved.stdout) {
    // The instance format is the matching engine's (docs/MATCHING.md); say what it refused.
    assert.fail(solved.stderr);
  }
  assert.match(solved.stdout, /task 2 -> volunteer 11: .*enhanced DBS to/);
  assert.match(solved.stdout, /task 1 -> volunteer 10: under 100 m away/);
  const cost = (await runCli(['match', '--instance', file, '--cost-only'])).stdout.trim();
  assert.match(cost, /^\d+$/);
  assert.equal(Number(cost), Number(/total cost (\d+)/.exec(solved.stdout)[1]));
  const out = path.join(srv.dir, 'net.dimacs');
  await runCli(['match', '--instance', file, '--dimacs', out]);
  const dimacs = await readFile(out, 'utf8');
  // 2 tasks, 2 volunteers: source, 2 volunteers, 2 tasks, sink; volunteer 10 has no arc to the home visit.
  assert.match(dimacs, /^p min 6 \d+$/m);
  const arcs = dimacs.split('\n').filter((l) => l.startsWith('a '));
  const volToTask = arcs.filter((l) => { const [, from, to] = l.split(' ').map(Number); return from >= 2 && from <= 3 && to >= 4 && to <= 5; });
  assert.equal(volToTask.length, 3);
  assert.ok(!volToTask.some((l) => l.startsWith('a 2 5 ')), volToTask.join('\n'));
});
