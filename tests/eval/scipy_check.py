"""Independent check of Waymark's outcome statistics with SciPy (Debian's python3-scipy).

Usage: scipy_check.py WAYMARK_BIN random
       scipy_check.py WAYMARK_BIN cohort MEASURES.json ANSWERS.json

In cohort mode MEASURES.json holds {"from_utc", "to_utc", "meaningful_x100",
"rows": [[person_id, case_id, phase, at, score_x100, area], ...]} read from a
database, and ANSWERS.json the server's answers {"whole": ..., "hwp_area":
...}: the cohort (each person's first baseline in the period, paired with the
follow-up of the same case) is rebuilt here and every figure compared.

For random paired data of several sizes (with ties and zero differences) it
runs `waymark stats paired` and compares each figure with SciPy/NumPy: values
to 1e-9, p-values to 1e-6. Prints one JSON line per data set and exits 1 on
any disagreement. Scores are in hundredths of a point, as Waymark keeps them.
"""
import json
import subprocess
import sys
import tempfile
import warnings

import numpy as np
from scipy import special, stats

TOL = 1e-9
PTOL = 1e-6
EXACT_MAX = 25
SWEMWBS_METRIC_X100 = [700, 951, 1125, 1240, 1333, 1408, 1475, 1532, 1584, 1636, 1688, 1743, 1798, 1859, 1925,
                       1998, 2073, 2154, 2235, 2321, 2411, 2503, 2602, 2703, 2813, 2931, 3070, 3255, 3500]


def t975(df):
    """The 0.975 quantile of Student's t from SciPy's inverse incomplete beta:
    P(|T| > t) = I_x(df/2, 1/2) with x = df / (df + t^2). (scipy 1.10's
    stats.t.ppf is off by up to about 1e-9 relatively for small df: its tail at
    its own answer misses 0.025 by up to 1.4e-10, which moves a confidence
    limit by more than the 1e-9 this check asks; betaincinv's misses by 1e-17.)"""
    x = special.betaincinv(df / 2.0, 0.5, 0.05)
    return float(np.sqrt(df * (1.0 / x - 1.0)))


def expected(b, f):
    """The figures as SciPy/NumPy compute them, independently of Waymark."""
    b = np.asarray(b, dtype=np.int64)
    f = np.asarray(f, dtype=np.int64)
    n = len(b)
    d = f - b
    bx, fx, dx = b / 100.0, f / 100.0, d / 100.0
    out = {"n_paired": n}
    out["baseline_mean"] = float(np.mean(bx)) if n else None
    out["followup_mean"] = float(np.mean(fx)) if n else None
    out["mean_change"] = float(np.mean(dx)) if n else None
    out["baseline_sd"] = float(np.std(bx, ddof=1)) if n > 1 else None
    out["followup_sd"] = float(np.std(fx, ddof=1)) if n > 1 else None
    sd = float(np.std(dx, ddof=1)) if n > 1 else None
    out["sd_change"] = sd
    if n > 1:
        half = t975(n - 1) * sd / np.sqrt(n)
        lo, hi = float(np.mean(dx)) - half, float(np.mean(dx)) + half
        out["ci95_low"], out["ci95_high"] = float(lo), float(hi)
        out["effect_size"] = float(np.mean(dx) / sd) if sd > 0 else None
    else:
        out["ci95_low"] = out["ci95_high"] = out["effect_size"] = None
    out["median_change"] = float(np.median(dx)) if n else None
    nz = d[d != 0]
    if len(nz) == 0:
        out["wilcoxon_w"] = out["wilcoxon_p"] = None
        out["wilcoxon_method"] = "none"
    else:
        tied = len(np.unique(np.abs(nz))) < len(nz)
        if len(nz) <= EXACT_MAX and not tied:
            # scipy 1.10 falls back to the normal approximation whenever zeros
            # are present in exact mode; zero_method='wilcox' drops them, so
            # the exact test of the non-zero differences is the same test.
            r = stats.wilcoxon(nz, zero_method="wilcox", method="exact")
            out["wilcoxon_method"] = "exact"
        else:
            r = stats.wilcoxon(d, zero_method="wilcox", correction=False, method="approx")
            out["wilcoxon_method"] = "normal"
        out["wilcoxon_w"], out["wilcoxon_p"] = float(r.statistic), float(r.pvalue)
    out["wilcoxon_n"] = int(len(nz))
    return out


def cohort_checks(data, answers):
    """Rebuilds the cohort from raw measures and yields (name, expected, answer) per group."""
    baselines, follow = {}, {}
    for person, case, phase, at, score, area in data["rows"]:
        if phase == "follow_up":
            follow[case] = score
        elif data["from_utc"] <= at < data["to_utc"]:
            first = baselines.get(person)
            if first is None or (at, case) < (first[0], first[1]):
                baselines[person] = (at, case, score, area or "unknown")
    groups = {}
    for person, (at, case, score, area) in baselines.items():
        for key in ("total", area):
            g = groups.setdefault(key, {"b": [], "f": [], "no_followup": 0})
            if case in follow:
                g["b"].append(score)
                g["f"].append(follow[case])
            else:
                g["no_followup"] += 1
    mc = data["meaningful_x100"]

    def want(g):
        w = expected(g["b"], g["f"])
        d = [y - x for x, y in zip(g["b"], g["f"])]
        w["improved"] = sum(1 for c in d if c >= mc)
        w["worsened"] = sum(1 for c in d if c <= -mc)
        w["unchanged"] = len(d) - w["improved"] - w["worsened"]
        w["no_followup"] = g["no_followup"]
        del w["wilcoxon_n"]
        return w

    yield "whole", want(groups["total"]), answers["whole"]
    rows = {r["key"]: r for r in answers["hwp_area"]["rows"]}
    if set(rows) != set(groups) - {"total"}:
        yield "hwp_area keys", {"keys": sorted(set(groups) - {"total"})}, {"keys": sorted(rows)}
    for key in sorted(set(groups) - {"total"}):
        yield "hwp_area=" + key, want(groups[key]), rows.get(key, {})


def compare(got, want):
    """Names of the figures that disagree, with both values."""
    bad = []
    for k, w in want.items():
        g = got.get(k)
        if w is None or g is None:
            if not (w is None and g is None):
                bad.append((k, g, w))
            continue
        if isinstance(w, (str, list)) or k in ("n_paired", "wilcoxon_n", "improved", "unchanged", "worsened",
                                                "no_followup"):
            if g != w:
                bad.append((k, g, w))
            continue
        tol = PTOL if k == "wilcoxon_p" else TOL
        if abs(g - w) > tol:
            bad.append((k, g, w))
    return bad


def run_waymark(binary, b, f):
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as fh:
        for x, y in zip(b, f):
            fh.write(f"{x} {y}\n")
        fh.flush()
        res = subprocess.run([binary, "stats", "paired", fh.name], capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


def datasets(rng):
    """Random paired data: SWEMWBS metric scores (many ties and zero changes),
    EQ-VAS-like scores, and distinct values (the exact Wilcoxon path)."""
    for n in (2, 3, 5, 8, 12, 20, 25, 26, 30, 50, 100, 400, 2000):
        base = rng.integers(0, 29, n)
        step = rng.integers(-4, 6, n)
        fol = np.clip(base + step, 0, 28)
        yield f"swemwbs_n{n}", [SWEMWBS_METRIC_X100[i] for i in base], [SWEMWBS_METRIC_X100[i] for i in fol]
        b = rng.integers(0, 101, n) * 100
        f = np.clip(b + rng.integers(-20, 30, n) * 100, 0, 10000)
        yield f"eqvas_n{n}", list(b), list(f)
    for n in (1, 4, 7, 10, 16, 25):
        b = rng.integers(1000, 3000, n)
        f = b + rng.choice(np.arange(1, 5000), n, replace=False) * rng.choice([-1, 1, 1], n)
        yield f"distinct_n{n}", list(b), list(f)
    yield "all_zero_n6", [2000] * 6, [2000] * 6
    yield "one_nonzero_n9", [2000] * 9, [2000] * 8 + [2300]


def main():
    warnings.simplefilter("ignore", UserWarning)  # scipy's 'sample size too small' note
    binary, mode = sys.argv[1], sys.argv[2]
    failed = 0
    if mode == "random":
        rng = np.random.default_rng(20261207)
        for name, b, f in datasets(rng):
            got = run_waymark(binary, b, f)
            bad = compare(got, expected(b, f))
            failed += bool(bad)
            print(json.dumps({"set": name, "n": len(b), "method": got.get("wilcoxon_method"),
                              "ok": not bad, "bad": [list(map(str, x)) for x in bad]}))
    elif mode == "cohort":
        data = json.load(open(sys.argv[3]))
        answers = json.load(open(sys.argv[4]))
        for name, want, got in cohort_checks(data, answers):
            bad = compare(got, want)
            failed += bool(bad)
            print(json.dumps({"set": name, "n": want["n_paired"], "method": got.get("wilcoxon_method"),
                              "ok": not bad, "bad": [list(map(str, x)) for x in bad]}))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
