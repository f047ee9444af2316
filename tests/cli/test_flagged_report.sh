#!/bin/sh
# test_flagged_report.sh -- issue 13 item 2: sessions flagged at import (decoded counts that
# disagree with the program's own counters) are visible in the HTML report -- a warning box
# near the top naming them, a mark on the summary-table rows whose means include them, a
# sentence in the figures' captions -- and in `plot` (the figure's title says it; a note on
# stderr). Data without a flagged session show none of it. The MED-PC files are built here
# from the format (relapselab profile: E = codes, T = times, C(0)/C(1) = the counters).
#
# usage: sh tests/cli/test_flagged_report.sh /path/to/relapselab   (from the repo root)
. "$(dirname "$0")/lib.sh"

session() { medpc_session "$@"; } # lib.sh

mkdir "$tmp/in"
session M1 01/02/24 1.000 >"$tmp/in/m1"
session M2 01/02/24 1.000 >"$tmp/in/m2"
session M3 01/02/24 5.000 >"$tmp/in/m3"   # the program counted 5 active pokes, 1 decoded
expect_exit 0 "import" "$RL" import-medpc "$tmp/in" --profile relapselab --out "$tmp/f.db" \
    --accept-mismatch
rm "$tmp/in/m3"
expect_exit 0 "clean import" "$RL" import-medpc "$tmp/in" --profile relapselab --out "$tmp/c.db"

# the report: a warning box before the provenance, the table row marked, the captions
expect_exit 0 "report" "$RL" report "$tmp/f.db" -o "$tmp/f.html"
grep -q '<div class="flagged" id="flagged"><p><b>⚑ 1 of 3 sessions are flagged:</b>' "$tmp/f.html" ||
    fail "report: no warning box"
grep -q '<li>subject M3, day 1 (acquisition), started 2024-01-02T09:00:00: 1 counter disagrees</li>' "$tmp/f.html" ||
    fail "report: the flagged session is not named"
box=$(grep -n 'id="flagged"' "$tmp/f.html" | head -n 1 | cut -d: -f1)
prov=$(grep -n '<section id="provenance"\|id="provenance"' "$tmp/f.html" | head -n 1 | cut -d: -f1)
[ -n "$box" ] && [ -n "$prov" ] && [ "$box" -lt "$prov" ] || fail "report: the warning box is not near the top"
grep -q '<td class="group">G1 <span class="flag"[^>]*>⚑ 1 flagged</span></td>' "$tmp/f.html" ||
    fail "report: the summary row is not marked"
grep -q "1 session of these groups is flagged at import" "$tmp/f.html" ||
    fail "report: no figure caption mentions the flagged session"

expect_exit 0 "clean report" "$RL" report "$tmp/c.db" -o "$tmp/c.html"
grep -q -e 'id="flagged"' -e 'class="flag"' -e 'flagged at import' "$tmp/c.html" &&
    fail "report: clean data shown as flagged"

# plot: a note on stderr (the title, drawn as glyphs in the SVG, says it too)
expect_exit 0 "plot" "$RL" plot "$tmp/f.db" acquisition -o "$tmp/f.svg"
grep -q "note: the figure includes 1 sessions flagged at import" "$tmp/err" ||
    { show_file stderr "$tmp/err"; fail "plot: no note about the flagged session"; }
expect_exit 0 "clean plot" "$RL" plot "$tmp/c.db" acquisition -o "$tmp/c.svg"
grep -q "flagged" "$tmp/err" && fail "plot: clean data noted as flagged"

finish
