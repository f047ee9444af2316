#!/bin/sh
# test_facets.sh -- many groups: small multiples in `plot` and `report`, and the report's
# group comparisons, on a small version of the seed study (16 groups: 4 knockout lines
# with their wild types, cocaine and food; 3 mice each, short phases).
#
# Checks: `plot acquisition` and `plot extinction` draw one panel per knockout with its
# wild type (8 panels: the SVG has two spines, left and bottom, per panel) without the
# "too many groups" note; --no-facet draws one panel (with the note); bar charts stay one
# panel; --facet on two groups of one line gives a panel per group; the PNG is written.
# `report` has the "Group comparisons" section (a table per block and phase, with
# p-values and effect sizes) and draws acquisition and extinction as one 8-panel figure
# each (7 figures in all, traces of the representative mouse's test included); --no-facet
# falls back to a figure per line and procedure (21).
#
# usage: sh tests/cli/test_facets.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

sed -e 's/n: 10,/n: 3,/' -e 's/sessions: 10$/sessions: 4/' -e 's/max: 40}/max: 6}/' \
    examples/gutierrez2014.yaml >"$tmp/seed.yaml"
grep -q "n: 3," "$tmp/seed.yaml" || die "could not shrink the seed study (n: 10 not found)"
"$RL" run "$tmp/seed.yaml" --seed 3 --threads 2 --out "$tmp/seed.db" --quiet 2>"$tmp/err" ||
    die "run of the small seed study failed: $(cat "$tmp/err")"

# panels FILE: the panels of an SVG figure (two spines each).
panels() {
    n=$(grep -oF "stroke-width:0.8;stroke-linecap:square" "$1" | wc -l | tr -d ' ')
    echo $((n / 2))
}

# plot FIGURE OUT [options]: draw it; stderr in $tmp/plot.err.
plot() {
    fig=$1
    out=$2
    shift 2
    "$RL" plot "$tmp/seed.db" "$fig" -o "$tmp/$out" "$@" >/dev/null 2>"$tmp/plot.err" ||
        fail "plot $fig $*: $(cat "$tmp/plot.err")"
}

plot acquisition acq.svg
expect_eq "panels of the acquisition figure (16 groups)" "$(panels "$tmp/acq.svg")" 8
grep -q "groups on one figure" "$tmp/plot.err" && fail "small multiples still print the note"
plot extinction ext.svg
expect_eq "panels of the extinction figure (16 groups)" "$(panels "$tmp/ext.svg")" 8
plot acquisition acq.png
[ "$(head -c 4 "$tmp/acq.png" | tail -c 3)" = "PNG" ] || fail "acq.png is not a PNG"
plot acquisition one.svg --no-facet
expect_eq "panels with --no-facet" "$(panels "$tmp/one.svg")" 1
grep -q "16 groups on one figure" "$tmp/plot.err" || fail "--no-facet: no note about 16 groups"
plot breakpoint bp.svg
expect_eq "panels of the breakpoint bars" "$(panels "$tmp/bp.svg")" 1
plot acquisition pair.svg --groups Oprm1-WT-cocaine,Oprm1-KO-cocaine --facet
expect_eq "panels of one line's pair with --facet" "$(panels "$tmp/pair.svg")" 2
"$RL" plot "$tmp/seed.db" acquisition --facet --no-facet -o "$tmp/x.svg" >/dev/null 2>&1 ||
    fail "--facet --no-facet: the last one should win, not fail"

# ---- the report
"$RL" report "$tmp/seed.db" -o "$tmp/r.html" >"$tmp/r.out" 2>"$tmp/err" ||
    fail "report failed: $(cat "$tmp/err")"
grep -q "(7 figures," "$tmp/r.out" || fail "report: not 7 figures: $(cat "$tmp/r.out")"
grep -qF '<section id="compare">' "$tmp/r.html" || fail "report: no group comparisons section"
expect_eq "comparison tables (2 procedures x 4 phases)" \
    "$(grep -oF '<table class="compare">' "$tmp/r.html" | wc -l | tr -d ' ')" 8
for want in "Oprm1-KO-cocaine vs Oprm1-WT-cocaine" "Pdyn-KO-food vs Pdyn-WT-food" \
    "Welch t-test" "group × session (GG)" "group × test" "η<sub>p</sub>² = " "g = " \
    "each mutant against its own wild type"; do
    grep -qF "$want" "$tmp/r.html" || fail "report: no '$want'"
done
# p-values in their column: "0.123" or "<0.001", one per result row
grep -qE '<td class="num">(0\.[0-9]{3}|1\.000|&lt;0\.001)</td>' "$tmp/r.html" ||
    fail "report: no p-value cell"
# the figures: acquisition first, as 8 panels
awk '/<svg/ { on = 1 } on { print } /<\/svg>/ { if (on) exit }' "$tmp/r.html" >"$tmp/fig1.svg"
expect_eq "panels of the report's first figure" "$(panels "$tmp/fig1.svg")" 8
grep -q "One panel per wild type with its mutants" "$tmp/r.html" ||
    fail "report: the faceted figure's caption does not say what a panel is"
"$RL" report "$tmp/seed.db" -o "$tmp/n.html" --no-facet >"$tmp/n.out" 2>"$tmp/err" ||
    fail "report --no-facet failed: $(cat "$tmp/err")"
grep -q "(21 figures," "$tmp/n.out" || fail "report --no-facet: not 21 figures: $(cat "$tmp/n.out")"

finish
