#!/bin/sh
# test_literature.sh -- the literature panel (claims/literature/, one claims file per finding
# L1-L11 of ../shared/science/PANEL.md; docs/VALIDATION.md "The literature panel").
#
# 1. Every file loads and runs: `validate claims/literature --replicates 2` succeeds, and its
#    summary across files prints one row per report row of each file -- a row per check and
#    pair or group (describe and paired: one per group; t-tests, ratio and TOST: one per
#    pair; proportion and trend: one per check) -- and one row per not_checked entry. The
#    expected counts below are read off the files by hand (rows + not_checked); a file that
#    gains or loses a check must update its line here. Rates are not tested: the panel
#    measures the model, it does not gate it.
# 2. Known answers for the measures the panel brought into `validate` (recomputed here from
#    `relapselab run` + `summary --csv` of the same protocol and seed, the one definition of
#    each measure; study 1 of `validate --seed S` is `run --seed S`):
#    - iii_maint_mean_s (L5.3, 1 mg/kg): the group mean of the mice's maintenance
#      inter-infusion interval (validate used to leave event measures NaN);
#    - first_sessions + over (L9.1): the median over Pdyn-WT-cocaine of each mouse's first
#      extinction session's active pokes over its last_active of acquisition.
#    validate prints 3 significant digits, so each is compared within 0.2 %.
#
# usage: sh tests/cli/test_literature.sh /path/to/relapselab   (from the repo root)
. "$(dirname "$0")/lib.sh"

dir=claims/literature
[ -d "$dir" ] || die "$dir not found (run from the repository root)"

# ---- 1. every file, every row ----
# file id (as in the summary: its first 14 characters), report rows, not_checked entries
expected='L01a-stress-cp 18 0
L01b-stress-sa 10 0
L02a-prime-cpp 9 0
L02b-prime-sa 9 0
L03a-kor-agoni 3 1
L03b-kor-agoni 3 1
L04-naltrexone 6 0
L05-unit-dose- 13 0
L06-dopamine-g 9 0
L07-da-unit-do 5 0
L08-prime-dose 5 0
L09-gradual-ex 13 1
L10-food-opera 16 1
L11-individual 12 3'

n_files=$(ls "$dir"/*.yaml | wc -l)
expect_eq "claims files in $dir" "$n_files" "$(printf '%s\n' "$expected" | wc -l)"

"$RL" validate "$dir" --replicates 2 --seed 1 >"$tmp/out" 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; die "validate $dir --replicates 2 failed"; }
grep -q "^Summary of $n_files claims files:" "$tmp/out" ||
    { show_file "report" "$tmp/out"; die "no summary across the $n_files files"; }
sed -n '/^Summary of/,$p' "$tmp/out" >"$tmp/summary"
printf '%s\n' "$expected" | while read -r id rows unchecked; do
    got=$(grep -c "^$id " "$tmp/summary")
    got_unchecked=$(grep "^$id " "$tmp/summary" | grep -c "not checked$")
    [ "$got" -eq $((rows + unchecked)) ] ||
        echo "$id: $got summary rows, expected $rows checks + $unchecked not_checked"
    [ "$got_unchecked" -eq "$unchecked" ] ||
        echo "$id: $got_unchecked not_checked rows, expected $unchecked"
done >"$tmp/rows"
[ -s "$tmp/rows" ] && { show_file "summary" "$tmp/summary"; fail "$(cat "$tmp/rows")"; }
# every checked row has a rate and a verdict; no row's effect is missing (nan)
verdicts='reproduced\(\*\*\)\{0,1\}$\|info$\|not checked$'
if sed 1,2d "$tmp/summary" | grep -q -v "$verdicts"; then
    fail "summary rows without a verdict: $(sed 1,2d "$tmp/summary" | grep -v "$verdicts" |
        head -n 3)"
fi
if grep -i -q "nan \[" "$tmp/summary"; then
    fail "an effect is nan: $(grep -i 'nan \[' "$tmp/summary" | head -n 3)"
fi

# ---- 2. known answers ----
seed=7
close() { # close LABEL GOT WANT: |got - want| <= 0.2 % of want
    awk -v g="$2" -v w="$3" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(d <= 0.002 * (w < 0 ? -w : w)) }' ||
        fail "$1: validate reports $2, the measures module gives $3"
}

# L5.3: iii_maint_mean_s, WT, dose_1
"$RL" run examples/literature/unit_dose_law.yaml --seed $seed --out "$tmp/u.db" --quiet ||
    die "run unit_dose_law.yaml failed"
"$RL" summary "$tmp/u.db" --by subject --csv "$tmp/u" >/dev/null || die "summary --csv failed"
want=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["phase_name"] == "dose_1" { s += $c["iii_maint_mean_s"]; n++ }
    END { if (n) printf "%.9g", s / n }' "$tmp/u/summary_subjects.csv")
"$RL" validate "$dir/L05-unit-dose-law.yaml" --replicates 1 --seed $seed --json >"$tmp/l5.json" ||
    die "validate L05 --json failed"
got=$(tr '{' '\n' <"$tmp/l5.json" | grep -A 1 '"claim": "1 mg/kg: mean maintenance interval' |
    sed -n 's/.*"measure": "mean", "mean": \([^,]*\),.*/\1/p')
[ -n "$want" ] && [ -n "$got" ] || die "L5.3: no value (validate '$got', summary '$want')"
close "L5.3 iii_maint_mean_s (seed $seed)" "$got" "$want"
note "L5.3 iii_maint_mean_s: validate $got, summary $want"

# L9.1: first extinction session over last_active of acquisition, median, Pdyn-WT-cocaine
"$RL" run examples/gutierrez2014.yaml --seed $seed --out "$tmp/g.db" --quiet ||
    die "run gutierrez2014.yaml failed"
"$RL" summary "$tmp/g.db" --by session --csv "$tmp/gs" >/dev/null || die "summary --csv failed"
"$RL" summary "$tmp/g.db" --by subject --csv "$tmp/gb" >/dev/null || die "summary --csv failed"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["group_name"] == "Pdyn-WT-cocaine" && $c["phase_name"] == "acquisition" {
        print $c["subject_id"], $c["last_active"] }' "$tmp/gb/summary_subjects.csv" |
    sort >"$tmp/last"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["group_name"] == "Pdyn-WT-cocaine" && $c["phase_name"] == "extinction" &&
    $c["session_in_phase"] == 0 { print $c["subject_id"], $c["active"] }' \
    "$tmp/gs/summary_sessions.csv" | sort >"$tmp/first"
want=$(join "$tmp/first" "$tmp/last" | awk '$3 > 0 { print $2 / $3 }' | sort -g |
    awk '{ v[NR] = $1 } END { if (NR) printf "%.9g", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
"$RL" validate "$dir/L09-gradual-extinction.yaml" --replicates 1 --seed $seed --json \
    >"$tmp/l9.json" || die "validate L09 --json failed"
got=$(tr '{' '\n' <"$tmp/l9.json" | grep -A 1 '"pair": "Pdyn-WT-cocaine".*"measure": "first_ext_over_acq"' |
    sed -n 's/.*"measure": "median", "mean": \([^,]*\),.*/\1/p' | head -n 1)
[ -n "$want" ] && [ -n "$got" ] || die "L9.1: no value (validate '$got', summary '$want')"
close "L9.1 first extinction session over acquisition (seed $seed)" "$got" "$want"
note "L9.1 first_ext_over_acq median: validate $got, summary $want"

finish
