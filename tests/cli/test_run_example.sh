#!/bin/sh
# test_run_example.sh -- the main example runs end to end; the informational commands work.
#
# usage: sh tests/cli/test_run_example.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

example=examples/gutierrez2014.yaml
[ -f "$example" ] || die "$example not found (run from the repository root)"
db=$tmp/g.db

"$RL" run "$example" --seed 1 --out "$db" >"$tmp/out" 2>"$tmp/err"
code=$?
if [ "$code" -ne 0 ]; then
    show_file "stderr" "$tmp/err"
    die "relapselab run $example --seed 1 --out $db: exit status $code, expected 0"
fi
[ -f "$db" ] || die "relapselab run exited 0 but $db does not exist"

# The summary (stdout) names every group of the example and reports its measures.
groups=$(sed -n 's/^[[:space:]]*-[[:space:]]*{[[:space:]]*name:[[:space:]]*\([^,}]*\).*/\1/p' \
    "$example")
[ -n "$groups" ] || die "found no group names in $example"
for g in $groups; do
    grep -qF -- "$g" "$tmp/out" || fail "summary does not mention group '$g'"
done
for word in breakpoint 'criteria met' "Results database: $db"; do
    grep -qF -- "$word" "$tmp/out" || fail "summary does not contain '$word'"
done
if [ "$failures" -ne 0 ]; then
    show_file "stdout" "$tmp/out"
fi

if have_sqlite3; then
    # Expected number of mice: the sum of the groups' n in the example (160 today).
    want=$(sed -n 's/.*[{,][[:space:]]*n:[[:space:]]*\([0-9][0-9]*\).*/\1/p' "$example" |
        awk '{ s += $1 } END { print s + 0 }')
    [ "$want" -gt 0 ] || want=160
    expect_eq "select count(*) from subjects" "$(sql "$db" 'select count(*) from subjects')" "$want"
    for q in 'select count(*) from phases' 'select count(*) from sessions' \
        'select count(*) from events' 'select status from run'; do
        if ! r=$(sql "$db" "$q" 2>"$tmp/sqlerr"); then
            fail "query '$q' failed: $(cat "$tmp/sqlerr")"
        elif [ -z "$r" ] || [ "$r" = 0 ]; then
            fail "query '$q' returned '$r'"
        fi
    done
    expect_eq "select status from run" "$(sql "$db" 'select status from run')" complete
else
    note "sqlite3 is not installed: skipping the database queries (make deps installs it)"
fi

# Informational commands.
"$RL" help >"$tmp/out" 2>&1 || fail "relapselab help: exit status $?, expected 0"
if "$RL" params --markdown >"$tmp/out" 2>"$tmp/err"; then
    grep -q '^| Parameter |' "$tmp/out" || fail "relapselab params --markdown: no '| Parameter |' header"
    [ "$(grep -c '^| `' "$tmp/out")" -gt 0 ] || fail "relapselab params --markdown: no parameter rows"
else
    fail "relapselab params --markdown failed"
fi
if "$RL" genotypes >"$tmp/out" 2>"$tmp/err"; then
    for g in 'Oprm1-/-' 'Pdyn+/-'; do
        grep -qF -- "$g" "$tmp/out" || fail "relapselab genotypes does not list '$g'"
    done
else
    fail "relapselab genotypes failed"
fi

finish
