#!/bin/sh
# test_import_walk.sh -- `import-medpc DIR` visits every directory and file once (issue 14,
# item 1): a symbolic link loop (`ln -s . d/s`, which made the walk run forever and grow
# to 1.6 GB) ends, a file reached by two paths (a link, or named twice) is imported once,
# and a FIFO inside the directory (opening it would block) is skipped; each skip is named
# in a note on stderr. The MED-PC files are written by hand from the format (docs/MEDPC.md,
# relapselab's profile: E codes, T times in s).
#
# usage: sh tests/cli/test_import_walk.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

session() { # SUBJECT DATE
    printf 'File: C:\\MED-PC IV\\DATA\\x\r\n\n\r\r\nStart Date: %s\r\nEnd Date: %s\r\n' "$2" "$2"
    printf 'Subject: %s\r\nExperiment: E\r\nGroup: G1\r\nBox: 1\r\n' "$1"
    printf 'Start Time:  9:00:00\r\nEnd Time: 10:00:00\r\nMSN: acquisition\r\n'
    printf 'C:\r\n     0:        1.000        0.000        0.000        0.000\r\n'
    printf 'E:\r\n     0:        1.000      100.000\r\n'
    printf 'T:\r\n     0:       12.500     3600.000\r\n'
}

# a watchdog for the walk: before the fix it never ended
run_bounded() {
    if command -v timeout >/dev/null 2>&1; then
        timeout 60 "$@"
    else
        "$@"
    fi
}

d=$tmp/d
mkdir -p "$d/sub"
session M1 01/02/24 >"$d/a.txt"
session M1 01/03/24 >"$d/sub/b.txt"
ln -s . "$d/s" || die "cannot make a symbolic link"
ln -s .. "$d/sub/up"
ln -s a.txt "$d/c.txt"
fifo=no
if mkfifo "$d/f" 2>/dev/null; then
    fifo=yes
fi

run_bounded "$RL" import-medpc "$d" "$d/a.txt" --profile relapselab --out "$tmp/lab.db" \
    --quiet >"$tmp/out" 2>"$tmp/err"
code=$?
if [ "$code" -ne 0 ]; then
    show_file "stderr" "$tmp/err"
    fail "import of a directory with a link loop exited $code (124: still walking after 60 s)"
fi
grep -q "Imported 2 of 2 sessions .* from 2 files" "$tmp/out" ||
    { show_file "stdout" "$tmp/out"; fail "not each file once (2 sessions from 2 files)"; }
for pattern in "d/s: note: the directory .*/d again (a symbolic link), not walked twice" \
    "d/sub/up: note: the directory .*/d again" \
    "d/c.txt: note: the same file as .*/d/a.txt, not imported twice" \
    "d/a.txt: note: named twice, read once"; do
    grep -q -- "$pattern" "$tmp/err" || { show_file "stderr" "$tmp/err"; fail "no note '$pattern'"; }
done
if [ "$fifo" = yes ]; then
    grep -q "d/f: note: not a regular file" "$tmp/err" ||
        { show_file "stderr" "$tmp/err"; fail "the FIFO was not named as skipped"; }
fi
if have_sqlite3 && [ -f "$tmp/lab.db" ]; then
    expect_eq "files recorded" "$(sql "$tmp/lab.db" 'SELECT count(*) FROM import_files')" 2
    expect_eq "sessions imported" "$(sql "$tmp/lab.db" 'SELECT count(*) FROM sessions')" 2
fi

finish
