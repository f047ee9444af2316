#!/bin/sh
# test_medpc_roundtrip.sh -- a simulated cohort exported to MED-PC files and imported back
# is unchanged: same sessions, same measures, same events (kind, order, timeout flag, and
# time to the 1 ms the files keep).
#
# usage: sh tests/cli/test_medpc_roundtrip.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

have_sqlite3 || die "sqlite3 is needed to compare the databases"
# Phase names that no phase rule of the profile recognises (no "acquisition", "PR",
# "xtinction", "test" in them): the kinds come back from the scalar K (profile phase_var).
# The PR series is the seed lab's, not Richardson-Roberts (the import's default series): the
# breakpoints come back from the scalar B (profile breakpoint_var), not from the series.
sed -e 's/name: acquisition/name: self_administration/' \
    -e 's/schedule: {type: PR, formula: richardson_roberts, steps: 30}/schedule: {type: PR, series: [1, 2, 3, 5, 12, 18, 27, 40, 60, 90, 135, 200, 300]}/' \
    -e 's/reference_phase: acquisition/reference_phase: self_administration/' \
    -e 's/name: progressive_ratio/name: breakpoint_run/' \
    -e 's/name: extinction/name: no_drug/' -e 's/name: cue_test/name: cue_relapse/' \
    tests/data/small.yaml >"$tmp/small.yaml"
if ! "$RL" run "$tmp/small.yaml" --seed 11 --out "$tmp/sim.db" --quiet >"$tmp/out" \
    2>"$tmp/err"; then
    show_file "stderr" "$tmp/err"
    die "relapselab run tests/data/small.yaml failed"
fi
if ! "$RL" export "$tmp/sim.db" --medpc "$tmp/mpc" --profile relapselab >"$tmp/out" \
    2>"$tmp/err"; then
    show_file "stderr" "$tmp/err"
    die "relapselab export --medpc failed"
fi
[ -s "$tmp/err" ] && { show_file "stderr" "$tmp/err"; fail "export printed warnings"; }
grep -q 'series: \[1, 2, 3, 5, 12' "$tmp/small.yaml" || die "the PR series was not replaced"
n_files=$(ls "$tmp/mpc" | wc -l)
n_sessions=$(sql "$tmp/sim.db" 'select count(*) from sessions')
expect_eq "one MED-PC file per session" "$n_files" "$n_sessions"
ls "$tmp/mpc" | grep -q '^!2000-01-01_09h00m\.Subject ' ||
    fail "file names are not MED-PC IV names (!YYYY-MM-DD_HHhMMm.Subject ID)"

if ! "$RL" import-medpc "$tmp/mpc" --profile relapselab --out "$tmp/back.db" >"$tmp/out" \
    2>"$tmp/err"; then
    show_file "stderr" "$tmp/err"
    die "relapselab import-medpc of the exported files failed"
fi
grep -q "Report: 0 errors, 0 warnings, 0 notes" "$tmp/out" ||
    { show_file "stdout" "$tmp/out"; fail "the import of exported files reported problems"; }

# Pair sessions by subject label (group-NN) and day; count what differs.
cat >"$tmp/compare.sql" <<EOF
ATTACH '$tmp/sim.db' AS a;
ATTACH '$tmp/back.db' AS b;
CREATE TEMP VIEW pairs AS
  SELECT sa.session_id AS ida, sb.session_id AS idb, sa.*, sb.active AS b_active,
         sb.inactive AS b_inactive, sb.active_timeout AS b_active_timeout,
         sb.reinforcers AS b_reinforcers, sb.n_events AS b_n_events,
         sb.phase_name AS b_phase_name, sb.phase_kind AS b_phase_kind,
         sb.breakpoint AS b_breakpoint, sb.duration_min AS b_duration_min,
         sb.group_name AS b_group_name
  FROM a.sessions_tidy sa JOIN b.sessions_tidy sb
    ON sb.subject_name = sa.group_name || '-' || printf('%02d', sa.index_in_group + 1)
   AND sb.day = sa.day;
SELECT 'paired', count(*) FROM pairs;
SELECT 'sessions differing', count(*) FROM pairs
 WHERE active != b_active OR inactive != b_inactive OR active_timeout != b_active_timeout
    OR reinforcers != b_reinforcers OR n_events != b_n_events OR phase_name != b_phase_name
    OR phase_kind != b_phase_kind OR group_name != b_group_name
    OR abs(duration_min - b_duration_min) * 60 > 0.00051
    OR (breakpoint IS NULL) != (b_breakpoint IS NULL) OR breakpoint != b_breakpoint;
SELECT 'events differing', count(*) FROM pairs p
  JOIN a.events ea ON ea.session_id = p.ida
  LEFT JOIN b.events eb ON eb.session_id = p.idb AND eb.seq = ea.seq
 WHERE eb.seq IS NULL OR eb.kind != ea.kind OR eb.in_timeout != ea.in_timeout
    OR abs(eb.t_s - ea.t_s) > 0.00051;
SELECT 'events total', count(*) FROM a.events;
SELECT 'timeout pokes', count(*) FROM a.events WHERE in_timeout = 1;
EOF
sqlite3 -separator ' ' "$tmp/sim.db" <"$tmp/compare.sql" >"$tmp/cmp" 2>&1 ||
    { show_file "sqlite3" "$tmp/cmp"; die "comparison query failed"; }
expect_eq "sessions paired" "$(grep '^paired' "$tmp/cmp" | cut -d' ' -f2)" "$n_sessions"
expect_eq "sessions that differ" "$(grep '^sessions differing' "$tmp/cmp" | cut -d' ' -f3)" 0
expect_eq "events that differ" "$(grep '^events differing' "$tmp/cmp" | cut -d' ' -f3)" 0
n_events=$(grep '^events total' "$tmp/cmp" | cut -d' ' -f3)
[ "$n_events" -gt 1000 ] || fail "too few events ($n_events) for a meaningful round trip"
n_to=$(grep '^timeout pokes' "$tmp/cmp" | cut -d' ' -f3)
[ "$n_to" -gt 0 ] || fail "no timeout pokes: the in_timeout flag was not exercised"
n_bp=$(sql "$tmp/sim.db" "SELECT count(*) FROM sessions WHERE breakpoint > 5")
[ "$n_bp" -gt 0 ] || fail "no breakpoint above 5: the PR series was not exercised"
note "round trip: $n_sessions sessions, $n_events events ($n_to timeout pokes) unchanged"

# Exporting with an encoding the writer does not support (timestamp_arrays: one array per
# kind, no codes) is an error naming the profile.
cat >"$tmp/stamps.yaml" <<EOF
profile: stamps-only
encoding: timestamp_arrays
time_unit: s
events: {J: poke_active}
EOF
if "$RL" export "$tmp/sim.db" --medpc "$tmp/x" --profile "$tmp/stamps.yaml" >"$tmp/out" \
    2>"$tmp/err"; then
    fail "export with a timestamp_arrays profile succeeded"
fi
grep -q "stamps-only" "$tmp/err" || fail "the error does not name the profile"
[ -e "$tmp/x" ] && fail "the refused export left a folder"
# A lab session without a session-end code (stopped by hand), in a lab's layout (codes 1, 2;
# profile "labx"), exported with the default profile and imported back: still no end code
# (end_reason no_end_code: the export does not invent code 100), same events, and the phase
# kind that labx gave (extinction, for an MSN relapselab's rules would call "other").
mkdir "$tmp/lab"
{
    printf 'File: C:\\MED-PC IV\\DATA\\x\r\n\n\r\r\nStart Date: 01/02/24\r\nEnd Date: 01/02/24\r\n'
    printf 'Subject: M1\r\nExperiment: E\r\nGroup: G1\r\nBox: 1\r\n'
    printf 'Start Time:  9:00:00\r\nEnd Time: 10:00:00\r\nMSN: LabX_Ext_v2\r\n'
    printf 'E:\r\n     0:        1.000        2.000        1.000\r\n'
    printf 'T:\r\n     0:       12.500       30.000      600.250\r\n'
} >"$tmp/lab/a.txt"
cat >"$tmp/labx.yaml" <<EOF
profile: labx
encoding: parallel
codes: E
times: T
time_unit: s
events: {1: poke_active, 2: poke_inactive}
phases:
  - {name: "", kind: extinction}
EOF
"$RL" import-medpc "$tmp/lab" --profile "$tmp/labx.yaml" --out "$tmp/lab.db" --quiet \
    >"$tmp/out" 2>"$tmp/err" || { show_file "stderr" "$tmp/err"; die "import of a.txt failed"; }
"$RL" export "$tmp/lab.db" --medpc "$tmp/lab-out" --profile relapselab >"$tmp/out" \
    2>"$tmp/err" || { show_file "stderr" "$tmp/err"; die "export of the lab session failed"; }
grep -q '^100\.000\|  100\.000' "$tmp/lab-out/a.txt" &&
    fail "the export wrote a session-end code for a session that had none"
"$RL" import-medpc "$tmp/lab-out" --profile relapselab --out "$tmp/lab-back.db" --quiet \
    >"$tmp/out" 2>"$tmp/err" || { show_file "stderr" "$tmp/err"; die "re-import failed"; }
for q in "SELECT end_reason FROM sessions" "SELECT phase_kind FROM sessions" \
    "SELECT phase_name FROM sessions" \
    "SELECT group_concat(kind || '@' || t_s, ' ') FROM (SELECT * FROM events ORDER BY seq)"; do
    expect_eq "lab session round trip: $q" "$(sql "$tmp/lab-back.db" "$q")" \
        "$(sql "$tmp/lab.db" "$q")"
done
expect_eq "lab session: end reason" "$(sql "$tmp/lab-back.db" 'SELECT end_reason FROM sessions')" \
    no_end_code
expect_eq "lab session: phase kind" "$(sql "$tmp/lab-back.db" 'SELECT phase_kind FROM sessions')" \
    extinction
finish
