#!/bin/sh
# bench_lab.sh -- the lab-data commands on the seed study's simulated cohort: MED-PC
# export and import, summary, report and figures.
#
# usage: sh bench/bench_lab.sh [build-dir] [repeats]    (from the repository root)
#
# Simulates examples/gutierrez2014.yaml (seed 20141219) once, then times, best of N
# (default 3): `export --medpc` of every session (one file each, profile relapselab),
# `import-medpc` of the files back into a database, `summary`, `report` and two figures
# (`plot reinstatement`, and `plot traces`, which re-simulates one mouse). Prints wall
# times and sessions, events and bytes per second. The files are synthetic (no shared lab
# data is used). Last, `relapselab screen` of examples/screens/kor.yaml (30 mice per
# genotype: 90 mice trained once, 18 tests each) on 1 and 2 threads: wall time, tests
# (cells x mice) per second and sessions per second.
set -eu
build=${1:-build}
repeats=${2:-3}
rl=$build/relapselab
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rl-bench-medpc.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

now() { date +%s%N; }
best() { # COMMAND...: best wall time in ns over $repeats runs
    b=0
    i=0
    while [ "$i" -lt "$repeats" ]; do
        t0=$(now)
        "$@" >/dev/null 2>&1
        t=$(($(now) - t0))
        if [ "$b" -eq 0 ] || [ "$t" -lt "$b" ]; then b=$t; fi
        i=$((i + 1))
    done
    echo "$b"
}

"$rl" run examples/gutierrez2014.yaml --seed 20141219 --out "$tmp/sim.db" --quiet >/dev/null
sessions=$(sqlite3 "$tmp/sim.db" 'select count(*) from sessions')
events=$(sqlite3 "$tmp/sim.db" 'select count(*) from events')

export_ns=$(best sh -c "rm -rf '$tmp/mpc' && '$rl' export '$tmp/sim.db' --medpc '$tmp/mpc'")
bytes=$(du -sb "$tmp/mpc" | cut -f1)
import_ns=$(best "$rl" import-medpc "$tmp/mpc" --profile relapselab --out "$tmp/back.db" --quiet)

summary_ns=$(best "$rl" summary "$tmp/sim.db")
report_ns=$(best "$rl" report "$tmp/sim.db" -o "$tmp/r.html")
bars_ns=$(best "$rl" plot "$tmp/sim.db" reinstatement -o "$tmp/r.png")
traces_ns=$(best "$rl" plot "$tmp/sim.db" traces --subject 3 --session 2 -o "$tmp/t.png")

awk -v s="$sessions" -v e="$events" -v b="$bytes" -v ex="$export_ns" -v im="$import_ns" 'BEGIN {
    printf "seed study: %d sessions, %d events, %.1f MB of MED-PC files\n", s, e, b / 1e6
    printf "%-22s %8s %14s %14s %12s\n", "step", "wall s", "sessions/s", "events/s", "MB/s"
    printf "%-22s %8.2f %14.0f %14.0f %12.1f\n", "export --medpc", ex / 1e9, s / (ex / 1e9), e / (ex / 1e9), b / 1e6 / (ex / 1e9)
    printf "%-22s %8.2f %14.0f %14.0f %12.1f\n", "import-medpc", im / 1e9, s / (im / 1e9), e / (im / 1e9), b / 1e6 / (im / 1e9)
}'
awk -v a="$summary_ns" -v r="$report_ns" -v p="$bars_ns" -v t="$traces_ns" 'BEGIN {
    printf "%-22s %8.2f\n", "summary", a / 1e9
    printf "%-22s %8.2f\n", "report (HTML)", r / 1e9
    printf "%-22s %8.2f\n", "plot reinstatement", p / 1e9
    printf "%-22s %8.2f\n", "plot traces", t / 1e9
}'

# relapselab screen: the shipped example, 30 mice per genotype
screen=examples/screens/kor.yaml
"$rl" screen "$screen" --seed 1 --n 30 --json >"$tmp/screen.json" 2>/dev/null
train=$(sed -n 's/^  "training_sessions": \([0-9]*\),$/\1/p' "$tmp/screen.json")
tests=$(sed -n 's/^  "test_sessions": \([0-9]*\),$/\1/p' "$tmp/screen.json")
screen1_ns=$(best "$rl" screen "$screen" --seed 1 --n 30 --threads 1 --quiet)
screen2_ns=$(best "$rl" screen "$screen" --seed 1 --n 30 --threads 2 --quiet)
awk -v tr="$train" -v te="$tests" -v a="$screen1_ns" -v b="$screen2_ns" 'BEGIN {
    printf "screen %s: 90 mice, %d training + %d test sessions\n", "'"$screen"'", tr, te
    printf "%-22s %8s %14s %14s\n", "step", "wall s", "tests/s", "sessions/s"
    printf "%-22s %8.2f %14.0f %14.0f\n", "screen, 1 thread", a / 1e9, te / (a / 1e9), (tr + te) / (a / 1e9)
    printf "%-22s %8.2f %14.0f %14.0f\n", "screen, 2 threads", b / 1e9, te / (b / 1e9), (tr + te) / (b / 1e9)
}'
