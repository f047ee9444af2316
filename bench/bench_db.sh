#!/bin/sh
# bench_db.sh -- `relapselab run` with its database, against the simulation alone, as the
# cohort grows (issue 12 items 4 and 6).
#
# usage: sh bench/bench_db.sh [build-dir] [repeats] [sizes-small] [sizes-seed]
#        (from the repository root; defaults: build, 5, "10 100 1000", "10 100")
#
# Protocols: tests/data/small.yaml (3 groups, 4 phases of 60-min sessions) and the seed
# study examples/gutierrez2014.yaml (16 groups), each copied with every group at n mice.
# For each: build/bench_seed PROTOCOL REPEATS 2 (2 threads, simulate and run interleaved,
# medians: the ratio run / simulate), then one `relapselab run --threads 2` under GNU time
# (cli_s) for its wall time and maximum resident memory, the database's size and bytes
# per event.
# Seed 20141219 everywhere. The seed study at n = 1000 (16,000 mice, ~30 M events) takes a
# few minutes: pass it in sizes-seed to include it.
set -eu
build=${1:-build}
repeats=${2:-5}
sizes_small=${3:-10 100 1000}
sizes_seed=${4:-10 100}
rl=$build/relapselab
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rl-bench-db.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

[ -x "$rl" ] && [ -x "$build/bench_seed" ] || { echo "bench_db: build first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench_db: GNU time (/usr/bin/time) is needed" >&2; exit 2; }

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u '+%Y-%m-%d %H:%M UTC')"
printf '%-22s %9s %11s %8s %8s %8s %10s %9s %11s %9s\n' protocol mice events sim_s run_s \
    run/sim cli_s maxrss_MiB db_MB bytes/event

one() { # LABEL YAML
    out=$("$build/bench_seed" "$2" "$repeats" 2)
    sim=$(echo "$out" | awk '/^simulate  /{print $5}')
    run=$(echo "$out" | awk '/^simulate \+ SQLite/{print $7}')
    ratio=$(echo "$out" | awk '/^ratio/{print $NF}')
    mice=$(echo "$out" | sed -n '1s/.*, \([0-9]*\) mice.*/\1/p')
    rm -f "$tmp/r.db"
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$rl" run "$2" --seed 20141219 --threads 2 \
        --out "$tmp/r.db" --quiet >/dev/null
    wall=$(cut -d' ' -f1 "$tmp/time")
    rss=$(cut -d' ' -f2 "$tmp/time")
    bytes=$(stat -c %s "$tmp/r.db")
    events=$(sqlite3 "$tmp/r.db" 'SELECT sum(n_events) FROM sessions')
    printf '%-22s %9s %11s %8s %8s %8s %10s %9.1f %11.1f %9.1f\n' "$1" "$mice" "$events" "$sim" \
        "$run" "$ratio" "$wall" "$(echo "$rss / 1024" | bc -l)" \
        "$(echo "$bytes / 1000000" | bc -l)" "$(echo "$bytes / $events" | bc -l)"
}

for n in $sizes_small; do
    sed "s/n: 3}/n: $n}/" tests/data/small.yaml > "$tmp/small-$n.yaml"
    one "small, n = $n/group" "$tmp/small-$n.yaml"
done
for n in $sizes_seed; do
    sed "s/ n: 10,/ n: $n,/" examples/gutierrez2014.yaml > "$tmp/seed-$n.yaml"
    one "seed, n = $n/group" "$tmp/seed-$n.yaml"
done
