#!/usr/bin/env python3
"""Writes the seed corpora in fuzz/corpus/<target>/ (small files, named by
what they are). Run from the repository root; files it does not write are
left alone, so inputs kept from fuzzing runs (named by their SHA-1) stay."""
import json
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus")


def write(target, name, data):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def many(target, items):
    for i, data in enumerate(items):
        write(target, "seed-%02d" % i, data)


# ---- nhsnum ----
many("nhsnum", [
    "9434765919", "943 476 5919", " 943 4765 919 ", "\t9434765919\t", "9 4 3 4 7 6 5 9 1 9",
    "9434765918", "943476591", "94347659190", "943-476-5919", "", " ", "0000000000",
    "4010232137", "1234567881", "1234567890", "abcdefghij", "943476591\x009",
    "９434765919", "9434765919\n", "+449434765919", "94347659 19 ", "9999999999",
    "6000000000", "3333333333", "0123456789", "9434765919 9434765919",
])

# ---- postcode ----
many("postcode", [
    "M1 1AA", "M60 1NW", "CR2 6XH", "DN55 1PT", "W1A 1HQ", "EC1A 1BB", "GIR 0AA", "NR1 2DH",
    "NR32 1PZ", "sw1a1aa", "  SW1A   1AA  ", "S W 1 A 1 A A", "\tsw1a\t1aa\t", "gir0aa",
    "N1P 2AA", "", "M1", "M1 1A", "SW1A 1AAA", "QA1 1AA", "AI1 1AA", "W1I 1AA", "EC1C 1AA",
    "M1 1CA", "ASCN 1ZZ", "BFPO 1234", "SW1A-1AA", "SW1A 1\xc3\x85A", "SW1A 1AA\n",
    "x SW1A 1AA", "GIR 1AA", "IP24 1JD", "NR12 DH",
])

# ---- refcode ----
def refcode(year, seq):
    # mirrors src/core/refcode.c, for well-formed seeds
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXZ"
    yy = year - 2000
    digits = "%06d" % seq
    s = (yy // 10) * 21 + (yy % 10) * 20
    n = len(digits)
    for i, c in enumerate(digits):
        s += int(c) * (n - i)
    return "WM-%02d-%s-%s" % (yy, digits, alphabet[s % 23])

many("refcode", [
    refcode(2026, 123), refcode(2026, 0), refcode(2000, 1), refcode(2099, 999999),
    refcode(2026, 1234567), refcode(2026, 9223372036854775807 // 10**6),
    refcode(2026, 123).lower(), refcode(2026, 123).replace("-", ""),
    refcode(2026, 123).replace("-", " "), " " + refcode(2031, 42) + " ",
    "WM-26-000123-A", "WM-26-00012-K", "WM-26-0000000000000000000-A",
    "WM-26-9223372036854775807-A", "WM-26-9999999999999999999-A", "WM-26-00000000000000000000-A",
    "XX-26-000123-K", "WM-2-000123-K", "WM-26-000123-", "WM-26-000123-KK", "WM-26-000123-I",
    "", "WM", "WM-", "WM--", "W M 2 6 0 0 0 1 2 3 K",
    b"\xd0\x07\x00\x00\x7b\x00\x00\x00\x00\x00\x00\x00", b"\x10\x08\x00\x00\xff\xff\xff\xff\xff\xff\xff\x7f",
])

# ---- datetime ----
many("datetime", [
    "2026-03-02", "0000-01-01", "9999-12-31", "2024-02-29", "2023-02-29", "2026-13-01",
    "2026-00-10", "2026-04-31", "2026-3-2", "2026-03-02 ", "+2026-03-02", "2026/03/02",
    "2026-03-02T10:00:00Z", "2026-03-29T01:00:00Z", "2026-10-25T01:30:00+01:00",
    "2026-03-02T10:00:00.123456789Z", "2026-03-02T10:00:00.Z", "2026-03-02T10:00:60Z",
    "2026-03-02T24:00:00Z", "2026-03-02T10:00:00+23:59", "2026-03-02T10:00:00-23:59",
    "2026-03-02T10:00:00+24:00", "2026-03-02t10:00:00z", "0000-01-01T00:00:00+23:59",
    "9999-12-31T23:59:59-23:59", "2026-03-02T10:00:00", "2026-03-02T10:00Z", "",
    bytes(range(16)), b"\xff" * 16, b"\x00" * 8 + b"\xff" * 8,
    (719528).to_bytes(8, "little", signed=True) + (0).to_bytes(8, "little", signed=True),
    (-719528).to_bytes(8, "little", signed=True) + (2932896).to_bytes(8, "little", signed=True),
    (-2**63).to_bytes(8, "little", signed=True) + (2**63 - 1).to_bytes(8, "little", signed=True),
])

# ---- csv ----
many("csv", [
    "a,b,c\n1,2,3\n", "a,b,c\r\n1,2,3\r\n", "\xef\xbb\xbfcode,label\n1,Male\n",
    '"a,b","c""d",e\n', '"multi\nline",x\n', '"multi\r\nline",x\r\n', "a\rb,c\n",
    "\n\n\na\n\n", '""\n', ",,,\n", "a,b\n1\n1,2,3\n", '"open\n', 'ab"c,d\n',
    '"ab"c,d\n', '"ab" ,d\n', "x" * 300 + "\n", ",".join(["f"] * 300) + "\n",
    "a\x00b,c\n", "\xff\xfe,\xc3\x28\n", "", "\n", "a", '"', '""""', 'a,"b\n\n"c",d',
    "code,name,postcode,list_size,list_size_text,cluster\n"
    'SPBRK01,THETFORD HEALTHY LIVING CENTRE,IP24 1JD,11262,"11,262",Breckland\n',
    "last,line,no,newline",
])

# ---- form ----
many("form", [
    "csrf_token=abc&email=a%40b.example&password=x+y",
    "a=1&a=2&csrf_token=first&csrf_token=second", "=", "&&&", "a", "a=", "=b", "a=%",
    "a=%4", "a=%41%42", "a=%00", "a=%zz", "%41=%42", "a=+++", "name=J%C3%B6rg",
    "a=1&" * 300, "a=%25%26%3D", "csrf_token=%E2%80%AE", "a=1;b=2", "a==b", "a=b=c&d",
    "person.given_name=Ann&person.family_name=Smith&reasons=loneliness&reasons=debt",
    "x=" + "%41" * 200, "", "csrf_token",
])

# ---- url ----
many("url", [
    "GET /", "GET /login", "POST /login", "POST /logout", "GET /healthz", "GET /metrics", "GET /favicon.ico",
    "POST /api/v1/session", "DELETE /api/v1/session", "GET /admin/users", "GET /admin/users/new",
    "POST /admin/users/12/deactivate", "POST /admin/users/0/activate", "POST /admin/users/abc/activate",
    "POST /admin/users//activate", "POST /admin/users/999999999999999999/activate",
    "POST /admin/users/9999999999999999999/activate", "POST /admin/users/1/2/activate",
    "GET /api/v1/referrals/42/contacts", "POST /api/v1/referrals/42/triage", "GET /api/v1/triage/rules",
    "PUT /api/v1/triage/rules", "GET /audit", "PUT /login", "GET //", "GET /static/../etc/passwd",
    "GET ", "/", "x/admin/users", "GET /admin/users/1\x00/activate", "GET /admin/users/-1/activate",
])

# ---- triage_rules ----
with open(os.path.join(os.path.dirname(ROOT), "..", "data", "triage_rules.json"), "rb") as f:
    default_rules = f.read()
write("triage_rules", "default-rules.json", default_rules)
rules_doc = json.loads(default_rules)
def rules(rs, version=1):
    return json.dumps({"version": version, "rules": rs})
catch_all = {"name": "default", "tier": "social_prescribing", "reason": "Default."}
many("triage_rules", [
    rules([catch_all]),
    rules([{"name": "sg", "when": {"safeguarding": True}, "tier": "complex_support", "reason": "S"}, catch_all]),
    rules([{"name": "age", "when": {"age": {"min": 18, "max": 64}}, "tier": "signpost", "reason": "{age}"},
           catch_all]),
    rules([{"name": "src", "when": {"source": ["gp_practice", "self"]}, "tier": "signpost",
            "reason": "from {source} for {reasons}"}, catch_all]),
    rules([{"name": "r", "when": {"reasons": {"any": ["debt"], "all": ["housing"], "none": ["loneliness"]}},
            "tier": "signpost", "reason": "x"}, catch_all]),
    rules([{"name": "only", "when": {"reasons": {"only": ["shopping", "transport"]}},
            "tier": "community_support", "reason": "x"}, catch_all]),
    rules([{"name": "urg", "when": {"urgency": ["urgent"], "lives_alone": False, "discharge": True},
            "tier": "complex_support", "home_check": True, "reason": "x"}, catch_all]),
    rules([{"name": "dec", "when": {"age": {"max": 17}}, "tier": "decline", "reason": "Under 18."}, catch_all]),
    rules([catch_all, catch_all]),
    rules([{"name": "x", "when": {"reasons": {"any": ["nope"]}}, "tier": "signpost", "reason": "x"}, catch_all]),
    rules([{"name": "x", "when": {"age": {"min": 70, "max": 20}}, "tier": "signpost", "reason": "x"}, catch_all]),
    rules([{"name": "x", "tier": "signpost", "reason": "{unknown}"}]),
    rules([{"name": "x", "when": {"bogus": 1}, "tier": "signpost", "reason": "x"}, catch_all]),
    rules([], 1), rules([catch_all], 0), rules([catch_all] * 65),
    '{"version": 1, "rules": [' + ",".join([json.dumps(catch_all)] * 2) + "]",
    '{"version": 1, "version": 2, "rules": []}', "[]", "", "null", "{", '{"version": "1"}',
    rules([{"name": "n" * 80, "tier": "signpost", "reason": "r" * 600}]),
    rules([{"name": "x", "when": {"reasons": {"any": []}}, "tier": "signpost", "reason": "x"}, catch_all]),
    rules([{"name": "x", "when": {"source": ["self", "self"]}, "tier": "signpost", "reason": "x"}, catch_all]),
    "[" * 3000 + "]" * 3000,
])

# ---- match_instance ----
task = {"id": 1, "priority": 3, "skills": 1, "home_visit": True, "lat": 52.6309, "lon": 1.2974,
        "window_start": 1715072400, "window_end": 1715079600, "duration": 3600, "person_id": 501,
        "previous_volunteer_id": 10, "declined": [11, 12]}
task2 = {"id": 2, "priority": 1, "lat": 52.5, "lon": 1, "window_start": 1715072400, "window_end": 1715079600}
vol = {"id": 10, "skills": 3, "dbs_enhanced_valid_until": 1769817600, "lat": 52.66, "lon": 1.29,
       "radius_m": 8000, "car": 1, "availability": [[122400, 129600], [0, 3600]], "capacity": 2}
vol2 = {"id": 11, "lat": 52.6, "lon": 1.3, "radius_m": 3000, "availability": [[0, 604800]], "capacity": 1}
def inst(tasks, vols, **extra):
    d = {"waymark_match_instance": 1, "now": 1714953600, "tasks": tasks, "volunteers": vols}
    d.update(extra)
    return json.dumps(d)
many("match_instance", [
    inst([task, task2], [vol]),
    inst([task, task2], [vol, vol2], params={"continuity_bonus_m": 1500, "penalty_m": [1, 2, 3, 4, 5]}),
    inst([], []), inst([task2], []), inst([], [vol2]),
    inst([task2] * 3, [vol2, vol], params={"cost_floor_m": -100}),
    inst([dict(task, priority=9)], [vol]), inst([dict(task, lat=91)], [vol]),
    inst([dict(task, window_end=1715072399)], [vol]), inst([dict(task, declined=list(range(20)))], [vol]),
    inst([task], [dict(vol, availability=[[5, 4]])]), inst([task], [dict(vol, availability=[[0, 604801]])]),
    inst([task], [dict(vol, radius_m=-1)]), inst([task], [dict(vol, capacity=101)]),
    inst([dict(task, home_vist=True)], [vol]), inst([task], [vol], params={"penalty_m": [1, 2]}),
    inst([task], [vol], now=-99999999999999), inst([task], [vol], waymark_match_instance=2),
    '{"waymark_match_instance": 1, "now": 0, "tasks": [1, "x", null], "volunteers": {}}',
    '{"waymark_match_instance": 1, "now": 0, "tasks": [], "volunteers": [], "now": 1}',
    "", "[]", "{", "null", '{"waymark_match_instance": true}',
    inst([dict(task, lat=1e308, lon=-1e308)], [vol]), inst([dict(task, id=2**63)], [vol]),
    inst([dict(task2, duration=86400 * 40, window_end=1715072400 + 86400 * 40)], [vol2]),
])

# ---- dimacs ----
def dimacs(lines):
    return "\n".join(lines) + "\n"
# 1 volunteer (node 2, capacity 2), 2 tasks (nodes 3, 4), source 1, sink 5.
good = ["c two tasks, one volunteer", "p min 5 7", "n 1 2", "n 5 -2", "a 1 2 0 2 0",
        "a 1 3 0 1 25000", "a 3 5 0 1 0", "a 1 4 0 1 50000", "a 4 5 0 1 0", "a 2 3 0 1 1200",
        "a 2 4 0 1 800"]
good[1] = "p min 5 8"
many("dimacs", [
    dimacs(good), dimacs(good).replace("\n", "\r\n"), dimacs(good[:1] + good[2:]),
    dimacs(["p min 3 2", "n 1 1", "n 3 -1", "a 1 2 0 1 5", "a 2 3 0 1 0"]),
    dimacs(["p min 2 0", "n 1 0", "n 2 0"]), dimacs(["p min 5 8"] + good[2:] + ["a 2 4 0 1 1"]),
    dimacs(["p min 5 8", "n 1 2", "n 5 -3"] + good[4:]), dimacs(["p min 5 8", "a 1 2 1 2 0"] + good[2:]),
    dimacs(["p min 5 8", "n 1 2", "n 5 -2", "a 1 2 0 2 7"] + good[5:]),
    dimacs(["p min 5 8", "n 1 2", "n 5 -2", "a 1 2 0 2 0", "a 1 3 0 1 2000000000000"] + good[6:]),
    dimacs(["p max 5 8"]), dimacs(["n 1 2", "p min 5 8"]), dimacs(["p min 5"]),
    dimacs(["p min 1 0"]), dimacs(["p min 9999999999999 0"]), dimacs(["p min 5 8", "x"]),
    dimacs(["p min 5 8", "a 0 2 0 1 0"]), dimacs(["p min 5 8", "a 1 9 0 1 0"]),
    dimacs(["p min 5 8", "n 1 99999999999999999999"]), dimacs(["p min 5 8", "a 1 2 0 1 0 extra"]),
    dimacs(["c " + "x" * 600, "p min 5 8"]), "", "c only a comment\n", "p min 5 8",
    dimacs(["p min 5 8", "n\t1\t2", "n 5 -2", "a\t1 2 0 2 0"] + good[5:]),
])

# ---- referral_json ----
base = {
    "person": {"given_name": "Ann", "family_name": "Smith", "date_of_birth": "1950-04-01",
               "nhs_number": "943 476 5919", "postcode": "nr1 3sr", "phone": "01603 123 456",
               "practice": "SPBRK01", "preferred_contact": "phone"},
    "source": "gp_practice", "reasons": ["loneliness", "social_isolation"], "details": "Lives alone since spring.",
    "urgency": "routine", "safeguarding": False,
    "referrer": {"name": "Dr Jones", "organisation": "Thetford Healthy Living Centre", "email": "dr@example.nhs.uk"},
    "consent": {"referral": True, "data_sharing": "yes"},
}
def variant(**changes):
    d = json.loads(json.dumps(base))
    for k, v in changes.items():
        parts = k.split("__")
        tgt = d
        for p in parts[:-1]:
            tgt = tgt.setdefault(p, {})
        if v is None and parts[-1] in tgt:
            del tgt[parts[-1]]
        else:
            tgt[parts[-1]] = v
    return json.dumps(d)
many("referral_json", [
    json.dumps(base),
    variant(source="acute_hospital_discharge", discharge={"hospital": "NNUH", "ward": "Cley",
            "expected_date": "2026-03-05", "home_check_needed": True}),
    variant(source="self", referrer=None),
    variant(source="family_carer", referrer={"name": "Bob", "phone": "07700 900982"}),
    variant(received_at="2026-03-01T09:00:00Z"), variant(received_at="2030-01-01T00:00:00Z"),
    variant(reasons="debt;housing;benefits"), variant(reasons=[]), variant(reasons=["nope"]),
    variant(reasons=[1, 2]), variant(reasons=["debt"] * 40),
    variant(person__nhs_number="9434765918"), variant(person__postcode="ZZ99 9ZZ"),
    variant(person__date_of_birth="2026-03-03"), variant(person__date_of_birth="1800-01-01"),
    variant(person__email="a@b", person__phone=None), variant(person__phone="12"),
    variant(person__given_name="J\u00f6rg \u202e", person__family_name="O'Brien-Smith"),
    variant(person__given_name="x" * 101), variant(details="d" * 4001), variant(details="line\nbreak\ttab"),
    variant(person__given_name="\u0000"), variant(person__given_name=12), variant(safeguarding="maybe"),
    variant(consent__referral=False), variant(unknown_field=1), variant(person__practice="nowhere"),
    variant(person__preferred_contact="letter"), variant(urgency="URGENT"),
    variant(person__gender="2", person__ethnicity="A", person__disability="Y", person__housing="owner"),
    '{"person": {"given_name": "a", "given_name": "b"}}', "[]", "{}", '{"person": null}', "",
    variant(details="\xff"), variant(person__given_name="\ud800"),
    json.dumps({"person": {"given_name": "Sam", "family_name": "Lee", "date_of_birth": "1990-12-31",
                           "postcode": "IP24 1JD", "email": "sam@example.org", "preferred_contact": "email"},
                "reasons": ["low_mood"], "consent": {"referral": "y", "data_sharing": "Y"}}),
])

# ---- referral_csv ----
cols = ["person.given_name", "person.family_name", "person.date_of_birth", "person.nhs_number",
        "person.postcode", "person.phone", "source", "reasons", "referrer.name", "referrer.organisation",
        "referrer.email", "consent.referral", "consent.data_sharing", "received_at"]
row = ["Ann", "Smith", "1950-04-01", "9434765919", "NR1 3SR", "01603 123456", "vcse_partner",
       "loneliness;debt", "Sam", "Age UK Norfolk", "sam@example.org", "yes", "yes", "2026-03-01T09:00:00Z"]
def csvline(fields):
    out = []
    for f in fields:
        if any(c in f for c in ',"\r\n'):
            f = '"' + f.replace('"', '""') + '"'
        out.append(f)
    return ",".join(out) + "\n"
def with_(i, v):
    r = list(row)
    r[i] = v
    return r
many("referral_csv", [
    csvline(cols) + csvline(row),
    csvline(cols) + csvline(row) + csvline(with_(3, "123")) + csvline(with_(7, "")),
    csvline(cols) + csvline(with_(0, "Ann, \"Nan\"")) + csvline(with_(7, "debt; housing ;;benefits")),
    csvline(cols) + csvline(with_(13, "2099-01-01T00:00:00Z")) + csvline(with_(13, "1999-12-31T23:59:59Z")),
    csvline(cols) + csvline(with_(6, "self")) + csvline(with_(6, "acute_hospital_discharge")),
    csvline(cols) + csvline(with_(1, "a\x00b")), csvline(cols) + csvline(row[:5]),
    csvline(cols + ["person.given_name"]) + csvline(row + ["Dup"]),
    csvline(cols + ["discharge.hospital", "discharge.expected_date"]) +
    csvline(with_(6, "community_bed_discharge") + ["Cromer", "2026-03-04"]),
    csvline(["x", "y"]) + "1,2\n", csvline(cols), "", '"unterminated\n', csvline(cols) + csvline(with_(4, "sw1a1aa")),
    csvline(cols) + csvline(with_(2, "29/02/1952")), csvline(cols) + csvline(with_(11, "no")),
    csvline(cols) + csvline(with_(7, ";".join(["debt"] * 40))),
    csvline(cols) + csvline(with_(0, "=HYPERLINK(\"x\")")), "\xef\xbb\xbf" + csvline(cols) + csvline(row),
])
print("seeds written to", ROOT)
