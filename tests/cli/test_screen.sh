#!/bin/sh
# test_screen.sh -- `relapselab screen`: the shipped example at a small n (ranked tables of
# the right shape), the same results on 1 and 2 threads, the CSV table written atomically,
# results of a cell that do not change when other candidates or triggers are added or
# reordered, JSON, invalid screen files (tests/bad_screen/*.yaml: exit 1, "FILE:LINE" on
# stderr naming the screen file or, for the protocol's problems, the protocol file given on
# the bad file's "# expect:" line, nothing written), usage errors (exit 2) and Ctrl-C.
#
# usage: sh tests/cli/test_screen.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

example=examples/screens/kor.yaml
[ -f "$example" ] || die "$example not found (run from the repository root)"

# --- the example: 3 genotypes x 3 triggers, 5 candidates + vehicle
if ! "$RL" screen "$example" --n 3 --seed 2 --threads 1 --csv "$tmp/t1.csv" \
    >"$tmp/t1.txt" 2>"$tmp/err"; then
    show_file "stderr" "$tmp/err"
    die "relapselab screen $example failed"
fi
cells=$(grep -cE '^(WT|Pdyn-/-|Oprk1-/-), (cue|footshock|prime): baseline' "$tmp/t1.txt")
expect_eq "genotype x trigger tables" "$cells" 9
ranked=$(grep -cE '^ +[1-5]  ' "$tmp/t1.txt")
expect_eq "ranked rows (9 tables x 5 candidates + 5 overall)" "$ranked" 50
vehicle=$(grep -cE '^ +-  vehicle ' "$tmp/t1.txt")
expect_eq "vehicle rows" "$vehicle" 9
grep -q '^Overall: 3 genotypes x 3 triggers = 9 combinations' "$tmp/t1.txt" ||
    fail "no overall ranking"
grep -q 'active pokes' "$tmp/t1.txt" || fail "no unit (active pokes) in the headers"
grep -q '(%, 95 % CI)' "$tmp/t1.txt" || fail "no unit (%) in the headers"
# within each table the ranks run 1..5 in order
awk '/: baseline |^Overall/{ k = 0 } /^ +[1-5]  /{ if ($1 != ++k) bad = 1 } END { exit bad }' \
    "$tmp/t1.txt" || fail "ranks are not 1..5 in order within a table"

# --- determinism: 1 and 2 threads, text and CSV
"$RL" screen "$example" --n 3 --seed 2 --threads 2 --csv "$tmp/t2.csv" >"$tmp/t2.txt" \
    2>/dev/null || fail "the 2-thread run failed"
cmp -s "$tmp/t1.txt" "$tmp/t2.txt" || fail "the tables differ between 1 and 2 threads"
cmp -s "$tmp/t1.csv" "$tmp/t2.csv" || fail "the CSV tables differ between 1 and 2 threads"

# --- CSV: header, one row per genotype x trigger x treatment, no temporary file left
head -n 1 "$tmp/t1.csv" | grep -q '^screen_file,seed,n,genotype,trigger,treatment,rank,' ||
    fail "CSV header"
rows=$(($(wc -l <"$tmp/t1.csv") - 1))
expect_eq "CSV rows" "$rows" 54
for leftover in "$tmp"/*.tmp*; do
    [ -e "$leftover" ] && fail "temporary file $leftover left behind"
done
"$RL" screen "$example" --n 2 --csv "$tmp/no_such_dir/x.csv" --quiet >/dev/null 2>"$tmp/err"
code=$?
expect_eq "CSV into a missing folder: exit status" "$code" 1
[ -e "$tmp/no_such_dir" ] && fail "a folder was created for an unwritable CSV"

# --- JSON
"$RL" screen "$example" --n 2 --seed 2 --json >"$tmp/out.json" 2>/dev/null ||
    fail "--json failed"
grep -q '"overall": \[' "$tmp/out.json" || fail "JSON without overall ranking"
if have_sqlite3; then
    valid=$(sqlite3 :memory: "select json_valid(readfile('$tmp/out.json'))")
    expect_eq "JSON is valid" "$valid" 1
    n=$(sqlite3 :memory: \
        "select json_array_length(readfile('$tmp/out.json'), '\$.results')")
    expect_eq "JSON results (genotype x trigger)" "$n" 9
fi

# --- streams: a cell's numbers do not depend on the other candidates and triggers
protocol=$(pwd)/examples/screen_training.yaml
cat >"$tmp/a.yaml" <<EOF
protocol: $protocol
n: 3
genotypes: [WT]
triggers:
  cue: {active_response: [cue]}
  prime: {treatments: [{drug: cocaine, dose_mg_per_kg: 10, route: i.p.}]}
candidates:
  - {name: ntx, treatments: [{drug: naltrexone, dose_mg_per_kg: 1, route: s.c., minutes_before: 30}]}
  - {name: norbni, treatments: [{drug: nor-BNI, dose_mg_per_kg: 10, route: i.p., minutes_before: 600}]}
EOF
cat >"$tmp/b.yaml" <<EOF
protocol: $protocol
n: 3
genotypes: [WT]
triggers:
  prime: {treatments: [{drug: cocaine, dose_mg_per_kg: 10, route: i.p.}]}
  footshock:
    stress: [{kind: footshock, intensity_mA: 0.5, shock_s: 0.5, mean_interval_s: 40,
              duration_min: 15, minutes_before: 15}]
candidates:
  - {name: bup, treatments: [{drug: buprenorphine, dose_mg_per_kg: 0.3, route: s.c., minutes_before: 30}]}
  - {name: ntx, treatments: [{drug: naltrexone, dose_mg_per_kg: 1, route: s.c., minutes_before: 30}]}
EOF
"$RL" screen "$tmp/a.yaml" --seed 5 --csv "$tmp/a.csv" --quiet 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; fail "screen a failed"; }
"$RL" screen "$tmp/b.yaml" --seed 5 --csv "$tmp/b.csv" --quiet 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; fail "screen b failed"; }
# genotype, trigger, treatment, baseline mean, active pokes mean and SEM, difference mean
pick() {
    awk -F, 'NR > 1 && $5 == "prime" && ($6 == "vehicle" || $6 == "ntx") {
        print $4, $5, $6, $9, $16, $17, $19 }' "$1"
}
pick "$tmp/a.csv" >"$tmp/a.pick"
pick "$tmp/b.csv" >"$tmp/b.pick"
expect_eq "rows compared" "$(wc -l <"$tmp/a.pick")" 2
cmp -s "$tmp/a.pick" "$tmp/b.pick" ||
    fail "the prime x {vehicle, ntx} cells changed with the other triggers and candidates"

# --- invalid screen files: exit 1, FILE:LINE on stderr, nothing written
checked=0
for f in tests/bad_screen/*.yaml; do
    checked=$((checked + 1))
    want=$(sed -n 's/^# expect: //p' "$f")
    [ -n "$want" ] || want=$f
    rm -f "$tmp/bad.csv"
    "$RL" screen "$f" --csv "$tmp/bad.csv" --quiet >"$tmp/out" 2>"$tmp/err"
    code=$?
    if [ "$code" -ne 1 ]; then
        fail "$f: exit status $code, expected 1"
        show_file "stderr" "$tmp/err"
    elif ! grep -q "^relapselab: error: $want:[0-9][0-9]*" "$tmp/err"; then
        fail "$f: stderr does not start with 'relapselab: error: $want:<line>'"
        show_file "stderr" "$tmp/err"
    fi
    [ -s "$tmp/out" ] && fail "$f: something was printed on stdout"
    ls "$tmp"/bad.csv* >/dev/null 2>&1 && fail "$f: a CSV file was written"
done
[ "$checked" -ge 20 ] || fail "expected at least 20 invalid screen files, found $checked"
note "$checked invalid screen files refused"

# a screen file that does not exist names itself
"$RL" screen "$tmp/none.yaml" --quiet >/dev/null 2>"$tmp/err"
expect_eq "missing screen file: exit status" "$?" 1
grep -qF "$tmp/none.yaml" "$tmp/err" || fail "missing screen file: not named on stderr"

# --- usage errors: exit 2
for args in "" "$example --n 1" "$example --threads 0" "$example --seed -3" \
    "$example --frobnicate" "$example $example"; do
    # shellcheck disable=SC2086 # word splitting is the point
    "$RL" screen $args >/dev/null 2>&1
    code=$?
    expect_eq "usage 'screen $args': exit status" "$code" 2
done

# --- Ctrl-C: exit 130 and no CSV (a large cohort, interrupted early)
"$RL" screen "$example" --n 1000 --threads 1 --csv "$tmp/int.csv" --quiet >/dev/null \
    2>"$tmp/err" &
sigint_job $!
expect_eq "interrupted: exit status" "$code" 130
ls "$tmp"/int.csv* >/dev/null 2>&1 && fail "interrupted: a CSV file was written"

finish
