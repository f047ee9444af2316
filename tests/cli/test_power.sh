#!/bin/sh
# test_power.sh -- `relapselab power`: a power sweep of a tiny claims file
# (tests/data/power_small.yaml on tests/data/small.yaml: a finding, a null, an estimate and
# an equivalence check) at n = 4, 6 over 12 studies -- a second or so.
#
# Checks: the JSON report parses and holds every row with its kind, one cell per n, each
# rate = hits / studies inside its Wilson interval (recomputed here), n_needed by the
# smallest-n rule (recomputed here) and null for the null row; the CSV holds the same
# numbers, one line per row and n; the figure is an SVG document; the text table has its
# columns. Results are identical for 1 and 2 threads (JSON and figure, byte for byte), and
# nested: the n = 4 cells of --n 4,6 equal those of --n 4 alone. --precision stops early.
# Bad input (the --n list unsorted, zero or not a number; --alpha and --target outside
# (0, 1); a missing or invalid claims file; an unknown figure extension) exits non-zero
# (2 for a bad option value, 1 for a bad file, with file:line for a claims file) and
# writes nothing; Ctrl-C exits 130 and writes nothing.
#
# usage: sh tests/cli/test_power.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

claims=tests/data/power_small.yaml
common="$claims --n 4,6 --replicates 12 --seed 2"

# ---- one sweep, every output ----
# shellcheck disable=SC2086
"$RL" power $common --json --csv "$tmp/p.csv" -o "$tmp/p.svg" >"$tmp/p.json" 2>"$tmp/p.err"
code=$?
expect_eq "power --json --csv -o: exit status" "$code" 0
[ "$code" -eq 0 ] || show_file "stderr" "$tmp/p.err"
[ -s "$tmp/p.json" ] || die "power --json printed nothing"
[ -s "$tmp/p.csv" ] || fail "power --csv: no table written"
head -c 200 "$tmp/p.svg" 2>/dev/null | grep -q '<svg' || fail "power -o p.svg: not an SVG document"
ls "$tmp" | grep -q 'tmp' && fail "a temporary file was left behind: $(ls "$tmp")"

if command -v python3 >/dev/null 2>&1; then
    python3 - "$tmp/p.json" "$tmp/p.csv" >"$tmp/py.out" 2>&1 <<'EOF' || { fail "power: the JSON or CSV check failed"; show_file "check" "$tmp/py.out"; }
import csv, json, math, sys
doc = json.load(open(sys.argv[1]))["power"]
assert doc["claims"] == "power_small", doc["claims"]
assert doc["sizes"] == [4, 6] and doc["studies"] == [12, 12], (doc["sizes"], doc["studies"])
assert doc["replicates"] == 12 and doc["seed"] == 2 and doc["interval"] == "wilson95"
assert abs(doc["alpha"] - 0.05) < 1e-12 and abs(doc["target"] - 0.8) < 1e-12
kinds = {r["id"]: r["kind"] for r in doc["rows"]}
assert kinds == {"P1": "power", "P2": "null", "P3": "estimate", "P4": "equivalence"}, kinds
z = 1.959963984540054
def wilson(h, n):
    p = h / n
    den = 1 + z * z / n
    mid = (p + z * z / (2 * n)) / den
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / den
    return max(0.0, mid - half), min(1.0, mid + half)
rows = {}
for r in doc["rows"]:
    assert [c["n"] for c in r["cells"]] == [4, 6]
    rates = []
    for c in r["cells"]:
        assert c["studies"] == 12 and 0 <= c["hits"] <= c["tested"] <= 12, c
        assert abs(c["rate"] - c["hits"] / 12) < 1e-5, c
        lo, hi = wilson(c["hits"], 12)
        assert abs(c["lo"] - lo) < 1e-5 and abs(c["hi"] - hi) < 1e-5, (c, lo, hi)
        rates.append(c["rate"])
        rows[(r["id"], c["n"])] = c
    # the smallest n from which the rate stays >= the target
    need = None
    for j in range(len(rates)):
        if all(x >= 0.8 - 1e-12 for x in rates[j:]):
            need = [4, 6][j]
            break
    if r["kind"] == "null":
        assert r["n_needed"] is None and r["target_reached"] is None, r
    else:
        assert r["n_needed"] == need and r["target_reached"] == (need is not None), (r, need)
lines = list(csv.DictReader(open(sys.argv[2])))
assert len(lines) == 8, len(lines)
for l in lines:
    c = rows[(l["check"], int(l["n"]))]
    assert int(l["hits"]) == c["hits"] and int(l["studies"]) == 12, (l, c)
    assert abs(float(l["rate"]) - c["rate"]) < 1e-5 and l["claims"] == "power_small", l
print("ok")
EOF
else
    note "python3 is not installed: skipping the JSON and CSV checks"
fi

# ---- the text table ----
# shellcheck disable=SC2086
"$RL" power $common >"$tmp/p.txt" 2>"$tmp/p.txt.err" || fail "power (text): exit status $?"
for want in "n=4" "n=6" "n needed" "P1 " "P2 " "P3 " "P4 " "null check:"; do
    grep -q "$want" "$tmp/p.txt" || fail "power (text): no '$want'"
done

# ---- threads and nesting ----
# shellcheck disable=SC2086
"$RL" power $common --threads 1 --json -o "$tmp/p1.svg" >"$tmp/p1.json" 2>/dev/null
# shellcheck disable=SC2086
"$RL" power $common --threads 2 --json -o "$tmp/p2.svg" >"$tmp/p2.json" 2>/dev/null
cmp -s "$tmp/p1.json" "$tmp/p2.json" || fail "power --json differs between 1 and 2 threads"
cmp -s "$tmp/p1.svg" "$tmp/p2.svg" || fail "power -o: the figure differs between 1 and 2 threads"
cmp -s "$tmp/p.json" "$tmp/p2.json" || fail "power --json differs between two identical runs"
"$RL" power "$claims" --n 4 --replicates 12 --seed 2 --json >"$tmp/n4.json" 2>/dev/null ||
    fail "power --n 4: exit status $?"
if command -v python3 >/dev/null 2>&1; then
    python3 - "$tmp/p.json" "$tmp/n4.json" <<'EOF' || fail "power: the n = 4 cells depend on the n list (not nested)"
import json, sys
a = json.load(open(sys.argv[1]))["power"]["rows"]
b = json.load(open(sys.argv[2]))["power"]["rows"]
assert [r["cells"][0] for r in a] == [r["cells"][0] for r in b]
EOF
fi

# ---- sequential stopping ----
"$RL" power "$claims" --n 4,6 --replicates 60 --precision 0.6 --json >"$tmp/s.json" 2>/dev/null ||
    fail "power --precision: exit status $?"
if command -v python3 >/dev/null 2>&1; then
    python3 - "$tmp/s.json" <<'EOF' || fail "power --precision 0.6: did not stop early with every interval narrower"
import json, sys
d = json.load(open(sys.argv[1]))["power"]
assert d["precision"] == 0.6 and all(s < 60 for s in d["studies"]), d["studies"]
for r in d["rows"]:
    for c in r["cells"]:
        assert c["hi"] - c["lo"] < 0.6, c
EOF
fi

# ---- bad input: exit status, message, nothing written ----
# bad_input WANT_CODE PATTERN ARGS...: power --csv/-o into $tmp/bad ARGS (which may override
# them) exits WANT_CODE, says PATTERN on stderr and writes nothing.
mkdir "$tmp/bad"
bad_input() {
    want=$1
    pattern=$2
    shift 2
    "$RL" power --replicates 2 --csv "$tmp/bad/t.csv" -o "$tmp/bad/f.png" "$@" >"$tmp/bad.out" \
        2>"$tmp/bad.err"
    code=$?
    expect_eq "power $*: exit status" "$code" "$want"
    grep -q -- "$pattern" "$tmp/bad.err" || { fail "power $*: stderr lacks '$pattern'"; show_file "stderr" "$tmp/bad.err"; }
    [ -z "$(ls "$tmp/bad")" ] && return 0
    fail "power $*: wrote $(ls "$tmp/bad")"
    rm -f "$tmp/bad"/*
}
bad_input 2 "must increase" "$claims" --n 6,4
bad_input 2 "must increase" "$claims" --n 4,4
bad_input 2 "must be 2-" "$claims" --n 0,4
bad_input 2 "not a whole number" "$claims" --n 4,x
bad_input 2 "empty" "$claims" --n 4,,6
bad_input 2 "between 0 and 1" "$claims" --n 4 --alpha 1.5
bad_input 2 "between 0 and 1" "$claims" --n 4 --alpha 0
bad_input 2 "between 0 and 1" "$claims" --n 4 --target 1
bad_input 2 "between 0 and 1" "$claims" --n 4 --target abc
bad_input 1 "no_such.yaml" "$tmp/no_such.yaml" --n 4
bad_input 1 "unknown figure\|extension\|format" "$claims" --n 4 -o "$tmp/bad/f.gif"
sed -e 's/test: welch/test: wilcoxon/' -e "s|protocol: small.yaml|protocol: $(pwd)/tests/data/small.yaml|" \
    "$claims" >"$tmp/badclaims.yaml"
line=$(grep -n 'test: wilcoxon' "$tmp/badclaims.yaml" | cut -d: -f1)
bad_input 1 "badclaims.yaml:$line:" "$tmp/badclaims.yaml" --n 4

# ---- Ctrl-C: exit 130, nothing written ----
"$RL" power "$claims" --n 4,6 --replicates 100000 --csv "$tmp/bad/t.csv" -o "$tmp/bad/f.png" \
    >/dev/null 2>"$tmp/int.err" &
sigint_job $!
expect_eq "power interrupted: exit status" "$code" 130
[ -z "$(ls "$tmp/bad")" ] || fail "power interrupted: wrote $(ls "$tmp/bad")"

finish
