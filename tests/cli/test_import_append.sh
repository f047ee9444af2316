#!/bin/sh
# test_import_append.sh -- issue 13 item 1: `import-medpc ... --append` adds a batch to an
# existing database of imported sessions. Subjects met before keep their id and group, a
# subject's sessions are numbered by date across batches (day, session_in_phase), new
# groups and phases are added, a session already in the database (same subject, start time,
# box and program) is reported (file:line of the new one, the existing session id) and
# skipped, the batches are recorded (import_batches, import_files.batch_id). A failing append
# -- every allocation failing in turn, an unwritable folder, a simulated run, an old schema
# -- leaves the database byte-identical (cmp) and no temporary file. The MED-PC files are
# built here from the format (relapselab profile: E = codes, T = times, C(0)/C(1) = counters).
#
# usage: sh tests/cli/test_import_append.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

session() { # SUBJECT DATE BOX GROUP MSN -- one active (1) and one inactive (2) poke, end
    printf 'File: x\r\n\r\nStart Date: %s\r\nEnd Date: %s\r\n' "$2" "$2"
    printf 'Subject: %s\r\nExperiment: E\r\nGroup: %s\r\nBox: %s\r\n' "$1" "$4" "$3"
    printf 'Start Time:  9:00:00\r\nEnd Time: 10:00:00\r\nMSN: %s\r\n' "$5"
    printf 'C:\r\n     0:        1.000        1.000        0.000        0.000\r\n'
    printf 'E:\r\n     0:        1.000        2.000      100.000\r\n'
    printf 'T:\r\n     0:       12.500       20.000     3600.000\r\n'
}

mkdir "$tmp/b1" "$tmp/b2"
session M1 01/02/24 1 G1 acquisition >"$tmp/b1/m1-d2"
session M1 01/04/24 1 G1 extinction >"$tmp/b1/m1-d4"
session M2 01/02/24 2 G1 acquisition >"$tmp/b1/m2-d2"
{ # the batch's first file: a new day of M1 between the two it has, then a duplicate
    session M1 01/03/24 1 G1 acquisition
    session M1 01/02/24 1 G1 acquisition
} >"$tmp/b2/m1"
session M1 01/02/24 4 G1 acquisition >"$tmp/b2/m1-box4"  # other box: not a duplicate
session M3 01/02/24 3 G2 reinstatement >"$tmp/b2/m3"     # new subject, group and phase

expect_exit 0 "first batch" "$RL" import-medpc "$tmp/b1" --profile relapselab --out "$tmp/a.db"
cp "$tmp/a.db" "$tmp/a.before"

# --append and --replace exclude each other; without either, an existing DB is refused
expect_exit 2 "--append --replace" "$RL" import-medpc "$tmp/b2" --profile relapselab \
    --out "$tmp/a.db" --append --replace
expect_exit 1 "existing database" "$RL" import-medpc "$tmp/b2" --profile relapselab \
    --out "$tmp/a.db"
grep -q -- "--append to add" "$tmp/err" || { show_file stderr "$tmp/err"; fail "refusal does not name --append"; }

# every allocation of an append failing in turn: exit 1 and the database byte-identical
RL_ALLOC_TRACE="$tmp/trace" "$RL" import-medpc "$tmp/b2" --profile relapselab \
    --out "$tmp/a.db" --append --quiet >/dev/null 2>&1 || fail "traced append failed"
cp "$tmp/a.before" "$tmp/a.db"
sites=0
for k in $(awk '!seen[$2]++ { print $1 }' "$tmp/trace"); do
    sites=$((sites + 1))
    RL_ALLOC_FAIL_AT=$k "$RL" import-medpc "$tmp/b2" --profile relapselab --out "$tmp/a.db" \
        --append --quiet >"$tmp/out" 2>"$tmp/err"
    status=$?
    if [ "$status" -ne 0 ]; then
        [ "$status" -eq 1 ] || { show_file stderr "$tmp/err"; fail "allocation $k failing: exit $status"; }
        cmp -s "$tmp/a.db" "$tmp/a.before" || fail "allocation $k failing changed the database"
    fi
    cp "$tmp/a.before" "$tmp/a.db"
done
[ "$sites" -gt 10 ] || fail "the append traced only $sites allocation sites"
ls "$tmp" | grep -q 'tmp-' && fail "a failing append left a temporary file"

# an unwritable folder: the copy cannot be made, the database stays as it was
mkdir "$tmp/ro"
cp "$tmp/a.before" "$tmp/ro/a.db"
chmod a-w "$tmp/ro"
if [ -w "$tmp/ro" ]; then
    note "running as root: the unwritable-folder case is not checked"
else
    expect_exit 1 "unwritable folder" "$RL" import-medpc "$tmp/b2" --profile relapselab \
        --out "$tmp/ro/a.db" --append
    cmp -s "$tmp/ro/a.db" "$tmp/a.before" || fail "a failing append changed the database"
fi
chmod u+w "$tmp/ro"

# the append itself
expect_exit 0 "append" "$RL" import-medpc "$tmp/b2" --profile relapselab --out "$tmp/a.db" \
    --append
grep -q "b2/m1:18: error: duplicate session: same subject, start time, box and program as session 1 already in the database (.*b1/m1-d2 line 1)" "$tmp/err" ||
    { show_file stderr "$tmp/err"; fail "the duplicate is not reported with its line and the existing session"; }
grep -q "^Imported 3 of 4 sessions" "$tmp/out" || { show_file stdout "$tmp/out"; fail "append: wrong count"; }
grep -q "^Duplicates: 1 sessions" "$tmp/out" || { show_file stdout "$tmp/out"; fail "append: no Duplicates line"; }
grep -q "appended: it held 3 sessions of 2 subjects; now 3 subjects" "$tmp/out" ||
    { show_file stdout "$tmp/out"; fail "append: the summary does not say what was there"; }
if have_sqlite3; then
    # subject ids kept, a new subject after them; M1's days in date order across batches
    expect_eq "subjects" "$(sql "$tmp/a.db" "select group_concat(subject_id || ':' || name || ':' || group_id, ' ') from subjects")" \
        "0:M1:0 1:M2:0 2:M3:1"
    expect_eq "M1's sessions by day" "$(sql "$tmp/a.db" "select group_concat(i.start_time || '/' || s.day || '/' || s.phase_name || '/' || s.session_in_phase || '/' || i.box, ' ') from (select * from sessions order by day) s join import_sessions i using (session_id) where s.subject_id = 0")" \
        "2024-01-02T09:00:00/0/acquisition/0/1 2024-01-02T09:00:00/1/acquisition/1/4 2024-01-03T09:00:00/2/acquisition/2/1 2024-01-04T09:00:00/3/extinction/0/1"
    expect_eq "session ids kept" "$(sql "$tmp/a.db" "select group_concat(session_id) from (select session_id from sessions s join import_sessions i using (session_id) join import_files f using (file_id) where f.batch_id = 1 order by session_id)")" "1,2,3"
    expect_eq "groups" "$(sql "$tmp/a.db" "select group_concat(name || '=' || n) from groups")" "G1=2,G2=1"
    expect_eq "phases" "$(sql "$tmp/a.db" "select group_concat(name) from phases") $(sql "$tmp/a.db" "select n_phases from procedures")" \
        "acquisition,extinction,reinstatement 3"
    expect_eq "batches" "$(sql "$tmp/a.db" "select count(*) from import_batches") $(sql "$tmp/a.db" "select command like '%--append' from import_batches where batch_id = 2")" "2 1"
    expect_eq "files of batch 2" "$(sql "$tmp/a.db" "select count(*) from import_files where batch_id = 2")" 3
    expect_eq "integrity" "$(sql "$tmp/a.db" "pragma foreign_key_check") $(sql "$tmp/a.db" "pragma integrity_check")" " ok"
fi
expect_exit 0 "summary after append" "$RL" summary "$tmp/a.db"
grep -q "3 subjects, 6 sessions" "$tmp/out" || { show_file stdout "$tmp/out"; fail "summary: wrong totals"; }

# the same batch again: nothing new, the database unchanged, exit 0
cp "$tmp/a.db" "$tmp/a.after"
expect_exit 0 "same batch again" "$RL" import-medpc "$tmp/b2" --profile relapselab \
    --out "$tmp/a.db" --append
grep -q "unchanged: every session is already in it" "$tmp/out" || { show_file stdout "$tmp/out"; fail "no 'unchanged' line"; }
cmp -s "$tmp/a.db" "$tmp/a.after" || fail "appending only duplicates changed the database"

# --append to a missing database creates it (as a first import)
expect_exit 0 "append, new database" "$RL" import-medpc "$tmp/b1" --profile relapselab \
    --out "$tmp/new.db" --append
[ -f "$tmp/new.db" ] || fail "--append did not create a missing database"

# a simulated run is refused, byte-identical
write_small_protocol "$tmp/p.yaml"
"$RL" run "$tmp/p.yaml" --seed 1 --out "$tmp/sim.db" --quiet >/dev/null 2>&1 || die "run failed"
cp "$tmp/sim.db" "$tmp/sim.before"
expect_exit 1 "append to a simulation" "$RL" import-medpc "$tmp/b2" --profile relapselab \
    --out "$tmp/sim.db" --append
grep -q "written by \`relapselab run\` (a simulation)" "$tmp/err" || { show_file stderr "$tmp/err"; fail "simulation: no clear refusal"; }
cmp -s "$tmp/sim.db" "$tmp/sim.before" || fail "a refused append changed the simulated run"

# a database of the previous schema is refused, byte-identical
if have_sqlite3; then
    cp "$tmp/a.before" "$tmp/old.db"
    sqlite3 "$tmp/old.db" "PRAGMA user_version = 6" >/dev/null
    cp "$tmp/old.db" "$tmp/old.before"
    expect_exit 1 "append to schema 6" "$RL" import-medpc "$tmp/b2" --profile relapselab \
        --out "$tmp/old.db" --append
    grep -q "schema version 6" "$tmp/err" || { show_file stderr "$tmp/err"; fail "old schema: no clear refusal"; }
    cmp -s "$tmp/old.db" "$tmp/old.before" || fail "a refused append changed the old database"
fi
ls "$tmp" | grep -q 'tmp-' && fail "a temporary file was left behind"

finish
