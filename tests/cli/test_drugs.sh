#!/bin/sh
# relapselab drugs: the drug table (src/biology/drugs.c) as text and Markdown, one drug by
# name or alias, clear errors; and docs/DRUGS.md's table is exactly `relapselab drugs
# --markdown` (between its drugs:begin/end markers), so the documented table and the code
# cannot drift apart.
. "$(dirname "$0")/lib.sh"

# The list: a comment line, a header, one line per drug.
"$RL" drugs >"$tmp/list.txt" 2>"$tmp/err.txt" || fail "drugs exited $?"
n=$(grep -v '^#' "$tmp/list.txt" | grep -vc '^drug ')
expect_eq "drugs listed" "$n" 12
for d in cocaine naloxone naltrexone buprenorphine nor-BNI JDTic naltrindole CTAP beta-FNA \
    U50,488 SCH23390 raclopride; do
    grep -q "^$d " "$tmp/list.txt" || fail "drug '$d' missing from the list"
done

# Markdown: a table with a header, a separator and 12 rows, then one section per drug.
"$RL" drugs --markdown >"$tmp/list.md" || fail "drugs --markdown exited $?"
grep -q '^| Drug | Kind | MOR | DOR | KOR | DAT | D1 | D2 |' "$tmp/list.md" ||
    fail "drugs --markdown has no table header"
grep -q '^|---|' "$tmp/list.md" || fail "drugs --markdown has no separator row"
expect_eq "markdown drug sections" "$(grep -c '^### ' "$tmp/list.md")" 12

# One drug, by name and by alias (case and punctuation ignored).
"$RL" drugs naloxone >"$tmp/one.txt" || fail "drugs naloxone exited $?"
expect_eq "first line of 'drugs naloxone'" "$(head -n 1 "$tmp/one.txt")" naloxone
grep -q 'Ki at MOR' "$tmp/one.txt" || fail "drugs naloxone: no Ki at MOR"
grep -q 'i.p. elimination half-life' "$tmp/one.txt" || fail "drugs naloxone: no i.p. PK"
grep -q '1 mg/kg i.v.: brain free peak' "$tmp/one.txt" || fail "drugs naloxone: no derived peak"
if grep -q 'nor-BNI' "$tmp/one.txt"; then fail "drugs naloxone printed another drug"; fi
"$RL" drugs NORBNI >"$tmp/alias.txt" || fail "drugs NORBNI exited $?"
expect_eq "alias NORBNI" "$(head -n 1 "$tmp/alias.txt")" nor-BNI
grep -q 'KOR inactivation half-life' "$tmp/alias.txt" || fail "nor-BNI: no inactivation"

# Errors: unknown drug -> 1 with a message; bad usage -> 2.
"$RL" drugs morphine >"$tmp/out.txt" 2>"$tmp/err.txt"
expect_eq "exit status of unknown drug" "$?" 1
grep -q "unknown drug 'morphine'" "$tmp/err.txt" || { fail "no message for unknown drug"; show_file stderr "$tmp/err.txt"; }
"$RL" drugs --bogus >/dev/null 2>&1
expect_eq "exit status of a bad option" "$?" 2
"$RL" drugs naloxone naltrexone >/dev/null 2>&1
expect_eq "exit status of two names" "$?" 2

# docs/DRUGS.md holds the Markdown output between its markers.
awk '/<!-- drugs:end -->/ { p = 0 } p { print } /<!-- drugs:begin -->/ { p = 1 }' docs/DRUGS.md \
    >"$tmp/doc.md"
if ! cmp -s "$tmp/list.md" "$tmp/doc.md"; then
    fail "docs/DRUGS.md drug table is out of date: put the output of 'relapselab drugs --markdown' between its drugs:begin/end markers"
    diff "$tmp/list.md" "$tmp/doc.md" | head -20 >&2
fi

finish
