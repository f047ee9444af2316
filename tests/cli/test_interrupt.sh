#!/bin/sh
# test_interrupt.sh -- SIGINT (Ctrl-C) during a run leaves no database and no temporary file.
#
# The run is started in the background and sent SIGINT after 0.1 s, then again every 0.2 s
# while it is still running: a background command of a non-interactive shell starts with
# SIGINT ignored until relapselab installs its handler, so a single early signal could be
# lost. If the run finishes before it is interrupted (it is short), the test retries with a
# 20x larger cohort.
#
# usage: sh tests/cli/test_interrupt.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

example=examples/gutierrez2014.yaml
[ -f "$example" ] || die "$example not found (run from the repository root)"

# interrupt PROTOCOL: run it in the background, interrupt it; sets $code. Returns 0 if the run
# was interrupted, 1 if it finished before the signal.
interrupt() {
    db=$tmp/big.db
    rm -f "$db" "$db".tmp*
    "$RL" run "$1" --seed 3 --threads 1 --out "$db" --quiet >"$tmp/out" 2>"$tmp/err" &
    sigint_job $!
    if [ "$code" -eq 0 ] && [ -f "$db" ]; then
        return 1
    fi
    return 0
}

if interrupt "$example"; then
    note "interrupted $example (exit status $code)"
else
    note "$example finished before SIGINT; retrying with 200 mice per group"
    sed 's/n: 10,/n: 200,/' "$example" >"$tmp/huge.yaml"
    grep -q 'n: 200,' "$tmp/huge.yaml" || die "could not enlarge the cohort of $example"
    if ! interrupt "$tmp/huge.yaml"; then
        die "the run finished (exit 0, database written) despite SIGINT"
    fi
    note "interrupted the large run (exit status $code)"
fi

# The tool's contract (src/cli/main.c): 130 = interrupted. Anything else (0, 1, a crash)
# is a failure.
if [ "$code" -ne 130 ]; then
    fail "interrupted run exited with status $code, expected 130"
    show_file "stderr" "$tmp/err"
fi
no_db "$tmp/big.db"

finish
