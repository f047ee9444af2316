#!/bin/sh
# test_determinism.sh -- the same seed gives a byte-identical database whatever --threads;
# another seed gives another database; the database holds the expected run.
#
# usage: sh tests/cli/test_determinism.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

write_small_protocol "$tmp/small.yaml"
# Run from inside $tmp with a relative protocol path, so that run.command and
# run.protocol_path are the same text in every run.
cd "$tmp" || die "cannot cd to $tmp"

run() {
    out=$1
    shift
    if ! "$RL" run small.yaml "$@" --out "$out" --quiet >"run.out" 2>"run.err"; then
        fail "relapselab run small.yaml $* --out $out failed"
        show_file "stderr" run.err
        finish
    fi
    [ -f "$out" ] || die "relapselab run ... --out $out exited 0 but wrote no database"
}

run a.db --seed 7 --threads 1
run b.db --seed 7 --threads 2
run c.db --seed 7 --threads 1
run d.db --seed 8 --threads 1

cmp a.db b.db >/dev/null || fail "seed 7: --threads 1 and --threads 2 give different databases"
cmp a.db c.db >/dev/null || fail "seed 7: two runs with --threads 1 give different databases"
if cmp a.db d.db >/dev/null; then
    fail "seeds 7 and 8 give identical databases"
fi

if have_sqlite3; then
    expect_eq "select count(*) from subjects" "$(sql a.db 'select count(*) from subjects')" 6
    n=$(sql a.db 'select count(*) from sessions')
    [ "${n:-0}" -gt 0 ] 2>/dev/null || fail "select count(*) from sessions: got '$n', expected > 0"
    n=$(sql a.db 'select count(*) from events')
    [ "${n:-0}" -gt 0 ] 2>/dev/null || fail "select count(*) from events: got '$n', expected > 0"
    expect_eq "select status from run" "$(sql a.db 'select status from run')" complete
    expect_eq "select seed from run" "$(sql a.db 'select seed from run')" 7
    expect_eq "select seed from run (seed 8)" "$(sql d.db 'select seed from run')" 8
else
    note "sqlite3 is not installed: skipping the database queries (make deps installs it)"
fi

finish
