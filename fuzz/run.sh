#!/bin/sh
# run.sh -- run the libFuzzer targets of a fuzz build (`make fuzz`, `make test-fuzz`).
#
#   fuzz/run.sh [-t SECONDS] [-j JOBS] [-c CORPUS_DIR] BUILD_DIR [TARGET...]
#
#   -t SECONDS     how long each target runs (default 60)
#   -j JOBS        how many targets run at the same time (default 2)
#   -c CORPUS_DIR  keep what the fuzzer adds in CORPUS_DIR/<target>/ (it grows from run to
#                  run); default: a temporary folder, removed at the end
#   TARGET         protocol, screen, claims, profile, medpc (default: all five)
#
# Each target reads its seeds (fuzz/corpus/<target>/) and regression inputs
# (fuzz/regressions/<target>/) and writes new inputs only into the writable corpus, so the
# committed corpus never grows. An extra read-only seed folder for a target can be given in
# FUZZ_EXTRA_<target> (e.g. FUZZ_EXTRA_medpc=../shared/data/medpc: lab files, used locally,
# never committed). Logs go to BUILD_DIR/fuzz-logs/<target>.log, crashing inputs to
# BUILD_DIR/fuzz-artifacts/<target>/. Prints one line per target (executions, coverage);
# for a crash, the end of the log, the input's path and how to replay it. Exit status 1 when
# any target crashed (or leaked, hung, ran out of memory), 2 on a usage error.
# Run from the repository root.
set -u
seconds=60
jobs=2
corpus=
while getopts t:j:c: opt; do
    case $opt in
    t) seconds=$OPTARG ;;
    j) jobs=$OPTARG ;;
    c) corpus=$OPTARG ;;
    *) exit 2 ;;
    esac
done
shift $((OPTIND - 1))
build=${1:?usage: fuzz/run.sh [-t SECONDS] [-j JOBS] [-c CORPUS_DIR] BUILD_DIR [TARGET...]}
shift
targets=${*:-protocol screen claims profile medpc}
[ -d fuzz/corpus ] || { echo "fuzz/run.sh: run from the repository root" >&2; exit 2; }

# The longest input libFuzzer makes for a target, a little above its largest seed.
max_len() {
    case $1 in
    medpc) echo 16384 ;;  # generated MED-PC seeds up to 9.5 kB, a PR session
    *) echo 8192 ;;       # YAML seeds up to 6 kB (examples/gutierrez2014.yaml)
    esac
}

tmp=
if [ -z "$corpus" ]; then
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/rl_fuzz_corpus_XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    corpus=$tmp
fi
mkdir -p "$build/fuzz-logs"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# Start target $1 in the background; its pid is in $pid.
start() {
    t=$1
    exe="$build/fuzz_$t"
    [ -x "$exe" ] || { echo "fuzz/run.sh: $exe not found (make build-fuzz)" >&2; exit 2; }
    mkdir -p "$corpus/$t" "$build/fuzz-artifacts/$t"
    eval "extra=\${FUZZ_EXTRA_$t:-}"
    "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len="$(max_len "$t")" -print_final_stats=1 \
        -artifact_prefix="$build/fuzz-artifacts/$t/" \
        "$corpus/$t" "fuzz/corpus/$t" "fuzz/regressions/$t" ${extra:+"$extra"} \
        > "$build/fuzz-logs/$t.log" 2>&1 &
    pid=$!
}

# Report on target $1, whose process exited with status $2; returns 1 for a crash.
report() {
    t=$1
    log="$build/fuzz-logs/$t.log"
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
    cov=$(grep -o 'cov: [0-9]* ft: [0-9]* corp: [0-9]*' "$log" | tail -n 1)
    if [ "$2" -eq 0 ]; then
        echo "fuzz: $t: ${runs:-?} runs in ${seconds} s (${speed:-?}/s)," \
            "${cov:-no coverage line}, peak RSS ${rss:-?} MB: no crash"
        return 0
    fi
    echo "fuzz: $t: FAILED (exit status $2) after ${runs:-?} runs; end of $log:" >&2
    tail -n 60 "$log" | sed 's/^/    /' >&2
    inputs=$(sed -n "s/.*Test unit written to \(.*\)$/\1/p" "$log")
    for f in $inputs; do
        echo "fuzz: $t: the input is $f" >&2
        echo "fuzz:   replay it:   $build/fuzz_$t $f" >&2
        echo "fuzz:   once fixed, keep it: cp $f fuzz/regressions/$t/<what-it-was>" >&2
    done
    [ -n "$inputs" ] || echo "fuzz: $t: no input saved (see the log)" >&2
    return 1
}

failed=0
# shellcheck disable=SC2086 # the list of target names is split into words on purpose
set -- $targets
while [ $# -gt 0 ]; do
    batch=
    pids=
    n=0
    while [ $# -gt 0 ] && [ $n -lt "$jobs" ]; do
        start "$1"
        batch="$batch $1"
        pids="$pids $pid"
        n=$((n + 1))
        shift
    done
    for t in $batch; do
        p=${pids# }
        p=${p%% *}
        pids=${pids# }
        pids=${pids#"$p"}
        status=0
        wait "$p" || status=$?
        report "$t" "$status" || failed=1
    done
done
exit $failed
