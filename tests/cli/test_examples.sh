#!/bin/sh
# test_examples.sh -- every protocol in examples/ loads, runs and writes its database.
#
# usage: sh tests/cli/test_examples.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

n=0
for f in examples/*.yaml; do
    n=$((n + 1))
    db="$tmp/$(basename "$f" .yaml).db"
    if ! "$RL" run "$f" --seed 3 --out "$db" --quiet >"$tmp/out" 2>"$tmp/err"; then
        show_file "stderr" "$tmp/err"
        fail "relapselab run $f failed"
        continue
    fi
    [ -s "$db" ] || fail "$f: no database written"
    if have_sqlite3; then
        groups=$(sql "$db" "select count(*) from groups")
        [ "$groups" -gt 0 ] || fail "$f: no groups in the database"
    fi
done
[ "$n" -ge 2 ] || fail "expected at least 2 example protocols, found $n"
note "$n example protocols run"
finish
