#!/bin/sh
# test_import_safety.sh -- issue 13 items 1-2: an import never loses or silently misreads
# data. A database that exists is refused (byte-identical after: cmp) unless --replace; a
# failing import (missing input, nothing readable) writes no database and leaves an existing
# one byte-identical, --replace or not; run.command records inputs and --out. A session whose
# decoded counts disagree with the program's counters is stored flagged
# (import_sessions.counts_mismatch), shown by `summary`, and makes import exit 3 unless
# --accept-mismatch -- or, when a later profile also matches and its decoding agrees, is
# decoded with that one. The MED-PC files are built here from the format (relapselab profile:
# E = codes, T = times, C(0) = active pokes, C(1) = inactive pokes).
#
# usage: sh tests/cli/test_import_safety.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

session() { medpc_session "$@"; } # lib.sh

mkdir "$tmp/in"
session M1 01/02/24 1.000 >"$tmp/in/good"
session M2 01/02/24 1.000 >"$tmp/in/good2"
session M3 01/02/24 5.000 >"$tmp/in/mismatch"  # the program counted 5 active pokes, 1 decoded
printf 'File: x\n\nStart Date: 01/04/24\nSubject: M1\n     3:   1.000\n' >"$tmp/in/broken"

# an input that does not exist, or has no readable session: no database at all
expect_exit 1 "missing input" "$RL" import-medpc "$tmp/in/nope" --profile relapselab \
    --out "$tmp/a.db"
[ -e "$tmp/a.db" ] && fail "a database was written for a missing input"
grep -q "no database written" "$tmp/err" || { show_file stderr "$tmp/err"; fail "missing input: no message"; }
expect_exit 1 "nothing readable" "$RL" import-medpc "$tmp/in/broken" --profile relapselab \
    --out "$tmp/a.db"
[ -e "$tmp/a.db" ] && fail "a database was written when no session could be read"
grep -q "broken:5:" "$tmp/err" || { show_file stderr "$tmp/err"; fail "nothing readable: the file's error is not reported"; }

# a first database
expect_exit 0 "first import" "$RL" import-medpc "$tmp/in/good" --profile relapselab \
    --out "$tmp/a.db"
cp "$tmp/a.db" "$tmp/a.before"

# an existing database is refused without --replace, and left byte-identical
expect_exit 1 "existing database" "$RL" import-medpc "$tmp/in/good2" --profile relapselab \
    --out "$tmp/a.db"
grep -q "exists.*--replace" "$tmp/err" || { show_file stderr "$tmp/err"; fail "existing database: no message naming --replace"; }
cmp -s "$tmp/a.db" "$tmp/a.before" || fail "a refused import changed the existing database"

# a failing import leaves an existing database byte-identical, even with --replace
expect_exit 1 "failing import, --replace" "$RL" import-medpc "$tmp/in/nope" "$tmp/in/broken" \
    --profile relapselab --out "$tmp/a.db" --replace
cmp -s "$tmp/a.db" "$tmp/a.before" || fail "a failing import changed the existing database"
ls "$tmp" | grep -q 'tmp-' && fail "a temporary file was left behind"

# --replace with a good input replaces it; run.command has the inputs and --out
expect_exit 0 "--replace" "$RL" import-medpc "$tmp/in/good2" --profile relapselab \
    --out "$tmp/a.db" --replace
cmp -s "$tmp/a.db" "$tmp/a.before" && fail "--replace did not replace the database"
if have_sqlite3; then
    expect_eq "subjects after --replace" "$(sql "$tmp/a.db" "select group_concat(name) from subjects")" M2
    expect_eq "run.command" "$(sql "$tmp/a.db" "select command from run")" \
        "relapselab import-medpc $tmp/in/good2 --profile relapselab --out $tmp/a.db --replace"
fi

# counts that disagree with the program's counters: stored flagged, exit 3
expect_exit 3 "mismatch" "$RL" import-medpc "$tmp/in" --profile relapselab --out "$tmp/m.db"
grep -q "counts disagree" "$tmp/err" || { show_file stderr "$tmp/err"; fail "mismatch: no warning"; }
grep -q "1 sessions flagged.*--accept-mismatch" "$tmp/err" ||
    { show_file stderr "$tmp/err"; fail "mismatch: no message naming --accept-mismatch"; }
grep -q "^Flagged: 1 sessions" "$tmp/out" || { show_file stdout "$tmp/out"; fail "mismatch: no Flagged line"; }
[ -f "$tmp/m.db" ] || fail "mismatch: the database was not written"
if have_sqlite3; then
    expect_eq "flagged sessions" "$(sql "$tmp/m.db" "select group_concat(subject || '=' || counts_mismatch) from import_sessions order by subject")" \
        "M1=0,M2=0,M3=1"
fi
expect_exit 0 "summary of flagged data" "$RL" summary "$tmp/m.db"
grep -q "^FLAGGED: 1 of 3 sessions" "$tmp/out" || { show_file stdout "$tmp/out"; fail "summary: no FLAGGED line"; }
grep -q "subject M3, day 1 (acquisition), started 2024-01-02T09:00:00: 1 counters disagree" "$tmp/out" ||
    { show_file stdout "$tmp/out"; fail "summary: the flagged session is not named"; }
expect_exit 0 "summary of clean data" "$RL" summary "$tmp/a.db" --by session
grep -q "FLAGGED" "$tmp/out" && fail "summary: clean data shown as flagged"
expect_exit 0 "--accept-mismatch" "$RL" import-medpc "$tmp/in" --profile relapselab \
    --out "$tmp/m.db" --replace --accept-mismatch
grep -q "^Flagged: 1 sessions" "$tmp/out" || fail "--accept-mismatch: the Flagged line is gone"

# several profiles match: the first one's decoding disagrees with the counters, the next
# one's agrees -> decoded with the next one (a note says so), not flagged
cat >"$tmp/swapped.yaml" <<'YAML'
profile: swapped
encoding: parallel
codes: E
times: T
time_unit: s
events:
  1: poke_inactive
  2: poke_active
  100: session_end
checks:
  - {kind: poke_active, var: "C(0)"}
  - {kind: poke_inactive, var: "C(1)"}
YAML
mkdir "$tmp/two"
{ # 2 active (code 1), 1 inactive (code 2); C(0) = 2, C(1) = 1
    printf 'File: x\r\n\r\nStart Date: 01/05/24\r\nEnd Date: 01/05/24\r\nSubject: M9\r\n'
    printf 'Start Time:  9:00:00\r\nEnd Time: 10:00:00\r\nMSN: acquisition\r\n'
    printf 'C:\r\n     0:        2.000        1.000        0.000        0.000\r\n'
    printf 'E:\r\n     0:        1.000        1.000        2.000      100.000\r\n'
    printf 'T:\r\n     0:       12.500       15.000       20.000     3600.000\r\n'
} >"$tmp/two/s"
expect_exit 3 "the only profile disagrees" "$RL" import-medpc "$tmp/two" \
    --profile "$tmp/swapped.yaml" --out "$tmp/two1.db"
expect_exit 0 "a later profile agrees" "$RL" import-medpc "$tmp/two" \
    --profile "$tmp/swapped.yaml" --profile relapselab --out "$tmp/two2.db" --verbose
grep -q "note: decoded with profile 'relapselab', whose counts agree.*'swapped' (matched first) disagreed" "$tmp/err" ||
    { show_file stderr "$tmp/err"; fail "profile choice by counters: no note naming both"; }
grep -q "counts disagree" "$tmp/err" && fail "profile choice by counters: the discarded decoding's warnings were kept"
if have_sqlite3; then
    expect_eq "profile chosen by counters" \
        "$(sql "$tmp/two2.db" "select profile || ',' || counts_mismatch from import_sessions")" "relapselab,0"
    expect_eq "counts with the chosen profile" \
        "$(sql "$tmp/two2.db" "select active || ',' || inactive from sessions")" "2,1"
fi

# a database of the previous schema (5, without counts_mismatch) is refused clearly
if have_sqlite3; then
    cp "$tmp/a.db" "$tmp/old.db"
    sqlite3 "$tmp/old.db" "PRAGMA user_version = 5" >/dev/null
    expect_exit 1 "schema 5 database" "$RL" summary "$tmp/old.db"
    grep -q "schema version 5; this relapselab reads version 8" "$tmp/err" ||
        { show_file stderr "$tmp/err"; fail "old schema: no clear refusal"; }
fi

finish
