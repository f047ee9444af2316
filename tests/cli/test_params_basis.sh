#!/bin/sh
# relapselab params and its basis column: `params --basis B` lists the names of the
# parameters of basis B, one a line; the four lists partition the table; their sizes are
# the counts of the line under `params --markdown`; each name's row in the text table
# carries that basis; an unknown basis is an error that names the accepted ones.
. "$(dirname "$0")/lib.sh"

"$RL" params >"$tmp/table.txt" 2>"$tmp/err.txt" || fail "params exited $?"
rows=$(wc -l <"$tmp/table.txt" | tr -d ' ')
[ "$rows" -gt 0 ] || die "params printed no rows"
"$RL" params --markdown >"$tmp/table.md" || fail "params --markdown exited $?"
grep -q '^| Parameter | Value | Unit | CV | Plausible range | Eq. | Basis | Meaning | Source |$' \
    "$tmp/table.md" || fail "params --markdown: no Basis column in the header"
summary=$(tail -n 1 "$tmp/table.md")

total=0
for b in measured derived calibrated assumed; do
    "$RL" params --basis $b >"$tmp/$b.txt" 2>"$tmp/err.txt" || fail "params --basis $b exited $?"
    [ -s "$tmp/err.txt" ] && { fail "params --basis $b wrote to stderr"; show_file stderr "$tmp/err.txt"; }
    n=$(wc -l <"$tmp/$b.txt" | tr -d ' ')
    total=$((total + n))
    counts="${counts:-}$n $b, "
    # one bare name a line, each a row of that basis in the text table
    while read -r name; do
        case $name in
            *[!a-zA-Z0-9_]* | '') fail "params --basis $b: '$name' is not a parameter name" ;;
        esac
        awk -v n="$name" -v b="$b" '$1 == n && $NF == b { found = 1 } END { exit !found }' \
            "$tmp/table.txt" || fail "params --basis $b lists '$name', whose row is not '$b'"
    done <"$tmp/$b.txt"
done
expect_eq "parameters over the four bases" "$total" "$rows"
expect_eq "sorted union of the four lists" \
    "$(cat "$tmp/measured.txt" "$tmp/derived.txt" "$tmp/calibrated.txt" "$tmp/assumed.txt" | sort)" \
    "$(awk '{ print $1 }' "$tmp/table.txt" | sort)"
expect_eq "the line under the Markdown table" "$summary" "$rows parameters: ${counts%, }."
[ -s "$tmp/calibrated.txt" ] || fail "no calibrated parameter"

# Errors: an unknown basis -> exit 1 naming the accepted ones, nothing on stdout;
# a missing argument or an unknown option -> usage, exit 2.
"$RL" params --basis fitted >"$tmp/out.txt" 2>"$tmp/err.txt"
expect_eq "exit status of an unknown basis" "$?" 1
grep -q "unknown basis 'fitted'" "$tmp/err.txt" && grep -q 'measured, derived, calibrated, assumed' \
    "$tmp/err.txt" || { fail "unknown basis: no message naming the accepted ones"; show_file stderr "$tmp/err.txt"; }
[ -s "$tmp/out.txt" ] && fail "unknown basis: something was printed on stdout"
"$RL" params --basis >/dev/null 2>&1
expect_eq "exit status of --basis without a value" "$?" 2
"$RL" params --markdown --basis calibrated >/dev/null 2>&1
expect_eq "exit status of --markdown with --basis" "$?" 2
finish
