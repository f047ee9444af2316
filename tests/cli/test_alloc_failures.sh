#!/bin/sh
# test_alloc_failures.sh -- every allocation site of run, summary (and summary --compare),
# export, import-medpc, calibrate, power and report --power fails once, cleanly.
#
# The library allocates through one allocator (src/core/alloc.h) whose fault-injection hook
# the tool exposes (relapselab/alloc.h): RL_ALLOC_TRACE=FILE logs each allocation's number
# and call site, RL_ALLOC_FAIL_AT=k makes allocation k fail. For each command, a first run
# logs the allocations; then, for each call site, the command runs again with the first
# allocation at that site failing. Each such run must end cleanly:
#   - exit status 0 or 1 (no crash, no sanitizer report -- under ASan/UBSan a leak or a
#     memory error changes the status and prints a report, which fails the check);
#   - on status 1, a message on stderr and nothing left in the output folder (no database,
#     no temporary file, no partial CSV or MED-PC file);
#   - on status 0, the command's output exists (the failure was absorbed).
# Single-threaded runs, so the allocation numbers are the same from run to run. Bounded: a
# tiny protocol, each call site once (a few dozen runs per command).
. "$(dirname "$0")/lib.sh"

write_small_protocol "$tmp/p.yaml"
"$RL" run "$tmp/p.yaml" --seed 3 --threads 1 --out "$tmp/base.db" --quiet ||
    die "the reference run failed"
"$RL" export "$tmp/base.db" --medpc "$tmp/medpc" >/dev/null || die "the reference export failed"

total=0
# sweep NAME OUTDIR-MARKER CMD...: sweep the command; "@OUT" in CMD is replaced by a fresh
# output folder for each run ($out), whose content is checked.
sweep() {
    name=$1
    shift
    out="$tmp/$name-trace"
    mkdir -p "$out"
    set_args "$out" "$@"
    if ! RL_ALLOC_TRACE="$tmp/$name.trace" "$RL" $args >/dev/null 2>"$tmp/$name.err"; then
        show_file "stderr" "$tmp/$name.err"
        fail "$name: the traced run failed"
        return
    fi
    awk '!seen[$2]++ { print $1 }' "$tmp/$name.trace" >"$tmp/$name.sites"
    n_sites=$(wc -l <"$tmp/$name.sites")
    [ "$n_sites" -gt 0 ] || fail "$name: no allocation was traced"
    for k in $(cat "$tmp/$name.sites"); do
        out="$tmp/$name-$k"
        mkdir -p "$out"
        set_args "$out" "$@"
        site=$(awk -v k="$k" '$1 == k { print $2 }' "$tmp/$name.trace")
        RL_ALLOC_FAIL_AT=$k "$RL" $args >"$tmp/out" 2>"$tmp/err"
        status=$?
        total=$((total + 1))
        if grep -q -e 'Sanitizer' -e 'runtime error' "$tmp/err"; then
            show_file "stderr" "$tmp/err"
            fail "$name: allocation $k ($site) failing: sanitizer report"
        elif [ "$status" -eq 1 ]; then
            [ -s "$tmp/err" ] || fail "$name: allocation $k ($site) failing: exit 1 without a message"
            left=$(find "$out" -mindepth 1 | head -n 3)
            [ -z "$left" ] || fail "$name: allocation $k ($site) failing: left $left"
        elif [ "$status" -eq 0 ]; then
            [ -n "$(find "$out" -mindepth 1 -type f | head -n 1)" ] ||
                fail "$name: allocation $k ($site) failing: exit 0 without output"
        else
            show_file "stderr" "$tmp/err"
            fail "$name: allocation $k ($site) failing: exit status $status"
        fi
        rm -rf "$out"
    done
    note "$name: $n_sites allocation sites failed one at a time"
}

# set_args OUTDIR CMD...: $args = CMD with @OUT replaced by OUTDIR.
set_args() {
    o=$1
    shift
    args=""
    for a in "$@"; do
        case $a in
            @OUT*) a="$o${a#@OUT}" ;;
        esac
        args="$args $a"
    done
}

sweep run run "$tmp/p.yaml" --seed 3 --threads 1 --out @OUT/r.db --quiet
sweep summary summary "$tmp/base.db" --by subject --csv @OUT/csv
sweep summary-compare summary "$tmp/base.db" --compare --csv @OUT/csv
sweep export-csv export "$tmp/base.db" --csv @OUT/csv
sweep export-medpc export "$tmp/base.db" --medpc @OUT/medpc
sweep import import-medpc "$tmp/medpc" --profile relapselab --out @OUT/lab.db --quiet
sweep calibrate calibrate tests/data/calibrate_small.yaml --params burst_s,want_gain \
    --design 2 --local 1 --replicates 1 --threads 1 --confirm 1 --confirm-top 1 \
    --holdout tests/data/calibrate_small.yaml \
    --out @OUT/c.json
sweep power power tests/data/power_small.yaml --n 2,3 --replicates 2 --threads 1 --quiet \
    --csv @OUT/p.csv -o @OUT/p.svg
"$RL" power tests/data/power_small.yaml --n 2,3 --replicates 2 --threads 1 --json \
    >"$tmp/p.json" 2>/dev/null || die "the reference power --json failed"
sweep report-power report --power "$tmp/p.json" -o @OUT/p.html
note "$total runs with one failing allocation"
finish
