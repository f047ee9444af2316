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
# data is used).
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
