#!/bin/sh
# test_import_content.sh -- import-medpc decides by content (issue 13, items 4 and 10): a
# folder's numbers-only MED-PC file is imported with its header block, its README, CSV and
# binary files are skipped quietly and counted; a binary file named explicitly is refused
# in one line; a file cut in the middle of a number is refused at its line and column; a
# zero-padded time_dot_code array gives a note when skip_zero is off; every session keeps
# its provenance (file hash, first and last line, profile); `plot breakpoint` on data
# without a progressive-ratio phase says so. Every file is written here from the format
# (docs/MEDPC.md; the numbers-only header block is the layout of the trompy test files).
#
# usage: sh tests/cli/test_import_content.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

# a numbers-only session for relapselab's profile: header block (8/12/16 9:33:16 to
# 10:34:47, subject 14, box 3), marker, counts (C = 4, E = 3, T = 3), values: C = 1 1 0 0,
# E = 1 2 100, T = 10.5 20.25 3600 -- 55 lines
plain_session() {
    printf '8\n12\n16\n8\n12\n16\n14\ncas9\nsal\n3\n9\n33\n16\n10\n34\n47\n24\n2\n.3\n'
    for k in $(seq 1 26); do
        case $k in 3) echo 4 ;; 5 | 20) echo 3 ;; *) echo 0 ;; esac
    done
    printf '1\n1\n0\n0\n1\n2\n100\n10.5\n20.25\n3600\n'
}

d=$tmp/folder
mkdir "$d"
plain_session >"$d/data_03.med"
printf '# Notes\nThe boxes: 1 to 8.\n' >"$d/README.md"
printf 'subject,sex\n14,F\n' >"$d/subjects.csv"
printf 'PK\003\004\000\000\001binary' >"$d/keys.xlsx"

expect_exit 0 "folder with a numbers-only file" "$RL" import-medpc "$d" --profile relapselab \
    --out "$tmp/plain.db"
grep -q "Imported 1 of 1 sessions" "$tmp/out" || { show_file stdout "$tmp/out"; fail "plain: not imported"; }
grep -q "3 other files not MED-PC data, not read" "$tmp/out" \
    || { show_file stdout "$tmp/out"; fail "plain: the skipped files are not counted"; }
if grep -q "README\|subjects.csv\|keys.xlsx" "$tmp/err"; then
    show_file stderr "$tmp/err"
    fail "plain: skipped files named without --verbose"
fi
grep -q "not the 18-line header\|unrecognised" "$tmp/err" && fail "plain: header block reported as junk"
expect_exit 0 "--verbose names the skipped files" "$RL" import-medpc "$d" --profile relapselab \
    --out "$tmp/plain2.db" --verbose
grep -q "keys.xlsx: note: not a MED-PC data file" "$tmp/err" || fail "--verbose: keys.xlsx not named"
if have_sqlite3; then
    expect_eq "plain: header block (subject, group, box, start, end, lines, profile)" \
        "$(sql "$tmp/plain.db" "select subject || ',' || group_label || ',' || box || ',' || start_time || ',' || end_time || ',' || line || '-' || last_line || ',' || profile from import_sessions")" \
        "14,sal,3,2016-08-12T09:33:16,2016-08-12T10:34:47,1-55,relapselab"
    if command -v sha256sum >/dev/null 2>&1; then
        expect_eq "provenance: the file's SHA-256" \
            "$(sql "$tmp/plain.db" "select sha256 from import_files")" \
            "$(sha256sum <"$d/data_03.med" | cut -c1-64)"
    fi
fi

# a folder with nothing to import: one line, exit 1, nothing written
mkdir "$tmp/none"
cp "$d/README.md" "$tmp/none/"
expect_exit 1 "folder without MED-PC data" "$RL" import-medpc "$tmp/none" --profile relapselab \
    --out "$tmp/none.db"
grep -q "no MED-PC data file among the inputs (1 files are not MED-PC data" "$tmp/err" \
    || { show_file stderr "$tmp/err"; fail "no MED-PC data: no message"; }
[ -e "$tmp/none.db" ] && fail "no MED-PC data: a database was written"

# a binary file named explicitly: one line, exit 1, nothing written
head -c 400 /dev/zero | tr '\000' 'a' >"$tmp/x.bin"
printf '\000\001\002garbage\377' >>"$tmp/x.bin"
expect_exit 1 "binary file" "$RL" import-medpc "$tmp/x.bin" --profile relapselab \
    --out "$tmp/bin.db"
expect_eq "binary file: lines on stderr" "$(wc -l <"$tmp/err" | tr -d ' ')" 1
expect_eq "binary file: the message" "$(cat "$tmp/err")" \
    "relapselab: error: $tmp/x.bin: not a MED-PC text file (binary content at byte 401)"
[ -s "$tmp/out" ] && fail "binary file: something on stdout"
[ -e "$tmp/bin.db" ] && fail "binary file: a database was written"

# a file cut in the middle of a number: its line and column
{
    printf 'Start Date: 05/06/24\nEnd Date: 05/06/24\nSubject: B1\nStart Time: 9:00:00\n'
    printf 'End Time: 10:00:00\nMSN: acquisition\nE:\n'
    printf '     0:        1.000        2.000        1.000        2.000        1.000\n'
    printf '     5:        1.000      100.000\nT:\n'
    printf '     0:        1.000        2.000        3.000        4.000        5.000\n'
    printf '     5:        6.0'
} >"$tmp/cut.txt"
expect_exit 1 "cut file" "$RL" import-medpc "$tmp/cut.txt" --profile relapselab \
    --out "$tmp/cut.db"
grep -qF "cut.txt:12:16: the file ends in the middle of a number ('6.0' with no line end after it)" \
    "$tmp/err" || { show_file stderr "$tmp/err"; fail "cut file: not reported at 12:16"; }
# cut after a digit: a number MED-PC prints has 3 decimals, so this one is cut too
head -c -2 "$tmp/cut.txt" >"$tmp/cut2.txt"  # "     5:        6"
expect_exit 1 "cut at a whole number" "$RL" import-medpc "$tmp/cut2.txt" --profile relapselab \
    --out "$tmp/cut2.db"
grep -qF "cut2.txt:12:16:" "$tmp/err" || { show_file stderr "$tmp/err"; fail "cut2: not at 12:16"; }
# cut at a line end: imported, the unpaired entries reported where T ends (line 11)
head -n 11 "$tmp/cut.txt" >"$tmp/cut3.txt"
expect_exit 0 "a session whose times stop a row early" "$RL" import-medpc "$tmp/cut3.txt" \
    --profile relapselab --out "$tmp/cut3.db"
grep -q "cut3.txt:11: warning: arrays E (codes) and T (times) differ in length" "$tmp/err" \
    || { show_file stderr "$tmp/err"; fail "cut3: the length warning is not at line 11"; }

# plot breakpoint without a progressive-ratio phase
expect_exit 1 "breakpoint without a PR phase" "$RL" plot "$tmp/cut3.db" breakpoint \
    -o "$tmp/bp.png"
grep -q "there is no progressive_ratio phase in the data" "$tmp/err" \
    || { show_file stderr "$tmp/err"; fail "breakpoint: does not say there is no PR phase"; }
[ -e "$tmp/bp.png" ] && fail "breakpoint: a figure was written"

# zero padding: parallel arrays honour skip_zero like every encoding; with it off, an array
# that ends in zeros gets a note
{
    printf 'Start Date: 05/06/24\nEnd Date: 05/06/24\nSubject: B1\nStart Time: 9:00:00\n'
    printf 'End Time: 10:00:00\nMSN: acquisition\nC:\n     0:        1.000        0.000\n'
    printf 'E:\n     0:        1.000      100.000        0.000        0.000        0.000\n'
    printf 'T:\n     0:       12.500     3600.000        0.000        0.000        0.000\n'
} >"$tmp/pad.txt"
expect_exit 0 "parallel padding kept by default" "$RL" import-medpc "$tmp/pad.txt" \
    --profile relapselab --out "$tmp/pad.db" --verbose
grep -q "pad.txt:10: note: array E ends in 3 zero entries" "$tmp/err" \
    || { show_file stderr "$tmp/err"; fail "padding: no note at line 10"; }
sed 's/^profile: relapselab/profile: rl-skip\nskip_zero: true/' profiles/relapselab.yaml \
    >"$tmp/skip.yaml"
expect_exit 0 "parallel padding, skip_zero true" "$RL" import-medpc "$tmp/pad.txt" \
    --profile "$tmp/skip.yaml" --out "$tmp/pad2.db" --verbose
grep -q "zero entries" "$tmp/err" && fail "padding: a note although skip_zero is on"
if have_sqlite3; then
    expect_eq "padding kept: events" "$(sql "$tmp/pad.db" "select n_events from sessions")" 6
    expect_eq "padding skipped: events" "$(sql "$tmp/pad2.db" "select n_events from sessions")" 3
fi

finish
