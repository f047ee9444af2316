#!/bin/sh
# test_import_medpc.sh -- `relapselab import-medpc`: usage, profile errors, a batch with a
# malformed file (reported with file and line, the rest imported), exit codes, atomic
# output. The real sample files (../shared/data/medpc) are test_import_medpc_shared.sh's.
#
# usage: sh tests/cli/test_import_medpc.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

session() { # SUBJECT DATE MSN
    printf 'File: C:\\MED-PC IV\\DATA\\x\r\n\n\r\r\nStart Date: %s\r\nEnd Date: %s\r\n' "$2" "$2"
    printf 'Subject: %s\r\nExperiment: E\r\nGroup: G1\r\nBox: 1\r\n' "$1"
    printf 'Start Time:  9:00:00\r\nEnd Time: 10:00:00\r\nMSN: %s\r\n' "$3"
    printf 'C:\r\n     0:        1.000        0.000        0.000        0.000\r\n'
    printf 'E:\r\n     0:        1.000      100.000\r\n'
    printf 'T:\r\n     0:       12.500     3600.000\r\n'
}

mkdir "$tmp/in"
session M1 01/02/24 acquisition >"$tmp/in/a"
session M1 01/03/24 extinction >"$tmp/in/b"
printf 'File: x\n\nStart Date: 01/04/24\nSubject: M1\n     3:   1.000\n' >"$tmp/in/c-broken"
echo "notes about the study" >"$tmp/in/README"

# usage errors
expect_exit 2 "no arguments" "$RL" import-medpc
expect_exit 2 "no --out" "$RL" import-medpc "$tmp/in" --profile relapselab
expect_exit 2 "no --profile" "$RL" import-medpc "$tmp/in" --out "$tmp/x.db"
expect_exit 2 "bad --group-by" "$RL" import-medpc "$tmp/in" --profile relapselab \
    --out "$tmp/x.db" --group-by cage
expect_exit 2 "unknown option" "$RL" import-medpc "$tmp/in" --profile relapselab \
    --out "$tmp/x.db" --frobnicate

# profile errors name the profile (and the line for a bad one); no database is written
expect_exit 1 "unknown profile" "$RL" import-medpc "$tmp/in" --profile no-such \
    --out "$tmp/x.db"
grep -q "no-such" "$tmp/err" || fail "unknown profile: the error does not name it"
printf 'profile: p\nencoding: parallel\ncodes: E\ntimes: T\nevents:\n  1: pokes\n' >"$tmp/bad.yaml"
expect_exit 1 "bad profile" "$RL" import-medpc "$tmp/in" --profile "$tmp/bad.yaml" \
    --out "$tmp/x.db"
grep -q "bad.yaml:6:.*unknown event kind 'pokes'" "$tmp/err" ||
    { show_file "stderr" "$tmp/err"; fail "bad profile: no file:line: message"; }
[ -e "$tmp/x.db" ] && fail "a database was written despite the profile error"

# a batch with a broken file: the rest imports, the broken file is reported with its line
expect_exit 0 "batch with a broken file" "$RL" import-medpc "$tmp/in" --profile relapselab \
    --out "$tmp/lab.db"
grep -q "c-broken.*:5:" "$tmp/err" ||
    { show_file "stderr" "$tmp/err"; fail "the broken file is not reported with its line"; }
grep -q "1 other files not MED-PC data, not read" "$tmp/out" ||
    fail "the non-MED-PC file of the directory is not counted"
grep -q "README" "$tmp/err" && fail "the non-MED-PC file is named without --verbose"
grep -q "Imported 2 of 2 sessions (1 subjects, 1 groups, 2 phases, 6 events) from 3 files; 1 files skipped" "$tmp/out" ||
    { show_file "stdout" "$tmp/out"; fail "unexpected closing summary"; }
if have_sqlite3; then
    expect_eq "skipped files in import_files" \
        "$(sql "$tmp/lab.db" "select count(*) from import_files where status = 'skipped'")" 1
    expect_eq "errors in import_issues" \
        "$(sql "$tmp/lab.db" "select count(*) from import_issues where severity = 'error'")" 1
    expect_eq "sessions of M1 in day order" \
        "$(sql "$tmp/lab.db" "select group_concat(phase_name, ',') from (select phase_name from sessions_tidy where subject_name = 'M1' order by day)")" \
        "acquisition,extinction"
    expect_eq "imported sessions with DA or cocaine readouts (a lab file has none)" \
        "$(sql "$tmp/lab.db" "select count(*) from sessions where da_pre_nM is not null
            or da_mean_nM is not null or da_peak_nM is not null
            or cocaine_mean_uM is not null or cocaine_peak_uM is not null")" 0
fi

# nothing importable: exit 1, the report on stderr, no database (test_import_safety.sh)
expect_exit 1 "nothing importable" "$RL" import-medpc "$tmp/in/c-broken" --profile relapselab \
    --out "$tmp/none.db"
grep -q "no session could be imported" "$tmp/err" || fail "nothing importable: no message"
[ -e "$tmp/none.db" ] && fail "nothing importable: a database was written"

# an output directory that does not exist: exit 1, nothing written
expect_exit 1 "missing output directory" "$RL" import-medpc "$tmp/in" --profile relapselab \
    --out "$tmp/nodir/x.db"
[ -e "$tmp/nodir" ] && fail "the missing output directory was created"

# the non-annotated format (numbers only): subject and start time from the file name
mkdir "$tmp/plain"
plain="$tmp/plain/!2016-08-12_09h33m.Subject 14"
{
    printf '0\n0.3\n'
    for k in $(seq 1 26); do
        case $k in 5 | 20) echo 3 ;; *) echo 0 ;; esac
    done
    printf '1\n2\n100\n12.5\n14\n3600\n'
} >"$plain"
expect_exit 0 "non-annotated file" "$RL" import-medpc "$plain" --profile relapselab \
    --out "$tmp/plain.db" --verbose
grep -q "non-annotated MED-PC file" "$tmp/err" || fail "non-annotated: no note about the format"
if have_sqlite3; then
    expect_eq "non-annotated session (subject, active, inactive, events, start)" \
        "$(sql "$tmp/plain.db" "select s.subject_name || ',' || s.active || ',' || s.inactive || ',' || s.n_events || ',' || i.start_time from sessions_tidy s join import_sessions i using (session_id)")" \
        "14,1,1,4,2016-08-12T09:33:00"
fi

finish
