# lib.sh -- helpers shared by the command-line tests (tests/cli/test_*.sh).
#
# Each test is run by CTest as `sh tests/cli/test_NAME.sh /path/to/relapselab` from the
# repository root, and sources this file with `. "$(dirname "$0")/lib.sh"`. POSIX sh only.
#
# After sourcing: $RL is the relapselab binary, $tmp a private temporary directory that is
# removed on exit, and `failures` counts failed checks; call `finish` at the end.
# Exit status: 0 passed, 1 failed, 2 usage, 77 skipped (`skip`: the test cannot run here,
# e.g. ../shared is absent; CTest shows it as "Skipped", cmake/tests.cmake).

test_name=$(basename "$0" .sh)
failures=0

RL=${1:-}
if [ -z "$RL" ]; then
    echo "$test_name: usage: sh $0 /path/to/relapselab" >&2
    exit 2
fi
case $RL in
    /*) ;;
    *) RL=$(pwd)/$RL ;;
esac
if [ ! -x "$RL" ]; then
    echo "$test_name: FAIL: relapselab binary '$RL' is not an executable file" >&2
    exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rl-$test_name.XXXXXX") || exit 1
cleanup() {
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT
trap 'cleanup; exit 143' TERM

# fail MESSAGE...: record a failed check (the test goes on, and exits 1 at `finish`).
fail() {
    echo "$test_name: FAIL: $*" >&2
    failures=$((failures + 1))
}

# die MESSAGE...: a failure after which the test cannot go on.
die() {
    echo "$test_name: FAIL: $*" >&2
    exit 1
}

note() {
    echo "$test_name: $*"
}

# skip REASON...: the test cannot run here (data or a tool absent): say why and exit 77,
# which CTest reports as "Skipped". Only before any check has failed: a failure wins.
skip() {
    if [ "$failures" -ne 0 ]; then
        echo "$test_name: $failures check(s) failed before the skip ($*)" >&2
        exit 1
    fi
    echo "$test_name: SKIP: $*"
    exit 77
}

# The project's shared folder (real MED-PC files, research notes): ../shared from the
# repository root, or $RL_SHARED_DIR (e.g. from a git worktree).
shared_dir=${RL_SHARED_DIR:-../shared}

# need_shared REL: skip the test unless $shared_dir/REL is a directory.
need_shared() {
    [ -d "$shared_dir/$1" ] || skip "$shared_dir/$1 not found (set RL_SHARED_DIR to run it)"
}

# finish: print the verdict and exit with it.
finish() {
    if [ "$failures" -ne 0 ]; then
        echo "$test_name: $failures check(s) failed" >&2
        exit 1
    fi
    echo "$test_name: all checks passed"
    exit 0
}

# show_file LABEL FILE: print a file (indented) to stderr, to explain a failure.
show_file() {
    echo "  --- $1:" >&2
    sed -e 's/^/  | /' "$2" >&2
}

have_sqlite3() {
    command -v sqlite3 >/dev/null 2>&1
}

# sql DB QUERY: run a query with the sqlite3 shell; prints the result.
sql() {
    sqlite3 -batch "$1" "$2"
}

# expect_exit CODE LABEL CMD...: run CMD (stdout/stderr to $tmp/out, $tmp/err), check status.
expect_exit() {
    want=$1
    label=$2
    shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" -ne "$want" ]; then
        show_file "stderr" "$tmp/err"
        fail "$label: exit status $got, expected $want"
    fi
}

# expect_eq WHAT GOT WANT
expect_eq() {
    if [ "$2" != "$3" ]; then
        fail "$1: got '$2', expected '$3'"
    fi
}

# no_db PATH: no database and no temporary database file may exist at PATH.
no_db() {
    if [ -e "$1" ]; then
        fail "database '$1' exists but should not"
    fi
    for leftover in "$1".tmp*; do
        if [ -e "$leftover" ]; then
            fail "temporary file '$leftover' was left behind"
        fi
    done
}

# write_small_protocol FILE: a tiny protocol (2 groups x 3 mice: WT and Pdyn-/-, cocaine;
# acquisition, progressive ratio, extinction to criterion, cue-induced reinstatement) that
# runs in a fraction of a second.
# medpc_session SUBJECT DATE C0: a one-session MED-PC IV file in the relapselab profile's
# layout (program "acquisition", box 1, group G1) with one active (code 1) and one inactive
# (2) poke and the session end (100); C(0), the program's count of active pokes, is C0
# ("1.000" agrees with the decoded events, "5.000" is a counts mismatch).
medpc_session() {
    printf 'File: x\r\n\r\nStart Date: %s\r\nEnd Date: %s\r\n' "$2" "$2"
    printf 'Subject: %s\r\nExperiment: E\r\nGroup: G1\r\nBox: 1\r\n' "$1"
    printf 'Start Time:  9:00:00\r\nEnd Time: 10:00:00\r\nMSN: acquisition\r\n'
    printf 'C:\r\n     0:        %s        1.000        0.000        0.000\r\n' "$3"
    printf 'E:\r\n     0:        1.000        2.000      100.000\r\n'
    printf 'T:\r\n     0:       12.500       20.000     3600.000\r\n'
}

write_small_protocol() {
    cat >"$1" <<'EOF'
# Tiny protocol for the command-line tests: 2 groups x 3 mice, short sessions.
study: relapselab CLI test (tiny protocol)
intersession_h: 24

reinforcers:
  cocaine:
    type: drug
    drug: cocaine
    dose_mg_per_kg: 1.0
    infusion_s: 2
    volume_ul: 23.5

procedures:
  cocaine:
    - name: acquisition
      kind: acquisition
      schedule: {type: FR, ratio: 1}
      session_min: 30
      timeout_s: 15
      cue_s: 4
      active_response: [reinforcer, cue]
      sessions: 3
      criterion: {type: acquisition, min_reinforcers: 5, min_active_fraction: 0.75,
                  max_deviation: 0.20, consecutive: 2}
    - name: progressive_ratio
      kind: progressive_ratio
      schedule: {type: PR, series: [1, 2, 4, 6, 9, 12, 15, 20, 25, 32]}
      session_min: 30
      timeout_s: 15
      cue_s: 4
      active_response: [reinforcer, cue]
      limits: {no_reinforcer_stop_min: 10}
      sessions: 1
    - name: extinction
      kind: extinction
      schedule: {type: FR, ratio: 1}
      session_min: 30
      active_response: []
      sessions: {until: criterion, max: 5}
      criterion: {type: extinction, max_fraction_of_reference: 0.30,
                  reference_phase: acquisition, consecutive: 2}
    - name: cue_reinstatement
      kind: reinstatement
      schedule: {type: FR, ratio: 1}
      session_min: 30
      timeout_s: 15
      cue_s: 4
      active_response: [cue]
      sessions: 1

groups:
  - {name: Pdyn-WT, line: Pdyn, genotype: WT,      reinforcer: cocaine, procedure: cocaine, n: 3, sex: male}
  - {name: Pdyn-KO, line: Pdyn, genotype: Pdyn-/-, reinforcer: cocaine, procedure: cocaine, n: 3, sex: male}
EOF
}

# sigint_job PID: send SIGINT to the background job PID 0.2 s after it started, then every
# 0.2 s while it runs (a background job of a non-interactive shell starts with SIGINT
# ignored until the program installs its handler, so one early signal could be lost), wait
# for it and set $code to its exit status. Bounded: 60 s of signals.
sigint_job() {
    (
        sleep 0.2
        i=0
        while [ $i -lt 300 ] && kill -INT "$1" 2>/dev/null; do
            sleep 0.2
            i=$((i + 1))
        done
    ) &
    sigint_killer=$!
    wait "$1"
    code=$?
    wait "$sigint_killer"
}

# block_kept DOC NAME BEFORE AFTER OUT: DOC has one <!-- NAME:begin --> .. <!-- NAME:end -->
# block with the text of files BEFORE and AFTER around it, byte for byte (a failed check is
# reported); the block, markers included, is written to OUT. For the scripts that write one
# section of docs/VALIDATION.md and must keep the rest.
block_kept() {
    _b=$(grep -n "^<!-- $2:begin -->\$" "$1" | cut -d: -f1)
    _e=$(grep -n "^<!-- $2:end -->\$" "$1" | cut -d: -f1)
    [ -n "$_b" ] && [ -n "$_e" ] || die "$2 markers missing after the run"
    head -n $((_b - 1)) "$1" >"$5.before"
    tail -n +$((_e + 1)) "$1" >"$5.after"
    cmp -s "$3" "$5.before" || fail "the text before the $2 section changed"
    cmp -s "$4" "$5.after" || fail "the text after the $2 section changed"
    sed -n "${_b},${_e}p" "$1" >"$5"
}
