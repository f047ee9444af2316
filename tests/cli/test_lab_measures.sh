#!/bin/sh
# test_lab_measures.sh -- issue 13 items 4 (earned vs non-contingent) and 6 (the measures
# labs report). A profile's `noncontingent:` codes mark deliveries made without a response
# (stored with in_timeout = 1: delivered, not earned); inter-reinforcer intervals use the
# earned ones; `summary` (text and --csv) shows rates per hour, latencies, earned and
# non-contingent deliveries, head entries in and out of the cue -- and a simulation, which
# has no head entries, shows no head-entry column. A noncontingent code that is not a
# delivery is refused with the profile's file:line:col. Export with the profile and
# re-import keep the flag. Files are built here from the format (parallel E/T arrays).
# Expected values worked by hand (same session as tests/unit/test_measures_lab.c):
# 30 min; active 2 (8, 55 s), inactive 1 (56 s); pellets at 20, 60, 100 (earned) and 50, 70
# (code 17, non-contingent); head entries at 5, 13, 14, 25; cue 10-20 and 30-40.
#   active/h 4, inactive/h 2, first active 8 s, earned 3, non-contingent 2, entries 4,
#   entries/h 8, first entry 5 s, in cue 2, outside 2, cue -> entry (3 + 10) / 2 = 6.5 s,
#   IRI median 40 s (earned 20, 60, 100; with all five it would be 20 s).
#
# usage: sh tests/cli/test_lab_measures.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

cat >"$tmp/pav.yaml" <<'YAML'
profile: pav
encoding: parallel
codes: E
times: T
time_unit: s
events:
  1: poke_active
  2: poke_inactive
  7: pellet
  17: pellet
  8: cue_on
  9: cue_off
  11: head_entry
  100: session_end
noncontingent: [17]
checks:
  - {kind: poke_active, var: "C(0)"}
  - {kind: pellet, var: "C(3)"}
YAML

# array LETTER VALUES...: a MED-PC array, five values a row
array() {
    printf '%s:\r\n' "$1"
    shift
    i=0
    for v in "$@"; do
        if [ $((i % 5)) -eq 0 ]; then
            [ $i -gt 0 ] && printf '\r\n'
            printf '%6d:' "$i"
        fi
        printf ' %12.3f' "$v"
        i=$((i + 1))
    done
    printf '\r\n'
}

{
    printf 'File: x\r\n\r\nStart Date: 03/04/24\r\nEnd Date: 03/04/24\r\nSubject: P1\r\n'
    printf 'Experiment: E\r\nGroup: G\r\nBox: 1\r\nStart Time: 9:00:00\r\nEnd Time: 9:30:00\r\n'
    printf 'MSN: pavlovian\r\n'
    array C 2 0 0 5
    array E 11 1 8 11 11 9 7 11 8 9 17 1 2 7 17 7 100
    array T 5 8 10 13 14 20 20 25 30 40 50 55 56 60 70 100 1800
} >"$tmp/p1.txt"

expect_exit 0 "import" "$RL" import-medpc "$tmp/p1.txt" --profile "$tmp/pav.yaml" \
    --out "$tmp/p.db"
if have_sqlite3; then
    expect_eq "flags of the deliveries" "$(sql "$tmp/p.db" "select group_concat(cast(t_s as int) || ':' || in_timeout, ' ') from events where kind = 'pellet'")" \
        "20:0 50:1 60:0 70:1 100:0"
    expect_eq "reinforcers delivered" "$(sql "$tmp/p.db" "select reinforcers from sessions")" 5
fi

expect_exit 0 "summary --by subject" "$RL" summary "$tmp/p.db" --by subject --csv "$tmp/csv"
# the lab block's row: active/h, inactive/h, 1st active, earned, non-contingent, head
# entries, entries/h, 1st entry, in cue, outside cue, cue -> entry
grep -Eq "^ +0 P1 +G +pavlovian +4 +2 +8 +3 +2 +4 +8 +5 +2 +2 +6.5$" "$tmp/out" ||
    { show_file stdout "$tmp/out"; fail "summary: lab measures row"; }
grep -q "non-contingent" "$tmp/out" || fail "summary: no non-contingent column"
col() { # FILE COLUMN: the value of COLUMN in the first data row of a CSV file
    awk -F, -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i }
        NR == 2 { print $k }' "$1"
}
expect_eq "csv earned" "$(col "$tmp/csv/summary_subjects.csv" earned)" 3
expect_eq "csv noncontingent" "$(col "$tmp/csv/summary_subjects.csv" noncontingent)" 2
expect_eq "csv cue latency" "$(col "$tmp/csv/summary_subjects.csv" cue_latency_head_entry_s)" 6.5
expect_eq "csv IRI median (earned only)" "$(col "$tmp/csv/summary_subjects.csv" iri_median_s)" 40
expect_eq "csv sessions: entries in cue" "$(col "$tmp/csv/summary_sessions.csv" head_entries_cue)" 2
expect_eq "csv groups: active per hour" "$(col "$tmp/csv/summary_groups.csv" active_per_h_mean)" 4

# export with the profile and re-import: the non-contingent code and flag come back
expect_exit 0 "export" "$RL" export "$tmp/p.db" --medpc "$tmp/med" --profile "$tmp/pav.yaml"
expect_exit 0 "re-import" "$RL" import-medpc "$tmp/med" --profile "$tmp/pav.yaml" \
    --out "$tmp/p2.db"
if have_sqlite3; then
    expect_eq "round trip of the flags" "$(sql "$tmp/p2.db" "select group_concat(cast(t_s as int) || ':' || in_timeout || ':' || cast(code as int), ' ') from events where kind = 'pellet'")" \
        "20:0:7 50:1:17 60:0:7 70:1:17 100:0:7"
fi

# a simulation: rates and latencies, but no head-entry, cue or earned column
write_small_protocol "$tmp/s.yaml"
"$RL" run "$tmp/s.yaml" --seed 2 --out "$tmp/s.db" >/dev/null 2>&1 || fail "run failed"
expect_exit 0 "summary of a simulation" "$RL" summary "$tmp/s.db" --csv "$tmp/scsv"
grep -q "1st active" "$tmp/out" || { show_file stdout "$tmp/out"; fail "simulation: no rates block"; }
grep -Eq "head entries|non-contingent|entries in cue" "$tmp/out" &&
    { show_file stdout "$tmp/out"; fail "simulation: head-entry or earned columns of zeros"; }
head -1 "$tmp/scsv/summary_subjects.csv" | grep -q "active_per_h" || fail "simulation csv: no rate"
head -1 "$tmp/scsv/summary_subjects.csv" | grep -Eq "head_entries|noncontingent|earned" &&
    fail "simulation csv: head-entry or earned columns"

# a noncontingent code that is not a delivery: the profile's file:line:col
sed 's/noncontingent: \[17\]/noncontingent: [11]/' "$tmp/pav.yaml" >"$tmp/bad.yaml"
expect_exit 1 "bad noncontingent" "$RL" import-medpc "$tmp/p1.txt" --profile "$tmp/bad.yaml" \
    --out "$tmp/b.db"
grep -q "bad.yaml:15:17: noncontingent: '11' must be listed in events as a delivery" "$tmp/err" ||
    { show_file stderr "$tmp/err"; fail "bad noncontingent: no file:line:col"; }
no_db "$tmp/b.db"

finish
