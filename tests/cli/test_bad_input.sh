#!/bin/sh
# test_bad_input.sh -- invalid input is refused cleanly.
#
# Every tests/bad/*.yaml (except good_*.yaml) is an invalid protocol: `relapselab run` must
# exit 1, print "FILE:LINE[:COL]: error ..." on stderr and create no database (not even a
# temporary one). A missing protocol file exits 1 naming it; bad usage exits 2.
#
# usage: sh tests/cli/test_bad_input.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

db=$tmp/x.db
checked=0

for f in tests/bad/*.yaml; do
    [ -e "$f" ] || continue # no files yet: the glob stays unexpanded
    case $(basename "$f") in
        good_*) continue ;;
    esac
    checked=$((checked + 1))
    rm -f "$db" "$db".tmp*
    "$RL" run "$f" --seed 1 --out "$db" --quiet >"$tmp/out" 2>"$tmp/err"
    code=$?
    if [ "$code" -ne 1 ]; then
        fail "$f: exit status $code, expected 1"
        show_file "stderr" "$tmp/err"
    fi
    # The message names the file and a line: "tests/bad/x.yaml:12" (":col" may follow).
    if ! grep -F "$f:" "$tmp/err" | grep -q "$f:[0-9][0-9]*"; then
        fail "$f: stderr does not contain '$f:<line>'"
        show_file "stderr" "$tmp/err"
    elif ! grep -qi 'error' "$tmp/err"; then
        fail "$f: stderr does not contain the word 'error'"
        show_file "stderr" "$tmp/err"
    fi
    no_db "$db"
done
if [ "$checked" -eq 0 ]; then
    note "no invalid protocols in tests/bad/ yet; checking the other cases only"
else
    note "$checked invalid protocols refused"
fi

# A protocol file that does not exist: exit 1, the message names it, no database.
missing=$tmp/no_such_protocol.yaml
"$RL" run "$missing" --seed 1 --out "$db" --quiet >"$tmp/out" 2>"$tmp/err"
code=$?
expect_eq "missing protocol: exit status" "$code" 1
if ! grep -qF "$missing" "$tmp/err"; then
    fail "missing protocol: stderr does not name '$missing'"
    show_file "stderr" "$tmp/err"
fi
no_db "$db"

# Usage errors: exit 2, nothing created. The protocol itself is valid.
write_small_protocol "$tmp/small.yaml"
check_usage() {
    what=$1
    shift
    "$RL" run "$tmp/small.yaml" "$@" --out "$db" --quiet >"$tmp/out" 2>"$tmp/err"
    code=$?
    if [ "$code" -ne 2 ]; then
        fail "$what: exit status $code, expected 2 (usage error)"
        show_file "stderr" "$tmp/err"
    elif [ ! -s "$tmp/err" ]; then
        fail "$what: exit status 2 but nothing on stderr"
    fi
    no_db "$db"
}
check_usage "--threads 0" --seed 1 --threads 0
check_usage "--seed -3" --seed -3
check_usage "unknown option --frobnicate" --seed 1 --frobnicate

finish
