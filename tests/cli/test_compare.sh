#!/bin/sh
# test_compare.sh -- `relapselab summary DB --compare [--json] [--csv DIR]`: the group
# comparisons (docs/ANALYSIS.md, "Group comparisons"; the numbers themselves are checked
# against R in tests/unit/test_compare.c).
#
# On the small test protocol (3 groups: WT, Pdyn-KO, Oprm1-het of one line): the table
# names the rule (each mutant against its wild type) and the tests per phase; the JSON has
# every field, and its group means agree with summary's own CSV (summary_groups.csv, an
# independent path through the measures); --csv adds compare.csv with one row per result.
# The same run exported as MED-PC files and imported back (groups known only by their
# names) gives the same comparisons (but for the extinction baseline, below). Without lines (no wild-type partners) the rule becomes
# "all": a one-way ANOVA and Holm over the three pairs. A design of one procedure per group
# (examples/trigger_stress.yaml) is compared as one pooled block. Exit codes of bad usage
# (2) and a bad database (1).
#
# usage: sh tests/cli/test_compare.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 not found (the JSON checks need it)"

"$RL" run tests/data/small.yaml --seed 11 --threads 2 --out "$tmp/a.db" --quiet \
    2>"$tmp/err" || die "relapselab run tests/data/small.yaml failed: $(cat "$tmp/err")"

# ---- the table
if ! "$RL" summary "$tmp/a.db" --compare >"$tmp/cmp.out" 2>"$tmp/err"; then
    show_file "stderr" "$tmp/err"
    die "summary --compare failed"
fi
for want in "each mutant against its own wild type" "main, acquisition (acquisition)" \
    "main, progressive_ratio (progressive_ratio)" "main, cue_test (reinstatement)" \
    "Pdyn-KO vs WT" "Oprm1-het vs WT" "Welch t-test" "group x session (GG)" "group x test" \
    "difference [95% CI]" "g = " "ηp² = "; do
    grep -qF "$want" "$tmp/cmp.out" || fail "summary --compare: no '$want' in the table"
done
n=$(grep -c "^  breakpoint  *[A-Za-z0-9-]* vs WT .*Welch t-test" "$tmp/cmp.out")
expect_eq "breakpoint t-tests in the table" "$n" 2

# ---- JSON and CSV
"$RL" summary "$tmp/a.db" --compare --json >"$tmp/a.json" 2>"$tmp/err" ||
    fail "summary --compare --json failed: $(cat "$tmp/err")"
"$RL" summary "$tmp/a.db" --compare --csv "$tmp/csv" >/dev/null 2>"$tmp/err" ||
    fail "summary --compare --csv failed: $(cat "$tmp/err")"
[ -f "$tmp/csv/compare.csv" ] || fail "--compare --csv wrote no compare.csv"
python3 - "$tmp/a.json" "$tmp/csv/summary_groups.csv" "$tmp/csv/compare.csv" \
    <<'EOF' 2>"$tmp/py.err" || fail "compare JSON/CSV: $(tail -n 1 "$tmp/py.err")"
import csv, json, math, sys
d = json.load(open(sys.argv[1]))
assert d["source"] == "simulation"
assert [(b["name"], b["rule"], b["groups"]) for b in d["blocks"]] == \
    [("main", "pairs", ["WT", "Pdyn-KO", "Oprm1-het"])]
rows = d["comparisons"]
fields = ["block", "phase", "phase_kind", "measure", "within", "levels", "test", "term",
          "group_a", "group_b", "n_groups", "n", "n_a", "n_b", "mean_a", "mean_b",
          "difference", "ci_low", "ci_high", "statistic", "df", "df_error", "p", "p_gg",
          "gg_epsilon", "p_holm", "holm_family", "effect_size", "effect"]
for r in rows:
    assert sorted(r) == sorted(fields), sorted(set(fields) ^ set(r))
    assert 0.0 <= r["p"] <= 1.0 and 0.0 <= r["p_gg"] <= 1.0
welch = [r for r in rows if r["test"] == "welch"]
mixed = [r for r in rows if r["test"] == "mixed_anova"]
# 2 pairs x (acquisition reinforcers, PR breakpoint and reinforcers); 2 pairs x 3 ANOVAs x 3
assert len(welch) == 6 and len(mixed) == 18, (len(welch), len(mixed))
assert {(r["group_a"], r["group_b"]) for r in rows} == {("Pdyn-KO", "WT"), ("Oprm1-het", "WT")}
groups = {}
for g in csv.DictReader(open(sys.argv[2])):
    groups[(g["group_name"], g["phase_name"])] = g
for r in welch:
    assert r["effect_size"] == "hedges_g" and r["holm_family"] == 2
    assert r["ci_low"] < r["difference"] < r["ci_high"]
    assert r["p_holm"] >= r["p"]
    assert abs(r["difference"] - (r["mean_a"] - r["mean_b"])) < 1e-9
    for side in "ab":
        g = groups[(r["group_" + side], r["phase"])]
        want = float(g[r["measure"] + "_mean"])
        assert abs(r["mean_" + side] - want) < 1e-9, (r, want)
        assert r["n_" + side] == int(g[r["measure"] + "_n"])
for r in mixed:
    assert r["effect_size"] == "partial_eta_squared" and 0.0 <= r["effect"] <= 1.0
    assert r["within"] == ("test" if r["phase_kind"] == "reinstatement" else "session")
    assert r["levels"] >= 2
    if r["levels"] > 2 and r["term"] != "group":
        assert 0.0 < r["gg_epsilon"] <= 1.0
csv_rows = list(csv.DictReader(open(sys.argv[3])))
assert len(csv_rows) == len(rows)
for c, r in zip(csv_rows, rows):
    assert c["term"] == (r["term"] or "") and c["group_a"] == r["group_a"]
    assert abs(float(c["p"]) - r["p"]) <= 1e-12 * max(1.0, r["p"])
EOF

# ---- the same run through MED-PC files: the same comparisons. Not the reinstatement's:
# its extinction baseline is the mean of the last N extinction sessions, N the criterion's
# window, and the default profile's round trip does not keep the criterion (issue 13,
# item 4), so N is 3 for the import and 2 for the simulation.
"$RL" export "$tmp/a.db" --medpc "$tmp/medpc" >/dev/null 2>"$tmp/err" ||
    die "export --medpc failed: $(cat "$tmp/err")"
"$RL" import-medpc "$tmp/medpc" --profile relapselab --out "$tmp/lab.db" --quiet \
    >/dev/null 2>"$tmp/err" || die "import-medpc failed: $(cat "$tmp/err")"
"$RL" summary "$tmp/lab.db" --compare --json >"$tmp/lab.json" 2>"$tmp/err" ||
    fail "summary --compare --json of the import failed: $(cat "$tmp/err")"
python3 - "$tmp/a.json" "$tmp/lab.json" <<'EOF' 2>"$tmp/py.err" || fail "import vs simulation: $(tail -n 1 "$tmp/py.err")"
import json, sys
sim, lab = (json.load(open(f)) for f in sys.argv[1:3])
assert lab["source"] == "import" and lab["blocks"][0]["rule"] == "pairs"
key = lambda r: (r["phase"], r["measure"], r["test"], r["term"], r["group_a"], r["group_b"])
a = {key(r): r for r in sim["comparisons"]}
b = {key(r): r for r in lab["comparisons"]}
assert set(a) == set(b), set(a) ^ set(b)
assert len([k for k in a if k[0] != "cue_test"]) == 18
for k in (k for k in a if k[0] != "cue_test"):
    for f in ("statistic", "p", "effect", "n"):
        assert abs(a[k][f] - b[k][f]) <= 1e-9 * max(1.0, abs(a[k][f])), (k, f, a[k][f], b[k][f])
EOF

# ---- no wild-type partners: all groups, one-way ANOVA, Holm over the 3 pairs
sed -e 's/ line: test,//' tests/data/small.yaml >"$tmp/noline.yaml"
"$RL" run "$tmp/noline.yaml" --seed 11 --threads 2 --out "$tmp/b.db" --quiet 2>"$tmp/err" ||
    die "run of the protocol without lines failed: $(cat "$tmp/err")"
"$RL" summary "$tmp/b.db" --compare --json >"$tmp/b.json" 2>"$tmp/err" ||
    fail "summary --compare --json (no lines) failed: $(cat "$tmp/err")"
python3 - "$tmp/b.json" <<'EOF' 2>"$tmp/py.err" || fail "rule all: $(tail -n 1 "$tmp/py.err")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["blocks"][0]["rule"] == "all"
bp = [r for r in d["comparisons"] if r["measure"] == "breakpoint"]
assert [r["test"] for r in bp] == ["anova", "welch", "welch", "welch"], bp
assert bp[0]["n_groups"] == 3 and bp[0]["group_a"] is None and bp[0]["df"] == 2
assert all(r["holm_family"] == 3 and r["p_holm"] >= r["p"] for r in bp[1:])
mixed = [r for r in d["comparisons"] if r["test"] == "mixed_anova"]
assert mixed and all(r["n_groups"] == 3 and r["group_a"] is None for r in mixed)
EOF
grep -q "all groups: one-way ANOVA" "$tmp/cmp.out" &&
    fail "the table of the protocol with lines names the 'all' rule"
"$RL" summary "$tmp/b.db" --compare >"$tmp/b.out" 2>&1 || fail "summary --compare (no lines) failed"
grep -q "one-way ANOVA" "$tmp/b.out" || fail "no one-way ANOVA row without lines"

# ---- one procedure per group (a treatment design): the lone groups are pooled
"$RL" run examples/trigger_stress.yaml --seed 2 --threads 2 --out "$tmp/t.db" --quiet \
    2>"$tmp/err" || die "run of examples/trigger_stress.yaml failed: $(cat "$tmp/err")"
"$RL" summary "$tmp/t.db" --compare --json >"$tmp/t.json" 2>"$tmp/err" ||
    fail "summary --compare --json (trigger_stress) failed: $(cat "$tmp/err")"
python3 - "$tmp/t.json" <<'EOF' 2>"$tmp/py.err" || fail "pooled procedures: $(tail -n 1 "$tmp/py.err")"
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["blocks"]) == 1, d["blocks"]
b = d["blocks"][0]
assert b["rule"] == "all" and len(b["groups"]) == 4 and b["name"].count(" / ") == 3, b
assert any(r["test"] == "anova" for r in d["comparisons"])
assert all(r["block"] == b["name"] for r in d["comparisons"])
EOF

# ---- usage and bad databases
"$RL" summary "$tmp/a.db" --json >/dev/null 2>&1
expect_eq "--json without --compare: exit status" "$?" 2
"$RL" summary "$tmp/a.db" --compare --by subject >/dev/null 2>&1
expect_eq "--compare with --by: exit status" "$?" 2
"$RL" summary "$tmp/missing.db" --compare >/dev/null 2>"$tmp/err"
expect_eq "--compare on a missing database: exit status" "$?" 1
grep -q "missing.db" "$tmp/err" || fail "the error does not name the missing database"

finish
