#!/bin/sh
# test_validate_effects.sh -- the effect size `relapselab validate` reports is Hedges' g,
# small-sample corrected, recomputed from the report's own numbers.
#
# With one study (--replicates 1), each t-tested claim's effect (mean = lo = hi) is the g of
# that study, and the JSON report also gives the study's group means, SEMs and n. From them
# (SD = SEM sqrt(n)): s_p^2 = ((n_wt - 1) SD_wt^2 + (n_ko - 1) SD_ko^2) / df,
# df = n_wt + n_ko - 2, d = (mean_ko - mean_wt) / s_p, J = 1 - 3 / (4 df - 1) (Hedges 1981,
# eq. 6e; Borenstein et al. 2009, eq. 4.22), g = J d. The report rounds to 4 significant
# digits (relative error <= 5e-4 per number), so g is checked within twice the error that
# rounding can cause; the test also demands that for at least 3 claims the uncorrected d
# lies outside that tolerance, so that dropping (or misplacing) J cannot pass. The formula
# itself is checked to 1e-10 against R in tests/unit/test_stats.c (hedges_g_known_answers);
# this test checks that the number reported is that g, KO - WT.
#
# Then the summary over studies: with 3 studies from seed S (study r uses seed S + r), the
# reported mean, lo and hi of each claim's effect are the mean, the smallest and the largest
# (2.5 and 97.5 percentiles, ranks floor(0.025 (n-1)) and ceil(0.975 (n-1)) of 3) of the
# three one-study effects of seeds S, S + 1, S + 2.
#
# usage: sh tests/cli/test_validate_effects.sh /path/to/relapselab   (from the repo root)
. "$(dirname "$0")/lib.sh"

seed=3

# effects FILE: one line per claim with a Hedges g: id g wt_mean wt_sem wt_n ko_mean ko_sem
# ko_n (from the JSON report, one claim per line).
effects() {
    sed -n 's/.*"id": "\([^"]*\)".*"effect": {"measure": "hedges_g", "mean": \([^,]*\), .*"wt": {"mean": \([^,]*\), "sem": \([^,]*\), "n": \([0-9]*\)}, "ko": {"mean": \([^,]*\), "sem": \([^,]*\), "n": \([0-9]*\)}.*/\1 \2 \3 \4 \5 \6 \7 \8/p' "$1"
}

# summaries FILE: mean lo hi of each claim's hedges_g effect, one line per claim.
summaries() {
    sed -n 's/.*"effect": {"measure": "hedges_g", "mean": \([^,]*\), "lo": \([^,]*\), "hi": \([^}]*\)}.*/\1 \2 \3/p' "$1"
}

for r in 0 1 2; do
    s=$((seed + r))
    "$RL" validate --replicates 1 --seed "$s" --json >"$tmp/one$r.json" 2>"$tmp/err" ||
        { show_file "stderr" "$tmp/err"; die "validate --replicates 1 --seed $s failed"; }
done
"$RL" validate --replicates 3 --seed "$seed" --json >"$tmp/three.json" 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; die "validate --replicates 3 --seed $seed failed"; }

# ---- g from the study's own means, SEMs and n ----
effects "$tmp/one0.json" >"$tmp/g"
n_claims=$(wc -l <"$tmp/g")
[ "$n_claims" -ge 10 ] ||
    { show_file "report" "$tmp/one0.json"; die "only $n_claims claims with a Hedges g"; }
awk '
function abs(x) { return x < 0 ? -x : x }
{
    if ($2 !~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/) { next }    # inf or nan: no spread
    id = $1; g = $2; mw = $3; sw = $4 * sqrt($5); nw = $5; mk = $6; sk = $7 * sqrt($8); nk = $8
    df = nw + nk - 2
    sp = sqrt(((nw - 1) * sw * sw + (nk - 1) * sk * sk) / df)
    if (sp == 0) { next }    # no spread: g is +/-inf or 0, nothing to recompute
    j = 1 - 3 / (4 * df - 1)
    d = (mk - mw) / sp
    tol = 2 * (j * 5e-4 * (abs(mw) + abs(mk)) / sp + 1e-3 * abs(g))
    checked++
    if (abs(g - j * d) > tol) {
        printf "%s: reported g %s, from its means/SEMs/n J d = %.5g (d %.5g, J %.5g, " \
            "tol %.2g)\n", id, g, j * d, d, j, tol
        bad++
    }
    if (abs(g - d) > tol) { sensitive++ }
}
END {
    printf "%d claims checked, %d sensitive to J\n", checked, sensitive
    if (bad > 0 || checked < 10 || sensitive < 3) { exit 1 }
}' "$tmp/g" >"$tmp/g.out" ||
    { show_file "check" "$tmp/g.out"; fail "the reported effect is not Hedges' g = J d"; }
note "$(tail -n 1 "$tmp/g.out")"

# ---- mean and interval over studies ----
for r in 0 1 2; do
    summaries "$tmp/one$r.json" | cut -d' ' -f1 >"$tmp/s$r"
done
summaries "$tmp/three.json" >"$tmp/s3"
paste -d' ' "$tmp/s0" "$tmp/s1" "$tmp/s2" "$tmp/s3" | awk '
function abs(x) { return x < 0 ? -x : x }
function min(a, b) { return a < b ? a : b }
function max(a, b) { return a > b ? a : b }
{
    n++
    for (i = 1; i <= 6; i++) { if ($i !~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/) { next } }
    m = ($1 + $2 + $3) / 3; lo = min($1, min($2, $3)); hi = max($1, max($2, $3))
    # each one-study g is rounded to 4 digits, and so is the summary
    tol = 1e-3 * (abs($1) + abs($2) + abs($3) + abs($4)) + 1e-6
    if (abs($4 - m) > tol || $5 != lo || $6 != hi) {
        printf "claim %d: studies %s %s %s, reported mean %s [%s, %s]\n", NR, $1, $2, $3, $4, $5, $6
        bad++
    }
}
END { if (bad > 0 || n < 10) { exit 1 } }' >"$tmp/s.out" ||
    { show_file "check" "$tmp/s.out"; fail "the effect over 3 studies is not their mean [min, max]"; }
[ "$(wc -l <"$tmp/s3")" -eq "$n_claims" ] ||
    fail "3 studies report $(wc -l <"$tmp/s3") claims with a g, 1 study $n_claims"
finish
