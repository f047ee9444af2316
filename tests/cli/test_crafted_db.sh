#!/bin/sh
# test_crafted_db.sh -- a database holding impossible values (issue 14, item 12) is refused
# with a message by every command that reads it, instead of reaching signed overflow in the
# measures (criteria.c) and the figures (figures.c): counts of INT64_MAX, a day of
# 2^31 - 1, a session index of 2^31 - 1, a duration and an event time of 1e300. Each value
# is written with the sqlite3 shell into a copy of a small run's database. Under the
# ASan/UBSan pass of the suite, undefined behaviour halts the tool and the check fails.
# The limits are dataset.h's (RL_DS_MAX_COUNT, RL_DS_MAX_DAY, RL_DS_MAX_SESSION_S).
#
# usage: sh tests/cli/test_crafted_db.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

have_sqlite3 || skip "the sqlite3 shell is needed to craft the databases"

write_small_protocol "$tmp/p.yaml"
"$RL" run "$tmp/p.yaml" --seed 1 --out "$tmp/ok.db" --quiet >/dev/null 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; die "the small run failed"; }

# crafted LABEL SQL PATTERN: a copy of the run with SQL applied; summary, plot, report and
# export --medpc (the readers of the dataset; export --csv copies the tables as they are)
# must each exit 1 with PATTERN on stderr.
crafted() {
    cp "$tmp/ok.db" "$tmp/c.db"
    sql "$tmp/c.db" "$2" || die "$1: the SQL failed"
    for cmd in "summary $tmp/c.db" "plot $tmp/c.db acquisition -o $tmp/c.svg" \
        "plot $tmp/c.db cumulative --subject 0 --session 0 -o $tmp/c.svg" \
        "report $tmp/c.db -o $tmp/c.html" "export $tmp/c.db --medpc $tmp/medpc"; do
        # shellcheck disable=SC2086 # the command's words
        "$RL" $cmd >"$tmp/out" 2>"$tmp/err"
        got=$?
        if [ "$got" -ne 1 ] || ! grep -q -- "$3" "$tmp/err"; then
            show_file "stderr" "$tmp/err"
            fail "$1: '${cmd%% *}' exited $got (expected 1, with '$3')"
        fi
        [ -e "$tmp/c.svg" ] || [ -e "$tmp/c.html" ] && fail "$1: ${cmd%% *} wrote a file"
        rm -rf "$tmp/c.svg" "$tmp/c.html" "$tmp/medpc"
    done
}

max=9223372036854775807
crafted "INT64_MAX counts" \
    "UPDATE sessions SET active = $max, inactive = $max, reinforcers = $max, active_timeout = $max" \
    "session [0-9]*: active = $max is impossible (allowed: 0 to 1000000000)"
crafted "negative count" "UPDATE sessions SET inactive = -1 WHERE session_id = 2" \
    "session 2: inactive = -1 is impossible"
crafted "day 2^31-1" "UPDATE sessions SET day = 2147483647 WHERE session_id = 3" \
    "session 3: day = 2147483647 is impossible (allowed: 0 to 10000000)"
crafted "session_in_phase 2^31-1" "UPDATE sessions SET session_in_phase = 2147483647" \
    "session_in_phase = 2147483647 is impossible"
crafted "breakpoint INT64_MAX" "UPDATE sessions SET breakpoint = $max WHERE breakpoint IS NOT NULL" \
    "breakpoint = $max is impossible"
crafted "index_in_group 2^31-1" \
    "UPDATE subjects SET index_in_group = 2147483647 WHERE subject_id = 0" \
    "subjects: index_in_group: unexpected value '2147483647'"
crafted "duration 1e300" "UPDATE sessions SET duration_min = 1e300 WHERE session_id = 1" \
    "session 1: duration_min = 1e+300 is impossible"
# an event time: refused by every command that reads the events
cp "$tmp/ok.db" "$tmp/c.db"
# (events are packed, schema 7: bytes 9-16 of session_events.t_s are the time of seq 1,
# big-endian binary64; X'7E37E43C8800759C' is 1e300)
sql "$tmp/c.db" "UPDATE session_events SET t_s = CAST(substr(t_s, 1, 8) || X'7E37E43C8800759C' ||
    substr(t_s, 17) AS BLOB) WHERE session_id = 1"
[ "$(sql "$tmp/c.db" "SELECT t_s FROM events WHERE session_id = 1 AND seq = 1")" = 1.0e+300 ] ||
    die "the crafted event time is not 1e300 in the events view"
for cmd in "summary $tmp/c.db" "report $tmp/c.db -o $tmp/c.html" \
    "plot $tmp/c.db cumulative --subject 0 --session 0 -o $tmp/c.svg" \
    "export $tmp/c.db --medpc $tmp/medpc"; do
    # shellcheck disable=SC2086 # the command's words
    "$RL" $cmd >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -ne 1 ] || ! grep -q "events of session 1: t_s = 1e+300 is impossible" "$tmp/err"
    then
        show_file "stderr" "$tmp/err"
        fail "event time 1e300: '${cmd%% *}' exited $got (expected 1, with the message)"
    fi
done

# the untouched database still reads
"$RL" summary "$tmp/ok.db" >/dev/null 2>"$tmp/err" || { show_file "stderr" "$tmp/err";
    fail "the untouched database was refused"; }

finish
