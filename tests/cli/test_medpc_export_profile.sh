#!/bin/sh
# test_medpc_export_profile.sh -- `export --medpc --profile LAB` on the real MED-PC samples of
# ../shared/data/medpc (read in place, never copied): for each of the four profiles they need,
# import the samples with that profile, export the database with the same profile, import
# the files again, and compare. Every event must come back with its original code, kind,
# timeout flag and time (exactly: the files keep the digits they were read with), in the
# same order, and every session with its header fields (subject, experiment, group, box,
# MSN, start and end time), counts, end reason and phase. Skipped (exit 77) when the folder
# is absent, as in CI; RL_SHARED_DIR points at another copy.
#
# usage: sh tests/cli/test_medpc_export_profile.sh /path/to/relapselab   (from the repo root)
. "$(dirname "$0")/lib.sh"

need_shared data/medpc
have_sqlite3 || skip "sqlite3 is needed to compare the databases"
data=$shared_dir/data/medpc

total_sessions=0
for p in coffey-liq-sa coffey-liq-sa-medpc5 townsend-tt jorge-time-tag; do
    # Sessions another profile decodes are errors here (exit 0: some were imported); the
    # samples hold one session flagged for counts that disagree (a Coffey file with an empty
    # array, docs/MEDPC.md): accepted, so that it takes part in the round trip too.
    "$RL" import-medpc "$data" --profile "$p" --out "$tmp/$p-a.db" --quiet --accept-mismatch >"$tmp/out" \
        2>"$tmp/err" || { show_file "stderr" "$tmp/err"; die "$p: import of the samples failed"; }
    "$RL" export "$tmp/$p-a.db" --medpc "$tmp/$p" --profile "$p" >"$tmp/out" 2>"$tmp/err" ||
        { show_file "stderr" "$tmp/err"; fail "$p: export failed"; continue; }
    "$RL" import-medpc "$tmp/$p" --profile "$p" --out "$tmp/$p-b.db" --accept-mismatch >"$tmp/out" \
        2>"$tmp/err" || { show_file "stderr" "$tmp/err"; fail "$p: re-import failed"; continue; }
    grep -q "Report: 0 errors" "$tmp/out" ||
        { show_file "stdout" "$tmp/out"; fail "$p: the re-import reported errors"; }
    cat >"$tmp/compare.sql" <<SQL
ATTACH '$tmp/$p-a.db' AS a;
ATTACH '$tmp/$p-b.db' AS b;
CREATE TEMP VIEW sa AS SELECT t.*, i.subject, i.experiment, i.group_label, i.box, i.program,
  i.start_time, i.end_time FROM a.sessions_tidy t JOIN a.import_sessions i USING (session_id);
CREATE TEMP VIEW sb AS SELECT t.*, i.subject, i.experiment, i.group_label, i.box, i.program,
  i.start_time, i.end_time FROM b.sessions_tidy t JOIN b.import_sessions i USING (session_id);
CREATE TEMP TABLE pairs AS SELECT sa.session_id AS ida, sb.session_id AS idb,
  (sa.experiment IS NOT sb.experiment OR sa.group_label IS NOT sb.group_label
   OR sa.box IS NOT sb.box OR sa.end_time IS NOT sb.end_time
   OR sa.active != sb.active OR sa.inactive != sb.inactive
   OR sa.active_timeout != sb.active_timeout OR sa.reinforcers != sb.reinforcers
   OR sa.n_events != sb.n_events OR sa.end_reason IS NOT sb.end_reason
   OR sa.phase_name IS NOT sb.phase_name OR sa.phase_kind IS NOT sb.phase_kind
   OR sa.group_name IS NOT sb.group_name OR sa.duration_min != sb.duration_min) AS differs
  FROM sa JOIN sb ON sb.subject IS sa.subject AND sb.start_time IS sa.start_time
   AND sb.program IS sa.program;
SELECT 'sessions', (SELECT count(*) FROM a.sessions), (SELECT count(*) FROM b.sessions);
SELECT 'paired', count(*), coalesce(sum(differs), 0) FROM pairs;
SELECT 'events', (SELECT count(*) FROM a.events), count(*),
  coalesce(sum(eb.seq IS NULL OR eb.kind != ea.kind OR eb.in_timeout != ea.in_timeout
      OR eb.code IS NOT ea.code OR eb.t_s != ea.t_s), 0)
  FROM pairs p JOIN a.events ea ON ea.session_id = p.ida
  LEFT JOIN b.events eb ON eb.session_id = p.idb AND eb.seq = ea.seq;
SELECT 'events b', (SELECT count(*) FROM b.events);
SQL
    sqlite3 -separator ' ' "$tmp/$p-a.db" <"$tmp/compare.sql" >"$tmp/cmp" 2>&1 ||
        { show_file "sqlite3" "$tmp/cmp"; die "$p: comparison query failed"; }
    set -- $(grep '^sessions' "$tmp/cmp")
    n=$2
    [ "$n" -gt 0 ] || fail "$p: no sample session imported"
    expect_eq "$p: sessions re-imported" "$3" "$n"
    set -- $(grep '^paired' "$tmp/cmp")
    expect_eq "$p: sessions paired by subject, start time and MSN" "$2" "$n"
    expect_eq "$p: sessions whose header, counts or phase differ" "$3" 0
    set -- $(grep '^events ' "$tmp/cmp" | grep -v '^events b')
    expect_eq "$p: events compared" "$3" "$2"
    expect_eq "$p: events whose code, kind, flag or time differ" "$4" 0
    expect_eq "$p: events re-imported" "$(grep '^events b' "$tmp/cmp" | cut -d' ' -f3)" "$2"
    total_sessions=$((total_sessions + n))
    note "$p: $n sessions, $2 events round-tripped"
done
# Every sample session is decoded by at least one of the four (39 sessions in all).
[ "$total_sessions" -ge 39 ] || fail "only $total_sessions sample sessions round-tripped"
finish
