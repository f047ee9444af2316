#!/bin/sh
# test_medpc_zero_codes.sh -- import-medpc on constructed files (the format of docs/MEDPC.md):
# time_dot_code zero padding is skipped by default like code_plus_time's (skip_zero: false
# keeps it), the note listing the codes a profile does not know names every code, not
# the first 16, and a file whose only session was rejected is "skipped", not "partly
# imported".
#
# usage: sh tests/cli/test_medpc_zero_codes.sh /path/to/relapselab   (from the repo root)
. "$(dirname "$0")/lib.sh"

have_sqlite3 || skip "sqlite3 is needed to read the databases"

header() {
    printf 'File: C:\\MED-PC IV\\DATA\\x\r\n\r\nStart Date: 01/02/24\r\nEnd Date: 01/02/24\r\n'
    printf 'Subject: M1\r\nStart Time:  9:00:00\r\nEnd Time: 10:00:00\r\nMSN: P\r\n'
}
n_entries() { # DB: events that are entries of the file (not the session start and end)
    sql "$1" "SELECT count(*) FROM events WHERE kind NOT IN ('session_start', 'session_end')"
}

# ---- time_dot_code: 3 entries (times 100, 250, 900 cs; tags 0.1, 0.2, 0.1), then padding
mkdir "$tmp/tdc"
{
    header
    printf 'C:\r\n     0:      100.100      250.200      900.100        0.000        0.000\r\n'
    printf '     5:        0.000\r\n'
} >"$tmp/tdc/a.txt"
printf 'profile: tdc\nencoding: time_dot_code\narrays: [C]\ntime_unit: cs\n' >"$tmp/tdc.yaml"
printf 'events: {0.1: poke_active, 0.2: poke_inactive}\n' >>"$tmp/tdc.yaml"
"$RL" import-medpc "$tmp/tdc" --profile "$tmp/tdc.yaml" --out "$tmp/tdc.db" --quiet \
    >"$tmp/out" 2>"$tmp/err" || { show_file "stderr" "$tmp/err"; die "time_dot_code import failed"; }
expect_eq "time_dot_code: padding skipped" "$(n_entries "$tmp/tdc.db")" 3
expect_eq "time_dot_code: counts" "$(sql "$tmp/tdc.db" 'SELECT active, inactive FROM sessions')" \
    "2|1"
printf 'skip_zero: false\n' >>"$tmp/tdc.yaml"
"$RL" import-medpc "$tmp/tdc" --profile "$tmp/tdc.yaml" --out "$tmp/tdc0.db" --quiet \
    >"$tmp/out" 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; die "skip_zero: false import failed"; }
expect_eq "time_dot_code, skip_zero false: zeros kept" "$(n_entries "$tmp/tdc0.db")" 6

# ---- 40 distinct codes (1 .. 40), none known: every one is listed, with its count
mkdir "$tmp/codes"
{
    header
    printf 'E:\r\n'
    i=0; while [ $i -lt 40 ]; do printf '%6d:%13.3f\r\n' $i $((i + 1)); i=$((i + 1)); done
    printf 'T:\r\n'
    i=0; while [ $i -lt 40 ]; do printf '%6d:%13.3f\r\n' $i $((i * 10)); i=$((i + 1)); done
} >"$tmp/codes/a.txt"
printf 'profile: none\nencoding: parallel\ncodes: E\ntimes: T\ntime_unit: s\nevents: {}\n' \
    >"$tmp/none.yaml"
"$RL" import-medpc "$tmp/codes" --profile "$tmp/none.yaml" --out "$tmp/codes.db" --verbose \
    >"$tmp/out" 2>"$tmp/err" || { show_file "stderr" "$tmp/err"; die "import of 40 codes failed"; }
sql "$tmp/codes.db" "SELECT message FROM import_issues WHERE message LIKE 'codes not in%'" \
    >"$tmp/notes"
i=1
while [ $i -le 40 ]; do
    grep -q "[:,] $i x1\(,\|\$\)" "$tmp/notes" ||
        { show_file "notes" "$tmp/notes"; fail "code $i is not listed"; break; }
    i=$((i + 1))
done
grep -q "\.\.\." "$tmp/notes" && fail "the code listing is cut ('...')"
grep -q "codes not in" "$tmp/err" || fail "the notes are not printed with --verbose"

# ---- a file whose only session no profile decodes (MSN Q), beside one that imports
mkdir "$tmp/two"
cp "$tmp/tdc/a.txt" "$tmp/two/a.txt"
sed 's/^MSN: P/MSN: Q/' "$tmp/tdc/a.txt" >"$tmp/two/b.txt"
sed 's/^events:/programs: ["P"]\nevents:/' "$tmp/tdc.yaml" >"$tmp/tdcp.yaml"
"$RL" import-medpc "$tmp/two" --profile "$tmp/tdcp.yaml" --out "$tmp/two.db" --quiet \
    >"$tmp/out" 2>"$tmp/err" || { show_file "stderr" "$tmp/err"; die "import of two files failed"; }
grep -q "1 files skipped, 0 partly imported" "$tmp/out" ||
    { show_file "stdout" "$tmp/out"; fail "a file with its only session rejected is not 'skipped'"; }
expect_eq "import_files status of b.txt" \
    "$(sql "$tmp/two.db" "SELECT status FROM import_files WHERE path LIKE '%b.txt'")" skipped
finish
