#!/bin/sh
# test_mpi.sh -- `mpirun -n K relapselab validate|power|screen` (docs/SCALE.md): the studies
# (screen: the mice) split across K ranks, gathered on rank 0, give byte-identical reports to
# a plain run with the same seed.
#
# Checks, for K = 1, 2 and 3 ranks on this machine (--oversubscribe: more ranks than cores):
# `validate --json` of tests/data/power_small.yaml (6 studies), the text report of
# claims/gutierrez2014.yaml (4 studies: test calibration and magnitudes, which are summed
# in study order), and a run with fewer studies than ranks (2 studies, 3 ranks: a rank with
# none) equal the plain run's output byte for byte; stderr is empty of reports (rank 0 alone
# prints); `--check`'s exit status is the plain run's. `power --json` of power_small.yaml
# (n 4,6 over 12 studies; and n 4,6,8 over 40 with --precision 0.3, where the designs stop
# early at different studies: rank 0 must skip the outcomes past each stopping point) and
# its --csv table equal the plain run's. `screen` of examples/screens/kor.yaml (9 mice:
# blocks of 9, 5+4, 3+3+3) gives the plain run's ranked tables, JSON and --csv table. Skipped (77) when the binary was built
# without MPI (not linked to libmpi) or mpirun is absent. As root (CI's container) Open MPI
# needs OMPI_ALLOW_RUN_AS_ROOT*; under ASan, Open MPI's own allocations at exit are not
# ours, so leak detection is off for the mpirun runs.
#
# usage: sh tests/cli/test_mpi.sh /path/to/relapselab   (from the repository root)
. "$(dirname "$0")/lib.sh"

command -v mpirun >/dev/null 2>&1 || skip "mpirun not found (Debian: openmpi-bin)"
if ! command -v ldd >/dev/null 2>&1 || ! ldd "$RL" 2>/dev/null | grep -q 'libmpi'; then
    skip "$RL was built without MPI (Debian: libopenmpi-dev, then reconfigure)"
fi
OMPI_ALLOW_RUN_AS_ROOT=1
OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
OMPI_MCA_rmaps_base_oversubscribe=1
export OMPI_ALLOW_RUN_AS_ROOT OMPI_ALLOW_RUN_AS_ROOT_CONFIRM OMPI_MCA_rmaps_base_oversubscribe
mpi_env="ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

# same LABEL K CMD...: the output of CMD under `mpirun -n K` equals its plain output.
same() {
    label=$1
    k=$2
    shift 2
    "$RL" "$@" >"$tmp/plain.out" 2>"$tmp/plain.err"
    plain=$?
    env "$mpi_env" mpirun --oversubscribe -n "$k" "$RL" "$@" >"$tmp/mpi.out" 2>"$tmp/mpi.err"
    code=$?
    [ -s "$tmp/plain.out" ] || fail "$label: the plain run printed nothing"
    if ! cmp -s "$tmp/plain.out" "$tmp/mpi.out"; then
        fail "$label: $k ranks differ from the plain run"
        diff "$tmp/plain.out" "$tmp/mpi.out" | head -n 20 >&2
        show_file "mpirun stderr" "$tmp/mpi.err"
    fi
    expect_eq "$label, $k ranks: exit status" "$code" "$plain"
}

for k in 1 2 3; do
    same "validate --json power_small.yaml" "$k" \
        validate tests/data/power_small.yaml --replicates 6 --seed 3 --threads 1 --json
    same "validate claims/gutierrez2014.yaml" "$k" \
        validate claims/gutierrez2014.yaml --replicates 4 --seed 7 --threads 1
done
same "validate, 2 studies on 3 ranks" 3 \
    validate tests/data/power_small.yaml --replicates 2 --seed 5 --threads 1 --json
same "validate --check (exit 1: checks miss)" 2 \
    validate tests/data/power_small.yaml --replicates 3 --seed 1 --threads 1 --check

for k in 1 2 3; do
    same "power --json" "$k" \
        power tests/data/power_small.yaml --n 4,6 --replicates 12 --seed 2 --threads 1 --json
    same "power --precision 0.3 (sequential stopping)" "$k" \
        power tests/data/power_small.yaml --n 4,6,8 --replicates 40 --seed 2 --threads 1 \
        --precision 0.3
done
grep -q "n=4: 33, n=6: 35, n=8: 38" "$tmp/plain.out" \
    || note "the designs no longer stop at 33/35/38 studies: the stopping case may not be tested"
"$RL" power tests/data/power_small.yaml --n 4,6 --replicates 9 --seed 4 --threads 1 --quiet \
    --csv "$tmp/plain.csv" 2>/dev/null
env "$mpi_env" mpirun --oversubscribe -n 2 "$RL" power tests/data/power_small.yaml --n 4,6 \
    --replicates 9 --seed 4 --threads 1 --quiet --csv "$tmp/mpi.csv" 2>"$tmp/mpi.err"
[ -s "$tmp/plain.csv" ] || fail "power --csv: no table written by the plain run"
cmp -s "$tmp/plain.csv" "$tmp/mpi.csv" || fail "power --csv: 2 ranks differ from the plain run"

for k in 1 2 3; do
    same "screen (ranked tables)" "$k" \
        screen examples/screens/kor.yaml --n 3 --seed 2 --threads 1
    same "screen --json" "$k" \
        screen examples/screens/kor.yaml --n 3 --seed 4 --threads 1 --json
    rm -f "$tmp/plain.csv" "$tmp/mpi.csv"
    "$RL" screen examples/screens/kor.yaml --n 3 --seed 6 --threads 1 --quiet \
        --csv "$tmp/plain.csv" 2>/dev/null
    env "$mpi_env" mpirun --oversubscribe -n "$k" "$RL" screen examples/screens/kor.yaml \
        --n 3 --seed 6 --threads 1 --quiet --csv "$tmp/mpi.csv" 2>"$tmp/mpi.err"
    [ -s "$tmp/plain.csv" ] || fail "screen --csv: no table written by the plain run"
    cmp -s "$tmp/plain.csv" "$tmp/mpi.csv" \
        || fail "screen --csv: $k ranks differ from the plain run"
done
finish
