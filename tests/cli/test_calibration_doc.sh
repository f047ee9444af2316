#!/bin/sh
# tools/update-calibration-doc.sh on a temporary VALIDATION.md (OUT_DIR), tiny runs: two
# parameters, --design 2 --local 1, R = 2, the check at R = 2, and the tiny claims file
# tests/data/calibrate_small.yaml in place of the seed claims and of both halves of the
# panel (SEED_CLAIMS, PANEL_CAL, PANEL_HOLDOUT). Checks:
#   - the section is written between its markers, the rest of the file kept byte for byte;
#     without markers it is inserted just before the sensitivity section;
#   - the reference loss it reports on the fresh seeds (S + R) is the loss of
#     docs/CALIBRATION.md recomputed here from `validate --json`, and the same formula on
#     the search's seeds gives the search's own evaluation 0 (so the two losses agree);
#   - an unknown parameter, broken markers, a run that fails: exit 1, file untouched;
#   - tools/update-validation-doc.sh (R = 2, no panel) carries the section over.
# About 5 s (about 30 s under ASan).
. "$(dirname "$0")/lib.sh"

command -v python3 >/dev/null 2>&1 || skip "python3 not found (the script needs it)"
small=tests/data/calibrate_small.yaml
[ -f "$small" ] || die "$small not found (run from the repository root)"
mkdir -p "$tmp/doc"
doc=$tmp/doc/VALIDATION.md

# caldoc PARAMS [HOLDOUT]: run the script on $doc; its output in $tmp/out.txt, $tmp/err.txt.
caldoc() {
    PARAMS=$1 DESIGN=2 LOCAL=1 REPLICATES=2 CHECK_REPLICATES=2 SEED=1 OUT_DIR=$tmp/doc \
        JSON_DIR=$tmp/json SEED_CLAIMS=$small PANEL_CAL=$small PANEL_HOLDOUT=${2:-$small} \
        sh tools/update-calibration-doc.sh "$RL" >"$tmp/out.txt" 2>"$tmp/err.txt"
}

leftovers() {
    for f in "$tmp/doc"/.VALIDATION.md.*; do
        [ -e "$f" ] && fail "temporary file '$f' left behind"
    done
}

# loss_of JSON: docs/CALIBRATION.md's loss of the first file of a validate --json document
# (mean over the rows with a target and the magnitudes with a range of the squared
# shortfall), printed with 4 decimals.
loss_of() {
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
d = d[0] if isinstance(d, list) else d
rows = [c for c in d["claims"] if c["target"] is not None]
mags = [m for m in d["magnitudes"] if "range" in m]
s = 0.0
for c in rows:
    gap = c["rate"] - c["target"] if c["expect"] == "no_difference" else c["target"] - c["rate"]
    s += max(0.0, gap) ** 2
for m in mags:
    lo, hi = m["range"]
    s += 1.0 if m["mean"] is None else (max(0.0, lo - m["mean"], m["mean"] - hi) / (hi - lo)) ** 2
print("%.4f" % (s / (len(rows) + len(mags))))' "$1"
}

# 1. Markers in the middle of the document: the text around them is kept byte for byte.
printf '# Validation\n\nBefore.\n\n<!-- calibration:begin -->\nold text\n<!-- calibration:end -->\n\nAfter, no newline at the end' >"$doc"
printf '# Validation\n\nBefore.\n\n' >"$tmp/before.txt"
printf '\nAfter, no newline at the end' >"$tmp/after.txt"
caldoc "alpha_cue,burst_s" || { fail "the script exited $?"; show_file stderr "$tmp/err.txt"; }
leftovers
block_kept "$doc" calibration "$tmp/before.txt" "$tmp/after.txt" "$tmp/block.txt"
grep -q 'old text' "$tmp/block.txt" && fail "the old section was not replaced"
grep -q '^## Calibration and generalisation$' "$tmp/block.txt" || fail "no section heading"
grep -q '^| step 2 (half) | `.*calibrate .* --holdout .* --design 2 --local 1 --replicates 2 ' \
    "$tmp/block.txt" || fail "the step 2 command is not stated"
grep -q '^| step 3 (final) | `.*calibrate ' "$tmp/block.txt" ||
    fail "the step 3 command is not stated"
grep -q '^| seeds | search: 1..2 .*check: 3..4 ' "$tmp/block.txt" || fail "the seeds are not stated"
grep -q '^| version | .*, commit ' "$tmp/block.txt" || fail "the commit is not stated"
for p in alpha_cue burst_s; do
    grep -q "^| \`$p\` | \[[^]]*\] | log | [0-9.e-]* | " "$tmp/block.txt" ||
        fail "no parameter row for $p"
done
grep -q '^--set alpha_cue=[0-9.e+-]* --set burst_s=[0-9.e+-]*$' "$tmp/block.txt" ||
    fail "no --set code block"
grep -q '^| `tests/data/calibrate_small.yaml` | held out | ' "$tmp/block.txt" ||
    fail "no hold-out row"
grep -q '^| whole panel | [0-9]* of 2 | ' "$tmp/block.txt" || fail "no panel pass count"
[ -s "$tmp/json/calibration-half.json" ] || fail "the step 2 JSON was not kept"
[ "$failures" -eq 0 ] || show_file block "$tmp/block.txt"

# The losses: the reference row on fresh seeds, and the formula against the search's own.
"$RL" validate "$small" --replicates 2 --seed 3 --json >"$tmp/fresh.json" ||
    die "validate (fresh seeds) failed"
want=$(loss_of "$tmp/fresh.json")
got=$(sed -n 's/^| `[^`]*` | held out | \([0-9.]*\), .*/\1/p' "$tmp/block.txt")
expect_eq "reference loss of the hold-out file on seeds 3..4" "$got" "$want"
"$RL" validate "$small" --replicates 2 --seed 1 --json >"$tmp/search.json" ||
    die "validate (search seeds) failed"
search=$(python3 -c 'import json, sys
print("%.4f" % json.load(open(sys.argv[1]))["evaluations"][0]["file_loss"][0])' \
    "$tmp/json/calibration-half.json")
expect_eq "the loss formula against calibrate's evaluation 0" "$(loss_of "$tmp/search.json")" \
    "$search"

# 2. No markers: the section goes just before the sensitivity section; the rest is kept.
printf '# V\n\ntext\n\n<!-- sensitivity:begin -->\nsens\n<!-- sensitivity:end -->\n' >"$doc"
caldoc "burst_s" || { fail "the script (no markers) exited $?"; show_file stderr "$tmp/err.txt"; }
b=$(grep -n '^<!-- calibration:begin -->$' "$doc" | cut -d: -f1)
e=$(grep -n '^<!-- calibration:end -->$' "$doc" | cut -d: -f1)
expect_eq "the section starts after the text" "$b" 5
sed "${b},$((e + 1))d" "$doc" >"$tmp/rest.txt"
printf '# V\n\ntext\n\n<!-- sensitivity:begin -->\nsens\n<!-- sensitivity:end -->\n' |
    cmp -s - "$tmp/rest.txt" || fail "inserting the section changed the rest of the document"

# 3. Errors leave the file untouched.
cp "$doc" "$tmp/orig.md"
caldoc "burst_s,no_such_parameter"
expect_eq "exit status for an unknown parameter" "$?" 1
grep -q 'not a parameter: no_such_parameter' "$tmp/err.txt" ||
    { fail "no message naming the unknown parameter"; show_file stderr "$tmp/err.txt"; }
cmp -s "$doc" "$tmp/orig.md" || fail "an unknown parameter changed the document"
caldoc "burst_s" tests/data/small.yaml   # a protocol, not a claims file: calibrate fails
expect_eq "exit status for a failed run" "$?" 1
grep -q 'failed with exit status' "$tmp/err.txt" ||
    { fail "no message about the failed run"; show_file stderr "$tmp/err.txt"; }
cmp -s "$doc" "$tmp/orig.md" || fail "a failed run changed the document"
printf 'text\n<!-- calibration:end -->\n<!-- calibration:begin -->\n' >"$doc"
cp "$doc" "$tmp/orig.md"
caldoc "burst_s"
expect_eq "exit status for markers in the wrong order" "$?" 1
grep -q 'fix the markers by hand' "$tmp/err.txt" || fail "no message about the markers"
cmp -s "$doc" "$tmp/orig.md" || fail "broken markers: the document changed"
leftovers

# 4. tools/update-validation-doc.sh carries the section over, before the sensitivity one.
printf '# V\n\n<!-- calibration:begin -->\ncal kept\n<!-- calibration:end -->\n\n<!-- sensitivity:begin -->\nsens kept\n<!-- sensitivity:end -->\n' >"$doc"
REPLICATES=2 LITERATURE=0 OUT_DIR=$tmp/doc sh tools/update-validation-doc.sh "$RL" \
    >"$tmp/out.txt" 2>"$tmp/err.txt" ||
    { fail "update-validation-doc.sh exited $?"; show_file stderr "$tmp/err.txt"; }
c=$(grep -n '^cal kept$' "$doc" | cut -d: -f1)
s=$(grep -n '^sens kept$' "$doc" | cut -d: -f1)
[ -n "$c" ] || fail "update-validation-doc.sh dropped the calibration section"
[ -n "$c" ] && [ -n "$s" ] && [ "$c" -lt "$s" ] ||
    fail "update-validation-doc.sh: the calibration section is not before the sensitivity one"
finish
