#!/bin/sh
# tools/sensitivity.sh on a temporary VALIDATION.md (OUT_DIR), one parameter, tiny runs
# (REPLICATES=1, PANEL=0): the section is written between its markers with the rest of the
# file kept byte for byte, appended when the markers are absent, and a perturbation outside
# the plausible range is reported in its row, not clipped; the seed claims' magnitudes get a
# table of their own; a name that is not a parameter, or broken markers, is an error that
# leaves the file untouched. A few seconds (4 runs of one virtual study; about 15 s under
# ASan).
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 not found (tools/sensitivity.sh needs it)"
mkdir -p "$tmp/doc"
doc=$tmp/doc/VALIDATION.md

# sens PARAMS: run the script on $doc; its output in $tmp/out.txt and $tmp/err.txt.
sens() {
    PARAMS=$1 REPLICATES=1 PANEL=0 SEED=1 OUT_DIR=$tmp/doc \
        sh tools/sensitivity.sh "$RL" >"$tmp/out.txt" 2>"$tmp/err.txt"
}

# leftovers: the script's temporary files must be gone (an atomic write renames its one).
leftovers() {
    for f in "$tmp/doc"/.VALIDATION.md.*; do
        [ -e "$f" ] && fail "temporary file '$f' left behind"
    done
}

# The parameter: one whose value sits at the upper edge of its plausible range (so that
# x 1.2 is refused), read from `relapselab params`; else the first calibrated one.
edge=$("$RL" params | sed -n 's/^\([a-z0-9_]*\) *\([^ ]*\) .*\[[^,]*, \([^]]*\)\].*/\1 \2 \3/p' |
    awk '$2 == $3 { print $1; exit }')
first=${edge:-$("$RL" params --basis calibrated | head -n 1)}
[ -n "$first" ] || die "params --basis calibrated printed nothing"

# 1. Markers in the middle of the document: the text around them is kept byte for byte.
printf '# Validation\n\nBefore the section.\n\n<!-- sensitivity:begin -->\nold text\n<!-- sensitivity:end -->\n\nAfter the section, no newline at the end' >"$doc"
printf '# Validation\n\nBefore the section.\n\n' >"$tmp/before.txt"
printf '\nAfter the section, no newline at the end' >"$tmp/after.txt"
if ! sens "$first"; then
    fail "sensitivity.sh exited $?"
    show_file stderr "$tmp/err.txt"
fi
leftovers
block_kept "$doc" sensitivity "$tmp/before.txt" "$tmp/after.txt" "$tmp/block.txt"
grep -q 'old text' "$tmp/block.txt" && fail "the old section was not replaced"
grep -q '^## Sensitivity' "$tmp/block.txt" || fail "no section heading"
grep -q '^| \*\*reference\*\* | table values |' "$tmp/block.txt" || fail "no reference row"
grep -q '^| parameter | value | S1 ' "$tmp/block.txt" || fail "no seed claims in the table header"
grep -q '^| replicates | 1 virtual studies' "$tmp/block.txt" || fail "replicates not stated"
grep -q '^| version | .*, commit ' "$tmp/block.txt" || fail "commit not stated"
for f in 0.8 1.2; do
    grep -q "^| \`$first\` | × $f = " "$tmp/block.txt" || fail "no row for $first x $f"
done
grep -q "^| \`$first\` | × 0.8 = [^|]* | [0-9]* % |" "$tmp/block.txt" ||
    fail "$first x 0.8: no rates"
if [ -n "$edge" ]; then
    grep -q "^| \`$edge\` | × 1.2 = [^|]*: not run, outside the plausible range \[" \
        "$tmp/block.txt" || fail "$edge x 1.2 (above its range) not reported as not run"
    grep -q '^| not run | 1 of 2 perturbations' "$tmp/block.txt" || fail "the refusal not counted"
else
    note "no parameter at the upper edge of its range: the refusal is not tested"
fi
# The seed claims' magnitudes of the same runs: a table of their means, with the ranges.
sed -n '/^\*\*Magnitudes\*\*/,$p' "$tmp/block.txt" >"$tmp/mags.txt"
[ -s "$tmp/mags.txt" ] || fail "no magnitudes table"
grep -q '^| parameter | value | [^|]*([0-9.]*–[0-9.]*[^|]*) |' "$tmp/mags.txt" ||
    fail "magnitudes: no header with ranges"
grep -q '^| \*\*reference\*\* | table values | [0-9.]* |' "$tmp/mags.txt" ||
    fail "magnitudes: no reference row"
grep -q "^| \`$first\` | × 0.8 = [^|]* | [0-9.]* |" "$tmp/mags.txt" ||
    fail "magnitudes: no row for $first x 0.8"
grep -q '^- No magnitude enters its range\.\|enters its range: ' "$tmp/mags.txt" ||
    fail "magnitudes: no summary of the ranges entered"
[ "$failures" -eq 0 ] || show_file block "$tmp/block.txt"

# 2. No markers: the section is appended; the document is a byte prefix of the result.
printf '# Validation\n\nNo section yet.\n' >"$doc"
cp "$doc" "$tmp/orig.md"
sens "$first" || { fail "sensitivity.sh (no markers) exited $?"; show_file stderr "$tmp/err.txt"; }
n=$(wc -c <"$tmp/orig.md")
head -c "$n" "$doc" | cmp -s - "$tmp/orig.md" || fail "appending changed the document"
expect_eq "begin markers after appending" "$(grep -c '^<!-- sensitivity:begin -->$' "$doc")" 1
expect_eq "last line after appending" "$(tail -n 1 "$doc")" "<!-- sensitivity:end -->"

# 3. Errors leave the file untouched: a name that is not a parameter (named in the
# message), broken markers.
cp "$doc" "$tmp/orig.md"
sens "$first no_such_parameter"
expect_eq "exit status for an unknown parameter" "$?" 1
grep -q 'not a parameter: no_such_parameter' "$tmp/err.txt" ||
    { fail "no message naming the unknown parameter"; show_file stderr "$tmp/err.txt"; }
cmp -s "$doc" "$tmp/orig.md" || fail "an unknown parameter changed the document"
printf 'text\n<!-- sensitivity:begin -->\nno end marker\n' >"$doc"
cp "$doc" "$tmp/orig.md"
sens "$first"
expect_eq "exit status for a begin marker without an end" "$?" 1
grep -q 'fix the markers by hand' "$tmp/err.txt" || fail "no message about the markers"
cmp -s "$doc" "$tmp/orig.md" || fail "broken markers: the document changed"
leftovers
finish
