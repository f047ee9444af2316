#!/bin/sh
# test_claims.sh -- claims files (docs/CLAIMS.md): every invalid file of tests/bad_claims is
# refused before anything runs -- exit 1, a file:line:col message containing the words its
# first line announces ("# expect: ..."), nothing on stdout -- and the worked example of
# docs/CLAIMS.md (examples/claims/footshock_kor.yaml) runs and reports every check, in text,
# JSON and Markdown, and so does its second example (examples/claims/dose_response.yaml: the
# tests beyond the t-tests, not_checked); a folder of claims files runs each and prints the
# summary.
#
# usage: sh tests/cli/test_claims.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

n=0
for f in tests/bad_claims/*.yaml; do
    n=$((n + 1))
    want=$(sed -n '1s/^# expect: //p' "$f")
    [ -n "$want" ] || { fail "$f: no '# expect:' line"; continue; }
    "$RL" validate "$f" --replicates 1 >"$tmp/out" 2>"$tmp/err"
    code=$?
    if [ "$code" -ne 1 ]; then
        fail "$f: exit status $code (expected 1)"
    elif ! grep -q "$f:[0-9][0-9]*:[0-9][0-9]*: " "$tmp/err"; then
        show_file "stderr" "$tmp/err"
        fail "$f: no $f:line:col: message"
    elif ! grep -qF -- "$want" "$tmp/err"; then
        show_file "stderr" "$tmp/err"
        fail "$f: the message does not say '$want'"
    fi
    [ -s "$tmp/out" ] && fail "$f: something was printed on stdout (nothing may run)"
done
[ "$n" -ge 25 ] || fail "only $n invalid claims files in tests/bad_claims (at least 25)"
note "$n invalid claims files refused with file:line:col"

# the worked example of docs/CLAIMS.md
ex=examples/claims/footshock_kor.yaml
grep -q "$ex" docs/CLAIMS.md || fail "docs/CLAIMS.md does not show $ex"
"$RL" validate "$ex" --replicates 2 --seed 4 >"$tmp/ex.txt" 2>"$tmp/ex.err" ||
    { show_file "stderr" "$tmp/ex.err"; die "validate $ex failed"; }
for id in F1 F2 F3 F4; do
    grep -q "^$id " "$tmp/ex.txt" || fail "validate $ex: no row for check $id"
done
grep -q "Magnitudes" "$tmp/ex.txt" || fail "validate $ex: no magnitudes"
"$RL" validate "$ex" --replicates 2 --seed 4 --json >"$tmp/ex.json" 2>/dev/null ||
    fail "validate $ex --json failed"
if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json, sys; d = json.load(sys.stdin); assert len(d["claims"]) == 4' \
        <"$tmp/ex.json" 2>"$tmp/py.err" || fail "validate $ex --json: $(tail -n 1 "$tmp/py.err")"
fi
"$RL" validate "$ex" --replicates 2 --seed 4 --markdown >"$tmp/ex.md" 2>/dev/null ||
    fail "validate $ex --markdown failed"
expect_eq "validate $ex --markdown: table rows" "$(grep -c '^| footshock_kor |' "$tmp/ex.md")" 4
"$RL" validate "$ex" --json --markdown >/dev/null 2>&1
expect_eq "validate --json --markdown: exit status" "$?" 2

# the second example of docs/CLAIMS.md: a series, a baseline, a statistic, not_checked
ex2=examples/claims/dose_response.yaml
grep -q "$ex2" docs/CLAIMS.md || fail "docs/CLAIMS.md does not show $ex2"
"$RL" validate "$ex2" --replicates 2 >"$tmp/ex2.txt" 2>"$tmp/ex2.err" ||
    { show_file "stderr" "$tmp/ex2.err"; die "validate $ex2 failed"; }
for row in "D1 .* slope " "D2 .* slope " "D3 .* d_z " "D4 .* median "; do
    grep -q "^$row" "$tmp/ex2.txt" || fail "validate $ex2: no row matching '$row'"
done
grep -q "^Not checked" "$tmp/ex2.txt" || fail "validate $ex2: the not_checked entry is not shown"
if command -v python3 >/dev/null 2>&1; then
    "$RL" validate "$ex2" --replicates 2 --json >"$tmp/ex2.json" 2>/dev/null
    python3 -c 'import json, sys; d = json.load(sys.stdin)
assert [c["effect"]["measure"] for c in d["claims"]] == ["slope", "slope", "d_z", "median"]
assert len(d["not_checked"]) == 1 and all("study1_text" in c for c in d["claims"])' \
        <"$tmp/ex2.json" 2>"$tmp/py.err" || fail "validate $ex2 --json: $(tail -n 1 "$tmp/py.err")"
fi
"$RL" validate "$ex2" --replicates 2 --markdown >"$tmp/ex2.md" 2>/dev/null
expect_eq "validate $ex2 --markdown: rows (4 checks, 1 not checked)" \
    "$(grep -c '^| dose_response |' "$tmp/ex2.md")" 5

# a folder: every claims file in it, then the summary
mkdir "$tmp/folder"
cp "$ex" "$tmp/folder/a.yaml"
sed 's|protocol: ../relapse_triggers.yaml|protocol: '"$(pwd)"'/examples/relapse_triggers.yaml|' \
    "$ex" >"$tmp/folder/a.yaml"
sed 's/^id: footshock_kor/id: second/' "$tmp/folder/a.yaml" >"$tmp/folder/b.yaml"
"$RL" validate "$tmp/folder" --replicates 1 >"$tmp/f.txt" 2>"$tmp/f.err" ||
    { show_file "stderr" "$tmp/f.err"; fail "validate of a folder failed"; }
grep -q "^Summary of 2 claims files" "$tmp/f.txt" || fail "validate of a folder: no summary"
expect_eq "validate of a folder: summary rows of the second file" \
    "$(grep -c '^second ' "$tmp/f.txt")" 4
finish
