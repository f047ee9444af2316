#!/bin/sh
# test_calibrate.sh -- `relapselab calibrate` (docs/CALIBRATION.md) on a tiny claims file
# (tests/data/calibrate_small.yaml: the small test protocol, 3 x 3 mice):
#   - a search (--design 3 --local 2 --replicates 2) exits 0 and writes a JSON document with
#     the documented keys, in which every evaluation's loss is recomputed here from its
#     rates and the rows' targets, a magnitude's value and its range included (the loss of
#     docs/CALIBRATION.md), evaluation 0 holds the
#     parameter table's values and the best evaluation has the lowest loss;
#   - the same command twice, and with --threads 1 and 2, gives byte-identical JSON;
#   - a hold-out file identical to the calibration file has, at the reference, evaluation
#     0's loss;
#   - --confirm 3 --confirm-top 2 evaluates the reference and the two best search points
#     again on seeds 6..8 (the reference's loss there is that of a search run on those
#     seeds), takes the lowest loss there as the best point, leaves the search alone, and
#     prints a validate command on seeds after the confirmation's;
#   - bad input (an unknown parameter, a bad number, a missing file, an unwritable --out)
#     exits non-zero with a message naming the problem and leaves no output file;
#   - SIGINT stops a search: exit 130, no output file, no temporary file.
#
# usage: sh tests/cli/test_calibrate.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

claims=tests/data/calibrate_small.yaml
[ -f "$claims" ] || die "$claims not found (run from the repository root)"
args="$claims --params burst_s,want_gain --design 3 --local 2 --replicates 2 --seed 4"

# ---- a search ----
"$RL" calibrate $args --out "$tmp/a.json" >"$tmp/a.txt" 2>"$tmp/a.err"
code=$?
expect_eq "calibrate: exit status" "$code" 0
[ "$code" -eq 0 ] || show_file "stderr" "$tmp/a.err"
[ -s "$tmp/a.json" ] || die "calibrate --out wrote nothing"
ls "$tmp" | grep -q '\.tmp' && fail "a temporary file was left in $tmp"
grep -q "^Best point: evaluation [0-9]" "$tmp/a.txt" || fail "the text report has no best point"
grep -q "^ *--set burst_s=[0-9.e+-]* --set want_gain=[0-9.e+-]*$" "$tmp/a.txt" ||
    fail "the text report has no --set line for the best point"
grep -q "relapselab validate $claims --replicates 100 --seed 6 --set" "$tmp/a.txt" ||
    fail "the text report has no validate command on fresh seeds (4 + 2 = 6)"

if command -v python3 >/dev/null 2>&1; then
    defaults=$("$RL" params | awk '$1 == "burst_s" || $1 == "want_gain" { print $1 "=" $2 }' |
        tr '\n' ' ')
    python3 - "$tmp/a.json" "$defaults" <<'EOF' 2>"$tmp/py.err" || fail "calibrate JSON: $(tail -n 1 "$tmp/py.err")"
import json, sys
d = json.load(open(sys.argv[1]))
table = dict(kv.split("=") for kv in sys.argv[2].split())
for key in ("replicates", "seed", "design", "local_iterations_max", "tolerance", "parameters",
            "files", "rows", "evaluations", "best", "local", "confirmation", "holdout"):
    assert key in d, "no key " + key
assert d["replicates"] == 2 and d["seed"] == 4 and d["design"] == 3
assert [p["name"] for p in d["parameters"]] == ["burst_s", "want_gain"]
assert [p["scale"] for p in d["parameters"]] == ["log", "linear"]  # [0.2, 3] and [0, 1]
assert d["files"] == ["tests/data/calibrate_small.yaml"]
rows = d["rows"]
assert [r["id"] for r in rows] == ["C1", "C2", "C3", "magnitude"], [r["id"] for r in rows]
assert [r["direction"] for r in rows] == ["at_least", "at_most", "info", "range"]
# the magnitude with a range is a row (its value in "rates"), the one without is not
assert rows[3]["label"] == "WT infusions per session"
assert rows[3]["target"] == 5 and rows[3]["high"] == 15
ev = d["evaluations"]
assert len(ev) >= 4 and [e["stage"] for e in ev[:4]] == ["reference"] + ["design"] * 3
assert all(e["stage"] == "local" for e in ev[4:])
# evaluation 0 is the parameter table's values (as `relapselab params` prints them)
assert abs(ev[0]["values"][0] - float(table["burst_s"])) < 1e-9
assert abs(ev[0]["values"][1] - float(table["want_gain"])) < 1e-9
for e in ev:
    assert len(e["values"]) == 2 and len(e["rates"]) == len(rows)
    assert 0.2 <= e["values"][0] <= 3 and 0 <= e["values"][1] <= 1, e["values"]
    # the loss, recomputed: mean squared shortfall over the rows with a target; a range
    # row's, its distance outside [target, high] in units of the range's width
    def short(r, x):
        if r["direction"] == "at_least":
            return max(0, r["target"] - x) ** 2
        if r["direction"] == "at_most":
            return max(0, x - r["target"]) ** 2
        if x is None:
            return 1.0
        w = r["high"] - r["target"]
        return (max(0, r["target"] - x, x - r["high"]) / w) ** 2
    sq = [short(r, x) for r, x in zip(rows, e["rates"]) if r["direction"] != "info"]
    want = sum(sq) / len(sq)
    assert abs(e["file_loss"][0] - want) < 1e-7, (e["file_loss"], want)
    assert abs(e["loss"] - want) < 1e-7
best = d["best"]
assert best["loss"] == min(e["loss"] for e in ev)
assert ev[best["evaluation"]]["loss"] == best["loss"]
assert best["set"].startswith("--set burst_s=")
assert d["local"]["start"] >= 0 and d["local"]["iterations"] <= 2
assert d["holdout"] is None and d["confirmation"] is None
EOF
else
    note "python3 is not installed: skipping the JSON checks"
fi

# ---- the same search again, and on 1 and 2 threads ----
"$RL" calibrate $args --out "$tmp/b.json" >/dev/null 2>&1 || fail "calibrate (second run) failed"
cmp -s "$tmp/a.json" "$tmp/b.json" || fail "the same command gave different JSON"
"$RL" calibrate $args --threads 1 --out "$tmp/t1.json" >/dev/null 2>&1 || fail "--threads 1 failed"
"$RL" calibrate $args --threads 2 --out "$tmp/t2.json" >/dev/null 2>&1 || fail "--threads 2 failed"
cmp -s "$tmp/t1.json" "$tmp/t2.json" || fail "--threads 1 and --threads 2 gave different JSON"

# ---- a hold-out file: evaluated at the reference and at the best point ----
cp "$claims" "$tmp/hold.yaml"
sed -i "s|^protocol: small.yaml|protocol: $(pwd)/tests/data/small.yaml|" "$tmp/hold.yaml"
"$RL" calibrate $args --holdout "$tmp/hold.yaml" --out "$tmp/h.json" >"$tmp/h.txt" 2>&1 ||
    { show_file "output" "$tmp/h.txt"; fail "calibrate --holdout failed"; }
grep -q "^Hold-out files" "$tmp/h.txt" || fail "the text report has no hold-out section"
if command -v python3 >/dev/null 2>&1; then
    python3 - "$tmp/h.json" "$tmp/a.json" <<'EOF' 2>"$tmp/py.err" || fail "calibrate --holdout JSON: $(tail -n 1 "$tmp/py.err")"
import json, sys
h, a = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
ho = h["holdout"]
assert ho["files"][0].endswith("hold.yaml") and len(ho["rows"]) == 4
# the same file, the same seeds: the reference's loss and the best point's are the search's
assert ho["reference"]["loss"] == h["evaluations"][0]["loss"]
assert ho["best"]["loss"] == h["best"]["loss"]
# the hold-out does not change the search
assert h["evaluations"] == a["evaluations"] and h["best"] == a["best"]
EOF
fi

# ---- a confirmation on fresh seeds ----
"$RL" calibrate $args --confirm 3 --confirm-top 2 --out "$tmp/c.json" >"$tmp/c.txt" 2>&1 ||
    { show_file "output" "$tmp/c.txt"; fail "calibrate --confirm failed"; }
grep -q "^Confirmation (loss in the search" "$tmp/c.txt" || fail "no confirmation table"
grep -q "relapselab validate $claims --replicates 100 --seed 9 --set" "$tmp/c.txt" ||
    fail "the validate command is not on seeds after the confirmation's (4 + 2 + 3 = 9)"
"$RL" calibrate $claims --params burst_s,want_gain --design 0 --local 0 --replicates 3 \
    --seed 6 --out "$tmp/c0.json" >/dev/null 2>&1 || fail "calibrate on seeds 6..8 failed"
if command -v python3 >/dev/null 2>&1; then
    python3 - "$tmp/c.json" "$tmp/a.json" "$tmp/c0.json" <<'EOF' 2>"$tmp/py.err" || fail "calibrate --confirm JSON: $(tail -n 1 "$tmp/py.err")"
import json, sys
c, a, c0 = (json.load(open(p)) for p in sys.argv[1:4])
conf = c["confirmation"]
assert conf["replicates"] == 3 and conf["seed"] == 6 and conf["top"] == 2
pts = conf["points"]
ev = c["evaluations"]
assert len(pts) == 3 and pts[0]["evaluation"] == 0
# the two best search points by loss (the earliest among equals), after the reference
order = sorted((e["loss"], e["index"]) for e in ev if e["index"] != 0)
assert [p["evaluation"] for p in pts[1:]] == [i for _, i in order[:2]], pts
for p in pts:
    assert p["search_loss"] == ev[p["evaluation"]]["loss"]
    assert len(p["rates"]) == len(c["rows"])
# the reference on seeds 6..8 is the point 0 of a search on those seeds
assert pts[0]["loss"] == c0["evaluations"][0]["loss"]
assert pts[0]["rates"] == c0["evaluations"][0]["rates"]
# the best point: the lowest loss on the fresh seeds, the earlier among equals
low = min(range(3), key=lambda i: (pts[i]["loss"], i))
assert conf["chosen"] == pts[low]["evaluation"] == c["best"]["evaluation"]
assert conf["search_best"] == a["best"]["evaluation"]
# the confirmation does not change the search
assert c["evaluations"] == a["evaluations"] and c["local"] == a["local"]
EOF
fi

# ---- bad input: a message naming the problem, non-zero exit, no output ----
# bad_input WHAT WORD ARGS...: calibrate ARGS --out $tmp/bad.json must fail and say WORD.
bad_input() {
    what=$1
    word=$2
    shift 2
    "$RL" calibrate "$@" --out "$tmp/bad.json" >"$tmp/bad.out" 2>"$tmp/bad.err"
    code=$?
    if [ "$code" -eq 0 ]; then
        fail "$what: exit status 0"
    elif ! grep -qF -- "$word" "$tmp/bad.err"; then
        show_file "stderr" "$tmp/bad.err"
        fail "$what: the message does not name '$word'"
    fi
    [ -e "$tmp/bad.json" ] && fail "$what: an output file was written"
    ls "$tmp" | grep -q '^bad\.json\.tmp' && fail "$what: a temporary file was left"
    rm -f "$tmp/bad.json"
}
bad_input "unknown parameter" "no_such_param" $claims --params burst_s,no_such_param
bad_input "a parameter twice" "twice" $claims --params burst_s,burst_s
bad_input "bad --design" "--design" $claims --params burst_s --design 3x
bad_input "bad --replicates" "--replicates" $claims --params burst_s --replicates 0
bad_input "bad --tol" "--tol" $claims --params burst_s --tol abc
bad_input "missing claims file" "no_such_file.yaml" $tmp/no_such_file.yaml --params burst_s
bad_input "missing hold-out file" "no_such_hold.yaml" $claims --params burst_s \
    --holdout $tmp/no_such_hold.yaml
bad_input "no --params" "--params" $claims
bad_input "bad --confirm" "--confirm" $claims --params burst_s --confirm 0
bad_input "--confirm-top without --confirm" "--confirm-top needs" $claims --params burst_s \
    --confirm-top 2
"$RL" calibrate $claims --params burst_s --replicates 1 --design 0 --local 0 \
    --out "$tmp/no_dir/x.json" >/dev/null 2>"$tmp/nd.err"
[ $? -eq 1 ] || fail "an unwritable --out: exit status is not 1"
grep -q "no_dir/x.json" "$tmp/nd.err" || fail "an unwritable --out: the message does not name it"

# ---- Ctrl-C: exit 130, nothing written ----
"$RL" calibrate claims/gutierrez2014.yaml --params burst_s --design 200 --replicates 2 \
    --threads 1 --out "$tmp/int.json" >/dev/null 2>"$tmp/int.err" &
sigint_job $!
expect_eq "calibrate interrupted: exit status" "$code" 130
[ -e "$tmp/int.json" ] && fail "calibrate interrupted: the output file was written"
ls "$tmp" | grep -q '^int\.json\.tmp' && fail "calibrate interrupted: a temporary file was left"

finish
