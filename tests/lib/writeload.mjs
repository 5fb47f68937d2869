// A write load for the reliability tests (crash safety, backups): workers
// that POST referrals with a GP's bearer token and record contact attempts
// on them with the hub's, keeping every write the server answered 201.
import { nhsNumbers } from './referrals.mjs';

/** A fresh valid NHS number, unique within this process. */
export const nhsNumber = nhsNumbers(700_000_000 + Math.floor(Math.random() * 50_000_000));

let seq = 0;
/** A valid GP referral for a new person. */
export function referralBody() {
  seq++;
  return {
    person: {
      given_name: `Load${seq}`, family_name: 'Writeload', date_of_birth: '1947-03-09', nhs_number: nhsNumber(),
      postcode: 'NR1 3SR', phone: '01603 555 0101', address: `${seq} Test Street, Norwich`, lives_alone: true,
      preferred_contact: 'phone', practice: 'SPBRK01',
    },
    source: 'gp_practice',
    reasons: ['loneliness', 'low_mood'],
    details: 'Written by the reliability write load.',
    urgency: 'routine',
    safeguarding: false,
    referrer: { name: 'Dr Load', organisation: 'Thetford Healthy Living Centre', role: 'GP', phone: '01842 555 0100' },
    consent: { referral: true, data_sharing: true },
  };
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function post(url, token, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  let parsed = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, body: parsed };
}

/**
 * Starts `workers` loops against srv.url until stop() is awaited. About one
 * write in three (when contactShare is 1/3) records a contact on a referral
 * already acknowledged. Returns { referrals, contacts, failures, netErrors,
 * stop }: referrals are { id, reference } answered 201, contacts
 * { id, referral_id } answered 201, failures any other HTTP answer
 * { status, body }, netErrors the requests that got no answer (expected only
 * when the server is killed under them).
 */
export function startWriteLoad(srv, { gpToken, hubToken, workers = 6, contactShare = 1 / 3, readers = 0, known = [] }) {
  const load = { referrals: [], contacts: [], reads: [], failures: [], netErrors: 0 };
  let running = true;
  // Readers: the hub reads referrals written so far (this load's, and known:
  // ones acknowledged before it, so reads start at once on a slow server);
  // each answered read's request id is kept (its audit event must be on disk
  // before the answer).
  const read = async () => {
    while (running) {
      const n = known.length + load.referrals.length;
      if (!n) {
        await sleep(5);
        continue;
      }
      const i = Math.floor(Math.random() * n);
      const r = i < known.length ? known[i] : load.referrals[i - known.length];
      try {
        const res = await fetch(`${srv.url}/api/v1/referrals/${r.id}`, { headers: { authorization: `Bearer ${hubToken}` } });
        const body = await res.json();
        if (res.status === 200 && body.reference === r.reference) load.reads.push({ id: r.id, request: res.headers.get('x-request-id') });
        else load.failures.push({ status: res.status, body });
      } catch {
        load.netErrors++;
        await sleep(20);
      }
    }
  };
  const loop = async () => {
    while (running) {
      const contact = load.referrals.length > 0 && Math.random() < contactShare;
      try {
        if (contact) {
          const r = load.referrals[Math.floor(Math.random() * load.referrals.length)];
          const res = await post(`${srv.url}/api/v1/referrals/${r.id}/contacts`, hubToken,
            { mode: 'telephone', outcome: 'no_answer', note: 'Write load.' });
          if (res.status === 201) load.contacts.push({ id: res.body.id, referral_id: r.id });
          else load.failures.push(res);
        } else {
          const res = await post(`${srv.url}/api/v1/referrals`, gpToken, referralBody());
          if (res.status === 201) load.referrals.push({ id: res.body.id, reference: res.body.reference });
          else load.failures.push(res);
        }
      } catch {
        load.netErrors++;
        await sleep(20);
      }
    }
  };
  const loops = [...Array.from({ length: workers }, loop), ...Array.from({ length: readers }, read)];
  load.stop = async () => {
    running = false;
    await Promise.all(loops);
  };
  return load;
}
