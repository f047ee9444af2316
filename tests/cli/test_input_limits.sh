#!/bin/sh
# test_input_limits.sh -- every input is bounded (issue 14, items 7 and 8): YAML depth and
# size, MED-PC file size, and the numbers that feed a time. Each refusal names the file (and
# the line where there is one) and writes nothing.
#
#   - YAML nested deeper than 64 (160 KB of '[', which took libyaml 38 s before the limit)
#     is refused at once at the 65th opening, in a protocol and in a decoding profile;
#   - a YAML file over 4 MiB (a sparse file) is refused unread;
#   - a MED-PC data file over 256 MiB is refused while it is read: a sparse file, and a FIFO
#     fed without end (a stream whose size stat() reports as 0), made in $tmp;
#   - times: a protocol's intersession_h of 1e300, a MED-PC time stamp or duration of 1e300,
#     a profile time_unit of 1e300 are refused with file:line; a database whose imported
#     session starts in the year 2147483647 exports MED-PC dates clamped to 9999 (under
#     UBSan: no undefined double -> long conversion).
#
# usage: sh tests/cli/test_input_limits.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

# expect_err LABEL PATTERN: stderr of the last command matches the grep pattern.
expect_err() {
    grep -q -- "$2" "$tmp/err" || { show_file "stderr" "$tmp/err"; fail "$1: no '$2' on stderr"; }
}

# session T0 DURATION_VAR: one MED-PC session (written by hand from the format of
# docs/MEDPC.md, relapselab's profile: E codes, T times in s); T0 is its first time stamp.
session() {
    printf 'File: C:\\MED-PC IV\\DATA\\x\r\n\n\r\r\nStart Date: 01/02/24\r\nEnd Date: 01/02/24\r\n'
    printf 'Subject: M1\r\nExperiment: E\r\nGroup: G1\r\nBox: 1\r\n'
    printf 'Start Time:  9:00:00\r\nEnd Time: 10:00:00\r\nMSN: acquisition\r\n'
    printf 'H:  %s\r\n' "$2"
    printf 'C:\r\n     0:        1.000        0.000        0.000        0.000\r\n'
    printf 'E:\r\n     0:        1.000      100.000\r\n'
    printf 'T:\r\n     0:   %s     3600.000\r\n' "$1"
}

write_small_protocol "$tmp/p.yaml"

# ---- YAML depth: 160 KB of '[' (80,000 levels), refused at column 65 of line 1
awk 'BEGIN { s = "["; while (length(s) < 80000) s = s s; printf "%s\n", substr(s, 1, 80000) }' \
    >"$tmp/deep.yaml"
expect_exit 1 "deep protocol" "$RL" run "$tmp/deep.yaml" --seed 1 --out "$tmp/deep.db"
# refused at column 65: the reader stopped at the limit instead of building 80,000 levels
# (which took 38 s before the limit; how long a refusal takes is not a test's business)
expect_err "deep protocol" "deep.yaml:1:65: nesting deeper than 64"
no_db "$tmp/deep.db"
# depth 64 is allowed: a protocol whose study sits under 63 more lists still parses (and is
# then refused for its content, not its depth)
awk 'BEGIN { o = ""; c = ""; for (i = 0; i < 63; i++) { o = o "["; c = c "]" }
             printf "study: %s1%s\n", o, c }' >"$tmp/deep64.yaml"
expect_exit 1 "depth 64" "$RL" run "$tmp/deep64.yaml" --seed 1 --out "$tmp/deep.db"
grep -q "nesting deeper" "$tmp/err" && fail "depth 64 was refused as too deep"
# a decoding profile, block style: 65 mappings deep, refused at line 65
awk 'BEGIN { print "profile: p"; for (i = 1; i <= 65; i++) printf "%*sk%d:\n", i - 1, "", i }' \
    >"$tmp/deep-profile.yaml"
session 12.500 3600 >"$tmp/a.txt"
expect_exit 1 "deep profile" "$RL" import-medpc "$tmp/a.txt" --profile "$tmp/deep-profile.yaml" \
    --out "$tmp/x.db"
expect_err "deep profile" "deep-profile.yaml:66:65: nesting deeper than 64"
no_db "$tmp/x.db"

# ---- YAML size: a 5 MiB (sparse) protocol and profile
truncate -s 5M "$tmp/huge.yaml" 2>/dev/null || die "truncate is needed"
expect_exit 1 "5 MiB protocol" "$RL" run "$tmp/huge.yaml" --seed 1 --out "$tmp/x.db"
expect_err "5 MiB protocol" "huge.yaml.*larger than"
expect_exit 1 "5 MiB profile" "$RL" import-medpc "$tmp/a.txt" --profile "$tmp/huge.yaml" \
    --out "$tmp/x.db"
expect_err "5 MiB profile" "huge.yaml: larger than 4 MiB (the limit of a YAML file)"
no_db "$tmp/x.db"

# ---- MED-PC file size: a 300 MiB sparse file (its first 8 KiB text: a file that starts
# with NUL bytes is refused sooner, as binary), then an endless FIFO
head -c 8192 /dev/zero | tr '\000' ' ' >"$tmp/big.txt"
truncate -s 300M "$tmp/big.txt"
expect_exit 1 "300 MiB MED-PC file" "$RL" import-medpc "$tmp/big.txt" --profile relapselab \
    --out "$tmp/big.db" --quiet
expect_err "300 MiB MED-PC file" "big.txt.*larger than 256 MiB (the limit of a MED-PC data file)"
rm -f "$tmp/big.txt"
if mkfifo "$tmp/fifo.txt" 2>/dev/null; then
    (yes '     0:        1.000        2.000        3.000' >"$tmp/fifo.txt") 2>/dev/null &
    feeder=$!
    expect_exit 1 "endless FIFO" "$RL" import-medpc "$tmp/fifo.txt" --profile relapselab \
        --out "$tmp/big.db" --quiet
    kill "$feeder" 2>/dev/null
    wait "$feeder" 2>/dev/null
    expect_err "endless FIFO" "fifo.txt.*larger than 256 MiB (the limit of a MED-PC data file)"
else
    note "mkfifo unavailable: FIFO case not run"
fi

# ---- times
sed 's/^intersession_h: 24$/intersession_h: 1e300/' "$tmp/p.yaml" >"$tmp/ih.yaml"
expect_exit 1 "intersession_h 1e300" "$RL" run "$tmp/ih.yaml" --seed 1 --out "$tmp/x.db"
expect_err "intersession_h 1e300" \
    "ih.yaml:3:17: protocol: intersession_h must be <= 8760 (one year) (got 1e+300)"
no_db "$tmp/x.db"

mkdir "$tmp/t"
session 1e300 3600 >"$tmp/t/a.txt" # the time stamp is on line 19 (line 3 is "\r\r\n")
expect_exit 1 "time stamp 1e300" "$RL" import-medpc "$tmp/t" --profile relapselab \
    --out "$tmp/t.db" --quiet
expect_err "time stamp 1e300" "a.txt:19: error: time 1e+300 s"
sed 's/^  100: session_end$//' profiles/relapselab.yaml >"$tmp/noend.yaml"
printf 'duration: {var: H, unit: s}\n' >>"$tmp/noend.yaml"
session 12.500 1e300 >"$tmp/t/a.txt" # no end code: the duration H (line 13) ends it
expect_exit 1 "duration 1e300" "$RL" import-medpc "$tmp/t" --profile "$tmp/noend.yaml" \
    --out "$tmp/t.db" --quiet
expect_err "duration 1e300" "a.txt:13: error: duration H = 1e+300 s"
sed 's/^time_unit: s$/time_unit: 1e300/' profiles/relapselab.yaml >"$tmp/unit.yaml"
expect_exit 1 "time_unit 1e300" "$RL" import-medpc "$tmp/t" --profile "$tmp/unit.yaml" \
    --out "$tmp/x.db"
unit_line=$(grep -n '^time_unit: s$' profiles/relapselab.yaml | cut -d: -f1)
expect_err "time_unit 1e300" "unit.yaml:$unit_line:12: .*time unit must be"

# a database whose imported session starts in the year 2147483647: the MED-PC export clamps
# its dates to 9999-12-31 (the conversion to a whole second was undefined before)
if have_sqlite3; then
    session 12.500 3600 >"$tmp/t/a.txt"
    expect_exit 0 "import" "$RL" import-medpc "$tmp/t" --profile relapselab --out "$tmp/i.db" \
        --quiet
    sql "$tmp/i.db" "UPDATE import_sessions SET start_time = '2147483647-01-01T09:00:00'"
    expect_exit 0 "export of a far date" "$RL" export "$tmp/i.db" --medpc "$tmp/far"
    # (an imported session keeps its file's name, a.txt: the clamp shows in the header)
    grep -q '^Start Date: 12/31/99' "$tmp/far/a.txt" ||
        { cat "$tmp/far/a.txt" >&2; fail "far date: the start date is not clamped to 9999-12-31"; }
else
    note "sqlite3 absent: far-date export not checked"
fi

finish
