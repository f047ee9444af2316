#!/bin/sh
# test_validate.sh -- `relapselab validate`: replicated virtual studies of the seed study
# (claims/gutierrez2014.yaml, the default claims file).
#
# Checks the report's structure: the JSON report parses and holds every claim (S1-S7, N)
# with a rate in [0, 1] over the requested number of studies, 40 per-region report rows
# (S8: 4 cocaine knockout lines x 10 regions) and 5 magnitudes (one relative to another group); the text report has its S8
# and Magnitudes sections; usage errors exit 2, an invalid claims file exits 1 with
# file:line; the report is identical for identical runs and for 1 or 2 threads. And one
# golden: the rate of every check over 5 studies from seed 3 (tests/golden/
# validate_r5_s3.txt), the rates the compiled seed claims gave before they became a claims
# file -- regenerate it with tools/update-golden.sh after a deliberate model change.
# Replicate counts are kept small (a study takes ~0.15 s, ~10x more under ASan).
#
# usage: sh tests/cli/test_validate.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

# run_validate OUT ARGS...: relapselab validate ARGS > OUT (stderr in OUT.err); returns
# the exit status.
run_validate() {
    out=$1
    shift
    "$RL" validate "$@" >"$out" 2>"$out.err"
}

# ---- the JSON report (5 studies from seed 3, default protocol) ----
run_validate "$tmp/v5.json" --replicates 5 --seed 3 --json
code=$?
expect_eq "validate --replicates 5 --seed 3 --json: exit status" "$code" 0
if [ "$code" -ne 0 ]; then
    show_file "stderr" "$tmp/v5.json.err"
fi
[ -s "$tmp/v5.json" ] || die "validate --json printed nothing"

if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json, sys; json.load(sys.stdin)' <"$tmp/v5.json" 2>"$tmp/py.err" ||
        fail "validate --json: output is not valid JSON: $(tail -n 1 "$tmp/py.err")"
else
    note "python3 is not installed: skipping the JSON syntax check"
fi

# The report prints one claim per line: {"id": "S2", ..., "rate": 0.4000, "rate_lo": ...,
# "rate_hi": ..., ..., "studies": 5, ...}.
for id in S1 S2 S3 S4 S5 S6a S6b S7 N; do
    grep "\"id\": \"$id\"," "$tmp/v5.json" >"$tmp/claim"
    if [ ! -s "$tmp/claim" ]; then
        fail "validate --json: no claim with id $id"
        continue
    fi
    bad=$(awk '{
        rate = $0
        if (sub(/.*"rate": /, "", rate) == 0) { print "no \"rate\""; next }
        sub(/,.*/, "", rate)
        if (rate !~ /^[0-9.]+$/ || rate + 0 < 0 || rate + 0 > 1) { print "rate " rate; next }
        if ($0 !~ /"studies": 5,/) print "\"studies\" is not 5"
        # the Wilson 95 % interval of the rate, recomputed here: (p + z2/2n +- z sqrt(p(1-p)/n
        # + z2/4n2)) / (1 + z2/n), n = 5
        lo = $0; hi = $0
        if (sub(/.*"rate_lo": /, "", lo) == 0 || sub(/.*"rate_hi": /, "", hi) == 0) {
            print "no rate interval"; next
        }
        sub(/,.*/, "", lo); sub(/,.*/, "", hi)
        z = 1.959964; n = 5; p = rate + 0; d = 1 + z * z / n
        m = (p + z * z / (2 * n)) / d; h = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
        if (lo + 0 > p + 1e-9 || hi + 0 < p - 1e-9 || (lo - (m - h)) ^ 2 > 1e-8 \
            || (hi - (m + h)) ^ 2 > 1e-8) print "rate interval [" lo ", " hi "] for " p
    }' "$tmp/claim")
    [ -z "$bad" ] || fail "validate --json: claim $id: $(echo "$bad" | head -n 1)"
done

sed -n '/"magnitudes": \[/,/^  \]/p' "$tmp/v5.json" | grep '"label":' >"$tmp/mag"
expect_eq "validate --json: entries of \"magnitudes\"" "$(wc -l <"$tmp/mag" | tr -d ' ')" 5

# A relative magnitude (relative_to) is the ratio of the two groups' means over studies:
# the KO's and the WT's own magnitudes, added to a copy of the seed claims, must give it
# (to the JSON's 4 significant digits), and a group relative to itself gives exactly 1.
sed 's|^protocol: ../examples/|protocol: '"$(pwd)"'/examples/|' claims/gutierrez2014.yaml \
    >"$tmp/rel.yaml"
cat >>"$tmp/rel.yaml" <<'EOF_REL'
  - label: ko
    groups: [Pdyn-KO-cocaine]
    measure: {name: active, phase: cue_reinstatement}
  - label: wt
    groups: [Pdyn-WT-cocaine]
    measure: {name: active, phase: cue_reinstatement}
  - label: self
    groups: [Pdyn-WT-cocaine]
    relative_to: [Pdyn-WT-cocaine]
    measure: {name: active, phase: cue_reinstatement}
EOF_REL
run_validate "$tmp/rel.json" "$tmp/rel.yaml" --replicates 3 --seed 2 --json ||
    { show_file "stderr" "$tmp/rel.json.err"; fail "validate with relative magnitudes failed"; }
mag() { # the "mean" of the magnitude labelled $1 in $tmp/rel.json
    grep "\"label\": \"$1\"," "$tmp/rel.json" | sed 's/.*"mean": \([^,]*\),.*/\1/'
}
bad=$(awk -v r="$(mag 'Pdyn-KO / WT reinstatement')" -v ko="$(mag ko)" -v wt="$(mag wt)" \
    -v one="$(mag self)" 'BEGIN {
    if (r == "" || ko == "" || wt == "" || one == "") { print "a magnitude is missing"; exit }
    if (one + 0 != 1) print "a group relative to itself gives " one
    d = r - ko / wt; if (d < 0) d = -d
    if (d > 0.001 * r) print "the ratio " r " is not ko / wt = " ko " / " wt
}')
[ -z "$bad" ] || fail "validate --json: relative magnitude: $bad"

# A magnitude's range (docs/CLAIMS.md): the text says inside / OUTSIDE, the JSON has
# "range" and "inside" and counts the misses, and --check exits 1 for a magnitude outside
# its range alone. The file has one check without a target (a report: never a failure), a
# magnitude inside a range no value can leave and one outside a range it cannot reach (a
# group relative to itself is exactly 1).
cat >"$tmp/range.yaml" <<EOF_RANGE
id: range
statement: magnitudes with a range
source: tests
protocol: $(pwd)/examples/gutierrez2014.yaml
checks:
  - id: R1
    claim: a report
    groups: [Pdyn-KO-cocaine, Pdyn-WT-cocaine]
    measure: {name: active, phase: cue_reinstatement}
    test: student
    expect: report
magnitudes:
  - label: always inside
    groups: [Pdyn-WT-cocaine]
    measure: {name: active, phase: cue_reinstatement}
    range: [-1, 1000000]
EOF_RANGE
run_validate "$tmp/range_in.txt" "$tmp/range.yaml" --replicates 1 --seed 1 --check
expect_eq "validate --check, every magnitude inside its range: exit status" "$?" 0
grep -q 'always inside .*-1-1e+06: inside$' "$tmp/range_in.txt" ||
    { show_file "report" "$tmp/range_in.txt"; fail "validate: a magnitude inside its range is not reported so"; }
cat >>"$tmp/range.yaml" <<'EOF_RANGE'
  - label: never inside
    groups: [Pdyn-WT-cocaine]
    relative_to: [Pdyn-WT-cocaine]
    measure: {name: active, phase: cue_reinstatement}
    range: [2, 3]
EOF_RANGE
run_validate "$tmp/range_out.txt" "$tmp/range.yaml" --replicates 1 --seed 1 --check
expect_eq "validate --check, a magnitude outside its range: exit status" "$?" 1
grep -q 'never inside .*2-3: OUTSIDE$' "$tmp/range_out.txt" ||
    { show_file "report" "$tmp/range_out.txt"; fail "validate: a magnitude outside its range is not reported so"; }
run_validate "$tmp/range.json" "$tmp/range.yaml" --replicates 1 --seed 1 --json
expect_eq "validate --json with ranges: exit status" "$?" 0
grep -q '"magnitude_misses": 1,' "$tmp/range.json" || fail "validate --json: magnitude_misses is not 1"
grep -q '"label": "never inside", .*"range": \[2, 3\], "inside": false}' "$tmp/range.json" ||
    { show_file "JSON" "$tmp/range.json"; fail "validate --json: the miss has no range or inside: false"; }
grep -q '"label": "always inside", .*"inside": true}' "$tmp/range.json" ||
    fail "validate --json: the magnitude inside has no inside: true"
# Test calibration: every reinforcer x measure of a null claim, compared over the 6 pairs of
# the 4 wild-type groups of each reinforcer in each of the 5 studies; rate = hits / 30.
sed -n '/"calibration": \[/,/^  \]/p' "$tmp/v5.json" | grep '"measure":' >"$tmp/calib"
expect_eq "validate --json: entries of \"calibration\"" "$(wc -l <"$tmp/calib" | tr -d ' ')" 7
bad=$(awk '{
    n = $0; sub(/.*"comparisons": /, "", n); sub(/[^0-9].*/, "", n)
    r = $0; sub(/.*"rate": /, "", r); sub(/,.*/, "", r)
    h = r * n
    if (n != 30) { print "comparisons " n " (expected 30): " $0; exit }
    if (h - int(h + 0.5) > 0.001 || int(h + 0.5) - h > 0.001) { print "rate " r " is not hits/30: " $0; exit }
}' "$tmp/calib")
[ -z "$bad" ] || fail "validate --json: calibration: $bad"
grep -q '"reports": \[' "$tmp/v5.json" || fail "validate --json: no \"reports\" array"
sed -n '/"reports": \[/,/^  \]/p' "$tmp/v5.json" | grep '"region":' >"$tmp/cfos"
expect_eq "validate --json: entries of \"reports\" (S8)" "$(wc -l <"$tmp/cfos" | tr -d ' ')" 40
pairs=$(sed 's/.*"pair": "\([^"]*\)".*/\1/' "$tmp/cfos" | sort -u)
expect_eq "validate --json: knockout lines in \"reports\"" "$(echo "$pairs" | wc -l | tr -d ' ')" 4
echo "$pairs" | grep -v -- '-KO-cocaine$' >/dev/null &&
    fail "validate --json: \"reports\" has a pair that is not a cocaine knockout: $pairs"
regions=$(sed 's/.*"region": "\([^"]*\)".*/\1/' "$tmp/cfos" | sort -u | wc -l | tr -d ' ')
expect_eq "validate --json: regions in \"reports\"" "$regions" 10

# ---- progress in a log: stderr is not a terminal here, so no line is redrawn; a plain
# line comes at most every RELAPSELAB_PROGRESS_S seconds (default 60: a short run writes
# nothing), the last one when done ----
RELAPSELAB_PROGRESS_S=0 "$RL" validate --replicates 3 --seed 2 >/dev/null 2>"$tmp/prog.err"
expect_eq "validate, RELAPSELAB_PROGRESS_S=0: progress lines" \
    "$(grep -c '^  \[[#.]*\] [1-3]/3 studies, ' "$tmp/prog.err")" 3
expect_eq "validate, RELAPSELAB_PROGRESS_S=0: the last line" \
    "$(tail -n 1 "$tmp/prog.err" | sed 's/, [0-9.]* s$//')" "  [$(printf '#%.0s' $(seq 30))] 3/3 studies"
grep -q "$(printf '\r')" "$tmp/prog.err" &&
    fail "validate: a carriage return in progress written to a file"
"$RL" validate --replicates 3 --seed 2 >/dev/null 2>"$tmp/prog.err"
[ -s "$tmp/prog.err" ] && fail "validate: a short run wrote progress to a file: $(head -n 1 "$tmp/prog.err")"

# ---- the golden rates (tests/golden/validate_r5_s3.txt) ----
run_validate "$tmp/g.json" --replicates 5 --seed 3 --json || fail "validate --seed 3 failed"
grep '"id":' "$tmp/g.json" | grep '"rate":' |
    sed 's/.*"id": "\([^"]*\)".*"pair": "\([^"]*\)".*"measure": "\([^"]*\)", "rate": \([0-9.]*\),.*/\1	\2	\3	\4/' \
    >"$tmp/g.txt"
if ! grep -v '^#' tests/golden/validate_r5_s3.txt | cmp -s - "$tmp/g.txt"; then
    grep -v '^#' tests/golden/validate_r5_s3.txt | diff - "$tmp/g.txt" | head -10 >&2
    fail "the rates differ from tests/golden/validate_r5_s3.txt (tools/update-golden.sh)"
fi

# ---- the text report ----
run_validate "$tmp/v2.txt" --replicates 2 --seed 3
code=$?
expect_eq "validate --replicates 2: exit status" "$code" 0
grep -q 'S8' "$tmp/v2.txt" || fail "validate (text): no S8 (c-Fos) section"
grep -q 'Magnitudes' "$tmp/v2.txt" || fail "validate (text): no Magnitudes section"
grep -q '^S6b ' "$tmp/v2.txt" || fail "validate (text): no line for claim S6b"

# ---- bad usage and bad input ----
run_validate "$tmp/r0" --replicates 0
expect_eq "validate --replicates 0: exit status" "$?" 2
grep -q -- '--replicates' "$tmp/r0.err" || fail "validate --replicates 0: stderr does not name --replicates"

run_validate "$tmp/bad" tests/bad_claims/unknown_group.yaml --replicates 1
expect_eq "validate tests/bad_claims/unknown_group.yaml: exit status" "$?" 1
grep -q 'tests/bad_claims/unknown_group\.yaml:[0-9][0-9]*:[0-9][0-9]*:' "$tmp/bad.err" ||
    { show_file "stderr" "$tmp/bad.err"; fail "validate of an invalid claims file: no file:line:col message"; }
[ -s "$tmp/bad" ] && fail "validate of an invalid claims file printed a report"

# ---- determinism: same seed, same report; whatever the number of threads ----
run_validate "$tmp/d1.json" --replicates 3 --seed 9 --json --threads 2 || fail "validate --seed 9 (1st run) failed"
run_validate "$tmp/d2.json" --replicates 3 --seed 9 --json --threads 2 || fail "validate --seed 9 (2nd run) failed"
run_validate "$tmp/d3.json" --replicates 3 --seed 9 --json --threads 1 || fail "validate --seed 9 --threads 1 failed"
if ! cmp -s "$tmp/d1.json" "$tmp/d2.json"; then
    diff "$tmp/d1.json" "$tmp/d2.json" | head -10 >&2
    fail "two identical validate runs (--replicates 3 --seed 9) differ"
fi
if ! cmp -s "$tmp/d1.json" "$tmp/d3.json"; then
    diff "$tmp/d1.json" "$tmp/d3.json" | head -10 >&2
    fail "validate --threads 1 and --threads 2 differ"
fi
cmp -s "$tmp/d1.json" "$tmp/v5.json" && fail "validate --seed 9 and --seed 3 give the same report"

finish
