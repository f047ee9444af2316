#!/bin/sh
# test_report_power.sh -- `relapselab report --power POWER.json` (docs/REPORT.md, "Power"):
# the JSON of `relapselab power --json` rendered as a page of its own and as the last
# section of a database's report.
#
# Checks: the page has the power section, one inline SVG figure (the power curves) and one
# table row per row of the JSON, each check id of the JSON, a column per n; the first row's
# first cell shows the rate and interval of the JSON in % (computed here from the JSON's
# numbers with awk, not written by hand); n needed follows target_reached. An array of two
# reports (power of two claims files) gives two tables. With a database, the report keeps
# its own sections and adds the power section and its entry in the contents. Bad input --
# a JSON syntax error, cells that do not follow the sizes, a rate above 1, a missing key,
# a file that does not exist -- exits 1 with FILE:LINE:COL (or the file) on stderr, and
# writes nothing (a report already at the output path is left as it was).
#
# usage: sh tests/cli/test_report_power.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

if ! "$RL" power tests/data/power_small.yaml --n 4,6 --replicates 6 --seed 2 --threads 1 \
    --json >"$tmp/p.json" 2>"$tmp/err"; then
    show_file "stderr" "$tmp/err"
    die "relapselab power --json failed"
fi

# --- a page of its own
expect_exit 0 "report --power" "$RL" report --power "$tmp/p.json" -o "$tmp/p.html"
grep -q '<section id="power">' "$tmp/p.html" || fail "no power section"
expect_eq "inline SVG figures" "$(grep -c '<svg' "$tmp/p.html")" 1
rows=$(grep -c '"label":' "$tmp/p.json")
[ "$rows" -ge 2 ] || fail "the power JSON has $rows rows (expected several)"
expect_eq "table rows (one per JSON row)" "$(grep -c '^<tr><td>' "$tmp/p.html")" "$rows"
for id in $(sed -n 's/^ *{"id": "\([^"]*\)".*/\1/p' "$tmp/p.json" | sort -u); do
    grep -q "<tr><td>$id</td>" "$tmp/p.html" || fail "check $id of the JSON not in the table"
done
for n in 4 6; do
    grep -q "<th class=\"num\">n = $n<" "$tmp/p.html" || fail "no column for n = $n"
done
# the first cell of the first row that has a rate, in % with its interval
cell=$(grep -m 1 '"rate": [0-9]' "$tmp/p.json" \
    | sed 's/.*"rate": \([^,]*\), "lo": \([^,]*\), "hi": \([^,]*\),.*/\1 \2 \3/' \
    | awk '{printf "%.0f [%.0f, %.0f]", 100 * $1, 100 * $2, 100 * $3}')
[ -n "$cell" ] || fail "no rate in the power JSON"
grep -qF "<td class=\"num\">$cell</td>" "$tmp/p.html" || fail "the cell '$cell' is not shown"
reached=$(grep -c '"target_reached": true' "$tmp/p.json")
missed=$(grep -c '"target_reached": false' "$tmp/p.json")
expect_eq "rows not reaching the target ('> 6')" \
    "$(grep -o '<td class="num">&gt; 6</td></tr>' "$tmp/p.html" | wc -l | tr -d ' ')" "$missed"
[ $((reached + missed)) -ge 1 ] || note "no row with a target in the fixture"
grep -q 'wrote .*p.html (1 figures, 1 tables) from' "$tmp/out" \
    || { show_file "stdout" "$tmp/out"; fail "report --power: summary line"; }

# --- two claims files: an array, two tables
"$RL" power tests/data/power_small.yaml tests/data/power_small.yaml --n 4,6 --replicates 3 \
    --seed 2 --threads 1 --json >"$tmp/two.json" 2>/dev/null || fail "power of two files"
expect_exit 0 "report --power (two sweeps)" "$RL" report --power "$tmp/two.json" \
    -o "$tmp/two.html"
expect_eq "tables of two sweeps" "$(grep -c '<table>' "$tmp/two.html")" 2

# --- a section of a database's report
write_small_protocol "$tmp/proto.yaml"
"$RL" run "$tmp/proto.yaml" --seed 5 --quiet --out "$tmp/sim.db" 2>"$tmp/err" \
    || { show_file "stderr" "$tmp/err"; die "relapselab run failed"; }
expect_exit 0 "report DB --power" "$RL" report "$tmp/sim.db" --power "$tmp/p.json" \
    -o "$tmp/db.html"
for section in provenance summary figures power; do
    grep -q "<section id=\"$section\">" "$tmp/db.html" || fail "DB report: no $section section"
done
grep -q '<a href="#power">Power</a>' "$tmp/db.html" || fail "DB report: power not in contents"
"$RL" report "$tmp/sim.db" -o "$tmp/plain.html" >/dev/null 2>&1
grep -q 'id="power"' "$tmp/plain.html" && fail "DB report without --power has a power section"

# --- bad input: FILE:LINE:COL, exit 1, nothing written
bad() { # bad LABEL FILE PATTERN
    echo "keep" >"$tmp/kept.html"
    rm -f "$tmp/new.html"
    expect_exit 1 "$1" "$RL" report --power "$2" -o "$tmp/kept.html"
    grep -q "$3" "$tmp/err" || { show_file "stderr" "$tmp/err"; fail "$1: message"; }
    expect_eq "$1: the report already there" "$(cat "$tmp/kept.html")" "keep"
    expect_exit 1 "$1 (new file)" "$RL" report --power "$2" -o "$tmp/new.html"
    [ -e "$tmp/new.html" ] && fail "$1: a report was written"
    ls "$tmp" | grep -q '^new.html.' && fail "$1: a temporary file was left"
}
sed '2s/"sizes": \[4, 6\]/"sizes": [4, 6/' "$tmp/p.json" >"$tmp/syntax.json"
bad "JSON syntax error" "$tmp/syntax.json" "syntax.json:[0-9]*:[0-9]*: .*syntax"
awk '!done && /"n": 6/ {sub(/"n": 6/, "\"n\": 7"); done = 1} {print}' "$tmp/p.json" \
    >"$tmp/cells.json"
bad "cells not following the sizes" "$tmp/cells.json" \
    "cells.json:[0-9]*:[0-9]*: .*cells.n must follow the sizes (expected 6, got 7)"
awk '!done && /"rate": [0-9]/ {sub(/"rate": [^,]*/, "\"rate\": 1.5"); done = 1} {print}' \
    "$tmp/p.json" >"$tmp/rate.json"
bad "a rate above 1" "$tmp/rate.json" "rate.json:[0-9]*:[0-9]*: .*rate must be a share"
sed 's/"replicates": [0-9]*, //' "$tmp/p.json" >"$tmp/missing.json"
bad "a missing key" "$tmp/missing.json" "missing.json:[0-9]*:[0-9]*: .*replicates"
bad "no such file" "$tmp/none.json" "none.json"
expect_exit 2 "report without DB or --power" "$RL" report -o "$tmp/new.html"
finish
