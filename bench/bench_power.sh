#!/bin/sh
# bench_power.sh -- the cost of a power sweep (`relapselab power`, docs/POWER.md) against one
# validation at the sweep's largest n.
#
# usage: sh bench/bench_power.sh [build-dir] [replicates] [repeats]   (from the repository root)
#
# Times, best of N (default 1), on 2 threads with seed 1, wall and CPU time (GNU time):
#   sweep     relapselab power (the seed claims) --n 6,8,10,12,15,20 --replicates R
#             (default R = 50): every study simulated once, at n = 20 (nested cohorts);
#   validate  relapselab validate --replicates R of the same claims with every group of the
#             seed protocol at n = 20 (a copy in a temporary folder): one study at the
#             largest n, R times.
# Prints both wall times, their ratio (the goal: the sweep costs about one study at
# the largest n, not the sum over the six sizes -- 71/20 = 3.55 times that), and both
# extrapolated to R = 1000 (time is linear in R). The load average is printed too: wall
# times on a shared machine vary with it; CPU times much less.
set -eu
build=${1:-build}
R=${2:-50}
repeats=${3:-1}
rl=$build/relapselab
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rl-bench-power.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# measure NAME COMMAND...: run COMMAND $repeats times; keep the best wall time and the CPU
# time (user + system, all threads) of that run in $NAME_wall and $NAME_cpu (seconds; CPU
# "nan" without GNU time). CPU time barely depends on the machine's load, wall time does.
measure() {
    name=$1
    shift
    bw=""
    bc=nan
    i=0
    while [ "$i" -lt "$repeats" ]; do
        if [ -x /usr/bin/time ]; then
            /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$@" >/dev/null 2>&1
            w=$(cut -d' ' -f1 "$tmp/time")
            c=$(awk '{ print $2 + $3 }' "$tmp/time")
        else
            t0=$(date +%s%N)
            "$@" >/dev/null 2>&1
            w=$(awk -v t="$(($(date +%s%N) - t0))" 'BEGIN { print t / 1e9 }')
            c=nan
        fi
        if [ -z "$bw" ] || awk -v a="$w" -v b="$bw" 'BEGIN { exit !(a < b) }'; then
            bw=$w
            bc=$c
        fi
        i=$((i + 1))
    done
    eval "${name}_wall=$bw ${name}_cpu=$bc"
}

# the seed protocol with 20 mice per group, and the seed claims on it
sed 's/ n: 10,/ n: 20,/' examples/gutierrez2014.yaml >"$tmp/seed20.yaml"
grep -q ' n: 20,' "$tmp/seed20.yaml" || { echo "bench_power: could not set n = 20" >&2; exit 1; }
sed "s|^protocol: .*|protocol: $tmp/seed20.yaml|" claims/gutierrez2014.yaml >"$tmp/claims20.yaml"

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
measure sweep "$rl" power --n 6,8,10,12,15,20 --replicates "$R" --seed 1 --threads 2 \
    --quiet --csv "$tmp/p.csv"
measure validate "$rl" validate "$tmp/claims20.yaml" --replicates "$R" --seed 1 --threads 2
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")

awk -v r="$R" -v sw="$sweep_wall" -v sc="$sweep_cpu" -v vw="$validate_wall" \
    -v vc="$validate_cpu" -v l0="$load" -v l1="$load_after" 'BEGIN {
    printf "power sweep of the seed claims, n = 6,8,10,12,15,20, R = %d studies, 2 threads\n", r
    printf "load average before %s, after %s\n", l0, l1
    printf "%-34s %8s %8s %16s %16s\n", "run", "wall s", "CPU s", "wall at R=1000", "CPU at R=1000"
    printf "%-34s %8.1f %8.1f %16.0f %16.0f\n", "power sweep (6 n, nested)", sw, sc,
        sw * 1000 / r, sc * 1000 / r
    printf "%-34s %8.1f %8.1f %16.0f %16.0f\n", "validate, every group at n = 20", vw, vc,
        vw * 1000 / r, vc * 1000 / r
    printf "ratio sweep / validate at n = 20: wall %.2f, CPU %.2f (the sum over the six n: 3.55)\n",
        sw / vw, sc / vc
}'
