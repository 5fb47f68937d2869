// Fixtures for the route x role test's "referral" and "worker" records: one
// related to the acting organisation (a GP referral from the demo referrer,
// allocated to Breckland Community Support) and one that is not (a discharge
// referral from another referrer, allocated elsewhere or not at all).
import assert from 'node:assert/strict';
import { api } from './referrals.mjs';

const person = (given, postcode, practice) => ({
  given_name: given, family_name: 'Matrix', date_of_birth: '1951-03-02', postcode, practice, phone: '01603 555 0101',
});

/** Returns { referral, person, worker, case: { own, other } } ids. */
export async function referralFixtures(srv, tokens) {
  const own = await api(srv, tokens.referrer, 'POST', '/api/v1/referrals', {
    person: person('Ownref', 'IP24 1JD', 'SPBRK01'), source: 'gp_practice', reasons: ['loneliness'],
    consent: { referral: true, data_sharing: true },
  });
  assert.equal(own.status, 201, JSON.stringify(own.body));
  const otherTok = tokens.other_referrer;
  const other = await api(srv, otherTok, 'POST', '/api/v1/referrals', {
    person: person('Otherref', 'NR2 4AA', undefined), source: 'acute_hospital_discharge', reasons: ['discharge_support'],
    consent: { referral: true, data_sharing: true },
    discharge: { hospital: 'nnuh', ward: 'Ward 7', expected_date: new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10) },
  });
  assert.equal(other.status, 201, JSON.stringify(other.body));
  const t1 = await api(srv, tokens.hub_coordinator, 'POST', `/api/v1/referrals/${own.body.id}/triage`, { tier: 'social_prescribing', reason: 'route matrix fixture' });
  assert.ok(t1.status < 300, JSON.stringify(t1.body));
  const held = await api(srv, tokens.hub_coordinator, 'GET', `/api/v1/referrals/${own.body.id}`);
  assert.equal(held.body.allocated_organisation?.name ?? held.body.allocated_org?.name ?? 'Breckland Community Support',
    'Breckland Community Support', JSON.stringify(held.body));
  await api(srv, tokens.hub_coordinator, 'POST', `/api/v1/referrals/${other.body.id}/triage`, { tier: 'complex_support', reason: 'route matrix fixture' });
  const workers = (await api(srv, tokens.hub_coordinator, 'GET', '/api/v1/workers')).body.workers;
  const orgName = (w) => w.organisation?.name ?? '';
  const ownWorker = workers.find((w) => orgName(w) === 'Breckland Community Support');
  const otherWorker = workers.find((w) => orgName(w) !== 'Breckland Community Support');
  assert.ok(ownWorker && otherWorker, 'demo workers in Breckland Community Support and elsewhere');
  const personOf = async (id) => (await api(srv, tokens.hub_coordinator, 'GET', `/api/v1/referrals/${id}`)).body.person.id;
  // Cases: the own referral's (Breckland Community Support) and the other's, held elsewhere.
  const caseOf = async (id) => (await api(srv, tokens.hub_coordinator, 'GET', `/api/v1/referrals/${id}`)).body;
  const ownCase = await caseOf(own.body.id), otherCase = await caseOf(other.body.id);
  assert.ok(ownCase.case_id && otherCase.case_id, JSON.stringify([ownCase, otherCase]));
  assert.notEqual(otherCase.allocated_organisation?.name, 'Breckland Community Support');
  return {
    referral: { own: own.body.id, other: other.body.id },
    person: { own: await personOf(own.body.id), other: await personOf(other.body.id) },
    worker: { own: ownWorker.id, other: otherWorker.id },
    case: { own: ownCase.case_id, other: otherCase.case_id },
  };
}

/** Directory services: a demo listing (owned by the lead provider, Community
 * Action Norfolk) and one a Breckland Community Support manager added. */
export async function serviceFixtures(srv, token, managerToken) {
  const list = await api(srv, token, 'GET', '/api/v1/services?limit=1');
  assert.equal(list.status, 200, JSON.stringify(list.body));
  const made = await api(srv, managerToken, 'POST', '/api/v1/services', {
    organization_name: 'Matrix Friends', name: 'Matrix lunch', description: 'Lunch.', categories: ['food'],
    service_areas: ['breckland'], capacity_status: 'open', phone: '01632 960998',
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  return { service: { 'Community Action Norfolk': list.body.contents[0].id, 'Breckland Community Support': made.body.id } };
}

/** Commissioning: a round whose Lots went to Breckland Community Support
 * (the provider manager's organisation) and West Norfolk Befriending, each
 * with an SLA and a piece of Appendix B evidence. Returns { round, sla,
 * evidence } id maps for the matrix. */
export async function commissionFixtures(srv, leadToken, managerToken, manager2Token) {
  const at = Date.now() + 2500;
  const made = await api(srv, leadToken, 'POST', '/api/v1/commissioning/rounds', {
    title: 'Matrix round', lot_value: '14000.00', eoi_deadline: new Date(at).toISOString().replace(/\.\d+Z$/, 'Z'),
    areas: [{ area: 'breckland', lots: 1 }, { area: 'kings_lynn_west_norfolk', lots: 1 }],
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const round = made.body.id;
  const scores = { minimum_criteria: 4, experience: 4, track_record: 4, quality_reporting: 4, mix: 4 };
  for (const [tok, clusters] of [[managerToken, ['Breckland']], [manager2Token, ['Fens']]]) {
    const e = await api(srv, tok, 'POST', `/api/v1/commissioning/rounds/${round}/eois`, {
      min_lots: 1, max_lots: 1, clusters, specialisms: 'Matrix', experience: 'Matrix', track_record: 'Matrix',
    });
    assert.equal(e.status, 201, JSON.stringify(e.body));
    const s = await api(srv, leadToken, 'POST', `/api/v1/commissioning/rounds/${round}/scores`, { eoi: e.body.id, shortlisted: true, scores });
    assert.equal(s.status, 200, JSON.stringify(s.body));
  }
  await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now() + 100)));
  assert.equal((await api(srv, leadToken, 'POST', `/api/v1/commissioning/rounds/${round}/awards`, {})).status, 200);
  const today = new Date().toISOString().slice(0, 10);
  assert.equal((await api(srv, leadToken, 'POST', `/api/v1/commissioning/rounds/${round}/slas`, { signed: today })).status, 200);
  const slas = (await api(srv, leadToken, 'GET', '/api/v1/commissioning/slas')).body.slas;
  const of = (name) => slas.find((s) => s.organisation.name === name);
  const other = await api(srv, leadToken, 'POST', '/api/v1/commissioning/rounds', {
    title: 'Matrix round 2', lot_value: '14000.00', eoi_deadline: '2030-01-01T09:00:00Z', areas: [{ area: 'breckland', lots: 1 }],
  });
  // One piece of Appendix B evidence each (a plain text file).
  const evidence = {};
  for (const [rel, tok, sla] of [['own', managerToken, of('Breckland Community Support')], ['other', manager2Token, of('West Norfolk Befriending')]]) {
    const e = await api(srv, tok, 'POST', `/api/v1/commissioning/providers/${sla.organisation.id}/evidence`, {
      criterion: 'insurance', title: 'Matrix cover', reference: 'M1', review_date: '2099-01-01', file_name: 'cover.txt',
      content_type: 'text/plain', file_base64: Buffer.from('cover').toString('base64'),
    });
    assert.equal(e.status, 201, JSON.stringify(e.body));
    evidence[rel] = e.body.evidence_id;
  }
  return {
    round: { own: round, other: other.body.id },
    sla: { own: of('Breckland Community Support').id, other: of('West Norfolk Befriending').id },
    evidence,
  };
}
