#!/bin/sh
# test_terminal_escapes.sh -- names with control characters (terminal escapes, newlines)
# are printed escaped -- \x1b, \n, ... -- in tables and messages (issue 14, item 11; the
# rules: src/core/text_safe.h): run's summary, summary's tables, a screen's report, an
# error message that quotes a name, import-medpc's report and its notes. No raw ESC, BEL
# or other control byte but the newline reaches the terminal.
#
# usage: sh tests/cli/test_terminal_escapes.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

esc=$(printf '\033')
bel=$(printf '\007')
cr=$(printf '\r')

# raw_free LABEL FILE: FILE holds no ESC, BEL or CR byte.
raw_free() {
    if grep -q "[$esc$bel$cr]" "$2"; then
        fail "$1: a raw control character was printed"
        od -c "$2" | grep -m3 '033\|\\a\|\\r' >&2
    fi
}

# has LABEL FILE TEXT: FILE contains TEXT (fixed string).
has() {
    grep -qF -- "$3" "$2" || { show_file "$1" "$2"; fail "$1: '$3' not printed"; }
}

# a protocol whose group and phase names hold a colour escape and a newline
write_small_protocol "$tmp/p.yaml"
sed -e 's/name: Pdyn-WT,/name: "W\\e[31mT\\nX",/' -e 's/- name: extinction$/- name: "ext\\e[2Jinction"/' \
    "$tmp/p.yaml" >"$tmp/ctl.yaml"
grep -q 'W\\e\[31mT' "$tmp/ctl.yaml" || die "could not write the protocol"
"$RL" run "$tmp/ctl.yaml" --seed 1 --out "$tmp/ctl.db" >"$tmp/out" 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; die "the run failed"; }
raw_free "run summary" "$tmp/out"
has "run summary" "$tmp/out" 'W\x1b[31mT\nX'
has "run summary" "$tmp/out" 'ext\x1b[2Jinction'
for by in group subject session; do
    "$RL" summary "$tmp/ctl.db" --by $by >"$tmp/out" 2>"$tmp/err" || fail "summary --by $by failed"
    raw_free "summary --by $by" "$tmp/out"
    has "summary --by $by" "$tmp/out" 'W\x1b[31mT\nX'
    has "summary --by $by" "$tmp/out" 'ext\x1b[2Jinction'
done

# an error message that quotes a name (a group with an unknown reinforcer)
sed -e '/name: Pdyn-KO,/s/reinforcer: cocaine/reinforcer: nope/' \
    -e 's/name: Pdyn-KO,/name: "K\\e]0;x\\aO",/' "$tmp/p.yaml" >"$tmp/bad.yaml"
grep -q 'reinforcer: nope' "$tmp/bad.yaml" || die "could not write the bad protocol"
"$RL" run "$tmp/bad.yaml" --seed 1 --out "$tmp/bad.db" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 1 ] || fail "the bad protocol was not refused with exit 1"
raw_free "error message" "$tmp/err"
has "error message" "$tmp/err" 'K\x1b]0;x\x07O'

# a screen whose title and a candidate's name hold escapes
sed -e "s|^screen: KOR.*|screen: \"K\\\\e[5mOR\"|" \
    -e "s|^protocol: ../screen_training.yaml|protocol: $(pwd)/examples/screen_training.yaml|" \
    -e 's|- name: nor-BNI 10 mg/kg i.p., 22 h before|- name: "nor\\e[8mBNI"|' \
    examples/screens/kor.yaml >"$tmp/screen.yaml"
"$RL" screen "$tmp/screen.yaml" --n 2 --seed 1 >"$tmp/out" 2>"$tmp/err" ||
    { show_file "stderr" "$tmp/err"; fail "the screen failed"; }
raw_free "screen report" "$tmp/out"
has "screen report" "$tmp/out" 'K\x1b[5mOR'
has "screen report" "$tmp/out" 'nor\x1b[8mBNI'

# MED-PC: header names with escapes, and a directory entry whose name holds one
mkdir "$tmp/lab"
{
    printf 'File: C:\\MED-PC IV\\DATA\\x\r\n\n\r\r\nStart Date: 01/02/24\r\nEnd Date: 01/02/24\r\n'
    printf 'Subject: M\0332J1\r\nExperiment: E\r\nGroup: G\033[1m1\r\nBox: 1\r\n'
    printf 'Start Time:  9:00:00\r\nEnd Time: 10:00:00\r\nMSN: acquisition\r\n'
    printf 'C:\r\n     0:        1.000        0.000        0.000        0.000\r\n'
    printf 'E:\r\n     0:        1.000      100.000\r\n'
    printf 'T:\r\n     0:       12.500     3600.000\r\n'
} >"$tmp/lab/a.txt"
echo "notes" >"$tmp/lab/n$(printf '\033')[2Jotes.txt"
"$RL" import-medpc "$tmp/lab" --profile relapselab --out "$tmp/lab.db" --quiet --verbose \
    >"$tmp/out" 2>"$tmp/err" || { show_file "stderr" "$tmp/err"; fail "the import failed"; }
raw_free "import notes" "$tmp/err"
has "import notes" "$tmp/err" 'n\x1b[2Jotes.txt: note: not a MED-PC data file'
"$RL" summary "$tmp/lab.db" --by session >"$tmp/out" 2>"$tmp/err" || fail "summary of the import"
raw_free "summary of the import" "$tmp/out" # (the MED-PC reader itself turns them into '?')

finish
